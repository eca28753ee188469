"""A real, throwaway PostgreSQL server for the tests (the distribution's binaries).

`Server.start()` runs initdb into a fresh temporary folder, then starts `postgres` on
127.0.0.1 at a free port, with trust authentication (the cluster only ever listens on the
loopback and is deleted afterwards) and its unix socket inside that folder. As root (CI),
initdb and the server run as the `postgres` user, which the package creates.

A migrated template database is made once. `new_database()` copies it (`CREATE DATABASE
... TEMPLATE`: about 0.4 s here); the tests' `db_path` instead reuses one database per server
that `fresh()` empties back to the template's rows (a few DELETEs and sequence resets: a few
milliseconds), so the second run of the suite on PostgreSQL stays a few minutes.

`halt()` stops the server, cutting every client's connection as a crash or a restart does,
and `resume()` starts it again on the same port and data: the tests of
what the app does while the server is away use them, on a Server of their own.

When the binaries are missing, `Server.start()` raises `Missing`: the fixtures turn that into
a failure that says what to install, never a skip.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

TEMPLATE = "connecttui_template"
INSTALL_HINT = (
    "PostgreSQL's server binaries (initdb, pg_ctl, postgres) were not found: install them "
    "(Debian: apt-get install -y postgresql) or put their folder on PATH"
)


class Missing(RuntimeError):
    """The server binaries are not installed."""


def binaries() -> Path:
    """The folder holding initdb and pg_ctl: on PATH, else the newest Debian install."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if not candidates:
        raise Missing(INSTALL_HINT)
    return Path(candidates[-1]).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One throwaway cluster; `url(name)` is the URL of one of its databases."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.root: Path | None = None
        self.port = 0
        self._names = itertools.count(1)
        self._reused: str | None = None
        self._reset_sql: list[tuple[str, tuple]] = []

    # --- running the binaries as the right user -------------------------------------

    def _as_owner(self, argv: list[str]) -> list[str]:
        if os.geteuid() != 0:
            return argv
        return ["runuser", "-u", "postgres", "--", *argv]

    def _run(self, *argv: str) -> None:
        result = subprocess.run(self._as_owner([str(a) for a in argv]), capture_output=True,
                                text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed: {result.stdout}\n{result.stderr}")

    def start(self) -> Server:
        self.root = Path(tempfile.mkdtemp(prefix="connecttui-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        data = self.root / "data"
        self._run(self.bin / "initdb", "-D", data, "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        for _ in range(5):  # another process may take the port between probe and start
            self.port = free_port()
            try:
                self._serve()
                break
            except RuntimeError:
                if "could not bind" not in self.log():
                    raise
        atexit.register(self.stop)
        self._make_template()
        return self

    def _serve(self) -> None:
        self._run(
            self.bin / "pg_ctl", "-D", self.root / "data", "-l", self.root / "server.log",
            "-w", "-t", "60", "start", "-o",
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=100",
        )

    def halt(self) -> None:
        """Stop the server, keeping its data: every client's connection is cut at once and
        new ones are refused until `resume()`. `-m fast`, not `immediate`: with
        synchronous_commit off, an immediate stop could lose the last commits."""
        self._run(self.bin / "pg_ctl", "-D", self.root / "data", "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start the halted server again, on the same port, with the same data."""
        self._serve()

    def log(self) -> str:
        try:
            return (self.root / "server.log").read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.root is None:
            return
        with contextlib.suppress(Exception):
            self._run(self.bin / "pg_ctl", "-D", self.root / "data", "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    # --- databases -------------------------------------------------------------------

    def url(self, name: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def admin(self, sql: str) -> None:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def _make_template(self) -> None:
        from connecttui.core.store import db as store

        self.admin(f'CREATE DATABASE "{TEMPLATE}"')
        store.open_db(self.url(TEMPLATE))
        store.close_db()

    def new_database(self) -> str:
        """A fresh, migrated database; its URL."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        for attempt in range(50):
            try:
                self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
                return self.url(name)
            except psycopg.errors.ObjectInUse:  # the template is busy for a moment
                time.sleep(0.05 * (attempt + 1))
        raise RuntimeError("the template database stayed busy")

    def fresh(self) -> str:
        """The URL of this server's test database, emptied back to what a new database
        holds (the schema versions and the default circles), ids starting from 1 again."""
        if self._reused is None:
            self._reused = self.new_database()
            self._reset_sql = self._plan_reset(self._reused)
        with psycopg.connect(self._reused, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            with conn.transaction():
                for sql, params in self._reset_sql:
                    conn.execute(sql, params)
        return self._reused

    @staticmethod
    def _plan_reset(url: str) -> list[tuple[str, tuple]]:
        """The statements that bring the database back to its state as copied: delete every
        row (children first), put the template's rows back, restart the id sequences."""
        from connecttui.core.store.models import TABLES

        plan: list[tuple[str, tuple]] = []
        with psycopg.connect(url, autocommit=True) as conn:
            tables = [m._meta.table_name for m in TABLES] + ["contact_fts", "touch_fts"]
            known = {row[0] for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
            assert known == set(tables), f"tables the reset does not know: {known ^ set(tables)}"
            plan += [(f'DELETE FROM "{t}"', ()) for t in reversed(tables)]
            for table in tables:
                cursor = conn.execute(f'SELECT * FROM "{table}"')
                names = ", ".join(f'"{c.name}"' for c in cursor.description)
                for row in cursor.fetchall():
                    marks = ", ".join(["%s"] * len(row))
                    plan.append((f'INSERT INTO "{table}" ({names}) VALUES ({marks})', row))
            for table, column in conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%%'"
            ).fetchall():
                plan.append((
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                    f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table}"',
                    (),
                ))
        return plan

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with contextlib.suppress(psycopg.Error):
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- reading a database from outside, on either engine ---------------------------------


def is_url(target) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def _as_sqlite_stores(value):
    """A value as SQLite hands it back: text for moments and days, 0/1 for booleans."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def query(target, sql: str, *params) -> list[tuple]:
    """Rows of plain SQL (written with `?` placeholders) run on a database file or URL,
    outside the app's own models; values read as SQLite returns them."""
    if not is_url(target):
        import sqlite3

        conn = sqlite3.connect(target)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()
    with psycopg.connect(str(target), autocommit=True) as conn:
        rows = conn.execute(sql.replace("?", "%s"), params or None).fetchall()
    return [tuple(_as_sqlite_stores(v) for v in row) for row in rows]
