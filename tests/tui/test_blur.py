"""The privacy blur (`b`), for sharing the screen: notes, facts, family details, gifts,
memories and search snippets become "•••" in every pane and the briefing, names stay, the
header says "blurred"; `b` again shows them. `start_blurred = true` opens the app blurred.

Every private text below carries the word "secret", so "no 'secret' anywhere on the screen"
is the check, and the same screen shows them all again once the blur is off.
"""

from __future__ import annotations

import html

import pendulum
import pytest
from helpers.tui import settle
from textual.widgets import Label, Static

from connecttui.core import facts, family, gifts, occasions, people, planning, touches
from connecttui.settings import config
from connecttui.tui.app import make_app
from connecttui.tui.blur import MASK
from connecttui.tui.modals.search import SearchScreen
from connecttui.tui.screens.briefing import BriefingScreen
from connecttui.tui.screens.main import MainScreen
from connecttui.tui.screens.review import ReviewScreen

SIZE = (240, 40)
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")


@pytest.fixture
def ada(db, frozen):
    """Ada with a private word in every kind of detail the blur hides."""
    ada = people.add_contact("Ada Lovelace", notes="secret notes line", why_care="secret why",
                             how_met="secret met")
    grace = people.add_contact("Grace Hopper")
    touches.log_touch([ada.id], "call", at=NOW.subtract(days=2), note="secret touch note")
    touches.log_touch([ada.id, grace.id], "memory", at=NOW.subtract(years=1),
                      note="secret memory note")
    facts.add_fact(ada.id, "interest", "secret fact words", tags="secrettag")
    family.add_member(ada.id, "child", "Secret Kid", 2015, "secret piano")
    birthday = occasions.add_occasion(ada.id, "birthday", 12, 3)
    gifts.add_gift(ada.id, "secret gift idea", "idea", birthday.id)
    planning.add_open_loop(ada.id, "secret loop text", pendulum.Date(2026, 11, 29))
    return ada


def lines(widget) -> str:
    """Every line a RowList draws, as the terminal gets it."""
    return "\n".join("".join(s.text for s in widget.render_line(y))
                     for y in range(widget.size.height))


def shown(app) -> str:
    """What the main screen shows: the header and the three panes."""
    screen = app.screen
    title = str(screen.query_one("#title", Label).visual)
    return "\n".join([title] + [lines(screen.query_one(f"#{name}"))
                                for name in ("contacts", "timeline", "upcoming")])


def card(app) -> str:
    return str(app.screen.query_one("#card", Static).visual)


async def test_b_hides_the_details_in_every_pane_and_b_shows_them_again(ada, db_path):
    app = make_app(str(db_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = shown(app)
        for text in ("secret touch note", "secret loop text", "secret gift idea",
                     "secret memory note"):
            assert text in before, before
        assert "blurred" not in before
        assert not app.screen.has_class("-blurred")

        await pilot.press("b")
        await settle(app, pilot)
        assert app.blurred is True
        assert app.screen.has_class("-blurred")
        blurred = shown(app)
        assert "secret" not in blurred.lower(), blurred
        assert "connecttui · blurred" in blurred
        assert "Ada Lovelace" in blurred and "Grace Hopper" in blurred  # names stay
        assert MASK in lines(app.screen.query_one("#timeline"))
        assert f"Ada Lovelace: {MASK} (due in 2 days)" in blurred  # the reason stays

        await pilot.press("1", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.has_class("-blurred")
        text = card(app)
        assert "Ada Lovelace" in text and "birthday" in text
        assert "secret" not in text.lower(), text
        assert text.count(MASK) >= 9  # why, met, touch, loop, family, fact, gift, memory, notes

        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("slash", *"secret")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one("#results")
        assert results.rows, "the search found nothing to blur"
        found = lines(results)
        assert "Ada Lovelace" in found and MASK in found
        assert "secret" not in found.lower(), found

        await pilot.press("escape", "b")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.blurred is False
        assert not app.screen.has_class("-blurred")
        again = shown(app)
        assert "secret touch note" in again and "secret loop text" in again
        assert "blurred" not in again

        await pilot.press("enter")
        await settle(app, pilot)
        text = card(app)
        for word in ("secret notes line", "secret fact words", "Secret Kid", "secret gift idea",
                     "secret touch note", "secret memory note", "secret why"):
            assert word in text


async def test_b_in_the_briefing_blurs_it_at_once(ada, db_path):
    app = make_app(str(db_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "secret notes line" in card(app)
        await pilot.press("b")
        await settle(app, pilot)
        assert "secret" not in card(app).lower()
        assert "connecttui · blurred" in str(app.screen.query_one("#title", Label).visual)


async def test_start_blurred_in_the_config_opens_the_app_blurred(ada, db_path, home):
    folder = home / "config"
    folder.mkdir()
    (folder / "config.toml").write_text("start_blurred = true\n", encoding="utf-8")
    app = make_app(str(db_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.blurred is True
        assert app.screen.has_class("-blurred")
        first = shown(app)
        assert "secret" not in first.lower(), first
        assert "connecttui · blurred" in first

        await pilot.press("r")  # the weekly review, every step, stays blurred
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        steps = ""
        for step in range(8):
            if step:
                await pilot.press("n")
                await settle(app, pilot)
            steps += html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "Ada Lovelace" in steps and MASK in steps
        assert "secret" not in steps.lower()
        await pilot.press("escape")
        await settle(app, pilot)

        await pilot.press("b")
        await settle(app, pilot)
        assert "secret touch note" in shown(app)


def test_start_blurred_is_read_and_checked():
    assert config.Settings().start_blurred is False
    assert config.parse("start_blurred = true\n").start_blurred is True
    wrong = config.parse('start_blurred = "yes"\n')
    assert wrong.start_blurred is False
    assert any("start_blurred is true or false" in problem for problem in wrong.problems)
