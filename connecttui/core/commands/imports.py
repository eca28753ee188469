"""Undoing an import as one change: `connecttui import contacts.vcf` then `connecttui undo`
(or `u`) takes back every contact it added and every detail it filled in, and nothing else.

Why here, when importing is interop's: the core never imports interop, and `undo_last` finds
its ops by importing the command modules (`commands.register_undo_ops`). So the inverse
speaks only of rows: which contacts the import created, which rows it added to the tables a
contact owns, which columns of existing contacts it filled in and what they held before.
The import (interop/importing.py) calls `begin` in its transaction before writing and
`finish` after, and records the entry in that same transaction: an import and its undo
entry are stored together or not at all.

Small at 10k contacts: ids are kept as runs (core/id_ranges.py: a bulk import's ids are
consecutive, so 10k contacts are one pair), and of the contacts merged into only the
columns that changed, grouped by their old value (a re-import that fills in one empty
column of 10k contacts is one group).

Changed since: the undo refuses (UserError, nothing changed) when what it would delete or
put back has changed since. A contact it added has been deleted, edited, or has a newer
touch, fact, loop or snooze; a contact it filled in has been edited; something points at
what it added from outside; or a row it wrote (a phone, a date, a relative, a touch) reads
differently. The common cases are said with the contact's name; the rest are caught by a
fingerprint of those rows as stored.
"""

from __future__ import annotations

import hashlib
import marshal

import pendulum
from peewee import fn

from connecttui.core import id_ranges, search, snapshots, touches, undo
from connecttui.core.errors import UserError
from connecttui.core.id_ranges import conditions
from connecttui.core.store.dialect import is_postgres, stored
from connecttui.core.store.models import (
    Contact,
    ContactField,
    ContactIndex,
    Fact,
    FamilyMember,
    Gift,
    HolidayCard,
    Occasion,
    OpenLoop,
    Snooze,
    Touch,
    TouchContact,
    TouchIndex,
)

OWNED = (ContactField, Occasion, FamilyMember, Gift, Fact, OpenLoop, HolidayCard)
"""The tables whose rows belong to one contact: what an import may add to a contact, and
what may have been added to one of its contacts since."""

TABLES = {model._meta.table_name: model for model in (*OWNED, Touch)}
"""The tables an import entry may delete rows from (besides its contacts), by name."""

WORDS = {"contactfield": "email, phone or address", "occasion": "date",
         "familymember": "family member", "openloop": "open loop",
         "holidaycard": "holiday card"}

KEPT = ("last_touch_at", "last_full_touch_at", "last_social_at", "learned_days")
"""Columns the touches keep: never put back, but worked out again once the import's
touches are gone (touches.refresh_kept), so a touch logged since still counts."""

INDEXED = {"name", "nicknames", "how_met", "why_care", "notes"}
"""Contact columns the search index holds: putting one back means indexing again."""


class Mark:
    """What `finish` needs to know of the database as it was before the import. (A plain
    class: a dataclass costs a millisecond at import, which `undo` pays to register the
    ops.)"""

    def __init__(self, before: dict[str, int], merged: dict[int, dict]) -> None:
        self.before = before
        """The highest id of each table: the import's rows are above it."""
        self.merged = merged
        """The stored rows of the existing contacts the import merges into."""


def _top(model) -> int:
    return model.select(fn.MAX(model.id)).scalar() or 0


def _rows_of(model, field, ranges: list[list[int]], *columns) -> list[tuple]:
    """The rows (as the driver returns them) whose `field` is in `ranges`, sorted."""
    found: list[tuple] = []
    for condition in conditions(field, ranges):
        query = model.select(*(columns or model._meta.sorted_fields)).where(condition)
        found += model._meta.database.execute(query).fetchall()
    return sorted(found)


def begin(merge_into) -> Mark:
    """Before the import writes: the tables' highest ids, and the contacts it merges into."""
    merged = {}
    for condition in conditions(Contact.id, id_ranges.runs(merge_into)):
        merged.update((row["id"], row) for row in snapshots.rows(Contact, condition))
    return Mark({name: _top(model) for name, model in TABLES.items()}, merged)


