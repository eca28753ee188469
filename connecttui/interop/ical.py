"""Every occasion as a yearly all-day event, for calendar apps to import or subscribe to.

One VEVENT per occasion (a shared anniversary once, as "Ada & Sam's anniversary"), with a UID
made of the contact's uid and the occasion's id, so exporting again updates the events a
calendar already has instead of adding copies. An occasion with a lead time carries an
alarm that many days before.

The start date: the real date when the year is known (so the calendar counts years from
it), else the occurrence in the year before `today` (a year-less date has no first year).

Feb 29: RFC 5545 skips the dates that do not exist, so a plain FREQ=YEARLY from Feb 29
happens only in leap years, and RFC 7529's RSCALE/SKIP (which says "move it") is honoured
by few calendars. So a Feb 29 occasion gets a plain RFC 5545 rule that lands on the right
day every year by itself:

- celebrated on Feb 28 in common years: `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1`, the last day
  of February (the 29th in leap years, the 28th otherwise);
- celebrated on Mar 1 in common years: `FREQ=YEARLY;BYYEARDAY=60`, the sixtieth day of the
  year (Feb 29 in leap years, Mar 1 otherwise).

Both start on a day the rule itself produces, as RFC 5545 asks of DTSTART.

The occasions of someone who has died (core/deceased.py) are left out, so a calendar app
never rings for them; with `remembrance` (the setting, passed by the caller) they are in,
as "Ada Lovelace's birthday, in remembrance", with no alarm and no year to count from.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO

import icalendar
import pendulum
from peewee import JOIN

from connecttui.core import occasions, yearly
from connecttui.core.people import normalize
from connecttui.core.store.models import Contact, Occasion

PRODID = "-//connecttui//connecttui occasions//EN"
EARLIEST_YEAR = 1900  # earlier real years start at last year: old dates trouble some apps


def event_uid(contact_uid: str, occasion_id: int) -> str:
    """The event's UID: the same for an occasion on every export."""
    return f"{contact_uid}-{occasion_id}@connecttui"


def recurrence(month: int, day: int, feb29: str) -> dict[str, object]:
    """The RRULE of a yearly date (see the module's notes on Feb 29)."""
    if (month, day) == (2, 29):
        if feb29 == "mar1":
            return {"FREQ": "YEARLY", "BYYEARDAY": 60}
        return {"FREQ": "YEARLY", "BYMONTH": 2, "BYMONTHDAY": -1}
    return {"FREQ": "YEARLY"}


def first_day(occasion: Occasion, today: pendulum.Date) -> date:
    """DTSTART: the date itself when its year is known, else last year's occurrence."""
    if occasion.year is not None and occasion.year >= EARLIEST_YEAR:
        return date(occasion.year, occasion.month, occasion.day)
    day = yearly.occurs_on(occasion.month, occasion.day, today.year - 1, occasion.feb29)
    return date(day.year, day.month, day.day)


def remembered(occasion: Occasion) -> bool:
    """Is it the occasion of someone who has died (or shared with them)?"""
    partner = occasion.partner
    return bool(occasion.contact.deceased or (partner is not None and partner.deceased))


def summary(occasion: Occasion) -> str:
    """"Ada Lovelace's birthday", "Ada Lovelace & Sam King's anniversary", "Ada's name day";
    "Ada Lovelace's birthday, in remembrance" once she has died."""
    who = occasion.contact.name
    if occasion.partner is not None:
        who = f"{who} & {occasion.partner.name}"
    text = f"{who}'s {occasions.title(occasion)}"
    return f"{text}, in remembrance" if remembered(occasion) else text


def event(occasion: Occasion, today: pendulum.Date) -> icalendar.Event:
    """The VEVENT of one occasion (its contact and partner already loaded)."""
    start = first_day(occasion, today)
    item = icalendar.Event()
    item.add("uid", event_uid(occasion.contact.uid, occasion.id))
    item.add("dtstamp", datetime(today.year, today.month, today.day, tzinfo=UTC))
    item.add("summary", summary(occasion))
    item.add("dtstart", start)
    item.add("dtend", start + timedelta(days=1))
    item.add("rrule", recurrence(occasion.month, occasion.day, occasion.feb29))
    item.add("transp", "TRANSPARENT")  # a birthday does not make anyone busy
    item.add("categories", [occasion.kind])
    if remembered(occasion):  # no age to count, nothing to prepare: no alarm
        return item
    if occasion.year is not None:
        since = "Born in" if occasion.kind == "birthday" else "Since"
        item.add("description", f"{since} {occasion.year}.")
    if occasion.lead_days > 0:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{summary(occasion)} in {occasion.lead_days} days")
        alarm.add("trigger", timedelta(days=-occasion.lead_days))
        item.add_component(alarm)
    return item


def calendar(today: pendulum.Date, remembrance: bool = False
             ) -> tuple[icalendar.Calendar, int]:
    """The whole calendar, and how many events it holds (a deceased contact's occasions only
    with `remembrance`)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "connecttui occasions")
    partner = Contact.alias()
    rows = (
        Occasion.select(Occasion, Contact, partner)
        .join(Contact, on=(Occasion.contact == Contact.id))
        .switch(Occasion)
        .join(partner, join_type=JOIN.LEFT_OUTER, on=(Occasion.partner == partner.id))
    )
    ordered = sorted((o for o in rows if remembrance or not remembered(o)),
                     key=lambda o: (normalize(o.contact.name), o.contact.id, o.id))
    for occasion in ordered:
        cal.add_component(event(occasion, today))
    return cal, len(ordered)


def export_ics(stream: IO[str], today: pendulum.Date, remembrance: bool = False) -> int:
    """Write every occasion as a yearly all-day event; return how many events."""
    cal, count = calendar(today, remembrance)
    stream.write(cal.to_ical().decode("utf-8"))
    return count


def write_subscription(path: str | os.PathLike, today: pendulum.Date,
                       remembrance: bool = False) -> int:
    """Rewrite the file a calendar app subscribes to (the `ics_path` setting) in one step:
    a temporary file beside it, then a rename, so a reader never sees half a calendar.
    The file is private (0600, from mkstemp) and so is a folder made for it (0700)."""
    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp = tempfile.mkstemp(prefix=".connecttui-", suffix=".ics", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            count = export_ics(stream, today, remembrance)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count
