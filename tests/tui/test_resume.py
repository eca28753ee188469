"""Back on the main screen after a dialog: nothing is read again unless something was written
meanwhile; then the panes and the timeline show it at once, without waiting for the
two-second look (stopped here, so only the resume can have done it)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.tui import pane, settle

from connecttui.core import people, touches
from connecttui.tui.app import make_app

SIZE = (120, 36)


@pytest.fixture
def reads(monkeypatch):
    """How many times the contacts pane was read (the core's own function, counted)."""
    calls = []
    real = touches.contact_rows

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(touches, "contact_rows", counted)
    return calls


async def open_and_close_search(app, pilot) -> None:
    await pilot.press("slash", "a", "escape")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "MainScreen"


async def test_closing_search_reads_nothing_again(db, db_path: Path, home: Path, reads):
    people.add_contact("Ada Lovelace")
    app = make_app(str(db_path), watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = len(reads)
        await open_and_close_search(app, pilot)
        await open_and_close_search(app, pilot)
        assert len(reads) == before


async def test_a_write_while_a_dialog_was_open_shows_on_return(db, db_path: Path, home: Path,
                                                                reads):
    ada = people.add_contact("Ada Lovelace")
    app = make_app(str(db_path), watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.lookout.stop()  # the two-second look: only the resume is left to notice
        assert pane(app, "timeline").rows == []
        before = len(reads)

        await pilot.press("slash", "a")
        env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
        env.pop("CONNECTTUI_DB", None)
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "connecttui", "--db", str(db_path), "log", "Ada", "-k", "c",
             "while you searched"],
            env=env, capture_output=True, text=True, timeout=30,
        )
        assert done.returncode == 0, done.stderr
        await pilot.press("escape")
        await settle(app, pilot)

        assert len(reads) == before + 1
        assert [row.note for row in pane(app, "timeline").rows] == ["while you searched"]
        row = next(r for r in pane(app, "contacts").rows if r.id == ada.id)
        assert row.days_since == 0
