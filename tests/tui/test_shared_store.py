"""The TUI open on the default SQLite file while separate CLI processes write and read it:
nothing is lost (issue 15).

Each CLI command is its own process, as in a shell. The TUI is opened the way the bare
`connecttui` command opens it (the file opened once to report a bad one, then by the app), so
a second connection set, or any plain open()/close() of the file while SQLite has it, would
drop this process's locks: the next CLI process to close would then delete the WAL under
the TUI, the TUI would stop seeing outside writes and its own would be gone after quit.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from helpers.tui import pane, settle

from connecttui.core.store.db import close_db, open_db
from connecttui.tui.app import make_app

SIZE = (120, 36)


def cli(home: Path, db_path: Path, *args: str) -> str:
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    env.pop("CONNECTTUI_DB", None)
    done = subprocess.run([sys.executable, "-m", "connecttui", "--db", str(db_path), *args],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def notes_in_file(db_path: Path) -> list[str]:
    """The touch notes as another process reads the file (a fresh interpreter)."""
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print('\\n'.join(r[0] for r in c.execute('SELECT note FROM touch ORDER BY id')))")
    done = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout.splitlines()


def deleted_store_files() -> list[str]:
    """This process's descriptors on a database file that is gone: the WAL or shared memory
    deleted under it."""
    folder = Path("/proc/self/fd")
    found = []
    for fd in folder.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if ".db" in target and target.endswith("(deleted)"):
            found.append(target)
    return found


async def look(app, pilot) -> None:
    """One two-second look, made now rather than waited for."""
    assert await asyncio.to_thread(app.lookout.look)
    await settle(app, pilot)


async def test_cli_processes_write_beside_the_open_tui_and_nothing_is_lost(
        home: Path, tmp_path: Path):
    db_path = tmp_path / "connecttui.db"
    cli(home, db_path, "add", "Ada Lovelace")
    open_db(db_path)  # as the bare command does before it takes the screen
    app = make_app(str(db_path), watch=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            app.lookout.stop()  # looks are made by hand below, not on the clock
            app.lookout._thread.join(timeout=5)
            contacts = pane(app, "contacts")
            assert [row.name for row in contacts.rows] == ["Ada Lovelace"]

            cli(home, db_path, "add", "Grace Hopper")
            await look(app, pilot)
            assert [row.name for row in contacts.rows] == ["Ada Lovelace", "Grace Hopper"]

            cli(home, db_path, "log", "grace", "--kind", "call", "from", "the", "shell")
            await look(app, pilot)
            grace = next(row for row in contacts.rows if row.name == "Grace Hopper")
            assert grace.days_since == 0

            cli(home, db_path, "upcoming")  # a reader: its close once dropped our locks
            assert deleted_store_files() == []
            assert (tmp_path / "connecttui.db-wal").exists()

            cli(home, db_path, "log", "ada", "--kind", "message", "after", "upcoming")
            await look(app, pilot)  # still seen after the third process came and went
            assert [row.note for row in pane(app, "timeline").rows] == ["after upcoming"]

            await pilot.press("l", "t", *"coffee in the tui", "enter")
            await settle(app, pilot)
            assert [row.note for row in pane(app, "timeline").rows][0] == "coffee in the tui"
            assert notes_in_file(db_path)[-1] == "coffee in the tui"  # another process
            assert "coffee in the tui" in cli(home, db_path, "show", "ada")
            assert deleted_store_files() == []
            await pilot.press("q")
    finally:
        close_db()
    assert notes_in_file(db_path) == ["from the shell", "after upcoming", "coffee in the tui"]
    assert "coffee in the tui" in cli(home, db_path, "show", "ada")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
