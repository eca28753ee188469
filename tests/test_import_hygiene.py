"""The core and interop never import the UI toolkit; the CLI doesn't import Textual.

Each import runs in a fresh interpreter, so what another test already imported can't hide
(or fake) a dependency.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import connecttui.core
import connecttui.interop

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2:]))))
"""


def modules_of(package) -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    )


LIBRARY_MODULES = (
    ["connecttui.core", "connecttui.interop"]
    + modules_of(connecttui.core)
    + modules_of(connecttui.interop)
)


def imported(module: str, *watched: str) -> list[str]:
    """Which of `watched` top-level packages importing `module` pulls in."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, module, *watched],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 0, f"importing {module} failed:\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_discovery_finds_the_core():
    for name in ("connecttui.core.store.models", "connecttui.core.people",
                 "connecttui.core.touches", "connecttui.core.store.migrations.m0001_initial",
                 "connecttui.interop.backup"):
        assert name in LIBRARY_MODULES


@pytest.mark.parametrize("module", LIBRARY_MODULES)
def test_library_module_imports_no_ui(module):
    assert imported(module, "textual", "rich") == []


def test_cli_imports_no_textual():
    assert imported("connecttui.cli.root", "textual") == []


def test_the_probe_sees_textual():
    """The check itself can fail: importing Textual is noticed."""
    assert imported("textual.app", "textual", "rich") == ["rich", "textual"]
