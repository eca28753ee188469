"""`u` on the main screen takes back the weekly review's save and a move in the week plan,
both made with keys (PRODUCT.md: `r` the weekly review, `u` undo the last change).

As in test_undo_flow.py: what is STORED is checked on the whole database (the JSON backup
document, without the trash and the journal) and on the rows the change wrote, and what is
SAID is the notification naming what was undone.
"""

from __future__ import annotations

import pendulum
from helpers.tui import run_palette, said, settle
from helpers.tui import stored_document as document

from connecttui.core import people, planning, snapshots, touches
from connecttui.core.store.models import OpenLoop, Review
from connecttui.tui.screens.main import MainScreen
from connecttui.tui.screens.plan import PlanScreen
from connecttui.tui.screens.review import ReviewScreen

SIZE = (120, 36)
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")  # the frozen Friday, 10:00 in London
TODAY = NOW.date()


def seed() -> int:
    ada = people.add_contact("Ada Lovelace", circle="inner", ideal_days=14).id
    touches.log_touch([ada], "call", at=NOW.subtract(days=2), note="talked about engines")
    return ada


async def test_a_saved_review_is_taken_back_by_u_on_the_main_screen(app_on):
    ada = seed()
    before, loops = document(), snapshots.rows(OpenLoop, OpenLoop.id > 0)
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press(*"n" * 6)  # to step 7, Commitments
        await pilot.press("a", *"ada", "enter")
        await settle(app, pilot)
        await pilot.press("n", *"call Alan sooner", "enter")  # step 8: the reflection, saved
        await settle(app, pilot)
        review = Review.get()
        assert (review.week_start, review.reflection) == (
            pendulum.Date(2026, 11, 23), "call Alan sooner")
        assert [(loop.contact_id, loop.text) for loop in OpenLoop.select()] == [
            (ada, "get in touch")]
        await pilot.press("escape")  # saved: leaves without asking
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)

        await pilot.press("u")
        await settle(app, pilot)
        assert messages[-1] == (
            "Undid: saved the weekly review of Mon 23 Nov – Sun 29 Nov 2026, with 1 open loop.")
        assert Review.select().count() == 0
        assert snapshots.rows(OpenLoop, OpenLoop.id > 0) == loops
        assert document() == before


async def test_a_loop_moved_in_the_plan_is_moved_back_by_u(app_on):
    ada = seed()
    loop = planning.add_open_loop(ada, "send the book", TODAY.add(days=2))
    before = document()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        await run_palette(app, pilot, "plan the week", "Plan the week")
        assert isinstance(app.screen, PlanScreen)
        plan = app.screen.query_one("#plan")
        plan.move_to(next(i for i, row in enumerate(plan.rows)
                          if not row.heading and row.item.ref_id == loop.id))
        await pilot.press("greater_than_sign")
        await settle(app, pilot)
        assert OpenLoop.get_by_id(loop.id).due == TODAY.add(days=3)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)

        await pilot.press("u")
        await settle(app, pilot)
        assert messages[-1] == "Undid: moved open loop to Mon 30 Nov: send the book."
        assert document() == before
