"""The PostgreSQL server goes away while the app is open, and comes back.

Every key whose action reads or writes on the UI thread then says, in one line, that it did
not work and to try again once the server is back, and the app never ends; once the server
is back the same keys work and what they save is stored.

The app says so in one line (the header) and once (a notification), keeps what is on
screen, refuses a save in one line with the dialog and its input kept (nothing is queued
and lost), and reconnects by itself: the header clears, "back online", and the same save
then stores the touch exactly once.

The server is this module's own (tests/helpers/postgres.py), halted and resumed on the same
port and data; the app is the real TUI through Pilot, live updates on.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from helpers.postgres import Missing, Server, query
from helpers.tui import settle
from textual.command import CommandPalette

from connecttui.core import clock, facts, people, planning, touches
from connecttui.core.store import db as store
from connecttui.tui.app import make_app
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.screens.main import MainScreen
from connecttui.tui.widgets.topbar import TopBar

SIZE = (120, 36)


@pytest.fixture(scope="module")
def server():
    """A server of its own: halting the session's would break the tests around this one."""
    try:
        own = Server().start()
    except Missing as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield own
    finally:
        own.stop()


async def until(pilot, condition, limit: float) -> bool:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.1)
    return True


def main_screen(app) -> MainScreen:
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


def header(app) -> str:
    """The main screen's offline line (also when a dialog is open over it)."""
    bar = main_screen(app).query_one(TopBar)
    return str(bar.query_one("#offline").render()) if bar.has_class("-offline") else ""


def shown(app) -> tuple[list, list]:
    main = main_screen(app)
    return ([row.name for row in main.query_one("#contacts").rows],
            [row.note for row in main.query_one("#timeline").rows])


def notices(messages: list) -> list[str]:
    return [m.notification.message for m in messages if type(m).__name__ == "Notify"]


async def test_the_app_says_offline_keeps_its_rows_refuses_saves_and_comes_back(home, server):
    url = server.new_database()
    store.open_db(url)
    ada = people.add_contact("Ada Lovelace")
    people.add_contact("Grace Hopper")
    touches.log_touch([ada.id], "call", note="before the outage")
    store.close_db()
    messages: list = []
    app = make_app(url, watch=True)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        assert await asyncio.to_thread(app.watcher.listener.listening.wait, 10)
        before = shown(app)
        assert before == (["Ada Lovelace", "Grace Hopper"], ["before the outage"])
        assert header(app) == ""

        await asyncio.to_thread(server.halt)
        line = f"offline: can't reach 127.0.0.1:{server.port}, retrying"
        assert await until(pilot, lambda: header(app) == line, 10), header(app)
        assert main_screen(app).query_one(TopBar).query_one("#due").display is False
        offline_notes = [n for n in notices(messages) if "can't be reached" in n]
        assert len(offline_notes) == 1 and "\n" not in offline_notes[0]

        main_screen(app).reload()  # a reload that fails while the server is away...
        await settle(app, pilot)
        assert shown(app) == before  # ...leaves the rows on screen
        assert app.is_running

        await pilot.press("l", "c", *"while away", "enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "LogTouch", "the dialog closed: the touch is lost"
        error = str(app.screen.query_one("#error").render())
        assert error and "\n" not in error and "127.0.0.1" in error, error
        assert app.screen.query_one("#note").value == "while away"

        await asyncio.to_thread(server.resume)
        assert await until(pilot, lambda: header(app) == "", 10), header(app)
        assert any("back online" in n for n in notices(messages))
        assert type(app.screen).__name__ == "LogTouch"  # still there, with the note

        await pilot.press("enter")  # the same save, now that the server is back
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen), app.screen.query_one("#error").render()
        assert await until(pilot, lambda: "while away" in shown(app)[1], 5), shown(app)
        assert header(app) == ""
        assert len([n for n in notices(messages) if "can't be reached" in n]) == 1

    stored = query(url, "SELECT note FROM touch ORDER BY id")
    assert stored == [("before the outage",), ("while away",)]


# ----- every key that reads or writes on the UI thread, while the server is away ----------


def refusals(messages: list, since: int) -> list[str]:
    """The notices since `since` that say what to do about the server being away."""
    return [n for n in notices(messages)[since:] if "Try again once the server is back" in n]


KEY_REFUSED = "did not work, the database failed: cannot reach the database at 127.0.0.1"
"""The notice of a key whose own read or write failed (a worker's says "could not be")."""


