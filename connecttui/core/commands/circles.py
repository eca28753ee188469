"""Adding and editing a circle, each with its undo (`u`, `connecttui undo`)."""

from __future__ import annotations

from connecttui.core import circles, undo
from connecttui.core.commands import rows
from connecttui.core.errors import NotFound
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Circle


def add_circle(name: str, ideal: int | None, maximum: int | None, resting: bool) -> Circle:
    """Add a circle; undoing deletes it (unless someone has been put in it since)."""
    with transaction():
        circle = circles.add_circle(name, ideal, maximum, resting)
        undo.record(f"added circle {circle.name}", rows.inverse_of_insert(Circle, circle.id))
    return circle


def edit_circle(circle_id: int, name: str, ideal: int | None, maximum: int | None,
                resting: bool) -> Circle:
    """Rename a circle, set its window and whether it rests, all or nothing; undoing puts
    the three back."""
    with transaction():
        circle = Circle.get_or_none(Circle.id == circle_id)
        if circle is None:
            raise NotFound(f"circle #{circle_id} no longer exists")
        inverse = rows.inverse_of_change(Circle, circle_id)
        before = circle.name
        if name.strip() != circle.name:
            circles.rename_circle(circle_id, name)
        circles.set_window(circle_id, ideal, maximum)
        circle = circles.set_resting(circle_id, resting)
        undo.record(f"edited circle {before}", inverse)
    return circle
