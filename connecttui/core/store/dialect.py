"""What SQLite and PostgreSQL spell differently, in one place.

The rest of the core writes portable Peewee queries; the few spots that need an engine's own
words (a case-blind sort, a month-day key, a sequence after rows written with their ids)
ask here. On SQLite every helper returns the exact SQL that was there before, so SQLite
queries stay as fast as they were.
"""

from __future__ import annotations

import datetime as dt

from peewee import PostgresqlDatabase, fn

from connecttui.core.store.models import database

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def is_postgres(db=None) -> bool:
    """Is the open database (or `db`) a PostgreSQL one?"""
    target = db if db is not None else database.obj
    if target is not None and hasattr(target, "obj"):  # a proxy
        target = target.obj
    return isinstance(target, PostgresqlDatabase)


def sql(text: str, db=None) -> str:
    """Raw SQL written with SQLite's `?` placeholders, in the open engine's own style."""
    return text.replace("?", "%s") if is_postgres(db) else text


def nocase(column: str, db=None) -> str:
    """An ORDER BY term that sorts like SQLite's `COLLATE NOCASE`: ASCII letters fold to
    lower case, everything else compares by code point, whatever the server's locale."""
    if is_postgres(db):
        return f"translate({column}, '{_UPPER}', '{_UPPER.lower()}') COLLATE \"C\""
    return f"{column} COLLATE NOCASE"


def month_day(field):
    """"MM-DD" of a stored UTC moment, as SQL (the memories' cheap filter)."""
    if is_postgres():
        return fn.to_char(field, "MM-DD")
    return fn.strftime("%m-%d", field)


def stored(value):
    """A raw value as SQLite stores it: PostgreSQL hands back datetimes, dates and booleans,
    SQLite text and integers. Snapshots (the trash, undo) keep this engine-neutral form, so a
    snapshot is plain JSON and reads the same on both engines."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return str(value.replace(tzinfo=None))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def stored_row(row: dict) -> dict:
    if not is_postgres():
        return row
    return {name: stored(value) for name, value in row.items()}


def sync_sequences(*models) -> None:
    """After rows were written with their own ids (a restore, an undelete), move each table's
    id sequence past the highest id, so the next new row gets a free one. SQLite needs
    nothing: it always takes the highest id plus one."""
    if not is_postgres():
        return
    for model in models:
        table = model._meta.table_name
        pk = model._meta.primary_key
        if pk is None or not getattr(pk, "auto_increment", False):
            continue
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk.column_name}'), "
            f'COALESCE(MAX("{pk.column_name}"), 1), MAX("{pk.column_name}") IS NOT NULL) '
            f'FROM "{table}"'
        )
