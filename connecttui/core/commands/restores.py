"""Undoing a restore, of either kind: a JSON backup written into an empty database
(`connecttui import backup.json`), and a whole database file put back from a backup
(`connecttui restore FILE`).

The journal lives in the database being replaced, so each kind is undone its own way.

- A JSON restore writes rows into a database that has no contacts and no touches, in one
  transaction: its entry keeps the few rows that were there before (circles, reviews, the
  trash, the journal itself) and a fingerprint of what the restore wrote. Undoing it, when
  nothing has changed since, empties the tables again and writes those rows back: the
  database as it was, journal included.
- A file restore replaces the file, the journal with it; the database before it was first
  kept as a backup (core/backups.py). So the entry is written afterwards into the restored
  database, and it names that backup. Undoing it puts the kept file back with the same
  restore, which first keeps the database being replaced as a backup in turn (nothing is
  ever lost, and saying so names the file). Only `connecttui undo` does that: replacing the
  file under a running TUI's own connection is not something `u` may do, so there the entry
  is refused with the command to run, and stays next in the journal.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from peewee import fn

from connecttui.core import search, snapshots, undo
from connecttui.core.commands.imports import as_bytes
from connecttui.core.errors import UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.dialect import stored_row, sync_sequences
from connecttui.core.store.models import TABLES, SchemaVersion, UndoEntry

RESTORED = tuple(model for model in TABLES if model is not SchemaVersion)
"""The tables a JSON backup holds, each after the tables it points to."""

FILE_OP = "restore_file"


# ----- a JSON backup restored into an empty database --------------------------------------
def before_restore() -> dict[str, list[dict]]:
    """The rows there are before a JSON restore (in its transaction), as stored."""
    return {model._meta.table_name: _all(model) for model in RESTORED}


def record_restore(label: str, before: dict[str, list[dict]]) -> None:
    """After a JSON restore (same transaction): the entry that puts the database back as it
    was. Its id is above every id of the journal it puts back: undo_last deletes the entry
    it undid by id, after the undo has written the old journal back."""
    undo.record(label, {"op": "unrestore", "before": before, "fingerprint": _fingerprint()})
    newest = UndoEntry.select(fn.MAX(UndoEntry.id)).scalar()
    floor = max((row["id"] for row in before.get(UndoEntry._meta.table_name, [])), default=0)
    if newest <= floor:
        UndoEntry.update(id=floor + 1).where(UndoEntry.id == newest).execute()
        sync_sequences(UndoEntry)


def _all(model) -> list[dict]:
    fields = model._meta.sorted_fields
    cursor = model._meta.database.execute(model.select(*fields).order_by(*fields))
    names = [field.column_name for field in fields]
    return [stored_row(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def _fingerprint() -> str:
    """A digest of every table but the journal, as stored."""
    digest = hashlib.sha256()
    for model in RESTORED:
        if model is not UndoEntry:
            fields = model._meta.sorted_fields
            query = model.select(*fields).order_by(*fields)
            rows = model._meta.database.execute(query).fetchall()
            digest.update(model._meta.table_name.encode() + as_bytes(rows))
    return digest.hexdigest()


@undo.undoes("unrestore")
def _undo_restore(step: dict) -> None:
    if _fingerprint() != step["fingerprint"]:
        raise UserError("the database has changed since the restore")
    for model in reversed(RESTORED):  # the journal too: it goes back to what it was
        model.delete().execute()
    for model in RESTORED:
        for row in step["before"].get(model._meta.table_name, []):
            snapshots.insert(model, row, f"a {model._meta.table_name} row")
    sync_sequences(*RESTORED)
    search.rebuild()


# ----- a database file put back from a backup ---------------------------------------------
def record_file_restore(source: str | Path, kept: str | Path) -> None:
    """After `connecttui restore FILE` (into the restored database): the entry that undoes
    it, naming the backup of the database it replaced."""
    undo.record(f"restored {Path(source).name}", {"op": FILE_OP, "kept": str(kept)})


@undo.undoes(FILE_OP)
def _undo_file_restore_here(step: dict) -> None:
    raise undo.Elsewhere(
        "it replaced the whole database: run `connecttui undo` from the command line, "
        f"which puts back {step['kept']}")


def undo_file_restore() -> tuple[str, Path] | None:
    """`connecttui undo` when the newest change is a restore from a file: put back the
    database it replaced. Returns what was undone and where the database as it was is
    kept now; None when the newest change is another one (undo_last does it)."""
    from connecttui.core import backups
    from connecttui.core.store.db import close_db, open_db

    entry = UndoEntry.select().order_by(UndoEntry.id.desc()).first()
    step = undo.step_of(entry.inverse) if entry is not None else {}
    if step.get("op") != FILE_OP:
        return None
    kept, target = Path(step["kept"]), backups.open_path()
    if not kept.is_file():
        with transaction():
            UndoEntry.delete().where(UndoEntry.id == entry.id).execute()
        raise UserError(f"can't undo {entry.label}: the database it replaced was kept as "
                        f"{kept}, which is gone")
    close_db()
    try:
        now_kept = backups.restore(kept, target)
    finally:
        open_db(target)  # an older backup is migrated now
    return f"undid: {entry.label}", now_kept
