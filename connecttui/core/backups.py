"""Backups: consistent snapshots of the database file, kept in the backups folder.

A snapshot is made with SQLite's online backup API, so it is consistent even while the TUI
or a CLI command is writing. It is written under a temporary name and then linked to its
final name, so a half-written snapshot never looks like a backup. Names carry the database's
name, the UTC time and the reason: `connecttui-20261127T091500Z-daily.db`.

When: once a day while the app runs (`daily`), before every migration and every import,
before a restore, and when asked (`connecttui backup`). Kept (`prune`): the newest daily
snapshot of each of the last 7 days and of each of the last 4 ISO weeks, every snapshot
taken before a migration, an import or a restore in the last 7 days, and every manual one
(the user deletes those). The folder is 0700 and every file 0600.

All of this is about an SQLite file. A PostgreSQL database lives on its server and is backed
up there, with pg_dump: the automatic snapshots are skipped, and asking for a backup or a
restore says so in one line.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pendulum

from connecttui.core import clock, policy
from connecttui.core.errors import UserError
from connecttui.core.private_files import open_private
from connecttui.core.store import migrations

REASONS = ("daily", "migration", "import", "manual", "restore")
KEPT_A_WEEK = ("migration", "import", "restore")
DAYS_KEPT = 7
WEEKS_KEPT = 4

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)-(?P<reason>" + "|".join(REASONS) + r")"
    r"(?:-(?P<n>\d+))?\.db$"
)
_STAMP = "%Y%m%dT%H%M%SZ"
_HEADER = b"SQLite format 3\x00"


POSTGRES_HINT = (
    "this is a PostgreSQL database: back it up with pg_dump and restore it with pg_restore "
    "(or export and import a JSON backup)"
)


def _open_is_postgres() -> bool:
    from connecttui.core.store.dialect import is_postgres

    return is_postgres()


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: pendulum.DateTime
    """When it was made (UTC)."""
    reason: str
    size: int
    n: int = 1
    """1, or 2, 3... for snapshots made in the same second."""

    @property
    def day(self) -> pendulum.Date:
        """The user's calendar day it was made on."""
        return clock.local_day(self.when)


def open_path() -> Path:
    """The file of the open database."""
    from connecttui.core.store.models import database

    if database.obj is None:
        raise UserError("no database is open")
    if _open_is_postgres():
        raise UserError(POSTGRES_HINT)
    return Path(database.obj.database)


use_folder = policy.use_backups_folder
"""Where backups go (core/policy.py keeps it: see use_backups_folder)."""


def folder(create: bool = False) -> Path:
    """The backups folder; created (0700) when asked, and kept private if it exists."""
    path = policy.backups_folder()
    if path is None:
        raise UserError("no backups folder was given (backups.use_folder)")
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # the data folder
            path.mkdir(exist_ok=True, mode=0o700)
            os.chmod(path, 0o700)
        except OSError as error:
            raise UserError(f"cannot create the backups folder {path}: {error.strerror}") from None
    return path


def backups(db_path: str | os.PathLike | None = None) -> list[BackupInfo]:
    """The backups of a database (default: the open one), newest first."""
    stem = Path(db_path).stem if db_path is not None else open_path().stem
    found = []
    try:
        entries = list(os.scandir(folder()))
    except FileNotFoundError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or match["stem"] != stem or not entry.is_file(follow_symlinks=False):
            continue
        when = pendulum.instance(datetime.strptime(match["stamp"], _STAMP), tz="UTC")
        stat = entry.stat()
        found.append((stat.st_mtime_ns, BackupInfo(Path(entry.path), when, match["reason"],
                                                   stat.st_size, int(match["n"] or 1))))
    # Names tell the second; two backups in one second are told apart by when they were
    # written.
    found.sort(key=lambda item: (item[1].when, item[1].n, item[0]), reverse=True)
    return [info for _, info in found]


def snapshot(reason: str) -> Path | None:
    """A consistent copy of the open database in the backups folder; returns its path. On
    PostgreSQL the automatic ones (before an import) are skipped: None."""
    if reason != "manual" and _open_is_postgres():
        return None
    return snapshot_file(open_path(), reason)


