"""Adding, editing, moving and deleting a circle, each with its undo (`u`, `connecttui
undo`)."""

from __future__ import annotations

from connecttui.core import circles, id_ranges, snapshots, undo
from connecttui.core.commands import rows
from connecttui.core.errors import NotFound, UserError
from connecttui.core.people import normalize
from connecttui.core.store.db import transaction
from connecttui.core.store.dialect import stored
from connecttui.core.store.models import Circle, Contact


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


def move_circle(circle_id: int, step: int) -> int:
    """Move a circle `step` places in the order (`K`/`J` on the Circles screen); undoing puts
    every circle back where it was. A move that changes nothing (the first one up) is not a
    change: nothing is recorded. Returns its new index (0 is first)."""
    with transaction():
        before = snapshots.rows(Circle, Circle.id.is_null(False))
        index = circles.move(circle_id, step)  # NotFound when it is gone
        if snapshots.rows(Circle, Circle.id.is_null(False)) != before:
            name = next(row["name"] for row in before if row["id"] == circle_id)
            undo.record(f"moved circle {name} {'up' if step < 0 else 'down'}",
                        {"op": "put_rows", "table": "circle", "rows": before})
    return index


def delete_circle(circle_id: int) -> int:
    """Delete a circle (`circles.delete_circle`: its contacts stay, with no circle); undoing
    puts the circle back, same id and place, with everyone who was in it. Returns how many
    contacts lost their circle."""
    with transaction():
        circle = Circle.get_or_none(Circle.id == circle_id)
        if circle is None:
            raise NotFound(f"circle #{circle_id} no longer exists")
        row = snapshots.rows(Circle, Circle.id == circle_id)[0]
        members = _stored(Contact.select(Contact.id, Contact.updated_at).where(
            Contact.circle == circle_id))
        places = list(Circle.select(Circle.id, Circle.position).where(
            Circle.id != circle_id).order_by(Circle.id).tuples())
        moved = circles.delete_circle(circle_id)
        deleted_at = _stored(Contact.select(Contact.id, Contact.updated_at).where(
            Contact.id == members[0][0]))[0][1] if members else None  # the members' now
        undo.record(f"deleted circle {circle.name}", {
            "op": "put_circle_back", "row": row, "members": _by_moment(members),
            "deleted_at": deleted_at, "positions": [list(place) for place in places],
        })
    return moved


def _stored(query) -> list[tuple]:
    """(id, moment) rows with the moment as stored (plain text, whatever the engine)."""
    return [(row_id, stored(moment))
            for row_id, moment in Contact._meta.database.execute(query).fetchall()]


def _by_moment(members: list[tuple]) -> list:
    """[[updated_at, id runs], ...]: the members, grouped by when each was last changed (an
    import's contacts share one moment, so a circle of thousands stays a few runs)."""
    groups: dict = {}
    for contact_id, moment in members:
        groups.setdefault(moment, []).append(contact_id)
    return [[moment, id_ranges.runs(ids)] for moment, ids in groups.items()]


@undo.undoes("put_circle_back")
def _undo_delete_circle(step: dict) -> None:
    """The circle again, and its members back in it: those still without a circle (someone
    put in another since stays there), with their last-changed moment as it was unless they
    have been edited since."""
    row = step["row"]
    for (name,) in Circle.select(Circle.name).tuples():
        if normalize(name) == normalize(row["name"]):
            raise UserError(f'there is a circle called "{name}" again')
    snapshots.insert(Circle, row, f"the circle {row['name']}")
    for circle_id, position in step["positions"]:
        Circle.update(position=position).where(Circle.id == circle_id).execute()
    deleted_at = step["deleted_at"]
    for moment, ranges in step["members"]:
        for condition in id_ranges.conditions(Contact.id, ranges):
            homeless = condition & Contact.circle.is_null()
            if deleted_at is not None:
                Contact.update(circle=row["id"], updated_at=moment).where(
                    homeless & (Contact.updated_at == deleted_at)).execute()
            Contact.update(circle=row["id"]).where(homeless).execute()
