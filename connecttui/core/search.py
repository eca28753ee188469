"""Full-text search over names, nicknames, notes and touches (SQLite FTS5).

The indexes are written in the same transaction as the rows they index. What the user types
is never passed to FTS5 as syntax: it is cut into words, each quoted and prefix-matched, so
any input (quotes, brackets, AND, NEAR, a lone `*`) gives results or nothing, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from connecttui.core.models import (
    Contact,
    ContactIndex,
    Fact,
    Touch,
    TouchContact,
    TouchIndex,
)

WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """A safe FTS5 query for search-box text: every word must appear, each as a prefix."""
    words = WORD.findall(text or "")
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def contact_body(contact: Contact) -> str:
    facts = [row[0] for row in Fact.select(Fact.text).where(Fact.contact == contact.id).tuples()]
    return "\n".join([contact.how_met, contact.why_care, contact.notes, *facts])


def index_contact(contact: Contact) -> None:
    ContactIndex.replace(
        rowid=contact.id,
        name=contact.name,
        nicknames=contact.nicknames,
        body=contact_body(contact),
    ).execute()


def unindex_contact(contact_id: int) -> None:
    ContactIndex.delete().where(ContactIndex.rowid == contact_id).execute()


def index_touch(touch: Touch) -> None:
    TouchIndex.replace(rowid=touch.id, note=touch.note).execute()


def unindex_touches(touch_ids: list[int]) -> None:
    TouchIndex.delete().where(TouchIndex.rowid.in_(touch_ids)).execute()


def rebuild() -> None:
    """Rebuild both indexes from the tables (after a restore)."""
    ContactIndex.delete().execute()
    TouchIndex.delete().execute()
    for contact in Contact.select():
        index_contact(contact)
    for touch_id, note in Touch.select(Touch.id, Touch.note).tuples():
        TouchIndex.insert(rowid=touch_id, note=note).execute()


@dataclass(frozen=True)
class Hit:
    """One search result: a contact, or a touch shown under one of its contacts."""

    kind: str  # "contact" or "touch"
    contact_id: int
    contact_name: str
    text: str
    touch_id: int | None = None


def _snippet(text: str, words: list[str], width: int = 70) -> str:
    """A one-line excerpt around the first matching word (plain text, never markup)."""
    flat = " ".join(text.split())
    lowered = flat.casefold()
    positions = [lowered.find(w.casefold()) for w in words]
    start = min((p for p in positions if p >= 0), default=0)
    begin = max(0, start - width // 3)
    excerpt = flat[begin : begin + width]
    return ("…" if begin else "") + excerpt + ("…" if begin + width < len(flat) else "")


def search(text: str, limit: int = 50) -> list[Hit]:
    """Contacts first (best ranked), then touches, newest first."""
    query = fts_query(text)
    if query is None:
        return []
    words = WORD.findall(text)
    hits: list[Hit] = []
    contact_rows = (
        Contact.select(Contact.id, Contact.name, ContactIndex.nicknames, ContactIndex.body)
        .join(ContactIndex, on=(Contact.id == ContactIndex.rowid))
        .where(ContactIndex.match(query))
        .order_by(ContactIndex.rank())
        .limit(limit)
        .tuples()
    )
    for contact_id, name, nicknames, body in contact_rows:
        detail = nicknames if any(w.casefold() in nicknames.casefold() for w in words) else ""
        if not detail and body and not any(w.casefold() in name.casefold() for w in words):
            detail = _snippet(body, words)
        hits.append(Hit("contact", contact_id, name, detail))
    touch_rows = (
        Touch.select(Touch.id, Touch.note, Contact.id, Contact.name)
        .join(TouchIndex, on=(Touch.id == TouchIndex.rowid))
        .switch(Touch)
        .join(TouchContact, on=(TouchContact.touch == Touch.id))
        .join(Contact, on=(TouchContact.contact == Contact.id))
        .where(TouchIndex.match(query))
        .order_by(Touch.at.desc())
        .limit(limit)
        .tuples()
    )
    seen = set()
    for touch_id, note, contact_id, name in touch_rows:
        if touch_id in seen:
            continue
        seen.add(touch_id)
        hits.append(Hit("touch", contact_id, name, _snippet(note, words), touch_id))
    return hits[:limit]
