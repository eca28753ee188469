"""A database failure while saving (a full disk, a lock held too long) is one line in the
dialog, which stays open; the app does not end and nothing is stored."""

from __future__ import annotations

import peewee
from helpers.tui import workers_done

from connecttui.core import people, touches
from connecttui.core.store.models import Touch
from connecttui.tui.app import make_app


async def test_log_dialog_shows_a_database_failure_and_stays_open(db, db_path, monkeypatch):
    people.add_contact("Ada Lovelace")

    def full_disk(*args, **kwargs):
        raise peewee.OperationalError("database or disk is full")

    monkeypatch.setattr(touches, "log_touch", full_disk)
    app = make_app(str(db_path), watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await pilot.press("l", "c", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LogTouch"
        assert "database or disk is full" in str(app.screen.query_one("#error").render())
        assert app.is_running
    assert Touch.select().count() == 0
