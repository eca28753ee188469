"""The Friday review and the week plan in the TUI (issue 4), driven only with keys.

As in test_main_flows.py: build the data with the core API, start the real app on that file
with the clock frozen on Friday 27 Nov 2026 (week Mon 23 – Sun 29 Nov, in London), press keys
as a user would, then check what is STORED (the Review row, open loops, snoozes, touches) and
what is SHOWN (the step's title, rows and text), so a review that looks right but stores the
wrong thing fails, and so does a store the screen does not show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pendulum
import pytest
import time_machine
from helpers.tui import run_palette, settle
from textual.widgets import Input, Static

from connecttui.core import facts, people, planning, review_saved, review_week, touches
from connecttui.core.store.models import OpenLoop, Review, Snooze, Touch, TouchContact
from connecttui.tui.app import make_app
from connecttui.tui.modals.commitment import CommitmentForm
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.modals.log_touch import LogTouch
from connecttui.tui.modals.loop_done import LoopDone
from connecttui.tui.modals.open_loop import OpenLoopForm
from connecttui.tui.modals.snooze import SnoozeForm
from connecttui.tui.screens.help import HelpScreen
from connecttui.tui.screens.main import MainScreen
from connecttui.tui.screens.plan import PlanScreen
from connecttui.tui.screens.review import ReviewScreen
from connecttui.tui.widgets.kinds import KindPicker

SIZE = (120, 36)
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")
"""The frozen moment: Friday 27 Nov 2026, 10:00 in London (GMT)."""
TODAY = NOW.date()
WEEK = pendulum.Date(2026, 11, 23)
NEXT_WEEK = pendulum.Date(2026, 11, 30)
PROMPT = "It's Friday: five minutes for the weekly review? Press r."


@dataclass
class Seed:
    ada: int
    grace: int
    alan: int
    barbara: int
    frances: int
    ken: int
    loop: int


@pytest.fixture
def seeded(db, frozen) -> Seed:
    """Touches this week and in past weeks, a drifting contact (Alan), an open loop overdue
    (Barbara's), an unanswered "in" touch (Grace's), and a need that meets an offer."""
    add = people.add_contact
    ada = add("Ada Lovelace", circle="inner", ideal_days=14, birthday=(1815, 12, 10)).id
    grace = add("Grace Hopper", circle="friends", ideal_days=30).id
    alan = add("Alan Turing", circle="inner", ideal_days=14).id
    barbara = add("Barbara Liskov", circle="work", ideal_days=60).id
    frances = add("Frances Allen", ideal_days=90).id
    ken = add("Ken Thompson", ideal_days=90).id

    def at(days: int):
        return NOW.subtract(days=days).set(hour=12)

    log = touches.log_touch
    log([ada, grace], "together", at=at(3), note="coffee at the harbour")  # Tue 24
    log([ada], "call", at=at(2), note="talked about engines")  # Wed 25
    log([grace], "message", at=at(1), initiator="in", note="how is the book going?")  # Thu 26
    log([ada], "message", at=at(10))
    log([ada], "call", at=at(24))
    log([barbara], "call", at=at(17))
    log([alan], "call", at=at(40))
    log([frances], "message", at=at(20))
    log([ken], "message", at=at(20))
    loop = planning.add_open_loop(barbara, "ask about the move", pendulum.Date(2026, 11, 25))
    facts.add_fact(frances, "need", "a tax adviser", "tax")
    facts.add_fact(ken, "offer", "tax returns for freelancers", "tax")
    return Seed(ada, grace, alan, barbara, frances, ken, loop.id)


def title(app) -> str:
    return str(app.screen.query_one("#review-pane").border_title)


def rows(app) -> list:
    return app.screen.query_one("#items").rows


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


async def open_review(app, pilot, step: int = 1) -> None:
    await settle(app, pilot)
    await pilot.press("r")
    await settle(app, pilot)
    assert isinstance(app.screen, ReviewScreen)
    for _ in range(step - 1):
        await pilot.press("n")
    await settle(app, pilot)
    assert title(app).startswith(f"Weekly review · {step}/8 ")


def recorder(app) -> list[str]:
    """Every notification the app sends, even after its toast has expired."""
    sent: list[str] = []
    notify = app.notify

    def recording(message, **options):
        sent.append(message)
        notify(message, **options)

    app.notify = recording
    return sent


# ----- the whole flow ---------------------------------------------------------------------
async def test_walk_the_review_with_keys_and_save(app_on, seeded):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot)
        assert title(app) == "Weekly review · 1/8 This week"
        week = text_of(app, "#week-text")
        assert "3 touches with 2 people" in week
        trend = review_week.trend(WEEK)
        assert trend["inner"][-1] == 2 and sum(trend["inner"]) == 5
        assert review_week.sparkline(trend["inner"]) in week  # the 12-week chart of the circle
        by_kind = week.split("By kind", 1)[1].split("By person", 1)[0]
        assert "together" in by_kind and "Ada Lovelace, Grace Hopper" in by_kind
        by_person = week.split("By person", 1)[1]
        assert by_person.index("Ada Lovelace") < by_person.index("Grace Hopper")
        assert "talked about engines" in by_person and "last week you" not in week.lower()

        await pilot.press("n")
        assert title(app) == "Weekly review · 2/8 Drifting"
        assert [(r.id[0], r.contact_id) for r in rows(app)] == [("drift", seeded.alan)]
        assert "past your window" in rows(app)[0].text
        await pilot.press("enter")
        assert title(app) == "Weekly review · 3/8 Coming up"
        assert [(r.id[0], r.contact_id) for r in rows(app)] == [("occasion", seeded.ada)]
        await pilot.press("n")
        assert title(app) == "Weekly review · 4/8 Open loops"
        assert [r.item.ref_id for r in rows(app)] == [seeded.loop]
        await pilot.press("n")
        assert title(app) == "Weekly review · 5/8 Unanswered"
        assert [r.contact_id for r in rows(app)] == [seeded.grace]
        assert "how is the book going?" in rows(app)[0].text
        await pilot.press("n")
        assert title(app) == "Weekly review · 6/8 Help"
        intro = rows(app)[0].item
        assert (intro.kind, intro.contact_id, intro.other_id) == (
            "intro", seeded.frances, seeded.ken)
        await pilot.press("n")
        assert title(app) == "Weekly review · 7/8 Commitments"
        assert rows(app) == []

        await pilot.press("a")
        assert isinstance(app.screen, CommitmentForm)
        await pilot.press(*"ada", "enter")
        await pilot.press("a", *"grace", "tab", *"send the book", "enter")
        await pilot.press("a", "tab", *"sort the photos", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert [r.text for r in rows(app)] == [
            "Ada Lovelace: get in touch", "Grace Hopper: send the book", "sort the photos"]
        await pilot.press("a")  # a fourth: refused, no dialog
        assert isinstance(app.screen, ReviewScreen) and len(rows(app)) == 3
        assert Review.select().count() == 0  # nothing is stored before the save

        await pilot.press("n")
        assert title(app) == "Weekly review · 8/8 Done"
        assert app.focused.id == "reflection"
        await pilot.press(*"a good week; call Alan sooner", "enter")
        await settle(app, pilot)

        review = Review.get()
        assert review.week_start == WEEK
        counts = json.loads(review.counts)
        assert (counts["total"], counts["people"], counts["drifting"], counts["loops_due"]) == (
            3, 2, 1, 1)
        assert counts["circles"]["inner"] == 2 and counts["circles"]["friends"] == 2
        assert counts["kinds"] == {"call": 1, "message": 1, "together": 1}
        saved = json.loads(review.commitments)
        assert [(c["text"], c["contact_id"]) for c in saved] == [
            ("get in touch", seeded.ada), ("send the book", seeded.grace),
            ("sort the photos", None)]
        assert review.reflection == "a good week; call Alan sooner"
        new = list(OpenLoop.select().where(OpenLoop.id != seeded.loop).order_by(OpenLoop.id))
        assert [(loop.contact_id, loop.text, loop.due) for loop in new] == [
            (seeded.ada, "get in touch", NEXT_WEEK), (seeded.grace, "send the book", NEXT_WEEK)]
        assert [c["loop_id"] for c in saved] == [new[0].id, new[1].id, None]

        assert "saved" in text_of(app, "#saved")
        assert "Mon 23 Nov – Sun 29 Nov 2026" in text_of(app, "#past")
        assert "a good week; call Alan sooner" in text_of(app, "#past")
        await pilot.press("escape")  # saved: no question
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)


# ----- the step keys ----------------------------------------------------------------------
async def test_x_on_open_loops_closes_the_loop(app_on, seeded):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot, step=4)
        await pilot.press("x")
        assert isinstance(app.screen, LoopDone)
        await pilot.press(*"moving in March", "enter")
        await settle(app, pilot)
        loop = OpenLoop.get_by_id(seeded.loop)
        assert loop.done_at is not None
        note = Touch.select().order_by(Touch.id.desc()).get()
        assert note.note == "moving in March"
        assert isinstance(app.screen, ReviewScreen)
        assert title(app) == "Weekly review · 4/8 Open loops" and rows(app) == []


async def test_z_on_drifting_stores_a_snooze(app_on, seeded):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot, step=2)
        await pilot.press("z")
        assert isinstance(app.screen, SnoozeForm)
        await pilot.press("7")
        await settle(app, pilot)
        snooze = Snooze.get()
        assert (snooze.kind, snooze.ref, snooze.until) == (
            "drift", str(seeded.alan), TODAY.add(days=7))
        assert title(app) == "Weekly review · 2/8 Drifting" and rows(app) == []


async def test_l_on_drifting_logs_a_touch_with_that_person(app_on, seeded):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot, step=2)
        await pilot.press("l")
        assert isinstance(app.screen, LogTouch)
        await pilot.press("c", "enter")
        await settle(app, pilot)
        touch = Touch.select().order_by(Touch.id.desc()).get()
        assert (touch.kind, touch.at) == ("call", NOW)
        assert [link.contact_id for link in TouchContact.select().where(
            TouchContact.touch == touch.id)] == [seeded.alan]
        assert rows(app) == []  # Alan is no longer drifting
        await pilot.press("b")
        await settle(app, pilot)
        assert "4 touches with 3 people" in text_of(app, "#week-text")


async def test_p_on_drifting_plans_an_open_loop(app_on, seeded):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot, step=2)
        await pilot.press("p")
        assert isinstance(app.screen, OpenLoopForm)
        await pilot.press(*"ask about the paper", "enter")
        await settle(app, pilot)
        loop = OpenLoop.select().order_by(OpenLoop.id.desc()).get()
        assert (loop.contact_id, loop.text, loop.due) == (
            seeded.alan, "ask about the paper", TODAY.add(days=7))


async def test_enter_on_an_introduction_logs_it_with_both_people(app_on, seeded):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot, step=6)
        await pilot.press("enter")
        assert isinstance(app.screen, LogTouch)
        assert app.screen.query_one("#kind", KindPicker).kind == "intro"
        assert app.screen.query_one("#who", Input).value == "Frances Allen, Ken Thompson"
        await pilot.press(*"tax", "enter")
        await settle(app, pilot)
        touch = Touch.select().order_by(Touch.id.desc()).get()
        assert (touch.kind, touch.note) == ("intro", "tax")
        assert {link.contact_id for link in TouchContact.select().where(
            TouchContact.touch == touch.id)} == {seeded.frances, seeded.ken}
        assert title(app) == "Weekly review · 6/8 Help"
        assert [r.id[0] for r in rows(app)] == []  # introduced: the need is met


async def test_b_goes_back_a_step(app_on, seeded):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot, step=3)
        await pilot.press("b")
        assert title(app) == "Weekly review · 2/8 Drifting"
        await pilot.press("b", "b")  # no step before the first
        assert title(app) == "Weekly review · 1/8 This week"
        await pilot.press(*"nnnnnnn")
        assert title(app) == "Weekly review · 8/8 Done"
        await pilot.press("tab", "b")  # out of the reflection, then back
        assert title(app) == "Weekly review · 7/8 Commitments"


async def test_d_removes_a_commitment(app_on, seeded):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot, step=7)
        await pilot.press("a", *"ada", "enter")
        await pilot.press("a", *"grace", "enter")
        await settle(app, pilot)
        assert [r.contact_id for r in rows(app)] == [seeded.ada, seeded.grace]
        await pilot.press("k", "d")
        assert [r.contact_id for r in rows(app)] == [seeded.grace]


async def test_escape_leaves_without_saving(app_on, seeded):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot, step=2)
        await pilot.press("escape")  # nothing typed: leaves at once
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)

        await open_review(app, pilot, step=7)
        await pilot.press("a", *"ada", "enter")
        await settle(app, pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert isinstance(app.screen, ReviewScreen) and len(rows(app)) == 1
        await pilot.press("escape", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert Review.select().count() == 0
        assert [loop.id for loop in OpenLoop.select()] == [seeded.loop]


async def test_last_weeks_commitments_head_this_week(app_on, seeded):
    review_saved.save_review(WEEK.subtract(days=7), [
        review_saved.Commitment("call", seeded.ada),
        review_saved.Commitment("send the book", seeded.grace),
    ], "", pendulum.Date(2026, 11, 20))
    first = json.loads(Review.get().commitments)[0]["loop_id"]
    planning.close_open_loop(first)
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(app, pilot)
        week = text_of(app, "#week-text")
        assert week.startswith("Last week you committed to: Ada Lovelace: call; "
                               "Grace Hopper: send the book: done 1 of 2")


# ----- the Friday prompt ------------------------------------------------------------------
async def test_friday_prompt_on_start_once_a_day(app_on, seeded):
    app = app_on()
    sent = recorder(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert sent.count(PROMPT) == 1
        assert PROMPT in [n.message for n in app._notifications]
        app.announce()
        await settle(app, pilot)
        assert sent.count(PROMPT) == 1
        with time_machine.travel("2026-11-28 10:00 +00:00", tick=False):
            app._check_day()  # Saturday: not the review day
            await settle(app, pilot)
        assert sent.count(PROMPT) == 1


async def test_no_friday_prompt_once_the_review_is_saved(app_on, seeded):
    review_saved.save_review(WEEK, [], "", TODAY)
    app = app_on()
    sent = recorder(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert PROMPT not in sent


async def test_no_friday_prompt_on_another_day(db, db_path, home):
    with time_machine.travel("2026-11-26 10:00 +00:00", tick=False):
        app = make_app(str(db_path), watch=False)
        sent = recorder(app)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert not [m for m in sent if "weekly review" in m]


# ----- the palette, the plan and help -----------------------------------------------------
async def test_palette_opens_the_review(app_on, seeded):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await run_palette(app, pilot, "weekly review", "Weekly review")
        assert isinstance(app.screen, ReviewScreen)
        assert title(app) == "Weekly review · 1/8 This week"


async def test_plan_moves_an_open_loop_one_day_later(app_on, seeded):
    loop = planning.add_open_loop(seeded.grace, "send the book", TODAY.add(days=2))
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await run_palette(app, pilot, "plan the week", "Plan the week")
        assert isinstance(app.screen, PlanScreen)
        plan = app.screen.query_one("#plan")
        headings = [row.label for row in plan.rows if row.heading]
        assert len(headings) == 7 and headings[0].startswith("Fri 27 Nov · today")
        assert not plan.current.heading  # the cursor starts on an item
        for _ in range(len(plan.rows)):
            if plan.current.item.ref_id == loop.id:
                break
            await pilot.press("j")
        assert (plan.current.item.kind, plan.current.day) == ("loop", TODAY.add(days=2))

        await pilot.press("greater_than_sign")
        await settle(app, pilot)
        assert OpenLoop.get_by_id(loop.id).due == TODAY.add(days=3)
        assert (plan.current.item.ref_id, plan.current.day) == (loop.id, TODAY.add(days=3))
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(app, pilot)
        assert OpenLoop.get_by_id(loop.id).due == TODAY.add(days=1)

        overdue = next(r for r in plan.rows if not r.heading and r.item.ref_id == seeded.loop)
        assert overdue.day == TODAY and overdue.item.overdue == 2
        plan.move_to(plan.rows.index(overdue))
        await pilot.press("less_than_sign")  # not into the past
        await settle(app, pilot)
        assert OpenLoop.get_by_id(seeded.loop).due == pendulum.Date(2026, 11, 25)
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert OpenLoop.get_by_id(seeded.loop).due == TODAY.add(days=1)


async def test_help_lists_the_review_keys(app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).visual)
        main = text.split("Main screen", 1)[1].split("\n\n", 1)[0]
        assert "weekly review" in [line for line in main.splitlines()
                                   if line.strip().startswith("r ")][0].lower()
        section = text.split("Weekly review (r)", 1)[1].split("\n\n", 1)[0]
        keys = {line.split()[0]: line.lower() for line in section.strip().splitlines()}
        assert "next" in keys["n"] and "next" in keys["enter"] and "back" in keys["b"]
        assert "snooze" in keys["z"] and "open loop" in keys["x"]
        assert "commitment" in keys["a"] and "commitment" in keys["d"]
        assert "save" in keys["^s"] and "leave" in keys["esc"]
        assert "Plan the week" in text and "earlier" in text
