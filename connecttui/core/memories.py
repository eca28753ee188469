"""Being a true friend: shared memories come back on their day ("a year ago today: ...").

A memory is a touch of kind "memory". It belongs to the day the user lived it, so the day is
the LOCAL calendar day of the stored UTC moment (an evening in Tokyo is the next morning's
date in UTC). A memory from Feb 29 comes back on Feb 28 in common years rather than skipping
three years out of four.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import pendulum

from connecttui.core import clock
from connecttui.core.store.db import raw_rows
from connecttui.core.store.dialect import month_day
from connecttui.core.store.models import Circle, Contact, Touch, TouchContact
from connecttui.core.suggestion import Suggestion


@dataclass(frozen=True)
class Memory:
    """A shared experience from this day in an earlier year."""

    touch_id: int
    at: pendulum.DateTime  # as stored (UTC)
    years_ago: int
    note: str
    names: tuple[str, ...]
    contact_ids: tuple[int, ...]


def same_day(day: pendulum.Date, today: pendulum.Date) -> bool:
    """Is `day` (in an earlier year) remembered on `today`? Feb 29 falls on Feb 28 in a
    common year."""
    if (day.month, day.day) == (today.month, today.day):
        return True
    return (day.month, day.day, today.month, today.day) == (2, 29, 2, 28) and (
        not calendar.isleap(today.year)
    )


def _utc_keys(today: pendulum.Date) -> list[str]:
    """"MM-DD" of every UTC day a local day remembered today can fall on: one day either
    side of it (no zone is a whole day away from UTC). A cheap filter before the exact test."""
    targets = [(today.month, today.day)]
    if (today.month, today.day) == (2, 28) and not calendar.isleap(today.year):
        targets.append((2, 29))
    keys = set()
    for month, day in targets:
        base = pendulum.date(2000, month, day)  # a leap year, so Feb 29 has neighbours
        for offset in (-1, 0, 1):
            near = base.add(days=offset)
            keys.add(f"{near.month:02d}-{near.day:02d}")
    return sorted(keys)


def on_this_day(today: pendulum.Date, contact_id: int | None = None) -> list[Memory]:
    """Memories whose local day is today's month and day in an earlier year, newest first
    (a year ago before three years ago); one contact's, or everyone's."""
    query = Touch.select(Touch.id, Touch.at, Touch.note).where(
        (Touch.kind == "memory") & month_day(Touch.at).in_(_utc_keys(today))
    )
    if contact_id is not None:
        query = query.join(TouchContact).where(TouchContact.contact == contact_id)
    found = []
    for touch_id, at, note in query.tuples():
        day = clock.local_day(at)
        if day.year < today.year and same_day(day, today):
            found.append((touch_id, at, today.year - day.year, note))
    people: dict[int, list[tuple[int, str]]] = {}
    if found:
        for touch_id, cid, name in (
            TouchContact.select(TouchContact.touch, Contact.id, Contact.name)
            .join(Contact)
            .where(TouchContact.touch.in_([row[0] for row in found]))
            .order_by(Contact.name, Contact.id)
            .tuples()
        ):
            people.setdefault(touch_id, []).append((cid, name))
    found.sort(key=lambda row: (row[2], -row[1].timestamp(), row[0]))
    return [
        Memory(
            touch_id, at, years, note,
            tuple(name for _, name in people.get(touch_id, [])),
            tuple(cid for cid, _ in people.get(touch_id, [])),
        )
        for touch_id, at, years, note in found
    ]


def years_ago_text(years: int) -> str:
    """"a year ago today", "3 years ago today"."""
    return "a year ago today" if years == 1 else f"{years} years ago today"


def resting_ids() -> set[int]:
    """Every contact in a resting circle (a plain cursor: a thousand rows or more at 10k)."""
    query = Contact.select(Contact.id).join(Circle).where(Circle.resting)
    return {row[0] for row in raw_rows(query)}


def memory_suggestions(today: pendulum.Date,
                       resting: set[int] | None = None) -> list[Suggestion]:
    """One suggestion per memory of this day, on the first of its people who is not resting
    nor deceased (a memory shared only with them is not suggested: "a year ago today" with
    a friend who has died is theirs to look up on the card, not a nudge). `resting`: the ids
    of the contacts to leave out, when the caller has read them already."""
    if resting is None:
        from connecttui.core.deceased import deceased_ids

        resting = resting_ids() | deceased_ids()
    result = []
    for memory in on_this_day(today):
        awake = [cid for cid in memory.contact_ids if cid not in resting]
        if not awake:
            continue
        cid = awake[0]
        name = memory.names[memory.contact_ids.index(cid)]
        note = " ".join(memory.note.split()) or "a shared memory"
        reason = years_ago_text(memory.years_ago)
        text = f"{reason}: {note} (with {', '.join(memory.names)})"
        result.append(
            Suggestion(
                "memory", cid, name, f"{memory.years_ago}y ago", text, reason,
                memory.touch_id, 0,
            )
        )
    return result
