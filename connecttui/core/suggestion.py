"""A suggestion: one thing that needs you, always with its reason.

Kept apart from planning so every practice (occasions, open loops, windows, introductions,
memories, gifts, cards) can produce them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Suggestion:
    """One row of the upcoming list."""

    kind: str  # "occasion", "loop", "drift", "intro", "memory", "gift", "card"
    contact_id: int
    contact_name: str
    when: str  # a short label for the first column: "today", "in 3d", "due", "9d over"
    text: str  # the whole line: who, what and why ("Ada: birthday in 3 days (turns 40)")
    reason: str  # the why alone ("birthday in 3 days", "9 days past your window (14d)")
    ref_id: int  # the occasion, loop, contact, touch or gift it is about
    days: int  # for sorting: days from today (negative when overdue)
    level: int = 0  # 0 plain, 1 amber, 2 red
    ref: str = ""  # what a snooze keys on; defaults to str(ref_id)

    @property
    def snooze_ref(self) -> str:
        return self.ref or str(self.ref_id)


def fast_suggestion(kind: str, contact_id: int, contact_name: str, when: str, text: str,
                    reason: str, ref_id: int, days: int, level: int = 0,
                    ref: str = "") -> Suggestion:
    """`Suggestion(...)`, equal to it, without the frozen dataclass's `object.__setattr__`
    per field: half the cost, for the thousands of drifting contacts of a large network."""
    made = object.__new__(Suggestion)
    made.__dict__.update(kind=kind, contact_id=contact_id, contact_name=contact_name,
                         when=when, text=text, reason=reason, ref_id=ref_id, days=days,
                         level=level, ref=ref)
    return made


def short_when(days: int) -> str:
    """The first column of a dated suggestion: "today", "in 3d", "2d ago"."""
    if days == 0:
        return "today"
    return f"in {days}d" if days > 0 else f"{-days}d ago"
