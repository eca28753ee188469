"""`connecttui log` and `connecttui upcoming` stay near the floor of importing peewee and
pendulum (issue 7): they never import Textual, PostgreSQL's driver (for an SQLite file), the
natural-language date parser (unless a phrase needs it), nor the modules of other commands.

Each command runs in a fresh interpreter that reports, at exit, what it had imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import parsedatetime
import pytest

from connecttui.core import typed_dates

ROOT = Path(__file__).resolve().parents[1]

REPORT = """
import atexit, json, os, sys
atexit.register(lambda: open(os.environ["IMPORT_REPORT"], "w").write(
    json.dumps(sorted(sys.modules))))
sys.argv = ["connecttui", *sys.argv[1:]]
from connecttui.cli.entry import main
main()
"""

HEAVY = ("textual", "rich", "psycopg", "parsedatetime", "statistics", "icalendar",
         "rapidfuzz", "connecttui.cli.interop", "connecttui.cli.practices",
         "connecttui.interop", "playhouse.migrate")


def imports_of(tmp_path: Path, *args: str) -> set[str]:
    report = tmp_path / "imports.json"
    env = {**os.environ, "CONNECTTUI_HOME": str(tmp_path / "home"),
           "CONNECTTUI_TZ": "Europe/London", "IMPORT_REPORT": str(report)}
    env.pop("CONNECTTUI_DB", None)
    db = str(tmp_path / "people.db")
    result = subprocess.run([sys.executable, "-c", REPORT, "--db", db, *args],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return set(json.loads(report.read_text()))


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(name for name in HEAVY if name in modules)


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    imports_of(tmp_path, "add", "Ada Lovelace", "--birthday", "12-10")  # creates and migrates
    return tmp_path


def test_upcoming_imports_only_what_it_needs(seeded):
    assert heavy_in(imports_of(seeded, "upcoming")) == []


def test_log_now_imports_only_what_it_needs(seeded):
    assert heavy_in(imports_of(seeded, "log", "ada", "-k", "c", "coffee")) == []


def test_a_phrase_loads_the_date_parser(seeded):
    """The check can fail: a phrase that needs parsedatetime shows up in the report."""
    assert "parsedatetime" in imports_of(seeded, "log", "ada", "--when", "last fri")


def test_other_commands_still_load_their_modules(seeded):
    assert "connecttui.cli.interop" in imports_of(seeded, "export", "--format", "json",
                                                  "-o", str(seeded / "out.json"))


def test_copied_accuracy_flags_match_parsedatetime():
    context = parsedatetime.pdtContext
    assert (typed_dates._ACU_YEAR, typed_dates._ACU_MONTH, typed_dates._ACU_WEEK,
            typed_dates._ACU_DAY, typed_dates._ACU_NOW) == (
        context.ACU_YEAR, context.ACU_MONTH, context.ACU_WEEK, context.ACU_DAY, context.ACU_NOW)


BARE = """
import sys
sys.argv = ["connecttui", *sys.argv[1:]]
import connecttui.cli.entry as entry
entry.run_tui = lambda path: print(path, "click" in sys.modules)
entry.main()
"""


@pytest.mark.parametrize("form", ["none", "--db PATH", "--db=PATH"])
def test_the_bare_command_starts_the_tui_without_click(tmp_path, form):
    db = str(tmp_path / "people.db")
    args = {"none": [], "--db PATH": ["--db", db], "--db=PATH": [f"--db={db}"]}[form]
    env = {**os.environ, "CONNECTTUI_HOME": str(tmp_path / "home")}
    env.pop("CONNECTTUI_DB", None)
    result = subprocess.run([sys.executable, "-c", BARE, *args], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    default = subprocess.run(
        [sys.executable, "-c",
         "from connecttui.settings import paths; print(paths.resolve_db(None))"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60).stdout.strip()
    assert result.stdout.split() == [db if args else default, "False"]
    assert default.startswith(str(tmp_path / "home"))


@pytest.mark.parametrize("args", [["--db"], ["--db", "--help"], ["--db="], ["--help"],
                                  ["--version"], ["upcoming"], ["--db", "a.db", "upcoming"]])
def test_anything_else_goes_to_click(args):
    from connecttui.cli.entry import NOT_BARE, bare_tui_db

    assert bare_tui_db(args) is NOT_BARE


def test_a_database_that_cannot_open_is_one_line_from_the_bare_command(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not an SQLite database" * 100)
    env = {**os.environ, "CONNECTTUI_HOME": str(tmp_path / "home"),
           # as `connecttui serve` runs it: no terminal needed, so the database is opened
           "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    result = subprocess.run([sys.executable, "-m", "connecttui", "--db", str(broken)],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("connecttui: ")
    assert "terminal" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert broken.read_bytes() == b"this is not an SQLite database" * 100


@pytest.mark.parametrize("args", [[], ["demo"]])
def test_the_tui_without_a_terminal_says_so_and_leaves_no_file(tmp_path, args):
    """Piped or redirected (here: no terminal at all), the TUI would draw into a file and wait
    forever for keys: one line instead, and no database or demo made."""
    db = tmp_path / "people.db"
    env = {**os.environ, "CONNECTTUI_HOME": str(tmp_path / "home")}
    env.pop("TEXTUAL_DRIVER", None)
    result = subprocess.run([sys.executable, "-m", "connecttui", "--db", str(db), *args],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert result.stderr.startswith("connecttui: the TUI needs a terminal")
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert not db.exists()


def test_the_command_table_names_every_command_and_its_module():
    """COMMANDS is the one table: importing every module it names registers exactly its
    commands, each from the module the table says (a command added without a row, or a row
    pointing at the wrong module, fails here)."""
    import importlib

    from connecttui.cli import root

    for module in set(root.COMMANDS.values()):
        importlib.import_module(f"connecttui.cli.{module}")
    registered = {name: command.callback.__module__.rsplit(".", 1)[-1]
                  for name, command in root.main.commands.items()}
    assert registered == root.COMMANDS
