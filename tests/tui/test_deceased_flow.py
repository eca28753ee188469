"""Palette "Mark as deceased…" and "Not deceased…", on the main screen and on a briefing,
driven by keys: what is STORED, what is SHOWN (the contacts row's †, Upcoming, the card) and
that `u` takes it back. And the day's notices: nothing for someone who has died, unless the
`remembrance` setting asks for their birthday, worded as such."""

from __future__ import annotations

import pendulum
from helpers.tui import pane, run_palette, settle
from textual.widgets import Input, Label, Static

from connecttui.core import people, planning, touches
from connecttui.core.store.models import Contact, UndoEntry
from connecttui.tui import notices
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.modals.deceased import DeceasedForm
from connecttui.tui.screens.briefing import BriefingScreen
from connecttui.tui.screens.main import MainScreen

SIZE = (120, 36)
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")


def seed() -> int:
    """Ada, and Charles: drifting, his birthday today, an open loop due. Returns his id."""
    ada = people.add_contact("Ada Lovelace", circle="inner")
    touches.log_touch([ada.id], "call", at=NOW.subtract(days=1))
    charles = people.add_contact("Charles Babbage", circle="inner", birthday=(1791, 11, 27))
    touches.log_touch([charles.id], "call", at=NOW.subtract(days=100), note="the engines")
    planning.add_open_loop(charles.id, "send the tables", pendulum.Date(2026, 11, 27))
    return charles.id


def stored(contact_id: int) -> tuple:
    contact = Contact.get_by_id(contact_id)
    return contact.deceased, contact.deceased_on


def row_text(app, name: str) -> str:
    contacts = pane(app, "contacts")
    index = next(i for i, row in enumerate(contacts.rows) if row.name == name)
    return "".join(text for text, _ in contacts.cells(contacts.rows[index], 40))


def about_charles(app) -> list[str]:
    return [row.text for row in pane(app, "upcoming").rows if "Charles" in row.text]


async def highlight(app, pilot, name: str) -> None:
    await pilot.press("1")
    contacts = pane(app, "contacts")
    while contacts.current.name != name:
        await pilot.press("j")


async def test_mark_from_the_main_screen_then_u_undoes_it(app_on):
    charles = seed()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert len(about_charles(app)) == 3  # birthday, open loop, drifting
        assert "●●" in row_text(app, "Charles Babbage")
        assert "3mo" in row_text(app, "Charles Babbage")
        await highlight(app, pilot, "Charles Babbage")

        await run_palette(app, pilot, "deceased", "Mark as deceased")
        assert isinstance(app.screen, DeceasedForm)
        await pilot.press(*"2024-03-03")
        hint = str(app.screen.query_one("#day-hint", Label).visual)
        assert hint == "died Sun 3 Mar 2024"
        await pilot.press("enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        assert stored(charles) == (True, pendulum.Date(2024, 3, 3))
        assert about_charles(app) == []
        text = row_text(app, "Charles Babbage")
        assert "†" in text and "●" not in text and "3mo" not in text
        assert [r.name for r in pane(app, "contacts").rows] == ["Ada Lovelace",
                                                                "Charles Babbage"]  # kept

        await pilot.press("u")
        await settle(app, pilot)
        assert stored(charles) == (False, None)
        assert len(about_charles(app)) == 3
        assert "●●" in row_text(app, "Charles Babbage")


async def test_escape_or_a_bad_date_stores_nothing(app_on):
    charles = seed()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await highlight(app, pilot, "Charles Babbage")
        await run_palette(app, pilot, "deceased", "Mark as deceased")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and stored(charles) == (False, None)

        await run_palette(app, pilot, "deceased", "Mark as deceased")
        await pilot.press(*"next friday", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DeceasedForm)  # still open, saying why
        assert "can't be in the future" in str(app.screen.query_one("#error", Label).visual)
        assert stored(charles) == (False, None) and UndoEntry.select().count() == 0
        await pilot.press("escape")


async def test_from_a_briefing_with_the_day_unknown_then_not_deceased(app_on):
    charles = seed()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await highlight(app, pilot, "Charles Babbage")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen)
        card = app.screen.query_one("#card", Static)
        assert "window 14-30d" in str(card.visual)

        await run_palette(app, pilot, "deceased", "Mark as deceased")
        assert isinstance(app.screen, DeceasedForm)
        assert "the day is unknown" in str(app.screen.query_one("#day-hint", Label).visual)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen)  # the palette acted on this card
        assert stored(charles) == (True, None)
        shown = str(app.screen.query_one("#card", Static).visual)
        assert "Deceased · last touch 100 days ago" in shown and "window" not in shown
        assert "birthday today, in remembrance" in shown and "turns" not in shown

        await run_palette(app, pilot, "not deceased", "Not deceased")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(app, pilot)
        assert stored(charles) == (False, None)
        assert "window 14-30d" in str(app.screen.query_one("#card", Static).visual)


async def test_notices_leave_them_out_unless_remembrance_is_on(app_on, home, today):
    charles = seed()
    people.add_contact("Grace Hopper", birthday=(1906, 11, 27))
    from connecttui.core import deceased

    before = [n.text for n in notices.notices(today)]
    assert "Charles Babbage's birthday today (turns 235)" in before
    deceased.mark_deceased(charles, None, today)
    assert [n.text for n in notices.notices(today)] == [
        "Grace Hopper's birthday today (turns 120)"]

    folder = home / "config"
    folder.mkdir()
    (folder / "config.toml").write_text("remembrance = true\n", encoding="utf-8")
    assert [n.text for n in notices.notices(today)] == [
        "Charles Babbage's birthday today, in remembrance",
        "Grace Hopper's birthday today (turns 120)"]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert about_charles(app) == ["Charles Babbage: birthday today, in remembrance"]
        assert [r.level for r in pane(app, "upcoming").rows if "Charles" in r.text] == [0]


async def test_the_dialog_shows_the_day_kept(app_on, today):
    charles = seed()
    from connecttui.core import deceased

    deceased.mark_deceased(charles, pendulum.Date(2024, 3, 3), today)
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await highlight(app, pilot, "Charles Babbage")
        await run_palette(app, pilot, "deceased", "Mark as deceased")
        assert app.screen.query_one("#day", Input).value == "2024-03-03"
        await pilot.press("escape")
