"""Facts, family members and gifts edited and deleted from the briefing (`d`, then `e` or
`d`), each undone with `u`; and `u` in the TUI undoing a change the CLI made.

Each test checks what is STORED, the rows as the database holds them, before and after.
"""

from __future__ import annotations

import os
import subprocess
import sys

from helpers.tui import pane, settle
from textual.widgets import Static

from connecttui.core import facts, family, gifts, people
from connecttui.core.commands import details
from connecttui.core.snapshots import rows
from connecttui.core.store.models import Fact, FamilyMember, Gift, Touch, UndoEntry
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.modals.detail_pick import DetailPicker
from connecttui.tui.modals.fact import FactForm
from connecttui.tui.modals.gift import GiftForm
from connecttui.tui.screens.briefing import BriefingScreen

SIZE = (120, 36)


def card_text(app) -> str:
    return str(app.screen.query_one("#card", Static).visual)


async def open_briefing(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, BriefingScreen)


async def test_d_then_e_edits_a_fact_in_its_dialog_and_u_puts_it_back(app_on):
    ada = people.add_contact("Ada Lovelace")
    fact = facts.add_fact(ada.id, "need", "a tax adviser", "tax")
    before = rows(Fact, Fact.id == fact.id)
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_briefing(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, DetailPicker)
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, FactForm)
        assert app.screen.query_one("#text").value == "a tax adviser"  # filled in
        await pilot.press("o", "ctrl+u", *"knows tax law", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, BriefingScreen)
        stored = Fact.get_by_id(fact.id)
        assert (stored.kind, stored.text, stored.tags) == ("offer", "knows tax law", "tax")
        assert Fact.select().count() == 1  # changed, not added
        assert "knows tax law" in card_text(app)

        await pilot.press("u")
        await settle(app, pilot)
        assert rows(Fact, Fact.id == fact.id) == before
        assert "a tax adviser" in card_text(app)


async def test_d_then_d_deletes_a_family_member_after_a_confirmation_and_u_restores(app_on):
    ada = people.add_contact("Ada Lovelace")
    leo = family.add_member(ada.id, "child", "Leo", birth_year=2017)
    before = rows(FamilyMember, FamilyMember.id == leo.id)
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_briefing(app, pilot)
        await pilot.press("d", "d")
        await settle(app, pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # no: nothing is deleted
        await settle(app, pilot)
        assert FamilyMember.select().count() == 1

        await pilot.press("d", "d")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert FamilyMember.select().count() == 0
        assert "Leo" not in card_text(app)

        await pilot.press("u")
        await settle(app, pilot)
        assert rows(FamilyMember, FamilyMember.id == leo.id) == before  # same row, same id
        assert "Leo" in card_text(app)


async def test_a_gift_is_picked_by_moving_down_edited_then_deleted(app_on):
    ada = people.add_contact("Ada Lovelace")
    facts.add_fact(ada.id, "interest", "sailing")
    pen, _ = gifts.add_gift(ada.id, "a fountain pen")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_briefing(app, pilot)
        await pilot.press("d", "down", "enter")  # the list: the fact, then the gift
        await settle(app, pilot)
        assert isinstance(app.screen, GiftForm)
        await pilot.press("g", "ctrl+u", *"an inkwell", "enter")
        await settle(app, pilot)
        stored = Gift.get_by_id(pen.id)
        assert (stored.text, stored.status) == ("an inkwell", "given")

        await pilot.press("d", "down", "d", "y")
        await settle(app, pilot)
        assert Gift.select().count() == 0 and Fact.select().count() == 1


async def test_u_in_the_tui_undoes_a_touch_the_cli_logged(app_on, db_path):
    ada = people.add_contact("Ada Lovelace")
    details.add_fact(ada.id, "interest", "sailing")  # an older change, left alone
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        run = subprocess.run(
            [sys.executable, "-m", "connecttui", "log", "ada", "--kind", "c", "--db",
             str(db_path), "from", "the", "shell"],
            capture_output=True, text=True, env=os.environ.copy(), timeout=60)
        assert run.returncode == 0, run.stderr
        assert [t.note for t in Touch.select()] == ["from the shell"]
        assert UndoEntry.select().count() == 2

        await pilot.press("u")
        await settle(app, pilot)
        assert Touch.select().count() == 0
        assert Fact.select().count() == 1  # only the CLI's change was undone
        assert UndoEntry.select().count() == 1
        assert pane(app, "contacts").current.name == "Ada Lovelace"


async def test_the_picker_and_its_question_keep_the_privacy_blur(app_on):
    ada = people.add_contact("Ada Lovelace")
    facts.add_fact(ada.id, "need", "a divorce lawyer")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await open_briefing(app, pilot)
        await pilot.press("b", "d")
        await settle(app, pilot)
        prompt = str(app.screen.query_one("#details").get_option_at_index(0).prompt)
        assert "•••" in prompt and "lawyer" not in prompt
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, Confirm)
        question = str(app.screen.query_one("#question").render())
        assert question == "Delete this fact: •••?"
        await pilot.press("n")
        await settle(app, pilot)
        assert Fact.select().count() == 1
