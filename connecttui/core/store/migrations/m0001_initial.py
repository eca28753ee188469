"""The first migration: every table, the search indexes and the default circles."""

from connecttui.core.store.models import INDEXES, TABLES, Circle

VERSION = 1

DEFAULT_CIRCLES = (
    # name, ideal days, maximum days, resting
    ("inner", 14, 30, False),
    ("friends", 30, 60, False),
    ("work", 60, 120, False),
    ("resting", None, None, True),
)


def apply(db) -> None:
    from connecttui.core.store.dialect import is_postgres

    if is_postgres(db):  # FTS5 is SQLite's: PostgreSQL gets its own text search tables
        from connecttui.core.store import pg_search

        db.create_tables(TABLES)
        pg_search.create_tables(db)
    else:
        db.create_tables(TABLES + INDEXES)
    for position, (name, ideal, maximum, resting) in enumerate(DEFAULT_CIRCLES):
        Circle.create(
            name=name, ideal_days=ideal, max_days=maximum, resting=resting, position=position
        )
