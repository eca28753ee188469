"""Two machines on one PostgreSQL database: a touch logged on one appears in the other's open
app within two seconds, pushed by the server (LISTEN/NOTIFY), with nothing polled.

The "other machine" is a real process: `python -m connecttui --db URL log ...`. The app is
the real TUI, driven through Pilot, with its live updates on (`watch=True`).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.tui import pane, settle

from connecttui.core import people
from connecttui.core.store import db as store
from connecttui.tui.app import make_app

SIZE = (120, 36)
PROMISE = 2.0
"""Seconds within which a write made elsewhere shows (the product's promise)."""


@pytest.fixture
def url(pg_server, home):
    url = pg_server.new_database()
    yield url
    pg_server.drop(url)


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    env.pop("CONNECTTUI_DB", None)
    return subprocess.run([sys.executable, "-m", "connecttui", *args], env=env,
                          capture_output=True, text=True, timeout=60)


async def shows(app, pilot, seen, limit: float) -> bool:
    """Wait (short pauses, up to `limit` seconds) until `seen()` is true."""
    deadline = time.monotonic() + limit
    while not seen():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.05)
    return True


async def test_a_touch_logged_on_another_machine_shows_within_two_seconds(home, url):
    store.open_db(url)
    ada = people.add_contact("Ada Lovelace")
    store.close_db()
    app = make_app(url, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        listener = app.watcher.listener
        assert listener is not None, "no listener on PostgreSQL"
        assert await asyncio.to_thread(listener.listening.wait, 10)
        assert pane(app, "timeline").rows == []

        done = await asyncio.to_thread(run_cli, home, "--db", url, "log", "Ada", "-k", "c",
                                       "from the laptop")
        assert done.returncode == 0, done.stderr  # committed: the clock starts now

        def arrived() -> bool:
            ada_row = next(r for r in pane(app, "contacts").rows if r.id == ada.id)
            notes = [row.note for row in pane(app, "timeline").rows]
            return notes == ["from the laptop"] and ada_row.days_since == 0

        assert await shows(app, pilot, arrived, PROMISE), (
            f"not shown within {PROMISE} s: {[r.note for r in pane(app, 'timeline').rows]}")
        assert app.watcher.changed() is False  # the 2 s timer asks nothing of the server
        assert app.watcher._server is None  # no polling connection was ever opened


async def test_a_burst_of_writes_is_one_reload_not_one_per_write(home, url):
    store.open_db(url)
    people.add_contact("Ada Lovelace")
    store.close_db()
    app = make_app(url, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert await asyncio.to_thread(app.watcher.listener.listening.wait, 10)
        reloads = []
        original = app.refresh_data
        app.refresh_data = lambda: (reloads.append(time.monotonic()), original())

        burst = ("import sys; from connecttui.core import people\n"
                 "from connecttui.core.store import db; db.open_db(sys.argv[1])\n"
                 "for n in range(30): people.add_contact(f'Person {n:02d}')")
        env = {**os.environ, "CONNECTTUI_HOME": str(home)}

        done = await asyncio.to_thread(subprocess.run, [sys.executable, "-c", burst, url],
                                       env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr  # 30 commits in a row, as an import makes
        assert await shows(app, pilot, lambda: len(pane(app, "contacts").rows) == 31, PROMISE)
        await pilot.pause(0.5)
        assert 1 <= len(reloads) <= 5, reloads  # one per write would be about 20 or 30
        gaps = [later - earlier for earlier, later in zip(reloads, reloads[1:], strict=False)]
        assert all(gap >= 0.25 for gap in gaps), gaps


def test_every_table_notifies_when_written(home, url):
    """The triggers (migration 6) cover every table, so any writer is heard: the CLI, the
    TUI, another client."""
    from helpers.postgres import query

    from connecttui.core.store.models import TABLES

    rows = query(url, "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                      "WHERE t.tgname = 'connecttui_notify'")
    assert {name for (name,) in rows} == {model._meta.table_name for model in TABLES}


def test_a_write_committed_before_the_listener_is_up_is_not_missed(home, url):
    """The app reads its rows before LISTEN takes effect: a commit in between is one
    reload as soon as the listener is up, not a change that never shows."""
    from connecttui.core.store import pg

    store.open_db(url)
    try:
        since = pg.snapshot_xmax(store.database)  # what the app does before its first read
        people.add_contact("Ada Lovelace")  # another machine commits in the gap
        calls: list[str] = []
        listener = pg.Listener(url, since=since, on_change=lambda: calls.append("change"),
                               on_offline=calls.append, on_online=lambda: calls.append("on"))
        listener.start()
        try:
            assert listener.listening.wait(10)
            deadline = time.monotonic() + PROMISE
            while not calls and time.monotonic() < deadline:
                time.sleep(0.05)
            assert calls == ["change"]
        finally:
            listener.close()
    finally:
        store.close_db()
