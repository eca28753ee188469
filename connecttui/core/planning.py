"""Open loops (dated follow-ups) and the upcoming list: what needs you, with reasons.

The upcoming list gathers every practice's suggestions (occasions, open loops, drifting
contacts, shared memories of this day, introductions to make), then applies the two rules
that hold for all of them: a resting contact is never suggested, and a snoozed suggestion
stays away until its snooze ends. A deceased contact is never suggested either: each
practice leaves them out where it looks (core/deceased.py says how), and their occasions
come back only as remembrance, when the caller asks.
"""

from __future__ import annotations

import datetime as dt

import pendulum

from connecttui.core import cards, clock, gifts, matching, memories, occasions, snooze
from connecttui.core.deceased import deceased_ids
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.db import raw_rows, transaction
from connecttui.core.store.models import KINDS, Circle, Contact, OpenLoop
from connecttui.core.suggestion import Suggestion, fast_suggestion, short_when
from connecttui.core.touches import drifting_rows, log_touch


def add_open_loop(contact_id: int, text: str, due: pendulum.Date) -> OpenLoop:
    if not text or not text.strip():
        raise UserError("an open loop needs a few words: what to follow up on")
    with transaction():
        if Contact.get_or_none(Contact.id == contact_id) is None:
            raise NotFound(f"contact #{contact_id} no longer exists")
        return OpenLoop.create(
            contact=contact_id, text=text.strip(), due=due, created_at=pendulum.now("UTC")
        )


def close_open_loop(loop_id: int, note: str = "", kind: str = "other") -> OpenLoop:
    """Mark an open loop done (kept, with when it was closed).

    A note says how it went ("the interview went well"): it becomes a touch of `kind` with
    the loop's contact, written in the same transaction, so there is never a closed loop
    whose note was lost or a touch for a loop still open. Closing a loop already done changes
    nothing and logs nothing.
    """
    if kind not in KINDS:
        raise UserError(f'unknown kind "{kind}": use one of {", ".join(KINDS)}')
    note = (note or "").strip()
    with transaction():
        loop = OpenLoop.get_or_none(OpenLoop.id == loop_id)
        if loop is None:
            raise NotFound("that open loop no longer exists")
        if loop.done_at is None:
            now = pendulum.now("UTC")
            loop.done_at = now
            loop.save()
            if note:
                log_touch([loop.contact_id], kind, at=now, note=note)
        return loop


def delete_open_loop(loop_id: int) -> None:
    with transaction():
        if not OpenLoop.delete().where(OpenLoop.id == loop_id).execute():
            raise NotFound("that open loop no longer exists")


def open_loops(contact_id: int | None = None) -> list[OpenLoop]:
    """Loops not yet done, soonest first: one contact's (dead or alive: it is their card), or
    everyone's but the deceased's (they are never due, see core/deceased.py)."""
    query = OpenLoop.select(OpenLoop, Contact.id, Contact.name).join(Contact).where(
        OpenLoop.done_at.is_null()
    )
    if contact_id is not None:
        query = query.where(OpenLoop.contact == contact_id)
    else:
        query = query.where(~Contact.deceased)
    return list(query.order_by(OpenLoop.due, OpenLoop.id))


def _loops_due_by(horizon: pendulum.Date) -> list[tuple]:
    """(loop id, contact id, contact name, text, due) of the open loops due by `horizon`,
    as `open_loops()` orders them: plain tuples, since Upcoming reads hundreds of them and a
    model instance each cost more than the rest of the list's loops."""
    query = (
        OpenLoop.select(OpenLoop.id, Contact.id, Contact.name, OpenLoop.text, OpenLoop.due)
        .join(Contact)
        .where(OpenLoop.done_at.is_null() & (OpenLoop.due <= horizon) & ~Contact.deceased)
        .order_by(OpenLoop.due, OpenLoop.id)
    )
    return [  # SQLite gives the day as its text, PostgreSQL as a date
        (*row[:4], dt.date.fromisoformat(row[4][:10]) if isinstance(row[4], str) else row[4])
        for row in raw_rows(query)
    ]


def loop_reason(due: pendulum.Date, today: pendulum.Date) -> str:
    days = clock.days_between(today, due)
    if days == 0:
        return "due today"
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue"
    return f"due {clock.in_days(days)}"


