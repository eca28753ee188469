"""Contacts and circles: adding, editing, deleting and finding people by name."""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass

import pendulum

from connecttui.core import policy as policies
from connecttui.core import search, windows
from connecttui.core.errors import Ambiguous, NotFound, UserError
from connecttui.core.occasions import check_date
from connecttui.core.policy import Policy
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Circle, Contact, Occasion, Touch, TouchContact

_WORD = re.compile(r"\w+")
EDITABLE = (
    "name", "nicknames", "how_met", "why_care", "notes", "ideal_days", "max_days", "address",
)


def normalize(text: str) -> str:
    """Case- and accent-insensitive form of a name, for matching what people type."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def split_nicknames(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def clean_name(name: str) -> str:
    """A name must have something in it; it is otherwise stored exactly as typed."""
    if name is None or not name.strip():
        raise UserError("a contact needs a name")
    return name.strip()


# The window rules live in core/windows.py; kept here under their old names for callers.
MAX_WINDOW_DAYS = windows.MAX_WINDOW_DAYS
parse_window = windows.parse_window


def circles() -> list[Circle]:
    return list(Circle.select().order_by(Circle.position, Circle.name))


def circle_named(name: str | None) -> Circle | None:
    """The circle called `name` (any case), None for no name; unknown names are refused."""
    if name is None or not name.strip():
        return None
    wanted = normalize(name)
    for circle in circles():
        if normalize(circle.name) == wanted:
            return circle
    names = ", ".join(c.name for c in circles())
    raise UserError(f'there is no circle called "{name.strip()}" (circles: {names})')


def add_contact(
    name: str,
    *,
    nicknames: str = "",
    circle: str | None = None,
    birthday: tuple[int | None, int, int] | None = None,
    ideal_days: int | None = None,
    max_days: int | None = None,
    how_met: str = "",
    why_care: str = "",
    notes: str = "",
    address: str = "",
) -> Contact:
    """Add a contact (and its birthday, if given) in one transaction."""
    name = clean_name(name)
    now = pendulum.now("UTC")
    with transaction():
        contact = Contact.create(
            uid=str(uuid.uuid4()),
            name=name,
            nicknames=nicknames.strip(),
            circle=circle_named(circle),
            how_met=how_met.strip(),
            why_care=why_care.strip(),
            notes=notes,
            address=(address or "").strip(),
            ideal_days=ideal_days,
            max_days=max_days if max_days is not None or ideal_days is None else ideal_days * 2,
            created_at=now,
            updated_at=now,
        )
        if birthday is not None:
            year, month, day = birthday
            check_date(year, month, day)
            Occasion.create(contact=contact, kind="birthday", month=month, day=day, year=year,
                            lead_days=_birthday_lead())
        search.index_contact(contact)
    return contact


def update_contact(contact_id: int, *, circle: str | None = ..., **fields) -> Contact:
    """Change some of a contact's fields in one transaction; unknown fields are a bug."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = clean_name(fields["name"])
    with transaction():
        contact = get_contact(contact_id)
        for key, value in fields.items():
            setattr(contact, key, value.strip() if isinstance(value, str) and key != "notes"
                    else value)
        if circle is not ...:
            contact.circle = circle_named(circle)
        contact.updated_at = pendulum.now("UTC")
        contact.save()
        search.index_contact(contact)
    return contact


def set_birthday(contact_id: int, birthday: tuple[int | None, int, int] | None) -> None:
    """Replace the contact's birthday (None removes it)."""
    with transaction():
        Occasion.delete().where(
            (Occasion.contact == contact_id) & (Occasion.kind == "birthday")
        ).execute()
        if birthday is not None:
            year, month, day = birthday
            check_date(year, month, day)
            Occasion.create(contact=contact_id, kind="birthday", month=month, day=day,
                            year=year, lead_days=_birthday_lead())


def _birthday_lead(policy: Policy | None = None) -> int:
    """A new birthday's lead time: the policy's (config file's [lead_times]) birthday, 0
    by default."""
    return (policy or policies.current()).lead_for("birthday")


def birthday_of(contact_id: int) -> Occasion | None:
    return (
        Occasion.select()
        .where((Occasion.contact == contact_id) & (Occasion.kind == "birthday"))
        .first()
    )


