"""Contacts: adding, windows, editing, deleting, and finding people by what the user types."""

from __future__ import annotations

import uuid

import pendulum
import pytest
import time_machine

from connecttui.core import facts, people, planning, search, touches
from connecttui.core.errors import Ambiguous, NotFound, UserError
from connecttui.core.store.models import (
    Contact,
    ContactIndex,
    Fact,
    Occasion,
    OpenLoop,
    Touch,
    TouchContact,
    TouchIndex,
)

NOON = pendulum.datetime(2026, 11, 27, 12, tz="UTC")
CIRCLES = "inner, friends, work, resting"


def counts() -> dict[str, int]:
    return {
        "contact": Contact.select().count(),
        "occasion": Occasion.select().count(),
        "contact_fts": ContactIndex.select().count(),
    }


EMPTY = {"contact": 0, "occasion": 0, "contact_fts": 0}


# --- adding -----------------------------------------------------------------------------


def test_add_with_name_only(db):
    with time_machine.travel(NOON, tick=False):
        contact = people.add_contact("  Ada Lovelace ")
    stored = Contact.get_by_id(contact.id)
    assert stored.name == "Ada Lovelace"
    assert stored.nicknames == ""
    assert stored.circle is None
    assert (stored.ideal_days, stored.max_days) == (None, None)
    assert (stored.how_met, stored.why_care, stored.notes) == ("", "", "")
    assert stored.last_touch_at is None
    assert stored.created_at == stored.updated_at == NOON
    assert str(uuid.UUID(stored.uid)) == stored.uid
    assert Occasion.select().count() == 0
    assert [h.contact_id for h in search.search("lovelace")] == [contact.id]


def test_add_with_everything(db):
    contact = people.add_contact(
        "Grace Hopper", nicknames=" Amazing Grace ", circle="Inner", birthday=(1906, 12, 9),
        ideal_days=10, how_met=" Navy ", why_care="COBOL", notes="  keeps a clock backwards\n",
    )
    stored = Contact.get_by_id(contact.id)
    assert stored.nicknames == "Amazing Grace"
    assert stored.circle.name == "inner"
    assert (stored.ideal_days, stored.max_days) == (10, 20)
    assert (stored.how_met, stored.why_care) == ("Navy", "COBOL")
    assert stored.notes == "  keeps a clock backwards\n"
    [birthday] = Occasion.select()
    assert (birthday.contact_id, birthday.kind, birthday.year, birthday.month, birthday.day) == (
        contact.id, "birthday", 1906, 12, 9,
    )
    assert people.birthday_of(contact.id).id == birthday.id
    assert touches.window_of(stored) == (10, 20)


def test_add_uses_an_explicit_maximum(db):
    contact = people.add_contact("Alan Turing", ideal_days=7, max_days=9)
    assert (Contact.get_by_id(contact.id).ideal_days, Contact.get_by_id(contact.id).max_days) == (
        7, 9,
    )


@pytest.mark.parametrize("name", ["", "   ", "\t\n", None])
def test_empty_name_is_refused_and_nothing_stored(db, name):
    with pytest.raises(UserError, match="a contact needs a name"):
        people.add_contact(name, birthday=(None, 1, 2))
    assert counts() == EMPTY


def test_unknown_circle_is_refused_listing_the_circles(db):
    with pytest.raises(UserError) as caught:
        people.add_contact("Ada Lovelace", circle="family", birthday=(1815, 12, 10))
    assert str(caught.value) == f'there is no circle called "family" (circles: {CIRCLES})'
    assert counts() == EMPTY


@pytest.mark.parametrize("birthday", [(None, 2, 30), (1990, 13, 1), (2001, 2, 29)])
def test_impossible_birthday_is_refused(db, birthday):
    with pytest.raises(UserError):
        people.add_contact("Ada Lovelace", birthday=birthday)
    assert counts() == EMPTY