def snapshot_file(db_path: str | os.PathLike, reason: str) -> Path:
    """A consistent copy of a database file (read through its own connection, so it works
    from any thread and while the database is being opened or written)."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    source_path = Path(db_path)
    if not source_path.is_file():
        raise UserError(f"cannot back up {source_path}: there is no database there")
    target_folder = folder(create=True)
    stamp = pendulum.now("UTC").strftime(_STAMP)
    fd, partial = tempfile.mkstemp(prefix=".partial-", suffix=".db", dir=target_folder)
    os.close(fd)  # mkstemp made it 0600
    try:
        try:
            _copy(_uri(source_path, "rw"), partial)
            with open(partial, "rb") as handle:
                os.fsync(handle.fileno())
        except sqlite3.Error as error:
            raise UserError(f"cannot back up {source_path}: {error}") from None
        except OSError as error:
            raise UserError(f"cannot back up {source_path}: {error.strerror}") from None
        return _claim(partial, target_folder, f"{source_path.stem}-{stamp}-{reason}")
    finally:
        for leftover in (partial, partial + "-journal", partial + "-wal", partial + "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def _copy(source_uri: str, target: str) -> None:
    """Copy with the backup API in one step (one read transaction: a consistent state)."""
    source = sqlite3.connect(source_uri, uri=True, timeout=10)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            # The copy inherits the WAL flag; a backup is one self-contained file.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    finally:
        source.close()


def _claim(partial: str, target_folder: Path, base: str) -> Path:
    """Give the finished copy its name without ever replacing another backup."""
    for n in range(1, 1000):
        final = target_folder / (base + (f"-{n}" if n > 1 else "") + ".db")
        try:
            os.link(partial, final)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            if final.exists():
                continue
            os.replace(partial, final)
        _sync_folder(target_folder)
        return final
    raise UserError(f"cannot name a backup in {target_folder}: too many in one second")


def _sync_folder(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def prune(today: date, db_path: str | os.PathLike | None = None) -> list[Path]:
    """Delete the backups the retention rules don't keep; return what was deleted."""
    days = {today - timedelta(days=i) for i in range(DAYS_KEPT)}
    weeks = {(today - timedelta(weeks=i)).isocalendar()[:2] for i in range(WEEKS_KEPT)}
    seen_days: set = set()
    seen_weeks: set = set()
    deleted = []
    for info in backups(db_path):  # newest first: the first of a day or week is kept
        day = info.day
        week = day.isocalendar()[:2]
        keep = day > today or info.reason == "manual"
        if info.reason == "daily":
            if day in days and day not in seen_days:
                seen_days.add(day)
                keep = True
            if week in weeks and week not in seen_weeks:
                seen_weeks.add(week)
                keep = True
        elif info.reason in KEPT_A_WEEK and day in days:
            keep = True
        if not keep:
            with contextlib.suppress(FileNotFoundError):
                info.path.unlink()
            deleted.append(info.path)
    return deleted


def daily(today: date, db_path: str | os.PathLike | None = None) -> Path | None:
    """Today's daily snapshot, unless there is one already; then prune. Returns the new
    snapshot, or None when today's was already made (or the database is PostgreSQL)."""
    if db_path is None and _open_is_postgres():
        return None
    path = Path(db_path) if db_path is not None else open_path()
    made = None
    if not any(info.reason == "daily" and info.day == today for info in backups(path)):
        made = snapshot_file(path, "daily")
    prune(today, path)
    return made


def check_backup(source: str | os.PathLike, target: str | os.PathLike | None = None) -> int:
    """Refuse, with one line, a file that can't be restored; return its schema version."""
    source = Path(source)
    if not source.exists():
        raise UserError(f"{source} does not exist")
    if source.is_dir():
        raise UserError(f"{source} is a folder, not a backup")
    if target is not None and Path(target).exists() and source.samefile(target):
        raise UserError(f"{source} is the database itself")
    try:
        with open(source, "rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise UserError(f"cannot read {source}: {error.strerror}") from None
    if header != _HEADER:
        raise UserError(f"{source} is not a connecttui database (not an SQLite file)")
    try:
        conn = sqlite3.connect(_uri(source, "ro"), uri=True)
        try:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"schemaversion", "contact"} <= tables:
                raise UserError(f"{source} is not a connecttui database (no contacts table)")
            version = conn.execute("SELECT MAX(version) FROM schemaversion").fetchone()[0] or 0
            status = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise UserError(f"cannot read {source}: {error}") from None
    if status != "ok":
        raise UserError(f"{source} is damaged: {status}")
    newest = migrations.available()[-1].VERSION
    if version > newest:
        raise UserError(
            f"{source} was written by a newer connecttui (schema {version}, this one "
            f"knows {newest}): upgrade connecttui to restore it"
        )
    return version


def restore(source: str | os.PathLike, target: str | os.PathLike) -> Path | None:
    """Replace the database at `target` with the backup at `source`.

    The current database is first kept as a "restore" snapshot (returned; None when there
    was no database yet). The content is copied with the backup API into the live file, so
    a running TUI (WAL mode) sees the change as one commit. Close this process's own
    connection first; open the database again afterwards to migrate an older backup.
    """
    source, target = Path(source), Path(target)
    check_backup(source, target)
    kept = None
    if target.exists() and target.stat().st_size > 0:
        try:
            kept = snapshot_file(target, "restore")
        except UserError as error:
            raise UserError(
                f"cannot keep the current database as a backup ({error}); nothing changed"
            ) from None
    else:
        _create_private(target)
    try:
        source_conn = sqlite3.connect(_uri(source, "ro"), uri=True)
        try:
            live = sqlite3.connect(target, timeout=30)
            try:
                source_conn.backup(live)
            finally:
                live.close()
        finally:
            source_conn.close()
    except sqlite3.Error as error:
        raise UserError(f"cannot restore into {target}: {error}") from None
    return kept


def _create_private(path: Path) -> None:
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=0o700)
        os.close(open_private(path))
    except OSError as error:
        raise UserError(f"cannot create the database {path}: {error.strerror}") from None
