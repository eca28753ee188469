"""Snoozing a suggestion for 3, 7 or 14 days: it comes back on its own, on the until day."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import snooze
from connecttui.core.errors import UserError
from connecttui.core.store.models import Snooze

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def stored() -> list[tuple[str, str, pendulum.Date]]:
    return sorted(Snooze.select(Snooze.kind, Snooze.ref, Snooze.until).tuples())


def test_snooze_until_today_plus_days(db, today):
    with time_machine.travel(NOW, tick=False):
        row = snooze.snooze("drift", "5", 7, today)
    assert stored() == [("drift", "5", pendulum.Date(2026, 12, 4))]
    got = Snooze.get_by_id(row.id)
    assert (got.until, got.created_at) == (pendulum.Date(2026, 12, 4), NOW)
    assert isinstance(got.until, pendulum.Date)


@pytest.mark.parametrize("days", [3, 7, 14])
def test_snoozed_until_the_day_before_and_back_on_the_until_day(db, today, days):
    snooze.snooze("loop", "12", days, today)
    assert snooze.active(today) == {("loop", "12")}
    assert snooze.active(today.add(days=days - 1)) == {("loop", "12")}
    assert snooze.active(today.add(days=days)) == set()
    assert snooze.active(today.add(days=days + 1)) == set()
    assert stored() == [("loop", "12", today.add(days=days))]  # kept, just no longer active


@pytest.mark.parametrize("days", [0, 1, 2, 5, 30, -3])
def test_only_3_7_or_14_days(db, today, days):
    with pytest.raises(UserError, match=f"snooze for 3, 7, 14 days, not {days}"):
        snooze.snooze("drift", "5", days, today)
    assert stored() == []


@pytest.mark.parametrize(
    ("kind", "ref", "message"),
    [
        ("birthday", "5", 'cannot snooze a "birthday"'),
        ("", "5", 'cannot snooze a ""'),
        ("drift", "  ", "without a reference"),
        ("drift", "", "without a reference"),
    ],
)
def test_unknown_kind_or_empty_ref_stores_nothing(db, today, kind, ref, message):
    with pytest.raises(UserError, match=message):
        snooze.snooze(kind, ref, 3, today)
    assert stored() == []


def test_snoozing_again_replaces_from_the_new_day(db, today):
    first = snooze.snooze("intro", "4:9", 14, today)
    again = snooze.snooze("intro", "4:9", 3, today.add(days=1))
    assert again.id == first.id
    assert stored() == [("intro", "4:9", pendulum.Date(2026, 12, 1))]
    assert snooze.active(today.add(days=3)) == {("intro", "4:9")}
    assert snooze.active(today.add(days=4)) == set()


def test_same_ref_of_another_kind_is_another_snooze(db, today):
    snooze.snooze("drift", "5", 3, today)
    snooze.snooze("loop", "5", 14, today)
    assert snooze.active(today.add(days=3)) == {("loop", "5")}
    assert snooze.active(today) == {("drift", "5"), ("loop", "5")}


def test_unsnooze(db, today):
    snooze.snooze("drift", "5", 7, today)
    snooze.snooze("drift", "6", 7, today)
    assert snooze.unsnooze("drift", "5") is True
    assert snooze.unsnooze("drift", "5") is False
    assert snooze.unsnooze("memory", "6") is False
    assert snooze.active(today) == {("drift", "6")}


def test_purge_expired_keeps_the_active_ones(db, today):
    snooze.snooze("drift", "1", 3, today)
    snooze.snooze("drift", "2", 7, today)
    snooze.snooze("drift", "3", 14, today)
    assert snooze.purge_expired(today.add(days=2)) == 0
    assert snooze.purge_expired(today.add(days=7)) == 2
    assert stored() == [("drift", "3", today.add(days=14))]
    assert snooze.active(today.add(days=7)) == {("drift", "3")}
