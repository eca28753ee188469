"""The mouse does what the keys do: a click on a row highlights it, a double click opens it,
a click in a pane focuses it, and the dialogs' buttons save, cancel and confirm."""

from __future__ import annotations

import pendulum
import pytest
from helpers.tui import settle

from connecttui.core import people, touches
from connecttui.core.store.models import Contact, Touch
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.modals.log_touch import LogTouch
from connecttui.tui.screens.briefing import BriefingScreen
from connecttui.tui.screens.main import MainScreen

SIZE = (120, 34)
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")


@pytest.fixture
def three(db):
    """Ada, Alan and Grace (in that order in the list), each with one touch of their own."""
    made = []
    for name, note in (("Ada Lovelace", "engines"), ("Alan Turing", "machines"),
                       ("Grace Hopper", "compilers")):
        contact = people.add_contact(name)
        touches.log_touch([contact.id], "call", at=NOW.subtract(days=3), note=note)
        made.append(contact)
    return made


async def test_clicking_a_contact_row_highlights_it_and_shows_its_timeline(app_on, three):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        contacts = app.screen.query_one("#contacts")
        assert contacts.current.name == "Ada Lovelace"
        await pilot.click("#contacts", offset=(5, 2))  # the third row
        await settle(app, pilot)
        assert contacts.current.name == "Grace Hopper"
        timeline = app.screen.query_one("#timeline")
        assert [row.note for row in timeline.rows] == ["compilers"]
        assert "Grace Hopper" in str(app.screen.query_one("#timeline-pane").border_title)
        assert isinstance(app.screen, MainScreen)  # one click only highlights


async def test_double_clicking_a_contact_opens_the_briefing(app_on, three):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.double_click("#contacts", offset=(5, 1))
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.contact_id == three[1].id


async def test_clicking_in_a_pane_focuses_it(app_on, three):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.focused.id == "contacts"
        await pilot.click("#upcoming", offset=(10, 10))
        await settle(app, pilot)
        assert app.focused.id == "upcoming"
        await pilot.click("#timeline-pane", offset=(10, 0))  # on its title, in the border
        await settle(app, pilot)
        assert app.focused.id == "timeline"


async def test_the_log_dialog_save_button_stores_the_touch(app_on, three):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "t", *"lunch")
        await settle(app, pilot)
        assert isinstance(app.screen, LogTouch)
        await pilot.click("#save")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        touch = Touch.select().order_by(Touch.id.desc()).first()
        assert (touch.kind, touch.note) == ("together", "lunch")
        assert Touch.select().count() == 4


async def test_the_log_dialog_cancel_button_stores_nothing(app_on, three):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "t", *"lunch")
        await pilot.click("#cancel")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert Touch.select().count() == 3


async def test_the_keyboard_flow_l_c_enter_still_logs(app_on, three):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "c", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert Touch.select().count() == 4


async def test_the_confirm_dialog_buttons(app_on, three):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.click("#no")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert Contact.select().count() == 3
        await pilot.press("d")
        await settle(app, pilot)
        await pilot.click("#yes")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert "Ada Lovelace" not in [row.name for row in app.screen.query_one("#contacts").rows]


async def test_a_click_on_the_pane_strip_shows_that_pane_at_80_columns(app_on, three):
    app = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.click("#tab-upcoming")
        await settle(app, pilot)
        assert app.focused.id == "upcoming"
        assert app.screen.query_one("#contacts-pane").region.area == 0
        assert app.screen.query_one("#upcoming-pane").region.area > 0
