"""What Pilot tests share: waiting until the app has settled, finding a pane, hearing what
the app said and reading what it stored."""

from __future__ import annotations

import asyncio

from textual import events
from textual.widgets import Input


async def settle(app, pilot) -> None:
    """Let posted messages start their workers, wait for every worker, then draw."""
    await pilot.pause()
    await workers_done(app)
    await pilot.pause()


async def workers_done(app) -> None:
    """Wait until every worker of the app has finished and what they posted is shown (the
    tests and the screenshot script use this instead of guessing with sleeps)."""
    for _ in range(50):
        running = [worker for worker in app.workers if not worker.is_finished]
        if not running:
            await asyncio.sleep(0.05)
            if not [worker for worker in app.workers if not worker.is_finished]:
                return
            continue
        await asyncio.gather(*(w.wait() for w in running), return_exceptions=True)
        await asyncio.sleep(0.02)


async def settle_for_snapshot(pilot) -> None:
    """settle(), then nothing that moves: the toasts (they time out on their own clock) and
    the inputs' blinking cursors. The first pause lets the app push its main screen (it
    does so on its first turn after start-up) before anything is waited for or cleared."""
    await settle(pilot.app, pilot)
    pilot.app.clear_notifications()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def pane(app, name: str):
    return app.screen.query_one(f"#{name}")


NAMED_CHARACTERS = {"tab": "\t", "enter": "\r", "space": " ", "escape": "\x1b"}


async def burst(pilot, *keys: str) -> None:
    """Send keys the way a terminal delivers one read that holds several (a paste without
    bracketed paste, a fast typist, a macro): all of them queued at once, through the
    driver as `Pilot.press` does, but without its wait for the app to idle after each
    key, which would hide any key routed before the one ahead of it was handled."""
    app = pilot.app
    for key in keys:
        name = "space" if key == " " else key
        character = NAMED_CHARACTERS.get(name, key if len(key) == 1 else None)
        event = events.Key(name, character)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


async def run_palette(app, pilot, query: str, expect: str) -> None:
    """ctrl+p, the query typed, the highlighted command checked to be `expect`, enter."""
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    options = app.screen.query_one(OptionList)
    for _ in range(50):
        if options.option_count and options.highlighted is not None:
            break
        await pilot.pause(0.05)
    assert expect in str(options.get_option_at_index(options.highlighted).prompt)
    await pilot.press("enter")
    await settle(app, pilot)


def said(app) -> list[str]:
    """Every notification from now on, even after its toast has expired."""
    messages: list[str] = []
    notify = app.notify

    def recording(message, **options):
        messages.append(str(message))
        notify(message, **options)

    app.notify = recording
    return messages


def stored_document() -> dict:
    """The database as the JSON backup sees it, without the trash and the journal (what an
    undo must give back exactly)."""
    from connecttui.interop import backup

    doc = backup.document()
    for name in ("trash", "undoentry"):
        doc["tables"].pop(name)
    return doc
