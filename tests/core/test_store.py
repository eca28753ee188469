"""Opening the store: private files, migrations, refusing what isn't ours, paths and URLs."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from connecttui.core import people
from connecttui.core.errors import UserError
from connecttui.core.store import db as store
from connecttui.core.store import migrations
from connecttui.core.store.models import Circle, Contact, SchemaVersion

NEWEST = migrations.available()[-1].VERSION


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def versions() -> list[int]:
    return [row.version for row in SchemaVersion.select().order_by(SchemaVersion.version)]


def table_names(db) -> set[str]:
    return set(db.get_tables())


@pytest.fixture
def umask_zero():
    """Run with umask 0 so the modes checked come from the code, not the umask."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_new_file_is_0600_in_a_new_0700_folder(home, tmp_path, umask_zero):
    path = tmp_path / "fresh" / "data" / "connecttui.db"
    try:
        store.open_db(path)
    finally:
        store.close_db()
    assert path.is_file()
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_existing_folder_keeps_its_mode(home, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    try:
        store.open_db(shared / "connecttui.db")
    finally:
        store.close_db()
    assert mode(shared / "connecttui.db") == 0o600
    assert mode(shared) == 0o755


def test_migrations_are_recorded(db, db_path):
    assert versions() == [m.VERSION for m in migrations.available()]
    assert versions()[-1] == NEWEST == 9
    assert migrations.current_version(db) == NEWEST
    assert [c.name for c in people.circles()] == ["inner", "friends", "work", "resting"]
    assert {"schemaversion", "circle", "contact", "touch", "touchcontact", "openloop",
            "occasion", "fact", "contact_fts", "touch_fts"} <= table_names(db)


def test_reopening_is_idempotent(home, db_path):
    store.open_db(db_path)
    people.add_contact("Ada Lovelace")
    store.close_db()
    for _ in range(2):
        store.open_db(db_path)
        try:
            assert versions() == [m.VERSION for m in migrations.available()]
            assert Circle.select().count() == 4
            assert [c.name for c in Contact.select()] == ["Ada Lovelace"]
        finally:
            store.close_db()


def _make_newer(db_path: Path) -> None:
    store.open_db(db_path)
    SchemaVersion.create(version=NEWEST + 98, applied_at="2030-01-01T00:00:00Z")
    store.close_db()


@pytest.mark.sqlite_only("compares the file's bytes; test_postgres.py checks the refusal there")
def test_newer_schema_is_refused_and_untouched(home, db_path):
    _make_newer(db_path)
    before = db_path.read_bytes()
    refused = rf"newer connecttui \(schema {NEWEST + 98}, this one knows {NEWEST}\)"
    with pytest.raises(UserError, match=refused):
        store.open_db(db_path)
    store.close_db()
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only("an SQLite file in rollback-journal mode")
def test_newer_schema_in_rollback_mode_is_untouched(home, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE schemaversion (version INTEGER PRIMARY KEY, applied_at TEXT)")
    conn.execute("INSERT INTO schemaversion VALUES (99, '2030-01-01 00:00:00')")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(UserError, match="newer connecttui"):
        store.open_db(db_path)
    store.close_db()
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"name,email\nAda,ada@example.org\n" * 20, b"hi", b"SQLite format 2\x00" + b"\x00" * 200],
    ids=["csv", "tiny", "almost-sqlite"],
)
@pytest.mark.sqlite_only("a file that is not SQLite at the database's path")
def test_non_sqlite_file_is_refused_and_unchanged(home, db_path, content):
    db_path.write_bytes(content)
    db_path.chmod(0o644)
    with pytest.raises(UserError, match="not an SQLite file"):
        store.open_db(db_path)
    store.close_db()
    assert db_path.read_bytes() == content
    assert mode(db_path) == 0o644
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["connecttui.db", "home"]


