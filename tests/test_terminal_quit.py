"""The app in a real terminal (a pseudo-terminal, as a user runs it): a touch logged with
keys is stored, and `q` ends the process at once with the terminal put back (the fast quit
of issue 7 only runs in a real terminal, never under Pilot)."""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from connecttui.core import people
from connecttui.core.store.db import close_db

LEAVE_ALT_SCREEN = b"\x1b[?1049l"


def read_until(fd: int, wanted: bytes, seen: bytearray, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen.extend(chunk)
    return wanted in seen


def drain_until_exit(fd: int, process, seen: bytearray, timeout: float = 10) -> int | None:
    """Keep reading the terminal while the app exits: a terminal nobody reads blocks it."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        read_until(fd, b"\x00never\x00", seen, timeout=0.1)
    return process.poll()


@contextmanager
def app_in_terminal(db_path: Path):
    """`connecttui --db db_path` on a fresh 120x34 pseudo-terminal: yields the terminal's
    side we read and type on, and the process, which is killed if a test leaves it running."""
    leader, follower = pty.openpty()
    os.set_blocking(leader, False)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "34"}
    process = subprocess.Popen(
        [sys.executable, "-m", "connecttui", "--db", str(db_path)],
        stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True,
    )
    os.close(follower)
    try:
        yield leader, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)


def test_log_with_keys_then_q_in_a_real_terminal(db, db_path: Path, home: Path):
    ada = people.add_contact("Ada Lovelace")
    close_db()
    seen = bytearray()
    with app_in_terminal(db_path) as (leader, process):
        assert read_until(leader, b"Ada Lovelace", seen), seen[-2000:]
        read_until(leader, b"\x00never\x00", seen, timeout=0.5)  # let the first frame settle
        os.write(leader, b"l")
        assert read_until(leader, b"Who", seen), seen[-2000:]
        os.write(leader, b"ctea on the pier\r")
        deadline = time.monotonic() + 10
        stored = []
        while not stored and time.monotonic() < deadline:
            read_until(leader, b"\x00never\x00", seen, timeout=0.1)
            with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
                stored = conn.execute(
                    "SELECT t.kind, t.note, tc.contact_id FROM touch t "
                    "JOIN touchcontact tc ON tc.touch_id = t.id").fetchall()
        assert stored == [("call", "tea on the pier", ada.id)]
        mark = len(seen)
        os.write(leader, b"q")
        assert drain_until_exit(leader, process, seen) == 0
        read_until(leader, LEAVE_ALT_SCREEN, seen, timeout=2)
        assert LEAVE_ALT_SCREEN in seen[mark:], "the terminal was not put back"
        assert b"Traceback" not in seen
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.sqlite_only("takes a saved SQLite file back one schema, then starts the TUI on it")
def test_the_tui_migrates_an_older_database_before_its_screen(db, db_path: Path, home: Path):
    """A new connecttui on a file from the one before: the bare command migrates it (a
    backup first, into the backups folder the settings name) and shows the screen. Before
    the settings were handed to the core ahead of open_db, it ended with "no backups
    folder was given" instead, and no newer build could be started on an older file."""
    people.add_contact("Ada Lovelace")
    close_db()
    with sqlite3.connect(db_path) as conn:
        conn.execute('DROP INDEX "contact_name_nocase"')
        conn.execute("DELETE FROM schemaversion WHERE version = 9")
    conn.close()
    seen = bytearray()
    with app_in_terminal(db_path) as (leader, process):
        assert read_until(leader, b"Ada Lovelace", seen), seen[-2000:]
        os.write(leader, b"q")
        assert drain_until_exit(leader, process, seen) == 0
        assert b"Traceback" not in seen and b"backups folder" not in seen
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT MAX(version) FROM schemaversion").fetchone() == (9,)
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'contact_name_nocase'"
                            ).fetchone() == (1,)
    conn.close()
    assert list((home / "data" / "backups").iterdir()), "no backup before migrating"
