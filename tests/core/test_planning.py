"""Open loops, occasions, and the upcoming list: what needs you, always with its reason."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import occasions, people, planning, touches
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.models import Contact, Occasion, OpenLoop

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def add(name: str, created: pendulum.DateTime = NOW, **kwargs) -> Contact:
    """A contact created at `created` (so a never-touched one drifts predictably)."""
    with time_machine.travel(created, tick=False):
        return people.add_contact(name, **kwargs)


def touched(contact: Contact, days_ago: int) -> None:
    touches.log_touch([contact.id], "call", at=NOW.subtract(days=days_ago))


def plan(today: pendulum.Date, days: int = 14) -> list[tuple[str, str, str, str]]:
    return [(s.kind, s.contact_name, s.when, s.reason) for s in planning.upcoming(today, days)]


# --- open loops ---------------------------------------------------------------------------


def test_open_loop_add_close_delete(db, today):
    ada, grace = add("Ada Lovelace"), add("Grace Hopper")
    with time_machine.travel(NOW, tick=False):
        later = planning.add_open_loop(ada.id, "  send the book ", today.add(days=3))
        sooner = planning.add_open_loop(grace.id, "ask how the interview went", today)
        third = planning.add_open_loop(ada.id, "return the umbrella", today.add(days=3))
    stored = OpenLoop.get_by_id(later.id)
    assert (stored.contact_id, stored.text, stored.due) == (
        ada.id, "send the book", today.add(days=3),
    )
    assert isinstance(stored.due, pendulum.Date)
    assert (stored.created_at, stored.done_at) == (NOW, None)
    assert [loop.id for loop in planning.open_loops()] == [sooner.id, later.id, third.id]
    assert [loop.id for loop in planning.open_loops(ada.id)] == [later.id, third.id]

    done_at = NOW.add(hours=2)
    with time_machine.travel(done_at, tick=False):
        closed = planning.close_open_loop(later.id)
    assert closed.done_at == done_at
    with time_machine.travel(done_at.add(days=1), tick=False):
        planning.close_open_loop(later.id)  # closing twice keeps the first time
    assert OpenLoop.get_by_id(later.id).done_at == done_at
    assert [loop.id for loop in planning.open_loops()] == [sooner.id, third.id]

    planning.delete_open_loop(third.id)
    assert sorted(loop.id for loop in OpenLoop.select()) == [later.id, sooner.id]
    with pytest.raises(NotFound, match="that open loop no longer exists"):
        planning.delete_open_loop(third.id)
    with pytest.raises(NotFound, match="that open loop no longer exists"):
        planning.close_open_loop(third.id)


@pytest.mark.parametrize("text", ["", "   ", "\n", None])
def test_open_loop_needs_text(db, today, text):
    ada = add("Ada Lovelace")
    with pytest.raises(UserError, match="an open loop needs a few words"):
        planning.add_open_loop(ada.id, text, today)
    assert OpenLoop.select().count() == 0


def test_open_loop_for_a_missing_contact(db, today):
    with pytest.raises(NotFound, match="contact #7 no longer exists"):
        planning.add_open_loop(7, "call back", today)
    assert OpenLoop.select().count() == 0


# --- occasions ----------------------------------------------------------------------------


def test_add_occasions(db):
    ada = add("Ada Lovelace")
    birthday = occasions.add_occasion(ada.id, "birthday", 12, 10, year=1815, lead_days=7)
    wedding = occasions.add_occasion(ada.id, "anniversary", 7, 8, year=1835)
    name_day = occasions.add_occasion(ada.id, "custom", 7, 26, label="  name day ")
    got = [
        (o.kind, o.label, o.month, o.day, o.year, o.feb29, o.lead_days)
        for o in Occasion.select().order_by(Occasion.id)
    ]
    assert got == [
        ("birthday", "", 12, 10, 1815, "feb28", 7),
        ("anniversary", "", 7, 8, 1835, "feb28", 0),
        ("custom", "name day", 7, 26, None, "feb28", 0),
    ]
    assert [occasions.title(o) for o in (birthday, wedding, name_day)] == [
        "birthday", "anniversary", "name day",
    ]
    occasions.delete_occasion(wedding.id)
    assert Occasion.select().count() == 2
    with pytest.raises(NotFound):
        occasions.delete_occasion(wedding.id)


@pytest.mark.parametrize(
    ("kind", "kwargs", "message"),
    [
        ("custom", {}, "a named occasion needs a name"),
        ("custom", {"label": "   "}, "a named occasion needs a name"),
        ("wedding", {}, 'unknown occasion "wedding"'),
        ("birthday", {"feb29": "mar2"}, "Feb 29 is celebrated on feb28 or mar1"),
        ("birthday", {"lead_days": -1}, "lead time is between 0 and 90 days"),
        ("birthday", {"lead_days": 91}, "lead time is between 0 and 90 days"),
    ],
)
def test_occasion_refusals_store_nothing(db, kind, kwargs, message):
    ada = add("Ada Lovelace")
    with pytest.raises(UserError, match=message):
        occasions.add_occasion(ada.id, kind, 7, 26, **kwargs)
    assert Occasion.select().count() == 0


def test_occasion_for_a_missing_contact(db):
    with pytest.raises(NotFound):
        occasions.add_occasion(99, "birthday", 1, 1)
    assert Occasion.select().count() == 0


@pytest.mark.parametrize(("month", "day"), [(2, 30), (13, 1), (4, 31)])
def test_impossible_occasion_date_is_a_user_error(db, month, day):
    ada = add("Ada Lovelace")
    with pytest.raises(UserError):
        occasions.add_occasion(ada.id, "birthday", month, day)
    assert Occasion.select().count() == 0


def test_feb29_of_a_common_year_is_refused(db):
    ada = add("Ada Lovelace")
    with pytest.raises(UserError):
        occasions.add_occasion(ada.id, "birthday", 2, 29, year=2001)
    assert Occasion.select().count() == 0


def test_feb29_with_either_rule(db):
    ada, grace = add("Ada Lovelace"), add("Grace Hopper")
    occasions.add_occasion(ada.id, "birthday", 2, 29, year=2000)
    occasions.add_occasion(grace.id, "birthday", 2, 29, year=2000, feb29="mar1")
    assert [o.feb29 for o in Occasion.select().order_by(Occasion.id)] == ["feb28", "mar1"]


# --- upcoming: occasions ------------------------------------------------------------------


def test_birthdays_within_the_window(db, today):
    birthdays = {  # name: (year, month, day)
        "Today Person": (None, 11, 27),
        "Tomorrow Person": (None, 11, 28),
        "Ada Lovelace": (1990, 11, 30),
        "Edge Person": (1980, 12, 11),  # 14 days: still in
        "Beyond Person": (1980, 12, 12),  # 15 days: out
        "Past Person": (1980, 11, 26),  # yesterday: next year
    }
    for name, birthday in birthdays.items():
        add(name, birthday=birthday)
    assert plan(today) == [
        ("occasion", "Today Person", "today", "birthday today"),
        ("occasion", "Tomorrow Person", "in 1d", "birthday tomorrow"),
        ("occasion", "Ada Lovelace", "in 3d", "birthday in 3 days (turns 36)"),
        ("occasion", "Edge Person", "in 14d", "birthday in 14 days (turns 46)"),
    ]
    first = planning.upcoming(today)[0]
    assert (first.text, first.level, first.days) == ("Today Person: birthday today", 1, 0)
    ada = planning.upcoming(today)[2]
    assert (ada.text, ada.level, ada.days) == (
        "Ada Lovelace: birthday in 3 days (turns 36)", 0, 3,
    )
    assert ada.ref_id == people.birthday_of(ada.contact_id).id
    assert [s.contact_name for s in planning.upcoming(today, days=15)][-1] == "Beyond Person"
    assert [s.contact_name for s in planning.upcoming(today, days=2)] == [
        "Today Person", "Tomorrow Person",
    ]


def test_lead_time_reaches_beyond_the_window(db, today):
    card = add("Card Person")
    occasions.add_occasion(card.id, "birthday", 12, 20, year=1970, lead_days=30)  # 23 days
    late = add("Too Far")
    occasions.add_occasion(late.id, "birthday", 12, 31, lead_days=30)  # 34 days
    soon = add("Soon Gift")
    occasions.add_occasion(soon.id, "anniversary", 12, 1, year=2016, lead_days=10)  # 4 days
    named = add("Name Day")
    occasions.add_occasion(named.id, "custom", 12, 6, label="name day", lead_days=3)  # 9 days
    assert plan(today) == [
        ("occasion", "Soon Gift", "in 4d",
         "anniversary in 4 days (10 years): prepare now, 10-day lead time"),
        ("occasion", "Name Day", "in 9d", "name day in 9 days"),
        ("occasion", "Card Person", "in 23d",
         "birthday in 23 days (turns 56): prepare now, 30-day lead time"),
    ]


def test_birthday_across_new_year(db):
    add("Ada Lovelace", birthday=(1990, 1, 2))
    dec30 = pendulum.Date(2026, 12, 30)
    [item] = planning.upcoming(dec30)
    assert (item.when, item.reason, item.days) == ("in 3d", "birthday in 3 days (turns 37)", 3)
    [coming] = occasions.coming(dec30)
    assert coming.date == pendulum.Date(2027, 1, 2)


def test_feb29_birthday_in_a_common_year(db):
    add("Feb Person", birthday=None)
    feb, mar = add("Leap Feb28"), add("Leap Mar1")
    occasions.add_occasion(feb.id, "birthday", 2, 29, year=2000, feb29="feb28")
    occasions.add_occasion(mar.id, "birthday", 2, 29, year=2000, feb29="mar1")

    feb14 = pendulum.Date(2027, 2, 14)  # 2027 is a common year
    assert plan(feb14) == [("occasion", "Leap Feb28", "in 14d", "birthday in 14 days (turns 27)")]
    assert [(c.contact_name, c.date) for c in occasions.coming(feb14, days=15)] == [
        ("Leap Feb28", pendulum.Date(2027, 2, 28)),
        ("Leap Mar1", pendulum.Date(2027, 3, 1)),
    ]
    assert plan(pendulum.Date(2027, 2, 28), days=0) == [
        ("occasion", "Leap Feb28", "today", "birthday today (turns 27)"),
    ]
    assert plan(pendulum.Date(2027, 3, 1), days=0) == [
        ("occasion", "Leap Mar1", "today", "birthday today (turns 27)"),
    ]
    leap = pendulum.Date(2028, 2, 20)  # both on the real day in a leap year
    assert [(c.contact_name, c.date, c.turning) for c in occasions.coming(leap)] == [
        ("Leap Feb28", pendulum.Date(2028, 2, 29), 28),
        ("Leap Mar1", pendulum.Date(2028, 2, 29), 28),
    ]


# --- upcoming: open loops and drifting ----------------------------------------------------


def test_open_loops_due_and_overdue(db, today):
    ada = add("Ada Lovelace")
    planning.add_open_loop(ada.id, "two days late", today.subtract(days=2))
    planning.add_open_loop(ada.id, "one day late", today.subtract(days=1))
    planning.add_open_loop(ada.id, "today's", today)
    planning.add_open_loop(ada.id, "next week", today.add(days=5))
    planning.add_open_loop(ada.id, "edge", today.add(days=14))
    planning.add_open_loop(ada.id, "too far", today.add(days=15))
    done = planning.add_open_loop(ada.id, "already done", today.subtract(days=3))
    planning.close_open_loop(done.id)
    items = planning.upcoming(today)
    assert [(s.kind, s.when, s.reason, s.level, s.days) for s in items] == [
        ("loop", "overdue", "2 days overdue", 2, -2),
        ("loop", "overdue", "1 day overdue", 2, -1),
        ("loop", "due", "due today", 1, 0),
        ("loop", "in 5d", "due in 5 days", 0, 5),
        ("loop", "in 14d", "due in 14 days", 0, 14),
    ]
    assert [s.text for s in items] == [
        "Ada Lovelace: two days late (2 days overdue)",
        "Ada Lovelace: one day late (1 day overdue)",
        "Ada Lovelace: today's (due today)",
        "Ada Lovelace: next week (due in 5 days)",
        "Ada Lovelace: edge (due in 14 days)",
    ]
    assert items[0].ref_id == OpenLoop.get(OpenLoop.text == "two days late").id


def test_drifting_contacts_with_reasons(db, today):
    long_ago = NOW.subtract(days=400)
    amber = add("Ken Thompson", created=long_ago, circle="inner")
    touched(amber, 23)
    red = add("Alan Turing", created=long_ago, circle="inner")
    touched(red, 40)
    one = add("Barbara Liskov", created=long_ago, circle="inner")
    touched(one, 15)
    fine = add("Grace Hopper", created=long_ago, circle="inner")
    touched(fine, 14)
    add("New Person", created=NOW.subtract(days=20), circle="inner")
    add("No Window", created=long_ago)
    items = planning.upcoming(today)
    assert [(s.kind, s.contact_name, s.when, s.reason, s.level) for s in items] == [
        ("drift", "Alan Turing", "26d over",
         "26 days past your window (14d), over the 30d maximum", 2),
        ("drift", "Ken Thompson", "9d over", "9 days past your window (14d)", 1),
        ("drift", "New Person", "never", "no touch logged yet, added 20 days ago", 1),
        ("drift", "Barbara Liskov", "1d over", "1 day past your window (14d)", 1),
    ]
    assert [s.text for s in items][:2] == [
        "Alan Turing: 26 days past your window (14d), over the 30d maximum",
        "Ken Thompson: 9 days past your window (14d)",
    ]
    assert items[0].ref_id == red.id


def test_resting_contacts_never_drift_into_suggestions(db, today):
    resting = add("Old Friend", created=NOW.subtract(days=900), circle="resting", ideal_days=7)
    touched(resting, 300)
    add("Never Met", created=NOW.subtract(days=900), circle="resting", ideal_days=7)
    assert planning.upcoming(today) == []


def test_resting_contacts_birthdays_are_not_suggested(db, today):
    add("Old Friend", circle="resting", birthday=(1970, 11, 30))
    assert planning.upcoming(today) == []


def test_upcoming_orders_everything(db, today):
    ada = add("Ada Lovelace", created=NOW.subtract(days=400), circle="inner",
              birthday=(None, 11, 30))
    touched(ada, 20)
    grace = add("Grace Hopper", birthday=(None, 11, 27))
    planning.add_open_loop(grace.id, "ask about COBOL", today)
    planning.add_open_loop(ada.id, "send the notes", today.add(days=3))
    assert [(s.kind, s.contact_name, s.when) for s in planning.upcoming(today)] == [
        ("loop", "Grace Hopper", "due"),
        ("occasion", "Grace Hopper", "today"),
        ("loop", "Ada Lovelace", "in 3d"),
        ("occasion", "Ada Lovelace", "in 3d"),
        ("drift", "Ada Lovelace", "6d over"),
    ]
