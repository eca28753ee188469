"""The Friday review and the week ahead: weeks, summaries, trends, the saved record, the plan.

The clock is frozen wherever the code reads it (a review's saved_at, a loop's created_at);
days are always passed explicitly. The fixtures' zone is Europe/London (UTC+0 in winter), so
a UTC moment in these tests is also the local time unless a test changes CONNECTTUI_TZ.
"""

from __future__ import annotations

import json

import pendulum
import pytest
import time_machine

from connecttui.core import (
    cards,
    facts,
    gifts,
    occasions,
    people,
    planning,
    review_report,
    review_saved,
    review_week,
    snooze,
    touches,
    weekplan,
)
from connecttui.core.errors import NotFound, UserError
from connecttui.core.review_saved import Commitment
from connecttui.core.store.models import Contact, OpenLoop, Review

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")  # Friday
FRIDAY = pendulum.Date(2026, 11, 27)
MONDAY = pendulum.Date(2026, 11, 23)
NEXT_MONDAY = pendulum.Date(2026, 11, 30)


def add(name: str, circle: str | None = None, **kwargs) -> Contact:
    """A contact created the day before NOW, so it never drifts unless a test says so."""
    with time_machine.travel(NOW.subtract(days=1), tick=False):
        return people.add_contact(name, circle=circle, **kwargs)


def log(who, at, kind="call", initiator="out", note=""):
    who = who if isinstance(who, list | tuple) else [who]
    # future: these weeks are placed anywhere in time, not from the clock
    return touches.log_touch([c.id for c in who], kind, at=at, initiator=initiator, note=note,
                             future=True)


def utc(*args) -> pendulum.DateTime:
    return pendulum.datetime(*args, tz="UTC")


def save(week_start, commitments, reflection="", today=FRIDAY, at=NOW):
    with time_machine.travel(at, tick=False):
        return review_saved.save_review(week_start, commitments, reflection, today)


# --- weeks --------------------------------------------------------------------------------


def test_week_of_starts_on_monday_by_default_and_on_any_chosen_day():
    for offset in range(7):
        day = MONDAY.add(days=offset)
        assert review_week.week_of(day) == (MONDAY, pendulum.Date(2026, 11, 29)), day
    assert review_week.week_of(pendulum.Date(2026, 11, 30)) == (
        NEXT_MONDAY, pendulum.Date(2026, 12, 6))
    # Sunday start (6): Sunday opens the week, Saturday closes it
    sunday = pendulum.Date(2026, 11, 22)
    for offset in range(7):
        assert review_week.week_of(sunday.add(days=offset), 6) == (
            sunday, pendulum.Date(2026, 11, 28))
    assert review_week.week_of(pendulum.Date(2026, 11, 29), 6)[0] == pendulum.Date(2026, 11, 29)
    with pytest.raises(ValueError):
        review_week.week_of(FRIDAY, 7)


def test_week_of_across_the_year_end():
    new_year = pendulum.Date(2027, 1, 1)  # a Friday
    assert review_week.week_of(new_year) == (
        pendulum.Date(2026, 12, 28), pendulum.Date(2027, 1, 3))
    assert review_week.week_of(new_year, 6) == (
        pendulum.Date(2026, 12, 27), pendulum.Date(2027, 1, 2))
    # a week starting on Tuesday 29 Dec 2026 ends on Monday 4 Jan 2027
    tuesday = pendulum.Date(2026, 12, 29)
    assert review_week.week_of(tuesday, 1) == (tuesday, pendulum.Date(2027, 1, 4))
    assert review_week.week_of(pendulum.Date(2027, 1, 4), 1) == (tuesday, pendulum.Date(2027, 1, 4))


def test_week_summary_and_trend_across_the_year_end(db):
    ada = add("Ada Lovelace", "inner")
    log(ada, utc(2026, 12, 27, 23, 59), note="last year's week")
    log(ada, utc(2026, 12, 28, 0, 0), note="first minute")
    log(ada, utc(2026, 12, 31, 23, 0), note="new year's eve")
    log(ada, utc(2027, 1, 3, 23, 59), note="last minute")
    log(ada, utc(2027, 1, 4, 0, 30), note="next week")

    start = pendulum.Date(2026, 12, 28)
    week = review_week.week_summary(start)
    assert week.week_end == pendulum.Date(2027, 1, 3)
    assert [t.note for t in week.touches] == ["first minute", "new year's eve", "last minute"]
    assert week.total == 3
    assert review_week.trend(pendulum.Date(2027, 1, 4), weeks=3)["inner"] == [1, 3, 1]


