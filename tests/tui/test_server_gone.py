"""The PostgreSQL server goes away while the app is open, and comes back.

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

from connecttui.core import db as store
from connecttui.core import people, touches
from connecttui.tui.app import make_app
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