# --- windows ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("14", (14, 28)),
        ("14/30", (14, 30)),
        ("14d", (14, 28)),
        ("14d/30d", (14, 30)),
        (" 14 / 30 ", (14, 30)),
        ("7/7", (7, 7)),
        ("", (None, None)),
        ("   ", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_window(text, window):
    assert people.parse_window(text) == window


@pytest.mark.parametrize("text", ["abc", "0", "-3", "14/0", "1/2/3", "14/", "two weeks"])
def test_parse_window_refuses_nonsense(text):
    with pytest.raises(UserError, match="as a window"):
        people.parse_window(text)


def test_parse_window_refuses_maximum_below_ideal():
    with pytest.raises(UserError, match="maximum window can't be shorter"):
        people.parse_window("30/14")


# --- editing ------------------------------------------------------------------------------


def test_update_changes_fields_circle_and_index(db):
    with time_machine.travel(NOON, tick=False):
        contact = people.add_contact("Ada Byron", circle="work")
    later = NOON.add(days=1)
    with time_machine.travel(later, tick=False):
        people.update_contact(
            contact.id, name=" Ada Lovelace ", nicknames="Countess", notes=" analyst ",
            ideal_days=5, max_days=9, circle="friends",
        )
    stored = Contact.get_by_id(contact.id)
    assert (stored.name, stored.nicknames, stored.notes) == (
        "Ada Lovelace", "Countess", " analyst ",
    )
    assert (stored.ideal_days, stored.max_days) == (5, 9)
    assert stored.circle.name == "friends"
    assert (stored.created_at, stored.updated_at) == (NOON, later)
    assert [h.contact_id for h in search.search("countess")] == [contact.id]
    assert search.search("byron") == []

    people.update_contact(contact.id, why_care="poetry")  # circle left alone
    assert Contact.get_by_id(contact.id).circle.name == "friends"
    people.update_contact(contact.id, circle=None)
    assert Contact.get_by_id(contact.id).circle is None


def test_update_refusals_change_nothing(db):
    contact = people.add_contact("Ada Lovelace", circle="inner")
    with pytest.raises(UserError, match="a contact needs a name"):
        people.update_contact(contact.id, name="  ")
    with pytest.raises(UserError, match='no circle called "family"'):
        people.update_contact(contact.id, nicknames="Countess", circle="family")
    with pytest.raises(TypeError, match="not editable"):
        people.update_contact(contact.id, uid="x")
    with pytest.raises(NotFound):
        people.update_contact(contact.id + 1, name="Nobody")
    stored = Contact.get_by_id(contact.id)
    assert (stored.name, stored.nicknames, stored.circle.name) == ("Ada Lovelace", "", "inner")
    assert search.search("countess") == []


def test_set_birthday_replaces_and_removes(db):
    contact = people.add_contact("Ada Lovelace", birthday=(None, 12, 1))
    people.set_birthday(contact.id, (1815, 12, 10))
    assert [(o.year, o.month, o.day) for o in Occasion.select()] == [(1815, 12, 10)]
    people.set_birthday(contact.id, None)
    assert people.birthday_of(contact.id) is None


# --- deleting -----------------------------------------------------------------------------


def test_delete_keeps_shared_touches_and_cascades(db, today):
    ada = people.add_contact("Ada Lovelace")
    grace = people.add_contact("Grace Hopper")
    at = pendulum.datetime(2026, 11, 20, 10, tz="UTC")
    shared = touches.log_touch([ada.id, grace.id], "together", at=at, note="engine demo")
    alone = touches.log_touch([ada.id], "call", at=at.add(days=1), note="poems")
    hers = touches.log_touch([grace.id], "message", at=at.subtract(days=3), note="navy")
    planning.add_open_loop(ada.id, "send the notes", today)
    grace_loop = planning.add_open_loop(grace.id, "ask about COBOL", today)
    people.set_birthday(ada.id, (1815, 12, 10))
    people.set_birthday(grace.id, (1906, 12, 9))
    facts.add_fact(ada.id, "interest", "mathematics")

    assert people.delete_contact(ada.id) == "Ada Lovelace"

    assert Contact.get_or_none(Contact.id == ada.id) is None
    assert sorted(t.id for t in Touch.select()) == sorted([shared.id, hers.id])
    assert sorted(TouchContact.select(TouchContact.touch, TouchContact.contact).tuples()) == sorted(
        [(shared.id, grace.id), (hers.id, grace.id)]
    )
    assert [loop.id for loop in OpenLoop.select()] == [grace_loop.id]
    assert [o.contact_id for o in Occasion.select()] == [grace.id]
    assert Fact.select().count() == 0
    assert sorted(row.rowid for row in TouchIndex.select(TouchIndex.rowid)) == sorted(
        [shared.id, hers.id]
    )
    assert [row.rowid for row in ContactIndex.select(ContactIndex.rowid)] == [grace.id]
    assert Touch.get_or_none(Touch.id == alone.id) is None
    assert search.search("poems") == []
    assert [(h.kind, h.contact_id) for h in search.search("engine")] == [("touch", grace.id)]
    assert Contact.get_by_id(grace.id).last_touch_at == at
    assert [row.names for row in touches.timeline()] == [("Grace Hopper",), ("Grace Hopper",)]


def test_delete_unknown_contact(db):
    with pytest.raises(NotFound, match="#42 no longer exists"):
        people.delete_contact(42)


# --- finding people by name ---------------------------------------------------------------


@pytest.fixture
def network(db):
    """A few people, by name: {name: id}."""
    added = [
        people.add_contact("Ada Lovelace", nicknames="Countess"),
        people.add_contact("Grace Hopper", nicknames="Amazing Grace, Grandma COBOL"),
        people.add_contact("José Martí"),
        people.add_contact("Alan Turing"),
        people.add_contact("Zoë Saldaña"),
    ]
    return {c.name: c.id for c in added}


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("ada", "Ada Lovelace"),
        ("lovelace", "Ada Lovelace"),
        ("ada l", "Ada Lovelace"),
        ("Ada Lovelace", "Ada Lovelace"),
        ("  ADA LOVELACE  ", "Ada Lovelace"),
        ("LoVe", "Ada Lovelace"),
        ("countess", "Ada Lovelace"),
        ("jose", "José Martí"),
        ("JOSÉ", "José Martí"),
        ("jose\u0301", "José Martí"),  # decomposed accent, as some keyboards send it
        ("marti", "José Martí"),
        ("jose marti", "José Martí"),
        ("zoe", "Zoë Saldaña"),
        ("saldana", "Zoë Saldaña"),
        ("amazing", "Grace Hopper"),
        ("grandma cobol", "Grace Hopper"),
        ("cobol", "Grace Hopper"),
        ("hop", "Grace Hopper"),
        ("tur", "Alan Turing"),
    ],
)
def test_find_contact_matches(network, query, name):
    assert people.find_contact(query).id == network[name]