def finish(mark: Mark, created) -> dict:
    """After the import wrote (same transaction): the inverse that takes it back. The rows
    above the marks are read once, for their ids and for the fingerprint both."""
    contacts = id_ranges.runs(created)
    involved = set(id_ranges.ids(contacts)) | set(mark.merged)
    links = _raw(TouchContact.select(TouchContact.touch, TouchContact.contact).where(
        TouchContact.touch > mark.before["touch"]))
    mine = {touch for touch, who in links if who in involved}
    written = {"touch": [row for row in _raw(Touch.select(*Touch._meta.sorted_fields).where(
        Touch.id > mark.before["touch"])) if row[0] in mine]}
    for model in OWNED:
        owner = [field.name for field in model._meta.sorted_fields].index("contact")
        written[model._meta.table_name] = [
            row for row in _raw(model.select(*model._meta.sorted_fields).where(
                model.id > mark.before[model._meta.table_name])) if row[owner] in involved]
    put_back, changed = _filled_in(mark.merged)
    step = {
        "op": "unimport", "contacts": contacts,
        "rows": {name: id_ranges.runs(row[0] for row in found)
                 for name, found in written.items() if found},
        "put_back": put_back, "changed": changed,
        "after": {name: _top(model) for name, model in TABLES.items()},
    }
    step["at"] = _latest(step).isoformat()
    step["fingerprint"] = _digest(
        _rows_of(Contact, Contact.id, contacts), _filled_values(step),
        {name: sorted(found) for name, found in written.items() if found},
        sorted(link for link in links if link[0] in mine))
    return step


def _raw(query) -> list[tuple]:
    """The rows as the driver returns them (no conversion by the fields: 30k rows of an
    import are read in a third of the time)."""
    return query.model._meta.database.execute(query).fetchall()


def _filled_in(before: dict[int, dict]) -> tuple[list, list[list[int]]]:
    """The columns the import changed on existing contacts, as [column, old value, ids]
    groups, and those contacts' ids."""
    groups: dict[tuple, list[int]] = {}
    for condition in conditions(Contact.id, id_ranges.runs(before)):
        for row in snapshots.rows(Contact, condition):
            old = before[row["id"]]
            for column, value in row.items():
                if column not in KEPT and old.get(column) != value:
                    groups.setdefault((column, old.get(column)), []).append(row["id"])
    changed = {row_id for ids in groups.values() for row_id in ids}
    return ([[column, value, id_ranges.runs(ids)] for (column, value), ids in groups.items()],
            id_ranges.runs(changed))


def fingerprint(step: dict) -> str:
    """A digest of everything the undo would delete or overwrite, as stored now: the
    contacts it added, the columns it filled in, the rows it added and who is on its
    touches."""
    tables = {}
    for name, ranges in step["rows"].items():
        model = TABLES[name]
        tables[name] = _rows_of(model, model.id, ranges)
    links = _rows_of(TouchContact, TouchContact.touch, step["rows"].get("touch", []),
                     TouchContact.touch, TouchContact.contact)
    return _digest(_rows_of(Contact, Contact.id, step["contacts"]), _filled_values(step),
                   tables, links)


def _filled_values(step: dict) -> list[list[tuple]]:
    """The columns filled in, as they read now, and when each of those contacts was last
    edited (an edit since, of any column, refuses the undo)."""
    return [_rows_of(Contact, Contact.id, step["changed"], Contact.id, Contact.updated_at)] + [
        _rows_of(Contact, Contact.id, ranges, Contact.id, Contact._meta.columns[column])
        for column, _old, ranges in step["put_back"]]


def _latest(step: dict) -> pendulum.DateTime:
    """Now, or the latest last-edited moment of the import's contacts if that is later (a
    clock ahead on another machine): a contact edited since is edited after this."""
    latest = pendulum.now("UTC")
    for ranges in (step["contacts"], step["changed"]):
        for condition in conditions(Contact.id, ranges):
            found = Contact.select(fn.MAX(Contact.updated_at)).where(condition).scalar()
            if found is not None:  # read back through the field: a moment in UTC
                latest = max(latest, found)
    return latest


def _digest(contacts: list[tuple], filled: list[list[tuple]], tables: dict[str, list[tuple]],
            links: list[tuple]) -> str:
    digest = hashlib.sha256(as_bytes(contacts))
    for values in filled:
        digest.update(as_bytes(values))
    for name in sorted(tables):
        digest.update(name.encode() + as_bytes(tables[name]))
    digest.update(as_bytes(links))
    return digest.hexdigest()


def as_bytes(rows: list[tuple]) -> bytes:
    """Rows as the driver returns them, as bytes to digest. marshal's version 2 writes
    values only (later versions mark objects seen twice, so equal rows could give other
    bytes), three times as fast as repr: 15 ms for an import of 10k contacts. PostgreSQL's
    moments, days and booleans are turned into what SQLite stores first."""
    if is_postgres():
        rows = [tuple(stored(value) for value in row) for row in rows]
    return marshal.dumps(rows, 2)


def _first_name(query) -> str | None:
    """The name of the contact the first row of `query` (a contact id) is about."""
    row = query.tuples().first()
    return None if row is None else Contact.get_by_id(row[0]).name


