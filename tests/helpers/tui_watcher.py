"""The real TUI, driven through Pilot in its own process, for the concurrency test.

`python tui_watcher.py DB CONTACT LABEL LOGS` runs `make_app(DB, watch=True)` headless and
talks with the test over stdin/stdout, one line each way:

- prints `ready` once CONTACT is highlighted;
- on `go`, logs LOGS touches with CONTACT through the log dialog (keys only: `l`, `m`, the
  note LABEL-1, LABEL-2, ..., `enter`), while other processes write, and prints `logged`;
- on `check N`, waits (up to 20 s) until the app's own change watcher has reloaded the
  panes, that is until CONTACT's timeline shows N rows, then prints one JSON line: the notes
  of CONTACT's timeline and the contacts pane's "days since" per name, as shown.

It never reloads the panes itself: what it reports after `check` is only what the watcher
brought in.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: tests/ on the path
from helpers.tui import workers_done  # noqa: E402

from connecttui.tui.app import make_app
from connecttui.tui.screens.main import MainScreen


async def settle(app, pilot) -> None:
    await pilot.pause()
    await workers_done(app)
    await pilot.pause()


async def command() -> str:
    return (await asyncio.to_thread(sys.stdin.readline)).strip()


async def run(db: str, name: str, label: str, logs: int) -> None:
    app = make_app(db, watch=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        contacts = app.screen.query_one("#contacts")
        for _ in range(len(contacts.rows)):
            if contacts.current.name == name:
                break
            await pilot.press("j")
            await settle(app, pilot)
        assert contacts.current.name == name, [row.name for row in contacts.rows]
        print("ready", flush=True)

        assert await command() == "go"
        for number in range(1, logs + 1):
            await pilot.press("l", "m", *f"{label}-{number}", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, MainScreen), f"the log dialog stayed: {app.screen}"
            await pilot.pause(0.2)
        print("logged", flush=True)

        word, expected = (await command()).split()
        assert word == "check"
        timeline = app.screen.query_one("#timeline")
        deadline = time.monotonic() + 20
        while len(timeline.rows) != int(expected) and time.monotonic() < deadline:
            await pilot.pause(0.2)
        await settle(app, pilot)
        seen = {
            "timeline": [row.note for row in timeline.rows],
            "days_since": {row.name: row.days_since for row in contacts.rows},
            "highlighted": contacts.current.name,
        }
        print(json.dumps(seen), flush=True)


if __name__ == "__main__":
    db, name, label, logs = sys.argv[1:]
    asyncio.run(run(db, name, label, int(logs)))
