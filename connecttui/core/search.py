"""Full-text search over names, nicknames, notes and touches (SQLite FTS5; on PostgreSQL
its own text search, through core/store/pg_search.py, with the same results).

The indexes are written in the same transaction as the rows they index. What the user types
is never passed to FTS5 as syntax: it is cut into words, each quoted and prefix-matched, so
any input (quotes, brackets, AND, NEAR, a lone `*`) gives results or nothing, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from connecttui.core.store import pg_search
from connecttui.core.store.dialect import is_postgres
from connecttui.core.store.models import (
    Contact,
    ContactIndex,
    Fact,
    Touch,
    TouchIndex,
)

WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """A safe FTS5 query for search-box text: every word must appear, each as a prefix."""
    words = WORD.findall(text or "")
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def name_candidates(text: str):
    """A subquery of the ids of contacts with a name or nickname word starting with each
    word of `text` (a superset of what people.match_name keeps), or None where there is no
    such index (PostgreSQL) or no word: matching a name then reads only these, not all."""
    query = fts_query(text)
    if query is None or is_postgres():
        return None
    return ContactIndex.select(ContactIndex.rowid).where(
        ContactIndex.match("{name nicknames} : (" + query + ")"))


def contact_body(contact: Contact) -> str:
    facts = [row[0] for row in Fact.select(Fact.text).where(Fact.contact == contact.id).tuples()]
    return "\n".join([contact.how_met, contact.why_care, contact.notes, *facts])


def index_contact(contact: Contact) -> None:
    if is_postgres():
        pg_search.index_contact(contact.id, contact.name, contact.nicknames,
                                contact_body(contact))
        return
    ContactIndex.replace(
        rowid=contact.id,
        name=contact.name,
        nicknames=contact.nicknames,
        body=contact_body(contact),
    ).execute()


def unindex_contact(contact_id: int) -> None:
    ContactIndex.delete().where(ContactIndex.rowid == contact_id).execute()


def index_touch(touch: Touch) -> None:
    if is_postgres():
        pg_search.index_touch(touch.id, touch.note)
        return
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
        if is_postgres():
            pg_search.index_touch(touch_id, note)
        else:
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
    if is_postgres():
        found = pg_search.phrases(words)
        if found is None:
            return []
        contact_rows = pg_search.ranked_contacts(found, limit)
        touch_rows = pg_search.touches(found, limit)
    else:
        contact_rows, touch_rows = _sqlite_rows(query, limit)
    for contact_id, name, nicknames, body in contact_rows:
        detail = nicknames if any(w.casefold() in nicknames.casefold() for w in words) else ""
        if not detail and body and not any(w.casefold() in name.casefold() for w in words):
            detail = _snippet(body, words)
        hits.append(Hit("contact", contact_id, name, detail))
    seen = set()
    for touch_id, note, contact_id, name in touch_rows:
        if touch_id in seen:
            continue
        seen.add(touch_id)
        hits.append(Hit("touch", contact_id, name, _snippet(note, words), touch_id))
    return hits[:limit]


def _sqlite_rows(query: str, limit: int):
    """The FTS5 queries: contacts best ranked first, touches newest first. Each reads a
    bounded number of matches (pg_search.CONTACT_CANDIDATES, TOUCH_CANDIDATES), so a
    keystroke costs the same at 1k contacts as at 100k."""
    database = Contact._meta.database
    contact_rows = database.execute_sql(
        "SELECT c.id, c.name, f.nicknames, f.body FROM "
        "(SELECT rowid, nicknames, body, rank FROM contact_fts WHERE contact_fts MATCH ? "
        " ORDER BY rowid LIMIT ?) AS f "
        "JOIN contact AS c ON c.id = f.rowid ORDER BY f.rank, c.id LIMIT ?",
        (query, pg_search.CONTACT_CANDIDATES, limit),
    ).fetchall()
    touch_rows = database.execute_sql(
        "SELECT t.id, t.note, c.id, c.name FROM "
        "(SELECT rowid FROM touch_fts WHERE touch_fts MATCH ? ORDER BY rowid DESC LIMIT ?) AS f "
        "JOIN touch AS t ON t.id = f.rowid "
        "JOIN touchcontact AS tc ON tc.touch_id = t.id "
        "JOIN contact AS c ON c.id = tc.contact_id "
        "ORDER BY t.at DESC, t.id, c.id LIMIT ?",  # ties: the same on every engine
        (query, pg_search.TOUCH_CANDIDATES, limit),
    ).fetchall()
    return contact_rows, touch_rows
