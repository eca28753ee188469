"""Snoozing a suggestion: put it aside for 3, 7 or 14 days; it comes back by itself.

A snooze is keyed on what the suggestion is about (its kind and its `snooze_ref`), not on
its words, so "Ada: birthday in 5 days" snoozed today is still snoozed tomorrow when it
reads "in 4 days". Nothing is ever deleted to make a suggestion disappear: the snooze row
simply stops counting on its `until` day.
"""

from __future__ import annotations

import pendulum

from connecttui.core.errors import UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Snooze

SNOOZE_DAYS = (3, 7, 14)
"""The only lengths offered: few choices, one key each."""

SUGGESTION_KINDS = ("occasion", "loop", "drift", "intro", "memory", "gift", "card")
"""What can be snoozed: the kinds of suggestion the upcoming list shows."""


def snooze(kind: str, ref: str, days: int, today: pendulum.Date) -> Snooze:
    """Hide the suggestion (kind, ref) until `today + days`; replaces an earlier snooze of it.

    Snoozing again always counts from today, even if that brings the suggestion back sooner:
    the latest choice is the one the user meant.
    """
    if days not in SNOOZE_DAYS:
        shown = ", ".join(str(d) for d in SNOOZE_DAYS)
        raise UserError(f"snooze for {shown} days, not {days}")
    if kind not in SUGGESTION_KINDS:
        raise UserError(f'cannot snooze a "{kind}": use one of {", ".join(SUGGESTION_KINDS)}')
    ref = str(ref).strip()
    if not ref:
        raise UserError("cannot snooze a suggestion without a reference")
    until = today.add(days=days)
    now = pendulum.now("UTC")
    with transaction():
        row = Snooze.get_or_none((Snooze.kind == kind) & (Snooze.ref == ref))
        if row is None:
            return Snooze.create(kind=kind, ref=ref, until=until, created_at=now)
        row.until = until
        row.created_at = now
        row.save()
        return row


def active(today: pendulum.Date) -> set[tuple[str, str]]:
    """(kind, ref) of every suggestion still snoozed today. On the `until` day it is back."""
    query = Snooze.select(Snooze.kind, Snooze.ref).where(Snooze.until > today).tuples()
    return {(kind, ref) for kind, ref in query}


def unsnooze(kind: str, ref: str) -> bool:
    """Bring a suggestion back now (undo); False when it was not snoozed."""
    with transaction():
        return bool(
            Snooze.delete().where((Snooze.kind == kind) & (Snooze.ref == str(ref))).execute()
        )


def purge_expired(today: pendulum.Date) -> int:
    """Housekeeping: drop snoozes that no longer hide anything; returns how many."""
    with transaction():
        return Snooze.delete().where(Snooze.until <= today).execute()
