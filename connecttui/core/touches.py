"""Logging touches, reading timelines, and keep-in-touch windows (who is drifting)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pendulum
from peewee import fn

from connecttui.core import dates, search
from connecttui.core.db import transaction
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
        Contact.update(last_touch_at=at).where(
            Contact.id.in_(people)
            & (Contact.last_touch_at.is_null() | (Contact.last_touch_at < at))
        ).execute()
        search.index_touch(touch)
    return touch


def _refresh_last_touch(contact_ids: list[int]) -> None:
    for contact_id in contact_ids:
        latest = (
            Touch.select(fn.MAX(Touch.at))
            .join(TouchContact)
            .where(TouchContact.contact == contact_id)
            .scalar()
        )
        Contact.update(last_touch_at=latest).where(Contact.id == contact_id).execute()


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
        _refresh_last_touch(people)


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
    days_since: int | None
    drift: int  # 0 in touch, 1 past the ideal window (amber), 2 past the maximum (red)
    ideal_days: int | None
    max_days: int | None


def _local_date(text: str | None, zone) -> dt.date | None:
    if text is None:
        return None
    moment = dt.datetime.fromisoformat(str(text)).replace(tzinfo=dt.UTC)
    return moment.astimezone(zone).date()


def drift_level(days: int | None, ideal: int | None, maximum: int | None) -> int:
    if days is None or ideal is None:
        return 0
    if maximum is not None and days > maximum:
        return 2
    return 1 if days > ideal else 0


CONTACT_ROWS_SQL = """
SELECT c.id, c.name, COALESCE(ci.name, ''), c.last_touch_at, c.created_at,
       COALESCE(c.ideal_days, ci.ideal_days), COALESCE(c.max_days, ci.max_days),
       COALESCE(ci.resting, 0)
FROM contact AS c LEFT JOIN circle AS ci ON ci.id = c.circle_id
ORDER BY c.name COLLATE NOCASE, c.id
"""


def contact_rows(today: pendulum.Date) -> list[ContactRow]:
    """Every contact with its circle and days since the last touch, sorted by name.

    Reads the kept `last_touch_at` column: no aggregate over the touch table.
    """
    zone = dates.local_tz()
    cursor = Contact._meta.database.execute_sql(CONTACT_ROWS_SQL)
    result = []
    today_ordinal = dt.date(today.year, today.month, today.day).toordinal()
    for cid, name, circle, last, created, ideal, maximum, resting in cursor.fetchall():
        last_day = _local_date(last, zone)
        days = None if last_day is None else today_ordinal - last_day.toordinal()
        if resting:
            drift = 0
        else:
            baseline = days if days is not None else (
                today_ordinal - _local_date(created, zone).toordinal()
            )
            drift = drift_level(baseline, ideal, maximum)
        result.append(ContactRow(cid, name, circle, days, drift, ideal, maximum))
    return result


def window_of(contact: Contact) -> tuple[int | None, int | None]:
    """The contact's own window, else its circle's (ideal, maximum)."""
    circle: Circle | None = contact.circle
    ideal = contact.ideal_days if contact.ideal_days is not None else (
        circle.ideal_days if circle else None
    )
    maximum = contact.max_days if contact.max_days is not None else (
        circle.max_days if circle else None
    )
    return ideal, maximum
