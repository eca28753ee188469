"""connecttui's own JSON backup: complete, versioned, and restored exactly.

Export, import into an empty database and export again gives the same document, so the
document holds no export time and lists rows in id order.
"""

from __future__ import annotations

import json
from typing import IO

from peewee import AutoField, BooleanField, DatabaseError, ForeignKeyField, IntegerField

from connecttui.core import search
from connecttui.core.errors import UserError
from connecttui.core.fields import PlainDateField, UTCDateTimeField
from connecttui.core.occasions import check_date
from connecttui.core.store.db import transaction
from connecttui.core.store.dialect import sync_sequences
from connecttui.core.store.migrations import current_version
from connecttui.core.store.models import (
    FACT_KINDS,
    FEB29_RULES,
    FIELD_KINDS,
    GIFT_STATUSES,
    INITIATORS,
    KINDS,
    OCCASION_KINDS,
    RELATIONS,
    Circle,
    Contact,
    ContactField,
    Fact,
    FamilyMember,
    Gift,
    HolidayCard,
    Occasion,
    OpenLoop,
    Review,
    Snooze,
    Touch,
    TouchContact,
    Trash,
    UndoEntry,
)

FORMAT = "connecttui-backup"
VERSION = 1
TABLES = (
    Circle, Contact, Touch, TouchContact, OpenLoop, Occasion, Fact, Snooze, FamilyMember, Gift,
    HolidayCard, Review, ContactField, Trash, UndoEntry,
)
"""In the order rows must be restored (every table after those it points to)."""


def _columns(model) -> list:
    return list(model._meta.sorted_fields)


def _encode(field, value):
    if value is None:
        return None
    if isinstance(field, UTCDateTimeField):
        return value.in_timezone("UTC").strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(field, PlainDateField):
        return value.isoformat()
    return value


def document() -> dict:
    """The whole database as a JSON-ready dictionary."""
    tables = {}
    for model in TABLES:
        fields = _columns(model)
        order = [f for f in fields if f.primary_key] or fields
        rows = model.select(*fields).order_by(*order).tuples()
        tables[model._meta.table_name] = [
            {f.column_name: _encode(f, v) for f, v in zip(fields, row, strict=True)}
            for row in rows
        ]
    db = Contact._meta.database
    return {"format": FORMAT, "version": VERSION, "schema": current_version(db), "tables": tables}


def export_json(stream: IO[str]) -> dict:
    doc = document()
    json.dump(doc, stream, ensure_ascii=False, indent=1, sort_keys=True)
    stream.write("\n")
    return {name: len(rows) for name, rows in doc["tables"].items()}


