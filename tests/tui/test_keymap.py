"""Key remapping from config.toml [keys]: the new key works, the old one no longer does, and
the footer and the help screen show the new key; a bad remap is named with its line."""

from __future__ import annotations

from helpers.tui import settle
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from connecttui.core import people
from connecttui.tui.keymap import binding_ids
from connecttui.tui.modals.log_touch import LogTouch
from connecttui.tui.screens.help import HelpScreen
from connecttui.tui.screens.main import MainScreen

SIZE = (120, 36)


def write_config(home, text: str) -> None:
    folder = home / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def footer_keys(app) -> dict[str, str]:
    """description -> the key the footer shows for it."""
    return {key.description: key.key_display for key in app.screen.query(FooterKey)}


async def test_a_remapped_key_opens_the_log_dialog_and_the_old_key_does_not(home, app_on):
    write_config(home, '[keys]\n"main.log" = "ctrl+l"\n')
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert footer_keys(app)["log"] == "^l"
        await pilot.press("l")
        await settle(app, pilot)
        assert not isinstance(app.screen, LogTouch)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, LogTouch)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        help_text = str(app.screen.query_one("#help-text", Static).visual)
        assert "ctrl+l" in help_text
        assert not any(line.split() == ["l", "Log", "a", "touch"]
                       for line in help_text.splitlines())
        assert [n.title for n in app._notifications if n.title == "Settings"] == []


async def test_unknown_ids_and_taken_keys_are_named_with_their_line(home, app_on):
    write_config(home, '[keys]\n"main.logg" = "ctrl+l"\n"main.add" = "r"\n"main.plan" = "f5"\n')
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        messages = [n.message for n in app._notifications if n.title == "Settings"]
        assert any(m.startswith("config.toml line 2: no key has the id 'main.logg'")
                   for m in messages), messages
        assert any(m.startswith("config.toml line 3: 'r' is already the key for 'main.review'")
                   for m in messages), messages
        keys = footer_keys(app)
        assert keys["add"] == "a"  # the clashing remap was dropped
        assert keys["plan"] == "f5"  # the good one was kept
        assert keys["review"] == "r"


def test_every_key_the_help_lists_has_an_id_the_keymap_knows(home):
    from textual.binding import Binding

    from connecttui.tui.app import ConnectApp
    from connecttui.tui.screens.briefing import BriefingScreen
    from connecttui.tui.screens.cards import CardsScreen
    from connecttui.tui.screens.plan import PlanScreen
    from connecttui.tui.screens.review import ReviewScreen
    from connecttui.tui.widgets.rowlist import RowList

    owners = (ConnectApp, MainScreen, RowList, BriefingScreen, CardsScreen, PlanScreen,
              ReviewScreen)
    listed = [b for owner in owners for b in owner.BINDINGS if isinstance(b, Binding)]
    assert [b.key for b in listed if not b.id] == []
    assert {b.id for b in listed} <= binding_ids()
    assert {"main.log", "app.quit", "list.down", "briefing.back"} <= binding_ids()
