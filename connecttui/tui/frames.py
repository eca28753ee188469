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

Closing a dialog costs a frame of the whole screen: Textual repaints the screen below whole
(160x50: 12-15 ms to compose, 5-10 ms more to write), which was most of the log dialog's
`enter` to touch shown. A dialog that leaves the screen below undimmed (``UndimmedDialog``)
changed nothing outside its own box, so the screen below repaints just that box (and what
changed under it, which Textual marks itself): ``SteadyFrames.refresh``.
"""

from __future__ import annotations

import time

from textual.geometry import Region

from connecttui.tui import compat
from connecttui.tui.compat import SCREEN_UPDATE, FrameTimer
from connecttui.tui.failures import WorkerEnds

WHOLE_REPAINTS_OF_A_CLOSE = 4
"""How many times Textual 8.2.8 asks the screen below a closing dialog to repaint whole."""


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

    _repaint_box: tuple[Region, float, int] | None = None

    def repaint_box_only(self, box: Region) -> None:
        """A see-through dialog over this screen is closing, and only its `box` looks
        different from this screen: what this screen holds to repaint of itself is dropped
        (compat.forget_screen_repaints says why that is safe), and the whole-screen repaints
        the close asks for repaint that box instead: Textual's four (two on the pop, and two
        with a layout once the dialog is removed: the removal's callback runs once for each
        await of it; tests/tui/test_dialog_close.py counts them). At most four, within half
        a second: a close that never comes must not leave a later, real one narrowed.
        What the dialog's callback changes repaints as it always does (its widgets mark it)."""
        if compat.forget_screen_repaints(self):
            self._repaint_box = (box, time.monotonic() + 0.5, WHOLE_REPAINTS_OF_A_CLOSE)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False):  # noqa: ANN201 (Textual's: Self)
        box = self._repaint_box
        if box is not None and not regions and repaint and not recompose:
            left = box[2] - 1
            self._repaint_box = (box[0], box[1], left) if left else None
            if time.monotonic() < box[1]:
                regions = (box[0],)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class UndimmedDialog:
    """Mixed into a ModalScreen whose CSS leaves the screen below undimmed (``background:
    transparent``): closing it repaints only its own box below (``SteadyFrames``). A dialog
    whose background is not see-through (a dim restyled back in) gets the whole repaint it
    needs: the box is only handed down when nothing outside it can have changed looks."""

    def dismiss(self, result=None):  # noqa: ANN001, ANN201 (Textual's signature)
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 and stack[-1] is self else None
        if isinstance(below, SteadyFrames) and self.styles.background.a == 0:
            boxes = [child.region for child in self.children if child.region]
            if boxes:
                below.repaint_box_only(Region.from_union(boxes))
        return super().dismiss(result)
