"""Logging touches, reading timelines, and keep-in-touch windows (who is drifting)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

import pendulum

from connecttui.core import clock, search
from connecttui.core.errors import FutureTouch, NotFound, UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.dialect import is_postgres, nocase
from connecttui.core.store.models import INITIATORS, KINDS, Circle, Contact, Touch, TouchContact


def log_touch(
    contact_ids: list[int],
    kind: str,
    *,
    at: pendulum.DateTime | None = None,
    initiator: str = "out",
    note: str = "",
    future: bool = False,
) -> Touch:
    """Store one touch with one or more contacts, and move their "last touch" forward.

    A touch is logged once it happened: one dated later than now (`--when "next tuesday"`)
    would say "last touch in 8 days" and silence the window until then, so it is refused
    (FutureTouch) unless `future` says it is meant. A planned meeting is an open loop."""
    if kind not in KINDS:
        raise UserError(f'unknown kind "{kind}": use one of {", ".join(KINDS)}')
    if initiator not in INITIATORS:
        raise UserError(f'who started must be one of {", ".join(INITIATORS)}')
    people = list(dict.fromkeys(contact_ids))
    if not people:
        raise UserError("a touch needs at least one contact")
    now = pendulum.now("UTC")
    at = (at or now).in_timezone("UTC")
    if not future and at > now + FUTURE_GRACE:
        raise FutureTouch(at, moment_text(at))
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


FUTURE_GRACE = dt.timedelta(minutes=1)
"""How far ahead of the clock a touch may be and still count as now (clocks of two machines
sharing a PostgreSQL database differ by seconds)."""


def moment_text(at: pendulum.DateTime) -> str:
    """"Tue 15 Dec 2026, 15:00" in the user's zone (strftime: pendulum's format() loads a
    locale on its first call, 20 ms of a CLI command)."""
    local = at.in_timezone(clock.local_tz())
    return f"{local.strftime('%a')} {local.day} {local.strftime('%b %Y, %H:%M')}"


LEARN_AFTER = 5
"""Touches needed before a contact with no window gets one learned from their own rhythm."""


def learned_gap(days: list[dt.date]) -> int | None:
    """The median gap in days between touches, once there are LEARN_AFTER of them."""
    unique = sorted(set(days))
    if len(days) < LEARN_AFTER or len(unique) < 2:
        return None
    gaps = sorted(later.toordinal() - earlier.toordinal() for earlier, later in pairwise(unique))
    middle = len(gaps) // 2  # statistics.median, whose import cost `log` 3 to 6 ms
    median = gaps[middle] if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2
    return max(1, round(median))


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
        # `kind || ''`, not `kind`: with the bare column SQLite walks the (kind, at) index
        # through every social touch of everyone, 13 ms at 200k touches for a contact
        # without one; this way it reads the contact's own touches, as for `full`.
        social = mine.where(Touch.kind.concat("") == "social").order_by(
            Touch.at.desc()).limit(1).scalar()
        Contact.update(
            last_touch_at=recent[0] if recent else None,
            last_full_touch_at=full,
            last_social_at=social,
            learned_days=learned_gap([clock.local_day(at) for at in recent]),
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


TIMELINE_LIMIT = 200
"""How many touches a timeline shows, newest first."""


def timeline(contact_id: int | None = None, limit: int = TIMELINE_LIMIT) -> list[TimelineRow]:
    """Touches newest first: one contact's, or everyone's when `contact_id` is None."""
    query = Touch.select(Touch.id, Touch.at, Touch.kind, Touch.initiator, Touch.note)
    if contact_id is not None:
        query = query.join(TouchContact).where(TouchContact.contact == contact_id)
    return _timeline_rows(query.order_by(Touch.at.desc(), Touch.id.desc()).limit(limit))


def with_new_touch(rows: list[TimelineRow], contact_id: int | None,
                   touch_id: int) -> list[TimelineRow] | None:
    """`timeline(contact_id)` once `touch_id` is logged, given `rows`, the timeline as it was
    just before, read from one touch rather than 200 (the log dialog's `enter`, timed); None
    when that can't be told from the one touch (dated before the newest shown: read it all)."""
    new = _timeline_rows(Touch.select(Touch.id, Touch.at, Touch.kind, Touch.initiator,
                                      Touch.note).where(Touch.id == touch_id))
    if not new:
        return None
    if contact_id is not None and contact_id not in new[0].contact_ids:
        return rows  # someone else's touch: this timeline is as it was
    if rows and (new[0].at, new[0].touch_id) < (rows[0].at, rows[0].touch_id):
        return None
    return [*new, *rows][:TIMELINE_LIMIT]


def _timeline_rows(query) -> list[TimelineRow]:
    rows = list(query.tuples())
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
    deceased: bool = False  # they have died: never drifting (core/deceased.py)


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
       COALESCE(ci.resting, {false}), c.deceased
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

    On SQLite, SQL first drops every contact that cannot be drifting, so Upcoming reads the
    few that can rather than every contact; the rules themselves stay in Python, in one
    place (`_rows`). The filter is `_rows`' own test loosened by the time zone: a moment's
    local day is within a day of its UTC date, so each clause keeps a day or two to spare.
    A contact drifts when the window counted (`window_days`) is past the smaller of the
    ideal and the maximum, so every touch that counts must be older than that: the last
    full touch, the last social one (half the ideal later), or, never touched, the day the
    contact was added."""
    if is_postgres(Contact._meta.database):
        return [row for row in contact_rows(today) if row.drift]
    from connecttui.core.windows import default_window

    own = "COALESCE(c.ideal_days, ci.ideal_days)"
    configured = [(cid, window) for cid, name in Circle.select(Circle.id, Circle.name).tuples()
                  if (window := default_window(name))]
    ideal_sql = f"COALESCE({own}, c.learned_days)"
    maxima = ""  # Python's `maximum`, as it is chosen along with the ideal
    if configured:  # the settings' [windows], for circles that set none themselves
        ideals = " ".join(f"WHEN {int(cid)} THEN {int(w[0])}" for cid, w in configured)
        ideal_sql = f"COALESCE({own}, CASE ci.id {ideals} END, c.learned_days)"
        maxima = " ".join(f"WHEN ci.id = {int(cid)} THEN {_sql_int(w[1])}" for cid, w in configured)
    max_sql = (f"CASE WHEN {own} IS NOT NULL THEN COALESCE(c.max_days, ci.max_days) {maxima}"
               f" ELSE c.learned_days * 2 END")
    limit = f"MIN({ideal_sql}, COALESCE({max_sql}, {ideal_sql}))"  # drift: counted > this
    where = (
        f"WHERE NOT COALESCE(ci.resting, 0) AND NOT c.deceased AND {ideal_sql} IS NOT NULL"
        f" AND (c.last_full_touch_at IS NULL"
        f" OR julianday(c.last_full_touch_at) < julianday(?1) - {limit} + 2)"
        f" AND (c.last_social_at IS NULL"
        f" OR julianday(c.last_social_at) < julianday(?1) - {limit} + {ideal_sql} / 2.0 + 2)"
        f" AND (c.last_full_touch_at IS NOT NULL OR c.last_social_at IS NOT NULL"
        f" OR julianday(c.created_at) < julianday(?1) - {limit} + 2)"
    )
    return [row for row in _rows(today, where, (today.isoformat(),)) if row.drift]


def _sql_int(value: int | None) -> str:
    return "NULL" if value is None else str(int(value))


def _row(cid, name, circle, days, drift, ideal, maximum, counted, learned,
         deceased=False) -> ContactRow:
    """A ContactRow without the frozen dataclass's per-field `object.__setattr__` (a third of
    the Python per row at 10k rows); equal to one built the usual way."""
    row = object.__new__(ContactRow)
    row.__dict__.update(id=cid, name=name, circle=circle, days_since=days, drift=drift,
                        ideal_days=ideal, max_days=maximum, window_days=counted,
                        learned=learned, deceased=deceased)
    return row


def _rows(today: pendulum.Date, where: str, params: tuple, page: str = "") -> list[ContactRow]:
    """The rows of `CONTACT_ROWS_SQL`. Converting a stored moment to the user's day is most
    of the Python per row, so only the moments that can matter are converted: the creation
    day only without touches, the last touch is one of the full or social ones, and a social
    touch at least a day before the full one's day cannot shorten the window (below)."""
    from connecttui.core.windows import default_window

    cursor = Contact._meta.database.execute_sql(_contact_rows_sql(where) + page, params)
    local_day = clock.LocalDays()
    defaults: dict[str, tuple[int, int] | None] = {}  # the settings' window, per circle
    before: dict[int, str] = {}  # a local day -> the ISO text of the UTC day before it
    result = []
    day = dt.date(today.year, today.month, today.day).toordinal()
    for row in cursor.fetchall():
        (cid, name, circle, last, created, full, social, learned, ideal, maximum, resting,
         deceased) = row
        if ideal is None and circle:
            if circle not in defaults:
                defaults[circle] = default_window(circle)
            ideal, maximum = defaults[circle] or (None, maximum)
        is_learned = ideal is None and learned is not None
        if is_learned:
            ideal, maximum = learned, learned * 2
        full_day = None if full is None else local_day(full)
        social_day = None
        if social is not None and not (
            full_day is not None and (ideal is None or ideal >= 0)
            and _utc_day_before(social, full_day, before)
        ):
            social_day = local_day(social)
        # the social touch left out when it cannot be the minimum; the creation day is
        # only read when there is no touch at all
        untouched = full_day is None and social_day is None
        counted = window_days(day, full_day, social_day, ideal,
                              local_day(created) if untouched else 0)
        if last is None:
            days = None
        elif last == full:
            days = day - full_day
        elif last == social:
            days = day - (social_day if social_day is not None else local_day(social))
        else:
            days = day - local_day(last)
        drift = 0 if resting or deceased else drift_level(counted, ideal, maximum)
        result.append(_row(cid, name, circle, days, drift, ideal, maximum, counted, is_learned,
                           bool(deceased)))
    return result


def _utc_day_before(moment, local: int, before: dict[int, str]) -> bool:
    """Is a stored moment's UTC date before the local day `local` (an ordinal)? Then its
    own local day is at most `local` (no zone is a whole day from UTC), so a social touch
    that old never counts for less than the full touch on `local`. Only ISO text is judged;
    anything else answers False and is converted as usual."""
    if type(moment) is not str or len(moment) < 10 or moment[4] != "-" or moment[7] != "-":
        return False
    text = before.get(local)
    if text is None:
        if local < 2:
            return False
        text = before[local] = dt.date.fromordinal(local - 1).isoformat()
    return moment[:10] <= text


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
        from connecttui.core.windows import default_window

        ideal, maximum = default_window(circle.name) or (None, maximum)
    if ideal is None and contact.learned_days is not None:
        return contact.learned_days, contact.learned_days * 2
    return ideal, maximum
