"""`connecttui backup`, `backups` and `restore`, run as a user runs them: `python -m connecttui`
in a subprocess, with a private CONNECTTUI_HOME and `--db` on a tmp file. The database is
seeded in-process and read back with plain sqlite3."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from connecttui.core import people
from connecttui.core.store import db as store
from connecttui.core.store import migrations
from connecttui.settings import paths

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.sqlite_only(
    "backups are SQLite files; on PostgreSQL these commands point to pg_dump "
    "(tests/core/test_postgres.py)"
)


@pytest.fixture
def cli(home: Path, db_path: Path):
    """`cli("restore", FILE, input="n\\n")` -> (exit code, stdout, stderr); `db=` another
    database than the test's."""
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    env.pop("CONNECTTUI_DB", None)

    def run(*args: str, input: str = "", db: Path = db_path) -> tuple[int, str, str]:
        result = subprocess.run(
            [sys.executable, "-m", "connecttui", *args, "--db", str(db)],
            input=input.encode(), capture_output=True, env=env, cwd=ROOT, timeout=60,
        )
        return result.returncode, result.stdout.decode(), result.stderr.decode()

    return run


@pytest.fixture
def ada(home: Path, db_path: Path) -> Path:
    """A database holding Ada Lovelace."""
    store.open_db(db_path)
    people.add_contact("Ada Lovelace")
    store.close_db()
    return db_path


def names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM contact ORDER BY name")]
    finally:
        conn.close()


def backup_files() -> list[str]:
    folder = paths.backups_dir()
    return sorted(os.listdir(folder)) if folder.exists() else []


def one_error_line(code: int, err: str) -> str:
    assert code != 0
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("connecttui: "), err
    return lines[0]


def test_backup_then_restore_round_trip(cli, ada):
    code, out, err = cli("backup")
    assert code == 0, err
    made = Path(out.strip())
    assert made.parent == paths.backups_dir() and made.name.endswith("-manual.db")
    assert names(made) == ["Ada Lovelace"]
    assert cli("add", "Bob Babbage")[0] == 0

    code, out, err = cli("restore", str(made), "--yes")
    assert code == 0, err
    assert names(ada) == ["Ada Lovelace"]
    kept = [name for name in backup_files() if name.endswith("-restore.db")]
    assert len(kept) == 1 and f"kept as {paths.backups_dir() / kept[0]}" in out
    assert f"restored {made}" in out
    # The database as it was just before the restore is one command away.
    assert names(paths.backups_dir() / kept[0]) == ["Ada Lovelace", "Bob Babbage"]

    code, out, err = cli("backups")
    assert code == 0, err
    lines = out.splitlines()
    assert [line.split()[2] for line in lines] == ["restore", "manual"]  # newest first
    assert all(" KB " in line for line in lines)


def test_restore_replaces_the_content_under_an_open_connection(cli, ada):
    """A running TUI keeps its connection: it must see the restored data, not the old file."""
    made = Path(cli("backup")[1].strip())
    cli("add", "Bob Babbage")
    running = sqlite3.connect(ada)
    running.execute("PRAGMA journal_mode=wal")
    try:
        assert len(running.execute("SELECT name FROM contact").fetchall()) == 2
        code, _, err = cli("restore", str(made), "--yes")
        assert code == 0, err
        assert running.execute("SELECT name FROM contact").fetchall() == [("Ada Lovelace",)]
        assert running.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        running.close()


def test_restore_refuses_a_file_that_is_not_a_database(cli, ada, tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("dear diary")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    for path in (junk, other):
        code, _, err = cli("restore", str(path), "--yes")
        assert "not a connecttui database" in one_error_line(code, err)
    code, _, err = cli("restore", str(tmp_path / "missing.db"), "--yes")
    assert "does not exist" in one_error_line(code, err)
    assert names(ada) == ["Ada Lovelace"]
    assert backup_files() == []


def test_restore_refuses_a_backup_from_a_newer_connecttui(cli, ada, tmp_path):
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(ada)
    conn.execute("VACUUM INTO ?", (str(newer),))
    conn.close()
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("DELETE FROM contact")
        conn.execute("INSERT INTO schemaversion (version, applied_at) VALUES (?, '2030-01-01')",
                     (migrations.available()[-1].VERSION + 1,))
    conn.close()
    code, _, err = cli("restore", str(newer), "--yes")
    assert "newer connecttui" in one_error_line(code, err)
    assert names(ada) == ["Ada Lovelace"]
    assert backup_files() == []


def test_restore_without_yes_and_answer_no_changes_nothing(cli, ada):
    made = Path(cli("backup")[1].strip())
    cli("add", "Bob Babbage")
    before = backup_files()
    code, out, err = cli("restore", str(made), input="n\n")
    assert "Replace" in out and "[y/N]" in out
    assert "nothing changed" in one_error_line(code, err)
    assert names(ada) == ["Ada Lovelace", "Bob Babbage"]
    assert backup_files() == before


def test_a_json_import_snapshots_the_database_first(cli, ada, tmp_path):
    exported = tmp_path / "all.json"
    assert cli("export", "--format", "json", "-o", str(exported))[0] == 0
    fresh = tmp_path / "fresh.db"
    code, _, err = cli("import", str(exported), db=fresh)
    assert code == 0, err
    assert names(fresh) == ["Ada Lovelace"]
    (made,) = [name for name in backup_files() if name.startswith("fresh-")]
    assert made.endswith("-import.db")
    assert names(paths.backups_dir() / made) == []  # the database as it was before


def test_backups_with_none_says_where_they_go(cli, ada):
    code, out, _ = cli("backups")
    assert code == 0 and out.startswith("no backups yet") and str(paths.backups_dir()) in out
