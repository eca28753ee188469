"""Opening the store, migrated on open: one SQLite file (a path or a sqlite:/// URL), the
default; or a PostgreSQL server (`postgresql://user@host/dbname`), for more than one machine.

The database object is a deferred proxy (`models.database`), initialised here and never at
import time, so tests, the CLI and the TUI each choose their own database.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

import peewee
from peewee import DatabaseError, SqliteDatabase

from connecttui.core.errors import UserError
from connecttui.core.private_files import open_private
from connecttui.core.store import migrations, pg
from connecttui.core.store.drivers import is_postgres_url
from connecttui.core.store.models import database

_PG_ERRORS: tuple = (peewee.psycopg.Error,) if peewee.psycopg is not None else ()
"""psycopg's own errors (those raised outside peewee's wrapper). Taken from peewee, never
imported here: a process that opens only SQLite files does not load psycopg at all
(connecttui/core/store/drivers.py), and then no psycopg error can happen."""

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -16000,
    "busy_timeout": 30000,
}
"""WAL lets the CLI write while the TUI reads; the busy timeout lets writers queue, not fail
(SQLite's lock is not fair: under a storm of writers one may wait many seconds for its turn,
so the wait is long; tests/test_concurrency.py failed on a lock with 10 s)."""


def sqlite_path(path_or_url: str | os.PathLike) -> Path:
    """Turn a plain path or a `sqlite:///` URL into a path; refuse other schemes clearly."""
    text = os.fspath(path_or_url)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]  # sqlite:///relative, sqlite:////absolute
    elif is_postgres_url(text):
        raise UserError(
            f"{pg.masked(text)} is a PostgreSQL database: this needs an SQLite database file"
        )
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise UserError(
            f"unsupported database URL scheme {scheme!r}: use a file path or postgresql://"
        )
    return Path(text).expanduser()


def _create_private_file(path: Path) -> None:
    """Make the folder (0700) and an empty database file (0600) before SQLite touches them."""
    try:
        if path.is_symlink() and not path.exists():  # never a new database at a lost link
            raise UserError(f"{path} is a link to {os.readlink(path)}, which does not exist")
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=0o700)
        if not path.exists():
            os.close(open_private(path, os.O_WRONLY | os.O_EXCL))
    except OSError as error:
        raise UserError(f"cannot create the database {path}: {error.strerror}") from None


def _check_database_file(path: Path) -> None:
    """Refuse a file that is not SQLite, or a database from a newer connecttui, before
    anything (even WAL mode) is written to it.

    Asked through SQLite itself, never with plain file I/O: POSIX drops every lock a process
    holds on a file when any descriptor of that file is closed, so an `open()`/`close()` of a
    database this process already has open lets the next process to close its connection
    believe it was the last, and delete the WAL under this one (issue 15). SQLite knows its
    other connections in this process and keeps their locks."""
    if path.is_dir():
        raise UserError(f"cannot read the database {path}: it is a directory")
    if path.stat().st_size == 0:
        return
    if not os.access(path, os.R_OK):  # asks the kernel without opening the file
        raise UserError(f"cannot read the database {path}: Permission denied")
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'schemaversion'"
            ).fetchone()
            version = conn.execute("SELECT MAX(version) FROM schemaversion").fetchone()[0] if (
                has_table
            ) else 0
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if error.sqlite_errorcode == sqlite3.SQLITE_NOTADB:
            raise UserError(f"{path} is not a connecttui database (not an SQLite file)") from None
        raise UserError(f"cannot open the database {path}: {error}") from None
    migrations.refuse_newer(version or 0)


def _read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def open_db(path_or_url: str | os.PathLike):
    """Open (creating if needed) and migrate the database, and bind the models to it."""
    if is_postgres_url(path_or_url):
        return _open_postgres(os.fspath(path_or_url))
    path = sqlite_path(path_or_url)
    _create_private_file(path)
    _check_database_file(path)
    db = _one_per_process(path)
    try:
        db.connect(reuse_if_open=True)
        migrations.apply(db, before=lambda: _backup_before_migrating(path))
    except (sqlite3.DatabaseError, DatabaseError) as error:
        db.close()
        raise UserError(f"cannot open the database {path}: {describe_failure(error)}") from None
    return db


def _one_per_process(path: Path) -> SqliteDatabase:
    """The database object this process already has for `path`, or a new one bound to the
    models in place of any other. Opening the same file twice (the TUI's command opens it to
    report a bad file before the screen is taken, then the app does) gives one connection
    set, not two: a second set is one more place for the process to lose its locks."""
    current = database.obj
    if isinstance(current, SqliteDatabase) and Path(current.database).resolve() == (
            path.resolve()):
        return current
    if current is not None and not current.is_closed():
        current.close()
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE", timeout=30)
    database.initialize(db)
    return db


def _open_postgres(url: str):
    """The server must exist and be reachable; the database is migrated in one transaction
    (a newer schema is refused before anything is written). No backup is made before
    migrating: a PostgreSQL database is backed up with pg_dump."""
    current = database.obj
    if isinstance(current, pg.Postgres) and current.url == url:  # one set per process
        db = current
        try:
            db.connect(reuse_if_open=True)
        except Exception as error:
            raise UserError(pg.unreachable(url, error)) from None
    else:
        if current is not None and not current.is_closed():
            current.close()
        db = pg.connect(url)
        database.initialize(db)
    try:
        migrations.apply(db)
    except UserError:
        db.close()
        raise
    except (DatabaseError, *_PG_ERRORS) as error:
        db.close()
        raise UserError(
            f"cannot open the database at {pg.where(url)}: "
            f"{pg.mask_text(describe_failure(error) or str(error), url)}"
        ) from None
    return db


def changes_made() -> bool:
    """Did this process's connection change anything (the CLI rewrites the calendar file
    only then)?"""
    if database.obj is None or database.is_closed():
        return False
    if isinstance(database.obj, pg.Postgres):
        return database.obj.writes > 0
    return database.connection().total_changes != 0


DB_ERRORS = (sqlite3.DatabaseError, DatabaseError, *_PG_ERRORS)
"""What a write can raise when the disk is full or another writer holds the lock too long:
dialogs show these in one line, like a user error, instead of ending the app."""


def describe_failure(error: BaseException) -> str | None:
    """A database failure (a full disk, an I/O error, a damaged file) in one line, or None
    when `error` is not one. SQLite rolls a transaction back by itself after a full disk or
    an I/O error, so peewee's own rollback then fails ("no transaction is active"): the line
    tells the first error, the one that says why."""
    if not isinstance(error, DB_ERRORS):
        return None
    while ("no transaction is active" in str(error) or "no such savepoint" in str(error)) and (
        isinstance(error.__context__, DB_ERRORS)
    ):
        error = error.__context__
    text = str(error)
    if "disk I/O error" in text or "disk is full" in text:
        text += " (is the disk full?)"
    url = getattr(database.obj, "url", None)
    if url is not None:  # psycopg's messages span lines and may quote the connection
        text = pg.mask_text(pg.one_line(text), url)
    return text


def _backup_before_migrating(path: Path) -> None:
    from connecttui.core.backups import snapshot_file

    snapshot_file(path, "migration")


def close_db() -> None:
    """Close this thread's connection, if any."""
    if database.obj is not None and not database.is_closed():
        database.close()


