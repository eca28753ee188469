"""A deceased contact: kept (search, timelines, their card), never drifting, never suggested;
their birthdays only as remembrance when asked. Each test first shows the suggestion about
Charles while he is alive, so it fails if marking him changed nothing."""

from __future__ import annotations

import json

import pendulum
import pytest
import time_machine

from connecttui.core import (
    briefing,
    cards,
    deceased,
    facts,
    gifts,
    matching,
    memories,
    occasions,
    people,
    planning,
    review_report,
    review_week,
    search,
    touches,
    undo,
    weekplan,
)
from connecttui.core.errors import UserError
from connecttui.core.store.models import Contact, Occasion, Trash, UndoEntry

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")
DIED = pendulum.Date(2024, 3, 3)


@pytest.fixture(autouse=True)
def frozen(home):
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def charles(db):
    """Charles Babbage, alive for now: drifting (his last call 100 days ago), a birthday in
    two days with a gift idea for it, an open loop due today, an offer that meets Ada's
    need, a memory of this day a year ago, and on this year's holiday card list."""
    ada = people.add_contact("Ada Lovelace", circle="inner")
    touches.log_touch([ada.id], "call", at=NOW.subtract(days=2))
    charles = people.add_contact("Charles Babbage", circle="inner", birthday=(1791, 11, 29))
    touches.log_touch([charles.id], "call", at=NOW.subtract(days=100), note="the engines")
    touches.log_touch([charles.id], "memory", at=NOW.subtract(years=1), note="the soirée")
    birthday = people.birthday_of(charles.id)
    gifts.add_gift(charles.id, "a slide rule", "idea", birthday.id)
    planning.add_open_loop(charles.id, "send the tables", pendulum.Date(2026, 11, 27))
    facts.add_fact(ada.id, "need", "a tax adviser", tags=["tax"])
    facts.add_fact(charles.id, "offer", "knows tax law", tags=["tax"])
    cards.add_card(charles.id, 2026)
    cards.add_card(ada.id, 2026)
    return people.get_contact(charles.id)


def about(items, name: str = "Charles Babbage") -> list[str]:
    return [f"{s.kind}: {s.text}" for s in items if name in s.text or s.contact_name == name]


def test_upcoming_never_suggests_them(charles, today):
    before = about(planning.upcoming(today))
    assert {line.split(":")[0] for line in before} == {
        "occasion", "loop", "gift", "drift", "memory", "intro"}
    assert "turns 235" in " ".join(before)

    marked = deceased.mark_deceased(charles.id, DIED, today)

    assert marked.open_loops == 1
    assert about(planning.upcoming(today)) == []
    assert about(planning.upcoming_head(today)) == []
    assert [s.kind for s in planning.upcoming(today)] == []  # Ada's need has no one left


def test_never_drifting_but_kept_in_the_list_with_their_days(charles, today):
    [row] = [r for r in touches.contact_rows(today) if r.id == charles.id]
    assert row.drift == 2 and not row.deceased
    assert [r.name for r in touches.drifting_rows(today)] == ["Charles Babbage"]

    deceased.mark_deceased(charles.id, None, today)

    [row] = [r for r in touches.contact_rows(today) if r.id == charles.id]
    assert (row.drift, row.deceased, row.days_since) == (0, True, 100)
    assert touches.drifting_rows(today) == []


def test_kept_in_search_and_on_the_timelines(charles, today):
    deceased.mark_deceased(charles.id, DIED, today)
    assert [h.contact_name for h in search.search("Babbage")] == ["Charles Babbage"]
    assert [(h.kind, h.contact_name) for h in search.search("engines")] == [
        ("touch", "Charles Babbage")]
    assert [row.note for row in touches.timeline(charles.id)] == ["the engines", "the soirée"]
    assert "the engines" in [row.note for row in touches.timeline()]
    assert people.find_contact("charles").id == charles.id


