"""Persisting patiently: who reached out last, and unanswered streaks (never a score)."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import patience, people, touches
from connecttui.core.patience import ReachOut
from connecttui.core.store.models import Contact

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def add(name: str) -> Contact:
    with time_machine.travel(NOW.subtract(days=400), tick=False):
        return people.add_contact(name)


def log(contact: Contact, days_ago: int, initiator: str, kind: str = "message") -> None:
    touches.log_touch([contact.id], kind, at=NOW.subtract(days=days_ago), initiator=initiator)


def test_no_touch_says_nothing(db):
    ada = add("Ada Lovelace")
    assert patience.reach_out(ada.id) == ReachOut(None, 0, False)
    assert patience.reach_out_line(patience.reach_out(ada.id)) == ""


def test_they_reached_out_last(db):
    ada = add("Ada Lovelace")
    for days in (30, 20, 10):
        log(ada, days, "out")
    log(ada, 2, "in")
    assert patience.reach_out(ada.id) == ReachOut("they", 0, True)
    assert patience.reach_out_line(patience.reach_out(ada.id)) == (
        "they reached out last: your turn"
    )


def test_unanswered_streak_counts_your_touches_since_their_last(db):
    ada = add("Ada Lovelace")
    log(ada, 40, "out")
    log(ada, 30, "out")  # before their reach-out: not part of the streak
    log(ada, 20, "in")
    log(ada, 9, "out")
    log(ada, 5, "out", kind="social")  # a comment is you reaching out too
    assert patience.reach_out(ada.id) == ReachOut("you", 2, True)
    assert patience.reach_out_line(patience.reach_out(ada.id)) == "you reached out last"
    log(ada, 1, "out", kind="call")
    assert patience.reach_out(ada.id) == ReachOut("you", 3, True)
    assert patience.reach_out_line(patience.reach_out(ada.id)) == (
        "you reached out 3 times since they last did: give it space"
    )
    log(ada, 0, "out")
    assert patience.reach_out_line(patience.reach_out(ada.id)) == (
        "you reached out 4 times since they last did: give it space"
    )


def test_both_breaks_a_streak_and_names_no_one(db):
    ada = add("Ada Lovelace")
    for days in (30, 25, 20):
        log(ada, days, "out")
    log(ada, 10, "both", kind="together")
    assert patience.reach_out(ada.id) == ReachOut(None, 0, True)
    assert patience.reach_out_line(patience.reach_out(ada.id)) == ""
    log(ada, 5, "out")
    log(ada, 3, "out")
    assert patience.reach_out(ada.id) == ReachOut("you", 2, True)


def test_streak_when_they_never_reached_out(db):
    ada = add("Ada Lovelace")
    for days in (9, 6, 3):
        log(ada, days, "out")
    assert patience.reach_out(ada.id) == ReachOut("you", 3, False)
    assert patience.reach_out_line(patience.reach_out(ada.id)) == (
        "you reached out 3 times and they haven't yet: give it space"
    )


def test_order_is_by_when_not_by_logging_order(db):
    ada = add("Ada Lovelace")
    for days in (6, 4, 2):
        log(ada, days, "out")
    log(ada, 50, "in")  # logged late, but it happened long before
    assert patience.reach_out(ada.id) == ReachOut("you", 3, True)


def test_only_this_contacts_touches_count(db):
    ada, grace = add("Ada Lovelace"), add("Grace Hopper")
    log(grace, 1, "in")
    touches.log_touch([ada.id, grace.id], "together", at=NOW.subtract(days=3), initiator="out")
    log(ada, 2, "out")
    assert patience.reach_out(ada.id) == ReachOut("you", 2, False)
    assert patience.reach_out(grace.id) == ReachOut("they", 0, True)


@pytest.mark.parametrize(
    ("reach", "line"),
    [
        (ReachOut("they", 0, True), "they reached out last: your turn"),
        (ReachOut("you", 1, True), "you reached out last"),
        (ReachOut("you", 2, False), "you reached out last"),
        (ReachOut("you", 3, True), "you reached out 3 times since they last did: give it space"),
        (ReachOut("you", 7, True), "you reached out 7 times since they last did: give it space"),
        (ReachOut("you", 3), "you reached out 3 times and they haven't yet: give it space"),
        (ReachOut(None, 0, True), ""),
        (ReachOut(None, 0), ""),
    ],
)
def test_reach_out_line_never_a_score(reach, line):
    assert patience.reach_out_line(reach) == line
