"""What Pilot tests share: waiting until the app has settled, and finding a pane."""

from __future__ import annotations


async def settle(app, pilot) -> None:
    """Let posted messages start their workers, wait for every worker, then draw."""
    await pilot.pause()
    await app.settled()
    await pilot.pause()


def pane(app, name: str):
    return app.screen.query_one(f"#{name}")