def changed_since(step: dict) -> str | None:
    """Why the import can no longer be undone, or None when nothing it wrote has changed."""
    created = step["contacts"]
    present = sum(Contact.select().where(c).count() for c in conditions(Contact.id, created))
    if present < id_ranges.count(created):
        gone = id_ranges.count(created) - present
        return (f"{gone} of the contacts it added {'has' if gone == 1 else 'have'} been "
                "deleted since")
    at = pendulum.parse(step["at"])
    for ranges in (created, step["changed"]):
        for condition in conditions(Contact.id, ranges):
            edited = Contact.select(Contact.name).where(condition & (Contact.updated_at > at))
            if (row := edited.first()) is not None:
                return f"{row.name} has been edited since"
    return _newer(step) or _pointed_at(step) or _snoozed(step) or (
        "what it added has been changed since" if fingerprint(step) != step["fingerprint"]
        else None)


def _newer(step: dict) -> str | None:
    """A touch or a detail added since to a contact the import added."""
    after = step["after"]
    for piece in id_ranges.pieces(step["contacts"]):
        who = _first_name(TouchContact.select(TouchContact.contact).where(
            id_ranges.condition(TouchContact.contact, piece)
            & (TouchContact.touch > after["touch"])))
        if who is not None:
            return f"{who} has a newer touch"
        for model in OWNED:
            name = model._meta.table_name
            who = _first_name(model.select(model.contact).where(
                id_ranges.condition(model.contact, piece) & (model.id > after[name])))
            if who is not None:
                return f"{who} has a newer {WORDS.get(name, name)}"
    return None


def _pointed_at(step: dict) -> str | None:
    """Rows outside the import that point at what it added: undoing would change them."""
    for piece in id_ranges.pieces(step["contacts"]):
        who = _first_name(Occasion.select(Occasion.partner).where(
            id_ranges.condition(Occasion.partner, piece)))
        if who is not None:
            return f"{who} now shares a date with another contact"
        who = _first_name(FamilyMember.select(FamilyMember.linked).where(
            id_ranges.condition(FamilyMember.linked, piece)))
        if who is not None:
            return f"{who} is now in another contact's family"
    mine = step["rows"].get("gift", [])
    for condition in conditions(Gift.occasion, step["rows"].get("occasion", [])):
        for (gift_id,) in Gift.select(Gift.id).where(condition).tuples():
            if not id_ranges.contains(mine, gift_id):
                return "a gift has been planned since for a date it added"
    return None


def _snoozed(step: dict) -> str | None:
    rows = step["rows"]
    about = {"drift": step["contacts"], "occasion": rows.get("occasion", []),
             "gift": rows.get("gift", []), "loop": rows.get("openloop", []),
             "memory": rows.get("touch", [])}
    for kind, ref in Snooze.select(Snooze.kind, Snooze.ref).where(
            Snooze.kind.in_(list(about))).tuples():
        if ref.isdigit() and id_ranges.contains(about[kind], int(ref)):
            return "a suggestion about what it added has been snoozed since"
    return None


def _delete(model, field, ranges: list[list[int]]) -> None:
    for condition in conditions(field, ranges):
        model.delete().where(condition).execute()


@undo.undoes("unimport")
def _undo_import(step: dict) -> None:
    problem = changed_since(step)
    if problem is not None:
        raise UserError(problem)
    rows, created = step["rows"], step["contacts"]
    on_touches: set[int] = set()
    for condition in conditions(TouchContact.touch, rows.get("touch", [])):
        on_touches |= {who for (who,) in TouchContact.select(TouchContact.contact).where(
            condition).tuples()}
    _delete(Touch, Touch.id, rows.get("touch", []))  # and who was on them (cascade)
    _delete(TouchIndex, TouchIndex.rowid, rows.get("touch", []))
    for name, model in TABLES.items():
        if model is not Touch:
            _delete(model, model.id, rows.get(name, []))
    _delete(Contact, Contact.id, created)
    _delete(ContactIndex, ContactIndex.rowid, created)
    reindex: set[int] = set()
    for column, old, ranges in step["put_back"]:
        for condition in conditions(Contact.id, ranges):
            Contact.update({Contact._meta.columns[column]: old}).where(condition).execute()
        if column in INDEXED:
            reindex |= set(id_ranges.ids(ranges))
    touches.refresh_kept(sorted(who for who in on_touches
                                if not id_ranges.contains(created, who)))
    for condition in conditions(Contact.id, id_ranges.runs(reindex)):
        for contact in Contact.select().where(condition):
            search.index_contact(contact)
