"""Inverses for changes to plain rows (facts, family members, gifts, open loops, occasions,
snoozes), and the undo ops that carry them out.

Why generic: adding a fact is undone by deleting that row, deleting one by writing the row
back with the same id, editing one by writing its old columns back. That is the same three
steps for every table a contact owns, so they are written once, for the tables in TABLES
only: a journal entry can never name another table.
"""

from __future__ import annotations

from connecttui.core import search, snapshots, undo
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.models import (
    Circle,
    Contact,
    Fact,
    FamilyMember,
    Gift,
    HolidayCard,
    Occasion,
    OpenLoop,
    Snooze,
)

TABLES = {model._meta.table_name: model for model in (Circle, Fact, FamilyMember, Gift,
                                                     HolidayCard, OpenLoop, Occasion, Snooze)}
"""The tables the row ops may touch, by table name."""

_POINTERS = {"linked_id": Contact, "occasion_id": Occasion, "partner_id": Contact}
"""Optional columns that point at a row which may have gone since: cleared, not refused."""


def _table(step: dict):
    model = TABLES.get(step.get("table"))
    if model is None:
        raise UserError(f"this change has no undo (unknown table {step.get('table')!r})")
    return model


def _reindex(model, rows: list[dict]) -> None:
    """Facts are part of a contact's search text: index the contacts again."""
    if model is Fact:
        for contact_id in {row["contact_id"] for row in rows}:
            contact = Contact.get_or_none(Contact.id == contact_id)
            if contact is not None:
                search.index_contact(contact)


def inverse_of_insert(model, row_id: int) -> dict:
    """After adding a row: undoing deletes it."""
    return {"op": "delete_rows", "table": model._meta.table_name, "ids": [row_id]}


def inverse_of_change(model, row_id: int) -> dict:
    """Before editing a row: its columns as they are now."""
    return {"op": "put_rows", "table": model._meta.table_name, "rows": _rows(model, row_id)}


def inverse_of_delete(model, row_id: int) -> dict:
    """Before deleting a row: the row as stored, to write back with the same id."""
    return {"op": "insert_rows", "table": model._meta.table_name, "rows": _rows(model, row_id)}


def _rows(model, row_id: int) -> list[dict]:
    rows = snapshots.rows(model, model.id == row_id)
    if not rows:
        raise NotFound(f"that {_what(model)} no longer exists")
    return rows


def _what(model) -> str:
    return {"familymember": "family member", "openloop": "open loop"}.get(
        model._meta.table_name, model._meta.table_name)


@undo.undoes("delete_rows")
def _undo_delete_rows(step: dict) -> None:
    model = _table(step)
    rows = snapshots.rows(model, model.id.in_(step["ids"]))
    if not rows:
        raise NotFound(f"that {_what(model)} no longer exists")
    if model is Circle and Contact.select().where(Contact.circle.in_(step["ids"])).exists():
        raise UserError("contacts have been put in that circle since")
    model.delete().where(model.id.in_(step["ids"])).execute()
    _reindex(model, rows)


@undo.undoes("insert_rows")
def _undo_insert_rows(step: dict) -> None:
    model = _table(step)
    for row in step["rows"]:
        if "contact_id" in row and not snapshots.exists(Contact, row["contact_id"]):
            raise UserError("its contact has been deleted since")
        for column, target in _POINTERS.items():
            if column in row:
                row = snapshots.unless_gone(row, column, target)
        snapshots.insert(model, row, f"the {_what(model)}")
    _reindex(model, step["rows"])


@undo.undoes("put_rows")
def _undo_put_rows(step: dict) -> None:
    model = _table(step)
    for row in step["rows"]:
        if not snapshots.exists(model, row["id"]):
            raise NotFound(f"that {_what(model)} no longer exists")
        for column, target in _POINTERS.items():
            if column in row:
                row = snapshots.unless_gone(row, column, target)
        snapshots.update(model, row)
    _reindex(model, step["rows"])