def test_a_late_sunday_touch_is_monday_in_tokyo(db, monkeypatch):
    ada = add("Ada Lovelace", "inner")
    log(ada, utc(2026, 11, 22, 23, 30), note="sunday night in London")  # Sun 22 Nov
    log(ada, utc(2026, 11, 28, 23, 30), note="saturday night in London")  # Sat 28 Nov
    previous = pendulum.Date(2026, 11, 16)

    def notes(start, first_weekday=0):
        start = review_week.week_of(start, first_weekday)[0]
        return [t.note for t in review_week.week_summary(start).touches]

    # London (the fixtures' zone): Sunday's call closes the week of 16 Nov
    assert notes(previous) == ["sunday night in London"]
    assert notes(MONDAY) == ["saturday night in London"]
    # Sunday start: Saturday 28 Nov still belongs to the week of Sunday 22 Nov
    assert notes(pendulum.Date(2026, 11, 22), 6) == [
        "sunday night in London", "saturday night in London"]
    assert notes(pendulum.Date(2026, 11, 29), 6) == []

    monkeypatch.setenv("CONNECTTUI_TZ", "Asia/Tokyo")
    assert notes(previous) == []
    week = review_week.week_summary(MONDAY)
    assert [t.note for t in week.touches] == [
        "sunday night in London", "saturday night in London"]
    assert (week.touches[0].day, week.touches[0].at.hour) == (MONDAY, 8)
    assert week.touches[1].day == pendulum.Date(2026, 11, 29)
    # Sunday start in Tokyo: Saturday night in London is Sunday morning, the next week
    assert notes(pendulum.Date(2026, 11, 22), 6) == ["sunday night in London"]
    assert notes(pendulum.Date(2026, 11, 29), 6) == ["saturday night in London"]
    assert review_week.trend(MONDAY, weeks=2)["inner"] == [0, 2]


# --- the week's summary -----------------------------------------------------------------


def test_week_summary_groups_by_person_kind_and_circle(db):
    ada, grace = add("Ada Lovelace", "inner"), add("Grace Hopper", "inner")
    alan, rest = add("Alan Turing", "friends"), add("Old Friend", "resting")
    nobody = add("Zed Nocircle")
    log(ada, utc(2026, 11, 23, 9), note="talked about COBOL")
    log([ada, grace], utc(2026, 11, 24, 19), kind="together", initiator="both")
    log(alan, utc(2026, 11, 25, 8), kind="message", initiator="in")
    log(rest, utc(2026, 11, 26, 10))
    log(nobody, utc(2026, 11, 29, 21), kind="social")
    log(ada, utc(2026, 11, 22, 12), note="the week before")

    week = review_week.week_summary(MONDAY)
    assert week.total == 5
    assert [(p.name, p.count) for p in week.people] == [
        ("Ada Lovelace", 2), ("Alan Turing", 1), ("Grace Hopper", 1), ("Old Friend", 1),
        ("Zed Nocircle", 1),
    ]
    first = week.people[0]
    assert (first.circle, first.kinds) == ("inner", {"call": 1, "together": 1})
    assert [t.note for t in first.touches] == ["talked about COBOL", ""]
    assert week.kinds == {"call": 2, "message": 1, "together": 1, "social": 1}
    assert list(week.by_kind) == ["call", "message", "together", "social"]
    assert week.by_kind["together"][0].names == ("Ada Lovelace", "Grace Hopper")
    assert week.by_kind["together"][0].contact_ids == (ada.id, grace.id)
    # the shared touch counts once for inner; resting and "no circle" are counted too
    assert week.circles == {
        "inner": 2, "friends": 1, "work": 0, "resting": 1, "no circle": 1,
    }


