"""Holiday cards: the year's list with addresses, ticking sent, and the one reminder."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import cards, people
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.models import HolidayCard

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def listed(year: int) -> list[tuple[str, str, bool]]:
    return [(row.name, row.address, row.sent) for row in cards.card_list(year)]


def test_adding_twice_keeps_one_card(db):
    ada = people.add_contact("Ada Lovelace", address="12 St James's Square\nLondon")
    first = cards.add_card(ada.id, 2026)
    again = cards.add_card(ada.id, 2026)
    assert first.id == again.id
    assert HolidayCard.select().count() == 1
    cards.add_card(ada.id, 2025)  # another year is another card
    assert HolidayCard.select().count() == 2
    assert listed(2026) == [("Ada Lovelace", "12 St James's Square\nLondon", False)]


def test_list_is_by_name_with_addresses(db):
    zed = people.add_contact("zed Zimmer")
    emile = people.add_contact("Émile Borel", address="Paris")
    ada = people.add_contact("Ada Lovelace")
    people.update_contact(ada.id, address="  12 St James's Square ")
    for contact in (zed, emile, ada):
        cards.add_card(contact.id, 2026)
    assert listed(2026) == [
        ("Ada Lovelace", "12 St James's Square", False),
        ("Émile Borel", "Paris", False),
        ("zed Zimmer", "", False),
    ]
    assert listed(2025) == []


def test_ticking_sent_and_back(db):
    ada, grace = people.add_contact("Ada Lovelace"), people.add_contact("Grace Hopper")
    card = cards.add_card(ada.id, 2026)
    cards.add_card(grace.id, 2026)
    with time_machine.travel(NOW, tick=False):
        cards.mark_sent(card.id)
    with time_machine.travel(NOW.add(days=1), tick=False):
        cards.mark_sent(card.id)  # ticking twice keeps the first time
    assert HolidayCard.get_by_id(card.id).sent_at == NOW
    assert listed(2026) == [("Ada Lovelace", "", True), ("Grace Hopper", "", False)]
    cards.mark_sent(card.id, sent=False)
    assert [row.sent for row in cards.card_list(2026)] == [False, False]
    assert cards.card_of(ada.id, 2026).id == card.id
    cards.remove_card(card.id)
    assert [row.name for row in cards.card_list(2026)] == ["Grace Hopper"]
    assert cards.card_of(ada.id, 2026) is None
    with pytest.raises(NotFound):
        cards.mark_sent(card.id)
    with pytest.raises(NotFound):
        cards.remove_card(card.id)


def test_refusals(db):
    ada = people.add_contact("Ada Lovelace")
    with pytest.raises(NotFound):
        cards.add_card(99, 2026)
    with pytest.raises(UserError, match="is not a year"):
        cards.add_card(ada.id, 26)
    assert HolidayCard.select().count() == 0


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (pendulum.Date(2026, 12, 10), None),
        (pendulum.Date(2026, 12, 11), ("in 7d", "last posting day in 7 days", 0)),
        (pendulum.Date(2026, 12, 18), ("today", "last posting day today", 1)),
        (pendulum.Date(2026, 12, 20), ("late", "the last posting day was 2 days ago", 2)),
    ],
)
def test_one_card_suggestion_from_dec_11(db, day, expected):
    names = ["Ada Lovelace", "Grace Hopper", "Alan Turing"]
    ids = [people.add_contact(name).id for name in names]
    sent = cards.add_card(ids[0], 2026)
    for contact_id in ids[1:]:
        cards.add_card(contact_id, 2026)
    cards.add_card(ids[0], 2025)  # last year's unsent card does not count
    cards.mark_sent(sent.id)
    got = cards.card_suggestions(day)
    if expected is None:
        assert got == []
        return
    [item] = got
    assert (item.when, item.reason, item.level) == expected
    assert (item.kind, item.text, item.contact_id, item.ref_id) == (
        "card", "holiday cards: 2 of 3 still to post", 0, 2026)


def test_no_card_suggestion_when_all_are_sent_or_none_listed(db):
    dec12 = pendulum.Date(2026, 12, 12)
    assert cards.card_suggestions(dec12) == []
    ada = people.add_contact("Ada Lovelace")
    card = cards.add_card(ada.id, 2026)
    assert [s.text for s in cards.card_suggestions(dec12)] == [
        "holiday cards: 1 of 1 still to post"]
    cards.mark_sent(card.id)
    assert cards.card_suggestions(dec12) == []
