"""Backups: consistent snapshots made with SQLite's backup API, private files, the retention
rules over 40 simulated days, once a day, before a migration (only of an existing database)
and before an import; and a migration that fails half-way changes nothing."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import types
from pathlib import Path

import pendulum
import pytest
import time_machine

from connecttui.core import backups, people
from connecttui.core.store import db as store
from connecttui.core.store import migrations
from connecttui.interop import importing
from connecttui.settings import paths

pytestmark = pytest.mark.sqlite_only(
    "snapshots are copies of an SQLite file; a PostgreSQL database is backed up with pg_dump"
)

VCARD = (Path(__file__).parents[1] / "fixtures" / "vcards"
         / "davx5-40-bday-no-year-extended-format.vcf")


def query(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def at(year: int, month: int, day: int, hour: int, minute: int = 0):
    """Stop the clock at a London wall-clock time."""
    moment = pendulum.datetime(year, month, day, hour, minute, tz="Europe/London")
    return time_machine.travel(moment, tick=False)


def schema_version(path: Path) -> int:
    return query(path, "SELECT MAX(version) FROM schemaversion")[0][0]


# --- the snapshot ----------------------------------------------------------------------


def test_snapshot_is_consistent_while_another_connection_writes(db, db_path):
    for number in range(40):
        people.add_contact(f"Person {number:02}")
    writer = sqlite3.connect(db_path, timeout=10, check_same_thread=False)
    writer.execute("CREATE TABLE burst (batch INTEGER, i INTEGER)")
    writer.commit()
    committed = threading.Event()
    stop = threading.Event()

    def write() -> None:
        batch = 0
        while not stop.is_set():
            with writer:  # one transaction of 50 rows
                writer.executemany("INSERT INTO burst VALUES (?, ?)",
                                   [(batch, i) for i in range(50)])
            batch += 1
            if batch == 5:
                committed.set()

    thread = threading.Thread(target=write)
    thread.start()
    try:
        assert committed.wait(10)
        made = backups.snapshot("manual")
    finally:
        stop.set()
        thread.join()
        writer.close()

    assert query(made, "PRAGMA integrity_check") == [("ok",)]
    assert query(made, "PRAGMA journal_mode") == [("delete",)]  # one self-contained file
    # Every contact is there (most are still in the live database's WAL, not its main file).
    assert query(made, "SELECT * FROM contact ORDER BY id") == query(
        db_path, "SELECT * FROM contact ORDER BY id")
    # The writer's transactions are there whole or not at all.
    assert query(made, "SELECT COUNT(*) FROM burst")[0][0] >= 5 * 50
    assert query(made, "SELECT batch FROM burst GROUP BY batch HAVING COUNT(*) != 50") == []
    assert sorted(os.listdir(made.parent)) == [made.name]  # no -wal, -shm or partial file
    assert made.name.startswith("connecttui-") and made.name.endswith("Z-manual.db")


def test_backups_are_private_even_with_a_permissive_umask(db, home):
    paths.data_dir(create=True)
    paths.backups_dir().mkdir(mode=0o755)  # a folder someone loosened is tightened
    os.chmod(paths.backups_dir(), 0o755)
    old = os.umask(0)
    try:
        made = backups.snapshot("manual")
    finally:
        os.umask(old)
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700


def test_snapshots_in_the_same_second_get_their_own_names(db):
    with at(2026, 11, 27, 10):
        first = backups.snapshot("manual")
        second = backups.snapshot("manual")
    assert first != second and first.exists() and second.exists()
    assert [info.path for info in backups.backups()] == [second, first]  # newest first


def test_an_unknown_reason_or_a_missing_database_is_refused(db, tmp_path):
    with pytest.raises(ValueError):
        backups.snapshot("whim")
    with pytest.raises(backups.UserError, match="no database there"):
        backups.snapshot_file(tmp_path / "missing.db", "manual")


# --- once a day, and what is kept ------------------------------------------------------


def test_daily_makes_one_snapshot_a_day(db):
    with at(2026, 11, 26, 8):
        assert backups.daily(pendulum.Date(2026, 11, 26)) is not None
    with at(2026, 11, 26, 23, 30):
        assert backups.daily(pendulum.Date(2026, 11, 26)) is None
    with at(2026, 11, 27, 0, 10):
        assert backups.daily(pendulum.Date(2026, 11, 27)) is not None
    days = [(info.day.isoformat(), info.reason) for info in backups.backups()]
    assert days == [("2026-11-27", "daily"), ("2026-11-26", "daily")]


def test_retention_over_forty_days_keeps_exactly_the_expected_backups(db, today):
    """Friday 27 Nov 2026 (ISO week 48) after 40 days of use: the dailies of the last 7 days,
    the newest daily of weeks 47 to 45, the migration/import/restore backups of the last
    7 days, and the manual one; nothing else, and nobody else's files."""
    folder = paths.backups_dir()
    folder.mkdir(parents=True)
    stranger = folder / "other-20261019T080000Z-daily.db"  # another database's backup
    note = folder / "README.txt"
    stranger.write_bytes(b"")
    note.write_text("mine")
    extra = {
        pendulum.Date(2026, 11, 21): "import",     # today - 6: kept
        pendulum.Date(2026, 11, 20): "migration",  # today - 7: gone
        pendulum.Date(2026, 11, 15): "restore",    # gone
        pendulum.Date(2026, 10, 28): "manual",     # kept: the user deletes those
    }
    made = 0
    for offset in range(39, -1, -1):
        day = today.subtract(days=offset)
        with at(day.year, day.month, day.day, 9):
            made += backups.daily(day) is not None
        if day in extra:
            with at(day.year, day.month, day.day, 12):
                backups.snapshot(extra[day])
        with at(day.year, day.month, day.day, 21):
            made += backups.daily(day) is not None
    assert made == 40

    kept = sorted((info.day.isoformat(), info.reason) for info in backups.backups())
    assert kept == [
        ("2026-10-28", "manual"),
        ("2026-11-08", "daily"),   # newest of week 45
        ("2026-11-15", "daily"),   # newest of week 46
        ("2026-11-21", "daily"),
        ("2026-11-21", "import"),
        ("2026-11-22", "daily"),   # also the newest of week 47
        ("2026-11-23", "daily"),
        ("2026-11-24", "daily"),
        ("2026-11-25", "daily"),
        ("2026-11-26", "daily"),
        ("2026-11-27", "daily"),
    ]
    assert stranger.exists() and note.read_text() == "mine"
    assert len(os.listdir(folder)) == len(kept) + 2


