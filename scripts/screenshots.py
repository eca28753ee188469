"""Regenerate screenshots/ from the real app on the seeded demo data (`make screenshots`).

The clock is frozen on a Friday and the demo is seeded, so the pictures only change when
the UI does.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

import pendulum
import time_machine

FROZEN = "2026-11-27 10:30:00 +00:00"
SIZE = (120, 34)
SMALL = (80, 24)
OUT = Path(__file__).resolve().parent.parent / "screenshots"


def richest_contact() -> str:
    """The demo person whose briefing shows the most practices at once: a reach-out streak,
    family, gifts, facts and introductions."""
    from connecttui.core import briefing, clock
    from connecttui.core.store.models import Contact

    def score(contact_id: int) -> int:
        brief = briefing.briefing(contact_id, clock.today())
        return sum(bool(x) for x in (
            "give it space" in brief.reach_line, brief.family, any(brief.gifts.values()),
            brief.facts, brief.matches, brief.memories, brief.open_loops, brief.coming,
        ))

    contacts = list(Contact.select(Contact.id, Contact.name).order_by(Contact.id))
    return max(contacts, key=lambda c: (score(c.id), -c.id)).name


async def shoot(db_path: str, rich_name: str) -> None:
    from connecttui.tui.app import make_app

    sys.path.insert(0, str(OUT.parent / "tests"))  # the tests' wait for workers
    from helpers.tui import settle, workers_done

    app = make_app(db_path, demo=True, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)  # the main screen is pushed on the app's first turn
        app.clear_notifications()
        await pilot.pause(0.3)
        await pilot.press("down", "down")
        await workers_done(app)
        await pilot.pause(0.3)
        app.save_screenshot("main.svg", path=str(OUT))
        await pilot.press("l", "t", *"coffee at the harbour", "tab")
        await pilot.pause(0.3)
        app.save_screenshot("log-dialog.svg", path=str(OUT))
        await pilot.press("escape", "slash", *rich_name)
        await workers_done(app)
        await pilot.pause(0.3)
        await pilot.press("enter", "enter")
        await pilot.pause(0.3)
        await workers_done(app)
        await pilot.pause(0.3)
        app.save_screenshot("briefing.svg", path=str(OUT))
        await pilot.press("escape", "question_mark")
        await pilot.pause(0.3)
        app.save_screenshot("help.svg", path=str(OUT))
        await pilot.press("escape", "r")
        await workers_done(app)
        await pilot.pause(0.3)
        app.save_screenshot("review.svg", path=str(OUT))

    app = make_app(db_path, demo=True, watch=False)
    async with app.run_test(size=SMALL) as pilot:  # one pane at a time
        await settle(app, pilot)  # the main screen is pushed on the app's first turn
        app.clear_notifications()
        await pilot.press("down", "down")
        await workers_done(app)
        await pilot.pause(0.3)
        app.save_screenshot("main-80x24.svg", path=str(OUT))

    app = make_app(db_path, demo=True, watch=False)
    async with app.run_test(size=SIZE) as pilot:  # the light theme, as ctrl+p would set it
        app.theme = "connecttui-light"
        await settle(app, pilot)  # the main screen is pushed on the app's first turn
        app.clear_notifications()
        await pilot.press("down", "down")
        await workers_done(app)
        await pilot.pause(0.3)
        app.save_screenshot("light.svg", path=str(OUT))


async def shoot_welcome(db_path: str) -> None:
    """The first start, on an empty database: the three ways in."""
    sys.path.insert(0, str(OUT.parent / "tests"))  # the tests' wait for workers
    from helpers.tui import settle

    from connecttui.tui.app import make_app

    app = make_app(db_path, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)  # the main screen is pushed on the app's first turn
        app.clear_notifications()
        await pilot.pause(0.3)
        app.save_screenshot("welcome.svg", path=str(OUT))


def main() -> int:
    os.environ["CONNECTTUI_TZ"] = "Europe/London"
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, time_machine.travel(FROZEN, tick=False):
        os.environ["CONNECTTUI_HOME"] = folder
        from connecttui.core.demo import create_demo_db

        db_path = str(Path(folder) / "demo.db")
        create_demo_db(db_path, today=pendulum.Date(2026, 11, 27))
        asyncio.run(shoot(db_path, richest_contact()))
        from connecttui.core.store.db import close_db, open_db

        close_db()
        empty = str(Path(folder) / "empty.db")
        open_db(empty)
        close_db()
        asyncio.run(shoot_welcome(empty))
    for name in sorted(OUT.glob("*.svg")):
        print(name.relative_to(OUT.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
