"""The calendar export never rings for someone who has died: their occasions are left out,
or with `remembrance` kept as "..., in remembrance" with no alarm."""

from __future__ import annotations

import io

import icalendar
import pendulum

from connecttui.core import deceased, occasions, people
from connecttui.interop.ical import export_ics


def events(today: pendulum.Date, remembrance: bool = False) -> dict[str, icalendar.Event]:
    stream = io.StringIO()
    export_ics(stream, today, remembrance)
    cal = icalendar.Calendar.from_ical(stream.getvalue())
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_a_deceased_contacts_occasions_only_as_remembrance(db, today):
    ada = people.add_contact("Ada Lovelace", birthday=(1815, 12, 10))
    charles = people.add_contact("Charles Babbage", birthday=(1791, 12, 26))
    occasions.add_occasion(ada.id, "anniversary", 7, 8, year=1835, partner_id=charles.id,
                           lead_days=5)
    assert sorted(events(today)) == ["Ada Lovelace & Charles Babbage's anniversary",
                                     "Ada Lovelace's birthday", "Charles Babbage's birthday"]
    deceased.mark_deceased(charles.id, None, today)

    assert sorted(events(today)) == ["Ada Lovelace's birthday"]
    remembered = events(today, remembrance=True)
    assert sorted(remembered) == [
        "Ada Lovelace & Charles Babbage's anniversary, in remembrance",
        "Ada Lovelace's birthday", "Charles Babbage's birthday, in remembrance"]
    anniversary = remembered["Ada Lovelace & Charles Babbage's anniversary, in remembrance"]
    assert anniversary.walk("VALARM") == [] and "DESCRIPTION" not in anniversary
