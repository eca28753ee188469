"""`connecttui import`, `circle delete`, `import backup.json` and `restore FILE`, each taken
back by `connecttui undo`: run as a user runs them (`python -m connecttui` subprocesses,
fixtures from tests/test_cli.py), every table read back with plain SQL on the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_cli
from test_cli import assert_user_error, core, count, rows, seed_names

from connecttui.core import people, touches

cli = test_cli.cli
env = test_cli.env

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VCARDS = FIXTURES / "vcards" / "rfc6350-40-examples-multi-bday-anniversary-related.vcf"
CSV = FIXTURES / "google-csv" / "google-current-header-labels-triple-colon.csv"
ORDER = {"touchcontact": "touch_id, contact_id", "contact_fts": "rowid", "touch_fts": "rowid"}
COLUMNS = {"contact_fts": "rowid, name, nicknames, body", "touch_fts": "rowid, note"}
TABLES = ("circle", "contact", "touch", "touchcontact", "openloop", "occasion", "fact",
          "snooze", "familymember", "gift", "holidaycard", "review", "contactfield", "trash",
          "undoentry", "contact_fts", "touch_fts")


def everything(path, journal: bool = True) -> dict[str, list[tuple]]:
    """Every row of every table and of both search indexes, in a stable order."""
    return {name: rows(path, f"SELECT {COLUMNS.get(name, '*')} FROM {name} "
                             f"ORDER BY {ORDER.get(name, 'id')}")
            for name in TABLES if journal or name != "undoentry"}


def undone(cli, said: str) -> None:
    run = cli("undo")
    assert (run.code, run.out) == (0, f"undid: {said}\n"), run.err


def test_import_then_undo_gives_back_every_table(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    before = everything(db_path)
    run = cli("import", str(VCARDS))
    assert run.code == 0 and run.out.startswith("added 4, merged 3"), run.err
    assert count(db_path, "contact") == 5
    undone(cli, f"imported 4 contacts and updated 2 from {VCARDS.name}")
    assert everything(db_path) == before
    assert cli("undo").out == "nothing to undo\n"


def test_a_touch_logged_after_an_import_is_undone_first_then_the_import(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    before = everything(db_path)
    assert cli("import", str(CSV)).code == 0
    name = rows(db_path, "SELECT name FROM contact ORDER BY id DESC LIMIT 1")[0][0]
    assert cli("log", name, "--kind", "c", "after", "the", "import").code == 0
    undone(cli, f"logged call with {name}")
    undone(cli, f"imported 44 contacts from {CSV.name}")
    assert everything(db_path) == before


def test_undoing_an_import_changed_since_is_refused_in_one_line(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    assert cli("import", str(CSV)).code == 0
    with core(db_path):  # a change no entry above the import's would take back
        imported = people.find_contact("Sarah Mitchell")
        touches.log_touch([imported.id], "call")
    before = everything(db_path, journal=False)
    assert assert_user_error(cli("undo")) == (
        f"connecttui: can't undo imported 44 contacts from {CSV.name}: Sarah Mitchell has "
        "a newer touch")
    assert everything(db_path, journal=False) == before


def test_circle_delete_then_undo_puts_everyone_back(cli, db_path):
    seed_names(db_path, "Ada Lovelace", "Grace Hopper")
    assert cli("move", "ada", "work").code == 0
    assert cli("move", "grace", "work").code == 0
    before = everything(db_path)
    run = cli("circle", "delete", "work")
    assert run.out == "deleted circle work; 2 contacts have no circle now\n", run.err
    assert rows(db_path, "SELECT circle_id FROM contact") == [(None,), (None,)]
    undone(cli, "deleted circle work")
    assert everything(db_path) == before


def test_a_json_backup_imported_then_undone_leaves_the_database_empty(cli, db_path, tmp_path):
    source, backup = tmp_path / "source.db", tmp_path / "backup.json"
    seed_names(source, "Ada Lovelace", "Grace Hopper")
    assert cli("log", "ada", "--kind", "c", db=source).code == 0
    assert cli("export", "--format", "json", "-o", str(backup), db=source).code == 0
    assert cli("circles").code == 0  # the database, new: it has the default circles
    before = everything(db_path)
    run = cli("import", str(backup))
    assert run.out.startswith("added: 2 contacts, 1 touches"), run.err
    undone(cli, "restored backup.json")
    assert everything(db_path) == before
    assert cli("undo").out == "nothing to undo\n"


@pytest.mark.sqlite_only("a file restore is SQLite's: PostgreSQL is restored with pg_restore")
def test_restore_then_undo_puts_the_replaced_database_back(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    made = cli("backup").out.strip()
    assert cli("add", "Bob Babbage").code == 0
    before = everything(db_path)
    run = cli("restore", made, "--yes")
    assert run.code == 0 and "(`connecttui undo` puts it back)" in run.out, run.err
    assert rows(db_path, "SELECT name FROM contact") == [("Ada Lovelace",)]

    run = cli("undo")
    lines = run.out.splitlines()
    assert run.code == 0 and lines[0] == f"undid: restored {Path(made).name}", run.err
    assert lines[1].startswith("the database as it was is kept as ")
    kept = lines[1].removeprefix("the database as it was is kept as ")
    assert rows(kept, "SELECT name FROM contact") == [("Ada Lovelace",)]
    assert everything(db_path) == before  # the journal is the one from before: Bob is next
    undone(cli, "added Bob Babbage")
