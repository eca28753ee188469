"""Undo and the trash: a deleted contact stays recoverable until it is purged, and the last
changes (made in the TUI or by the CLI) can be taken back one at a time (`u`, `connecttui
undo`).

The trash keeps each deleted contact as a snapshot of rows as stored (core/snapshots.py), so
a restore gives back the same rows with the same ids, or refuses and changes nothing.

The journal (`UndoEntry`) keeps the last KEEP changes, newest last, each with its inverse:
a small JSON dictionary whose "op" is a key of UNDOERS (registered with `@undoes`: here, and
in core/commands/rows.py for plain rows). Every change is made by a command in core/commands/,
which records it in its own transaction with an inverse built by an `inverse_of_*` function.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pendulum

from connecttui.core import people, search, snapshots, touches
from connecttui.core.errors import Ambiguous, NotFound, UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.models import (
    Circle,
    Contact,
    Gift,
    Occasion,
    OpenLoop,
    Touch,
    TouchContact,
    Trash,
    UndoEntry,
)

KEEP = 50
"""How many changes the journal remembers."""

EDITED = ("circle_id", "updated_at", *people.EDITABLE)
"""The contact's columns the edit dialog changes (with the birthday, an occasion)."""


def trash_contact(contact_id: int) -> int:
    """Keep a contact about to be deleted in the trash (and drop the snoozes about them);
    `people.delete_contact` calls it in its own transaction, then deletes. Returns the
    trash id."""
    with transaction():
        snapshot = snapshots.snapshot_contact(contact_id)
        snapshots.drop_snoozes(snapshot["snooze"])
        return Trash.create(
            contact_id=contact_id, name=snapshot["contact"]["name"],
            snapshot=json.dumps(snapshot, ensure_ascii=False), deleted_at=pendulum.now("UTC"),
        ).id


def _forget_trash(trash_ids: list[int]) -> None:
    """Journal entries that would restore these trash items can no longer be undone."""
    wanted = set(trash_ids)
    stale = [
        entry.id for entry in UndoEntry.select(UndoEntry.id, UndoEntry.inverse)
        if (step := step_of(entry.inverse)).get("op") == "restore_contact"
        and step.get("trash_id") in wanted
    ]
    if stale:
        UndoEntry.delete().where(UndoEntry.id.in_(stale)).execute()


def restore_contact(trash_id: int) -> int:
    """Put a trashed contact back with everything that was theirs, same ids; returns the
    contact's id. A clash (an id used again since) raises UserError and changes nothing."""
    with transaction():
        item = Trash.get_or_none(Trash.id == trash_id)
        if item is None:
            raise NotFound("that contact is no longer in the trash")
        contact_id = snapshots.put_back(json.loads(item.snapshot))
        item.delete_instance()
        _forget_trash([trash_id])
    return contact_id


@dataclass(frozen=True)
class TrashItem:
    id: int
    contact_id: int
    name: str
    deleted_at: pendulum.DateTime
    touches: int  # touches they were on (those shared with others stayed)


def trash() -> list[TrashItem]:
    """What is in the trash, most recently deleted first."""
    return [
        TrashItem(item.id, item.contact_id, item.name, item.deleted_at,
                  len(json.loads(item.snapshot).get("links", [])))
        for item in Trash.select().order_by(Trash.deleted_at.desc(), Trash.id.desc())
    ]


def find_trashed(query: str) -> TrashItem:
    """The most recently deleted contact `query` names (as `people.find_contact` reads a
    name: exact first, then the start of a word)."""
    wanted = people.normalize(query)
    items = trash()
    exact = [item for item in items if people.normalize(item.name) == wanted]
    close = [
        item for item in items
        if wanted and any(word.startswith(wanted) for word in
                          [people.normalize(item.name), *people.normalize(item.name).split()])
    ]
    chosen = exact or close
    names = list(dict.fromkeys(item.name for item in chosen))
    if not chosen:
        from rapidfuzz import fuzz, process

        similar = process.extract(
            wanted, {item.name: people.normalize(item.name) for item in items},
            scorer=fuzz.WRatio, limit=5, score_cutoff=60,
        )
        raise NotFound(f'no contact in the trash matches "{query.strip()}"',
                       [name for _, _, name in similar])
    if len(names) > 1:
        raise Ambiguous(f'"{query.strip()}" could be {len(names)} contacts in the trash', names)
    return chosen[0]


def purge(trash_id: int | None = None, older_than_days: int | None = None) -> int:
    """Delete from the trash for good: one item, those deleted more than `older_than_days`
    ago, or (with neither) everything. Returns how many went."""
    query = Trash.select(Trash.id)
    if trash_id is not None:
        query = query.where(Trash.id == trash_id)
    if older_than_days is not None:
        if older_than_days < 0:
            raise UserError("purge takes a number of days, zero or more")
        query = query.where(Trash.deleted_at < pendulum.now("UTC").subtract(days=older_than_days))
    with transaction():
        ids = [row[0] for row in query.tuples()]
        if trash_id is not None and not ids:
            raise NotFound("that contact is no longer in the trash")
        if ids:
            Trash.delete().where(Trash.id.in_(ids)).execute()
            _forget_trash(ids)
    return len(ids)


