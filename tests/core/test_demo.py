"""The demo network: believable in size and shape, interesting on the upcoming list, and
the same database every time for the same day and seed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pendulum
import pytest

from connecttui.core import db as store
from connecttui.core import demo, planning, touches
from connecttui.core.errors import UserError
from connecttui.core.models import (
    KINDS,
    Contact,
    Fact,
    Occasion,
    OpenLoop,
    Touch,
    TouchContact,
)
from connecttui.interop import backup

TODAY = pendulum.Date(2026, 11, 27)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    """One demo file for the read-only tests (building takes a second or so)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONNECTTUI_TZ", "Europe/London")
        try:
            result = demo.create_demo_db(path, TODAY)
        finally:
            store.close_db()
    return path, result


@pytest.fixture
def counts(home, built, today):
    """The demo database, opened for this test; `today` is the day it was built for."""
    assert today == TODAY
    store.open_db(built[0])
    try:
        yield built[1]
    finally:
        store.close_db()


def test_counts_are_in_range(counts):
    assert 55 <= counts["contacts"] <= 65
    assert 800 <= counts["touches"] <= 3000
    assert 40 <= counts["birthdays"] <= 50
    assert counts["occasions"] >= counts["birthdays"] + 6
    assert 10 <= counts["open_loops"] <= 15
    assert 30 <= counts["facts"] <= 100
    assert counts["contacts"] == Contact.select().count()


def test_circles_names_and_content(counts):
    by_circle = Counter(
        c.circle.name if c.circle else "" for c in Contact.select()
    )
    assert 6 <= by_circle["inner"] <= 10 and 6 <= by_circle["resting"] <= 10
    assert 15 <= by_circle["friends"] <= 25 and 15 <= by_circle["work"] <= 25
    assert by_circle[""] >= 1
    names = [c.name for c in Contact.select()]
    assert any(not name.isascii() and name[0].isascii() for name in names)  # accents
    assert any(ord(name[0]) > 0x2000 for name in names)  # non-Latin scripts
    assert Contact.select().where(Contact.nicknames != "").count() >= 5
    assert Contact.select().where(Contact.how_met != "").count() == counts["contacts"]
    assert Contact.select().where(Contact.why_care != "").count() > counts["contacts"] // 2


def test_every_kind_and_initiator_appears_and_some_touches_are_shared(counts, today):
    kinds = {row[0] for row in Touch.select(Touch.kind).tuples()}
    assert kinds == set(KINDS)
    assert {row[0] for row in Touch.select(Touch.initiator).tuples()} == {"out", "in", "both"}
    per_touch = Counter(row[0] for row in TouchContact.select(TouchContact.touch).tuples())
    assert 5 <= sum(1 for n in per_touch.values() if n > 1) <= 30
    first = min(row[0] for row in Touch.select(Touch.at).tuples())
    assert first.date() >= today.subtract(days=731)
    latest = max(row[0] for row in Touch.select(Touch.at).tuples())
    assert latest.date() < today  # nothing logged in the future


def test_occasions_cover_the_odd_cases(counts, today):
    leap = list(Occasion.select().where((Occasion.month == 2) & (Occasion.day == 29)))
    assert len(leap) == 1 and leap[0].feb29 == "mar1"
    birthdays = Occasion.select().where(Occasion.kind == "birthday")
    assert 6 <= birthdays.where(Occasion.year.is_null()).count() <= 14
    assert Occasion.select().where(Occasion.kind == "anniversary").count() >= 5
    assert Occasion.select().where(Occasion.kind == "custom").count() >= 2
    assert {o.lead_days for o in Occasion.select()} >= {0, 7, 10}
    soon = [o for o in planning.upcoming(today) if o.kind == "occasion"]
    assert sum(1 for o in soon if "birthday" in o.text) >= 3
    assert any(o.days == 0 and "birthday" in o.text for o in soon)
    assert any("anniversary" in o.text for o in soon)


def test_some_contacts_drift_and_upcoming_is_interesting(counts, today):
    rows = touches.contact_rows(today)
    drifting = [row for row in rows if row.drift]
    assert 5 <= len(drifting) <= 12
    assert 2 <= sum(1 for row in drifting if row.drift == 2) <= 3
    kinds = {s.kind for s in planning.upcoming(today)}
    assert {"occasion", "loop", "drift"} <= kinds


def test_open_loops_span_overdue_today_later_and_done(counts, today):
    loops = list(OpenLoop.select())
    open_ = [loop for loop in loops if loop.done_at is None]
    assert sum(1 for loop in open_ if loop.due < today) >= 2
    assert sum(1 for loop in open_ if loop.due == today) >= 2
    assert sum(1 for loop in open_ if loop.due > today) >= 3
    assert sum(1 for loop in loops if loop.done_at is not None) >= 2


def test_needs_meet_offers(counts):
    kinds = Counter(row[0] for row in Fact.select(Fact.kind).tuples())
    assert set(kinds) == {"interest", "need", "offer", "other"}
    assert Fact.select(Fact.contact).distinct().count() >= 25
    texts = {(f.kind, f.text) for f in Fact.select()}
    assert ("need", "a tax adviser") in texts and ("offer", "knows tax law") in texts


def _document(path: Path, today: pendulum.Date, seed: int = 2026) -> dict:
    store.open_db(path)
    try:
        demo.populate(today, seed)
        return backup.document()
    finally:
        store.close_db()


def test_same_day_and_seed_give_the_same_database(counts, tmp_path, today):
    first = backup.document()
    store.close_db()
    second = _document(tmp_path / "b.db", today)
    assert first == second
    other = _document(tmp_path / "c.db", today, seed=7)
    assert other["tables"]["contact"] != first["tables"]["contact"]
    assert other["tables"]["touch"] != first["tables"]["touch"]


def test_create_demo_db_refuses_existing_files(home, tmp_path, today):
    path = tmp_path / "demo.db"
    try:
        result = demo.create_demo_db(path, today)
    finally:
        store.close_db()
    assert result["contacts"] >= 55
    with pytest.raises(UserError, match="already exists"):
        demo.create_demo_db(path, today)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    with pytest.raises(UserError):
        demo.create_demo_db(notes, today)
    assert notes.read_text() == "not a database"
