"""Copy a whole database to another one, SQLite to PostgreSQL or back (`connecttui copy-to`).

The rows travel as the JSON backup sees them (interop/backup.py): that form is the same on
both engines, so it is also what the copy is checked against. The source is read in one
consistent snapshot; the target, which must be new (nothing in it but what every new
database holds), is written in one transaction: every table in dependency order with the
same ids, the id sequences moved past them, the search indexes rebuilt. Before that
transaction commits, every table is read back and its row count and a checksum of its rows
compared with the source's; any difference rolls the whole copy back.

In interop, not core: it is built on the backup document, and the core imports no interop.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from connecttui.core.errors import UserError
from connecttui.core.store import pg
from connecttui.core.store.db import close_db, is_postgres_url, open_db, sqlite_path, transaction
from connecttui.core.store.models import TABLES, ContactIndex, SchemaVersion, TouchIndex, database


@dataclass(frozen=True)
class TableCheck:
    """One table after the copy: rows and checksum on each side."""

    name: str
    rows: int
    checksum: str
    copied_rows: int
    copied_checksum: str

    @property
    def ok(self) -> bool:
        return (self.rows, self.checksum) == (self.copied_rows, self.copied_checksum)


@dataclass(frozen=True)
class CopyReport:
    tables: list[TableCheck]
    indexes: dict[str, int]
    """Rows of each rebuilt search index on the target."""

    @property
    def rows(self) -> int:
        return sum(check.rows for check in self.tables)


class VerificationFailed(UserError):
    """The target did not read back as the source: the copy was rolled back."""

    def __init__(self, checks: list[TableCheck]) -> None:
        self.checks = checks
        bad = [check for check in checks if not check.ok]
        parts = [f"{c.name} ({c.rows} rows, {c.copied_rows} read back"
                 + (")" if c.rows != c.copied_rows else ", different contents)") for c in bad]
        super().__init__("the copy did not check out, so nothing was stored in the target: "
                         + "; ".join(parts))


def shown(where: str | os.PathLike) -> str:
    """A database as it may be printed: a URL without its password, or the path."""
    text = os.fspath(where)
    return pg.masked(text) if is_postgres_url(text) else text


def checksum(rows: list[dict]) -> str:
    """sha256 of a table's rows in the backup's engine-neutral form, in id order."""
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _tables():
    """The backup's tables: every table but the schema versions (each database keeps its
    own). A table the backup does not know would be lost by the copy, so it is refused."""
    from connecttui.interop import backup  # lazily: the backup module is the heavier half

    missing = set(TABLES) - {SchemaVersion} - set(backup.TABLES)
    if missing:  # a new model not yet in the backup: a bug, said before anything is written
        raise RuntimeError(f"the backup leaves out {sorted(m.__name__ for m in missing)}")
    return backup


def _same(source: str, target: str) -> bool:
    if is_postgres_url(source) or is_postgres_url(target):
        return pg.normalized(source) == pg.normalized(target)
    return sqlite_path(source).resolve() == sqlite_path(target).resolve()


def _read_source(source: str) -> dict:
    """The whole source as the backup document, from one snapshot of it (a writer that
    commits meanwhile is either wholly in the copy or not at all)."""
    backup = _tables()
    db = open_db(source)
    try:
        if is_postgres_url(source):
            snapshot = db.atomic(isolation_level="REPEATABLE READ")
        else:
            snapshot = db.atomic(lock_type="DEFERRED")  # a read: other writers go on
        with snapshot:
            return backup.document()
    finally:
        close_db()


def _refuse_non_empty(target: str) -> None:
    from connecttui.core.store.migrations.m0001_initial import DEFAULT_CIRCLES
    from connecttui.core.store.models import Circle

    backup = _tables()
    holding = [model._meta.table_name for model in backup.TABLES
               if model is not Circle and model.select().exists()]
    circles = [name for (name,) in Circle.select(Circle.name).order_by(Circle.id).tuples()]
    if circles != [row[0] for row in DEFAULT_CIRCLES]:
        holding.insert(0, "circle")
    if holding:
        raise UserError(
            f"{shown(target)} is not empty ({', '.join(holding)}): copy into a new database, "
            "nothing was changed"
        )


def _compare(doc: dict, copied: dict) -> list[TableCheck]:
    checks = []
    for name, rows in doc["tables"].items():
        back = copied["tables"].get(name, [])
        checks.append(TableCheck(name, len(rows), checksum(rows), len(back), checksum(back)))
    return checks


def copy_database(source: str, target: str) -> CopyReport:
    """Copy every row of `source` into the new database `target`; see the module's text.
    Leaves no database open. A target SQLite file this made is removed if the copy fails."""
    source, target = os.fspath(source), os.fspath(target)
    if _same(source, target):
        raise UserError("the target is the database being copied: name another one")
    if not is_postgres_url(source) and not sqlite_path(source).exists():
        raise UserError(f"there is no database at {source} to copy")
    created = None
    if not is_postgres_url(target):
        path = sqlite_path(target)
        created = None if path.exists() else path
    doc = _read_source(source)
    backup = _tables()
    try:
        open_db(target)
        with transaction():
            _refuse_non_empty(target)
            try:
                backup.restore(doc)  # ids kept, sequences moved on, the indexes rebuilt
            except UserError as error:  # the server's words may span lines
                raise UserError(pg.mask_text(pg.one_line(str(error)), target)) from None
            checks = _compare(doc, backup.document())
            if not all(check.ok for check in checks):
                raise VerificationFailed(checks)
            indexes = {model._meta.table_name: model.select().count()
                       for model in (ContactIndex, TouchIndex)}
    except BaseException:
        _discard(created)
        raise
    finally:
        if database.obj is not None:
            close_db()
    return CopyReport(checks, indexes)


def _discard(created: Path | None) -> None:
    """Remove the SQLite file (and its journal files) the failed copy created."""
    if created is None:
        return
    close_db()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{created}{suffix}").unlink(missing_ok=True)
