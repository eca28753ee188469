"""Touches: logging, deleting, timelines, and who is drifting out of their window."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import people, touches
from connecttui.core.errors import FutureTouch, NotFound, UserError
from connecttui.core.store import dialect
from connecttui.core.store.models import Contact, Touch, TouchContact, TouchIndex

NOW = pendulum.datetime(2026, 11, 27, 12, 0, tz="UTC")


def days_ago(n: int, hour: int = 12) -> pendulum.DateTime:
    return pendulum.datetime(2026, 11, 27, hour, tz="UTC").subtract(days=n)


def add(name: str, created: pendulum.DateTime = NOW, **kwargs) -> Contact:
    """A contact created at `created` (the clock is frozen there)."""
    with time_machine.travel(created, tick=False):
        return people.add_contact(name, **kwargs)


def last(contact: Contact) -> pendulum.DateTime | None:
    return Contact.get_by_id(contact.id).last_touch_at


def links() -> list[tuple[int, int]]:
    return sorted(TouchContact.select(TouchContact.touch, TouchContact.contact).tuples())


def stored_counts() -> tuple[int, int, int]:
    return Touch.select().count(), TouchContact.select().count(), TouchIndex.select().count()


# --- logging ------------------------------------------------------------------------------


def test_log_one_person_defaults_to_now_and_out(db):
    ada = add("Ada Lovelace")
    with time_machine.travel(NOW, tick=False):
        touch = touches.log_touch([ada.id], "call")
    stored = Touch.get_by_id(touch.id)
    assert (stored.at, stored.kind, stored.initiator, stored.note) == (NOW, "call", "out", "")
    assert stored.created_at == NOW
    assert links() == [(touch.id, ada.id)]
    assert last(ada) == NOW


def test_a_touch_in_the_future_is_refused_unless_meant(db):
    ada = add("Ada Lovelace")
    tuesday = pendulum.datetime(2026, 12, 1, 15, 0, tz="Europe/London")
    with time_machine.travel(NOW, tick=False):
        with pytest.raises(FutureTouch, match="Tue 1 Dec 2026, 15:00 is in the future") as got:
            touches.log_touch([ada.id], "together", at=tuesday, note="lunch")
        assert got.value.at == tuesday
        assert stored_counts() == (0, 0, 0)
        assert last(ada) is None
        touches.log_touch([ada.id], "call", at=NOW.add(seconds=30))  # clocks differ a little
        touch = touches.log_touch([ada.id], "together", at=tuesday, note="lunch", future=True)
    assert Touch.get_by_id(touch.id).at == tuesday
    assert last(ada) == tuesday


def test_the_future_is_the_users_clock_in_any_zone(db, monkeypatch):
    """Half past midnight in Auckland is still yesterday in London: not the future."""
    monkeypatch.setenv("CONNECTTUI_TZ", "Pacific/Auckland")
    ada = add("Ada Lovelace")
    with time_machine.travel(NOW, tick=False):  # 01:00 on 28 Nov in Auckland
        just_now = pendulum.datetime(2026, 11, 28, 0, 30, tz="Pacific/Auckland")
        touches.log_touch([ada.id], "call", at=just_now)
        later = pendulum.datetime(2026, 11, 28, 9, 0, tz="Pacific/Auckland")
        with pytest.raises(FutureTouch, match="Sat 28 Nov 2026, 09:00"):
            touches.log_touch([ada.id], "call", at=later)
    assert Touch.select().count() == 1


def test_log_several_people_is_one_touch(db):
    ada, grace, alan = add("Ada Lovelace"), add("Grace Hopper"), add("Alan Turing")
    at = days_ago(2)
    touch = touches.log_touch(
        [ada.id, grace.id, ada.id], "together", at=at, initiator="both", note="hiked the ridge"
    )
    assert Touch.select().count() == 1
    assert links() == sorted([(touch.id, ada.id), (touch.id, grace.id)])
    assert (last(ada), last(grace), last(alan)) == (at, at, None)
    assert Touch.get_by_id(touch.id).note == "hiked the ridge"
    assert TouchIndex.get(TouchIndex.rowid == touch.id).note == "hiked the ridge"


def test_when_in_another_zone_is_stored_in_utc(db):
    ada = add("Ada Lovelace")
    at = pendulum.datetime(2026, 11, 27, 9, 15, tz="Europe/Paris")
    touch = touches.log_touch([ada.id], "message", at=at)
    stored = Touch.get_by_id(touch.id).at
    assert stored == pendulum.datetime(2026, 11, 27, 8, 15, tz="UTC")
    assert stored.timezone_name == "UTC"
    raw = Touch._meta.database.execute_sql("SELECT at FROM touch").fetchone()[0]
    assert dialect.stored(raw) == "2026-11-27 08:15:00"  # naive UTC (text on SQLite)


def test_last_touch_only_moves_forward(db):
    ada, grace = add("Ada Lovelace"), add("Grace Hopper")
    touches.log_touch([ada.id], "call", at=days_ago(1))
    touches.log_touch([ada.id, grace.id], "memory", at=days_ago(10), note="the Lisbon trip")
    assert last(ada) == days_ago(1)
    assert last(grace) == days_ago(10)
    touches.log_touch([grace.id], "card", at=days_ago(3))
    assert last(grace) == days_ago(3)


def test_delete_touch_restores_the_previous_last_touch(db):
    ada, grace = add("Ada Lovelace"), add("Grace Hopper")
    older = touches.log_touch([ada.id], "call", at=days_ago(5))
    newest = touches.log_touch([ada.id, grace.id], "together", at=days_ago(1), note="tea")
    assert (last(ada), last(grace)) == (days_ago(1), days_ago(1))

    touches.delete_touch(newest.id)
    assert (last(ada), last(grace)) == (days_ago(5), None)
    assert links() == [(older.id, ada.id)]
    assert [row.rowid for row in TouchIndex.select(TouchIndex.rowid)] == [older.id]

    touches.delete_touch(older.id)
    assert last(ada) is None
    assert stored_counts() == (0, 0, 0)
    with pytest.raises(NotFound, match="that touch no longer exists"):
        touches.delete_touch(older.id)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ("kind", {}, UserError, 'unknown kind "dance": use one of call, message, together'),
        ("initiator", {"initiator": "them"}, UserError, "who started must be one of out, in, both"),
        ("nobody", {}, UserError, "a touch needs at least one contact"),
        ("stranger", {}, NotFound, "contact #999 no longer exists"),
    ],
)
def test_invalid_touches_store_nothing(db, args, kwargs, error, message):
    ada = add("Ada Lovelace")
    contacts = {"nobody": [], "stranger": [ada.id, 999]}.get(args, [ada.id])
    kind = "dance" if args == "kind" else "call"
    before = stored_counts()
    assert before == (0, 0, 0)
    with pytest.raises(error) as caught:
        touches.log_touch(contacts, kind, at=days_ago(1), note="x", **kwargs)
    assert str(caught.value).startswith(message)
    assert stored_counts() == before
    assert last(ada) is None


def test_every_kind_and_initiator_of_the_product_is_accepted(db):
    ada = add("Ada Lovelace")
    kinds = ["call", "message", "together", "social", "help", "intro", "gift", "card", "memory",
             "other"]
    for n, kind in enumerate(kinds):
        touches.log_touch([ada.id], kind, at=days_ago(n), initiator=("out", "in", "both")[n % 3])
    assert [row.kind for row in touches.timeline(ada.id)] == kinds
    assert [row.initiator for row in touches.timeline(ada.id)][:3] == ["out", "in", "both"]


# --- timelines ----------------------------------------------------------------------------


def test_timeline_newest_first_with_names(db):
    ada, grace, alan = add("Ada Lovelace"), add("grace hopper"), add("Alan Turing")
    t1 = touches.log_touch([ada.id], "call", at=days_ago(3), note="first")
    t2 = touches.log_touch([grace.id, ada.id, alan.id], "together", at=days_ago(1), note="dinner")
    t3 = touches.log_touch([alan.id], "message", at=days_ago(2))
    t4 = touches.log_touch([ada.id], "card", at=days_ago(1))  # same moment as t2, logged later

    everyone = touches.timeline()
    assert [row.touch_id for row in everyone] == [t4.id, t2.id, t3.id, t1.id]
    dinner = everyone[1]
    assert dinner.names == ("Ada Lovelace", "Alan Turing", "grace hopper")
    assert dinner.contact_ids == (ada.id, alan.id, grace.id)
    assert (dinner.at, dinner.kind, dinner.initiator, dinner.note) == (
        days_ago(1), "together", "out", "dinner",
    )

    assert [row.touch_id for row in touches.timeline(ada.id)] == [t4.id, t2.id, t1.id]
    assert touches.timeline(ada.id)[1].names == ("Ada Lovelace", "Alan Turing", "grace hopper")
    assert [row.touch_id for row in touches.timeline(grace.id)] == [t2.id]
    assert [row.touch_id for row in touches.timeline(limit=2)] == [t4.id, t2.id]
    assert touches.timeline(999) == []


# --- the contacts list and drifting -------------------------------------------------------


def rows(today) -> dict[str, touches.ContactRow]:
    return {row.name: row for row in touches.contact_rows(today)}


def test_days_since_and_drift_levels(db, today):
    cases = {  # name: days since the last touch, expected drift (inner: ideal 14, max 30)
        "in 0": (0, 0),
        "in 14": (14, 0),
        "amber 15": (15, 1),
        "amber 30": (30, 1),
        "red 31": (31, 2),
    }
    for name, (days, _) in cases.items():
        contact = add(name, created=days_ago(400), circle="inner")
        touches.log_touch([contact.id], "call", at=days_ago(days))
    found = rows(today)
    for name, (days, drift) in cases.items():
        assert (found[name].days_since, found[name].drift) == (days, drift), name
        assert (found[name].circle, found[name].ideal_days, found[name].max_days) == (
            "inner", 14, 30,
        )


def test_own_window_overrides_the_circle(db, today):
    close = add("Close Friend", created=days_ago(400), circle="friends", ideal_days=5)
    touches.log_touch([close.id], "call", at=days_ago(6))
    row = rows(today)["Close Friend"]
    assert (row.circle, row.ideal_days, row.max_days, row.days_since, row.drift) == (
        "friends", 5, 10, 6, 1,
    )
    loose = add("Loose Friend", created=days_ago(400), circle="friends")
    touches.log_touch([loose.id], "call", at=days_ago(59))
    assert rows(today)["Loose Friend"].drift == 1
    touches.log_touch([loose.id], "call", at=days_ago(61))  # older: changes nothing
    assert (rows(today)["Loose Friend"].days_since, rows(today)["Loose Friend"].drift) == (59, 1)


def test_resting_never_drifts(db, today):
    resting = add("Old Colleague", created=days_ago(900), circle="resting", ideal_days=7)
    touches.log_touch([resting.id], "call", at=days_ago(365))
    never = add("Never Seen", created=days_ago(900), circle="resting", ideal_days=7)
    found = rows(today)
    assert (found["Old Colleague"].days_since, found["Old Colleague"].drift) == (365, 0)
    assert found["Old Colleague"].ideal_days == 7  # the window is kept, just not applied
    assert (found["Never Seen"].days_since, found["Never Seen"].drift) == (None, 0)
    assert never.id in {row.id for row in touches.contact_rows(today)}


def test_no_window_never_drifts(db, today):
    loner = add("No Window", created=days_ago(900))
    touches.log_touch([loner.id], "call", at=days_ago(500))
    row = rows(today)["No Window"]
    assert (row.circle, row.days_since, row.drift, row.ideal_days, row.max_days) == (
        "", 500, 0, None, None,
    )


def test_never_touched_drifts_from_its_creation_date(db, today):
    add("Fresh", created=days_ago(14), circle="inner")
    add("Amber", created=days_ago(15), circle="inner")
    add("Red", created=days_ago(31), circle="inner")
    found = rows(today)
    assert [(found[n].days_since, found[n].drift) for n in ("Fresh", "Amber", "Red")] == [
        (None, 0), (None, 1), (None, 2),
    ]


def test_contact_rows_sorted_by_name_ignoring_case(db, today):
    for name in ["bob", "Alice", "Carol", "alan"]:
        add(name)
    assert [row.name for row in touches.contact_rows(today)] == ["alan", "Alice", "bob", "Carol"]


def test_days_count_local_calendar_days(db, today):
    """London: a touch at 23:30 UTC on the 26th (23:30 local) was yesterday."""
    ada = add("Ada Lovelace", created=days_ago(100), circle="inner")
    touches.log_touch([ada.id], "call", at=pendulum.datetime(2026, 11, 26, 23, 30, tz="UTC"))
    assert rows(today)["Ada Lovelace"].days_since == 1


def test_late_utc_touch_is_the_next_day_in_tokyo(db, today, monkeypatch):
    """23:30 UTC on the 26th is 08:30 on the 27th in Tokyo: today, not yesterday."""
    monkeypatch.setenv("CONNECTTUI_TZ", "Asia/Tokyo")
    ada = add("Ada Lovelace", created=days_ago(100), circle="inner")
    touches.log_touch([ada.id], "call", at=pendulum.datetime(2026, 11, 26, 23, 30, tz="UTC"))
    assert rows(today)["Ada Lovelace"].days_since == 0
    # A contact created then and never touched counts from its local creation day too.
    add("New", created=pendulum.datetime(2026, 11, 12, 23, 30, tz="UTC"), circle="inner")
    assert (rows(today)["New"].days_since, rows(today)["New"].drift) == (None, 0)
    monkeypatch.setenv("CONNECTTUI_TZ", "Europe/London")
    assert (rows(today)["New"].drift, rows(today)["Ada Lovelace"].days_since) == (1, 1)


def test_window_of_falls_back_to_the_circle(db):
    assert touches.window_of(add("A", circle="work")) == (60, 120)
    assert touches.window_of(add("B", circle="work", ideal_days=3)) == (3, 6)
    assert touches.window_of(add("C")) == (None, None)


def test_a_new_touch_on_top_of_a_timeline_is_the_timeline_read_again(db):
    """touches.with_new_touch reads one touch, not 200: what it gives is what timeline()
    gives after the touch, or None when one touch cannot tell (a touch dated earlier)."""
    ada, grace = add("Ada Lovelace"), add("Grace Hopper")
    with time_machine.travel(NOW, tick=False):
        for n in range(touches.TIMELINE_LIMIT + 5):  # more than a timeline shows
            touches.log_touch([ada.id], "message", at=days_ago(400 - n, hour=9))
        for contact_id in (ada.id, None):
            before = touches.timeline(contact_id)
            new = touches.log_touch([ada.id, grace.id], "call", at=days_ago(1), note="n")
            assert touches.with_new_touch(before, contact_id, new.id) == touches.timeline(
                contact_id)
            assert len(touches.timeline(contact_id)) == touches.TIMELINE_LIMIT

        before = touches.timeline(ada.id)
        someone_else = touches.log_touch([grace.id], "call", at=days_ago(0))
        assert touches.with_new_touch(before, ada.id, someone_else.id) == before
        assert before == touches.timeline(ada.id)

        empty = add("Edsger Dijkstra")
        first = touches.log_touch([empty.id], "call", at=days_ago(3))
        assert touches.with_new_touch([], empty.id, first.id) == touches.timeline(empty.id)

        before = touches.timeline(ada.id)
        earlier = touches.log_touch([ada.id], "call", at=days_ago(30))
        assert touches.with_new_touch(before, ada.id, earlier.id) is None
        assert touches.with_new_touch(before, ada.id, 10**9) is None  # gone
