"""Full garbage collections wait for the user's pause; the app hands the collector back as it
found it."""

from __future__ import annotations

import gc

import pytest
from helpers.tui import settle

from connecttui.core import people
from connecttui.tui.gc_pacing import (
    FULL_AFTER,
    OVERDUE,
    PUT_OFF,
    QUIET_SECONDS,
    GcPacer,
    hold_until_first_frame,
)


@pytest.fixture
def collector():
    """The collector's settings as they were, whatever a test does."""
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)
    gc.unfreeze()
    gc.enable()


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make_full_collection_due() -> None:
    for _ in range(FULL_AFTER):
        gc.collect(1)  # each one counts towards the next full collection, as CPython's own do
    assert gc.get_count()[2] >= FULL_AFTER


def test_a_due_collection_waits_for_a_pause(collector):
    clock = Clock()
    pacer = GcPacer(clock)
    assert not pacer.tick()  # not started: CPython collects as usual
    pacer.start()
    assert gc.get_threshold()[2] == PUT_OFF
    assert gc.get_freeze_count() > 0

    gc.collect()
    assert not pacer.tick()  # nothing due
    make_full_collection_due()
    pacer.input_seen()
    clock.now += QUIET_SECONDS / 2
    assert not pacer.tick()  # the user is typing
    assert gc.get_count()[2] >= FULL_AFTER
    clock.now += QUIET_SECONDS
    assert pacer.tick()
    assert pacer.collections == 1
    assert gc.get_count()[2] == 0
    assert not pacer.tick()  # done: nothing due until more is allocated


def test_an_overdue_collection_runs_even_while_typing(collector):
    clock = Clock()
    pacer = GcPacer(clock)
    pacer.start()
    gc.collect()
    for _ in range(OVERDUE):
        gc.collect(1)
    pacer.input_seen()
    assert pacer.tick()
    assert gc.get_count()[2] == 0


def test_stop_gives_the_collector_back(collector):
    before = gc.get_threshold()
    pacer = GcPacer(Clock())
    pacer.start()
    pacer.start()  # once only: the saved thresholds stay CPython's
    pacer.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    assert not pacer.pacing


async def test_the_app_paces_once_loaded_and_restores_on_exit(collector, app_on):
    before = gc.get_threshold()
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.gc_pacer.pacing
        assert gc.get_threshold()[2] == PUT_OFF
        seen = app.gc_pacer.last_input
        await pilot.press("down")
        assert app.gc_pacer.last_input > seen  # a key is input: the pause starts again
    assert not app.gc_pacer.pacing
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


async def test_a_start_that_holds_the_collector_gets_it_back_with_the_first_frame(collector,
                                                                                 app_on):
    """The bare command holds the collector from its first line (the start-up's young
    collections cost 44 ms); the app's first frame must give it back, or the app would
    never collect a cycle again."""
    people.add_contact("Ada Lovelace")
    hold_until_first_frame()
    assert not gc.isenabled()
    app = app_on()
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert gc.isenabled() and app.gc_pacer.pacing
