"""A couple's anniversary: stored once, shown on both people, listed once for everyone."""

from __future__ import annotations

import pendulum
import pytest

from connecttui.core import occasions, people, planning
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.models import Occasion


def couple():
    return people.add_contact("Ada Lovelace"), people.add_contact("Sam King")


def seen(today: pendulum.Date, contact_id: int | None = None) -> list[tuple]:
    return [(c.contact_id, c.contact_name, c.title, c.partner_name, c.days)
            for c in occasions.coming(today, contact_id=contact_id)]


def test_shared_anniversary_is_one_row_on_both_briefings(db, today):
    ada, sam = couple()
    grace = people.add_contact("Grace Hopper")
    wedding = occasions.add_occasion(ada.id, "anniversary", 12, 1, year=2016, partner_id=sam.id)
    assert Occasion.select().count() == 1
    assert (wedding.contact_id, wedding.partner_id) == (ada.id, sam.id)
    assert seen(today, ada.id) == [(ada.id, "Ada Lovelace", "anniversary with Sam King",
                                    "Sam King", 4)]
    assert seen(today, sam.id) == [(sam.id, "Sam King", "anniversary with Ada Lovelace",
                                    "Ada Lovelace", 4)]
    assert seen(today, grace.id) == []
    [item] = occasions.coming(today, contact_id=sam.id)
    assert occasions.describe(item) == "anniversary with Ada Lovelace in 4 days (10 years)"
    assert item.occasion_id == wedding.id


def test_the_global_list_shows_it_once(db, today):
    ada, sam = couple()
    occasions.add_occasion(ada.id, "anniversary", 12, 1, year=2016, partner_id=sam.id)
    assert seen(today) == [(ada.id, "Ada Lovelace & Sam King", "anniversary", "Sam King", 4)]
    assert [s.text for s in planning.upcoming(today) if s.kind == "occasion"] == [
        "Ada Lovelace & Sam King: anniversary in 4 days (10 years)",
    ]


def test_shown_unless_both_are_resting(db, today):
    ada, sam = couple()
    occasions.add_occasion(ada.id, "anniversary", 12, 1, partner_id=sam.id)
    people.update_contact(ada.id, circle="resting")
    assert [c.contact_name for c in occasions.coming(today)] == ["Ada Lovelace & Sam King"]
    people.update_contact(sam.id, circle="resting")
    assert occasions.coming(today) == []


def test_the_same_shared_date_is_not_stored_twice(db):
    ada, sam = couple()
    occasions.add_occasion(ada.id, "anniversary", 12, 1, partner_id=sam.id)
    with pytest.raises(UserError, match="already stored, shared with Ada Lovelace"):
        occasions.add_occasion(sam.id, "anniversary", 12, 1, partner_id=ada.id)
    with pytest.raises(UserError, match="already stored, shared with Sam King"):
        occasions.add_occasion(ada.id, "anniversary", 12, 1, partner_id=sam.id)
    occasions.add_occasion(ada.id, "custom", 6, 1, label="first date", partner_id=sam.id)
    assert Occasion.select().count() == 2


@pytest.mark.parametrize(
    ("kind", "partner", "error", "message"),
    [
        ("birthday", "sam", UserError, "a birthday is one person's"),
        ("anniversary", "ada", UserError, "can't be shared with the same person"),
        ("anniversary", 99, NotFound, "contact #99"),
    ],
)
def test_refusals_store_nothing(db, kind, partner, error, message):
    ada, sam = couple()
    partner_id = {"sam": sam.id, "ada": ada.id}.get(partner, partner)
    with pytest.raises(error, match=message):
        occasions.add_occasion(ada.id, kind, 12, 1, partner_id=partner_id)
    assert Occasion.select().count() == 0


def test_deleting_either_partner_keeps_the_date_with_the_other(db, today):
    ada, sam = couple()
    grace = people.add_contact("Grace Hopper")
    occasions.add_occasion(ada.id, "anniversary", 12, 1, partner_id=sam.id)
    occasions.add_occasion(grace.id, "anniversary", 12, 2, partner_id=sam.id)
    people.delete_contact(ada.id)  # the one it was stored on
    assert seen(today, sam.id) == [
        (sam.id, "Sam King", "anniversary", "", 4),
        (sam.id, "Sam King", "anniversary with Grace Hopper", "Grace Hopper", 5),
    ]
    people.delete_contact(sam.id)  # the partner
    assert seen(today, grace.id) == [(grace.id, "Grace Hopper", "anniversary", "", 5)]
    assert Occasion.select().where(Occasion.partner.is_null(False)).count() == 0
