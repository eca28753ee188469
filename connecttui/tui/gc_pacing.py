"""Full garbage collections in the user's pauses, not under a keystroke.

CPython runs a full (generation 2) collection after every ten generation-1 ones. In this app
one walked 80k-200k objects and took 65-180 ms, and every minute or so of typing one landed
on a keystroke: a search letter painted after 130 ms instead of 25. Measured with
benchmarks' probe (a gc callback around each collection), at 10k contacts.

Before it, from the bare command's first line, the collector does not run at all
(`hold_until_first_frame`): a start-up allocates a few hundred thousand objects (the
imports, the first frame's strips), and the young collections that walked them were 44 ms
of the 350 ms from spawn to three panes at 10k (benchmarks/tui_speed.py's measure, ten
alternating runs: 353 -> 309 ms median). What those collections would have freed (about 17k
objects in cycles, 1.6 MB of resident memory: 80.3 -> 81.9 MB) is frozen with the rest.

So, once the first frame is on screen: what exists (Textual, Rich, our modules, the first
rows) moves to the permanent generation (`gc.freeze`), automatic full collections are put
off (the full lists then load without one under them), and the app's two-second look
(lookout.py) runs the full collection itself when one is due (the same ten generation-1
collections) and no key or click came in the last second. Young collections still run as
usual. An idle app allocates nothing, so it never collects: no idle CPU.
"""

from __future__ import annotations

import gc
import time

FULL_AFTER = 10
"""Generation-1 collections before a full one is due: CPython's own third threshold."""
QUIET_SECONDS = 1.0
"""No input for this long: the user has paused, a full collection may run."""
PUT_OFF = 1_000_000
"""The third threshold while pacing: CPython never starts a full collection on its own."""
OVERDUE = FULL_AFTER * 10
"""So long without one (keys held down for minutes) that it runs even while typing: what
the collector keeps waiting never grows without bound."""


def hold_until_first_frame() -> None:
    """No collection until `GcPacer.start()`: the bare command calls it first thing."""
    gc.disable()


class GcPacer:
    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._saved: tuple[int, int, int] | None = None
        self.last_input = 0.0
        self.collections = 0
        """Full collections run here (for tests and curiosity)."""

    @property
    def pacing(self) -> bool:
        return self._saved is not None

    def start(self) -> None:
        """Once everything is imported: the app calls it after its first frame. The collector
        runs again from here on, if the start-up held it."""
        if self.pacing:
            return
        gc.freeze()
        gc.enable()
        self._saved = gc.get_threshold()
        young, middle, _ = self._saved
        gc.set_threshold(young, middle, PUT_OFF)

    def input_seen(self) -> None:
        self.last_input = self._clock()

    def tick(self) -> bool:
        """From the app's two-second look: collect if a full collection is due and the user
        has paused. Returns whether it collected."""
        due = gc.get_count()[2]
        if not self.pacing or due < FULL_AFTER:
            return False
        if due < OVERDUE and self._clock() - self.last_input < QUIET_SECONDS:
            return False
        gc.collect()
        self.collections += 1
        return True

    def stop(self) -> None:
        """When the app ends: CPython's own thresholds back, the frozen objects collectable
        again (tests run many apps in one process)."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
        gc.unfreeze()
