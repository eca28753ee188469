"""Circles: the small named groups that say how close someone is (inner, friends, work...).

The user names them, orders them, gives each a keep-in-touch window (the default for its
contacts) and may mark one resting: a resting circle's contacts keep all their history but
are never suggested or counted as drifting (touches.contact_rows, planning.upcoming).
Deleting a circle deletes no one: its contacts stay, with every touch, and have no circle.

Names are unique case- and accent-insensitively, as `people.circle_named` finds them. Each
write is one transaction; a user's mistake is a UserError and stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum
from peewee import fn

from connecttui.core.errors import NotFound, UserError
from connecttui.core.people import normalize
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Circle, Contact
from connecttui.core.windows import (  # noqa: F401  (the window rules, under their old home)
    check_window,
    default_window,
    window_text,
)

NONE_NAME = "-"
"""What the command line takes for "no circle"; so no circle may be called that."""


@dataclass(frozen=True)
class CircleRow:
    """One circle as a list shows it: its window, whether resting, how many contacts."""

    id: int
    name: str
    ideal_days: int | None
    max_days: int | None
    resting: bool
    contacts: int

    @property
    def window(self) -> str:
        """"14-30d", "14d" (no maximum) or "no window"."""
        return window_text(self.ideal_days, self.max_days)


def _clean_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise UserError("a circle needs a name")
    if name == NONE_NAME:
        raise UserError(f'"{NONE_NAME}" means no circle: choose another name')
    return name


def _check_unique(name: str, except_id: int | None = None) -> None:
    wanted = normalize(name)
    for circle_id, other in Circle.select(Circle.id, Circle.name).tuples():
        if circle_id != except_id and normalize(other) == wanted:
            raise UserError(f'there is already a circle called "{other}"')


def _get(circle_id: int) -> Circle:
    circle = Circle.get_or_none(Circle.id == circle_id)
    if circle is None:
        raise NotFound(f"circle #{circle_id} no longer exists")
    return circle


def add_circle(
    name: str, ideal_days: int | None = None, max_days: int | None = None, resting: bool = False
) -> Circle:
    """A new circle, last in the order."""
    name = _clean_name(name)
    ideal_days, max_days = check_window(ideal_days, max_days)
    with transaction():
        _check_unique(name)
        last = Circle.select(fn.MAX(Circle.position)).scalar()
        return Circle.create(
            name=name, ideal_days=ideal_days, max_days=max_days, resting=bool(resting),
            position=0 if last is None else last + 1,
        )


def rename_circle(circle_id: int, new_name: str) -> Circle:
    """Rename a circle; its contacts stay in it. A change of case alone is allowed."""
    new_name = _clean_name(new_name)
    with transaction():
        circle = _get(circle_id)
        _check_unique(new_name, except_id=circle.id)
        circle.name = new_name
        circle.save()
        return circle


def set_window(circle_id: int, ideal: int | None, maximum: int | None) -> Circle:
    """Set the circle's window (its contacts' default); `ideal=None` clears it."""
    ideal, maximum = check_window(ideal, maximum)
    with transaction():
        circle = _get(circle_id)
        circle.ideal_days, circle.max_days = ideal, maximum
        circle.save()
        return circle


def set_resting(circle_id: int, resting: bool) -> Circle:
    """Mark a circle resting (its contacts are never suggested nor drifting) or active."""
    with transaction():
        circle = _get(circle_id)
        circle.resting = bool(resting)
        circle.save()
        return circle


def delete_circle(circle_id: int) -> int:
    """Delete a circle. Its contacts stay, with all their history, and have no circle.

    Returns how many contacts lost their circle.
    """
    with transaction():
        circle = _get(circle_id)
        moved = (
            Contact.update(circle=None, updated_at=pendulum.now("UTC"))
            .where(Contact.circle == circle.id)
            .execute()
        )
        circle.delete_instance()
        _renumber(_ordered())
    return moved


def _ordered() -> list[Circle]:
    return list(Circle.select().order_by(Circle.position, Circle.name, Circle.id))


def _renumber(ordered: list[Circle]) -> None:
    for position, circle in enumerate(ordered):
        if circle.position != position:
            circle.position = position
            circle.save()


def move(circle_id: int, step: int) -> int:
    """Move a circle `step` places in the order (negative: up), stopping at either end.

    Returns its new index (0 is first)."""
    with transaction():
        ordered = _ordered()
        index = next((i for i, c in enumerate(ordered) if c.id == circle_id), None)
        if index is None:
            raise NotFound(f"circle #{circle_id} no longer exists")
        target = max(0, min(index + step, len(ordered) - 1))
        ordered.insert(target, ordered.pop(index))
        _renumber(ordered)
    return target


def circle_rows() -> list[CircleRow]:
    """Every circle in order, with its window, whether resting and how many contacts."""
    counts = dict(
        Contact.select(Contact.circle, fn.COUNT(Contact.id))
        .where(Contact.circle.is_null(False))
        .group_by(Contact.circle)
        .tuples()
    )
    return [
        CircleRow(c.id, c.name, c.ideal_days, c.max_days, bool(c.resting), counts.get(c.id, 0))
        for c in _ordered()
    ]


def find_circle(name: str) -> Circle:
    """The circle called `name` (any case or accents); else NotFound, naming the circles
    (the command line exits 2 for it, as for an unknown contact)."""
    wanted = normalize(name or "")
    ordered = _ordered()
    for circle in ordered:
        if normalize(circle.name) == wanted:
            return circle
    names = ", ".join(circle.name for circle in ordered) or "none yet"
    raise NotFound(f'there is no circle called "{(name or "").strip()}" (circles: {names})')
