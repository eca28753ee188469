"""`touches.drifting_rows` (what Upcoming reads) gives exactly the drifting rows of
`touches.contact_rows`, though SQL drops the contacts that cannot drift first.

Random networks in zones far from UTC either way and across a DST change: windows on the
contact, on the circle, from the settings' [windows], learned from the rhythm, or none;
social and full touches; contacts never touched; resting circles."""

from __future__ import annotations

import random

import pendulum
import pytest
import time_machine

from connecttui.core import circles, people, touches
from connecttui.core.store.models import Contact
from connecttui.settings.config import config_file

ZONES = ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London", "America/St_Johns"]
KINDS = ["call", "message", "together", "social", "social", "help"]


def seed_network(rng: random.Random, now: pendulum.DateTime) -> None:
    circles.add_circle("no window")
    circles.add_circle("configured")
    circles.add_circle("sleepy", ideal_days=5, resting=True)
    names = ["inner", "friends", "work", "resting", "no window", "configured", "sleepy", None]
    for number in range(240):
        added = now.subtract(days=rng.randint(0, 400), hours=rng.randint(0, 23))
        with time_machine.travel(added, tick=False):
            own = rng.choice([None, None, None, rng.randint(1, 40)])
            contact = people.add_contact(f"Person {number}", circle=rng.choice(names),
                                         ideal_days=own)
        for _ in range(rng.choice([0, 0, 1, 2, 6, 9])):
            at = now.subtract(days=rng.randint(0, 120), hours=rng.randint(0, 23),
                              minutes=rng.randint(0, 59))
            touches.log_touch([contact.id], rng.choice(KINDS), at=at)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("seed", [1, 2])
def test_drifting_rows_are_the_drifting_contact_rows(db, home, monkeypatch, zone, seed):
    monkeypatch.setenv("CONNECTTUI_TZ", zone)
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text('[windows]\nconfigured = "3/9"\n')
    now = pendulum.datetime(2026, 3, 29, 0, 30, tz="UTC")  # London's clocks go forward
    seed_network(random.Random(seed), now)
    for offset_hours in (0, 11, 23):
        today = now.add(hours=offset_hours).in_timezone(zone).date()
        expected = [row for row in touches.contact_rows(today) if row.drift]
        found = touches.drifting_rows(today)
        assert found == expected
    assert 20 < len(expected) < Contact.select().count()  # the data has both kinds


@pytest.mark.sqlite_only("the SQL filter is SQLite's (julianday); PostgreSQL reads every row")
def test_the_filter_is_what_skips_contacts(db, home):
    """The SQL really drops contacts (the check above would pass with no filter at all)."""
    fresh = people.add_contact("Fresh Touch", circle="inner")
    touches.log_touch([fresh.id], "call", at=pendulum.now("UTC"))
    old = people.add_contact("Long Ago", circle="inner")
    touches.log_touch([old.id], "call", at=pendulum.now("UTC").subtract(days=90))
    today = pendulum.now("UTC").date()
    sql = touches._contact_rows_sql
    seen: list[str] = []
    original = touches._rows

    def spy(today, where, params):
        seen.append(where)
        return original(today, where, params)

    touches._rows = spy
    try:
        assert [row.name for row in touches.drifting_rows(today)] == ["Long Ago"]
    finally:
        touches._rows = original
    assert seen and "julianday" in seen[0]
    read = Contact._meta.database.execute_sql(sql(seen[0]), (today.isoformat(),)).fetchall()
    assert [row[1] for row in read] == ["Long Ago"]
