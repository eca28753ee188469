"""Deleting a circle is a command with its undo (core/commands/circles.py): the circle comes
back with its id and place, and everyone who was in it, as stored before."""

from __future__ import annotations

import json

import pendulum
import pytest
from test_import_undo import everything, without_journal
from test_undo import network

from connecttui.core import circles, people, undo
from connecttui.core.commands import circles as commands
from connecttui.core.errors import UserError
from connecttui.core.store.models import Circle, Contact, UndoEntry
from connecttui.interop import importing
from connecttui.interop.card import Card


def circle_id(name: str) -> int:
    return Circle.get(Circle.name == name).id


def test_delete_then_undo_gives_back_the_circle_its_place_and_its_members(db):
    network()
    carol = people.add_contact("Carol Shaw", circle="friends")
    before = everything()
    assert commands.delete_circle(circle_id("friends")) == 2
    assert Contact.get_by_id(carol.id).circle is None
    assert [c.position for c in Circle.select().order_by(Circle.position)] == [0, 1, 2]
    assert UndoEntry.select().count() == 1
    assert undo.undo_last() == "undid: deleted circle friends"
    assert everything() == before  # ids, positions, members and their updated_at


def test_undo_leaves_alone_who_moved_since_and_keeps_an_edit_made_since(db):
    ada = people.add_contact("Ada Lovelace", circle="work")
    bob = people.add_contact("Bob Babbage", circle="work")
    cid = people.add_contact("Cid Campeador", circle="work")
    work = circle_id("work")
    commands.delete_circle(work)
    people.update_contact(ada.id, circle="inner")  # moved since: stays in inner
    edited = people.update_contact(bob.id, notes="engines")  # edited since: back in work
    people.erase_contact(cid.id)  # gone since: nothing to put back
    assert undo.undo_last() == "undid: deleted circle work"
    assert Circle.get_by_id(work).name == "work"
    assert Contact.get_by_id(ada.id).circle.name == "inner"
    bob_now = Contact.get_by_id(bob.id)
    assert (bob_now.circle_id, bob_now.updated_at) == (work, edited.updated_at)


def test_undo_is_refused_when_a_circle_of_that_name_is_there_again(db):
    people.add_contact("Ada Lovelace", circle="work")
    commands.delete_circle(circle_id("work"))
    circles.add_circle("Work")
    before = without_journal(everything())
    with pytest.raises(UserError, match=(
            "can't undo deleted circle work: there is a circle called \"Work\" again")):
        undo.undo_last()
    assert without_journal(everything()) == before


def test_a_circle_of_thousands_is_a_small_entry(db):
    cards = [Card(name=f"Person {i}", categories=["work"]) for i in range(1500)]
    importing.apply(importing.plan(cards, []), "vcard")
    Contact.update(updated_at=pendulum.datetime(2026, 11, 1, tz="UTC")).execute()  # as an
    UndoEntry.delete().execute()  # import in bulk leaves them (on PostgreSQL, one by one)
    before = everything()
    assert commands.delete_circle(circle_id("work")) == 1500
    entry = UndoEntry.get()
    assert len(entry.inverse) < 1000 and len(json.loads(entry.inverse)["members"]) == 1
    undo.undo_last()
    assert everything() == before
