"""Concurrency: several processes write at once and nothing is lost, doubled or refused.

Four logger processes (tests/helpers/touch_writer.py: the real core and open_db, one
transaction per touch, as `connecttui log` does, without paying the CLI's start-up 2000
times) and two real TUIs driven through Pilot (tests/helpers/tui_watcher.py), which log
through the log dialog while the loggers run, all on one database file. Afterwards every
touch is stored exactly once, no process failed (no "database is locked"), and both TUIs'
change watchers brought every write, theirs and the others', onto their screens.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from connecttui.core import people, touches
from connecttui.core.store import db as store

ROOT = Path(__file__).resolve().parents[1]
HELPERS = ROOT / "tests" / "helpers"
WRITERS = 4
EACH = 500
EVERY = 25
"""Every 25th touch of a logger is also with Ada, so her timeline (200 rows at most) can
show every one of them."""
TUIS = 2
TUI_LOGS = 5


def query(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def line(process: subprocess.Popen) -> str:
    text = process.stdout.readline()
    assert text, f"the process ended: {process.wait(30)} {errors(process)}"
    return text.strip()


def errors(process: subprocess.Popen) -> str:
    """What the process wrote to stderr (a file, so a chatty process never blocks)."""
    with open(process.log_path, encoding="utf-8") as log:
        return log.read()


def test_loggers_and_two_tuis_at_once(home: Path, tmp_path: Path):
    path = tmp_path / "crm.db"
    store.open_db(path)
    try:
        ada = people.add_contact("Ada Lovelace").id
        peers = [people.add_contact(f"Writer {number}").id for number in range(WRITERS)]
    finally:
        store.close_db()
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    env.pop("CONNECTTUI_DB", None)

    started: list[subprocess.Popen] = []

    def start(*argv: str) -> subprocess.Popen:
        log_path = tmp_path / f"stderr-{len(started)}.txt"
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [sys.executable, *argv], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=log, env=env, cwd=ROOT, text=True,
            )
        process.log_path = log_path
        started.append(process)
        return process

    # A hung process would block a read forever: past this, kill them all (reads see EOF).
    watchdog = threading.Timer(180, lambda: [process.kill() for process in started])
    watchdog.start()
    tuis = [start(str(HELPERS / "tui_watcher.py"), str(path), "Ada Lovelace", f"tui{number}",
                  str(TUI_LOGS)) for number in range(TUIS)]
    writers: list[subprocess.Popen] = []
    try:
        for tui in tuis:
            assert line(tui) == "ready"
        writers = [
            start(str(HELPERS / "touch_writer.py"), str(path), "--contact", str(peer),
                  "--count", str(EACH), "--prefix", f"w{number}", "--also", str(ada),
                  "--every", str(EVERY))
            for number, peer in enumerate(peers)
        ]
        for writer in writers:
            assert line(writer) == "ready"
        for tui in tuis:  # the TUIs log while the loggers are writing
            tui.stdin.write("go\n")
            tui.stdin.flush()

        printed: list[int] = []
        for writer in writers:
            ids = [int(text) for text in writer.stdout.read().split()]
            assert writer.wait(timeout=120) == 0, errors(writer)
            assert "locked" not in errors(writer).lower()
            assert len(ids) == EACH
            printed += ids
        for tui in tuis:
            assert line(tui) == "logged"

        # One write after everyone else has finished: only a change watcher can show it.
        store.open_db(path)
        try:
            touches.log_touch([ada], "call", note="final")
        finally:
            store.close_db()
        on_ada = WRITERS * (EACH // EVERY) + TUIS * TUI_LOGS + 1
        for tui in tuis:
            tui.stdin.write(f"check {on_ada}\n")
            tui.stdin.flush()
        seen = [json.loads(line(tui)) for tui in tuis]
        for tui in tuis:
            assert tui.wait(timeout=30) == 0, errors(tui)
            assert "locked" not in errors(tui).lower()
    finally:
        watchdog.cancel()
        for process in tuis + writers:
            process.kill()
            process.wait(timeout=30)
            process.stdin.close()
            process.stdout.close()

    # Stored exactly once: every id printed is there, every note once, nothing more.
    total = WRITERS * EACH + TUIS * TUI_LOGS + 1
    assert len(set(printed)) == WRITERS * EACH
    notes = [note for (note,) in query(path, "SELECT note FROM touch")]
    assert len(notes) == total
    assert sorted(notes) == sorted(
        [f"w{w}-{n}" for w in range(WRITERS) for n in range(1, EACH + 1)]
        + [f"tui{t}-{n}" for t in range(TUIS) for n in range(1, TUI_LOGS + 1)]
        + ["final"]
    )
    stored = {touch_id for (touch_id,) in query(path, "SELECT id FROM touch")}
    assert set(printed) <= stored
    assert query(path, f"SELECT COUNT(*) FROM touchcontact WHERE contact_id = {ada}") == [
        (on_ada,)
    ]
    assert query(path, "PRAGMA integrity_check") == [("ok",)]

    # Both TUIs show every touch with Ada (the loggers', both TUIs' and the final one), and
    # every logger's contact as touched today.
    expected_on_ada = sorted(
        [f"w{w}-{n}" for w in range(WRITERS) for n in range(EVERY, EACH + 1, EVERY)]
        + [f"tui{t}-{n}" for t in range(TUIS) for n in range(1, TUI_LOGS + 1)]
        + ["final"]
    )
    for view in seen:
        assert view["highlighted"] == "Ada Lovelace"
        assert view["timeline"][0] == "final"
        assert sorted(view["timeline"]) == expected_on_ada
        assert view["days_since"] == {
            "Ada Lovelace": 0, **{f"Writer {number}": 0 for number in range(WRITERS)}
        }
