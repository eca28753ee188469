"""A database written by schema 1 is brought up to date on open, its data kept and the kept
columns of schema 2 filled from the touches already there."""

from __future__ import annotations

import sqlite3

import pendulum
import pytest

from connecttui.core import people, touches
from connecttui.core.store import db as store
from connecttui.core.store import migrations
from connecttui.core.store.models import Contact, Review, Snooze, TouchContact


def _downgrade_to_v1(path) -> None:
    """Turn a fresh database back into schema 1: drop what later schemas added."""
    conn = sqlite3.connect(path)
    with conn:
        for table in ("snooze", "familymember", "gift", "holidaycard", "review", "contactfield"):
            conn.execute(f"DROP TABLE {table}")
        for table, column in (
            ("contact", "last_full_touch_at"), ("contact", "last_social_at"),
            ("contact", "learned_days"), ("contact", "address"), ("fact", "tags"),
            ("contact", "tags"), ("contact", "vcard_extra"), ("contact", "deceased"),
            ("contact", "deceased_on"),
        ):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        # A foreign-key column can't be dropped: rebuild the table as schema 1 had it.
        conn.execute(
            'CREATE TABLE "occasion_v1" ("id" INTEGER NOT NULL PRIMARY KEY, '
            '"contact_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "label" TEXT NOT NULL, '
            '"month" INTEGER NOT NULL, "day" INTEGER NOT NULL, "year" INTEGER, '
            '"feb29" VARCHAR(255) NOT NULL, "lead_days" INTEGER NOT NULL, '
            'FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)'
        )
        conn.execute(
            "INSERT INTO occasion_v1 SELECT id, contact_id, kind, label, month, day, year, "
            "feb29, lead_days FROM occasion"
        )
        conn.execute("DROP TABLE occasion")
        conn.execute("ALTER TABLE occasion_v1 RENAME TO occasion")
        conn.execute("DELETE FROM schemaversion WHERE version > 1")
    conn.close()


@pytest.mark.sqlite_only("rewrites a saved SQLite file back to schema 1, table by table")
def test_schema_1_database_is_migrated_and_keeps_its_data(home, db_path):
    store.open_db(db_path)
    ada = people.add_contact("Ada Lovelace", circle="inner")
    touches.log_touch([ada.id], "call", at=pendulum.datetime(2026, 11, 1, 12))
    touches.log_touch([ada.id], "social", at=pendulum.datetime(2026, 11, 20, 12))
    store.close_db()
    _downgrade_to_v1(db_path)

    conn = sqlite3.connect(db_path)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(contact)")}
    assert "last_social_at" not in columns
    conn.close()

    store.open_db(db_path)
    try:
        assert migrations.current_version(Contact._meta.database) == (
            migrations.available()[-1].VERSION
        )
        # Adding a NOT NULL column rebuilds the table: no row pointing at it may be lost.
        assert TouchContact.select().count() == 2
        contact = Contact.get(Contact.name == "Ada Lovelace")
        assert contact.last_full_touch_at == pendulum.datetime(2026, 11, 1, 12)
        assert contact.last_social_at == pendulum.datetime(2026, 11, 20, 12)
        assert contact.address == ""
        assert (contact.deceased, contact.deceased_on) == (False, None)  # schema 8
        occasion_columns = {c.name for c in Contact._meta.database.get_columns("occasion")}
        assert "partner_id" in occasion_columns
        assert Snooze.select().count() == 0 and Review.select().count() == 0
    finally:
        store.close_db()
