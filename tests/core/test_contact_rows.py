"""The contacts list's reads (issue 7): the local day of a stored moment worked out per UTC
day, pages of the list, and the head of Upcoming that the main screen shows first."""

from __future__ import annotations

import datetime as dt
import random

import pendulum
import pytest

from connecttui.core import clock, planning, touches
from connecttui.core.demo import populate

ZONES = ["Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns",
         "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]


@pytest.fixture
def demo(db, today):
    populate(today)
    return today


def slow_local_day(text: str, zone) -> int:
    """The plain way: a datetime in UTC, moved to the zone."""
    moment = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
    return moment.astimezone(zone).date().toordinal()


@pytest.mark.parametrize("zone_name", ZONES)
def test_local_days_equal_the_plain_conversion(zone_name):
    """Random moments over ten years (every DST change in them), and the edges of days."""
    zone = pendulum.timezone(zone_name)
    local = clock.LocalDays(zone)
    rng = random.Random(zone_name)
    start = dt.datetime(2018, 1, 1)
    texts = [str(start + dt.timedelta(seconds=rng.randrange(10 * 366 * 86400)))
             for _ in range(4000)]
    texts += [f"2026-{m:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}" for m in (3, 4, 10, 11)
              for d in (1, 5, 25, 29) for h, mi, s in ((0, 0, 0), (23, 59, 59), (12, 30, 0))]
    texts += ["2026-07-01 22:59:59.5", "2026-07-01T23:00:00", "2026-07-01 23:00:00+00:00"]
    for text in texts:
        assert local(text) == slow_local_day(text.replace("+00:00", ""), zone), text
    assert local(None) is None


def test_local_days_of_a_bare_date_and_a_datetime():
    local = clock.LocalDays(pendulum.timezone("Asia/Kolkata"))
    assert local("2026-07-01") == dt.date(2026, 7, 1).toordinal()
    assert local(dt.datetime(2026, 7, 1, 20, 0)) == dt.date(2026, 7, 2).toordinal()


def test_pages_are_slices_of_the_whole_list(demo):
    rows = touches.contact_rows(demo)
    assert len(rows) > 12
    assert touches.contact_rows(demo, limit=7) == rows[:7]
    assert touches.contact_rows(demo, limit=7, offset=5) == rows[5:12]
    assert touches.contact_count() == len(rows)
    assert touches.contact_rows(demo, rows[3].id) == [rows[3]]


def test_upcoming_head_is_the_start_of_upcoming(demo):
    head = planning.upcoming_head(demo)
    full = planning.upcoming(demo)
    assert head and len(full) > len(head)
    assert full[: len(head)] == head
    assert {item.kind for item in full[len(head):]} <= {"drift", "memory", "intro"}
