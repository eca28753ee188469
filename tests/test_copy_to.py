"""`connecttui copy-to`: a whole database from SQLite to PostgreSQL and back, checked.

Every test runs the real command in a subprocess against a real PostgreSQL server
(tests/helpers/postgres.py), and judges the result by what the JSON export says, the
engine-neutral form the copy promises to keep.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from helpers.postgres import free_port, query

from connecttui.core import clock, people, review_saved, review_week, snooze, touches, undo
from connecttui.core.demo import create_demo_db
from connecttui.core.store import db as store
from connecttui.core.store.models import ContactField

ROOT = Path(__file__).resolve().parent.parent
TABLE_NAMES = ("circle", "contact", "touch", "touchcontact", "openloop", "occasion", "fact",
               "snooze", "familymember", "gift", "holidaycard", "review", "contactfield",
               "trash", "undoentry")


def connecttui(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    env.pop("CONNECTTUI_DB", None)
    return subprocess.run([sys.executable, "-m", "connecttui", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)


def export(home: Path, db: str) -> str:
    run = connecttui(home, "export", "--format", "json", "--db", db)
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.fixture
def demo(home: Path, tmp_path: Path) -> str:
    """The demo network in an SQLite file (every table has rows), with a contact deleted
    to the trash and an undo entry, closed again."""
    path = tmp_path / "demo.db"
    create_demo_db(path)
    today = clock.today()
    try:
        zoe = people.add_contact("Zoë Ångström", nicknames="zo")
        touches.log_touch([zoe.id], "call", note="naïve “quotes” & emoji 🎉")
        people.delete_contact(zoe.id)
        undo.record("deleted Zoë Ångström", undo.inverse_of_delete_contact(zoe.id))
        ada = people.add_contact("Ada Lovelace")
        ContactField.create(contact=ada.id, kind="email", label="work", value="ada@example.org")
        snooze.snooze("drift", str(ada.id), 7, today)
        review_saved.save_review(review_week.week_of(today)[0], [], "a good week", today)
    finally:
        store.close_db()
    return str(path)


@pytest.fixture
def target(pg_server):
    url = pg_server.new_database()
    yield url
    pg_server.drop(url)


def counts(db: str) -> dict[str, int]:
    return {name: query(db, f'SELECT COUNT(*) FROM "{name}"')[0][0] for name in TABLE_NAMES}


def test_sqlite_to_postgres_and_back_gives_the_same_export(home, tmp_path, demo, target):
    before = export(home, demo)
    empty = [name for name, count in counts(demo).items() if not count]
    assert empty == [], f"the demo leaves these tables empty: {empty}"

    there = connecttui(home, "copy-to", target, "--db", demo)
    assert there.returncode == 0, there.stderr
    for name in TABLE_NAMES:  # one line per table, each checked
        line = next(line for line in there.stdout.splitlines() if line.split()[0] == name)
        assert line.endswith("ok") and f" {counts(demo)[name]} rows" in line
    assert "contact_fts" in there.stdout and "touch_fts" in there.stdout
    assert export(home, target) == before

    back = str(tmp_path / "back.db")
    again = connecttui(home, "copy-to", back, "--db", target)
    assert again.returncode == 0, again.stderr
    assert export(home, back) == before

    # ids were kept and the sequences moved past them: a new row gets a free id there
    assert connecttui(home, "add", "Nova Newcomer", "--db", target).returncode == 0
    assert connecttui(home, "search", "Nova", "--db", target).returncode == 0
    # and the copied search index finds what it found before
    name = query(demo, "SELECT name FROM contact ORDER BY id LIMIT 1")[0][0]
    found = connecttui(home, "search", name.split()[0], "--db", target)
    assert found.returncode == 0 and name in found.stdout


def test_a_target_that_is_not_empty_is_refused_and_left_as_it_was(home, demo, target):
    assert connecttui(home, "add", "Already Here", "--db", target).returncode == 0
    before = export(home, target)

    run = connecttui(home, "copy-to", target, "--db", demo)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith("connecttui: ") and "not empty (contact" in run.stderr
    assert export(home, target) == before


def test_the_config_file_names_the_source(home, demo, target):
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "config.toml").write_text(f'db = "{demo}"\n')
    run = connecttui(home, "copy-to", target)
    assert run.returncode == 0, run.stderr
    assert counts(target)["contact"] == counts(demo)["contact"]


def test_the_database_is_the_flag_then_the_variable_then_the_config_file(home, monkeypatch):
    from connecttui.settings import config, paths

    assert paths.resolve_db(None) == str(paths.default_db())
    (home / "config").mkdir(exist_ok=True)
    config.config_file().write_text('db = "postgresql://me@db.example.org/crm"\n')
    assert paths.resolve_db(None) == "postgresql://me@db.example.org/crm"
    monkeypatch.setenv("CONNECTTUI_DB", "/from/the/variable.db")
    assert paths.resolve_db(None) == "/from/the/variable.db"
    assert paths.resolve_db("/from/the/flag.db") == "/from/the/flag.db"


@pytest.mark.parametrize(("table", "damage"), [
    # a trigger on the target that silently drops some rows: a count differs
    ("fact", "IF NEW.id % 2 = 0 THEN RETURN NULL; END IF; RETURN NEW;"),
    # one that changes what is stored: same count, different rows
    ("touch", "NEW.note := upper(NEW.note); RETURN NEW;"),
])
def test_a_copy_that_does_not_read_back_the_same_is_rolled_back(home, demo, target, table,
                                                                damage):
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute(f"CREATE FUNCTION damage() RETURNS trigger LANGUAGE plpgsql AS "
                     f"$$ BEGIN {damage} END $$")
        conn.execute(f'CREATE TRIGGER damage BEFORE INSERT ON "{table}" FOR EACH ROW '
                     "EXECUTE FUNCTION damage()")
    empty = counts(target)

    run = connecttui(home, "copy-to", target, "--db", demo)
    assert run.returncode == 1, run.stdout
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "did not check out" in run.stderr and f" {table} (" in run.stderr
    assert "contact (" not in run.stderr  # only the damaged table is named
    assert counts(target) == empty  # not one row of the copy stayed


def test_an_unreachable_target_is_one_line_without_the_password(home, demo):
    port = free_port()
    run = connecttui(home, "copy-to", f"postgresql://me:s3cret-pw@127.0.0.1:{port}/crm",
                     "--db", demo)
    assert run.returncode == 1
    assert run.stderr.startswith(f"connecttui: cannot reach the database at 127.0.0.1:{port}")
    assert run.stderr.count("\n") == 1 and "s3cret" not in run.stderr + run.stdout


def test_copying_a_database_onto_itself_or_from_nowhere_is_refused(home, tmp_path, demo):
    run = connecttui(home, "copy-to", demo, "--db", demo)
    assert run.returncode == 1 and "the target is the database being copied" in run.stderr
    missing = tmp_path / "missing.db"
    run = connecttui(home, "copy-to", str(tmp_path / "new.db"), "--db", str(missing))
    assert run.returncode == 1 and "there is no database at" in run.stderr
    assert not missing.exists() and not (tmp_path / "new.db").exists()
