"""The deceased state in the store: schema 8 brings an existing database up to date (and
understands the "deceased" occasions Monica imports used to make), and the JSON backup and
`copy-to` carry the state and its day."""

from __future__ import annotations

import io

import pendulum

from connecttui.core import deceased, gifts, occasions, people, planning
from connecttui.core import snooze as snoozing
from connecttui.core.store import db as store
from connecttui.core.store import migrations
from connecttui.core.store.models import Contact, Gift, Occasion, Snooze
from connecttui.interop import backup, copy

TODAY = pendulum.Date(2026, 11, 27)


def _back_to_schema_7(path) -> None:
    """Take the open database back to schema 7: without the two columns schema 8 adds (and
    without schema 9's record: its index stays, and is created only if missing)."""
    database = Contact._meta.database
    for column in ("deceased", "deceased_on"):
        database.execute_sql(f'ALTER TABLE "contact" DROP COLUMN "{column}"')
    database.execute_sql("DELETE FROM schemaversion WHERE version >= 8")
    store.close_db()


def test_an_existing_database_is_migrated_and_monica_death_dates_become_the_state(home, db,
                                                                                    db_path):
    ada = people.add_contact("Ada Lovelace", birthday=(1815, 12, 10))
    charles = people.add_contact("Charles Babbage")
    mary = people.add_contact("Mary Somerville")
    # what the Monica importer made of a deceased_date, with the year and without
    dated = occasions.add_occasion(charles.id, "custom", 10, 18, year=1871, label="deceased")
    yearless = occasions.add_occasion(mary.id, "custom", 11, 29, label="deceased")
    name_day = occasions.add_occasion(ada.id, "custom", 7, 26, label="name day")
    gift, _ = gifts.add_gift(charles.id, "white lilies", "idea", dated.id)
    snoozing.snooze("occasion", str(dated.id), 7, TODAY)
    _back_to_schema_7(db_path)

    store.open_db(db_path)

    assert migrations.current_version(Contact._meta.database) == migrations.available()[-1].VERSION
    stored = {c.name: (c.deceased, c.deceased_on) for c in Contact.select()}
    assert stored == {
        "Ada Lovelace": (False, None),
        "Charles Babbage": (True, pendulum.Date(1871, 10, 18)),  # the day moved to him
        "Mary Somerville": (True, None),  # no year: the day stays her (hidden) occasion
    }
    assert sorted(o.id for o in Occasion.select().where(Occasion.kind == "custom")) == [
        yearless.id, name_day.id]
    assert Gift.get_by_id(gift.id).occasion_id is None  # the gift idea stays, for nothing
    assert Snooze.select().count() == 0
    assert people.birthday_of(ada.id) is not None  # nothing else was touched
    assert [s.contact_name for s in planning.upcoming(TODAY, 30)] == [
        "Ada Lovelace"]  # Mary's day (Nov 29) is no longer "deceased in 2 days"


def test_the_json_backup_keeps_the_state_and_its_day(home, db, tmp_path):
    charles = people.add_contact("Charles Babbage")
    mary = people.add_contact("Mary Somerville")
    people.add_contact("Ada Lovelace")
    deceased.mark_deceased(charles.id, pendulum.Date(1871, 10, 18), TODAY)
    deceased.mark_deceased(mary.id, None, TODAY)
    first = io.StringIO()
    backup.export_json(first)
    rows = {row["name"]: (row["deceased"], row["deceased_on"])
            for row in backup.document()["tables"]["contact"]}
    assert rows == {"Charles Babbage": (True, "1871-10-18"), "Mary Somerville": (True, None),
                    "Ada Lovelace": (False, None)}

    store.close_db()
    store.open_db(tmp_path / "restored.db")
    backup.restore(backup.load_json(io.StringIO(first.getvalue())))
    again = io.StringIO()
    backup.export_json(again)
    assert again.getvalue() == first.getvalue()
    assert Contact.get(Contact.name == "Charles Babbage").deceased_on == pendulum.Date(
        1871, 10, 18)


def test_a_backup_from_before_schema_8_restores_everyone_alive(home, db, tmp_path):
    people.add_contact("Ada Lovelace")
    doc = backup.document()
    for row in doc["tables"]["contact"]:
        del row["deceased"], row["deceased_on"]
    store.close_db()
    store.open_db(tmp_path / "restored.db")
    backup.restore(doc)
    assert [(c.name, c.deceased, c.deceased_on) for c in Contact.select()] == [
        ("Ada Lovelace", False, None)]


def test_copy_to_carries_the_state(home, db, db_path, tmp_path):
    charles = people.add_contact("Charles Babbage")
    deceased.mark_deceased(charles.id, pendulum.Date(1871, 10, 18), TODAY)
    report = copy.copy_database(str(db_path), str(tmp_path / "copy.db"))
    assert all(check.ok for check in report.tables)
    store.open_db(tmp_path / "copy.db")
    stored = Contact.get(Contact.name == "Charles Babbage")
    assert (stored.deceased, stored.deceased_on) == (True, pendulum.Date(1871, 10, 18))
