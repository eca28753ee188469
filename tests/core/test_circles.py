"""Circles (issue 3, "Care first"): the user names them, gives each a window, rests one and
orders them. Names are unique whatever the case; a window's maximum is never shorter than its
ideal; deleting or renaming a circle loses no one; a resting circle's contacts are never
drifting nor suggested (touches.contact_rows, planning.upcoming)."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import circles, people, planning, touches
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.models import Circle, Contact, Touch, TouchContact

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")
DEFAULTS = ["inner", "friends", "work", "resting"]


def names() -> list[str]:
    return [row.name for row in circles.circle_rows()]


def stored(circle_id: int) -> tuple:
    c = Circle.get_by_id(circle_id)
    return c.name, c.ideal_days, c.max_days, c.resting


def added_long_ago(name: str, **kwargs) -> Contact:
    with time_machine.travel(NOW.subtract(days=900), tick=False):
        return people.add_contact(name, **kwargs)


# ----- adding, renaming: names -------------------------------------------------------------
def test_add_puts_the_circle_last_with_its_window(db):
    climbing = circles.add_circle("  climbing ", 21, 42)
    assert stored(climbing.id) == ("climbing", 21, 42, False)
    assert names() == [*DEFAULTS, "climbing"]
    [row] = [r for r in circles.circle_rows() if r.id == climbing.id]
    assert (row.window, row.resting, row.contacts) == ("21-42d", False, 0)


def test_add_resting_with_no_window(db):
    old = circles.add_circle("old school", resting=True)
    assert stored(old.id) == ("old school", None, None, True)
    [row] = [r for r in circles.circle_rows() if r.id == old.id]
    assert row.window == "no window"


@pytest.mark.parametrize("name", ["Inner", "INNER", "  inner  ", "ínner"])
def test_names_are_unique_whatever_the_case(db, name):
    with pytest.raises(UserError, match="already a circle"):
        circles.add_circle(name)
    assert names() == DEFAULTS


@pytest.mark.parametrize("name", ["", "   ", None, "-"])
def test_a_circle_needs_a_name(db, name):
    with pytest.raises(UserError):
        circles.add_circle(name)
    assert names() == DEFAULTS


def test_rename_refuses_another_circles_name_but_allows_a_change_of_case(db):
    inner = people.circle_named("inner")
    with pytest.raises(UserError, match='already a circle called "friends"'):
        circles.rename_circle(inner.id, "Friends")
    assert stored(inner.id)[0] == "inner"
    circles.rename_circle(inner.id, "Inner")
    assert stored(inner.id)[0] == "Inner"
    with pytest.raises(UserError):
        circles.rename_circle(inner.id, " ")
    assert stored(inner.id)[0] == "Inner"


def test_a_renamed_circle_keeps_its_contacts(db):
    ada = people.add_contact("Ada Lovelace", circle="inner")
    grace = people.add_contact("Grace Hopper", circle="work")
    inner = people.circle_named("inner")
    circles.rename_circle(inner.id, "closest")
    assert Contact.get_by_id(ada.id).circle_id == inner.id
    assert Contact.get_by_id(grace.id).circle.name == "work"
    assert people.circle_named("closest").id == inner.id
    with pytest.raises(UserError):
        people.circle_named("inner")
    [row] = touches.contact_rows(pendulum.Date(2026, 11, 27), ada.id)
    assert row.circle == "closest"


# ----- windows -----------------------------------------------------------------------------
def test_set_window_clears_and_doubles(db):
    work = people.circle_named("work")
    circles.set_window(work.id, 10, 25)
    assert stored(work.id)[1:3] == (10, 25)
    circles.set_window(work.id, 10, None)  # as people.parse_window reads "10"
    assert stored(work.id)[1:3] == (10, 20)
    circles.set_window(work.id, None, None)
    assert stored(work.id)[1:3] == (None, None)


@pytest.mark.parametrize(
    ("ideal", "maximum", "words"),
    [(30, 14, "shorter"), (0, 10, "above zero"), (-3, None, "above zero"),
     (None, 30, "ideal")],
)
def test_bad_windows_are_refused_and_change_nothing(db, ideal, maximum, words):
    inner = people.circle_named("inner")
    with pytest.raises(UserError, match=words):
        circles.set_window(inner.id, ideal, maximum)
    assert stored(inner.id)[1:3] == (14, 30)
    with pytest.raises(UserError, match=words):
        circles.add_circle("climbing", ideal, maximum)
    assert "climbing" not in names()


def test_a_circles_window_is_its_contacts_default(db, today):
    ada = added_long_ago("Ada Lovelace", circle="friends")
    touches.log_touch([ada.id], "call", at=NOW.subtract(days=20))
    [row] = touches.contact_rows(today, ada.id)
    assert (row.ideal_days, row.drift) == (30, 0)
    circles.set_window(people.circle_named("friends").id, 14, 30)
    [row] = touches.contact_rows(today, ada.id)
    assert (row.ideal_days, row.max_days, row.drift) == (14, 30, 1)


# ----- deleting ----------------------------------------------------------------------------
def test_delete_keeps_the_contacts_and_their_touches_with_no_circle(db, today):
    ada = people.add_contact("Ada Lovelace", circle="work")
    grace = people.add_contact("Grace Hopper", circle="work")
    alan = people.add_contact("Alan Turing", circle="inner")
    shared = touches.log_touch([ada.id, grace.id], "together", at=NOW.subtract(days=3),
                               note="hiked the ridge")
    touches.log_touch([ada.id], "call", at=NOW.subtract(days=1))
    work = people.circle_named("work")

    assert circles.delete_circle(work.id) == 2

    assert Circle.get_or_none(Circle.id == work.id) is None
    assert {c.name: c.circle_id for c in Contact.select()} == {
        "Ada Lovelace": None, "Grace Hopper": None, "Alan Turing": alan.circle_id,
    }
    assert Touch.select().count() == 2
    assert Touch.get_by_id(shared.id).note == "hiked the ridge"
    assert {link.contact_id for link in TouchContact.select()
            .where(TouchContact.touch == shared.id)} == {ada.id, grace.id}
    assert [r.circle for r in touches.contact_rows(today)] == ["", "inner", ""]
    assert names() == ["inner", "friends", "resting"]
    assert [c.position for c in people.circles()] == [0, 1, 2]


def test_delete_an_empty_circle_returns_zero_and_a_missing_one_is_not_found(db):
    climbing = circles.add_circle("climbing")
    assert circles.delete_circle(climbing.id) == 0
    with pytest.raises(NotFound):
        circles.delete_circle(climbing.id)


# ----- resting -----------------------------------------------------------------------------
def test_a_resting_circles_contacts_stop_drifting_and_being_suggested(db, today):
    ada = added_long_ago("Ada Lovelace", circle="friends")
    grace = added_long_ago("Grace Hopper", circle="friends")
    touches.log_touch([ada.id], "call", at=NOW.subtract(days=100))
    touches.log_touch([grace.id], "call", at=NOW.subtract(days=100))
    planning.add_open_loop(ada.id, "send the book", today)
    friends = people.circle_named("friends")

    def drift() -> dict[str, int]:
        return {row.name: row.drift for row in touches.contact_rows(today)}

    def suggested() -> set[tuple[str, str]]:
        return {(s.kind, s.contact_name) for s in planning.upcoming(today)}

    assert drift() == {"Ada Lovelace": 2, "Grace Hopper": 2}
    assert {("drift", "Ada Lovelace"), ("drift", "Grace Hopper"),
            ("loop", "Ada Lovelace")} <= suggested()

    circles.set_resting(friends.id, True)
    assert stored(friends.id)[3] is True
    assert drift() == {"Ada Lovelace": 0, "Grace Hopper": 0}
    assert suggested() == set()
    assert Touch.select().count() == 2  # the history stays

    circles.set_resting(friends.id, False)
    assert drift() == {"Ada Lovelace": 2, "Grace Hopper": 2}
    assert ("drift", "Grace Hopper") in suggested()


# ----- order and rows ----------------------------------------------------------------------
def test_move_changes_the_order_and_stops_at_either_end(db):
    work = people.circle_named("work")
    assert circles.move(work.id, -1) == 1
    assert names() == ["inner", "work", "friends", "resting"]
    assert circles.move(work.id, -5) == 0
    assert names() == ["work", "inner", "friends", "resting"]
    assert circles.move(work.id, -1) == 0
    assert circles.move(work.id, 10) == 3
    assert names() == ["inner", "friends", "resting", "work"]
    assert [c.name for c in people.circles()] == names()  # the contact form's order too


def test_circle_rows_count_contacts(db):
    people.add_contact("Ada Lovelace", circle="inner")
    people.add_contact("Grace Hopper", circle="inner")
    people.add_contact("Alan Turing", circle="resting")
    people.add_contact("Barbara Liskov")
    rows = circles.circle_rows()
    assert [(r.name, r.window, r.resting, r.contacts) for r in rows] == [
        ("inner", "14-30d", False, 2), ("friends", "30-60d", False, 0),
        ("work", "60-120d", False, 0), ("resting", "no window", True, 1),
    ]


def test_find_circle_any_case_or_not_found_naming_them(db):
    assert circles.find_circle("WORK").name == "work"
    with pytest.raises(NotFound, match="circles: inner, friends, work, resting"):
        circles.find_circle("climb")
