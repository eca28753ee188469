"""Monica's `is_dead` and `deceased_date`: the imported contact is deceased (on that day
when Monica knew it), never drifting and never "deceased in 3 days" as a yearly occasion."""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
import time_machine

from connecttui.core import planning, touches
from connecttui.core.store.models import Contact, Occasion
from connecttui.interop import importing, monica
from connecttui.interop.card import Card

EXPORT = (Path(__file__).resolve().parents[1] / "fixtures" / "monica"
          / "monica-4x-export-built-from-format.json")
TODAY = pendulum.Date(2026, 11, 27)


@pytest.fixture(autouse=True)
def frozen(home):
    with time_machine.travel("2026-11-27 12:00 +00:00", tick=False):
        yield


def edited(tmp_path: Path, change) -> Path:
    export = json.loads(EXPORT.read_text(encoding="utf-8"))
    charles = next(c for c in next(
        d for d in export["account"]["data"] if d["type"] == "contact")["values"]
        if c["properties"].get("first_name") == "Charles")
    change(charles["properties"])
    path = tmp_path / "monica.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    return path


def charles_card(path: Path) -> Card:
    cards, _ = monica.read_cards(path)
    return next(card for card in cards if card.name == "Charles Babbage")


def test_an_imported_deceased_contact_is_never_drifting_nor_suggested(db):
    importing.import_path(EXPORT)
    charles = Contact.get(Contact.name == "Charles Babbage")
    assert (charles.deceased, charles.deceased_on) == (True, pendulum.Date(1871, 10, 18))
    assert [o.kind for o in Occasion.select().where(Occasion.contact == charles.id)] == [
        "birthday"]  # no yearly "deceased" occasion
    [row] = [r for r in touches.contact_rows(TODAY) if r.id == charles.id]
    assert row.window_days > 90 and row.drift == 0 and row.deceased  # 90d window, long past
    assert not [s for s in planning.upcoming(TODAY, 366) if s.contact_id == charles.id]
    assert [c.name for c in Contact.select().where(Contact.deceased)] == ["Charles Babbage"]


def test_a_day_without_its_year_or_only_an_age_goes_in_the_note(tmp_path):
    def yearless(props):
        props["deceased_date"]["is_year_unknown"] = True

    def age_based(props):
        props["deceased_date"]["is_age_based"] = True

    card = charles_card(edited(tmp_path, yearless))
    assert (card.deceased, card.deceased_on, card.dates) == (True, None, [])
    assert "Died on 18 Oct (Monica did not know the year)." in card.note
    card = charles_card(edited(tmp_path, age_based))
    assert (card.deceased, card.deceased_on) == (True, None)
    assert "Died around 1871 (Monica knew only the age)." in card.note


def test_is_dead_alone_or_a_broken_date(tmp_path):
    def no_date(props):
        props["deceased_date"] = None

    def alive_with_a_broken_date(props):
        props["is_dead"] = False
        props["deceased_date"] = {"date": "sometime"}

    card = charles_card(edited(tmp_path, no_date))
    assert (card.deceased, card.deceased_on) == (True, None)
    cards, skipped = monica.read_cards(edited(tmp_path, alive_with_a_broken_date))
    card = next(card for card in cards if card.name == "Charles Babbage")
    assert not card.deceased  # an unreadable date never marks anyone deceased
    assert any(s.where.endswith("deceased_date") for s in skipped)


def test_importing_again_marks_someone_already_there(db, tmp_path):
    def alive(props):
        props["is_dead"] = False
        props["deceased_date"] = None

    importing.import_path(edited(tmp_path, alive))
    charles = Contact.get(Contact.name == "Charles Babbage")
    assert not charles.deceased
    report = importing.import_path(EXPORT)
    assert "Charles Babbage (matched by uid)" in report.merged
    charles = Contact.get_by_id(charles.id)
    assert (charles.deceased, charles.deceased_on) == (True, pendulum.Date(1871, 10, 18))
    assert importing.import_path(EXPORT).unchanged == 4  # and once is enough


def test_a_card_stored_one_by_one_keeps_it_too(db):
    """PostgreSQL (and a card added while merging) stores cards one by one, not in bulk."""
    contact_id = importing.store_card(Card(name="Mary Somerville", deceased=True,
                                           deceased_on="1872-11-29"))
    stored = Contact.get_by_id(contact_id)
    assert (stored.deceased, stored.deceased_on) == (True, pendulum.Date(1872, 11, 29))
    later = importing.store_card(Card(name="Future Person", deceased=True,
                                      deceased_on="2099-01-01"))
    assert (Contact.get_by_id(later).deceased, Contact.get_by_id(later).deceased_on) == (
        True, None)  # a day to come is no day of death