def _check(doc) -> None:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise UserError("this file is not a connecttui JSON backup")
    if doc.get("version") != VERSION:
        raise UserError(
            f"this backup is version {doc.get('version')}; this connecttui reads version {VERSION}"
        )
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise UserError("the backup has no tables")
    for model in TABLES:
        rows = tables.get(model._meta.table_name, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise UserError(f"the backup's {model._meta.table_name} table is not a list of rows")
        known = {f.column_name for f in _columns(model)}
        for row in rows:
            extra = set(row) - known
            if extra:
                raise UserError(
                    f"the backup's {model._meta.table_name} table has unknown columns: "
                    + ", ".join(sorted(extra))
                )
        _check_rows(model, rows)


CHOICES = {
    ("touch", "kind"): KINDS,
    ("touch", "initiator"): INITIATORS,
    ("occasion", "kind"): OCCASION_KINDS,
    ("occasion", "feb29"): FEB29_RULES,
    ("fact", "kind"): FACT_KINDS,
    ("gift", "status"): GIFT_STATUSES,
    ("familymember", "relation"): RELATIONS,
    ("contactfield", "kind"): FIELD_KINDS,
}
"""Columns whose values must be one of the product's words."""


def _check_value(table: str, field, value) -> None:
    """Raise ValueError when a value cannot be what the column holds."""
    if value is None:
        if not field.null and not field.primary_key and field.default is None:
            raise ValueError(f"{field.column_name} is missing")
        return
    if isinstance(field, UTCDateTimeField | PlainDateField):
        try:
            field.db_value(value)
        except (ValueError, TypeError, AttributeError):
            raise ValueError(f"{field.column_name} is not a date: {value!r}") from None
    elif isinstance(field, IntegerField | AutoField | ForeignKeyField | BooleanField):
        if not isinstance(value, int) or not -(2**63) <= value < 2**63:
            raise ValueError(f"{field.column_name} is not a number: {value!r}")
    elif not isinstance(value, str):
        raise ValueError(f"{field.column_name} is not text: {value!r}")
    allowed = CHOICES.get((table, field.column_name))
    if allowed and value not in allowed:
        raise ValueError(f"{field.column_name} {value!r} is not one of {', '.join(allowed)}")


def _check_rows(model, rows: list[dict]) -> None:
    table = model._meta.table_name
    fields = {f.column_name: f for f in _columns(model)}
    for number, row in enumerate(rows, start=1):
        try:
            for name, field in fields.items():
                _check_value(table, field, row.get(name))
            if table == "occasion":
                check_date(row.get("year"), row["month"], row["day"])  # the year may be left out
        except (ValueError, UserError) as error:
            raise UserError(f"the backup's {table} row {number} is not valid: {error}") from None


def load_json(stream: IO[str]) -> dict:
    try:
        doc = json.load(stream)
    except json.JSONDecodeError as error:
        raise UserError(f"the file is not valid JSON (line {error.lineno}: {error.msg})") from None
    except RecursionError:
        raise UserError("the file is not valid JSON (nested too deeply)") from None
    except UnicodeDecodeError:
        raise UserError("the file is not text (UTF-8 JSON expected)") from None
    _check(doc)
    return doc


def is_empty() -> bool:
    return not Contact.select().exists() and not Touch.select().exists()


def restore_undoably(doc: dict, source: str) -> dict[str, int]:
    """`connecttui import backup.json`: `restore`, with an undo entry in the same transaction
    (core/commands/restores.py), so `connecttui undo` empties the database again. `restore`
    itself journals nothing: copying a database and the export/restore round trip give
    back the document exactly, the journal included."""
    from connecttui.core.commands import restores

    with transaction():
        before = restores.before_restore()
        counts = restore(doc)
        restores.record_restore(f"restored {source}", before)
    return counts


def restore(doc: dict) -> dict[str, int]:
    """Write a backup into an empty database (no contacts, no touches), in one transaction;
    return the row counts. The database is then the backup's, journal and trash included."""
    _check(doc)
    counts = {}
    with transaction():
        if not is_empty():
            raise UserError(
                "the database already has contacts: restore a JSON backup into an empty "
                "database (use --db with a new file)"
            )
        # What an "empty" database still holds is replaced by the backup's, whose ids would
        # clash with it: its circles, its trash and its journal (a JSON import's undo,
        # core/commands/restores.py, keeps them and gives them back).
        for model in (UndoEntry, Trash, Circle):
            model.delete().execute()
        for model in TABLES:
            name = model._meta.table_name
            fields = {f.column_name: f for f in _columns(model)}
            rows = doc["tables"].get(name, [])
            try:
                for start in range(0, len(rows), 500):
                    batch = [
                        {fields[k]: fields[k].db_value(v) if v is not None else None
                         for k, v in row.items()}
                        for row in rows[start : start + 500]
                    ]
                    if batch:
                        model.insert_many(batch).execute()
            # ids that clash or point nowhere; or (ValueError) a row without a column that
            # rows before it in the batch have, and that has no default (an id)
            except (DatabaseError, ValueError) as error:
                reason = " ".join(str(error).split())  # PostgreSQL's messages span lines
                raise UserError(
                    f"the backup's {name} table could not be restored: {reason}"
                ) from None
            counts[name] = len(rows)
        sync_sequences(*TABLES)  # rows came with their ids: new rows must get others
        search.rebuild()
    return counts
