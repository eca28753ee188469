"""The main screen's flows, driven only with keys, as PRODUCT.md describes them.

Each test builds its database with the core API, starts the real app on that file, presses
keys as a user would, and then checks both what is STORED (the models) and what is SHOWN
(the rows of #contacts, #timeline and #upcoming, or the text a line renders), so a screen
that looks right but stores the wrong thing, or stores the right thing but shows a stale
list, fails.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pendulum
from helpers.tui import pane, settle
from textual.command import CommandPalette
from textual.widgets import Input, Label, OptionList, Static

from connecttui.core import clock, people, planning, touches
from connecttui.core.store.models import Contact, Occasion, OpenLoop, Touch, TouchContact
from connecttui.tui.app import make_app
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.modals.log_touch import LogTouch
from connecttui.tui.screens.briefing import BriefingScreen
from connecttui.tui.screens.help import HelpScreen
from connecttui.tui.screens.main import MainScreen

SIZE = (120, 36)
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")
"""The frozen moment: Friday 27 Nov 2026, 10:00 in London (GMT, so also 10:00 UTC)."""


def line(widget, y: int) -> str:
    """The text one line of a RowList draws (segments joined), exactly as the terminal gets it."""
    return "".join(segment.text for segment in widget.render_line(y))


def label_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).visual)


def contact_row(app, contact_id: int):
    return next(row for row in pane(app, "contacts").rows if row.id == contact_id)


def links(touch_id: int) -> set[int]:
    return {
        link.contact_id for link in TouchContact.select().where(TouchContact.touch == touch_id)
    }


# ----- 1. first start -------------------------------------------------------------------
async def test_first_start_shows_how_to_begin(app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        contacts = pane(app, "contacts")
        assert contacts.rows == []
        # The welcome panel replaces the empty panes (tests/tui/test_onboarding.py).
        welcome = pane(app, "welcome")
        assert welcome.display and not contacts.region
        shown = " ".join(str(label.visual) for label in welcome.query(Label))
        assert "Add a person" in str(welcome.query_one("#way-a").label)
        assert "throwaway database" in shown


# ----- 2. add a contact -----------------------------------------------------------------
async def test_add_contact_stores_it_and_highlights_it(app_on):
    people.add_contact("Ada Lovelace")
    people.add_contact("Grace Hopper")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert pane(app, "contacts").current.name == "Ada Lovelace"

        await pilot.press("a", *"Barbara Liskov", "enter")
        await settle(app, pilot)

        added = Contact.get(Contact.name == "Barbara Liskov")
        assert Contact.select().count() == 3
        contacts = pane(app, "contacts")
        assert [row.name for row in contacts.rows] == [
            "Ada Lovelace", "Barbara Liskov", "Grace Hopper",
        ]
        assert contacts.current.id == added.id
        assert isinstance(app.screen, MainScreen)


async def test_add_contact_escape_stores_nothing(app_on):
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a", *"Nobody", "escape")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        assert [c.name for c in Contact.select()] == ["Ada Lovelace"]
        assert [row.name for row in pane(app, "contacts").rows] == ["Ada Lovelace"]


# ----- 3./4. log a touch ----------------------------------------------------------------
async def test_l_c_enter_logs_a_call_just_now(app_on, frozen):
    ada = people.add_contact("Ada Lovelace")
    touches.log_touch([ada.id], "message", at=frozen.subtract(days=5), note="older")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert contact_row(app, ada.id).days_since == 5

        await pilot.press("l", "c", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        touch = Touch.select().order_by(Touch.id.desc()).get()
        assert Touch.select().count() == 2
        assert (touch.kind, touch.initiator, touch.note) == ("call", "out", "")
        assert touch.at == frozen
        assert links(touch.id) == {ada.id}

        timeline = pane(app, "timeline")
        assert [row.touch_id for row in timeline.rows][0] == touch.id
        assert timeline.rows[0].kind == "call"
        assert contact_row(app, ada.id).days_since == 0


async def test_l_c_note_enter_stores_the_note(app_on, frozen):
    ada = people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "c", *"talked about engines", "enter")
        await settle(app, pilot)

        touch = Touch.get()
        assert (touch.kind, touch.note, touch.at) == ("call", "talked about engines", frozen)
        assert links(touch.id) == {ada.id}
        first = pane(app, "timeline").rows[0]
        assert (first.touch_id, first.note) == (touch.id, "talked about engines")


async def test_a_touch_logged_shows_on_top_of_a_long_timeline(app_on, frozen):
    """The soak found it: with more touches than the pane holds and the timeline's cursor
    left on its last visible row, the cursor kept its touch, the new one pushed the list
    down a row, and the touch just logged was scrolled out of sight."""
    ada = people.add_contact("Ada Lovelace")
    for days in range(1, 61):
        touches.log_touch([ada.id], "message", at=frozen.subtract(days=days),
                          note=f"older note {days}")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        timeline = pane(app, "timeline")
        await pilot.press("2", "pagedown", "1")  # browse down a page, then back
        await settle(app, pilot)
        assert timeline.cursor > 0 and timeline.scroll_offset.y == 0
        await pilot.press("l", "c", *"the newest call", "enter")
        await settle(app, pilot)

        assert Touch.select().count() == 61
        assert timeline.rows[0].note == "the newest call"
        assert (timeline.cursor, timeline.scroll_offset.y) == (0, 0)
        assert "the newest call" in line(timeline, 0)


# ----- 5. several people ----------------------------------------------------------------
async def test_a_touch_logged_reads_only_its_peoples_rows(app_on, db_path, frozen,
                                                         monkeypatch):
    """After `l` `c` `enter` the worker reads the touched contact's row and patches it in,
    the cursor where it was: not the whole contact list again (issue 16). With the change
    watcher, as the app runs: without one, every return from a dialog reads everything."""
    people.add_contact("Ada Lovelace")
    grace = people.add_contact("Grace Hopper")
    touches.log_touch([grace.id], "message", at=frozen.subtract(days=9))
    app = make_app(str(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j")  # highlight Grace
        await settle(app, pilot)
        read = touches.contact_rows
        asked: list[int | None] = []

        def counted(today, contact_id=None, **kwargs):
            asked.append(contact_id)
            return read(today, contact_id, **kwargs)

        monkeypatch.setattr(touches, "contact_rows", counted)
        await pilot.press("l", "c", "enter")
        await settle(app, pilot)

        assert asked == [grace.id]
        contacts = pane(app, "contacts")
        assert contacts.current.id == grace.id
        assert contact_row(app, grace.id).days_since == 0
        assert pane(app, "timeline").rows[0].kind == "call"


async def test_log_with_several_people(app_on):
    ada = people.add_contact("Ada Lovelace")
    grace = people.add_contact("Grace Hopper")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j")  # highlight Grace
        await settle(app, pilot)
        assert pane(app, "contacts").current.id == grace.id

        await pilot.press("l")
        assert isinstance(app.screen, LogTouch)
        assert app.focused.id == "kind"
        await pilot.press("m")
        assert app.focused.id == "note"
        await pilot.press("tab")
        assert app.focused.id == "who"
        await pilot.press("end", *", Ada")  # an Input selects all on focus: extend, not replace
        assert app.screen.query_one("#who", Input).value == "Grace Hopper, Ada"
        await pilot.press("enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        touch = Touch.get()
        assert touch.kind == "message"
        assert links(touch.id) == {ada.id, grace.id}
        assert [row.touch_id for row in pane(app, "timeline").rows] == [touch.id]
        assert contact_row(app, ada.id).days_since == 0
        assert contact_row(app, grace.id).days_since == 0


# ----- 6. cancel, and a missing kind ----------------------------------------------------
async def test_log_escape_stores_nothing(app_on):
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "c", *"not really", "escape")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        assert Touch.select().count() == 0
        assert pane(app, "timeline").rows == []


async def test_log_without_a_kind_says_so(app_on):
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, LogTouch)
        assert "kind" in label_text(app, "#error").lower()
        assert Touch.select().count() == 0

        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert Touch.select().count() == 0


# ----- 7. when ----------------------------------------------------------------------------
async def _tab_to_when(pilot, app) -> None:
    await pilot.press("l", "c")
    assert app.focused.id == "note"
    await pilot.press("tab", "tab", "tab")
    assert app.focused.id == "when"
    await pilot.press("end", "ctrl+u")
    assert app.screen.query_one("#when", Input).value == ""


async def test_log_when_yesterday(app_on, today):
    ada = people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await _tab_to_when(pilot, app)
        await pilot.press(*"yesterday", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        touch = Touch.get()
        assert clock.local_day(touch.at) == today.subtract(days=1)
        assert links(touch.id) == {ada.id}
        assert contact_row(app, ada.id).days_since == 1
        assert [row.touch_id for row in pane(app, "timeline").rows] == [touch.id]


async def test_log_when_unreadable_stores_nothing(app_on):
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await _tab_to_when(pilot, app)
        await pilot.press(*"blorp", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, LogTouch)
        assert "blorp" in label_text(app, "#error")
        assert Touch.select().count() == 0
        await pilot.press("escape")
        await settle(app, pilot)
        assert Touch.select().count() == 0


async def test_log_in_the_future_asks_first(app_on, frozen):
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await _tab_to_when(pilot, app)
        await pilot.press(*"next tue 3pm")
        await pilot.pause()
        assert "(in the future)" in label_text(app, "#when-hint")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, Confirm)
        assert "Tue 1 Dec 2026, 15:00, in the future?" in str(
            app.screen.query_one("#question", Label).visual)
        await pilot.press("n")  # not meant: back to the dialog, on the date
        await settle(app, pilot)
        assert isinstance(app.screen, LogTouch) and app.focused.id == "when"
        assert Touch.select().count() == 0
        await pilot.press("enter", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    touch = Touch.get()
    assert touch.at == pendulum.datetime(2026, 12, 1, 15, tz="Europe/London")


# ----- 8. search ----------------------------------------------------------------------
async def test_search_jumps_to_the_touchs_contact(app_on, frozen):
    people.add_contact("Ada Lovelace")
    grace = people.add_contact("Grace Hopper")
    people.add_contact("Linus Torvalds")
    touches.log_touch([grace.id], "together", at=frozen.subtract(days=3),
                      note="baked sourdough together")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert pane(app, "contacts").current.name == "Ada Lovelace"

        await pilot.press("slash", *"sourdo")
        await settle(app, pilot)
        results = app.screen.query_one("#results")
        assert [(hit.kind, hit.contact_id) for hit in results.rows] == [("touch", grace.id)]
        await pilot.press("enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        assert pane(app, "contacts").current.id == grace.id
        assert app.focused.id == "contacts"
        assert [row.note for row in pane(app, "timeline").rows] == ["baked sourdough together"]


# ----- 9. open loop done --------------------------------------------------------------
async def test_x_closes_the_highlighted_open_loop(app_on, today):
    ada = people.add_contact("Ada Lovelace")
    older = planning.add_open_loop(ada.id, "send the book", today.subtract(days=17))
    target = planning.add_open_loop(ada.id, "ask about the move", today.subtract(days=7))
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        upcoming = pane(app, "upcoming")
        assert [(item.kind, item.ref_id) for item in upcoming.rows] == [
            ("loop", older.id), ("loop", target.id),
        ]
        await pilot.press("3", "j")
        assert app.focused.id == "upcoming"
        assert upcoming.current.ref_id == target.id
        await pilot.press("x", "enter")
        await settle(app, pilot)

        assert OpenLoop.get_by_id(target.id).done_at is not None
        assert OpenLoop.get_by_id(older.id).done_at is None
        assert [(item.kind, item.ref_id) for item in upcoming.rows] == [("loop", older.id)]


# ----- 10. plan and occasion ----------------------------------------------------------
async def test_p_adds_an_open_loop(app_on):
    ada = people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("p", *"send the notes", "tab", *"2026-12-01", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        loop = OpenLoop.get()
        assert (loop.contact_id, loop.text, loop.due) == (
            ada.id, "send the notes", pendulum.Date(2026, 12, 1),
        )
        assert loop.done_at is None
        assert [(item.kind, item.ref_id) for item in pane(app, "upcoming").rows] == [
            ("loop", loop.id),
        ]


async def test_o_adds_a_feb_29_birthday(app_on):
    ada = people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("o", "b", "tab", *"--02-29", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        occasion = Occasion.get()
        assert (occasion.contact_id, occasion.kind) == (ada.id, "birthday")
        assert (occasion.month, occasion.day, occasion.year) == (2, 29, None)


# ----- 11. delete -----------------------------------------------------------------------
async def test_delete_contact_after_confirmation(app_on, frozen):
    ada = people.add_contact("Ada Lovelace")
    grace = people.add_contact("Grace Hopper")
    alone = touches.log_touch([ada.id], "call", at=frozen.subtract(days=2), note="just us")
    shared = touches.log_touch([ada.id, grace.id], "together", at=frozen.subtract(days=1),
                               note="all of us")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert pane(app, "contacts").current.id == ada.id

        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert Contact.get_or_none(Contact.id == ada.id) is not None
        assert Touch.select().count() == 2
        assert [row.id for row in pane(app, "contacts").rows] == [ada.id, grace.id]

        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        assert Contact.get_or_none(Contact.id == ada.id) is None
        assert Touch.get_or_none(Touch.id == alone.id) is None
        assert Touch.get_or_none(Touch.id == shared.id) is not None
        assert links(shared.id) == {grace.id}
        contacts = pane(app, "contacts")
        assert [row.id for row in contacts.rows] == [grace.id]
        assert contacts.current.id == grace.id
        assert [row.touch_id for row in pane(app, "timeline").rows] == [shared.id]


# ----- 12. briefing ---------------------------------------------------------------------
async def test_enter_opens_the_briefing(app_on, frozen):
    ada = people.add_contact("Ada Lovelace", why_care="she sees what engines could be")
    touches.log_touch([ada.id], "call", at=frozen.subtract(days=3), note="Bernoulli numbers")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)

        assert isinstance(app.screen, BriefingScreen)
        card = str(app.screen.query_one("#card", Static).visual)
        assert "Ada Lovelace" in card
        assert "she sees what engines could be" in card
        assert "Bernoulli numbers" in card

        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert pane(app, "contacts").current.id == ada.id


# ----- 13. help -------------------------------------------------------------------------
async def test_question_mark_shows_every_key(app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).visual)
        assert "log a touch" in text.lower()
        assert "ctrl+p" in text or "^p" in text
        # The main screen's own section names each of its keys, `l` first among them.
        main = text.split("Main screen", 1)[1].split("\n\n", 1)[0]
        keys = {line.split()[0]: line.lower() for line in main.strip().splitlines()}
        assert "log a touch" in keys["l"]
        assert {"a", "e", "/", "p", "o", "enter", "x", "d", "1", "2", "3", "tab"} <= set(keys)

        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


# ----- 14. focus ------------------------------------------------------------------------
async def test_number_keys_and_tab_move_between_panes(app_on):
    people.add_contact("Ada Lovelace")
    app = app_on()
    names = ("contacts", "timeline", "upcoming")

    def assert_focus(name: str) -> None:
        assert app.focused.id == name
        for other in names:
            lit = pane(app, f"{other}-pane").has_pseudo_class("focus-within")
            assert lit == (other == name), other

    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert_focus("contacts")
        for key, name in (("2", "timeline"), ("3", "upcoming"), ("1", "contacts"),
                          ("tab", "timeline"), ("tab", "upcoming"), ("tab", "contacts")):
            await pilot.press(key)
            assert_focus(name)


# ----- 15. user text is data ------------------------------------------------------------
async def test_markup_and_escapes_in_user_text_are_shown_as_typed(app_on, frozen):
    eve = people.add_contact("[bold]Eve[/bold]")
    touches.log_touch([eve.id], "call", at=frozen.subtract(days=1),
                      note="[link=http://x]click[/link] \x1b[31mred")
    app = app_on()
    async with app.run_test(size=(200, 36)) as pilot:
        await settle(app, pilot)
        contacts = pane(app, "contacts")
        assert contacts.current.id == eve.id
        assert "[bold]Eve[/bold]" in line(contacts, 0)

        timeline = pane(app, "timeline")
        shown = line(timeline, 0)
        assert "[link=http://x]click[/link]" in shown
        assert "\\x1b[31mred" in shown
        assert "\x1b" not in shown
        assert "\x1b" not in line(contacts, 0)


# ----- 16. live update --------------------------------------------------------------------
async def test_a_touch_logged_by_another_process_shows_up(db, db_path: Path, home: Path):
    ada = people.add_contact("Ada Lovelace")
    app = make_app(str(db_path), watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert pane(app, "timeline").rows == []
        assert contact_row(app, ada.id).days_since is None

        env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
        env.pop("CONNECTTUI_DB", None)
        command = [sys.executable, "-m", "connecttui", "--db", str(db_path), "log", "Ada",
                   "-k", "c", "from the shell"]
        done = await asyncio.to_thread(
            subprocess.run, command, env=env, capture_output=True, text=True, timeout=30
        )
        assert done.returncode == 0, done.stderr
        assert "locked" not in (done.stdout + done.stderr).lower()
        stored = Touch.get()
        assert (stored.kind, stored.note) == ("call", "from the shell")

        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:
            notes = [row.note for row in pane(app, "timeline").rows]
            if "from the shell" in notes and contact_row(app, ada.id).days_since == 0:
                break
            await pilot.pause(0.2)
        assert [row.note for row in pane(app, "timeline").rows] == ["from the shell"]
        assert contact_row(app, ada.id).days_since == 0


# ----- 17. command palette --------------------------------------------------------------
async def test_palette_jumps_to_a_contact(app_on):
    people.add_contact("Ada Lovelace")
    grace = people.add_contact("Grace Hopper")
    people.add_contact("Linus Torvalds")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert pane(app, "contacts").current.name == "Ada Lovelace"

        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Jump to Grace")
        options = app.screen.query_one(OptionList)
        for _ in range(50):
            if options.option_count and options.highlighted is not None:
                break
            await pilot.pause(0.05)
        assert "Grace Hopper" in str(options.get_option_at_index(options.highlighted).prompt)
        await pilot.press("enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        assert pane(app, "contacts").current.id == grace.id
        assert pane(app, "timeline-pane").border_title.endswith("Grace Hopper")


async def test_a_contact_added_elsewhere_just_before_a_touch_is_not_lost(
        db, db_path: Path, home: Path):
    """A touch logged here reads only its people's rows again and marks the writes seen; a
    contact another process added a moment before (before the two-second look) must still
    show: the app asks SQLite whether anyone else committed since its last full read. The
    soak found it lost until the next outside write."""
    people.add_contact("Ada Lovelace")
    app = make_app(str(db_path), watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
        env.pop("CONNECTTUI_DB", None)
        command = [sys.executable, "-m", "connecttui", "--db", str(db_path), "add",
                   "Zed Outsider"]
        done = await asyncio.to_thread(
            subprocess.run, command, env=env, capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr
        await pilot.press("l", "c", "enter")
        await settle(app, pilot)
        await pilot.pause(3)  # past the next two-second look
        await settle(app, pilot)
        assert "Zed Outsider" in [row.name for row in pane(app, "contacts").rows]
        assert Touch.select().count() == 1