def upcoming(today: pendulum.Date, days: int = 14, *,
             remembrance: bool = False) -> list[Suggestion]:
    """Occasions in the next `days` and open loops due by then (soonest first), then drifting
    contacts (furthest past their window first), memories of this day and introductions to
    make. Never a resting contact; never a snoozed suggestion; never a deceased contact,
    but for their occasions as remembrance when `remembrance` (the setting) asks."""
    result = _dated(today, days, remembrance)
    drifting = drifting_rows(today)
    drifting.sort(key=lambda r: -(r.window_days - r.ideal_days))
    result.extend(_drift_suggestion(row) for row in drifting)
    resting = memories.resting_ids()  # thousands of suggestions: read them all once, for both
    result.extend(memories.memory_suggestions(today, resting | deceased_ids()))
    result.extend(matching.intro_suggestions(today))
    return _shown(result, today, resting)


def upcoming_head(today: pendulum.Date, days: int = 14, *,
                  remembrance: bool = False) -> list[Suggestion]:
    """The start of `upcoming(today, days, remembrance=...)`, exactly: the dated items
    (occasions, open loops, gift lead times, holiday cards). It reads no contact rows, so it
    costs milliseconds at any size: the main screen shows it before its first paint, the
    rest when read."""
    return _shown(_dated(today, days, remembrance), today)


def _dated(today: pendulum.Date, days: int, remembrance: bool = False) -> list[Suggestion]:
    """Occasions, open loops, gift lead times and holiday cards, soonest first."""
    result: list[Suggestion] = []
    for item in occasions.coming(today, days, remembrance=remembrance):
        level = 1 if item.days == 0 and not item.remembrance else 0  # remembered, not urged
        result.append(
            Suggestion(
                "occasion", item.contact_id, item.contact_name, short_when(item.days),
                f"{item.contact_name}: {occasions.describe(item)}", occasions.describe(item),
                item.occasion_id, item.days, level,
            )
        )
    for loop_id, contact_id, name, text, due in _loops_due_by(today.add(days=days)):
        until = clock.days_between(today, due)
        label = "due" if until == 0 else ("overdue" if until < 0 else short_when(until))
        reason = loop_reason(due, today)
        result.append(
            Suggestion(
                "loop", contact_id, name, label, f"{name}: {text} ({reason})", reason,
                loop_id, until, 2 if until < 0 else (1 if until == 0 else 0),
            )
        )
    result.extend(gifts.lead_suggestions(today))
    result.extend(cards.card_suggestions(today))
    result.sort(key=lambda s: (s.days, s.kind != "loop", s.contact_name))
    return result


def _shown(result: list[Suggestion], today: pendulum.Date,
           resting: set[int] | None = None) -> list[Suggestion]:
    """Without resting contacts (`resting`, when already read) and snoozed suggestions."""
    if resting is None:
        ids = list({s.contact_id for s in result if s.contact_id})
        query = Contact.select(Contact.id).join(Circle).where(Circle.resting)
        if len(ids) <= 500:  # a few: ask about those only (a long list: read the resting ones)
            query = query.where(Contact.id.in_(ids))
        resting = {row[0] for row in raw_rows(query)} if ids else set()  # ids: no wrapper
    hidden = snooze.active(today)
    if not hidden:  # the usual case: thousands of rows, no snooze_ref to work out
        return [s for s in result if s.contact_id not in resting]
    return [
        s for s in result
        if s.contact_id not in resting and (s.kind, s.snooze_ref) not in hidden
    ]


def _drift_suggestion(row) -> Suggestion:
    """A drifting contact: how far past the ideal window, and whether past the maximum."""
    over = row.window_days - row.ideal_days
    window = f"{row.ideal_days}d" + (", learned from your rhythm" if row.learned else "")
    if row.days_since is None:
        reason = f"no touch logged yet, added {row.window_days} days ago"
        when = "never"
    else:
        reason = f"{over} day{'s' if over != 1 else ''} past your window ({window})"
        if row.drift == 2:
            reason += f", over the {row.max_days}d maximum"
        when = f"{over}d over"
    return fast_suggestion(
        "drift", row.id, row.name, when, f"{row.name}: {reason}", reason,
        row.id, 10_000 - over, row.drift,
    )
