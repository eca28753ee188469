"""The demo network: believable in size and shape, interesting on the upcoming list, and
the same database every time for the same day and seed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pendulum
import pytest

from connecttui.core import (
    cards,
    demo,
    family,
    gifts,
    matching,
    memories,
    occasions,
    patience,
    planning,
    touches,
)
from connecttui.core.errors import UserError
from connecttui.core.store import db as store
from connecttui.core.store.models import (
    KINDS,
    Circle,
    Contact,
    Fact,
    Gift,
    Occasion,
    OpenLoop,
    Touch,
    TouchContact,
)
from connecttui.interop import backup

TODAY = pendulum.Date(2026, 11, 27)


SPRING = pendulum.Date(2027, 3, 1)  # a second day: the demo must show every practice on any day


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Build a demo file per day, once, for the read-only tests (a few seconds each)."""
    made: dict[pendulum.Date, tuple[Path, dict]] = {}

    def build(day: pendulum.Date) -> tuple[Path, dict]:
        if day not in made:
            path = tmp_path_factory.mktemp("demo") / "demo.db"
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("CONNECTTUI_TZ", "Europe/London")
                try:
                    made[day] = path, demo.create_demo_db(path, day)
                finally:
                    store.close_db()
        return made[day]

    return build


@pytest.fixture
def built(builds) -> tuple[Path, dict]:
    return builds(TODAY)


@pytest.fixture(params=[TODAY, SPRING], ids=str)
def day(request, home, builds):
    """The demo built for `day`, opened for this test; each test runs for both days."""
    path, _ = builds(request.param)
    store.open_db(path)
    try:
        yield request.param
    finally:
        store.close_db()


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
    assert 15 <= counts["family"] <= 40 and 10 <= counts["gifts"] <= 30
    assert 15 <= counts["cards"] <= 30 and counts["matches"] >= 2 and counts["memories"] >= 2
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
    assert 2 <= Contact.select().where(Contact.why_care == "").count() <= 6  # care: a few left


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


def test_upcoming_shows_every_practice(day):
    upcoming = planning.upcoming(day)
    kinds = {s.kind for s in upcoming}
    assert {"occasion", "loop", "drift", "intro", "memory", "gift"} <= kinds
    texts = [s.text for s in upcoming]
    assert any("gift idea" in s.text and "lead time" in s.reason
               for s in upcoming if s.kind == "gift")
    assert any(" & " in t and "anniversary" in t for t in texts)  # a couple's shared date
    assert any("learned from your rhythm" in s.reason for s in upcoming if s.kind == "drift")
    assert {s.level for s in upcoming if s.kind == "drift"} == {1, 2}  # amber and red
    assert any(t.startswith("a year ago today: ") for t in texts)
    assert any(t.startswith("2 years ago today: ") for t in texts)


def test_patience_shows_a_streak_a_turn_social_touches_and_learned_windows(day):
    lines = [patience.reach_out_line(patience.reach_out(c.id)) for c in Contact.select()]
    assert 1 <= sum(1 for line in lines if line.endswith("give it space")) <= 2
    assert sum(1 for line in lines if line.endswith("your turn")) >= 3
    assert Touch.select().where(Touch.kind == "social").count() >= 10
    learned = [r for r in touches.contact_rows(day) if r.learned and not r.circle]
    assert len(learned) >= 2
    assert any(r.drift for r in learned) and not all(r.drift for r in learned)


def test_needs_meet_offers_and_some_were_introduced(day):
    found = matching.matches()
    resting = {c.id for c in Contact.select().join(Circle).where(Circle.resting)}
    pairs = {(m.need_contact_id, m.offer_contact_id) for m in found}
    assert len(pairs) >= 2 and not any(set(pair) & resting for pair in pairs)
    assert any("tax" in m.shared for m in found)
    intros = matching.intro_suggestions(day)
    assert 1 <= len(intros) < len(found)  # one pair was already introduced
    assert matching.introduced_pairs()
    assert Touch.select().where(Touch.kind == "help").count() >= 10
    tagged = {f.kind for f in Fact.select().where(Fact.tags != "")}
    assert tagged == {"interest", "need", "offer", "other"}


def test_memories_on_this_day(day):
    years = {m.years_ago for m in memories.on_this_day(day)}
    assert {1, 2} <= years
    with_two = [m for m in memories.on_this_day(day) if len(m.contact_ids) >= 2]
    assert with_two and all(m.note for m in with_two)


def test_the_little_things(day):
    people = [c.id for c in Contact.select()]
    relatives = [m for cid in people for m in family.members(cid, day)]
    assert len({m.id for m in relatives}) >= 8 and any(m.age is not None for m in relatives)
    kids = [m for m in relatives if m.relation == "child" and m.age is not None]
    assert any(m.activities and family.describe(m).startswith(f"{m.name}, {m.age}, ")
               for m in kids)
    linked = [m for m in relatives if m.relation == "partner" and m.linked_id]
    assert linked
    partner = linked[0].linked_id
    shared = [c for c in occasions.coming(day, contact_id=partner) if c.partner_id]
    assert any(c.days <= 14 and c.title.startswith("wedding anniversary with ") for c in shared)
    assert Occasion.select().where(Occasion.partner.is_null(False)).count() == 1
    given = Gift.select().where(Gift.status == "given")
    assert given.count() >= 5 and all(g.on < day for g in given)
    assert Gift.select().where(Gift.status == "idea").count() >= 3
    assert any(s.days <= 10 for s in gifts.lead_suggestions(day))
    cards_now = cards.card_list(day.year)
    assert 10 <= len(cards_now) <= 14 and all(row.address for row in cards_now)
    assert any(row.sent for row in cards_now) and not all(row.sent for row in cards_now)
    assert all(row.sent for row in cards.card_list(day.year - 1))


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


def test_the_second_day_is_deterministic_too(home, builds, tmp_path):
    store.open_db(builds(SPRING)[0])
    try:
        first = backup.document()
    finally:
        store.close_db()
    assert _document(tmp_path / "b.db", SPRING) == first


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
