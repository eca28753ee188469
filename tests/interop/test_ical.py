"""The iCalendar export: each occasion a yearly all-day event that lands on the right day.

The rules are checked the way a calendar app reads them: the exported file is parsed and
expanded for ten years by two independent recurrence engines (recurring-ical-events, and
dateutil's rrule over the RRULE text), and every year's day is compared with
`yearly.occurs_on`, the product's own answer. The real ICS files from other programs are
read too, to show the parser understands the Feb 29 and yearly semantics relied on.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import icalendar
import pendulum
import pytest
import recurring_ical_events
from dateutil import rrule

from connecttui.core import occasions, people, yearly
from connecttui.interop.ical import export_ics

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ics"
YEARS = range(2027, 2037)  # ten years: 2028, 2032 and 2036 are leap years


def exported(today: pendulum.Date) -> tuple[int, bytes]:
    stream = io.StringIO()
    count = export_ics(stream, today)
    return count, stream.getvalue().encode("utf-8")


def events_of(data: bytes) -> dict[str, icalendar.Event]:
    """The exported events by SUMMARY."""
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def expand(data: bytes, summary: str, years: range = YEARS) -> list[dt.date]:
    """Every day the event falls on in `years`, as recurring-ical-events computes it."""
    cal = icalendar.Calendar.from_ical(data)
    found = recurring_ical_events.of(cal).between(
        dt.date(years.start, 1, 1), dt.date(years.stop, 1, 1)
    )
    days = sorted(e["DTSTART"].dt for e in found if str(e["SUMMARY"]) == summary)
    return [d for d in days if d.year in years]


def expand_with_dateutil(event: icalendar.Event, years: range = YEARS) -> list[dt.date]:
    """The same, computed by dateutil.rrule from the RRULE text as written in the file."""
    start = event["DTSTART"].dt
    text = event["RRULE"].to_ical().decode()
    rule = rrule.rrulestr(text, dtstart=dt.datetime(start.year, start.month, start.day))
    between = rule.between(
        dt.datetime(years.start, 1, 1), dt.datetime(years.stop, 1, 1), inc=True
    )
    return [d.date() for d in between if d.year in years]


def expected(month: int, day: int, feb29: str, years: range = YEARS) -> list[dt.date]:
    return [dt.date(*yearly.occurs_on(month, day, y, feb29).timetuple()[:3]) for y in years]


CASES = [
    # (birthday year or None, month, day, feb29 rule)
    (1990, 6, 15, "feb28"),
    (1815, 12, 10, "feb28"),  # before 1900: starts last year, still every year
    (None, 4, 16, "feb28"),
    (None, 1, 1, "feb28"),
    (None, 12, 31, "feb28"),
    (None, 2, 28, "feb28"),
    (None, 3, 1, "mar1"),
    (None, 2, 29, "feb28"),
    (None, 2, 29, "mar1"),
    (2012, 2, 29, "feb28"),
    (1996, 2, 29, "mar1"),
]


@pytest.mark.parametrize(("year", "month", "day", "feb29"), CASES)
def test_ten_years_of_every_date_land_where_the_product_says(db, today, year, month, day, feb29):
    contact = people.add_contact("Ada Lovelace")
    occasions.add_occasion(contact.id, "birthday", month, day, year=year, feb29=feb29)
    _, data = exported(today)
    want = expected(month, day, feb29)
    assert expand(data, "Ada Lovelace's birthday") == want
    assert expand_with_dateutil(events_of(data)["Ada Lovelace's birthday"]) == want


def test_feb29_needs_the_rule_a_plain_yearly_event_skips_common_years():
    """Why the export never writes FREQ=YEARLY from Feb 29: calendars skip 2027, 2029..."""
    cal = icalendar.Calendar()
    event = icalendar.Event()
    event.add("summary", "plain")
    event.add("dtstart", dt.date(2012, 2, 29))
    event.add("rrule", {"FREQ": "YEARLY"})
    cal.add_component(event)
    got = expand(cal.to_ical(), "plain")
    assert got == [dt.date(2028, 2, 29), dt.date(2032, 2, 29), dt.date(2036, 2, 29)]
    assert got != expected(2, 29, "feb28")


def test_feb29_rules_are_plain_rfc5545_without_rscale(db, today):
    ada = people.add_contact("Ada Lovelace")
    sam = people.add_contact("Sam King")
    occasions.add_occasion(ada.id, "birthday", 2, 29, feb29="feb28")
    occasions.add_occasion(sam.id, "birthday", 2, 29, year=1996, feb29="mar1")
    events = events_of(exported(today)[1])
    feb28 = events["Ada Lovelace's birthday"]["RRULE"]
    mar1 = events["Sam King's birthday"]["RRULE"]
    assert feb28 == {"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [-1]}
    assert mar1 == {"FREQ": ["YEARLY"], "BYYEARDAY": [60]}
    # DTSTART is a day the rule produces itself (RFC 5545 3.8.5.3)
    assert events["Ada Lovelace's birthday"]["DTSTART"].dt == dt.date(2025, 2, 28)
    assert events["Sam King's birthday"]["DTSTART"].dt == dt.date(1996, 2, 29)


def test_all_day_events_starting_on_the_birth_date_or_last_year(db, today):
    ada = people.add_contact("Ada Lovelace", birthday=(1990, 6, 15))
    people.add_contact("Sam King", birthday=(None, 4, 16))
    occasions.add_occasion(ada.id, "custom", 5, 2, label="name day")
    _, data = exported(today)
    assert "DTSTART;VALUE=DATE:19900615\r\n" in data.decode()
    events = events_of(data)
    for name, event in events.items():
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is dt.date, name  # all-day: a DATE, not a DATE-TIME
        assert end - start == dt.timedelta(days=1)
        assert event["TRANSP"] == "TRANSPARENT"
    assert events["Sam King's birthday"]["DTSTART"].dt == dt.date(today.year - 1, 4, 16)
    assert events["Ada Lovelace's name day"]["DTSTART"].dt.year >= today.year - 1


def test_summaries_name_the_person_and_occasion_never_an_age(db, today):
    ada = people.add_contact("Ada Lovelace", birthday=(1815, 12, 10))
    sam = people.add_contact("Sam King")
    occasions.add_occasion(ada.id, "anniversary", 8, 8, year=2009, partner_id=sam.id)
    occasions.add_occasion(sam.id, "custom", 5, 2, label="name day")
    count, data = exported(today)
    events = events_of(data)
    assert count == 3
    assert sorted(events) == [
        "Ada Lovelace & Sam King's anniversary",  # a shared date once, not twice
        "Ada Lovelace's birthday",
        "Sam King's name day",
    ]
    assert not any(ch.isdigit() for name in events for ch in name)
    assert events["Ada Lovelace's birthday"]["DESCRIPTION"] == "Born in 1815."


def test_alarm_at_the_lead_time_and_none_without_one(db, today):
    ada = people.add_contact("Ada Lovelace", birthday=(None, 12, 10))
    sam = people.add_contact("Sam King")
    occasions.add_occasion(sam.id, "anniversary", 8, 8, lead_days=7)
    assert ada.id
    events = events_of(exported(today)[1])
    alarms = events["Sam King's anniversary"].walk("VALARM")
    assert len(alarms) == 1
    assert alarms[0]["ACTION"] == "DISPLAY"
    assert alarms[0]["TRIGGER"].dt == dt.timedelta(days=-7)
    assert "TRIGGER:-P7D" in exported(today)[1].decode()
    assert events["Ada Lovelace's birthday"].walk("VALARM") == []


def test_uids_are_unique_and_stable_so_a_re_export_updates(db, today):
    ada = people.add_contact("Ada Lovelace", birthday=(1815, 12, 10))
    sam = people.add_contact("Sam King", birthday=(None, 2, 29))
    first = {str(e["UID"]): str(e["SUMMARY"]) for e in
             icalendar.Calendar.from_ical(exported(today)[1]).walk("VEVENT")}
    assert len(first) == 2
    assert all(uid.endswith("@connecttui") for uid in first)
    assert any(uid.startswith(ada.uid) for uid in first)
    assert any(uid.startswith(sam.uid) for uid in first)
    occasions.add_occasion(sam.id, "custom", 5, 2, label="name day")
    people.update_contact(ada.id, name="Ada King")
    second = {str(e["UID"]): str(e["SUMMARY"]) for e in
              icalendar.Calendar.from_ical(exported(today.add(days=40))[1]).walk("VEVENT")}
    assert set(first) < set(second)  # the same events, one more
    assert len(second) == 3
    renamed = next(uid for uid in first if uid.startswith(ada.uid))
    assert second[renamed] == "Ada King's birthday"  # updated in place, not duplicated


def test_an_empty_book_is_a_valid_empty_calendar(db, today):
    count, data = exported(today)
    cal = icalendar.Calendar.from_ical(data)
    assert count == 0
    assert cal.walk("VEVENT") == []
    assert cal["VERSION"] == "2.0" and "connecttui" in str(cal["PRODID"])
    assert data.decode().endswith("END:VCALENDAR\r\n")


def test_awkward_names_are_escaped_and_read_back(db, today):
    people.add_contact("Zoë, \"Zed\"; Ødegård", birthday=(None, 7, 1))
    events = events_of(exported(today)[1])
    assert list(events) == ["Zoë, \"Zed\"; Ødegård's birthday"]


# --- the real files from other programs ----------------------------------------------------


def fixture(name: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((FIXTURES / name).read_bytes())


def test_khal_yearly_allday_birthday_expands_every_year():
    cal = fixture("khal-yearly-birthday-allday.ics")
    (event,) = cal.walk("VEVENT")
    assert event["DTSTART"].dt == dt.date(1965, 4, 23)
    assert event["RRULE"] == {"FREQ": ["YEARLY"]}
    days = expand(cal.to_ical(), "Dummy's Birthday (1965)")
    assert days == [dt.date(y, 4, 23) for y in YEARS]


def test_korganizer_bymonthday_birthday_expands_every_year():
    cal = fixture("korganizer-yearly-birthday-bymonthday.ics")
    (event,) = cal.walk("VEVENT")
    assert event["RRULE"]["BYMONTH"] == [1] and event["RRULE"]["BYMONTHDAY"] == [16]
    assert expand(cal.to_ical(), "Ted's Birthday") == [dt.date(y, 1, 16) for y in YEARS]
    assert expand_with_dateutil(event) == [dt.date(y, 1, 16) for y in YEARS]


def test_google_birthdays_are_per_year_overrides_with_a_broken_rdate_noticed():
    """Google writes one overridden instance per year, not a yearly rule, and RDATEs as
    dates with a stray "Z": the parser keeps the file readable and says what is broken."""
    cal = fixture("google-calendar-contacts-birthdays-export.ics")
    birthdays = [e for e in cal.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert sorted(e["DTSTART"].dt for e in birthdays) == [
        dt.date(2012, 12, 10), dt.date(2013, 12, 10), dt.date(2014, 12, 10),
    ]
    assert {str(e["SUMMARY"]) for e in birthdays} == {"PErson #2's birthday"}
    master = next(e for e in cal.walk("VEVENT") if "RECURRENCE-ID" not in e)
    assert master["RRULE"] == {"FREQ": ["DAILY"], "INTERVAL": [1], "COUNT": [1]}
    assert "RDATE" in master
    with pytest.raises(icalendar.error.BrokenCalendarProperty):
        _ = master["RDATE"][0].dts


def test_rfc7529_feb29_skip_forward_means_our_mar1_rule(db, today):
    """RFC 7529's Feb 29 anniversary (RSCALE=GREGORIAN;SKIP=FORWARD) is celebrated on
    Mar 1 in common years. The parser reads RSCALE and SKIP; the expander can't, and without
    them the rule is a plain yearly one that skips common years: that is why the export
    writes BYYEARDAY=60 instead, which gives exactly the RFC 7529 days."""
    cal = fixture("rfc7529-feb29-yearly-anniversary-rscale.ics")
    event = next(e for e in cal.walk("VEVENT") if e["DTSTART"].dt == dt.date(2012, 2, 29))
    rule = event["RRULE"]
    assert rule["RSCALE"] == ["GREGORIAN"] and rule["FREQ"] == ["YEARLY"]
    assert rule["SKIP"] == ["FORWARD"]
    with pytest.raises(Exception, match="RSCALE|UNTIL|rule"):
        recurring_ical_events.of(cal).between(dt.date(2027, 1, 1), dt.date(2037, 1, 1))

    def skip_forward(year: int) -> dt.date:  # RFC 7529 section 4.3.4, by hand
        start = event["DTSTART"].dt
        try:
            return start.replace(year=year)
        except ValueError:
            return dt.date(year, 3, 1)

    rfc7529 = [skip_forward(y) for y in YEARS]
    assert dt.date(2027, 3, 1) in rfc7529 and dt.date(2028, 2, 29) in rfc7529

    ada = people.add_contact("Ada Lovelace")
    occasions.add_occasion(ada.id, "anniversary", 2, 29, year=2012, feb29="mar1")
    assert expand(exported(today)[1], "Ada Lovelace's anniversary") == rfc7529


def test_the_exported_file_survives_a_parse_and_write_round_trip(db, today):
    ada = people.add_contact("Ada Lovelace", birthday=(None, 2, 29))
    occasions.add_occasion(ada.id, "anniversary", 8, 8, year=2009, lead_days=3, feb29="mar1")
    _, data = exported(today)
    again = icalendar.Calendar.from_ical(data).to_ical()
    assert icalendar.Calendar.from_ical(again) == icalendar.Calendar.from_ical(data)
    assert all(len(line.encode()) <= 75 for line in data.decode().split("\r\n"))