def test_the_review_and_the_week_plan_leave_them_out(charles, today):
    mary = people.add_contact("Mary Somerville")
    touches.log_touch([mary.id], "message", at=NOW.subtract(days=3), initiator="in",
                      note="are you coming?")
    facts.add_fact(mary.id, "need", "someone to feed the cat")
    week = review_week.week_of(today)[0]

    def seen() -> dict[str, list[str]]:
        rep = review_report.report(week, today)
        plan = [item.text for day in weekplan.plan_week(today) for item in day.items]
        return {
            "drifting": [s.contact_name for s in rep.drifting],
            "coming up": [s.contact_name for s in rep.coming_up if s.contact_name],
            "loops": [s.contact_name for s in rep.loops_due],
            "unanswered": [u.name for u in rep.unanswered],
            "help": [h.contact_name for h in rep.help_ideas],
            "plan": [text for text in plan if "Charles" in text or "Mary" in text],
        }

    assert seen() == {
        "drifting": ["Charles Babbage"], "coming up": ["Charles Babbage", "Charles Babbage"],
        "loops": ["Charles Babbage"], "unanswered": ["Mary Somerville"],
        "help": ["Ada Lovelace", "Mary Somerville"],
        "plan": ["Charles Babbage: send the tables",
                 "Charles Babbage's birthday in 2 days: gift idea: a slide rule",
                 "Charles Babbage: birthday (turns 235)"],
    }
    deceased.mark_deceased(charles.id, DIED, today)
    deceased.mark_deceased(mary.id, None, today)
    assert seen() == {"drifting": [], "coming up": [], "loops": [], "unanswered": [],
                      "help": ["Ada Lovelace"], "plan": []}
    assert [s.kind for s in weekplan.coming_up(today)] == []


def test_introductions_memories_gifts_and_cards(charles, today):
    grace = people.add_contact("Grace Hopper")
    touches.log_touch([charles.id, grace.id], "memory", at=NOW.subtract(years=2),
                      note="the lecture")
    december = pendulum.Date(2026, 12, 12)
    assert len(matching.matches()) == 1
    assert [s.contact_name for s in memories.memory_suggestions(today)] == [
        "Charles Babbage", "Charles Babbage"]
    assert [s.contact_name for s in gifts.lead_suggestions(today)] == ["Charles Babbage"]
    assert [s.text for s in cards.card_suggestions(december)] == [
        "holiday cards: 2 of 2 still to post"]

    deceased.mark_deceased(charles.id, DIED, today)

    assert matching.matches() == [] and matching.intro_suggestions(today) == []
    # the memory shared with Grace comes back on her; the one with Charles alone does not
    assert [(s.contact_name, s.text) for s in memories.memory_suggestions(today)] == [
        ("Grace Hopper", "2 years ago today: the lecture (with Charles Babbage, Grace Hopper)")]
    assert gifts.lead_suggestions(today) == []
    assert [s.text for s in cards.card_suggestions(december)] == [
        "holiday cards: 1 of 1 still to post"]
    assert [row.deceased for row in cards.card_list(2026)] == [False, True]  # kept on the list


def test_remembrance_only_when_asked_and_never_an_age(charles, today):
    ada = people.get_contact(people.find_contact("ada").id)
    occasions.add_occasion(ada.id, "anniversary", 12, 1, year=1835, partner_id=charles.id)
    deceased.mark_deceased(charles.id, DIED, today)

    assert occasions.coming(today) == []
    items = occasions.coming(today, remembrance=True)
    assert [(c.contact_name, occasions.describe(c), c.lead_days) for c in items] == [
        ("Charles Babbage", "birthday in 2 days, in remembrance", 0),
        ("Ada Lovelace & Charles Babbage", "anniversary in 4 days, in remembrance", 0),
    ]
    shown = [s.text for s in planning.upcoming(today, remembrance=True)]
    assert shown == ["Charles Babbage: birthday in 2 days, in remembrance",
                     "Ada Lovelace & Charles Babbage: anniversary in 4 days, in remembrance"]
    assert all(s.level == 0 for s in planning.upcoming(today, remembrance=True))
    # beyond the days asked, a lead time never brings them in
    Occasion.update(lead_days=7).execute()
    assert [c.title for c in occasions.coming(today, days=1)] == []
    assert occasions.coming(today, days=1, remembrance=True) == []
    Occasion.update(lead_days=0).execute()
    plan = [i.text for d in weekplan.plan_week(today, remembrance=True) for i in d.items]
    assert "Charles Babbage: birthday, in remembrance" in plan
    assert not any("turns" in text or "prepare" in text.lower() for text in plan)
    assert [s.text for s in weekplan.coming_up(today, remembrance=True)] == shown
    # on his own card, always, worded as remembrance
    card = briefing.briefing(charles.id, today)
    assert [occasions.describe(c) for c in card.coming] == [
        "birthday in 2 days, in remembrance", "anniversary with Ada Lovelace in 4 days, "
        "in remembrance"]


