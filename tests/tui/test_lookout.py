"""The two-second look runs on its own thread: it tells the app about other processes'
writes, stops with the app, and a watcher closed under it (the demo opening) is harmless."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from helpers.tui import pane, settle

from connecttui.core import people, touches
from connecttui.core.store.db import ChangeWatcher
from connecttui.tui.app import make_app

SIZE = (120, 36)


def lookout_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "connecttui-lookout" and t.is_alive()]


async def test_a_look_brings_another_connections_write_and_the_thread_ends_with_the_app(
        db, db_path: Path, home: Path):
    ada = people.add_contact("Ada Lovelace")
    app = make_app(str(db_path), watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.lookout.stop()  # looks are made by hand below, not on the clock
        app.lookout._thread.join(timeout=5)
        assert not app.lookout.running
        assert app.lookout.look()  # nothing written: nothing to tell

        other = ChangeWatcher(db_path)  # any other connection
        try:
            other._conn.execute("INSERT INTO touch (kind, at, initiator, note, created_at) "
                                "VALUES ('call', '2026-11-27T09:00:00+00:00', 'out', "
                                "'from elsewhere', '2026-11-27T09:00:00+00:00')")
            touch_id = other._conn.execute("SELECT max(id) FROM touch").fetchone()[0]
            other._conn.execute("INSERT INTO touchcontact (touch_id, contact_id) VALUES (?, ?)",
                                (touch_id, ada.id))
            other._conn.commit()
        finally:
            other.close()
        touches.refresh_kept([ada.id])

        assert await asyncio.to_thread(app.lookout.look)  # from a thread, as it runs
        await settle(app, pilot)
        assert [row.note for row in pane(app, "timeline").rows] == ["from elsewhere"]
    assert lookout_threads() == []


async def test_the_thread_runs_while_the_app_does(db, db_path: Path, home: Path):
    people.add_contact("Ada Lovelace")
    app = make_app(str(db_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.lookout.running  # it also paces the garbage collector
        assert app.watcher is None and app.lookout.look()
    app.lookout._thread.join(timeout=5)
    assert not app.lookout.running


def test_a_closed_watcher_answers_no_news(tmp_path: Path, db):
    watcher = ChangeWatcher(tmp_path / "x.db")
    watcher.close()
    assert watcher.changed() is False
