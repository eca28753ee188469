"""The repaint timer: the frame after a pause comes at the next grid point, not the one after.

Played on a fake clock: no test here reads a real one.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil

import pytest
import textual.timer
from textual import _time
from textual.screen import Screen
from textual.timer import Timer

import connecttui.tui
from connecttui.tui.compat import FrameTimer, next_tick
from connecttui.tui.frames import SteadyFrames

INTERVAL = 1 / 60


@pytest.mark.parametrize(("now", "expected"), [
    (0.0, 0), (0.1, 1), (1.0, 1), (5.3, 6), (5.999, 6), (6.0, 6), (100.5, 101),
])
def test_next_tick_is_the_first_grid_point_at_or_after_now(now, expected):
    assert next_tick(10.0, 2.0, 10.0 + now * 2.0) == expected


class FakeClock:
    """Textual's time source: sleeping moves it on, at once."""

    def __init__(self) -> None:
        self.now = 1000.0

    def get_time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


class Owner:
    """What a timer needs of its target (a message pump): nothing is posted here."""


def ticks_after_a_pause(timer_class: type[Timer], monkeypatch) -> list[float]:
    """Start the timer, let it tick once and pause (as a screen does after a repaint), leave
    it idle until frame 6.3, resume it twice: when were the two ticks after the pause due?"""
    clock = FakeClock()
    monkeypatch.setattr(_time, "get_time", clock.get_time)
    monkeypatch.setattr(_time, "sleep", clock.sleep)
    monkeypatch.setattr(textual.timer, "sleep", clock.sleep)  # bound by Textual's import
    seen: list[float] = []

    async def play() -> list[float]:
        timer = timer_class(Owner(), INTERVAL, name="screen_update", callback=None)
        start = clock.now

        async def tick(*, next_timer: float, count: int) -> None:
            seen.append(round((next_timer - start) / INTERVAL, 3))
            timer.pause()

        timer._tick = tick
        timer._start()
        for _ in range(20):
            await asyncio.sleep(0)
        clock.now += 4.3 * INTERVAL  # idle from frame 2 (its slot slept out): nothing to paint
        timer.resume()  # a key: the first frame
        for _ in range(20):
            await asyncio.sleep(0)
        clock.now += 0.2 * INTERVAL  # the search results arrive: the second frame
        timer.resume()
        for _ in range(20):
            await asyncio.sleep(0)
        timer.stop()
        return seen

    return asyncio.run(play())


def test_the_frame_after_the_first_comes_at_the_next_grid_point(monkeypatch):
    # Ticked at frame 1, paused; the key comes at 6.3 and paints at once (in its stale slot
    # 2); the results come just after it and paint at frame 7, the next grid point.
    assert ticks_after_a_pause(FrameTimer, monkeypatch) == [1.0, 2.0, 7.0]


def test_textuals_own_timer_skips_one_frame(monkeypatch):
    """What FrameTimer is for: if Textual's timer stops skipping, this fails and the fix can
    go (textual is pinned: a new version is a deliberate change)."""
    assert ticks_after_a_pause(Timer, monkeypatch) == [1.0, 2.0, 8.0]


def our_screens() -> list[type]:
    for module in pkgutil.walk_packages(connecttui.tui.__path__, "connecttui.tui."):
        importlib.import_module(module.name)
    found = []
    for name, module in list(importlib.sys.modules.items()):
        if not name.startswith("connecttui.tui."):
            continue
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Screen) and value.__module__ == name:
                found.append(value)
    return found


def test_every_screen_of_ours_paints_on_time():
    screens = our_screens()
    assert len(screens) >= 19
    late = [cls.__qualname__ for cls in screens if not issubclass(cls, SteadyFrames)]
    assert late == []


async def test_the_running_screens_repaint_with_a_frame_timer(app_on):
    app = app_on()
    async with app.run_test() as pilot:
        await pilot.press("slash")
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "SearchScreen"
        assert isinstance(app.screen._update_timer, FrameTimer)
        main = next(s for s in app.screen_stack if type(s).__name__ == "MainScreen")
        assert isinstance(main._update_timer, FrameTimer)


async def test_the_running_app_lets_the_output_thread_take_the_lock_within_a_millisecond(
        app_on):
    """A frame is written by Textual's output thread while reader threads run: the app
    shortens the interpreter's switch interval (tui/app.py, SWITCH_INTERVAL) for it."""
    import sys

    from connecttui.tui.app import SWITCH_INTERVAL

    default = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        app = app_on()
        async with app.run_test(size=(80, 24)):
            assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL) == 0.001
    finally:
        sys.setswitchinterval(default)
