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

from connecttui.core import dates

ROOT = Path(__file__).resolve().parents[1]

REPORT = """
import atexit, json, os, sys
atexit.register(lambda: open(os.environ["IMPORT_REPORT"], "w").write(
    json.dumps(sorted(sys.modules))))
sys.argv = ["connecttui", *sys.argv[1:]]
from connecttui.cli import main
main()
"""

HEAVY = ("textual", "rich", "psycopg", "parsedatetime", "statistics", "icalendar",
         "rapidfuzz", "connecttui.cli_interop", "connecttui.cli_practices",
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
    assert "connecttui.cli_interop" in imports_of(seeded, "export", "--format", "json",
                                                  "-o", str(seeded / "out.json"))


def test_copied_accuracy_flags_match_parsedatetime():
    context = parsedatetime.pdtContext
    assert (dates._ACU_YEAR, dates._ACU_MONTH, dates._ACU_WEEK, dates._ACU_DAY,
            dates._ACU_NOW) == (context.ACU_YEAR, context.ACU_MONTH, context.ACU_WEEK,
                                context.ACU_DAY, context.ACU_NOW)
