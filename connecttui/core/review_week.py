"""The week's figures for the Friday review: which days a week holds, its touches by person,
kind and circle, the twelve-week trend per circle and its sparkline.

Only reads, so the review screen, the CLI's report and the saved record's counts
(`review_saved.save_review`) all count a week the same way. Weeks are LOCAL calendar weeks:
touches are stored in UTC, so a call at 23:30 UTC on a Sunday belongs to Monday's week for
someone in Tokyo. A week starts on Monday by default (`first_weekday` 0..6, Monday = 0, like
`date.weekday()`; 6 starts on Sunday).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pendulum
from peewee import JOIN

from connecttui.core import clock
from connecttui.core.store.models import KINDS, Circle, Contact, Touch, TouchContact
from connecttui.core.weekplan import local_range

NO_CIRCLE = "no circle"
BLOCKS = "▁▂▃▄▅▆▇█"


def week_of(day: pendulum.Date, first_weekday: int = 0) -> tuple[pendulum.Date, pendulum.Date]:
    """The first and last day of the week `day` falls in (Monday..Sunday by default)."""
    if first_weekday not in range(7):
        raise ValueError(f"first_weekday is 0 (Monday) to 6 (Sunday), not {first_weekday!r}")
    start = day.subtract(days=(day.weekday() - first_weekday) % 7)
    return start, start.add(days=6)


def week_label(start: pendulum.Date, end: pendulum.Date) -> str:
    """"Mon 23 Nov – Sun 29 Nov 2026", with both years when the week spans the new year."""
    first = start.format("ddd D MMM" + (" YYYY" if start.year != end.year else ""))
    return f"{first} – {end.format('ddd D MMM YYYY')}"


def _circle_names() -> list[str]:
    return [c.name for c in Circle.select(Circle.name).order_by(Circle.position, Circle.name)]


@dataclass(frozen=True)
class WeekTouch:
    touch_id: int
    at: pendulum.DateTime  # local time
    day: pendulum.Date  # local day
    kind: str
    initiator: str
    note: str
    names: tuple[str, ...]
    contact_ids: tuple[int, ...]


@dataclass(frozen=True)
class PersonWeek:
    contact_id: int
    name: str
    circle: str  # "" when the contact has no circle
    kinds: dict[str, int]
    touches: tuple[WeekTouch, ...]  # oldest first

    @property
    def count(self) -> int:
        return len(self.touches)


@dataclass(frozen=True)
class WeekSummary:
    """A week's touches. A touch shared by two people is listed under both, and counts once
    for each circle it reached (so circle counts may add up to more than `total`)."""

    week_start: pendulum.Date
    week_end: pendulum.Date
    touches: list[WeekTouch]  # oldest first
    people: list[PersonWeek]  # most touches first, then by name
    by_kind: dict[str, list[WeekTouch]]  # in the log dialog's order, kinds with touches only
    circles: dict[str, int]  # every circle (resting too) in order, then NO_CIRCLE if any

    @property
    def total(self) -> int:
        return len(self.touches)

    @property
    def kinds(self) -> dict[str, int]:
        return {kind: len(rows) for kind, rows in self.by_kind.items()}


def week_summary(week_start: pendulum.Date) -> WeekSummary:
    """Every touch of the seven local days from `week_start`, grouped by person and kind."""
    week_end = week_start.add(days=6)
    low, high = local_range(week_start, week_end)
    rows = list(
        Touch.select(Touch.id, Touch.at, Touch.kind, Touch.initiator, Touch.note)
        .where((Touch.at >= low) & (Touch.at < high))
        .order_by(Touch.at, Touch.id)
        .tuples()
    )
    links: dict[int, list[tuple[int, str, str]]] = {}
    if rows:
        query = (
            TouchContact.select(TouchContact.touch, Contact.id, Contact.name, Circle.name)
            .join(Contact).join(Circle, on=(Contact.circle == Circle.id), join_type=JOIN.LEFT_OUTER)
            .where(TouchContact.touch.in_([row[0] for row in rows]))
            .order_by(Contact.name)
        )
        for touch_id, cid, name, circle in query.tuples():
            links.setdefault(touch_id, []).append((cid, name, circle or ""))
    touches, people, circles = [], {}, dict.fromkeys(_circle_names(), 0)
    for touch_id, at, kind, initiator, note in rows:
        local = at.in_timezone(clock.local_tz())
        who = links.get(touch_id, [])
        touch = WeekTouch(touch_id, local, local.date(), kind, initiator, note,
                          tuple(n for _, n, _ in who), tuple(c for c, _, _ in who))
        touches.append(touch)
        for circle in {c or NO_CIRCLE for _, _, c in who}:
            circles[circle] = circles.get(circle, 0) + 1
        for cid, name, circle in who:
            people.setdefault((cid, name, circle), []).append(touch)
    people_rows = [
        PersonWeek(cid, name, circle, _count_kinds(rows), tuple(rows))
        for (cid, name, circle), rows in people.items()
    ]
    people_rows.sort(key=lambda p: (-p.count, p.name.casefold(), p.contact_id))
    by_kind = {kind: [t for t in touches if t.kind == kind] for kind in KINDS}
    by_kind = {kind: rows for kind, rows in by_kind.items() if rows}
    return WeekSummary(week_start, week_end, touches, people_rows, by_kind, circles)


def _count_kinds(rows: list[WeekTouch]) -> dict[str, int]:
    counts = {kind: sum(1 for t in rows if t.kind == kind) for kind in KINDS}
    return {kind: n for kind, n in counts.items() if n}


def trend(week_start: pendulum.Date, weeks: int = 12) -> dict[str, list[int]]:
    """Touches per circle per week for the `weeks` weeks ending with the one starting at
    `week_start`, oldest first. Same counting as the summary; the circle is the contact's
    circle today (circles keep no history)."""
    first = week_start.subtract(weeks=weeks - 1)
    low, high = local_range(first, week_start.add(days=6))
    query = (
        Touch.select(Touch.id, Touch.at, Circle.name)
        .join(TouchContact).join(Contact)
        .join(Circle, on=(Contact.circle == Circle.id), join_type=JOIN.LEFT_OUTER)
        .where((Touch.at >= low) & (Touch.at < high))
        .tuples()
    )
    seen: set[tuple[int, int, str]] = set()
    for touch_id, at, circle in query:
        index = clock.days_between(first, clock.local_day(at)) // 7
        if 0 <= index < weeks:
            seen.add((index, touch_id, circle or NO_CIRCLE))
    result = {name: [0] * weeks for name in _circle_names()}
    for index, _, circle in seen:
        result.setdefault(circle, [0] * weeks)[index] += 1
    return result


def sparkline(values: list[int], top: int | None = None) -> str:
    """One block per value, scaled to `top` (default: the largest value).

    Zero (and anything below) is the lowest block "▁" so the line keeps its width; any
    positive value is at least "▂", so a quiet week is never mistaken for an empty one, and
    the top value is "█". All zeros give all "▁".
    """
    top = max(values, default=0) if top is None else top
    if top <= 0:
        return BLOCKS[0] * len(values)
    steps = len(BLOCKS) - 1
    return "".join(
        BLOCKS[0] if v <= 0 else BLOCKS[min(steps, max(1, math.ceil(v * steps / top)))]
        for v in values
    )