def test_trend_counts_twelve_weeks_oldest_first(db):
    ada, alan = add("Ada Lovelace", "inner"), add("Alan Turing", "friends")
    oldest = MONDAY.subtract(weeks=11)
    log(ada, utc(oldest.year, oldest.month, oldest.day, 10))
    log(ada, utc(2026, 8, 30, 23, 59))  # the Sunday before the oldest week: left out
    for day in (pendulum.Date(2026, 10, 19), pendulum.Date(2026, 10, 25)):
        log(alan, utc(day.year, day.month, day.day, 12))
    for hour in (9, 10, 11):
        log(ada, utc(2026, 11, 27, hour))
    log(ada, utc(2026, 11, 30, 9))  # next week: left out

    result = review_week.trend(MONDAY)
    assert list(result) == ["inner", "friends", "work", "resting"]  # no "no circle" touches
    assert result["inner"] == [1] + [0] * 10 + [3]
    assert result["friends"] == [0] * 6 + [2] + [0] * 5
    assert result["resting"] == [0] * 12
    assert review_week.trend(MONDAY, weeks=6)["friends"] == [2, 0, 0, 0, 0, 0]

    log(add("Zed Nocircle"), utc(2026, 11, 10, 12))
    result = review_week.trend(MONDAY, weeks=3)
    assert list(result) == ["inner", "friends", "work", "resting", "no circle"]
    assert (result["no circle"], result["inner"]) == ([1, 0, 0], [0, 0, 3])