def test_accented_query_finds_unaccented_name(db):
    jose = people.add_contact("Jose Marti")
    assert people.find_contact("José Martí").id == jose.id


@pytest.mark.parametrize("query", ["velace", "ada x", "lovelace ada", "countessa"])
def test_only_prefixes_of_the_name_or_a_word_match(network, query):
    with pytest.raises(NotFound):
        people.find_contact(query)


def test_exact_whole_name_beats_partial(db):
    ada = people.add_contact("Ada")
    people.add_contact("Ada Lovelace")
    people.add_contact("Adam Smith")
    assert people.find_contact("ada").id == ada.id
    assert [(m.name, m.exact) for m in people.match_name("ADA")] == [
        ("Ada", True), ("Ada Lovelace", False), ("Adam Smith", False),
    ]


def test_exact_nickname_beats_partial_name(db):
    alan = people.add_contact("Mr Turing", nicknames="Alan, Al")
    people.add_contact("Alice Walker")
    assert people.find_contact("al").id == alan.id
    assert [(m.name, m.exact) for m in people.match_name("al")] == [
        ("Mr Turing", True), ("Alice Walker", False),
    ]


def test_ambiguous_lists_the_candidates(network):
    with pytest.raises(Ambiguous) as caught:
        people.find_contact("a")
    assert caught.value.candidates == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert str(caught.value) == '"a" could be 3 contacts'
    assert isinstance(caught.value, UserError)


def test_two_exact_matches_are_ambiguous(db):
    people.add_contact("Sam Lee")
    people.add_contact("sam lee")
    people.add_contact("Sam Leeds")
    with pytest.raises(Ambiguous) as caught:
        people.find_contact("Sam Lee")
    assert sorted(caught.value.candidates) == ["Sam Lee", "sam lee"]


def test_unknown_name_suggests_similar_ones(network):
    with pytest.raises(NotFound) as caught:
        people.find_contact("Lovelcae")
    assert str(caught.value) == 'no contact matches "Lovelcae"'
    assert caught.value.candidates[0] == "Ada Lovelace"
    assert "Alan Turing" not in caught.value.candidates


def test_unknown_name_with_nothing_similar(network):
    with pytest.raises(NotFound) as caught:
        people.find_contact("xqzw")
    assert caught.value.candidates == []


def test_find_contacts_resolves_each_once(network):
    found = people.find_contacts(["ada", " lovelace ", "", "grace"])
    assert [c.id for c in found] == [network["Ada Lovelace"], network["Grace Hopper"]]
    with pytest.raises(UserError, match="name at least one contact"):
        people.find_contacts(["", "  "])
    with pytest.raises(NotFound):
        people.find_contacts(["ada", "nobody"])
