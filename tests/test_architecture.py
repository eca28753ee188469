"""The closed core, checked on the source: every import the core and interop make.

tests/test_import_hygiene.py imports each module and looks at what got loaded (it catches
imports made at import time, through any chain). This file complements it: it reads every
import statement with `ast`, including the ones inside functions (run only later, so the
hygiene test cannot see them) and `importlib.import_module("...")` string literals, and
checks the layering contracts (issue 16):

- connecttui.core (store included) imports no settings, interop, TUI, CLI, textual or rich:
  the faces hand it a `core.policy.Policy`, the time zone and the backups folder.
- connecttui.interop imports no TUI or CLI, and no settings either (it does not need them).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "connecttui"

FORBIDDEN = {
    "core": ("connecttui.tui", "connecttui.cli", "connecttui.interop", "connecttui.settings",
             "textual", "rich"),
    "interop": ("connecttui.tui", "connecttui.cli", "connecttui.settings", "textual"),
}


def imports_of(source: str, module: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in `source`, the module `module` (for relative
    imports): top level or nested, `import x`, `from x import y` (as x and x.y) and
    `importlib.import_module("x")` / `import_module("x")` with a literal name."""
    package = module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and _is_import_module(node.func) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((node.lineno, first.value))
    return found


def _is_import_module(func: ast.expr) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__")


def violations(source: str, module: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{module}:{line} imports {name}"
        for line, name in imports_of(source, module)
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    ]


def modules_under(layer: str) -> list[tuple[str, Path]]:
    root = PACKAGE / layer
    return [
        (".".join(("connecttui", *path.relative_to(PACKAGE).with_suffix("").parts)), path)
        for path in sorted(root.rglob("*.py"))
    ]


def test_the_walk_finds_the_layers():
    core = dict(modules_under("core"))
    interop = dict(modules_under("interop"))
    assert "connecttui.core.store.models" in core and "connecttui.core.policy" in core
    assert "connecttui.core.store.migrations.m0001_initial" in core
    assert "connecttui.interop.backup" in interop and len(core) > 20


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_keeps_its_contract(layer):
    problems = []
    for module, path in modules_under(layer):
        problems += violations(path.read_text(encoding="utf-8"), module, FORBIDDEN[layer])
    assert problems == []


# The checker itself: each of these must be caught, or a green run above proves nothing.
CAUGHT = [
    ("def later():\n    from connecttui.settings import config\n", "connecttui.settings.config"),
    ("import textual.app\n", "textual.app"),
    ("from connecttui import tui\n", "connecttui.tui"),
    ("from ...interop import backup\n", "connecttui.interop.backup"),
    ("import importlib\nimportlib.import_module('connecttui.cli.root')\n", "connecttui.cli.root"),
    ("def f():\n    if True:\n        import rich.console\n", "rich.console"),
]


@pytest.mark.parametrize(("source", "name"), CAUGHT)
def test_the_checker_catches_a_violation(source, name):
    found = violations(source, "connecttui.core.store.fake", FORBIDDEN["core"])
    assert len(found) >= 1 and any(name in line for line in found)


def test_the_checker_lets_allowed_imports_through():
    source = "from connecttui.core import dates\nimport pendulum\nfrom . import db\n"
    assert violations(source, "connecttui.core.store.fake", FORBIDDEN["core"]) == []
    assert violations("import richer\n", "connecttui.core.x", FORBIDDEN["core"]) == []
