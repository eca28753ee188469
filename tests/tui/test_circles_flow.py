"""The Circles screen (palette: "Circles"), driven only with keys, as in
test_practices_flows.py: check what is STORED (Circle, Contact) and what is SHOWN (the rows
of the circles list and of the main screen's contacts)."""

from __future__ import annotations

import pendulum
import time_machine
from helpers.tui import settle
from textual.command import CommandPalette
from textual.widgets import OptionList

from connecttui.core import people, touches
from connecttui.core.store.models import Circle, Contact, Touch
from connecttui.tui.modals.circle import CircleForm
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.modals.contact_form import ContactForm
from connecttui.tui.screens.circles import CirclesScreen
from connecttui.tui.screens.main import MainScreen

SIZE = (120, 36)
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")
DEFAULTS = ["inner", "friends", "work", "resting"]


async def open_circles(app, pilot) -> None:
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*"Circles")
    options = app.screen.query_one(OptionList)
    for _ in range(50):
        if options.option_count and options.highlighted is not None:
            break
        await pilot.pause(0.05)
    assert "Circles" in str(options.get_option_at_index(options.highlighted).prompt)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, CirclesScreen)


def shown(app) -> list[tuple]:
    """The circles list: (name, window, resting, contacts)."""
    return [(r.name, r.window, r.resting, r.contacts)
            for r in app.screen.query_one("#circles").rows]


def stored() -> list[tuple]:
    return [(c.name, c.ideal_days, c.max_days, c.resting)
            for c in Circle.select().order_by(Circle.position)]


def ada_row(app):
    [row] = [r for r in app.screen.query_one("#contacts").rows if r.name == "Ada Lovelace"]
    return row


async def test_add_move_edit_to_resting_and_delete_a_circle(app_on):
    with time_machine.travel(NOW.subtract(days=900), tick=False):
        ada = people.add_contact("Ada Lovelace")
    touches.log_touch([ada.id], "call", at=NOW.subtract(days=30), note="talked about engines")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_circles(app, pilot)
        assert shown(app) == [("inner", "14-30d", False, 0), ("friends", "30-60d", False, 0),
                              ("work", "60-120d", False, 0), ("resting", "no window", True, 0)]

        # a: add "climbing", every 21 days, at most 42
        await pilot.press("a")
        assert isinstance(app.screen, CircleForm)
        await pilot.press(*"climbing", "tab", *"21/42", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CirclesScreen)
        assert stored()[-1] == ("climbing", 21, 42, False)
        assert shown(app)[-1] == ("climbing", "21-42d", False, 0)
        assert app.screen.query_one("#circles").current.name == "climbing"

        # K and J move it up and down
        await pilot.press("K")
        await settle(app, pilot)
        assert [row[0] for row in stored()] == ["inner", "friends", "work", "climbing", "resting"]
        assert [row[0] for row in shown(app)] == [row[0] for row in stored()]
        await pilot.press("J")
        await settle(app, pilot)
        assert [row[0] for row in stored()] == [*DEFAULTS, "climbing"]

        # the contact form lists it: put Ada in it (no circle, then 4 circles, then climbing)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("e")
        assert isinstance(app.screen, ContactForm)
        await pilot.press("tab", "tab", "tab", "enter", *["down"] * 5, "enter", "tab", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        climbing = Circle.get(Circle.name == "climbing")
        assert Contact.get_by_id(ada.id).circle_id == climbing.id
        assert (ada_row(app).circle, ada_row(app).drift) == ("climbing", 1)  # 30 > 21 days

        # e: edit it to resting; Ada then stops drifting on the main screen
        await open_circles(app, pilot)
        assert shown(app)[-1] == ("climbing", "21-42d", False, 1)
        await pilot.press("G", "e")
        assert isinstance(app.screen, CircleForm)
        await pilot.press("tab", "tab", "r", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CirclesScreen)
        assert stored()[-1] == ("climbing", 21, 42, True)
        assert shown(app)[-1] == ("climbing", "21-42d", True, 1)
        await pilot.press("escape")
        await settle(app, pilot)
        assert (ada_row(app).circle, ada_row(app).drift) == ("climbing", 0)

        # d: a confirmation says who loses their circle; n keeps it, y deletes it
        await open_circles(app, pilot)
        await pilot.press("G", "d")
        assert isinstance(app.screen, Confirm)
        assert "1 contact loses their circle" in app.screen.detail
        await pilot.press("n")
        await settle(app, pilot)
        assert [row[0] for row in stored()] == [*DEFAULTS, "climbing"]
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, CirclesScreen)
        assert [row[0] for row in stored()] == DEFAULTS
        assert [row[0] for row in shown(app)] == DEFAULTS
        ada_now = Contact.get_by_id(ada.id)
        assert ada_now.circle_id is None
        assert [t.note for t in Touch.select()] == ["talked about engines"]

        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert (ada_row(app).circle, ada_row(app).days_since) == ("", 30)


async def test_a_move_is_undone_by_u_on_the_main_screen_and_a_move_past_the_top_is_no_change(
        app_on):
    from helpers.tui import said

    from connecttui.core.store.models import UndoEntry

    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        await open_circles(app, pilot)
        await pilot.press("J")  # inner goes below friends
        await settle(app, pilot)
        assert [row[0] for row in stored()] == ["friends", "inner", "work", "resting"]
        await pilot.press("K", "K")  # back to the top, then once more: nothing moves
        await settle(app, pilot)
        assert [row[0] for row in stored()] == DEFAULTS
        assert [entry.label for entry in UndoEntry.select().order_by(UndoEntry.id)] == [
            "moved circle inner down", "moved circle inner up"]

        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("u")
        await settle(app, pilot)
        assert [row[0] for row in stored()] == ["friends", "inner", "work", "resting"]
        assert messages[-1] == "Undid: moved circle inner up."
        await pilot.press("u")
        await settle(app, pilot)
        assert [row[0] for row in stored()] == DEFAULTS