# ----- inverses: built by the commands (core/commands/) as they make each change -------
def inverse_of_add(contact_id: int) -> dict:
    """After adding a contact: undoing deletes them for good (not to the trash)."""
    return {"op": "erase_contact", "contact_id": contact_id}


def inverse_of_edit(contact_id: int) -> dict:
    """Before editing a contact: their fields, circle and birthday as they are now."""
    row = snapshots.rows(Contact, Contact.id == contact_id)[0]
    birthdays = snapshots.rows(
        Occasion, (Occasion.contact == contact_id) & (Occasion.kind == "birthday")
    )
    gifts = Gift.select(Gift.id, Gift.occasion).where(
        Gift.occasion.in_([b["id"] for b in birthdays])
    ).order_by(Gift.id).tuples()
    return {
        "op": "put_contact", "contact_id": contact_id,
        "values": {column: row[column] for column in EDITED},
        "birthdays": birthdays, "gifts_for": [list(pair) for pair in gifts],
    }


def inverse_of_log(touch_id: int) -> dict:
    """After logging a touch: undoing deletes it."""
    return {"op": "delete_touch", "touch_id": touch_id}


def inverse_of_delete_contact(contact_id: int) -> dict:
    """After deleting a contact: undoing restores the newest trash item for them."""
    item = Trash.select(Trash.id).where(Trash.contact_id == contact_id).order_by(
        Trash.id.desc()
    ).first()
    if item is None:
        raise NotFound(f"contact #{contact_id} is not in the trash")
    return {"op": "restore_contact", "trash_id": item.id}


def inverse_of_delete_touch(touch_id: int) -> dict:
    """Before deleting a touch: the touch and who was on it."""
    rows = snapshots.rows(Touch, Touch.id == touch_id)
    if not rows:
        raise NotFound("that touch no longer exists")
    links = TouchContact.select(TouchContact.contact).where(TouchContact.touch == touch_id)
    return {"op": "insert_touch", "touch": rows[0],
            "links": sorted(row[0] for row in links.tuples())}


def inverse_of_close_loop(loop_id: int, note: str = "") -> dict:
    """After closing an open loop: undoing reopens it, and deletes the touch its note made."""
    loop = OpenLoop.get_by_id(loop_id)
    touch = None
    if note.strip():
        touch = Touch.select(Touch.id).join(TouchContact).where(
            (TouchContact.contact == loop.contact_id) & (Touch.at == loop.done_at)
        ).order_by(Touch.id.desc()).first()
    return {"op": "reopen_loop", "loop_id": loop_id, "touch_id": touch.id if touch else None}


def inverse_of_delete_loop(loop_id: int) -> dict:
    """Before deleting an open loop: the loop as stored."""
    rows = snapshots.rows(OpenLoop, OpenLoop.id == loop_id)
    if not rows:
        raise NotFound("that open loop no longer exists")
    return {"op": "insert_loop", "row": rows[0]}


def inverse_of_delete_occasion(occasion_id: int) -> dict:
    """Before deleting an occasion: the occasion, and the gifts that were for it."""
    rows = snapshots.rows(Occasion, Occasion.id == occasion_id)
    if not rows:
        raise NotFound("that occasion no longer exists")
    gifts = snapshots.ids(Gift, Gift.occasion == occasion_id)
    return {"op": "insert_occasion", "row": rows[0], "gifts": gifts}


def inverse_of_deceased(contact_id: int, deceased: bool, on) -> dict:
    """Before marking or clearing a contact deceased (core/deceased.py): the state as it is."""
    return {"op": "put_deceased", "contact_id": contact_id, "deceased": bool(deceased),
            "on": on.isoformat() if on is not None else None}


# ----- the journal -----------------------------------------------------------------------
def record(label: str, inverse: dict) -> None:
    """Remember a change ("logged call with Ada") and what undoes it; keeps the last KEEP."""
    with transaction():
        UndoEntry.create(label=label, inverse=json.dumps(inverse, ensure_ascii=False),
                         created_at=pendulum.now("UTC"))
        kept = UndoEntry.select(UndoEntry.id).order_by(UndoEntry.id.desc()).limit(KEEP)
        UndoEntry.delete().where(UndoEntry.id.not_in(kept)).execute()


UNDOERS: dict[str, Callable[[dict], None]] = {}
"""The journal's ops ("delete_touch", ...) and the functions that carry them out: a step
whose op is not here is refused with a clear error, never looked up by name."""


def undoes(op: str):
    """Register the function that carries out the inverse `{"op": op, ...}`."""
    def register(function: Callable[[dict], None]) -> Callable[[dict], None]:
        if op in UNDOERS:
            raise ValueError(f"two undo functions for {op!r}")
        UNDOERS[op] = function
        return function
    return register


class Elsewhere(UserError):
    """A change this process cannot undo but another can (a restore from a file is undone by
    `connecttui undo`, which may replace the database file): refused, and it stays next."""


