"""On this day: shared memories come back on their local day in later years (Feb 29 too)."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import memories, people, touches
from connecttui.core.memories import Memory
from connecttui.core.store.models import Contact
from connecttui.core.suggestion import Suggestion

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def add(name: str, **kwargs) -> Contact:
    with time_machine.travel(NOW.subtract(years=10), tick=False):
        return people.add_contact(name, **kwargs)


def remember(contacts: list[Contact], at: pendulum.DateTime, note: str, kind: str = "memory"):
    return touches.log_touch([c.id for c in contacts], kind, at=at, note=note, initiator="both")


def notes(today: pendulum.Date, contact_id: int | None = None) -> list[tuple[str, int]]:
    return [(m.note, m.years_ago) for m in memories.on_this_day(today, contact_id)]


def test_memories_of_this_day_in_earlier_years(db, today):
    radia, ada = add("Radia Perlman"), add("Ada Lovelace")
    ridge = remember([radia], pendulum.datetime(2025, 11, 27, 9, tz="UTC"), "hiked the ridge")
    lisbon = remember([ada, radia], pendulum.datetime(2023, 11, 27, 18, tz="UTC"), "Lisbon")
    remember([radia], pendulum.datetime(2026, 11, 27, 8, tz="UTC"), "this morning")
    remember([radia], pendulum.datetime(2025, 11, 26, 12, tz="UTC"), "the day before")
    remember([radia], pendulum.datetime(2025, 11, 28, 12, tz="UTC"), "the day after")
    remember([radia], pendulum.datetime(2024, 11, 27, 12, tz="UTC"), "dinner", kind="together")
    assert memories.on_this_day(today) == [
        Memory(ridge.id, pendulum.datetime(2025, 11, 27, 9, tz="UTC"), 1, "hiked the ridge",
               ("Radia Perlman",), (radia.id,)),
        Memory(lisbon.id, pendulum.datetime(2023, 11, 27, 18, tz="UTC"), 3, "Lisbon",
               ("Ada Lovelace", "Radia Perlman"), (ada.id, radia.id)),
    ]
    assert notes(today, ada.id) == [("Lisbon", 3)]
    assert notes(today, radia.id) == [("hiked the ridge", 1), ("Lisbon", 3)]
    assert notes(today.add(days=1)) == [("the day after", 1)]
    assert notes(today.add(years=1)) == [("this morning", 1), ("hiked the ridge", 2),
                                         ("Lisbon", 4)]


def test_feb29_memory_on_feb28_of_a_common_year(db):
    radia = add("Radia Perlman")
    remember([radia], pendulum.datetime(2024, 2, 29, 12, tz="UTC"), "leap day picnic")
    remember([radia], pendulum.datetime(2024, 2, 28, 12, tz="UTC"), "the eve")
    remember([radia], pendulum.datetime(2025, 3, 1, 12, tz="UTC"), "first of March")
    assert notes(pendulum.Date(2027, 2, 28)) == [("leap day picnic", 3), ("the eve", 3)]
    assert notes(pendulum.Date(2027, 3, 1)) == [("first of March", 2)]
    assert notes(pendulum.Date(2028, 2, 28)) == [("the eve", 4)]  # a leap year: its own day
    assert notes(pendulum.Date(2028, 2, 29)) == [("leap day picnic", 4)]
    assert notes(pendulum.Date(2028, 3, 1)) == [("first of March", 3)]


@pytest.mark.parametrize(
    ("zone", "on_the_26th", "on_the_27th"),
    [
        ("UTC", ["late evening"], ["afternoon"]),
        ("Asia/Tokyo", [], ["late evening"]),  # 23:30 UTC is 08:30 the next day in Tokyo
        ("America/Los_Angeles", ["late evening"], ["afternoon"]),
    ],
)
def test_the_local_day_counts(db, monkeypatch, zone, on_the_26th, on_the_27th):
    monkeypatch.setenv("CONNECTTUI_TZ", zone)
    radia = add("Radia Perlman")
    remember([radia], pendulum.datetime(2025, 11, 26, 23, 30, tz="UTC"), "late evening")
    remember([radia], pendulum.datetime(2025, 11, 27, 16, 0, tz="UTC"), "afternoon")
    assert [n for n, _ in notes(pendulum.Date(2026, 11, 26))] == on_the_26th
    assert [n for n, _ in notes(pendulum.Date(2026, 11, 27))] == on_the_27th
    tokyo_28th = ["afternoon"] if zone == "Asia/Tokyo" else []  # 01:00 on the 28th
    assert [n for n, _ in notes(pendulum.Date(2026, 11, 28))] == tokyo_28th


def test_the_local_year_counts_across_new_year(db, monkeypatch):
    radia = add("Radia Perlman")
    remember([radia], pendulum.datetime(2025, 12, 31, 20, tz="UTC"), "fireworks")
    monkeypatch.setenv("CONNECTTUI_TZ", "UTC")
    assert notes(pendulum.Date(2026, 12, 31)) == [("fireworks", 1)]
    assert notes(pendulum.Date(2027, 1, 1)) == []
    monkeypatch.setenv("CONNECTTUI_TZ", "Asia/Tokyo")  # 05:00 on 1 Jan 2026 there
    assert notes(pendulum.Date(2026, 12, 31)) == []
    assert notes(pendulum.Date(2027, 1, 1)) == [("fireworks", 1)]
    assert notes(pendulum.Date(2026, 1, 1)) == []  # the same year is not a memory yet


def test_memory_suggestions(db, today):
    radia, ada = add("Radia Perlman"), add("Ada Lovelace")
    ridge = remember([radia], pendulum.datetime(2025, 11, 27, 9, tz="UTC"), "hiked the ridge")
    trip = remember([radia, ada], pendulum.datetime(2023, 11, 27, 9, tz="UTC"),
                    "the Lisbon\n trip")
    quiet = remember([ada], pendulum.datetime(2016, 11, 27, 9, tz="UTC"), "")
    assert memories.memory_suggestions(today) == [
        Suggestion("memory", radia.id, "Radia Perlman", "1y ago",
                   "a year ago today: hiked the ridge (with Radia Perlman)",
                   "a year ago today", ridge.id, 0),
        Suggestion("memory", ada.id, "Ada Lovelace", "3y ago",
                   "3 years ago today: the Lisbon trip (with Ada Lovelace, Radia Perlman)",
                   "3 years ago today", trip.id, 0),
        Suggestion("memory", ada.id, "Ada Lovelace", "10y ago",
                   "10 years ago today: a shared memory (with Ada Lovelace)",
                   "10 years ago today", quiet.id, 0),
    ]
    assert memories.memory_suggestions(today)[0].snooze_ref == str(ridge.id)
    assert memories.memory_suggestions(today.add(days=1)) == []


def test_memories_with_resting_contacts(db, today):
    old, radia = add("Old Friend", circle="resting"), add("Radia Perlman", circle="inner")
    remember([old], pendulum.datetime(2025, 11, 27, 9, tz="UTC"), "only resting")
    both = remember([old, radia], pendulum.datetime(2024, 11, 27, 9, tz="UTC"), "the band")
    assert [(s.contact_name, s.text, s.ref_id) for s in memories.memory_suggestions(today)] == [
        ("Radia Perlman", "2 years ago today: the band (with Old Friend, Radia Perlman)",
         both.id),
    ]
    assert notes(today, old.id) == [("only resting", 1), ("the band", 2)]  # history is kept
