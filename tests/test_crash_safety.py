"""Crash safety: a process killed with SIGKILL (no cleanup, no atexit, no rollback of its
own) in the middle of a large import and of a stream of writes leaves a database that passes
`PRAGMA integrity_check`, holds every write that was committed and no part of the one that
was not, and opens normally afterwards.

The import is the real `python -m connecttui import` on a generated vCard file; the stream is
tests/helpers/touch_writer.py, which logs touches through the core and prints each touch's id
once it is committed. Both are checked from outside with plain sqlite3.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from connecttui.core import people, touches
from connecttui.core.store import db as store

ROOT = Path(__file__).resolve().parents[1]
WRITER = ROOT / "tests" / "helpers" / "touch_writer.py"
CARDS = 10_000

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    variables = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    variables.pop("CONNECTTUI_DB", None)
    return variables


def seed(path: Path) -> int:
    """A database that already holds something the crash must not harm; Ada's id."""
    store.open_db(path)
    try:
        ada = people.add_contact("Ada Lovelace", birthday=None)
        grace = people.add_contact("Grace Hopper")
        touches.log_touch([ada.id, grace.id], "call", note="before the crash")
        return ada.id
    finally:
        store.close_db()


def query(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def everything(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (the search index included), in a stable order."""
    names = [name for (name,) in query(
        path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]
    return {name: sorted(query(path, f'SELECT * FROM "{name}"'), key=repr) for name in names}


def assert_healthy(path: Path) -> None:
    """Integrity check ok, foreign keys whole, and the app's own open works and can write."""
    assert query(path, "PRAGMA integrity_check") == [("ok",)]
    assert query(path, "PRAGMA foreign_key_check") == []
    store.open_db(path)
    try:
        ada = people.find_contact("Ada")
        touches.log_touch([ada.id], "message", note="after the crash")
    finally:
        store.close_db()
    assert query(path, "SELECT COUNT(*) FROM touch WHERE note = 'after the crash'") == [(1,)]


def write_vcards(path: Path, count: int) -> None:
    """`count` distinct vCard 3.0 cards (name, email, phone, birthday, note), none a duplicate."""
    with open(path, "w", encoding="utf-8", newline="") as stream:
        for number in range(count):
            stream.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"UID:crash-{number}\r\n"
                f"FN:Person {number:04d} Example\r\nN:Example;Person {number:04d};;;\r\n"
                f"EMAIL;TYPE=INTERNET:person{number}@example.org\r\n"
                f"TEL;TYPE=CELL:+44 20 7946 {number:04d}\r\n"
                f"BDAY:1980-{number % 12 + 1:02d}-{number % 28 + 1:02d}\r\n"
                f"NOTE:card number {number}\r\n"
                "END:VCARD\r\n"
            )


def write_lock_held(path: Path) -> bool:
    """Whether another connection holds the write lock (an import's transaction is open)."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "locked" in str(error), error
        return True
    finally:
        conn.close()


def test_import_killed_midway_stores_all_or_nothing(env, tmp_path: Path):
    path = tmp_path / "crm.db"
    seed(path)
    before = everything(path)
    cards = tmp_path / "big.vcf"
    write_vcards(cards, CARDS)
    log = tmp_path / "import.log"

    with open(log, "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "connecttui", "--db", str(path), "import", str(cards)],
            stdout=output, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
        )
        try:
            # Wait until the import's transaction holds the write lock, then let it write for
            # a moment: the kill lands in the middle of the cards, not before or after (the
            # import writes 10,000 cards in about a second: issue 7 made it fast).
            deadline = time.monotonic() + 60
            while not write_lock_held(path):
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the import never started writing"
                time.sleep(0.01)
            time.sleep(0.1)
            assert process.poll() is None, f"the import finished too soon: {log.read_text()}"
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    after = everything(path)
    imported = query(path, "SELECT COUNT(*) FROM contact WHERE name LIKE 'Person % Example'")[0][0]
    if imported == 0:
        assert after == before  # not one row of the import: no contact, email, fact, index entry
    else:  # the kill came after the commit: then every card is there
        assert imported == CARDS
    assert_healthy(path)


@pytest.mark.parametrize("rounds", [3])
def test_stream_of_writes_killed_keeps_every_committed_touch(env, tmp_path: Path, rounds: int):
    path = tmp_path / "crm.db"
    ada = seed(path)
    promised: list[int] = []
    chance = random.Random(6)
    for round_number in range(rounds):
        process = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), "--contact", str(ada),
             "--prefix", f"round{round_number}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True,
        )
        watchdog = threading.Timer(120, process.kill)  # a hung writer: reads see EOF
        watchdog.start()
        try:
            assert process.stdout.readline() == "ready\n", process.stderr.read()
            wanted = 60 + 40 * round_number
            for _ in range(wanted):
                line = process.stdout.readline()
                assert line, process.stderr.read()
                promised.append(int(line))
            time.sleep(chance.uniform(0, 0.02))  # somewhere inside the next transaction
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            # Whatever it printed before it died was committed too.
            promised += [int(line) for line in process.stdout.read().split()]
        finally:
            watchdog.cancel()
            process.kill()
            process.wait(timeout=30)
            process.stdout.close()
            process.stderr.close()
        assert process.returncode == -signal.SIGKILL

        stored = {touch_id for (touch_id,) in query(path, "SELECT id FROM touch")}
        assert set(promised) <= stored, "a committed touch was lost"
        # At most one touch more than was promised: committed, then killed before printing.
        streamed = stored - {1}
        assert len(promised) <= len(streamed) <= len(promised) + round_number + 1
        # No partial touch: every stored touch is linked to its contact and indexed.
        assert query(path, "SELECT COUNT(*) FROM touch WHERE id NOT IN "
                           "(SELECT touch_id FROM touchcontact)") == [(0,)]
        assert query(path, "SELECT rowid FROM touch_fts ORDER BY rowid") == sorted(
            (touch_id,) for touch_id in stored
        )
        assert query(path, "PRAGMA integrity_check") == [("ok",)]
    notes = [note for (note,) in query(path, "SELECT note FROM touch WHERE id > 1")]
    assert len(notes) == len(set(notes))
    assert_healthy(path)