def test_the_briefing_says_it(charles, today):
    alive = briefing.status_line(briefing.briefing(charles.id, today))
    assert alive.startswith("last touch 100 days ago · window 14-30d")
    deceased.mark_deceased(charles.id, DIED, today)
    card = briefing.briefing(charles.id, today)
    assert briefing.status_line(card) == "Died 3 March 2024 · last touch 100 days ago"
    assert card.reach_line == "" and card.drift == 0
    assert [loop.text for loop in card.open_loops] == ["send the tables"]  # still there
    text = briefing.as_text(card, today)
    assert "Died 3 March 2024" in text and "turns" not in text
    deceased.mark_deceased(charles.id, None, today)
    assert briefing.status_line(briefing.briefing(charles.id, today)).startswith("Deceased · ")


def test_mark_and_clear_each_have_their_undo(charles, today):
    deceased.mark_deceased(charles.id, DIED, today)
    deceased.mark_deceased(charles.id, pendulum.Date(2024, 3, 4), today)  # the day corrected
    assert UndoEntry.select().count() == 2
    assert undo.undo_last() == "undid: marked Charles Babbage deceased"
    stored = Contact.get_by_id(charles.id)
    assert (stored.deceased, stored.deceased_on) == (True, DIED)

    cleared = deceased.clear_deceased(charles.id)
    assert (cleared.deceased, cleared.deceased_on) == (False, None)
    assert [r.drift for r in touches.drifting_rows(today)] == [2]  # drifting again
    assert undo.undo_last() == "undid: cleared deceased for Charles Babbage"
    assert (Contact.get_by_id(charles.id).deceased, Contact.get_by_id(charles.id).deceased_on
            ) == (True, DIED)
    assert undo.undo_last() == "undid: marked Charles Babbage deceased"
    assert Contact.get_by_id(charles.id).deceased is False


def test_refusals_store_nothing(charles, today):
    with pytest.raises(UserError, match="not marked deceased"):
        deceased.clear_deceased(charles.id)
    with pytest.raises(UserError, match="future"):
        deceased.mark_deceased(charles.id, today.add(days=1), today)
    with pytest.raises(UserError, match="no longer exists"):
        deceased.mark_deceased(9999, None, today)
    assert not Contact.get_by_id(charles.id).deceased
    assert UndoEntry.select().count() == 0


def test_reading_the_day(today):
    assert deceased.read_day("", today) is None
    assert deceased.read_day("2024-03-03", today) == DIED
    assert deceased.read_day("3 march", today) == pendulum.Date(2026, 3, 3)  # the last one
    with pytest.raises(UserError, match="future"):
        deceased.read_day("2027-01-01", today)
    with pytest.raises(UserError, match="can't read"):
        deceased.read_day("banana", today)


def test_the_trash_gives_them_back_deceased(charles, today):
    deceased.mark_deceased(charles.id, DIED, today)
    people.delete_contact(charles.id)
    undo.restore_contact(Trash.get().id)
    stored = Contact.get_by_id(charles.id)
    assert (stored.deceased, stored.deceased_on) == (True, DIED)


def test_a_trash_item_kept_before_schema_8_comes_back_alive(charles, today):
    """A snapshot from an older schema has no deceased columns: they get their defaults."""
    people.delete_contact(charles.id)
    item = Trash.get()
    snapshot = json.loads(item.snapshot)
    del snapshot["contact"]["deceased"], snapshot["contact"]["deceased_on"]
    Trash.update(snapshot=json.dumps(snapshot)).where(Trash.id == item.id).execute()
    undo.restore_contact(item.id)
    stored = Contact.get_by_id(charles.id)
    assert (stored.name, stored.deceased, stored.deceased_on) == (
        "Charles Babbage", False, None)
