"""Rows exactly as stored: a contact's snapshot for the trash, and writing rows back.

Rows are read with a plain cursor (no field conversions) and written back column by column,
so what comes back is the same rows with the same ids. A row that points outside the
snapshot at something deleted since (a circle, a partner, another contact's occasion) comes
back pointing at nothing; a row whose id has been taken since raises UserError (the caller's
transaction then changes nothing).
"""

from __future__ import annotations

from connecttui.core import search, touches
from connecttui.core.errors import UserError
from connecttui.core.store.dialect import sql, stored_row, sync_sequences
from connecttui.core.store.models import (
    Circle,
    Contact,
    ContactField,
    Fact,
    FamilyMember,
    Gift,
    HolidayCard,
    Occasion,
    OpenLoop,
    Snooze,
    Touch,
    TouchContact,
)


def rows(model, where) -> list[dict]:
    """The rows `where` selects, column name -> stored value, in id order (values as SQLite
    stores them, whatever the engine: plain JSON, see dialect.stored)."""
    fields = model._meta.sorted_fields
    query = model.select(*fields).where(where).order_by(*fields[:1])
    cursor = model._meta.database.execute(query)
    names = [field.column_name for field in fields]
    return [stored_row(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def ids(model, where) -> list[int]:
    return [row[0] for row in model.select(model.id).where(where).order_by(model.id).tuples()]


def exists(model, row_id) -> bool:
    return row_id is not None and model.select().where(model.id == row_id).exists()


def insert(model, row: dict, who: str) -> None:
    """Write one stored row back as it was; its id must still be free. A column added since
    the row was kept (a snapshot taken by an older schema) gets its default."""
    if exists(model, row.get("id")):
        raise UserError(
            f"can't put back {who}: {model._meta.table_name} #{row['id']} has been used again"
        )
    row = {**_defaults(model, row), **row}
    columns = list(row)
    statement = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
        model._meta.table_name, ", ".join(f'"{c}"' for c in columns), ", ".join("?" * len(columns))
    )
    model._meta.database.execute_sql(sql(statement), [_bound(model, c, row[c]) for c in columns])
    sync_sequences(model)


def _defaults(model, row: dict) -> dict:
    """The plain defaults of the model's columns that `row` lacks."""
    return {
        field.column_name: field.db_value(field.default)
        for field in model._meta.sorted_fields
        if field.column_name not in row and field.default is not None
        and not callable(field.default)
    }


def _bound(model, column: str, value):
    """A stored value ready to bind: PostgreSQL wants a boolean for a boolean column."""
    field = model._meta.columns.get(column)
    if value is not None and field is not None and field.field_type == "BOOL":
        return bool(value)
    return value


def update(model, row: dict) -> None:
    """Set a row's columns back to stored values (the row is found by `row["id"]`)."""
    columns = [c for c in row if c != "id"]
    statement = 'UPDATE "{}" SET {} WHERE "id" = ?'.format(
        model._meta.table_name, ", ".join(f'"{c}" = ?' for c in columns)
    )
    model._meta.database.execute_sql(
        sql(statement), [_bound(model, c, row[c]) for c in columns] + [row["id"]]
    )


def unless_gone(row: dict, column: str, model) -> dict:
    """The row, with `column` cleared when what it points at is gone."""
    if row.get(column) is not None and not exists(model, row[column]):
        return {**row, column: None}
    return row


def _snoozes_of(contact_id: int, occasions: list, loops: list, gifts: list, alone: list,
                facts: list) -> list[dict]:
    """The snoozes of suggestions about this contact or the rows that go with them."""
    refs = {("drift", str(contact_id))}
    refs |= {("occasion", str(i)) for i in occasions} | {("loop", str(i)) for i in loops}
    refs |= {("gift", str(i)) for i in gifts} | {("memory", str(i)) for i in alone}
    fact_ids = {str(i) for i in facts}
    return [
        row for row in rows(Snooze, Snooze.kind.in_({kind for kind, _ in refs} | {"intro"}))
        if (row["kind"], row["ref"]) in refs
        or (row["kind"] == "intro" and fact_ids & set(row["ref"].split(":")))
    ]


def snapshot_contact(contact_id: int) -> dict:
    """A contact and every row that points at them, as stored."""
    mine = TouchContact.contact == contact_id
    links = [row[0] for row in TouchContact.select(TouchContact.touch).where(mine).tuples()]
    shared = {
        row[0] for row in TouchContact.select(TouchContact.touch)
        .where(TouchContact.touch.in_(links) & (TouchContact.contact != contact_id)).tuples()
    }
    alone = sorted(set(links) - shared)
    occasions = rows(Occasion, Occasion.contact == contact_id)
    going = [row["id"] for row in occasions if row["partner_id"] is None]
    loops = rows(OpenLoop, OpenLoop.contact == contact_id)
    facts = rows(Fact, Fact.contact == contact_id)
    gifts = rows(Gift, Gift.contact == contact_id)
    return {
        "contact": rows(Contact, Contact.id == contact_id)[0],
        "touch": rows(Touch, Touch.id.in_(alone)),
        "links": sorted(links),
        "occasion": occasions,
        "partner_of": ids(Occasion, (Occasion.partner == contact_id)
                           & (Occasion.contact != contact_id)),
        "openloop": loops,
        "fact": facts,
        "familymember": rows(FamilyMember, FamilyMember.contact == contact_id),
        "linked_by": ids(FamilyMember, (FamilyMember.linked == contact_id)
                          & (FamilyMember.contact != contact_id)),
        "gift": gifts,
        "gifts_for": [
            [gift_id, occasion_id] for gift_id, occasion_id in
            Gift.select(Gift.id, Gift.occasion).where(
                Gift.occasion.in_(going) & (Gift.contact != contact_id)
            ).order_by(Gift.id).tuples()
        ],
        "holidaycard": rows(HolidayCard, HolidayCard.contact == contact_id),
        "contactfield": rows(ContactField, ContactField.contact == contact_id),
        "snooze": _snoozes_of(contact_id, going, [r["id"] for r in loops],
                              [r["id"] for r in gifts], alone, [r["id"] for r in facts]),
    }


def drop_snoozes(rows: list[dict]) -> None:
    if rows:
        Snooze.delete().where(Snooze.id.in_([row["id"] for row in rows])).execute()


def put_back(snapshot: dict) -> int:
    """Write a contact's snapshot back; a clash raises UserError (the caller rolls back)."""
    contact = snapshot["contact"]
    who, contact_id = contact["name"], contact["id"]
    if Contact.select().where(Contact.uid == contact["uid"]).exists():
        raise UserError(f"can't put back {who}: they are already there")
    insert(Contact, unless_gone(contact, "circle_id", Circle), who)
    for row in snapshot["touch"]:
        insert(Touch, row, who)
        search.index_touch(Touch.get_by_id(row["id"]))
    present = [touch_id for touch_id in snapshot["links"] if exists(Touch, touch_id)]
    if present:
        TouchContact.insert_many([(t, contact_id) for t in present],
                                 fields=[TouchContact.touch, TouchContact.contact]).execute()
    for row in snapshot["occasion"]:
        row = unless_gone(row, "partner_id", Contact)
        kept = Occasion.get_or_none(Occasion.id == row["id"])
        if kept is not None and row["partner_id"] is not None and (
            (kept.contact_id, kept.partner_id) == (row["partner_id"], None)
        ):  # a shared date the partner kept meanwhile: it is both of theirs again
            update(Occasion, row)
        else:
            insert(Occasion, row, who)
    Occasion.update(partner=contact_id).where(
        Occasion.id.in_(snapshot["partner_of"]) & Occasion.partner.is_null()
    ).execute()
    FamilyMember.update(linked=contact_id).where(
        FamilyMember.id.in_(snapshot["linked_by"]) & FamilyMember.linked.is_null()
    ).execute()
    for model in (OpenLoop, Fact, HolidayCard, ContactField):
        for row in snapshot[model._meta.table_name]:
            insert(model, row, who)
    for row in snapshot["familymember"]:
        insert(FamilyMember, unless_gone(row, "linked_id", Contact), who)
    for row in snapshot["gift"]:
        insert(Gift, unless_gone(row, "occasion_id", Occasion), who)
    for gift_id, occasion_id in snapshot["gifts_for"]:
        Gift.update(occasion=occasion_id).where(
            (Gift.id == gift_id) & Gift.occasion.is_null()
        ).execute()
    for row in snapshot["snooze"]:
        taken = Snooze.select().where(
            (Snooze.id == row["id"]) | ((Snooze.kind == row["kind"]) & (Snooze.ref == row["ref"]))
        ).exists()
        if not taken:  # a newer snooze of the same suggestion wins
            insert(Snooze, row, who)
    if len(present) < len(snapshot["links"]):
        touches.refresh_kept([contact_id])  # a shared touch was deleted meanwhile
    search.index_contact(Contact.get_by_id(contact_id))
    return contact_id
