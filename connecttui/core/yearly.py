"""Yearly dates: the day a birthday or anniversary is marked in a given year (Feb 29 moved
to Feb 28 or Mar 1 in a common year, as each occasion says), the next time it comes, and the
age it marks.

Occasions store a month and a day (the year is often unknown) and compute each occurrence
here, so the upcoming list, the plan, the briefing and the calendar export agree.
"""

from __future__ import annotations

import calendar

import pendulum

_FEB29_RULES = ("feb28", "mar1")  # models.FEB29_RULES, not imported: this module loads no store


def occurs_on(month: int, day: int, year: int, feb29: str = "feb28") -> pendulum.Date:
    """The day a yearly date is marked in `year`; Feb 29 moves to Feb 28 or Mar 1 in a
    common year, as the person prefers (the rule is kept per occasion)."""
    if feb29 not in _FEB29_RULES:
        raise ValueError(f"feb29 must be one of {_FEB29_RULES}, not {feb29!r}")
    if month == 2 and day == 29 and not calendar.isleap(year):
        return pendulum.date(year, 2, 28) if feb29 == "feb28" else pendulum.date(year, 3, 1)
    return pendulum.date(year, month, day)


def next_occurrence(
    month: int, day: int, today: pendulum.Date, feb29: str = "feb28"
) -> pendulum.Date:
    """The first time the yearly date is marked on or after today (so today counts)."""
    this_year = occurs_on(month, day, today.year, feb29)
    return this_year if this_year >= today else occurs_on(month, day, today.year + 1, feb29)


def turning(birth_year: int | None, occurrence: pendulum.Date) -> int | None:
    """How many years at that occurrence ("turning 211"); None when the year is unknown."""
    return None if birth_year is None else occurrence.year - birth_year
