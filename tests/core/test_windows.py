"""Keep-in-touch windows as the contacts list sees them (touches.contact_rows): any touch
resets the window, a social touch counts for half the ideal window, and a contact with no
window gets one learned from the median gap between their touches."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import people, touches
from connecttui.core.store.models import KINDS, Contact

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def days_ago(n: int) -> pendulum.DateTime:
    return NOW.subtract(days=n)


def add(name: str, **kwargs) -> Contact:
    with time_machine.travel(days_ago(900), tick=False):
        return people.add_contact(name, **kwargs)


def log(contact: Contact, n: int, kind: str = "call") -> touches.Touch:
    return touches.log_touch([contact.id], kind, at=days_ago(n))


def row(today: pendulum.Date, contact: Contact) -> tuple:
    """(days since the last touch, days the window counts, drift, ideal, max, learned)."""
    [r] = touches.contact_rows(today, contact.id)
    return r.days_since, r.window_days, r.drift, r.ideal_days, r.max_days, r.learned


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "social"])
def test_any_touch_resets_the_window(db, today, kind):
    ada = add("Ada Lovelace", circle="inner")  # ideal 14, maximum 30
    log(ada, 40)
    assert row(today, ada) == (40, 40, 2, 14, 30, False)
    log(ada, 2, kind)
    assert row(today, ada) == (2, 2, 0, 14, 30, False)


@pytest.mark.parametrize(
    ("social_ago", "expected"),
    [  # full call 40 days ago; the social touch counts as 7 days (half of 14) older
        (3, (3, 10, 0, 14, 30, False)),
        (7, (7, 14, 0, 14, 30, False)),
        (8, (8, 15, 1, 14, 30, False)),
        (23, (23, 30, 1, 14, 30, False)),
        (24, (24, 31, 2, 14, 30, False)),
    ],
)
def test_a_social_touch_counts_for_half_the_ideal_window(db, today, social_ago, expected):
    ada = add("Ada Lovelace", circle="inner")
    log(ada, 40)
    log(ada, social_ago, "social")
    assert row(today, ada) == expected


def test_a_full_touch_after_a_social_one_counts_in_full(db, today):
    ada = add("Ada Lovelace", circle="inner")
    log(ada, 10, "social")
    assert row(today, ada) == (10, 17, 1, 14, 30, False)
    log(ada, 12, "call")  # older than the social touch, and still the better of the two
    assert row(today, ada) == (10, 12, 0, 14, 30, False)
    log(ada, 1, "message")
    assert row(today, ada) == (1, 1, 0, 14, 30, False)


def test_social_only_and_an_odd_ideal_window(db, today):
    ada = add("Ada Lovelace", ideal_days=5)  # maximum 10; half of 5 is 2 days
    log(ada, 7, "social")
    assert row(today, ada) == (7, 9, 1, 5, 10, False)
    log(ada, 9, "social")  # older: changes nothing
    assert row(today, ada) == (7, 9, 1, 5, 10, False)
    grace = add("Grace Hopper", ideal_days=5)
    log(grace, 9, "social")
    assert row(today, grace) == (9, 11, 2, 5, 10, False)


def test_a_window_is_learned_after_five_touches(db, today):
    ada = add("Ada Lovelace")  # no window of her own, no circle
    for n in (75, 45, 35, 25):  # gaps 30, 10, 10
        log(ada, n)
    assert row(today, ada) == (25, 25, 0, None, None, False)
    assert Contact.get_by_id(ada.id).learned_days is None
    fifth = log(ada, 13)  # gaps 30, 10, 10, 12: the median is 11
    assert Contact.get_by_id(ada.id).learned_days == 11
    assert row(today, ada) == (13, 13, 1, 11, 22, True)
    assert row(today.add(days=9), ada) == (22, 22, 1, 11, 22, True)
    assert row(today.add(days=10), ada) == (23, 23, 2, 11, 22, True)
    assert row(today.subtract(days=2), ada) == (11, 11, 0, 11, 22, True)
    touches.delete_touch(fifth.id)  # back to four touches: nothing learned
    assert Contact.get_by_id(ada.id).learned_days is None
    assert row(today, ada) == (25, 25, 0, None, None, False)


def test_a_learned_window_counts_social_at_half_too(db, today):
    ada = add("Ada Lovelace")
    for n in (75, 45, 35, 25, 13):  # learned 11 so far
        log(ada, n)
    log(ada, 4, "social")
    assert Contact.get_by_id(ada.id).learned_days == 10  # gaps 30, 10, 10, 12, 9: half is 5
    assert row(today, ada) == (4, 9, 0, 10, 20, True)
    log(ada, 2, "social")  # gaps ..., 9, 2: the median moves to 10 still
    assert row(today, ada) == (2, 7, 0, 10, 20, True)


def test_a_set_window_wins_over_the_learned_one(db, today):
    ada = add("Ada Lovelace", circle="friends")  # ideal 30, maximum 60
    for n in (75, 45, 35, 25, 13):
        log(ada, n)
    assert Contact.get_by_id(ada.id).learned_days == 11  # learned, but not used
    assert row(today, ada) == (13, 13, 0, 30, 60, False)


def test_several_touches_on_one_day_are_one_day_of_rhythm(db, today):
    ada = add("Ada Lovelace")
    for n in (40, 30, 30, 20, 20):  # five touches, three days: gaps 10, 10
        log(ada, n)
    assert Contact.get_by_id(ada.id).learned_days == 10
    assert row(today, ada) == (20, 20, 1, 10, 20, True)
