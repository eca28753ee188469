"""The two-second look, on a thread of its own.

Every two seconds the app asks SQLite whether anyone wrote (`PRAGMA data_version`) and lets
a due garbage collection run if the user has paused (gc_pacing). As a Textual timer each
look woke the UI thread and went through its message queue: about 0.1% of a CPU while idle,
a third of the app's idle cost (benchmarks/tui_speed.py, 60 s side by side: 0.33% with the
timer, 0.23% without). Here a plain thread sleeps in an Event's wait, asks, and wakes the UI
thread only when there is news. A look that fails (a disk error) is logged once and the
next one tried: a thread that died of it would stop the live updates without a word.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from connecttui.core.store.db import DB_ERRORS

if TYPE_CHECKING:
    from connecttui.tui.app import ConnectApp

WATCH_SECONDS = 2.0
"""How often to look for writes by other processes (one tiny PRAGMA; no wake-up storms)."""


class Lookout:
    def __init__(self, app: ConnectApp, every: float = WATCH_SECONDS) -> None:
        self._app = app
        self.every = every
        self._stop = threading.Event()
        self._failed = False
        self._thread = threading.Thread(target=self._run, name="connecttui-lookout",
                                        daemon=True)

    def start(self) -> Lookout:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            if not self.look():
                return

    def look(self) -> bool:
        """One look; False once the app is gone (nothing left to tell)."""
        app = self._app
        app.gc_pacer.tick()
        watcher = app.watcher  # replaced when the demo opens: read it afresh each time
        try:
            if watcher is None or not watcher.changed():
                return True
        except DB_ERRORS as error:
            if not self._failed:
                from connecttui.tui.failures import log

                self._failed = True
                log("the two-second look for other processes' writes", error)
            return True
        try:
            app.call_from_thread(app.refresh_data)
        except RuntimeError:  # the app has stopped running
            return False
        return True