def test_prune_keeps_only_the_newest_daily_of_a_day(db, today):
    with at(2026, 11, 27, 9):
        older = backups.snapshot("daily")
    with at(2026, 11, 27, 18):
        newer = backups.snapshot("daily")
    assert backups.prune(today) == [older]
    assert [info.path for info in backups.backups()] == [newer]


# --- before a migration ----------------------------------------------------------------


def _with_extra_migration(monkeypatch, apply) -> int:
    """Pretend this connecttui has one more migration; return its version."""
    real_versions, real_load = migrations.versions(), migrations.load
    version = real_versions[-1][0] + 1
    name = f"m{version:04d}_test"
    extra = types.SimpleNamespace(VERSION=version, apply=apply, __name__=name)
    monkeypatch.setattr(migrations, "versions", lambda: [*real_versions, (version, name)])
    monkeypatch.setattr(migrations, "load",
                        lambda wanted: extra if wanted == name else real_load(wanted))
    return version


def test_a_migration_snapshot_is_taken_only_when_an_existing_database_migrates(
    home, db_path, monkeypatch
):
    store.open_db(db_path)  # a new database: nothing to keep
    people.add_contact("Ada Lovelace")
    store.close_db()
    store.open_db(db_path)  # up to date: nothing to do
    store.close_db()
    assert backups.backups(db_path) == []
    old_version = schema_version(db_path)

    new_version = _with_extra_migration(
        monkeypatch, lambda db: db.execute_sql("CREATE TABLE extra (x)"))
    store.open_db(db_path)
    store.close_db()
    (info,) = backups.backups(db_path)
    assert info.reason == "migration"
    # The snapshot is the database as it was before the migration.
    assert schema_version(info.path) == old_version
    assert query(info.path, "SELECT name FROM sqlite_master WHERE name = 'extra'") == []
    assert query(info.path, "SELECT name FROM contact") == [("Ada Lovelace",)]
    assert schema_version(db_path) == new_version

    store.open_db(db_path)  # migrated already: no second snapshot
    store.close_db()
    assert len(backups.backups(db_path)) == 1


def test_a_migration_failing_half_way_leaves_the_database_as_it_was(
    home, db_path, monkeypatch
):
    store.open_db(db_path)
    people.add_contact("Ada Lovelace")
    store.close_db()
    before = schema_version(db_path)

    def half_then_fail(db) -> None:
        db.execute_sql("CREATE TABLE extra (x)")
        db.execute_sql("INSERT INTO extra VALUES (1)")
        db.execute_sql("UPDATE contact SET name = 'changed'")
        raise RuntimeError("boom")

    _with_extra_migration(monkeypatch, half_then_fail)
    with pytest.raises(RuntimeError, match="boom"):
        store.open_db(db_path)
    store.close_db()

    assert schema_version(db_path) == before
    assert query(db_path, "SELECT name FROM contact") == [("Ada Lovelace",)]
    assert query(db_path, "SELECT name FROM sqlite_master WHERE name = 'extra'") == []
    assert query(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert [info.reason for info in backups.backups(db_path)] == ["migration"]


# --- before an import ------------------------------------------------------------------


def test_an_import_snapshots_the_database_first_and_a_dry_run_does_not(db):
    people.add_contact("Ada Lovelace")
    importing.import_path(VCARD, dry_run=True)
    assert backups.backups() == []
    report = importing.import_path(VCARD)
    assert report.added
    (info,) = backups.backups()
    assert info.reason == "import"
    assert query(info.path, "SELECT name FROM contact") == [("Ada Lovelace",)]
