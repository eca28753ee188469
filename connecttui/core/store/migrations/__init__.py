"""Numbered schema migrations, applied in order on open, each in its own transaction.

Each migration is a module `mNNNN_*.py` with `VERSION` and `apply(db)`. A database whose
version is newer than the newest migration here is refused, never touched.
"""

from __future__ import annotations

import importlib
import pkgutil

import pendulum

from connecttui.core.errors import UserError
from connecttui.core.store.models import SchemaVersion


def versions() -> list[tuple[int, str]]:
    """(version, module name) of every migration, in order, read from the file names
    (`m0004_interop` is 4) so that opening an up-to-date database imports none of them."""
    return sorted(
        (int(info.name[1:5]), info.name)
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("m")
    )


def load(name: str):
    module = importlib.import_module(f"{__name__}.{name}")
    if f"m{module.VERSION:04d}" != name[:5]:
        raise RuntimeError(f"migration {name} says it is version {module.VERSION}")
    return module


def available() -> list:
    """The migration modules, in version order."""
    return [load(name) for _, name in versions()]


def current_version(db) -> int:
    if not db.table_exists(SchemaVersion._meta.table_name):
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schemaversion").fetchone()
    return row[0] or 0


def refuse_newer(version: int) -> None:
    newest = versions()[-1][0]
    if version > newest:
        raise UserError(
            f"this database was written by a newer connecttui (schema {version}, "
            f"this one knows {newest}): upgrade connecttui to open it"
        )


def apply(db, before=None) -> int:
    """Bring the database up to the newest version; return that version.

    `before()` is called first when a database that already has a schema needs migrating
    (open_db passes one that makes a backup); it may refuse by raising."""
    newest = versions()[-1][0]
    version = current_version(db)
    refuse_newer(version)
    pending = [load(name) for number, name in versions() if version < number]
    if not pending:
        return version
    if version > 0 and before is not None:
        before()
    from connecttui.core.store.dialect import is_postgres

    if is_postgres(db):
        _apply_postgres(db, pending)
        return newest
    # SQLite rebuilds a table to change a column; with foreign keys on, dropping the old
    # table would cascade-delete every row that points at it. The pragma only takes effect
    # outside a transaction, so it is turned off around the migrations and the keys are
    # checked by hand before each one commits.
    db.pragma("foreign_keys", 0)
    try:
        for module in pending:
            with db.atomic():
                module.apply(db)
                broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration {module.VERSION} broke foreign keys: {broken}")
                SchemaVersion.create(version=module.VERSION, applied_at=pendulum.now("UTC"))
    finally:
        db.pragma("foreign_keys", 1)
    return newest


def _apply_postgres(db, pending: list) -> None:
    """On PostgreSQL a table is altered in place and foreign keys are checked by the server
    at every statement, so nothing is turned off: all pending migrations run in one
    transaction (DDL is transactional there), all of them or none."""
    from connecttui.core.store import pg

    with db.atomic():
        for module in pending:
            module.apply(db)
            SchemaVersion.create(version=module.VERSION, applied_at=pendulum.now("UTC"))
        pg.collate_like_sqlite(db)


def add_missing_columns(db, *models_and_names) -> None:
    """Add the named columns of each (model, names) that the table lacks, in one `migrate`:
    a migration adds only what is missing, so a half-migrated file (an older build that
    had some of the columns) is finished rather than refused."""
    from playhouse.migrate import SchemaMigrator, migrate

    migrator = SchemaMigrator.from_database(db)
    operations = []
    for model, names in models_and_names:
        table = model._meta.table_name
        existing = {column.name for column in db.get_columns(table)}
        for name in names:
            field = model._meta.fields[name]
            if field.column_name not in existing:
                operations.append(migrator.add_column(table, field.column_name, field))
    if operations:
        migrate(*operations)
