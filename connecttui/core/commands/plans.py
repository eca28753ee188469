"""Open loops, occasions and snoozes: each change with its undo (`u`, `connecttui undo`)."""

from __future__ import annotations

import pendulum

from connecttui.core import occasions, planning, snooze, undo, weekplan
from connecttui.core.commands import rows
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Occasion, OpenLoop, Snooze
from connecttui.core.text import one_line


def add_open_loop(contact_id: int, text: str, due: pendulum.Date) -> OpenLoop:
    """Add an open loop; undoing deletes it."""
    with transaction():
        loop = planning.add_open_loop(contact_id, text, due)
        undo.record(f"added open loop: {one_line(loop.text)}",
                    rows.inverse_of_insert(OpenLoop, loop.id))
    return loop


def close_open_loop(loop_id: int, note: str = "", kind: str = "other") -> OpenLoop:
    """Mark an open loop done (its note logged as a touch); undoing reopens it and deletes
    that touch. Closing a loop already closed changes nothing and journals nothing."""
    with transaction():
        loop = OpenLoop.get_or_none(OpenLoop.id == loop_id)
        was_open = loop is not None and loop.done_at is None
        loop = planning.close_open_loop(loop_id, note, kind)
        if was_open:
            undo.record(f"closed open loop: {loop.text}", undo.inverse_of_close_loop(loop_id, note))
    return loop


def move_open_loop(loop_id: int, to_day: pendulum.Date,
                   today: pendulum.Date | None = None) -> OpenLoop:
    """Give an open loop another due day (the plan's moves); undoing gives back the old."""
    with transaction():
        inverse = rows.inverse_of_change(OpenLoop, loop_id)
        loop = weekplan.move_loop(loop_id, to_day, today)
        undo.record(f"moved open loop to {to_day.format('ddd D MMM')}: {one_line(loop.text)}",
                    inverse)
    return loop


def delete_open_loop(loop_id: int) -> None:
    """Delete an open loop; undoing writes it back."""
    with transaction():
        inverse = undo.inverse_of_delete_loop(loop_id)
        text = OpenLoop.get_by_id(loop_id).text
        planning.delete_open_loop(loop_id)
        undo.record(f"deleted open loop: {one_line(text)}", inverse)


def add_occasion(contact_id: int, kind: str, month: int, day: int, **options) -> Occasion:
    """Add an occasion (`occasions.add_occasion`'s arguments); undoing deletes it."""
    with transaction():
        occasion = occasions.add_occasion(contact_id, kind, month, day, **options)
        undo.record(f"added {occasions.title(occasion)} for {occasion.contact.name}",
                    rows.inverse_of_insert(Occasion, occasion.id))
    return occasion


def delete_occasion(occasion_id: int) -> None:
    """Delete an occasion; undoing writes it back and ties its gifts to it again."""
    with transaction():
        inverse = undo.inverse_of_delete_occasion(occasion_id)
        occasion = Occasion.get_by_id(occasion_id)
        title = f"{occasions.title(occasion)} of {occasion.contact.name}"
        occasions.delete_occasion(occasion_id)
        undo.record(f"deleted occasion: {title}", inverse)


def snooze_suggestion(kind: str, ref: str, days: int, today: pendulum.Date,
                      label: str = "") -> Snooze:
    """Snooze a suggestion; undoing brings it back (or restores the earlier snooze of it)."""
    with transaction():
        earlier = Snooze.get_or_none((Snooze.kind == kind) & (Snooze.ref == str(ref).strip()))
        inverse = rows.inverse_of_change(Snooze, earlier.id) if earlier is not None else None
        row = snooze.snooze(kind, ref, days, today)
        undo.record(f"snoozed {one_line(label) if label else kind} for {days} days",
                    inverse or rows.inverse_of_insert(Snooze, row.id))
    return row