def delete_contact(contact_id: int) -> str:
    """Delete a contact with everything that is theirs alone; shared touches stay with the others.
    They go to the trash first, in the same transaction: `undo.restore_contact` brings them
    back until the trash is purged.

    Returns the name, so the caller can say what was deleted.
    """
    from connecttui.core import undo  # undo builds on this module

    with transaction():
        get_contact(contact_id)
        undo.trash_contact(contact_id)
        return erase_contact(contact_id)


def erase_contact(contact_id: int) -> str:
    """Delete a contact for good, without the trash (undoing an add); see `delete_contact`."""
    with transaction():
        contact = get_contact(contact_id)
        name = contact.name
        shared = TouchContact.select(TouchContact.touch).where(TouchContact.contact == contact_id)
        others = TouchContact.select(TouchContact.touch).where(
            (TouchContact.touch.in_(shared)) & (TouchContact.contact != contact_id)
        )
        alone = [
            row[0]
            for row in Touch.select(Touch.id)
            .where(Touch.id.in_(shared) & Touch.id.not_in(others))
            .tuples()
        ]
        if alone:
            Touch.delete().where(Touch.id.in_(alone)).execute()
            search.unindex_touches(alone)
        # A date shared with a partner is theirs too: it stays, now stored on them.
        Occasion.update(contact=Occasion.partner, partner=None).where(
            (Occasion.contact == contact_id) & Occasion.partner.is_null(False)
        ).execute()
        contact.delete_instance(recursive=False)
        search.unindex_contact(contact_id)
    return name


def get_contact(contact_id: int) -> Contact:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFound(f"contact #{contact_id} no longer exists")
    return contact


@dataclass(frozen=True)
class NameMatch:
    id: int
    name: str
    exact: bool


def match_name(query: str) -> list[NameMatch]:
    """Contacts whose name or a nickname equals, starts with, or has a word starting with
    `query`, case- and accent-insensitively; exact matches first."""
    wanted = normalize(query)
    if not wanted:
        return []
    everyone = Contact.select(Contact.id, Contact.name, Contact.nicknames)
    candidates = search.name_candidates(query)
    rows = list(everyone.where(Contact.id.in_(candidates)).tuples()) if candidates else []
    if not rows:  # the index folds a few letters differently ("ß"): then read them all
        rows = everyone.tuples()
    matches = []
    for contact_id, name, nicknames in rows:
        best = None
        for candidate in [name, *split_nicknames(nicknames)]:
            folded = normalize(candidate)
            if folded == wanted:
                best = True
                break
            words = folded.split() + _WORD.findall(folded)
            if folded.startswith(wanted) or any(w.startswith(wanted) for w in words):
                best = False
        if best is not None:
            matches.append(NameMatch(contact_id, name, best))
    matches.sort(key=lambda m: (not m.exact, normalize(m.name)))
    return matches


def find_contact(query: str) -> Contact:
    """The one contact `query` names; NotFound or Ambiguous (with candidates) otherwise."""
    query = query.strip()
    matches = match_name(query)
    exact = [m for m in matches if m.exact]
    chosen = exact if exact else matches
    if len(chosen) == 1:
        return get_contact(chosen[0].id)
    if not chosen:
        raise NotFound(f'no contact matches "{query}"', similar_names(query))
    names = [m.name for m in chosen]
    raise Ambiguous(f'"{query}" could be {len(names)} contacts', names)


def find_contacts(queries: list[str]) -> list[Contact]:
    """Several contacts by name, each resolved as `find_contact` does, without duplicates."""
    found: dict[int, Contact] = {}
    for query in queries:
        if query.strip():
            contact = find_contact(query)
            found.setdefault(contact.id, contact)
    if not found:
        raise UserError("name at least one contact")
    return list(found.values())


def similar_names(query: str, limit: int = 5) -> list[str]:
    """Names close to a mistyped one (rapidfuzz), to suggest after "no contact matches"."""
    from rapidfuzz import fuzz, process

    names = [row[0] for row in Contact.select(Contact.name).tuples()]
    results = process.extract(
        normalize(query), {n: normalize(n) for n in names}, scorer=fuzz.WRatio, limit=limit,
        score_cutoff=60,
    )
    return [key for _, _, key in results]
