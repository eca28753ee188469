"""Undoing an import (core/commands/imports.py, written by interop/importing.py): one journal
entry per import, whose undo gives back every table exactly (rows, ids, both search
indexes, the journal itself); refused, changing nothing, when what the import wrote has
changed since; and small at thousands of contacts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
from test_undo import network

from connecttui.core import facts, family, people, touches, undo
from connecttui.core.errors import UserError
from connecttui.core.store.models import (
    Contact,
    ContactField,
    ContactIndex,
    Snooze,
    Touch,
    TouchIndex,
    UndoEntry,
)
from connecttui.interop import backup, importing
from connecttui.interop.card import Card, CardDate, CardGift, CardRelative, CardTouch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def everything() -> dict:
    """Every row of every table, as the JSON backup reads them (the trash and the journal
    included), and both search indexes."""
    tables = backup.document()["tables"]
    tables["contact_fts"] = sorted(ContactIndex.select(
        ContactIndex.rowid, ContactIndex.name, ContactIndex.nicknames, ContactIndex.body
    ).tuples())
    tables["touch_fts"] = sorted(TouchIndex.select(TouchIndex.rowid, TouchIndex.note).tuples())
    return tables


def without_journal(tables: dict) -> dict:
    return {name: rows for name, rows in tables.items() if name != "undoentry"}


def newest_step() -> dict:
    return json.loads(UndoEntry.select().order_by(UndoEntry.id.desc()).first().inverse)


def run(cards: list[Card], source: str = "people.vcf"):
    return importing.apply(importing.plan(cards, []), "vcard", source=source)


@pytest.mark.parametrize("fixture, label", [
    ("vcards/rfc6350-40-examples-multi-bday-anniversary-related.vcf",
     "imported 4 contacts and updated 2 from rfc6350-40-examples-multi-bday-anniversary-"
     "related.vcf"),
    ("monica/monica-4x-export-built-from-format.json",  # touches, gifts, Ada merged into
     "imported 3 contacts and updated 1 from monica-4x-export-built-from-format.json"),
    ("google-csv/google-current-header-labels-triple-colon.csv",
     "imported 44 contacts from google-current-header-labels-triple-colon.csv"),
])
def test_an_import_then_undo_gives_back_every_table_exactly(db, fixture, label):
    network()
    before = everything()
    importing.import_path(FIXTURES / fixture)
    assert without_journal(everything()) != without_journal(before)
    assert UndoEntry.select().count() == 1  # one import, one entry
    assert undo.undo_last() == f"undid: {label}"
    assert everything() == before


def ada_card(**changes) -> Card:
    card = Card(
        name="Ada L.", emails=[("home", "ada@example.org")], nicknames=["Countess"],
        phones=[("cell", "+44 20 7946 0018")], addresses=[("home", "12 St James's Square")],
        note="poetical science", how_met="at a salon", categories=["maths"],
        birthday=(1815, 12, 10), dates=[CardDate("anniversary", (1835, 7, 8), "wedding")],
        relatives=[CardRelative("child", "Byron")], window_days=30, extra=["X-SOCIAL:ada"],
        touches=[CardTouch("2026-11-01T10:00:00Z", "call", "about the engine", "in",
                           with_names=["Bob Babbage"])],
        gifts=[CardGift("a slide rule", "given", "2026-10-01")],
    )
    for key, value in changes.items():
        setattr(card, key, value)
    return card


@pytest.fixture
def existing(db) -> dict[str, int]:
    """Ada, known by her email; Bob, who is on one of the imported touches."""
    ada = people.add_contact("Ada Lovelace", circle="friends")
    ContactField.create(contact=ada.id, kind="email", value="ada@example.org")
    bob = people.add_contact("Bob Babbage")
    touches.log_touch([bob.id], "message", at=pendulum.datetime(2026, 10, 2, tz="UTC"))
    return {"ada": ada.id, "bob": bob.id}


def test_a_merge_is_undone_column_by_column_and_row_by_row(existing):
    before = everything()
    report = run([ada_card(), Card(name="Grace Hopper", met_through="Bob Babbage",
                                   birthday=(1906, 12, 9))])
    assert (report.added, report.merged) == (["Grace Hopper"], ["Ada L. (matched by email or "
                                                                "phone)"])
    ada = Contact.get_by_id(existing["ada"])
    assert (ada.nicknames, ada.notes, ada.ideal_days, ada.tags) == (
        "Countess", "poetical science", 30, "maths")
    bob = Contact.get_by_id(existing["bob"])
    assert bob.last_touch_at > pendulum.datetime(2026, 10, 2, tz="UTC")  # Grace's intro
    step = newest_step()
    filled = {column: old for column, old, _ in step["put_back"]}
    assert filled == {"nicknames": "", "how_met": "", "notes": "", "ideal_days": None,
                      "max_days": None, "address": "", "tags": "", "vcard_extra": ""}

    assert undo.undo_last() == "undid: imported 1 contact and updated 1 from people.vcf"
    assert everything() == before  # Bob's last touch is his own again


@pytest.fixture
def imported(existing) -> dict[str, int]:
    """Grace added and Ada merged into, by one import; the ids of what it wrote."""
    run([ada_card(), Card(name="Grace Hopper", phones=[("work", "+1 555 0100")],
                          touches=[CardTouch("2026-11-02", "call", "compilers")])])
    grace = Contact.get(Contact.name == "Grace Hopper").id
    return {**existing, "grace": grace,
            "phone": ContactField.get(ContactField.contact == grace).id,
            "touch": Touch.get(Touch.note == "compilers").id}


CHANGED_SINCE = {
    "a newer touch": (lambda n: touches.log_touch([n["grace"], n["bob"]], "call"),
                      "Grace Hopper has a newer touch"),
    "an edit": (lambda n: people.update_contact(n["grace"], notes="rear admiral"),
                "Grace Hopper has been edited since"),
    "an edit of whom it merged into": (
        lambda n: people.update_contact(n["ada"], nicknames="Augusta"),
        "Ada Lovelace has been edited since"),
    "a newer fact": (lambda n: facts.add_fact(n["grace"], "offer", "teaches COBOL"),
                     "Grace Hopper has a newer fact"),
    "deleted": (lambda n: people.delete_contact(n["grace"]),
                "1 of the contacts it added has been deleted since"),
    "in someone's family": (lambda n: family.add_member(n["bob"], "sibling",
                                                        linked_id=n["grace"]),
                            "Grace Hopper is now in another contact's family"),
    "snoozed": (lambda n: Snooze.create(kind="drift", ref=str(n["grace"]),
                                        until=pendulum.Date(2027, 1, 1),
                                        created_at=pendulum.now("UTC")),
                "a suggestion about what it added has been snoozed since"),
    "a phone it added, edited": (
        lambda n: ContactField.update(value="+1 555 0199").where(
            ContactField.id == n["phone"]).execute(),
        "what it added has been changed since"),
    "a touch it added, edited": (
        lambda n: Touch.update(note="COBOL").where(Touch.id == n["touch"]).execute(),
        "what it added has been changed since"),
}
"""Changes made since the import that no journal entry above it would take back (made by
the core directly, as a change whose own entry has gone would be)."""


@pytest.mark.parametrize("name", CHANGED_SINCE)
def test_undo_is_refused_when_what_it_wrote_has_changed_since(imported, name):
    change, reason = CHANGED_SINCE[name]
    change(imported)
    before = without_journal(everything())
    with pytest.raises(UserError) as refused:
        undo.undo_last()
    assert str(refused.value) == ("can't undo imported 1 contact and updated 1 from "
                                  f"people.vcf: {reason}")
    assert without_journal(everything()) == before  # nothing changed


def test_the_entry_stays_small_at_thousands_of_contacts(db):
    before = everything()
    cards = [Card(name=f"Person {i}", uid=f"person-{i}", emails=[("home", f"p{i}@x.org")],
                  phones=[("cell", f"+44 7700 {i:06d}")], birthday=(1980, 1 + i % 12, 1),
                  relatives=[CardRelative("child", f"Kid {i}")]) for i in range(1500)]
    run(cards, "many.vcf")
    assert Contact.select().count() == 1500
    assert len(UndoEntry.select().order_by(UndoEntry.id.desc()).first().inverse) < 1000
    for card in cards:  # the same people again, with a note each: all 1500 are updated
        card.note = "met at the conference"
    run(cards, "many-again.vcf")
    assert Contact.select().where(Contact.notes == "met at the conference").count() == 1500
    assert len(UndoEntry.select().order_by(UndoEntry.id.desc()).first().inverse) < 1000
    assert undo.undo_last() == "undid: imported 0 contacts and updated 1500 from many-again.vcf"
    assert Contact.select().where(Contact.notes != "").count() == 0
    assert undo.undo_last() == "undid: imported 1500 contacts from many.vcf"
    assert everything() == before


def test_a_dry_run_records_nothing_and_an_import_that_changes_nothing_undoes_nothing(existing):
    importing.apply(importing.plan([ada_card()], []), "vcard", dry_run=True)
    assert UndoEntry.select().count() == 0
    run([ada_card()])
    changed = everything()
    run([ada_card()], "again.vcf")  # all there already: merged, unchanged
    assert undo.undo_last() == "undid: imported 0 contacts from again.vcf"
    assert everything() == changed
