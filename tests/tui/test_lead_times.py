"""The occasion dialog (`o`) offers the lead time of the kind from [lead_times] in the
settings, follows the kind until the user types their own, and stores what it shows."""

from __future__ import annotations

from helpers.tui import workers_done
from textual.widgets import Input

from connecttui.core import people
from connecttui.core.store.models import Occasion
from connecttui.settings.config import config_file
from connecttui.tui.modals.occasion import OccasionForm


def write_settings(text: str) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def lead(app) -> str:
    return app.screen.query_one("#lead", Input).value


async def test_lead_time_follows_the_kind_until_typed(app_on):
    write_settings("[lead_times]\nbirthday = 5\nanniversary = 12\n")
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=(120, 34)) as pilot:
        await workers_done(app)
        await pilot.press("o")
        assert isinstance(app.screen, OccasionForm)
        assert lead(app) == "5"
        await pilot.press("a")
        assert lead(app) == "12"
        await pilot.press("b", "tab", *"10 dec", "tab", "tab", "tab")
        assert app.screen.focused.id == "lead"
        await pilot.press("backspace", *"3")
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "a", "b")
        assert lead(app) == "3"  # typed by the user: kept across kinds
        await pilot.press("enter")
        await workers_done(app)
    assert [(o.kind, o.month, o.day, o.lead_days) for o in Occasion.select()] == [
        ("birthday", 12, 10, 3)]


async def test_without_settings_the_lead_time_is_none(app_on):
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=(120, 34)) as pilot:
        await workers_done(app)
        await pilot.press("o", "tab", *"10 dec", "enter")
        await workers_done(app)
    assert [(o.kind, o.lead_days) for o in Occasion.select()] == [("birthday", 0)]
