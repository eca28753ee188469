"""`u` on the main screen: each change made with a key, then undone with `u`.

Each test checks what is STORED (the whole database, as the JSON backup sees it, is what it
was before the change), what is SHOWN (the panes' rows) and what is SAID (the notification
names what was undone).
"""

from __future__ import annotations

import pendulum
from helpers.tui import pane, said, settle
from helpers.tui import stored_document as document

from connecttui.core import people, planning, touches
from connecttui.core.store.models import Contact, OpenLoop, Touch, Trash, UndoEntry
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.screens.main import MainScreen

SIZE = (120, 36)
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")


async def test_add_then_u_removes_it_and_a_second_u_has_nothing_to_undo(app_on):
    people.add_contact("Ada Lovelace")
    before = document()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        await pilot.press("a", *"Barbara Liskov", "enter")
        await settle(app, pilot)
        assert [row.name for row in pane(app, "contacts").rows] == [
            "Ada Lovelace", "Barbara Liskov"]

        await pilot.press("u")
        await settle(app, pilot)
        assert document() == before
        assert [row.name for row in pane(app, "contacts").rows] == ["Ada Lovelace"]
        assert messages[-1] == "Undid: added Barbara Liskov."
        assert Trash.select().count() == 0  # undoing an add deletes for good

        await pilot.press("u")
        await settle(app, pilot)
        assert messages[-1] == "Nothing to undo."
        assert document() == before


async def test_log_then_u(app_on, frozen):
    ada = people.add_contact("Ada Lovelace")
    older = touches.log_touch([ada.id], "message", at=frozen.subtract(days=5), note="older")
    before = document()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        await pilot.press("l", "c", *"engines", "enter")
        await settle(app, pilot)
        assert Touch.select().count() == 2
        assert pane(app, "contacts").current.days_since == 0

        await pilot.press("u")
        await settle(app, pilot)
        assert document() == before
        assert messages[-1] == "Undid: logged call with Ada Lovelace."
        assert [row.touch_id for row in pane(app, "timeline").rows] == [older.id]
        assert pane(app, "contacts").current.days_since == 5


async def test_edit_then_u_puts_back_name_and_birthday(app_on):
    people.add_contact("Ada Lovelace", circle="inner", birthday=(1815, 12, 10))
    before = document()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        await pilot.press("e", "end", *" King", "tab", "tab", "ctrl+u", *"12-11", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        ada = Contact.get()
        assert ada.name == "Ada Lovelace King"
        assert people.birthday_of(ada.id).day == 11

        await pilot.press("u")
        await settle(app, pilot)
        assert document() == before
        assert messages[-1] == "Undid: edited Ada Lovelace."
        assert [row.name for row in pane(app, "contacts").rows] == ["Ada Lovelace"]


async def test_delete_then_u_restores_the_contact_with_their_touches(app_on, frozen):
    ada = people.add_contact("Ada Lovelace")
    grace = people.add_contact("Grace Hopper")
    alone = touches.log_touch([ada.id], "call", at=frozen.subtract(days=2), note="just us")
    shared = touches.log_touch([ada.id, grace.id], "together", at=frozen.subtract(days=1))
    before = document()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(app, pilot)
        assert [row.id for row in pane(app, "contacts").rows] == [grace.id]
        assert Touch.get_or_none(Touch.id == alone.id) is None

        await pilot.press("u")
        await settle(app, pilot)
        assert document() == before
        assert messages[-1] == "Undid: deleted Ada Lovelace."
        assert Trash.select().count() == 0
        contacts = pane(app, "contacts")
        assert [row.id for row in contacts.rows] == [ada.id, grace.id]
        assert contacts.current.id == ada.id
        assert [row.touch_id for row in pane(app, "timeline").rows] == [shared.id, alone.id]


async def test_x_then_u_reopens_the_loop_and_drops_the_notes_touch(app_on, today):
    ada = people.add_contact("Ada Lovelace")
    loop = planning.add_open_loop(ada.id, "ask about the move", today.subtract(days=7))
    before = document()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        await pilot.press("3", "x", *"she moved", "enter")
        await settle(app, pilot)
        assert OpenLoop.get_by_id(loop.id).done_at is not None
        assert Touch.get().note == "she moved"
        assert pane(app, "upcoming").rows == []

        await pilot.press("u")
        await settle(app, pilot)
        assert document() == before
        assert messages[-1] == "Undid: closed open loop: ask about the move."
        assert [(item.kind, item.ref_id) for item in pane(app, "upcoming").rows] == [
            ("loop", loop.id)]
        assert UndoEntry.select().count() == 0


async def test_u_on_a_change_made_impossible_since_says_why(app_on):
    ada = people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        await pilot.press("l", "c", "enter")
        await settle(app, pilot)
        touches.delete_touch(Touch.get().id)  # as another process would
        await pilot.press("u")
        await settle(app, pilot)
        assert messages[-1] == (
            "can't undo logged call with Ada Lovelace: that touch no longer exists")
        assert [row.id for row in pane(app, "contacts").rows] == [ada.id]
