"""Snapshots at the small (80x24) and large (200x60) ends, and of the first start.

Same seeded demo, frozen Friday and no blinking as tests/tui/test_snapshots.py. Baselines are
in tests/tui/__snapshots__/test_snapshots_sizes/; after a deliberate UI change, check
snapshot_report.html and rerun with --snapshot-update.
"""

from __future__ import annotations

import pytest
import time_machine
from helpers.tui import settle_for_snapshot as settle

from connecttui.core.store.db import close_db, open_db
from connecttui.tui.app import make_app

FROZEN = "2026-11-27 10:30:00 +00:00"
SMALL = (80, 24)
LARGE = (200, 60)


@pytest.fixture
def empty_app(tmp_path, monkeypatch):
    monkeypatch.setenv("CONNECTTUI_TZ", "Europe/London")
    monkeypatch.setenv("CONNECTTUI_HOME", str(tmp_path))
    path = tmp_path / "connecttui.db"
    with time_machine.travel(FROZEN, tick=False):
        open_db(path)
        close_db()
        yield make_app(str(path), watch=False)
    close_db()


def after(*keys: str):
    async def run_before(pilot):
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("key", ["1", "2", "3"])
def test_main_80x24_one_pane(snap_compare, demo_app, key):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=after("down", key))


def test_log_dialog_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL,
                        run_before=after("l", "t", *"coffee at the harbour"))


def test_main_200x60(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=LARGE, run_before=after("down", "down"))


def test_briefing_200x60(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=LARGE, run_before=after("down", "enter"))


@pytest.mark.parametrize("size", [(120, 34), SMALL], ids=["120x34", "80x24"])
def test_welcome(snap_compare, empty_app, size):
    assert snap_compare(empty_app, terminal_size=size, run_before=after())