@contextmanager
def reading():
    """A connection for the current thread (thread workers each need their own)."""
    if database.is_closed():
        with database.connection_context():
            yield
    else:
        yield


def raw_rows(query) -> list[tuple]:
    """A Peewee query's rows as the driver returns them: no conversion by the fields, no
    per-row wrapper (that costs more than the query for the hundreds of rows of Upcoming).
    Only for columns whose fields convert nothing: numbers and text, not moments or days."""
    return database.execute_sql(*query.sql()).fetchall()


def transaction():
    """One write transaction that takes the write lock up front: all of it or none of it."""
    return database.atomic()


def others_version() -> int | None:
    """SQLite's data_version on this thread's connection: it changes when, and only when,
    another connection commits. So a face that has just written can tell its own write (no
    change here) from someone else's made meanwhile. None on PostgreSQL (the server pushes
    its news instead)."""
    from connecttui.core.store.dialect import is_postgres

    if is_postgres():
        return None
    return database.execute_sql("PRAGMA data_version").fetchone()[0]


class ChangeWatcher:
    """Tells whether another connection committed since the last look (SQLite data_version;
    on PostgreSQL the server's next transaction id, see pg.Watcher).

    It keeps its own connection, so it costs one tiny query per look and never blocks. On
    PostgreSQL the app calls `listen()` instead: the server then tells it (pg.Listener), and
    `changed()` answers False without asking anything.
    """

    def __init__(self, path_or_url: str | os.PathLike) -> None:
        self.pushes = is_postgres_url(path_or_url)
        """PostgreSQL: the server can push the news (`listen`); SQLite must be asked."""
        self.listener: pg.Listener | None = None
        self._server = None
        self._lock = threading.Lock()  # the TUI looks from its own thread and from the UI's
        self._closed = False
        if self.pushes:
            self._url = os.fspath(path_or_url)  # connected on first use (not on startup)
            return
        self._conn = sqlite3.connect(str(sqlite_path(path_or_url)), check_same_thread=False)
        self._version = self._read()

    def _read(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        if self.pushes:
            if self.listener is not None:
                return False
            if self._server is None:
                self._server = pg.Watcher(self._url)
            return self._server.changed()
        with self._lock:
            if self._closed:
                return False
            version = self._read()
            if version != self._version:
                self._version = version
                return True
            return False

    def listen(self, *, on_change, on_offline, on_online) -> None:
        """PostgreSQL only: call `on_change()` from a thread when anyone commits a write,
        `on_offline(why)` when the server is lost and `on_online()` when it is back.
        Called with this thread's connection open (the app's, after open_db): writes
        committed from now on are not missed, even before the listener is up."""
        try:
            since = pg.snapshot_xmax(database)
        except DB_ERRORS:  # already gone: the listener says so, and reloads once back
            since = None
        self.listener = pg.Listener(
            self._url, on_change=on_change, on_offline=on_offline, on_online=on_online,
            since=since,
        ).start()

    def close(self) -> None:
        if self.listener is not None:
            self.listener.close()
        if self._server is not None:
            self._server.close()
        elif not self.pushes:
            with self._lock:
                self._closed = True
                self._conn.close()
