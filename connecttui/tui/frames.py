"""Frames on time: each screen's repaint timer, without Textual's skipped frame.

A Textual screen repaints on a timer (60 a second) that is paused while nothing changes. When
the timer has fallen behind (always, after a pause), Textual 8.2.8's ``Timer._run`` moves on
to ``start + (count + 1) * interval`` with ``count = int(elapsed / interval + 1)``: two grid
points ahead, not one. So the second frame after any pause comes 17-33 ms after the first
instead of 0-17 ms. That second frame is the one that matters here: a keystroke in search
paints the letter, then the results (measured: results ready 9 ms after the key, painted
28-45 ms after it; with this timer 11-30 ms).

``SteadyFrames`` gives a screen a ``FrameTimer`` for its repaints: the same loop, the next
grid point after now. Every screen in connecttui mixes it in (a test checks), so it also
carries ``WorkerEnds`` (tui/failures.py): a worker's end reaches the app's one failure
handler, which Worker.StateChanged (not bubbling) would not do by itself.
"""

from __future__ import annotations

from textual import _time
from textual.timer import EventTargetGone, Timer

from connecttui.tui.failures import WorkerEnds

SCREEN_UPDATE = "screen_update"
"""The name Textual's Screen gives its repaint timer (textual/screen.py, ``_update_timer``)."""


def next_tick(start: float, interval: float, now: float) -> int:
    """The count of the first grid point ``start + count * interval`` at or after ``now``
    (Textual's loop adds one more interval: the skipped frame)."""
    elapsed = (now - start) / interval
    count = int(elapsed)
    return count if count == elapsed else count + 1


class FrameTimer(Timer):
    """Textual's Timer loop (timer.py, ``_run``) with one change: a late timer waits for the
    next grid point, not the one after."""

    async def _run(self) -> None:
        count = 0
        repeat = self._repeat
        interval = self._interval
        self._active  # noqa: B018 (creates the Event in this thread, as Textual does)
        await self._active.wait()
        start = _time.get_time()
        while repeat is None or count <= repeat:
            next_timer = start + (count + 1) * interval
            now = _time.get_time()
            if self._skip and next_timer < now:
                count = next_tick(start, interval, now) - 1
                continue
            await _time.sleep(max(0, next_timer - _time.get_time()))
            count += 1
            await self._active.wait()
            if self._reset:
                start = _time.get_time()
                count = 0
                self._reset = False
                continue
            try:
                await self._tick(next_timer=next_timer, count=count)
            except EventTargetGone:
                break


class SteadyFrames(WorkerEnds):
    """Mixed into a Screen: its repaint timer is a FrameTimer; other timers are Textual's."""

    def set_interval(self, interval, callback=None, *, name=None, repeat=0,  # noqa: ANN001, ANN201
                     pause=False):
        if name != SCREEN_UPDATE:
            return super().set_interval(interval, callback, name=name, repeat=repeat,
                                        pause=pause)
        timer = FrameTimer(self, interval, name=name, callback=callback,
                           repeat=repeat or None, pause=pause)
        timer._start()
        self._timers.add(timer)
        return timer
