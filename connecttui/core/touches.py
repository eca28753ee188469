"""Logging touches, reading timelines, and keep-in-touch windows (who is drifting)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

import pendulum

from connecttui.core import dates, search
from connecttui.core.db import transaction
from connecttui.core.dialect import is_postgres, nocase
from connecttui.core.errors import NotFound, UserError
from connecttui.core.models import INITIATORS, KINDS, Circle, Contact, Touch, TouchContact


def log_touch(
    contact_ids: list[int],
    kind: str,
    *,
    at: pendulum.DateTime | None = None,
    initiator: str = "out",
    note: str = "",
) -> Touch:
    """Store one touch with one or more contacts, and move their "last touch" forward."""
    if kind not in KINDS:
        raise UserError(f'unknown kind "{kind}": use one of {", ".join(KINDS)}')
    if initiator not in INITIATORS:
        raise UserError(f'who started must be one of {", ".join(INITIATORS)}')
    people = list(dict.fromkeys(contact_ids))
    if not people:
        raise UserError("a touch needs at least one contact")
    at = (at or pendulum.now("UTC")).in_timezone("UTC")
    with transaction():
        found = Contact.select(Contact.id).where(Contact.id.in_(people)).tuples()
        known = {row[0] for row in found}
        missing = [cid for cid in people if cid not in known]
        if missing:
            raise NotFound(f"contact #{missing[0]} no longer exists")
        touch = Touch.create(
            at=at, kind=kind, initiator=initiator, note=note, created_at=pendulum.now("UTC")
        )
        TouchContact.insert_many([(touch.id, cid) for cid in people],
                                 fields=[TouchContact.touch, TouchContact.contact]).execute()
        refresh_kept(people)
        search.index_touch(touch)
    return touch


LEARN_AFTER = 5
"""Touches needed before a contact with no window gets one learned from their own rhythm."""


def learned_gap(days: list[dt.date]) -> int | None:
    """The median gap in days between touches, once there are LEARN_AFTER of them."""
    unique = sorted(set(days))
    if len(days) < LEARN_AFTER or len(unique) < 2:
        return None
    gaps = [later.toordinal() - earlier.toordinal() for earlier, later in pairwise(unique)]
    import statistics  # 6 ms at import; only this needs it

    return max(1, round(statistics.median(gaps)))


RHYTHM_TOUCHES = 100
"""How many recent touches the learned window looks at: the rhythm of now, not of 2015."""


def refresh_kept(contact_ids: list[int]) -> None:
    """Recompute the columns kept on each contact from its touches: the last touch, the last
    full and social touches (windows), and the learned gap. Called inside the write; reads
    only the latest touches, so logging stays as cheap on day 3,650 as on day one."""
    for contact_id in contact_ids:
        mine = Touch.select(Touch.at).join(TouchContact).where(
            TouchContact.contact == contact_id
        )
        recent = [at for (at,) in mine.order_by(Touch.at.desc()).limit(RHYTHM_TOUCHES).tuples()]
        full = mine.where(Touch.kind != "social").order_by(Touch.at.desc()).limit(1).scalar()
        social = mine.where(Touch.kind == "social").order_by(Touch.at.desc()).limit(1).scalar()
        Contact.update(
            last_touch_at=recent[0] if recent else None,
            last_full_touch_at=full,
            last_social_at=social,
            learned_days=learned_gap([dates.local_day(at) for at in recent]),
        ).where(Contact.id == contact_id).execute()


def delete_touch(touch_id: int) -> None:
    """Delete a touch; its contacts' "last touch" falls back to their previous one."""
    with transaction():
        people = [
            row[0]
            for row in TouchContact.select(TouchContact.contact)
            .where(TouchContact.touch == touch_id)
            .tuples()
        ]
        if not Touch.delete().where(Touch.id == touch_id).execute():
            raise NotFound("that touch no longer exists")
        search.unindex_touches([touch_id])
        refresh_kept(people)


@dataclass(frozen=True)
class TimelineRow:
    touch_id: int
    at: pendulum.DateTime
    kind: str
    initiator: str
    note: str
    names: tuple[str, ...]
    contact_ids: tuple[int, ...]


