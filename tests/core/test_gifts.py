"""Gifts: ideas, given and received; the warning for a gift already given; lead times."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import gifts, occasions, people
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.models import Gift

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")
PEN_DAY = pendulum.Date(2025, 12, 9)


def gift_lines(today: pendulum.Date) -> list[tuple[str, str, int]]:
    return [(s.when, s.text, s.days) for s in gifts.lead_suggestions(today)]


# --- storing ------------------------------------------------------------------------------


def test_ideas_given_and_received_by_status(db):
    ada = people.add_contact("Ada Lovelace")
    with time_machine.travel(NOW, tick=False):
        idea, warning = gifts.add_gift(ada.id, "  a fountain pen ")
        assert warning is None
        old, _ = gifts.add_gift(ada.id, "a scarf", "given", on=PEN_DAY)
        new, _ = gifts.add_gift(ada.id, "a book", "given")  # dated today
        got, _ = gifts.add_gift(ada.id, "jam", "received", on=pendulum.Date(2026, 6, 1))
    assert (idea.text, idea.status, idea.on, idea.created_at) == (
        "a fountain pen", "idea", None, NOW)
    assert Gift.get_by_id(new.id).on == pendulum.Date(2026, 11, 27)
    by_status = gifts.gifts_of(ada.id)
    assert {k: [g.id for g in v] for k, v in by_status.items()} == {
        "idea": [idea.id], "given": [new.id, old.id], "received": [got.id],
    }
    gifts.delete_gift(old.id)
    assert [g.id for g in gifts.gifts_of(ada.id)["given"]] == [new.id]
    with pytest.raises(NotFound):
        gifts.delete_gift(old.id)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("   ",), {}, "a gift needs a few words"),
        (("a pen", "lent"), {}, 'unknown gift status "lent"'),
        (("a pen",), {"on": PEN_DAY}, "an idea has no date yet"),
    ],
)
def test_refusals_store_nothing(db, args, kwargs, message):
    ada = people.add_contact("Ada Lovelace")
    with pytest.raises(UserError, match=message):
        gifts.add_gift(ada.id, *args, **kwargs)
    assert Gift.select().count() == 0


def test_a_gift_for_someone_elses_occasion_is_refused(db):
    ada, grace = people.add_contact("Ada Lovelace"), people.add_contact("Grace Hopper")
    birthday = occasions.add_occasion(grace.id, "birthday", 12, 9)
    with pytest.raises(NotFound, match="not this contact's"):
        gifts.add_gift(ada.id, "a pen", occasion_id=birthday.id)
    with pytest.raises(NotFound, match="contact #99"):
        gifts.add_gift(99, "a pen")
    assert Gift.select().count() == 0


# --- the warning --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["a fountain pen", "A Fountain-Pen!", "fountain pens", "the fountain pen"],
    ids=["exact", "case-punctuation", "plural", "article"],
)
def test_giving_the_same_gift_again_warns_but_stores(db, text):
    ada = people.add_contact("Ada")
    gifts.add_gift(ada.id, "a fountain pen", "given", on=PEN_DAY)
    gift, warning = gifts.add_gift(ada.id, text, "given", on=pendulum.Date(2026, 12, 10))
    assert warning == "you already gave Ada 'a fountain pen' on 9 Dec 2025"
    assert Gift.get_by_id(gift.id).status == "given"
    assert Gift.select().count() == 2


@pytest.mark.parametrize(
    ("status", "text", "other"),
    [
        ("idea", "a fountain pen", None),  # an idea is not a gift given
        ("received", "a fountain pen", None),
        ("given", "a fountain pen", "Grace"),  # given to someone else
        ("given", "a pencil case", None),  # different enough
        ("given", "a fountain pen case", None),  # close, but another gift (ratio 83)
    ],
    ids=["idea", "received", "other-person", "different", "near-but-different"],
)
def test_no_warning(db, status, text, other):
    ada, grace = people.add_contact("Ada"), people.add_contact("Grace")
    gifts.add_gift(grace.id if other else ada.id, "a fountain pen", "given", on=PEN_DAY)
    _, warning = gifts.add_gift(ada.id, text, status,
                                on=None if status == "idea" else pendulum.Date(2026, 1, 1))
    assert warning is None


def test_marking_an_idea_given_warns_too(db):
    ada = people.add_contact("Ada")
    gifts.add_gift(ada.id, "a fountain pen", "given", on=PEN_DAY)
    idea, _ = gifts.add_gift(ada.id, "fountain pen")
    gift, warning = gifts.mark_given(idea.id, pendulum.Date(2026, 12, 10))
    assert warning == "you already gave Ada 'a fountain pen' on 9 Dec 2025"
    stored = Gift.get_by_id(idea.id)
    assert (stored.status, stored.on) == ("given", pendulum.Date(2026, 12, 10))
    other, _ = gifts.add_gift(ada.id, "a kite")
    assert gifts.mark_given(other.id, PEN_DAY)[1] is None  # it does not match itself
    with pytest.raises(NotFound):
        gifts.mark_given(999, PEN_DAY)


# --- lead times ---------------------------------------------------------------------------


def test_idea_comes_up_within_the_default_ten_days(db):
    ada = people.add_contact("Ada Lovelace")
    birthday = occasions.add_occasion(ada.id, "birthday", 12, 9)  # lead_days 0: default 10
    gifts.add_gift(ada.id, "a fountain pen", occasion_id=birthday.id)
    gifts.add_gift(ada.id, "a kite")  # no occasion: never suggested
    gifts.add_gift(ada.id, "already bought", "given", occasion_id=birthday.id,
                   on=pendulum.Date(2026, 11, 1))
    assert gift_lines(pendulum.Date(2026, 11, 28)) == []  # 11 days
    assert gift_lines(pendulum.Date(2026, 11, 29)) == [
        ("in 10d", "Ada Lovelace's birthday in 10 days: gift idea: a fountain pen", 10),
    ]
    [item] = gifts.lead_suggestions(pendulum.Date(2026, 12, 1))
    assert (item.kind, item.contact_name, item.reason) == (
        "gift", "Ada Lovelace", "birthday in 8 days, 10-day lead time")
    assert item.ref_id == Gift.get(Gift.text == "a fountain pen").id
    assert gift_lines(pendulum.Date(2026, 12, 9))[0][:2] == (
        "today", "Ada Lovelace's birthday today: gift idea: a fountain pen")
    assert gift_lines(pendulum.Date(2026, 12, 10)) == []  # next year's is far away


def test_an_occasions_own_lead_time_wins(db):
    ada = people.add_contact("Ada Lovelace")
    birthday = occasions.add_occasion(ada.id, "birthday", 12, 9, lead_days=3)
    gifts.add_gift(ada.id, "a fountain pen", occasion_id=birthday.id)
    assert gift_lines(pendulum.Date(2026, 12, 5)) == []
    assert [d for _, _, d in gift_lines(pendulum.Date(2026, 12, 6))] == [3]


def test_lead_time_across_new_year(db):
    ada = people.add_contact("Ada Lovelace")
    birthday = occasions.add_occasion(ada.id, "birthday", 1, 3, lead_days=10)
    gifts.add_gift(ada.id, "a calendar", occasion_id=birthday.id)
    assert gift_lines(pendulum.Date(2026, 12, 23)) == []  # 11 days
    assert gift_lines(pendulum.Date(2026, 12, 28)) == [
        ("in 6d", "Ada Lovelace's birthday in 6 days: gift idea: a calendar", 6),
    ]


@pytest.mark.parametrize(
    ("rule", "today", "days"),
    [("feb28", pendulum.Date(2027, 2, 18), 10), ("feb28", pendulum.Date(2027, 2, 17), None),
     ("mar1", pendulum.Date(2027, 2, 19), 10), ("mar1", pendulum.Date(2027, 2, 18), None),
     ("mar1", pendulum.Date(2028, 2, 19), 10)],
)
def test_lead_time_for_feb29(db, rule, today, days):
    leap = people.add_contact("Leap Person")
    birthday = occasions.add_occasion(leap.id, "birthday", 2, 29, feb29=rule)
    gifts.add_gift(leap.id, "a leap-year mug", occasion_id=birthday.id)
    assert [d for _, _, d in gift_lines(today)] == ([] if days is None else [days])


def test_resting_contacts_get_no_gift_suggestions(db):
    ada = people.add_contact("Ada Lovelace", circle="resting")
    birthday = occasions.add_occasion(ada.id, "birthday", 12, 1)
    gifts.add_gift(ada.id, "a fountain pen", occasion_id=birthday.id)
    assert gifts.lead_suggestions(pendulum.Date(2026, 11, 27)) == []
