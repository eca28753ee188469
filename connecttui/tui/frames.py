"""Frames on time: each screen's repaint timer, without Textual's skipped frame.

A Textual screen repaints on a timer (60 a second) that is paused while nothing changes. When
the timer has fallen behind (always, after a pause), Textual 8.2.8's ``Timer._run`` moves on
to ``start + (count + 1) * interval`` with ``count = int(elapsed / interval + 1)``: two grid
points ahead, not one. So the second frame after any pause comes 17-33 ms after the first
instead of 0-17 ms. That second frame is the one that matters here: a keystroke in search
paints the letter, then the results (measured: results ready 9 ms after the key, painted
28-45 ms after it; with this timer 11-30 ms).

``SteadyFrames`` gives a screen a ``FrameTimer`` for its repaints: the same loop, the next
grid point after now. The timer copies a private loop, so it lives in tui/compat.py and is
used only on a Textual version it was checked against (otherwise Textual's own timer).
Every screen in connecttui mixes it in (a test checks), so it also carries ``WorkerEnds``
(tui/failures.py): a worker's end reaches the app's one failure handler, which
Worker.StateChanged (not bubbling) would not do by itself.
"""

from __future__ import annotations

from connecttui.tui import compat
from connecttui.tui.compat import SCREEN_UPDATE, FrameTimer
from connecttui.tui.failures import WorkerEnds


class SteadyFrames(WorkerEnds):
    """Mixed into a Screen: its repaint timer is a FrameTimer; other timers are Textual's."""

    def set_interval(self, interval, callback=None, *, name=None, repeat=0,  # noqa: ANN001, ANN201
                     pause=False):
        if name != SCREEN_UPDATE or not compat.frame_timer_fits():
            return super().set_interval(interval, callback, name=name, repeat=repeat,
                                        pause=pause)
        timer = FrameTimer(self, interval, name=name, callback=callback,
                           repeat=repeat or None, pause=pause)
        return compat.start_owned_timer(self, timer)
