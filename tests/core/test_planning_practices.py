"""Issue 3 in the planning core: open loops closed with a note, fact tags, and an upcoming
list with memories and introductions that never shows resting contacts or snoozed items."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import facts, people, planning, search, snooze, touches
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.models import Contact, Fact, OpenLoop, Touch, TouchContact, TouchIndex

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def add(name: str, created: pendulum.DateTime = NOW, **kwargs) -> Contact:
    with time_machine.travel(created, tick=False):
        return people.add_contact(name, **kwargs)


def plan(today: pendulum.Date, days: int = 14) -> list[tuple[str, str, str, str]]:
    return [(s.kind, s.contact_name, s.when, s.reason) for s in planning.upcoming(today, days)]


def stored_touches() -> list[tuple]:
    return [
        (t.at, t.kind, t.initiator, t.note)
        for t in Touch.select().order_by(Touch.id)
    ]


# --- closing an open loop with a note -----------------------------------------------------


def test_close_with_a_note_logs_a_touch_in_the_same_write(db, today):
    ada, grace = add("Ada Lovelace"), add("Grace Hopper")
    loop = planning.add_open_loop(ada.id, "ask how the interview went", today)
    planning.add_open_loop(grace.id, "send the book", today)
    done = NOW.add(hours=3)
    with time_machine.travel(done, tick=False):
        closed = planning.close_open_loop(loop.id, "  got the job!  ", kind="call")
    assert closed.done_at == done
    assert OpenLoop.get_by_id(loop.id).done_at == done
    assert stored_touches() == [(done, "call", "out", "got the job!")]
    [touch] = Touch.select()
    assert list(TouchContact.select(TouchContact.touch, TouchContact.contact).tuples()) == [
        (touch.id, ada.id),
    ]
    assert TouchIndex.get(TouchIndex.rowid == touch.id).note == "got the job!"
    assert Contact.get_by_id(ada.id).last_touch_at == done
    assert Contact.get_by_id(grace.id).last_touch_at is None
    assert [t.note for t in touches.timeline(ada.id)] == ["got the job!"]


def test_close_with_a_note_defaults_to_kind_other(db, today):
    ada = add("Ada Lovelace")
    loop = planning.add_open_loop(ada.id, "return the umbrella", today)
    with time_machine.travel(NOW, tick=False):
        planning.close_open_loop(loop.id, "returned it")
    assert stored_touches() == [(NOW, "other", "out", "returned it")]


@pytest.mark.parametrize("note", ["", "   ", "\n"])
def test_close_without_a_note_logs_nothing(db, today, note):
    ada = add("Ada Lovelace")
    loop = planning.add_open_loop(ada.id, "send the book", today)
    with time_machine.travel(NOW, tick=False):
        planning.close_open_loop(loop.id, note, kind="message")
    assert OpenLoop.get_by_id(loop.id).done_at == NOW
    assert stored_touches() == []
    assert Contact.get_by_id(ada.id).last_touch_at is None


def test_unknown_kind_stores_nothing(db, today):
    ada = add("Ada Lovelace")
    loop = planning.add_open_loop(ada.id, "send the book", today)
    with pytest.raises(UserError, match='unknown kind "letter"'):
        planning.close_open_loop(loop.id, "sent it", kind="letter")
    assert OpenLoop.get_by_id(loop.id).done_at is None
    assert stored_touches() == []


def test_a_failure_while_logging_leaves_the_loop_open(db, today, monkeypatch):
    ada = add("Ada Lovelace")
    loop = planning.add_open_loop(ada.id, "send the book", today)

    def broken(touch):
        raise RuntimeError("disk full")

    monkeypatch.setattr(search, "index_touch", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        planning.close_open_loop(loop.id, "sent it")
    assert OpenLoop.get_by_id(loop.id).done_at is None
    assert stored_touches() == []
    assert TouchContact.select().count() == 0
    assert Contact.get_by_id(ada.id).last_touch_at is None


def test_closing_twice_with_a_note_logs_once(db, today):
    ada = add("Ada Lovelace")
    loop = planning.add_open_loop(ada.id, "send the book", today)
    with time_machine.travel(NOW, tick=False):
        planning.close_open_loop(loop.id, "sent it")
    with time_machine.travel(NOW.add(days=1), tick=False):
        planning.close_open_loop(loop.id, "sent it again")
    assert OpenLoop.get_by_id(loop.id).done_at == NOW
    assert stored_touches() == [(NOW, "other", "out", "sent it")]


def test_closing_a_missing_loop_with_a_note_stores_nothing(db):
    with pytest.raises(NotFound, match="that open loop no longer exists"):
        planning.close_open_loop(42, "done")
    assert stored_touches() == []


# --- fact tags ----------------------------------------------------------------------------


def test_tags_from_the_field_and_from_the_text(db):
    ada = add("Ada Lovelace")
    fact = facts.add_fact(ada.id, "need", "an accountant #Finance for the #tax return",
                          tags="Tax, money")
    stored = Fact.get_by_id(fact.id)
    assert (stored.text, stored.tags) == ("an accountant #Finance for the #tax return",
                                          "tax,money,finance")
    assert facts.tags_of(stored) == ["tax", "money", "finance"]
    listed = facts.add_fact(ada.id, "offer", "Berlin flats", tags=["#Berlin", "flat hunting"])
    assert Fact.get_by_id(listed.id).tags == "berlin,flat,hunting"
    plain = facts.add_fact(ada.id, "interest", "chess")
    assert (Fact.get_by_id(plain.id).tags, facts.tags_of(plain)) == ("", [])


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("#Tax and #tax again", ["tax"]),
        ("C# or F# are no tags", []),
        ("#rust-lang! #x_y, ##double", ["rust-lang", "x_y"]),
        ("#Café au lait", ["café"]),
        ("&#39; entity, #- dash, trailing #tag-", ["tag"]),
        ("", []),
    ],
)
def test_parse_tags(text, tags):
    assert facts.parse_tags(text) == tags


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("a tax adviser #tax #money", "a tax adviser"),
        ("a #tax adviser", "a tax adviser"),
        ("#tax", "tax"),
        ("C# lessons", "C# lessons"),
    ],
)
def test_plain_text(text, plain):
    assert facts.plain_text(text) == plain


def test_a_refused_fact_stores_no_tags(db):
    ada = add("Ada Lovelace")
    with pytest.raises(UserError, match='unknown kind of fact "wish"'):
        facts.add_fact(ada.id, "wish", "a pony #pony", tags="pony")
    with pytest.raises(NotFound):
        facts.add_fact(99, "need", "a pony", tags="pony")
    assert Fact.select().count() == 0


# --- the upcoming list: memories, introductions, snoozes, resting ---------------------------


def network(today: pendulum.Date) -> dict[str, Contact]:
    """Someone with a birthday, someone drifting with a loop due, a memory, a need and an
    offer that match."""
    grace = add("Grace Hopper", birthday=(None, 11, 30))
    ken = add("Ken Thompson", created=NOW.subtract(days=400), circle="inner")
    touches.log_touch([ken.id], "call", at=NOW.subtract(days=23))
    planning.add_open_loop(ken.id, "ask about Plan 9", today)
    radia = add("Radia Perlman")
    touches.log_touch([radia.id], "memory", at=pendulum.datetime(2025, 11, 27, 9, tz="UTC"),
                      initiator="both", note="hiked the ridge")
    frances, omar = add("Frances Allen"), add("Omar Haddad")
    facts.add_fact(frances.id, "need", "a tax adviser")
    facts.add_fact(omar.id, "offer", "knows tax law")
    return {"grace": grace, "ken": ken, "radia": radia, "frances": frances, "omar": omar}


def test_upcoming_includes_memories_and_introductions(db, today):
    network(today)
    assert plan(today) == [
        ("loop", "Ken Thompson", "due", "due today"),
        ("occasion", "Grace Hopper", "in 3d", "birthday in 3 days"),
        ("drift", "Ken Thompson", "9d over", "9 days past your window (14d)"),
        ("memory", "Radia Perlman", "1y ago", "a year ago today"),
        ("intro", "Frances Allen", "match", "shared: tax"),
    ]
    texts = [s.text for s in planning.upcoming(today)]
    assert texts[3:] == [
        "a year ago today: hiked the ridge (with Radia Perlman)",
        "Frances Allen needs a tax adviser; Omar Haddad knows tax law: introduce them?",
    ]
    assert [s.kind for s in planning.upcoming(today.add(days=1))] == [
        "loop", "occasion", "drift", "intro",  # the memory belongs to its day
    ]


def test_snoozed_suggestions_come_back_on_the_until_day(db, today):
    network(today)
    alan = add("Alan Turing", created=NOW.subtract(days=400), circle="inner")
    touches.log_touch([alan.id], "call", at=NOW.subtract(days=20))
    items = {s.kind if s.contact_name != "Alan Turing" else "alan": s
             for s in planning.upcoming(today)}
    for kind, days in (("drift", 3), ("loop", 7), ("intro", 14), ("memory", 3)):
        snooze.snooze(kind, items[kind].snooze_ref, days, today)

    def seen(day: pendulum.Date) -> list[tuple[str, str]]:
        return [(s.kind, s.contact_name) for s in planning.upcoming(day)]

    assert seen(today) == [
        ("occasion", "Grace Hopper"), ("drift", "Alan Turing"),  # another drift: not snoozed
    ]
    assert seen(today.add(days=2)) == [("occasion", "Grace Hopper"), ("drift", "Alan Turing")]
    assert seen(today.add(days=3)) == [
        ("occasion", "Grace Hopper"), ("drift", "Ken Thompson"), ("drift", "Alan Turing"),
    ]
    assert seen(today.add(days=6)) == [("drift", "Ken Thompson"), ("drift", "Alan Turing")]
    assert seen(today.add(days=7)) == [
        ("loop", "Ken Thompson"), ("drift", "Ken Thompson"), ("drift", "Alan Turing"),
    ]
    assert seen(today.add(days=13))[-1] == ("drift", "Alan Turing")
    assert seen(today.add(days=14))[-1] == ("intro", "Frances Allen")


def test_a_snoozed_birthday_is_back_on_the_day(db, today):
    network(today)
    [birthday] = [s for s in planning.upcoming(today) if s.kind == "occasion"]
    snooze.snooze("occasion", birthday.snooze_ref, 3, today)
    assert "occasion" not in [s.kind for s in planning.upcoming(today.add(days=2))]
    back = [s for s in planning.upcoming(today.add(days=3)) if s.kind == "occasion"]
    assert [(s.contact_name, s.when, s.reason) for s in back] == [
        ("Grace Hopper", "today", "birthday today"),
    ]
    snooze.unsnooze("occasion", birthday.snooze_ref)
    assert "occasion" in [s.kind for s in planning.upcoming(today)]


def test_resting_contacts_are_never_suggested(db, today):
    old = add("Old Friend", created=NOW.subtract(days=400), circle="resting", ideal_days=7,
              birthday=(None, 11, 28))
    omar = add("Omar Haddad")
    planning.add_open_loop(old.id, "return the records", today.subtract(days=2))
    touches.log_touch([old.id], "memory", at=pendulum.datetime(2024, 11, 27, 9, tz="UTC"),
                      note="the concert")
    facts.add_fact(old.id, "need", "a tax adviser")
    facts.add_fact(omar.id, "offer", "knows tax law")
    assert planning.upcoming(today) == []
    people.update_contact(old.id, circle="friends")
    assert [s.kind for s in planning.upcoming(today)] == [
        "loop", "occasion", "drift", "memory", "intro",
    ]
    people.update_contact(old.id, circle="resting")
    people.update_contact(omar.id, circle="resting")
    facts.add_fact(omar.id, "need", "concert tickets")
    facts.add_fact(old.id, "offer", "concert tickets")
    assert planning.upcoming(today) == []
