"""Date logic: phrases, directions, yearly dates, labels and time zones, on frozen clocks."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
import time_machine

from connecttui.core import clock, typed_dates, yearly
from connecttui.core.errors import UserError

ZONE = "Europe/Paris"
WED = pendulum.datetime(2026, 11, 25, 10, 30, 15, tz=ZONE)  # a Wednesday
SUN = pendulum.datetime(2026, 11, 29, 10, 30, 15, tz=ZONE)  # a Sunday
WHEN_HINT = 'try "yesterday", "2d ago", "last fri", "2026-11-20"'


def at(y: int, m: int, d: int, h: int = 12, mi: int = 0, s: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(y, m, d, h, mi, s, tz=ZONE)


# Phrases whose meaning doesn't depend on prefer: (now, text, expected).
FIXED = [
    (WED, "now", WED),
    (WED, "", WED),
    (WED, "today", WED),
    (WED, "yesterday", at(2026, 11, 24)),
    (WED, "tomorrow", at(2026, 11, 26)),
    (WED, "2d ago", at(2026, 11, 23)),
    (WED, "2 days ago", at(2026, 11, 23)),
    (WED, "3h ago", at(2026, 11, 25, 7, 30, 15)),
    (WED, "1w ago", at(2026, 11, 18)),
    (WED, "last fri", at(2026, 11, 20)),
    (WED, "3pm", at(2026, 11, 25, 15)),
    (WED, "2026-11-20", at(2026, 11, 20)),
    (WED, "2026-11-25", WED),
    (WED, "2026-11-20 15:30", at(2026, 11, 20, 15, 30)),
    (WED, "2026-11-20T15:30:05", at(2026, 11, 20, 15, 30, 5)),
    (WED, "20 nov 2025", at(2025, 11, 20)),
    (WED, "in 3 days", at(2026, 11, 28)),
    (WED, "next friday", at(2026, 12, 4)),
    (WED, "last week", at(2026, 11, 18)),
    (WED, "yesterday 3pm", at(2026, 11, 24, 15)),
    (SUN, "now", SUN),
    (SUN, "today", SUN),
    (SUN, "yesterday", at(2026, 11, 28)),
    (SUN, "tomorrow", at(2026, 11, 30)),
    (SUN, "2d ago", at(2026, 11, 27)),
    (SUN, "2 days ago", at(2026, 11, 27)),
    (SUN, "3h ago", at(2026, 11, 29, 7, 30, 15)),
    (SUN, "1w ago", at(2026, 11, 22)),
    (SUN, "last fri", at(2026, 11, 27)),
    (SUN, "3pm", at(2026, 11, 29, 15)),
    (SUN, "2026-11-20", at(2026, 11, 20)),
    (SUN, "2026-11-20 15:30", at(2026, 11, 20, 15, 30)),
    (SUN, "20 nov 2025", at(2025, 11, 20)),
    (SUN, "in 3 days", at(2026, 12, 2)),
    (SUN, "next friday", at(2026, 12, 4)),
    (SUN, "last week", at(2026, 11, 22)),
]


@pytest.mark.parametrize("prefer", ["past", "future"])
@pytest.mark.parametrize(("now", "text", "expected"), FIXED)
def test_parse_when_fixed_phrases(now, text, expected, prefer):
    assert typed_dates.parse_when(text, now, prefer) == expected


# Bare weekdays and year-less day-months: (now, text, past, future).
DIRECTED = [
    (WED, "fri", at(2026, 11, 20), at(2026, 11, 27)),
    (WED, "mon 3pm", at(2026, 11, 23, 15), at(2026, 11, 30, 15)),
    (WED, "wed", WED, WED),
    (WED, "wednesday", WED, WED),
    (WED, "thurs", at(2026, 11, 19), at(2026, 11, 26)),
    (WED, "20 nov", at(2026, 11, 20), at(2027, 11, 20)),
    (WED, "nov 20", at(2026, 11, 20), at(2027, 11, 20)),
    (WED, "25 nov", WED, WED),
    (WED, "dec 31", at(2025, 12, 31), at(2026, 12, 31)),
    (WED, "29 feb", at(2024, 2, 29), at(2028, 2, 29)),
    (WED, "20 nov 3pm", at(2026, 11, 20, 15), at(2027, 11, 20, 15)),
    (SUN, "fri", at(2026, 11, 27), at(2026, 12, 4)),
    (SUN, "mon 3pm", at(2026, 11, 23, 15), at(2026, 11, 30, 15)),
    (SUN, "sun", SUN, SUN),
    (SUN, "sat", at(2026, 11, 28), at(2026, 12, 5)),
    (SUN, "20 nov", at(2026, 11, 20), at(2027, 11, 20)),
    (SUN, "nov 20", at(2026, 11, 20), at(2027, 11, 20)),
    (SUN, "30 nov", at(2025, 11, 30), at(2026, 11, 30)),
]


@pytest.mark.parametrize(("now", "text", "past", "future"), DIRECTED)
def test_parse_when_directions(now, text, past, future):
    assert typed_dates.parse_when(text, now, "past") == past
    assert typed_dates.parse_when(text, now, "future") == future


def test_parse_when_default_prefers_past():
    assert typed_dates.parse_when("fri", WED) == at(2026, 11, 20)


@pytest.mark.parametrize("text", ["  YESTERDAY ", "Yesterday", "\tyesterday\n"])
def test_parse_when_ignores_case_and_whitespace(text):
    assert typed_dates.parse_when(text, WED) == at(2026, 11, 24)


def test_parse_when_mixed_case_phrases():
    assert typed_dates.parse_when(" Last Fri ", WED) == at(2026, 11, 20)
    assert typed_dates.parse_when("MON 3PM", WED) == at(2026, 11, 23, 15)
    assert typed_dates.parse_when("20 NOV", WED) == at(2026, 11, 20)


def test_parse_when_keeps_the_zone_of_now():
    tokyo = pendulum.datetime(2026, 11, 25, 10, 30, tz="Asia/Tokyo")
    result = typed_dates.parse_when("yesterday", tokyo)
    assert result == pendulum.datetime(2026, 11, 24, 12, tz="Asia/Tokyo")
    assert result.timezone_name == "Asia/Tokyo"


def test_parse_when_uses_the_given_now_not_the_clock():
    with time_machine.travel(pendulum.datetime(2030, 6, 3, 8, tz="UTC"), tick=False):
        assert typed_dates.parse_when("2d ago", WED) == at(2026, 11, 23)
        assert typed_dates.parse_when("fri", SUN) == at(2026, 11, 27)


@pytest.mark.parametrize("text", ["blorp", "2026", "next", "   Blorp  "])
def test_parse_when_rejects_garbage(text):
    with pytest.raises(UserError) as caught:
        typed_dates.parse_when(text, WED)
    assert str(caught.value) == f'can\'t read "{text.strip()}" as a date: {WHEN_HINT}'


@pytest.mark.parametrize(
    ("text", "extra"), [("yesterday banana", "banana"), ("fri blorp", "blorp"), ("3pm x", "x")]
)
def test_parse_when_rejects_half_read_text(text, extra):
    with pytest.raises(UserError) as caught:
        typed_dates.parse_when(text, WED)
    assert str(caught.value) == (
        f'can\'t read "{text}" as a date ("{extra}" isn\'t part of one): {WHEN_HINT}'
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("feb 30", 'no such date: "feb 30" (Feb has 29 days)'),
        ("2026-02-29", 'no such date: "2026-02-29" (2026 is not a leap year)'),
        ("2026-13-01", 'no such date: "2026-13-01" (there is no month 13)'),
        ("2026-11-20 25:00", 'no such time: "2026-11-20 25:00"'),
    ],
)
def test_parse_when_rejects_impossible_dates(text, message):
    with pytest.raises(UserError) as caught:
        typed_dates.parse_when(text, WED)
    assert str(caught.value) == message


def test_parse_when_rejects_unknown_direction():
    with pytest.raises(ValueError):
        typed_dates.parse_when("fri", WED, "sideways")


# --- parse_day -------------------------------------------------------------------------

TODAY_WED = pendulum.date(2026, 11, 25)
TODAY_SUN = pendulum.date(2026, 11, 29)


@pytest.mark.parametrize(
    ("today", "text", "future", "past"),
    [
        (TODAY_WED, "today", TODAY_WED, TODAY_WED),
        (TODAY_WED, "now", TODAY_WED, TODAY_WED),
        (TODAY_WED, "tomorrow", pendulum.date(2026, 11, 26), pendulum.date(2026, 11, 26)),
        (TODAY_WED, "yesterday", pendulum.date(2026, 11, 24), pendulum.date(2026, 11, 24)),
        (TODAY_WED, "in 3 days", pendulum.date(2026, 11, 28), pendulum.date(2026, 11, 28)),
        (TODAY_WED, "2d ago", pendulum.date(2026, 11, 23), pendulum.date(2026, 11, 23)),
        (TODAY_WED, "3h ago", TODAY_WED, TODAY_WED),
        (TODAY_WED, "fri", pendulum.date(2026, 11, 27), pendulum.date(2026, 11, 20)),
        (TODAY_WED, "wed", TODAY_WED, TODAY_WED),
        (TODAY_WED, "next friday", pendulum.date(2026, 12, 4), pendulum.date(2026, 12, 4)),
        (TODAY_WED, "20 nov", pendulum.date(2027, 11, 20), pendulum.date(2026, 11, 20)),
        (TODAY_WED, "2026-11-20", pendulum.date(2026, 11, 20), pendulum.date(2026, 11, 20)),
        (TODAY_SUN, "mon 3pm", pendulum.date(2026, 11, 30), pendulum.date(2026, 11, 23)),
        (TODAY_SUN, "sun", TODAY_SUN, TODAY_SUN),
        (TODAY_SUN, "1w ago", pendulum.date(2026, 11, 22), pendulum.date(2026, 11, 22)),
    ],
)
def test_parse_day(today, text, future, past):
    assert typed_dates.parse_day(text, today) == future
    assert typed_dates.parse_day(text, today, "past") == past


@pytest.mark.parametrize("text", ["", "   "])
def test_parse_day_needs_text(text):
    with pytest.raises(UserError) as caught:
        typed_dates.parse_day(text, TODAY_WED)
    assert str(caught.value) == 'a date is needed: try "tomorrow", "in 3 days", "fri", "2026-11-20"'


def test_parse_day_rejects_garbage_with_due_date_examples():
    with pytest.raises(UserError) as caught:
        typed_dates.parse_day("soonish", TODAY_WED)
    assert str(caught.value) == (
        'can\'t read "soonish" as a date: try "tomorrow", "in 3 days", "fri", "2026-11-20"'
    )


# --- yearly dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1815-12-10", (1815, 12, 10)),
        ("12-10", (None, 12, 10)),
        ("--12-10", (None, 12, 10)),
        ("--1210", (None, 12, 10)),
        ("10 dec", (None, 12, 10)),
        ("dec 10", (None, 12, 10)),
        ("10 December 1815", (1815, 12, 10)),
        ("December 10, 1815", (1815, 12, 10)),
        ("dec 10 1815", (1815, 12, 10)),
        ("1815/12/10", (1815, 12, 10)),
        ("  10 DEC  ", (None, 12, 10)),
        ("sept 3", (None, 9, 3)),
        ("feb 29", (None, 2, 29)),
        ("--02-29", (None, 2, 29)),
        ("2000-02-29", (2000, 2, 29)),
    ],
)
def test_parse_yearly(text, expected):
    assert typed_dates.parse_yearly(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("13-45", 'no such date: "13-45" (there is no month 13)'),
        ("feb 30", 'no such date: "feb 30" (Feb has 29 days)'),
        ("04-31", 'no such date: "04-31" (Apr has 30 days)'),
        ("1815-02-29", 'no such date: "1815-02-29" (1815 is not a leap year)'),
        ("1900-02-29", 'no such date: "1900-02-29" (1900 is not a leap year)'),
        ("blorp", 'can\'t read "blorp" as a yearly date: try "1815-12-10", "12-10" (no year), '
                  '"10 dec"'),
        ("yesterday", 'can\'t read "yesterday" as a yearly date: try "1815-12-10", "12-10" '
                      '(no year), "10 dec"'),
        ("", 'a date is needed: try "1815-12-10", "12-10" (no year), "10 dec"'),
    ],
)
def test_parse_yearly_rejects(text, message):
    with pytest.raises(UserError) as caught:
        typed_dates.parse_yearly(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("args", "expected"), [((1815, 12, 10), "10 Dec 1815"), ((None, 12, 10), "10 Dec"),
                           ((None, 2, 5), "5 Feb")]
)
def test_format_yearly(args, expected):
    assert typed_dates.format_yearly(*args) == expected


@pytest.mark.parametrize(
    ("month", "day", "year", "rule", "expected"),
    [
        (12, 10, 2026, "feb28", pendulum.date(2026, 12, 10)),
        (2, 29, 2028, "feb28", pendulum.date(2028, 2, 29)),
        (2, 29, 2028, "mar1", pendulum.date(2028, 2, 29)),
        (2, 29, 2027, "feb28", pendulum.date(2027, 2, 28)),
        (2, 29, 2027, "mar1", pendulum.date(2027, 3, 1)),
        (2, 29, 1900, "mar1", pendulum.date(1900, 3, 1)),
    ],
)
def test_occurs_on(month, day, year, rule, expected):
    assert yearly.occurs_on(month, day, year, rule) == expected


def test_occurs_on_defaults_to_feb28_and_rejects_unknown_rules():
    assert yearly.occurs_on(2, 29, 2027) == pendulum.date(2027, 2, 28)
    with pytest.raises(ValueError):
        yearly.occurs_on(2, 29, 2027, "mar2")


@pytest.mark.parametrize(
    ("month", "day", "today", "rule", "expected"),
    [
        (1, 2, pendulum.date(2026, 12, 30), "feb28", pendulum.date(2027, 1, 2)),
        (12, 30, pendulum.date(2026, 12, 30), "feb28", pendulum.date(2026, 12, 30)),
        (12, 29, pendulum.date(2026, 12, 30), "feb28", pendulum.date(2027, 12, 29)),
        (2, 29, pendulum.date(2027, 3, 1), "mar1", pendulum.date(2027, 3, 1)),
        (2, 29, pendulum.date(2027, 3, 1), "feb28", pendulum.date(2028, 2, 29)),
        (2, 29, pendulum.date(2027, 2, 28), "feb28", pendulum.date(2027, 2, 28)),
        (2, 29, pendulum.date(2027, 2, 28), "mar1", pendulum.date(2027, 3, 1)),
        (2, 29, pendulum.date(2028, 1, 10), "feb28", pendulum.date(2028, 2, 29)),
        (2, 29, pendulum.date(2028, 1, 10), "mar1", pendulum.date(2028, 2, 29)),
        (2, 29, pendulum.date(2028, 3, 1), "feb28", pendulum.date(2029, 2, 28)),
        (2, 29, pendulum.date(2028, 3, 1), "mar1", pendulum.date(2029, 3, 1)),
    ],
)
def test_next_occurrence(month, day, today, rule, expected):
    assert yearly.next_occurrence(month, day, today, rule) == expected


def test_turning():
    assert yearly.turning(1815, pendulum.date(2026, 12, 10)) == 211
    assert yearly.turning(None, pendulum.date(2026, 12, 10)) is None
    born = typed_dates.parse_yearly("1990-01-02")
    occurrence = yearly.next_occurrence(born[1], born[2], pendulum.date(2026, 12, 30))
    assert yearly.turning(born[0], occurrence) == 37


# --- labels and arithmetic -------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "today"), (1, "tomorrow"), (3, "in 3 days"), (-1, "yesterday"), (-3, "3 days ago")],
)
def test_in_days(n, expected):
    assert clock.in_days(n) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (None, "never"), (-2, "today"), (0, "today"), (1, "1d"), (3, "3d"), (13, "13d"),
        (14, "2w"), (35, "5w"), (59, "8w"), (60, "2mo"), (120, "4mo"), (729, "24mo"),
        (730, "2y"), (1100, "3y"),
    ],
)
def test_since_label(days, expected):
    assert clock.since_label(days) == expected


def test_days_between():
    assert clock.days_between(pendulum.date(2026, 12, 30), pendulum.date(2027, 1, 2)) == 3
    assert clock.days_between(pendulum.date(2027, 1, 2), pendulum.date(2026, 12, 30)) == -3
    assert clock.days_between(pendulum.date(2028, 2, 28), pendulum.date(2028, 3, 1)) == 2
    assert clock.days_between(TODAY_WED, TODAY_WED) == 0


# --- the clock and the zone ------------------------------------------------------------

LATE_UTC = pendulum.datetime(2026, 11, 25, 23, 30, tz="UTC")


def test_local_tz_reads_the_environment_each_call(monkeypatch):
    monkeypatch.setenv("CONNECTTUI_TZ", "Asia/Tokyo")
    assert clock.local_tz().name == "Asia/Tokyo"
    monkeypatch.setenv("CONNECTTUI_TZ", "America/Los_Angeles")
    assert clock.local_tz().name == "America/Los_Angeles"
    monkeypatch.delenv("CONNECTTUI_TZ")
    assert clock.local_tz() == pendulum.local_timezone()


def test_local_tz_rejects_unknown_zones(monkeypatch):
    monkeypatch.setenv("CONNECTTUI_TZ", "Mars/Olympus")
    with pytest.raises(UserError) as caught:
        clock.local_tz()
    assert str(caught.value) == (
        'CONNECTTUI_TZ="Mars/Olympus" is not a time zone: try "Europe/Paris" or "UTC"'
    )


@pytest.mark.parametrize(
    ("zone", "expected_now", "expected_day"),
    [
        ("Asia/Tokyo", pendulum.datetime(2026, 11, 26, 8, 30, tz="Asia/Tokyo"),
         pendulum.date(2026, 11, 26)),
        ("America/Los_Angeles",
         pendulum.datetime(2026, 11, 25, 15, 30, tz="America/Los_Angeles"),
         pendulum.date(2026, 11, 25)),
    ],
)
def test_now_and_today_follow_the_zone(monkeypatch, zone, expected_now, expected_day):
    monkeypatch.setenv("CONNECTTUI_TZ", zone)
    with time_machine.travel(LATE_UTC, tick=False):
        moment = clock.now()
        assert moment == expected_now
        assert moment.timezone_name == zone
        assert moment.hour == expected_now.hour
        assert clock.today() == expected_day


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("Asia/Tokyo", pendulum.date(2026, 11, 26)),
     ("America/Los_Angeles", pendulum.date(2026, 11, 25))],
)
def test_local_day(monkeypatch, zone, expected):
    monkeypatch.setenv("CONNECTTUI_TZ", zone)
    assert clock.local_day(LATE_UTC) == expected
    assert clock.local_day(dt.datetime(2026, 11, 25, 23, 30)) == expected  # naive means UTC
