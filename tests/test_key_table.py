"""The README's key tables against the bindings the help screen is generated from, and the
palette against the main screen's keys: none of the three may drift from the others.

Each check is a function returning the problems it finds, so the same code is run on the
real README (no problems) and on altered copies (problems), proving it can fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connecttui.tui.app import make_app
from connecttui.tui.commands import ACTIONS
from connecttui.tui.screens.help import sections
from connecttui.tui.screens.main import MainScreen
from connecttui.tui.widgets.kinds import KIND_KEYS

README = Path(__file__).resolve().parent.parent / "README.md"

NAMES = {"slash": "/", "question_mark": "?", "^p": "ctrl+p", "^s": "ctrl+s", "esc": "escape"}
WORDS = {"arrows": {"up", "down"}}
"""Keys the README names in words rather than in backticks."""

MAIN_SECTIONS = ("Main screen", "Lists", "Everywhere", "First start (no contacts yet)")
"""The help sections the README's main-screen table covers (it lists the moves and the
app-wide keys too)."""

REVIEW_NOT_IN_TABLE = {"tab"}
"""The review's `tab` only leaves the reflection field on its last step: the README says so
in prose ("a line of reflection"), not as a key of the review."""

PALETTE_EXCEPTIONS = {
    "focus_pane": "1 2 3 move the focus between panes; the palette takes the focus itself",
    "next_pane": "tab cycles the panes; same reason",
}


def norm(key: str) -> str:
    return NAMES.get(key, key)


def help_keys(titles) -> set[str]:
    app = make_app("unused.db", watch=False)
    found = set()
    for title, rows in sections(app):
        if title in titles:
            for keys, _ in rows:
                found |= {norm(key) for key in keys.split()}
    return found


def section(text: str, heading: str) -> str:
    """The text of a README section, from its heading to the next heading of any level."""
    start = text.index(heading + "\n")
    following = re.search(r"\n#{2,3} ", text[start + len(heading):])
    end = start + len(heading) + following.start() if following else len(text)
    return text[start:end]


def table_keys(block: str) -> set[str]:
    """Keys in the first column of the first table in `block`."""
    keys: set[str] = set()
    rows = [line for line in block.splitlines() if line.startswith("|")]
    for row in rows[2:]:  # after the header and the |---| line
        first = row.split(" | ")[0].lstrip("| ")
        keys |= {norm(key) for key in re.findall(r"`([^`]+)`", first)}
        for word, named in WORDS.items():
            if word in re.sub(r"`[^`]+`", "", first):
                keys |= named
    return keys


def compare(what: str, readme: set[str], bindings: set[str]) -> list[str]:
    problems = [f"{what}: `{key}` is bound but not in the README" for key in
                sorted(bindings - readme)]
    problems += [f"{what}: `{key}` is in the README but no binding has it" for key in
                 sorted(readme - bindings)]
    return problems


def main_table_problems(text: str) -> list[str]:
    readme = table_keys(section(text, "## The main screen"))
    return compare("main screen", readme, help_keys(MAIN_SECTIONS))


def briefing_problems(text: str) -> list[str]:
    """Every briefing key is named in the README's briefing section, and every key of its
    table is a briefing key."""
    block = section(text, "### The briefing (`enter`)")
    bound = help_keys(("Briefing (enter)",))
    named = {norm(key) for key in re.findall(r"`([^`]+)`", block)}
    problems = [f"briefing: `{key}` is bound but not in the README" for key in
                sorted(bound - named)]
    problems += [f"briefing: `{key}` is in the README's table but no binding has it"
                 for key in sorted(table_keys(block) - bound)]
    return problems


def review_problems(text: str) -> list[str]:
    readme = table_keys(section(text, "### The Friday review (`r`)"))
    return compare("review", readme, help_keys(("Weekly review (r)",)) - REVIEW_NOT_IN_TABLE)


def log_kind_problems(text: str) -> list[str]:
    """The log dialog's kind letters, each with its word ("`c` call"), as the help shows them."""
    block = section(text, "### The log dialog (`l`)")
    readme = dict(re.findall(r"`(\w)` (\w+)", block.split("One key picks the kind")[1]
                             .split("`enter` saves")[0]))
    problems = [f"log dialog: `{key}` {kind} is not in the README" for key, kind in
                KIND_KEYS.items() if readme.get(key) != kind]
    problems += [f"log dialog: `{key}` {kind} is in the README but not a kind key" for
                 key, kind in readme.items() if KIND_KEYS.get(key) != kind]
    return problems


CHECKS = (main_table_problems, briefing_problems, review_problems, log_kind_problems)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_readme_agrees_with_the_bindings(home, check):
    assert check(README.read_text(encoding="utf-8")) == []


def test_a_readme_key_no_binding_has_fails(home):
    text = README.read_text(encoding="utf-8").replace(
        "| `q` | quit |\n", "| `q` | quit |\n| `Y` | a key no binding has |\n", 1)
    assert main_table_problems(text) == [
        "main screen: `Y` is in the README but no binding has it"]


def test_a_binding_missing_from_the_readme_fails(home):
    text = README.read_text(encoding="utf-8").replace("| `u` | undo", "| undo", 1)
    assert main_table_problems(text) == ["main screen: `u` is bound but not in the README"]


def test_a_wrong_kind_letter_fails(home):
    text = README.read_text(encoding="utf-8").replace("`c` call", "`k` call", 1)
    assert "log dialog: `c` call is not in the README" in log_kind_problems(text)


def test_a_review_key_missing_from_the_readme_fails(home):
    text = README.read_text(encoding="utf-8").replace("| `d` | remove", "| remove", 1)
    assert review_problems(text) == ["review: `d` is bound but not in the README"]


def palette_problems(actions) -> list[str]:
    palette = {action.split("(")[0].removeprefix("app.") for _, action, _ in actions}
    problems = []
    for binding in MainScreen.BINDINGS:
        name = binding.action.split("(")[0].removeprefix("app.")
        if name not in palette and name not in PALETTE_EXCEPTIONS:
            problems.append(f"`{binding.key}` ({binding.action}) has no palette command")
    return problems


def test_every_main_screen_key_has_a_palette_command():
    assert palette_problems(ACTIONS) == []


def test_a_key_without_a_palette_command_fails():
    without_undo = [entry for entry in ACTIONS if entry[1] != "undo"]
    assert palette_problems(without_undo) == ["`u` (undo) has no palette command"]
