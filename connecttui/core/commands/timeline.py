"""Logging and deleting a touch, each with its undo (`u`, `connecttui undo`)."""

from __future__ import annotations

import pendulum

from connecttui.core import people, touches, undo
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Touch


def log_touch(contact_ids: list[int], kind: str, *, at: pendulum.DateTime | None = None,
              initiator: str = "out", note: str = "", future: bool = False) -> Touch:
    """Log a touch (`touches.log_touch`); undoing deletes it. FutureTouch and UserError
    leave nothing stored, the journal included."""
    with transaction():
        touch = touches.log_touch(contact_ids, kind, at=at, initiator=initiator, note=note,
                                  future=future)
        names = [people.get_contact(cid).name for cid in dict.fromkeys(contact_ids)]
        undo.record(f"logged {kind} with {', '.join(names)}", undo.inverse_of_log(touch.id))
    return touch


def delete_touch(touch_id: int, label: str = "") -> None:
    """Delete a touch from every timeline it is on; undoing writes it back, same id."""
    with transaction():
        inverse = undo.inverse_of_delete_touch(touch_id)
        if not label:
            touch = Touch.get_by_id(touch_id)
            label = f"deleted {touch.kind} from {touch.at.format('D MMM YYYY')}"
        touches.delete_touch(touch_id)
        undo.record(label, inverse)