def timeline(contact_id: int | None = None, limit: int = 200) -> list[TimelineRow]:
    """Touches newest first: one contact's, or everyone's when `contact_id` is None."""
    query = Touch.select(Touch.id, Touch.at, Touch.kind, Touch.initiator, Touch.note)
    if contact_id is not None:
        query = query.join(TouchContact).where(TouchContact.contact == contact_id)
    rows = list(query.order_by(Touch.at.desc(), Touch.id.desc()).limit(limit).tuples())
    people: dict[int, list[tuple[int, str]]] = {}
    if rows:
        for touch_id, cid, name in (
            TouchContact.select(TouchContact.touch, Contact.id, Contact.name)
            .join(Contact)
            .where(TouchContact.touch.in_([row[0] for row in rows]))
            .order_by(Contact.name)
            .tuples()
        ):
            people.setdefault(touch_id, []).append((cid, name))
    return [
        TimelineRow(
            touch_id, at, kind, initiator, note,
            tuple(name for _, name in people.get(touch_id, [])),
            tuple(cid for cid, _ in people.get(touch_id, [])),
        )
        for touch_id, at, kind, initiator, note in rows
    ]


@dataclass(frozen=True)
class ContactRow:
    """What the contacts list shows: one row per contact, cheap to build for thousands."""

    id: int
    name: str
    circle: str
    days_since: int | None  # since the last touch of any kind (None: never)
    drift: int  # 0 in touch, 1 past the ideal window (amber), 2 past the maximum (red)
    ideal_days: int | None
    max_days: int | None
    window_days: int | None = None  # the days the window counts (a social touch: half)
    learned: bool = False  # the window was learned from the contact's own rhythm


def drift_level(days: int | None, ideal: int | None, maximum: int | None) -> int:
    if days is None or ideal is None:
        return 0
    if maximum is not None and days > maximum:
        return 2
    return 1 if days > ideal else 0