def step_of(text: str) -> dict:
    """An entry's stored inverse as a dictionary ({} when it cannot be read)."""
    try:
        step = json.loads(text)
    except ValueError:
        return {}
    return step if isinstance(step, dict) else {}


def undo_last() -> str | None:
    """Undo the newest change in the journal: "undid: logged call with Ada"; None when there
    is nothing to undo. A change that can no longer be undone (what it changed has changed
    since) raises UserError and leaves the journal, so the one before it comes next."""
    from connecttui.core.commands import register_undo_ops

    register_undo_ops()

    with transaction():
        entry = UndoEntry.select().order_by(UndoEntry.id.desc()).first()
        if entry is None:
            return None
        step = step_of(entry.inverse)
        try:
            with transaction():
                undo = UNDOERS.get(step.get("op"))
                if undo is None:
                    raise UserError(f"this change has no undo (unknown op {step.get('op')!r})")
                undo(step)
        except UserError as error:
            problem = error
        else:
            problem = None
        if not isinstance(problem, Elsewhere):
            UndoEntry.delete().where(UndoEntry.id == entry.id).execute()
    if problem is not None:
        raise UserError(f"can't undo {entry.label}: {problem}")
    return f"undid: {entry.label}"


def brings_back() -> int | None:
    """The contact the next undo restores from the trash, if it does (to highlight them)."""
    entry = UndoEntry.select().order_by(UndoEntry.id.desc()).first()
    step = step_of(entry.inverse) if entry is not None else {}
    if step.get("op") != "restore_contact":
        return None
    item = Trash.get_or_none(Trash.id == step.get("trash_id"))
    return item.contact_id if item is not None else None


@undoes("erase_contact")
def _undo_erase_contact(step: dict) -> None:
    contact_id = step["contact_id"]
    people.get_contact(contact_id)
    snapshots.drop_snoozes(snapshots.snapshot_contact(contact_id)["snooze"])
    people.erase_contact(contact_id)


@undoes("put_contact")
def _undo_put_contact(step: dict) -> None:
    contact_id = step["contact_id"]
    people.get_contact(contact_id)
    values = snapshots.unless_gone(step["values"], "circle_id", Circle)
    snapshots.update(Contact, {**values, "id": contact_id})
    Occasion.delete().where(
        (Occasion.contact == contact_id) & (Occasion.kind == "birthday")
    ).execute()
    for row in step["birthdays"]:
        row = snapshots.unless_gone(row, "partner_id", Contact)
        snapshots.insert(Occasion, row, "the birthday")
    for gift_id, occasion_id in step["gifts_for"]:
        Gift.update(occasion=occasion_id).where(
            (Gift.id == gift_id) & Gift.occasion.is_null()
        ).execute()
    search.index_contact(people.get_contact(contact_id))


@undoes("delete_touch")
def _undo_delete_touch(step: dict) -> None:
    touches.delete_touch(step["touch_id"])


@undoes("restore_contact")
def _undo_restore_contact(step: dict) -> None:
    restore_contact(step["trash_id"])


@undoes("insert_touch")
def _undo_insert_touch(step: dict) -> None:
    present = [cid for cid in step["links"] if snapshots.exists(Contact, cid)]
    if not present:
        raise UserError("everyone on it has been deleted since")
    snapshots.insert(Touch, step["touch"], "the touch")
    TouchContact.insert_many([(step["touch"]["id"], cid) for cid in present],
                             fields=[TouchContact.touch, TouchContact.contact]).execute()
    search.index_touch(Touch.get_by_id(step["touch"]["id"]))
    touches.refresh_kept(present)


@undoes("reopen_loop")
def _undo_reopen_loop(step: dict) -> None:
    if not OpenLoop.update(done_at=None).where(OpenLoop.id == step["loop_id"]).execute():
        raise NotFound("that open loop no longer exists")
    if step.get("touch_id") is not None and snapshots.exists(Touch, step["touch_id"]):
        touches.delete_touch(step["touch_id"])


@undoes("insert_loop")
def _undo_insert_loop(step: dict) -> None:
    if not snapshots.exists(Contact, step["row"]["contact_id"]):
        raise UserError("its contact has been deleted since")
    snapshots.insert(OpenLoop, step["row"], "the open loop")


@undoes("insert_occasion")
def _undo_insert_occasion(step: dict) -> None:
    if not snapshots.exists(Contact, step["row"]["contact_id"]):
        raise UserError("its contact has been deleted since")
    row = snapshots.unless_gone(step["row"], "partner_id", Contact)
    snapshots.insert(Occasion, row, "the occasion")
    Gift.update(occasion=step["row"]["id"]).where(
        Gift.id.in_(step["gifts"]) & Gift.occasion.is_null()
    ).execute()


@undoes("put_deceased")
def _undo_put_deceased(step: dict) -> None:
    people.get_contact(step["contact_id"])
    on = pendulum.Date.fromisoformat(step["on"]) if step.get("on") else None
    Contact.update(deceased=bool(step["deceased"]), deceased_on=on,
                   updated_at=pendulum.now("UTC")).where(
        Contact.id == step["contact_id"]).execute()
