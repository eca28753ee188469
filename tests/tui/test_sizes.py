"""The main screen and its dialogs at 80x24 (one pane at a time) and 200x60 (three roomy
panes): what is displayed, where the buttons are, and that the keys still lead where they
did."""

from __future__ import annotations

import pendulum
import pytest
from helpers.tui import settle

from connecttui.core import people, planning, touches
from connecttui.tui.modals.contact_form import ContactForm
from connecttui.tui.screens.briefing import BriefingScreen

SMALL = (80, 24)
LARGE = (200, 60)
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")


@pytest.fixture
def people_in(db):
    """Three contacts, one touch with Ada and an open loop due, so every pane has rows."""
    ada = people.add_contact("Ada Lovelace", circle="inner")
    people.add_contact("Alan Turing", circle="friends")
    people.add_contact("Grace Hopper", circle="work")
    touches.log_touch([ada.id], "call", at=NOW.subtract(days=2), note="talked about engines")
    planning.add_open_loop(ada.id, "send the book", pendulum.Date(2026, 11, 27))
    return ada


def shown(app) -> set[str]:
    """The panes that take space on the screen."""
    return {name for name in ("contacts", "timeline", "upcoming")
            if app.screen.query_one(f"#{name}-pane").region.area > 0}


def current_tab(app) -> str:
    return next(tab.pane for tab in app.screen.query("PaneTab") if tab.has_class("-current"))


async def test_80x24_shows_one_pane_and_1_2_3_tab_pick_it(app_on, people_in):
    app = app_on()
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        assert app.screen.has_class("-narrow")
        assert shown(app) == {"contacts"} and current_tab(app) == "contacts"
        contacts = app.screen.query_one("#contacts")
        assert contacts.size.height >= 15  # header, strip, border and footer leave rows
        await pilot.press("2")
        await settle(app, pilot)
        assert shown(app) == {"timeline"} and current_tab(app) == "timeline"
        assert app.focused.id == "timeline"
        assert app.screen.query_one("#timeline").rows[0].note == "talked about engines"
        await pilot.press("3")
        await settle(app, pilot)
        assert shown(app) == {"upcoming"} and current_tab(app) == "upcoming"
        await pilot.press("tab")
        await settle(app, pilot)
        assert shown(app) == {"contacts"} and app.focused.id == "contacts"
        await pilot.press("shift+tab")
        await settle(app, pilot)
        assert shown(app) == {"upcoming"}


async def test_80x24_enter_on_a_contact_opens_the_briefing(app_on, people_in):
    app = app_on()
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.contact_id == people_in.id


async def test_120_columns_keep_three_panes_and_no_strip(app_on, people_in):
    app = app_on()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        assert shown(app) == {"contacts", "timeline", "upcoming"}
        assert app.screen.query_one("#pane-tabs").region.area == 0
        assert app.screen.query_one("#contacts-pane").outer_size.width == 38


async def test_200x60_three_panes_and_a_wider_contacts_pane(app_on, people_in):
    app = app_on()
    async with app.run_test(size=LARGE) as pilot:
        await settle(app, pilot)
        assert shown(app) == {"contacts", "timeline", "upcoming"}
        widths = [app.screen.query_one(f"#{name}-pane").outer_size.width
                  for name in ("contacts", "timeline", "upcoming")]
        assert 38 < widths[0] <= 60 and sum(widths) == 200
        await pilot.press("2")  # the keys only focus when all three show
        assert shown(app) == {"contacts", "timeline", "upcoming"}


DIALOGS = {
    "log": (["l"], "#save", "#cancel"),
    "add": (["a"], "#save", "#cancel"),
    "edit": (["e"], "#save", "#cancel"),
    "plan": (["p"], "#save", "#cancel"),
    "occasion": (["o"], "#save", "#cancel"),
    "search": (["slash"], "#save", "#cancel"),
    "delete": (["d"], "#yes", "#no"),
    "done": (["3", "x"], "#save", "#cancel"),
    "snooze": (["3", "z"], "#save", "#cancel"),
    "help": (["question_mark"], "#save", None),
    "fact": (["enter", "f"], "#save", "#cancel"),
    "family": (["enter", "m"], "#save", "#cancel"),
    "gift": (["enter", "g"], "#save", "#cancel"),
}


@pytest.mark.parametrize("name", DIALOGS)
async def test_80x24_dialog_buttons_are_on_screen(app_on, people_in, name):
    keys, save, cancel = DIALOGS[name]
    app = app_on()
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        screen_region = app.screen.region
        for selector in filter(None, (save, cancel)):
            button = app.screen.query_one(selector)
            assert button.region.area > 0, selector
            assert screen_region.contains_region(button.region), (selector, button.region)
        if cancel is not None:
            top = app.screen
            await pilot.click(cancel)
            await settle(app, pilot)
            assert app.screen is not top  # the click closed it


async def test_80x24_the_long_contact_form_scrolls_and_keeps_its_buttons(app_on, people_in):
    app = app_on()
    async with app.run_test(size=SMALL) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        dialog = app.screen.query_one("#dialog")
        assert dialog.max_scroll_y > 0  # more fields than rows: it scrolls
        for _ in range(8):  # name, nicknames, birthday, circle, window, ... notes
            await pilot.press("tab")
        await settle(app, pilot)
        assert app.focused.id == "notes"
        assert app.screen.region.contains_region(app.focused.region)
        assert app.screen.region.contains_region(app.screen.query_one("#save").region)