def window_days(today: int, full: int | None, social: int | None, ideal: int | None,
                created: int) -> int:
    """Days the keep-in-touch window has run: any touch resets it, but a social touch (a
    comment, a reshare) only counts for half the ideal window. Arguments are day ordinals."""
    candidates = []
    if full is not None:
        candidates.append(today - full)
    if social is not None:
        candidates.append(today - social + (ideal or 0) // 2)
    return min(candidates) if candidates else today - created


CONTACT_ROWS_SQL = """
SELECT c.id, c.name, COALESCE(ci.name, ''), c.last_touch_at, c.created_at,
       c.last_full_touch_at, c.last_social_at, c.learned_days,
       COALESCE(c.ideal_days, ci.ideal_days), COALESCE(c.max_days, ci.max_days),
       COALESCE(ci.resting, {false})
FROM contact AS c LEFT JOIN circle AS ci ON ci.id = c.circle_id
{where}
ORDER BY {name_order}, c.id
"""
"""Raw SQL: building thousands of rows as Peewee objects would cost more than the query.
The spots that differ between engines are filled in by `_contact_rows_sql`."""


def _contact_rows_sql(where: str) -> str:
    db = Contact._meta.database
    if not is_postgres(db):  # exactly the SQL SQLite always ran
        return CONTACT_ROWS_SQL.format(where=where, false="0",
                                       name_order="c.name COLLATE NOCASE")
    return CONTACT_ROWS_SQL.format(where=where.replace("?", "%s"), false="FALSE",
                                   name_order=nocase("c.name", db))


def contact_rows(today: pendulum.Date, contact_id: int | None = None, *,
                 limit: int | None = None, offset: int = 0) -> list[ContactRow]:
    """Every contact (or one) with its circle, days since the last touch and drift, sorted
    by name; or the page of them from `offset`, `limit` long (the main screen's first page
    before its first paint). Reads the columns kept on the contact: no aggregate over the
    touch table; the Python per row is kept small (10k rows are read for the list)."""
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    if contact_id is None:
        return _rows(today, "", (), page)
    return _rows(today, "WHERE c.id = ?", (contact_id,), page)


def contact_count() -> int:
    """How many rows `contact_rows` gives in all."""
    return Contact.select().count()


def drifting_rows(today: pendulum.Date) -> list[ContactRow]:
    """The contacts past their window (drift 1 or 2), as `contact_rows` gives them.

    On SQLite, SQL first drops every contact that cannot be drifting (resting, no window,
    or touched within half their ideal window, with a day to spare for the time zone), so
    Upcoming reads the few that can rather than every contact: the rules themselves stay
    in Python, in one place."""
    if is_postgres(Contact._meta.database):
        return [row for row in contact_rows(today) if row.drift]
    from connecttui.core.circles import default_window

    ideal = ["c.ideal_days", "ci.ideal_days"]
    configured = [(cid, default_window(name)) for cid, name in
                  Circle.select(Circle.id, Circle.name).tuples()]
    cases = " ".join(f"WHEN {int(cid)} THEN {int(window[0])}"
                     for cid, window in configured if window)
    if cases:
        ideal.append(f"CASE ci.id {cases} END")
    ideal_sql = f"COALESCE({', '.join([*ideal, 'c.learned_days'])})"
    where = (
        f"WHERE NOT COALESCE(ci.resting, 0) AND {ideal_sql} IS NOT NULL AND "
        f"(c.last_touch_at IS NULL OR julianday(c.last_touch_at) < "
        f"julianday(?) - {ideal_sql} / 2.0 + 2)"
    )
    return [row for row in _rows(today, where, (today.isoformat(),)) if row.drift]


def _row(cid, name, circle, days, drift, ideal, maximum, counted, learned) -> ContactRow:
    """A ContactRow without the frozen dataclass's per-field `object.__setattr__` (a third of
    the Python per row at 10k rows); equal to one built the usual way."""
    row = object.__new__(ContactRow)
    row.__dict__.update(id=cid, name=name, circle=circle, days_since=days, drift=drift,
                        ideal_days=ideal, max_days=maximum, window_days=counted,
                        learned=learned)
    return row


def _rows(today: pendulum.Date, where: str, params: tuple, page: str = "") -> list[ContactRow]:
    from connecttui.core.circles import default_window

    cursor = Contact._meta.database.execute_sql(_contact_rows_sql(where) + page, params)
    local_day = dates.LocalDays()
    defaults: dict[str, tuple[int, int] | None] = {}  # the settings' window, per circle
    result = []
    day = dt.date(today.year, today.month, today.day).toordinal()
    for row in cursor.fetchall():
        cid, name, circle, last, created, full, social, learned, ideal, maximum, resting = row
        last_day = local_day(last)
        days = None if last_day is None else day - last_day
        if ideal is None and circle:
            if circle not in defaults:
                defaults[circle] = default_window(circle)
            ideal, maximum = defaults[circle] or (None, maximum)
        is_learned = ideal is None and learned is not None
        if is_learned:
            ideal, maximum = learned, learned * 2
        counted = window_days(day, local_day(full), local_day(social), ideal,
                              local_day(created))
        drift = 0 if resting else drift_level(counted, ideal, maximum)
        result.append(_row(cid, name, circle, days, drift, ideal, maximum, counted, is_learned))
    return result


def window_of(contact: Contact) -> tuple[int | None, int | None]:
    """The contact's own window, else its circle's (or the config file's [windows] default
    for that circle), else the one learned from their rhythm (ideal, maximum)."""
    circle: Circle | None = contact.circle
    ideal = contact.ideal_days if contact.ideal_days is not None else (
        circle.ideal_days if circle else None
    )
    maximum = contact.max_days if contact.max_days is not None else (
        circle.max_days if circle else None
    )
    if ideal is None and circle is not None:
        from connecttui.core.circles import default_window

        ideal, maximum = default_window(circle.name) or (None, maximum)
    if ideal is None and contact.learned_days is not None:
        return contact.learned_days, contact.learned_days * 2
    return ideal, maximum