async def press_refused(app, pilot, messages: list, *keys: str,
                        said: str = KEY_REFUSED) -> None:
    """Press the keys: the app must stay up and say, in one line each time, that it did not
    work and what to do."""
    since = len(notices(messages))
    await pilot.press(*keys)
    await settle(app, pilot)
    assert app.is_running
    told = [n for n in refusals(messages, since) if said in n]
    assert told, (keys, notices(messages)[since:])
    assert all("\n" not in n for n in told)


def upcoming_at(app, kind: str) -> int:
    rows = main_screen(app).query_one("#upcoming").rows
    return next(i for i, row in enumerate(rows) if row.kind == kind)


async def test_every_key_that_reads_says_so_while_the_server_is_away(home, server, today):
    url = server.new_database()
    store.open_db(url)
    ada = people.add_contact("Ada Lovelace")
    grace = people.add_contact("Grace Hopper")
    touches.log_touch([ada.id], "call", note="before the outage")
    planning.add_open_loop(ada.id, "send the book", clock.today())
    facts.add_fact(ada.id, "need", "a tax adviser", "tax")
    facts.add_fact(grace.id, "offer", "knows tax law", "tax")
    store.close_db()
    messages: list = []
    app = make_app(url, watch=True)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        assert await asyncio.to_thread(app.watcher.listener.listening.wait, 10)
        kinds = [row.kind for row in main_screen(app).query_one("#upcoming").rows]
        assert "loop" in kinds and "intro" in kinds, kinds

        await asyncio.to_thread(server.halt)
        assert await until(pilot, lambda: header(app).startswith("offline"), 10), header(app)

        # Dialogs that read the contact (or the circles) they open on: a notice, no dialog.
        for key in ("a", "e", "p", "o"):
            await press_refused(app, pilot, messages, key)
            assert isinstance(app.screen, MainScreen), (key, app.screen)
        await press_refused(app, pilot, messages, "u")  # undo reads what to undo

        # Screens that read in a worker: they open, say they could not read, and go back.
        await press_refused(app, pilot, messages, "enter",
                            said="The briefing could not be read")
        assert type(app.screen).__name__ == "BriefingScreen"
        assert str(app.screen.query_one("#card").content).startswith("Could not be read")
        await pilot.press("escape")
        await press_refused(app, pilot, messages, "r",
                            said="The weekly review could not be read")
        await pilot.press("escape")
        await press_refused(app, pilot, messages, "slash", *"ada",
                            said="Search could not read the database")
        await pilot.press("escape")
        await press_refused(app, pilot, messages, "ctrl+p",
                            said="Jump to contact did not work")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen), app.screen

        # Upcoming: x reads the open loop; d deletes it; enter on an introduction reads
        # the two facts.
        await pilot.press("3", "home", *["down"] * upcoming_at(app, "loop"))
        await press_refused(app, pilot, messages, "x")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await press_refused(app, pilot, messages, "y")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("home", *["down"] * upcoming_at(app, "intro"))
        await press_refused(app, pilot, messages, "enter")
        assert isinstance(app.screen, MainScreen)
        # z reads nothing to open: its save fails in the dialog, which stays open.
        await pilot.press("home", *["down"] * upcoming_at(app, "loop"), "z", "enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "SnoozeForm"
        assert "127.0.0.1" in str(app.screen.query_one("#error").render())
        await pilot.press("escape")

        # The panes say their rows could not be read again (kept, as the README promises).
        main_screen(app).reload()
        await settle(app, pilot)
        title = str(main_screen(app).query_one("#upcoming-pane").border_title)
        assert title.endswith("could not be read"), title
        assert shown(app) == (["Ada Lovelace", "Grace Hopper"], ["before the outage"])

        await asyncio.to_thread(server.resume)
        assert await until(pilot, lambda: header(app) == "", 10), header(app)
        await settle(app, pilot)
        title = str(main_screen(app).query_one("#upcoming-pane").border_title)
        assert title.startswith("3 Upcoming (") and "could not" not in title, title

        # The same keys work again: an open loop is added and stored.
        since = len(notices(messages))
        await pilot.press("1", "p", *"call back", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen), app.screen.query_one("#error").render()
        assert refusals(messages, since) == []
        assert app.is_running

    stored = query(url, "SELECT text FROM openloop ORDER BY id")
    assert stored == [("send the book",), ("call back",)]