def test_sparkline():
    assert review_week.sparkline([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█"
    assert review_week.sparkline([0, 0, 0]) == "▁▁▁"
    assert review_week.sparkline([]) == ""
    assert review_week.sparkline([1, 100]) == "▂█"  # a quiet week never looks empty
    assert review_week.sparkline([5, 10, 0]) == "▅█▁"
    assert review_week.sparkline([1, 3]) == "▄█"  # rounded up: 7/3 of a step is 3 steps
    assert review_week.sparkline([3, -2]) == "█▁"
    assert review_week.sparkline([1, 2], top=14) == "▂▂"
    assert review_week.sparkline([7], top=7) == "█"


# --- what needs you now -------------------------------------------------------------------


def test_drifting_worst_first_with_reasons_and_snoozes(db):
    inner, friend, colleague = add("Ada Inner", "inner"), add("Bea Friend", "friends"), add(
        "Cy Work", "work")
    log(inner, NOW.subtract(days=40))  # 14/30: 26 over, past the maximum
    log(friend, NOW.subtract(days=40))  # 30/60: 10 over
    log(colleague, NOW.subtract(days=100))  # 60/120: 40 over
    add("Dee Fine", "inner")

    items = weekplan.drifting(FRIDAY)
    assert [(s.contact_name, s.level) for s in items] == [
        ("Ada Inner", 2), ("Cy Work", 1), ("Bea Friend", 1)]
    assert items[0].reason == "26 days past your window (14d), over the 30d maximum"
    assert items[1].reason == "40 days past your window (60d)"

    snooze.snooze("drift", items[1].snooze_ref, 7, FRIDAY)
    assert [s.contact_name for s in weekplan.drifting(FRIDAY)] == ["Ada Inner", "Bea Friend"]


def test_loops_due_are_due_and_overdue_only(db):
    ada, grace = add("Ada Lovelace"), add("Grace Hopper")
    with time_machine.travel(NOW, tick=False):
        planning.add_open_loop(ada.id, "send the book", FRIDAY.add(days=1))
        today_loop = planning.add_open_loop(grace.id, "ask about the move", FRIDAY)
        late = planning.add_open_loop(ada.id, "return the umbrella", FRIDAY.subtract(days=3))
        done = planning.add_open_loop(ada.id, "already done", FRIDAY.subtract(days=1))
        planning.close_open_loop(done.id)

    items = weekplan.loops_due(FRIDAY)
    assert [(s.ref_id, s.reason) for s in items] == [
        (late.id, "3 days overdue"), (today_loop.id, "due today")]


def test_unanswered_people_who_reached_out_last(db):
    ada, grace, alan = add("Ada Lovelace"), add("Grace Hopper"), add("Alan Turing")
    old, rest = add("Old Message"), add("Resting One", "resting")
    log(ada, utc(2026, 11, 20, 9), initiator="out")
    log(ada, utc(2026, 11, 25, 9), kind="message", initiator="in", note="how are you?")
    log(grace, utc(2026, 11, 24, 9), kind="message", initiator="in")
    log(grace, utc(2026, 11, 24, 10), kind="message", initiator="out")  # answered
    log(alan, utc(2026, 11, 26, 9), initiator="both")
    log(old, utc(2026, 9, 1, 9), kind="message", initiator="in")  # before the lookback
    log(rest, utc(2026, 11, 26, 9), initiator="in")
    shared = add("Sam Shared")
    log(shared, utc(2026, 11, 10, 9), initiator="in")  # a Tuesday two weeks back

    found = weekplan.unanswered(MONDAY, FRIDAY)
    assert [(u.name, u.waiting, u.kind, u.note) for u in found] == [
        ("Sam Shared", 17, "call", ""), ("Ada Lovelace", 2, "message", "how are you?")]
    assert found[1].day == pendulum.Date(2026, 11, 25)

    log(shared, utc(2026, 11, 27, 8), kind="message")  # answered now
    assert [u.name for u in weekplan.unanswered(MONDAY, FRIDAY)] == ["Ada Lovelace"]


def test_coming_up_occasions_with_lead_times_and_gift_ideas(db):
    ada, alan = add("Ada Lovelace", "inner"), add("Alan Turing", "friends")
    far = add("Far Away")
    birthday = occasions.add_occasion(ada.id, "birthday", 12, 7, year=1986, lead_days=14)
    occasions.add_occasion(alan.id, "custom", 11, 30, label="name day")
    occasions.add_occasion(far.id, "birthday", 12, 20)  # in 23 days, no lead time
    gifts.add_gift(ada.id, "a fountain pen", occasion_id=birthday.id)

    items = weekplan.coming_up(FRIDAY)
    assert [(s.kind, s.contact_name, s.reason) for s in items] == [
        ("occasion", "Alan Turing", "name day in 3 days"),
        ("occasion", "Ada Lovelace",
         "birthday in 10 days (turns 40): prepare now, 14-day lead time"),
        ("gift", "Ada Lovelace", "birthday in 10 days, 14-day lead time"),
    ]
    assert items[2].text == "Ada Lovelace's birthday in 10 days: gift idea: a fountain pen"


def test_coming_up_holiday_cards_in_december(db):
    ada = add("Ada Lovelace")
    cards.add_card(ada.id, 2026)
    assert weekplan.coming_up(FRIDAY) == []
    items = weekplan.coming_up(pendulum.Date(2026, 12, 12))
    assert [(s.kind, s.text) for s in items] == [("card", "holiday cards: 1 of 1 still to post")]


def test_help_ideas_introductions_then_needs(db):
    frances, omar, lin = add("Frances Allen"), add("Omar Khayyam"), add("Lin Wei")
    rest = add("Resting Rob", "resting")
    need = facts.add_fact(frances.id, "need", "a tax adviser #tax")
    offer = facts.add_fact(omar.id, "offer", "knows tax law #tax")
    facts.add_fact(lin.id, "need", "a plumber")
    facts.add_fact(rest.id, "need", "a lawyer")

    ideas = weekplan.help_ideas(FRIDAY)
    assert [(i.kind, i.contact_name, i.other_name, i.text, i.reason) for i in ideas] == [
        ("intro", "Frances Allen", "Omar Khayyam",
         "Frances Allen needs a tax adviser; Omar Khayyam knows tax law: introduce them?",
         "shared: tax"),
        ("need", "Lin Wei", "", "Lin Wei needs a plumber", "could you help?"),
    ]
    assert (ideas[0].other_id, ideas[0].ref) == (omar.id, f"{need.id}:{offer.id}")

    snooze.snooze("intro", ideas[0].ref, 3, FRIDAY)
    assert [i.contact_name for i in weekplan.help_ideas(FRIDAY)] == ["Lin Wei"]
    snooze.unsnooze("intro", ideas[0].ref)
    log([frances, omar], NOW, kind="intro")  # introduced: not proposed again
    assert [i.contact_name for i in weekplan.help_ideas(FRIDAY)] == ["Lin Wei"]


# --- saving the review ------------------------------------------------------------------


def test_save_review_makes_commitment_loops_for_next_week(db):
    ada, grace = add("Ada Lovelace", "inner"), add("Grace Hopper", "friends")
    log(ada, utc(2026, 11, 24, 9), kind="message")
    log([ada, grace], utc(2026, 11, 25, 19), kind="together")
    with time_machine.travel(NOW, tick=False):
        planning.add_open_loop(grace.id, "overdue one", FRIDAY.subtract(days=2))

    record = save(MONDAY, [
        Commitment("call about the move", ada.id),
        Commitment("", grace.id),
        Commitment("  book the restaurant  "),
    ], "  a good week\n")

    loops = list(OpenLoop.select().where(OpenLoop.text != "overdue one").order_by(OpenLoop.id))
    assert [(lp.contact_id, lp.text, lp.due) for lp in loops] == [
        (ada.id, "call about the move", NEXT_MONDAY), (grace.id, "get in touch", NEXT_MONDAY)]
    stored = Review.get_by_id(record.id)
    assert (stored.week_start, stored.saved_at, stored.reflection) == (MONDAY, NOW, "a good week")
    assert json.loads(stored.commitments) == [
        {"text": "call about the move", "contact_id": ada.id, "name": "Ada Lovelace",
         "loop_id": loops[0].id},
        {"text": "get in touch", "contact_id": grace.id, "name": "Grace Hopper",
         "loop_id": loops[1].id},
        {"text": "book the restaurant", "contact_id": None, "name": "", "loop_id": None},
    ]
    assert json.loads(stored.counts) == {
        "total": 2, "people": 2, "kinds": {"message": 1, "together": 1},
        "circles": {"inner": 2, "friends": 1, "work": 0, "resting": 0},
        "drifting": 0, "loops_due": 1,
    }


def test_save_review_with_a_given_day_and_for_a_late_review(db):
    ada = add("Ada Lovelace")
    wednesday = pendulum.Date(2026, 12, 2)
    save(MONDAY, [Commitment("send the book", ada.id, wednesday)])
    # a week reviewed late: its loops are due today, never in the past
    save(MONDAY.subtract(weeks=2), [Commitment("late one", ada.id)])
    assert [(lp.text, lp.due) for lp in OpenLoop.select().order_by(OpenLoop.id)] == [
        ("send the book", wednesday), ("late one", FRIDAY)]


def test_save_review_refuses_and_stores_nothing(db):
    ada = add("Ada Lovelace")
    four = [Commitment(f"thing {n}", ada.id) for n in range(4)]
    with pytest.raises(UserError, match="up to three commitments"):
        save(MONDAY, four)
    with pytest.raises(UserError, match="a person or a few words"):
        save(MONDAY, [Commitment("fine", ada.id), Commitment("  ")])
    with pytest.raises(NotFound):
        save(MONDAY, [Commitment("fine", ada.id), Commitment("gone", 9999)])
    with pytest.raises(UserError, match="hasn't started"):
        save(NEXT_MONDAY, [])
    assert (Review.select().count(), OpenLoop.select().count()) == (0, 0)


def test_saving_a_week_again_replaces_its_record_but_keeps_loops(db):
    ada, grace, alan = add("Ada Lovelace"), add("Grace Hopper"), add("Alan Turing")
    first = save(MONDAY, [Commitment("call", ada.id), Commitment("write", grace.id)], "first")
    loops = {lp.text: lp.id for lp in OpenLoop.select()}

    later = NOW.add(hours=3)
    second = save(MONDAY, [Commitment("call", ada.id), Commitment("visit", alan.id)],
                  "second thoughts", at=later)
    assert second.id == first.id
    assert Review.select().count() == 1
    stored = review_saved.review_for(MONDAY)
    assert (stored.reflection, stored.saved_at) == ("second thoughts", later)
    assert [(c.text, c.contact_id) for c in stored.commitments] == [
        ("call", ada.id), ("visit", alan.id)]
    assert stored.commitments[0].loop_id == loops["call"]  # the same loop, no twin
    # the dropped commitment's loop is kept: it may already be in progress
    assert sorted(lp.text for lp in OpenLoop.select()) == ["call", "visit", "write"]


def test_last_commitments_counts_closed_loops(db):
    ada, grace, alan = add("Ada Lovelace"), add("Grace Hopper"), add("Alan Turing")
    save(MONDAY.subtract(weeks=1), [Commitment("older", ada.id)], today=FRIDAY.subtract(weeks=1))
    save(MONDAY, [Commitment("call", ada.id), Commitment("write", grace.id),
                  Commitment("visit", alan.id)])
    by_text = {lp.text: lp.id for lp in OpenLoop.select()}
    next_friday = pendulum.Date(2026, 12, 4)

    assert review_saved.last_commitments(next_friday) == (
        ["Ada Lovelace: call", "Grace Hopper: write", "Alan Turing: visit"], 0, 3)
    planning.close_open_loop(by_text["call"])
    planning.close_open_loop(by_text["visit"])
    labels, done, total = review_saved.last_commitments(next_friday)
    assert (done, total) == (2, 3)
    assert review_saved.commitments_line(labels, done, total) == (
        "last week you committed to: Ada Lovelace: call; Grace Hopper: write; "
        "Alan Turing: visit: done 2 of 3")
    planning.delete_open_loop(by_text["write"])  # deleted is not done
    assert review_saved.last_commitments(next_friday)[1:] == (2, 3)
    # during the reviewed week itself, "last week" is the week before
    assert review_saved.last_commitments(FRIDAY) == (["Ada Lovelace: older"], 0, 1)
    assert review_saved.last_commitments(MONDAY.subtract(weeks=1)) == ([], 0, 0)
    assert review_saved.commitments_line([], 0, 0) == ""

    past = review_saved.past_reviews()
    assert [r.week_start for r in past] == [MONDAY, MONDAY.subtract(weeks=1)]
    assert (past[0].done, past[0].week_end) == (2, pendulum.Date(2026, 11, 29))


def test_review_day_prompt(db):
    ada = add("Ada Lovelace")
    thursday = FRIDAY.subtract(days=1)
    assert review_saved.due_review_prompt(thursday) is None
    assert review_saved.due_review_prompt(FRIDAY) == (
        "It's Friday: five minutes for the weekly review?")
    save(MONDAY, [Commitment("call", ada.id)])
    assert review_saved.due_review_prompt(FRIDAY) is None
    assert review_saved.due_review_prompt(pendulum.Date(2026, 12, 4)) is not None
    # another review day, another week start
    assert review_saved.due_review_prompt(pendulum.Date(2026, 11, 29), review_weekday=6) is None
    sunday = pendulum.Date(2026, 12, 6)
    assert review_saved.due_review_prompt(sunday, review_weekday=6) == (
        "It's Sunday: five minutes for the weekly review?")
    assert review_saved.due_review_prompt(pendulum.Date(2026, 11, 29), 6, first_weekday=6) == (
        "It's Sunday: five minutes for the weekly review?")


# --- the whole review, as text and markdown ----------------------------------------------


def seeded_week():
    ada, grace = add("Ada Lovelace", "inner"), add("Grace Hopper", "work")
    late = add("Ken Late", "inner")
    log(late, NOW.subtract(days=20))
    log(ada, utc(2026, 11, 23, 9), note="talked about *COBOL*")
    log(ada, utc(2026, 11, 26, 18), kind="message", initiator="in", note="sent\nthe slides")
    log(grace, utc(2026, 11, 16, 9), note="the week before")
    return ada, grace


def test_render_markdown_for_a_journal(db):
    ada, grace = seeded_week()
    save(MONDAY.subtract(weeks=1), [Commitment("send the paper", grace.id)],
         today=FRIDAY.subtract(weeks=1))
    save(MONDAY, [Commitment("call about the move", ada.id), Commitment("rest")],
         "a good week\n\nsecond thought")

    text = review_report.render_markdown(review_report.report(MONDAY, FRIDAY))
    lines = text.splitlines()
    assert lines[0] == "# Weekly review: Mon 23 Nov – Sun 29 Nov 2026"
    assert "Last week you committed to: Grace Hopper: send the paper: done 0 of 1." in lines
    for heading in ("This week", "Drifting", "Coming up", "Open loops due", "Unanswered",
                    "Help", "Commitments", "Reflection"):
        assert f"## {heading}" in lines, heading
    assert "- 2 touches with 1 person" in lines
    assert "  - inner: 2 `▁▁▁▁▁▁▁▁▅▁▁█`" in lines  # Ken's touch, 3 weeks ago
    assert "  - work: 0 `▁▁▁▁▁▁▁▁▁▁█▁`" in lines
    assert "- **Ada Lovelace** (inner): 2" in lines
    assert "  - Mon 23 Nov, call (out): talked about \\*COBOL\\*" in lines
    assert "  - Thu 26 Nov, message (in): sent the slides" in lines
    assert "- Ken Late: 6 days past your window (14d)" in lines
    assert "- Ada Lovelace reached out yesterday (message): sent the slides" in lines
    assert "- [ ] Ada Lovelace: call about the move" in lines
    assert "- [ ] rest" in lines
    assert text.endswith("## Reflection\n\n> a good week\n>\n> second thought\n")
    assert "the week before" not in text

    planning.close_open_loop(OpenLoop.get(OpenLoop.text == "call about the move").id)
    assert "- [x] Ada Lovelace: call about the move" in review_report.render_markdown(
        review_report.report(MONDAY, FRIDAY)).splitlines()


def test_an_old_week_shows_what_happened_not_what_needs_you_now(db):
    seeded_week()
    earlier = MONDAY.subtract(weeks=1)
    save(earlier, [], "quiet", today=FRIDAY.subtract(weeks=1))
    rep = review_report.report(earlier, FRIDAY.add(days=10))
    assert not rep.live and rep.drifting == [] and rep.loops_due == []
    text = review_report.render_text(rep)
    lines = text.splitlines()
    assert lines[0] == "Weekly review: Mon 16 Nov – Sun 22 Nov 2026"
    assert "  Grace Hopper (work): 1" in lines
    assert "    Mon 16 Nov, call (out): the week before" in lines
    assert "  at the review: 0 drifting, 0 open loops due" in lines
    assert "Drifting" not in lines and "Reflection" in lines and "  quiet" in lines
    assert "#" not in text and "`" not in text
    assert review_report.report(earlier, FRIDAY).live  # last week, reviewed late: still live
    with pytest.raises(UserError, match="hasn't started"):
        review_report.report(NEXT_MONDAY, FRIDAY)


def test_week_label_spans_years():
    assert review_week.week_label(pendulum.Date(2026, 12, 28), pendulum.Date(2027, 1, 3)) == (
        "Mon 28 Dec 2026 – Sun 3 Jan 2027")


# --- the week ahead -----------------------------------------------------------------------


def test_plan_week_lays_out_seven_days_and_moves_loops(db):
    ada, grace, alan = add("Ada Lovelace"), add("Grace Hopper"), add("Alan Turing")
    occasions.add_occasion(ada.id, "birthday", 11, 29, year=1990)  # Sunday
    occasions.add_occasion(grace.id, "birthday", 12, 8, lead_days=10)  # lead starts Sat 28
    occasions.add_occasion(alan.id, "anniversary", 12, 1, lead_days=10)  # lead already started
    with time_machine.travel(NOW, tick=False):
        late = planning.add_open_loop(ada.id, "return the umbrella", FRIDAY.subtract(days=2))
        tuesday = planning.add_open_loop(grace.id, "ask about the talk", pendulum.Date(2026, 12, 1))
        planning.add_open_loop(alan.id, "far away", pendulum.Date(2026, 12, 10))
    save(MONDAY, [Commitment("call about the move", ada.id)])

    plan = weekplan.plan_week(FRIDAY)
    assert [d.day for d in plan] == [FRIDAY.add(days=i) for i in range(7)]
    shown = {d.day.format("ddd"): [(i.kind, i.text) for i in d.items] for d in plan}
    assert shown == {
        "Fri": [("prepare", "Alan Turing's anniversary on Tue 1 Dec (10-day lead time)"),
                ("loop", "Ada Lovelace: return the umbrella (2 days overdue)")],
        "Sat": [("prepare", "Grace Hopper's birthday on Tue 8 Dec (10-day lead time)")],
        "Sun": [("occasion", "Ada Lovelace: birthday (turns 36)")],
        "Mon": [("commitment", "Ada Lovelace: call about the move")],
        "Tue": [("occasion", "Alan Turing: anniversary"),
                ("loop", "Grace Hopper: ask about the talk")],
        "Wed": [], "Thu": [],
    }
    assert plan[0].items[1].overdue == 2 and plan[0].items[1].movable
    assert not plan[0].items[0].movable

    weekplan.move_loop(tuesday.id, pendulum.Date(2026, 12, 3), today=FRIDAY)
    assert OpenLoop.get_by_id(tuesday.id).due == pendulum.Date(2026, 12, 3)
    plan = weekplan.plan_week(FRIDAY)
    assert [i.ref_id for i in plan[6].items] == [tuesday.id]
    assert [i.kind for i in plan[4].items] == ["occasion"]

    with pytest.raises(UserError, match="into the past"):
        weekplan.move_loop(tuesday.id, FRIDAY.subtract(days=1), today=FRIDAY)
    planning.close_open_loop(late.id)
    with pytest.raises(UserError, match="already done"):
        weekplan.move_loop(late.id, FRIDAY)
    with pytest.raises(NotFound):
        weekplan.move_loop(9999, FRIDAY)
    assert OpenLoop.get_by_id(late.id).due == FRIDAY.subtract(days=2)


def test_steps_are_the_issue_s_eight():
    assert review_report.STEPS == ("This week", "Drifting", "Coming up", "Open loops",
                                   "Unanswered", "Help", "Commitments", "Done")
    assert review_saved.MAX_COMMITMENTS == 3
