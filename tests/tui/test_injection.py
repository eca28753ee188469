"""User text is data, never markup and never terminal control: names, notes, facts, family
names, gift texts, open-loop texts, occasion labels and imported fields that contain
Textual/Rich markup (`[bold]`, `[link=...]`, `[@click=app.quit]`, `$accent`) or terminal
escape sequences (colour, window title, clear screen) are shown exactly as typed, with an
escape's ESC shown as the visible `\\x1b`, in every view: the three panes, the briefing,
the dialogs, the notifications, the command palette, search, the weekly review and the
command line's output.

Each TUI check reads what the screen really sends to the terminal (the compositor's strips:
text and style of every segment) and asserts that (1) the literal text is there, (2) no
segment carries a raw ESC or BEL, and (3) no segment got a link or a click action, so the
markup was not interpreted. `app.quit` hidden in a name must never run: the app is still
running at the end. A first test proves the checker catches interpreted markup.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest
from helpers.tui import settle
from rich.segment import Segment
from textual.command import CommandPalette
from textual.content import Content
from textual.widgets import Input, Static
from textual.widgets._toast import Toast

from connecttui.core import facts, family, gifts, occasions, people, planning, touches
from connecttui.core.store.models import Contact
from connecttui.core.text import printable
from connecttui.interop import importing
from connecttui.tui.app import make_app
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.modals.contact_form import ContactForm
from connecttui.tui.modals.log_touch import LogTouch
from connecttui.tui.modals.search import SearchScreen
from connecttui.tui.screens.briefing import BriefingScreen
from connecttui.tui.screens.main import MainScreen
from connecttui.tui.screens.review import ReviewScreen

ROOT = Path(__file__).resolve().parents[2]
SIZE = (800, 50)  # wide enough that no payload is cut by a column

EVIL = ("[bold]x[/bold] [link=http://evil]click[/link] [@click=app.quit]q[/] $accent "
        "\x1b[31m \x1b]0;title\x07 \x1b[2J")
SHOWN = printable(EVIL)
"""EVIL as it must appear: every piece literally, ESC and BEL as the visible \\x1b, \\x07."""
assert "\\x1b[31m" in SHOWN and "\\x07" in SHOWN


@pytest.fixture
def seeded(db, frozen, tmp_path: Path):
    """EVIL in every field a user (or an imported file) can fill."""
    now = frozen
    eve = people.add_contact(f"Eve {EVIL}", nicknames=f"nick {EVIL}", notes=f"note {EVIL}",
                             why_care=f"why {EVIL}", how_met=f"met {EVIL}",
                             address=f"street {EVIL}", ideal_days=7)
    bob = people.add_contact("Bob Plain")
    touches.log_touch([eve.id, bob.id], "call", at=now.subtract(days=1),
                      note=f"touch {EVIL}")
    touches.log_touch([eve.id], "memory", at=now.subtract(years=1), note=f"memory {EVIL}")
    touches.log_touch([bob.id], "call", at=now.subtract(days=40), note="plain")
    birthday = occasions.add_occasion(eve.id, "birthday", 11, 27, year=1990)
    occasions.add_occasion(eve.id, "custom", 11, 29, label=f"label {EVIL}")
    facts.add_fact(eve.id, "need", f"fact {EVIL}", tags="money")
    facts.add_fact(bob.id, "offer", f"offer {EVIL}", tags="money")
    family.add_member(eve.id, "child", f"kid {EVIL}", 2015, f"does {EVIL}")
    gifts.add_gift(eve.id, f"gift {EVIL}", "idea", birthday.id)
    planning.add_open_loop(eve.id, f"loop {EVIL}", now.date())
    card = tmp_path / "imported.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imp [link=http://evil]click[/link] "
        "[@click=app.quit]q[/]\r\nN:;Imp;;;\r\nNOTE:imported [bold]x[/bold] $accent \x1b[2J\r\n"
        "END:VCARD\r\n", encoding="utf-8")
    importing.import_path(card, "vcard")
    return eve


# ----- reading the screen --------------------------------------------------------------
def strips(app) -> list[list[Segment]]:
    """Every line the current screen sends to the terminal, as segments."""
    return [list(strip) for strip in app.screen._compositor.render_strips()]


def text_of(lines: list[list[Segment]]) -> str:
    return "\n".join("".join(segment.text for segment in line) for line in lines)


def leaks(segments) -> list[str]:
    """What in these segments came from interpreted markup or raw control characters."""
    found = []
    for segment in segments:
        if "\x1b" in segment.text or "\x07" in segment.text:
            found.append(f"raw control character in {segment.text!r}")
        style = segment.style
        if style is None:
            continue
        if style.link:
            found.append(f"a link to {style.link} on {segment.text!r}")
        actions = [str(value) for key, value in (style.meta or {}).items() if "click" in key]
        if any("quit" in action for action in actions):
            found.append(f"a click action {actions} on {segment.text!r}")
    return found


def check_screen(app, *expected: str) -> str:
    """The screen shows each expected text literally and nothing leaked; returns its text."""
    lines = strips(app)
    shown = text_of(lines)
    for text in expected:
        assert text in shown, f"{text!r} is not on {type(app.screen).__name__}:\n{shown}"
    problems = [problem for line in lines for problem in leaks(line)]
    assert not problems, problems
    assert app.is_running and app.return_code is None  # app.quit never ran
    return shown


async def press_until(app, pilot, key: str, done) -> None:
    """Press `key` (a cursor move) until `done()` (at most 20 times)."""
    for _ in range(20):
        if done():
            return
        await pilot.press(key)
        await settle(app, pilot)
    assert done()


# ----- the checker itself ----------------------------------------------------------------
def test_the_checker_catches_interpreted_markup_and_raw_escapes():
    interpreted = list(Content.from_markup(
        "[link='http://evil']click[/link] [@click=app.quit]q[/]").render_segments())
    assert len(leaks(interpreted)) == 2
    assert leaks([Segment("\x1b[2J")])
    assert not leaks(list(Content(SHOWN).render_segments()))


# ----- the TUI -----------------------------------------------------------------------------
async def test_every_view_shows_user_text_literally(seeded, db_path: Path):
    eve = seeded
    name = f"Eve {SHOWN}"
    app = make_app(str(db_path), watch=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        pane = app.screen.query_one("#contacts-pane")
        pane.styles.width = pane.styles.max_width = 150  # room for a whole name
        await settle(app, pilot)

        # The occasion today notice (a toast): its text as typed, never markup.
        toasts = [toast for toast in app.screen.query(Toast) if "birthday" in str(toast.render())]
        assert toasts, [str(toast.render()) for toast in app.screen.query(Toast)]
        for toast in toasts:
            rendered = toast.render()
            assert f"{name}'s birthday" in str(rendered)
            assert not leaks(rendered.render_segments())
        app.clear_notifications()
        await settle(app, pilot)

        # The panes: contacts, the timeline of Eve, upcoming.
        contacts = app.screen.query_one("#contacts")
        await press_until(app, pilot, "down", lambda: contacts.current.id == eve.id)
        check_screen(app, name, "Imp [link=http://evil]click[/link] [@click=app.quit]q[/]",
                     f"touch {SHOWN} · with Bob Plain", f"memory {SHOWN}",
                     f"{name}: birthday today", f"label {SHOWN}", f"loop {SHOWN}",
                     f"gift {SHOWN}", f"needs fact {SHOWN}; Bob Plain")

        # The delete confirmation names the contact.
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, Confirm)
        check_screen(app, name)
        await pilot.press("escape")
        await settle(app, pilot)

        # The briefing: every section.
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen)
        visual = app.screen.query_one("#card", Static).visual
        assert not leaks(visual.render_segments())  # the whole card, also below the fold
        card = str(visual)
        for text in (name, f"nick {SHOWN}", f"why {SHOWN}", f"met {SHOWN}", f"touch {SHOWN}",
                     f"loop {SHOWN}", f"kid {SHOWN}", f"does {SHOWN}", f"fact {SHOWN}",
                     f"offer {SHOWN}", f"gift {SHOWN}", f"label {SHOWN}", f"memory {SHOWN}",
                     f"note {SHOWN}"):
            assert text in card, text
        check_screen(app, name, f"kid {SHOWN}")

        # The log dialog from the briefing: the who field holds the name.
        await pilot.press("l")
        await settle(app, pilot)
        assert isinstance(app.screen, LogTouch)
        who = app.screen.query_one("#who", Input)
        assert printable(who.value) == name
        check_screen(app)
        await pilot.press("escape")
        await settle(app, pilot)

        # The edit form's title.
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        check_screen(app, "Edit Eve [bold]x[/bold]")  # the dialog wraps the rest
        assert str(app.screen.query_one("#title").render()) == f"Edit {name}"
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)

        # The log dialog from the main screen, tabbed to the who field: its end is shown.
        await pilot.press("l")
        await settle(app, pilot)
        assert isinstance(app.screen, LogTouch)
        who = app.screen.query_one("#who", Input)
        await press_until(app, pilot, "tab", lambda: who.has_focus)
        assert not leaks(who.render_line(0))
        check_screen(app, "$accent")
        await pilot.press("escape")
        await settle(app, pilot)

        # The command palette: "Jump to" each contact.
        await pilot.press("ctrl+p", *"jump")
        await settle(app, pilot)
        assert isinstance(app.screen, CommandPalette)
        check_screen(app, "Jump to Eve", "Jump to Imp [link=http://evil]click[/link]")
        await pilot.press("escape")
        await settle(app, pilot)

        # Search: names and snippets.
        await pilot.press("slash", *"accent")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#results").rows
        check_screen(app, "Eve [bold]x[/bold]", "$accent")
        await pilot.press("escape")
        await settle(app, pilot)

        # The weekly review: every step.
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        seen = ""
        for step in range(8):
            if step:
                await pilot.press("n")
                await settle(app, pilot)
            seen += check_screen(app)
        for text in (f"loop {SHOWN}", f"{name}"):
            assert text in seen, text
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.is_running and app.return_code is None
    assert Contact.select().count() == 3  # nothing was deleted or changed on the way


# ----- the command line ----------------------------------------------------------------
def test_the_command_line_prints_user_text_literally(seeded, db_path: Path, home: Path):
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    env.pop("CONNECTTUI_DB", None)
    people.update_contact(seeded.id, address=f"street {EVIL}")
    from connecttui.core import cards

    cards.add_card(seeded.id, pendulum.today().year)

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "connecttui", "--db", str(db_path), *args],
                              env=env, cwd=ROOT, capture_output=True, timeout=60)
        assert done.returncode == 0, (args, done.stderr)
        for stream in (done.stdout, done.stderr):
            assert b"\x1b" not in stream and b"\x07" not in stream, (args, stream)
        return done.stdout.decode("utf-8")

    shown = run("show", "Eve")
    for text in (f"Eve {SHOWN}", f"note {SHOWN}", f"kid {SHOWN}", f"fact {SHOWN}",
                 f"gift {SHOWN}", f"loop {SHOWN}", f"touch {SHOWN}"):
        assert text in shown, text
    assert f"loop {SHOWN}" in run("upcoming", "--days", "30")
    assert f"Eve {SHOWN}" in run("search", "accent")
    assert f"Eve {SHOWN}" in run("cards")
    assert f"street {SHOWN}" in run("cards")
    review = run("review")
    assert f"Eve {SHOWN}" in review
    imported = run("show", "Imp")  # the vCard reader drops the ESC; the markup stays text
    assert "Imp [link=http://evil]click[/link] [@click=app.quit]q[/]" in imported
    assert "imported [bold]x[/bold] $accent" in imported
