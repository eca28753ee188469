"""Snapshots of the main screens on the seeded demo, with a frozen Friday and no blinking.

Baselines live in tests/tui/__snapshots__/; after a deliberate UI change, check
snapshot_report.html and rerun with --snapshot-update.
"""

from __future__ import annotations

from helpers.tui import settle_for_snapshot as settle

FROZEN = "2026-11-27 10:30:00 +00:00"
SIZE = (120, 34)


def test_main_screen(snap_compare, demo_app):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_log_dialog(snap_compare, demo_app):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("l", "t", *"coffee at the harbour")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_briefing(snap_compare, demo_app):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, demo_app):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_review_this_week(snap_compare, demo_app):
    """The weekly review's first step: counts per circle with a 12-week sparkline each."""

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_review_commitments(snap_compare, demo_app):
    """Step 7 with a commitment to a person and one without."""

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press(*"nnnnnn", "a", *"jonas", "enter")
        await pilot.press("a", "tab", *"sort the holiday photos", "enter")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)