@pytest.mark.sqlite_only("an empty file at the database's path")
def test_empty_file_becomes_a_database(home, db_path):
    db_path.write_bytes(b"")
    store.open_db(db_path)
    try:
        assert versions() == [m.VERSION for m in migrations.available()]
    finally:
        store.close_db()
    assert db_path.read_bytes().startswith(b"SQLite format 3\x00")


def test_sqlite_url_absolute(home, tmp_path):
    path = tmp_path / "by-url" / "people.db"
    url = f"sqlite:///{path}"  # an absolute path gives four slashes
    assert url.startswith("sqlite:////")
    store.open_db(url)
    try:
        people.add_contact("Grace Hopper")
    finally:
        store.close_db()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM contact").fetchall() == [("Grace Hopper",)]
    conn.close()


def test_sqlite_url_absolute_path_is_exact(tmp_path):
    path = tmp_path / "people.db"
    assert store.sqlite_path(f"sqlite:///{path}") == path


def test_sqlite_url_relative(home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert store.sqlite_path("sqlite:///rel/people.db") == Path("rel/people.db")
    store.open_db("sqlite:///rel/people.db")
    try:
        assert versions() == [m.VERSION for m in migrations.available()]
    finally:
        store.close_db()
    assert (tmp_path / "rel" / "people.db").is_file()


def test_plain_path_expands_user(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert store.sqlite_path("~/x.db") == tmp_path / "x.db"
    assert store.sqlite_path(tmp_path / "y.db") == tmp_path / "y.db"


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("mysql://root@db/crm", "mysql"),
        ("https://example.org/crm.db", "https"),
        ("sqlite://relative.db", "sqlite"),
    ],
)
def test_unknown_url_scheme_is_refused(home, tmp_path, monkeypatch, url, scheme):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserError, match=f"unsupported database URL scheme '{scheme}'"):
        store.open_db(url)
    store.close_db()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_opening_again_keeps_one_connection_set(home, db_path):
    """The bare command opens the file, then the app does: the same database object, and
    the file's state is asked of SQLite only (a plain open()/close() of a file SQLite has
    open drops every lock this process holds on it)."""
    first = store.open_db(db_path)
    try:
        assert store.open_db(db_path) is first
        assert store.open_db(str(db_path)) is first
    finally:
        store.close_db()


@pytest.mark.sqlite_only("the WAL file of an SQLite database")
def test_another_process_closing_leaves_our_wal_alone(home, db_path):
    import subprocess
    import sys

    store.open_db(db_path)
    try:
        people.add_contact("Ada Lovelace")
        store.open_db(db_path)  # a second open in this process must not lose our locks
        code = ("import sys; from connecttui.core.store.db import open_db, close_db; "
                "from connecttui.core import people; open_db(sys.argv[1]); "
                "people.add_contact('Grace Hopper'); close_db()")
        subprocess.run([sys.executable, "-c", code, str(db_path)], check=True, timeout=60)
        wal = Path(f"{db_path}-wal")
        assert wal.exists()  # the other process knew it was not the last connection
        people.add_contact("Barbara Liskov")
    finally:
        store.close_db()
    conn = sqlite3.connect(db_path)
    try:
        names = [row[0] for row in conn.execute("SELECT name FROM contact ORDER BY id")]
    finally:
        conn.close()
    assert names == ["Ada Lovelace", "Grace Hopper", "Barbara Liskov"]


@pytest.mark.sqlite_only("asks SQLite's query planner")
def test_the_contacts_first_page_reads_the_name_index_not_a_sort(db):
    """Schema 9: the first page, read before the first paint, is the index's first rows."""
    from connecttui.core.touches import _contact_rows_sql

    plan = db.execute_sql("EXPLAIN QUERY PLAN " + _contact_rows_sql("") + " LIMIT 40").fetchall()
    steps = " | ".join(row[-1] for row in plan)
    assert "USING INDEX contact_name_nocase" in steps and "TEMP B-TREE" not in steps, steps
