"""Run the real ConnectApp with light instrumentation, for benchmarks/tui_speed.py.

    python benchmarks/probe.py DB OUTFILE

It starts the app exactly as `connecttui --db DB` does, and appends one JSON line to
OUTFILE per event, every time stamp from ``time.perf_counter()`` (CLOCK_MONOTONIC on
Linux, so the driving process can compare them with its own clock):

    {"ev": "key", "key": "end", "t": ...}         a key parsed by Textual's input thread
    {"ev": "mark", "what": "rows:contacts", "n": 10000, "t": ...}   something the app did
    {"ev": "frame", "seq": 41, "t": ...}          a frame handed to the output thread
    {"ev": "flush", "seq": 41, "t": ...}          the output thread wrote and flushed
                                                  everything up to write number ``seq``

A frame is on the terminal once a flush with ``seq`` >= the frame's ``seq`` is logged:
key-to-paint is "key" -> the mark that completes the action -> the first frame drawn after
that mark -> its flush. Nothing here waits or polls; the hooks cost microseconds.

Marks: ``data:contacts`` and ``data:upcoming`` (a worker posted the contact rows, the
whole Upcoming list), ``rows:<list id>`` (a list got
new rows: contacts, timeline, upcoming, results), ``action:last`` (`end` in a list),
``log:saved`` (the log dialog stored a touch), ``search:shown`` (search results for the text
now in the box were set).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

clock = time.perf_counter
STARTED = clock()

# PROBE_REPO: time another copy of the package (a baseline kept in a temporary folder).
sys.path.insert(0, os.environ.get("PROBE_REPO") or str(Path(__file__).resolve().parent.parent))


class Recorder:
    def __init__(self, path: str) -> None:
        self._file = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115
        self._lock = threading.Lock()

    def __call__(self, ev: str, **fields) -> None:
        fields.setdefault("t", clock())
        line = json.dumps({"ev": ev, **fields}) + "\n"
        with self._lock:
            self._file.write(line)


def install(record: Recorder) -> None:
    """Patch Textual's output thread, the driver's input and a few app methods."""
    from textual import events
    from textual.app import App
    from textual.drivers import _writer_thread, linux_driver

    counter = {"queued": 0}

    class ProbeWriter(_writer_thread.WriterThread):
        def write(self, text: str) -> None:
            counter["queued"] += 1
            self._queue.put(text)

        def run(self) -> None:
            write, flush = self._file.write, self._file.flush
            get, qsize = self._queue.get, self._queue.qsize
            done = 0
            while True:
                text = get()
                if text is None:
                    break
                write(text)
                done += 1
                if qsize() == 0:
                    flush()
                    record("flush", seq=done)
            flush()

    linux_driver.WriterThread = ProbeWriter

    process_message = linux_driver.LinuxDriver.process_message

    def probe_process_message(self, message) -> None:
        if isinstance(message, events.Key):
            record("key", key=message.key)
        process_message(self, message)

    linux_driver.LinuxDriver.process_message = probe_process_message

    def post_display_hook(self) -> None:
        record("frame", seq=counter["queued"])

    App.post_display_hook = post_display_hook


def install_marks(record: Recorder) -> None:
    from connecttui.tui.messages import ContactsLoaded, UpcomingLoaded
    from connecttui.tui.modals.log_touch import LogTouch
    from connecttui.tui.modals.search import SearchScreen
    from connecttui.tui.widgets.rowlist import RowList

    set_rows = RowList.set_rows

    def probe_set_rows(self, rows, *args, **kwargs):
        set_rows(self, rows, *args, **kwargs)
        first = rows[0] if rows else None
        record("mark", what=f"rows:{self.id}", n=len(rows),
               first=getattr(first, "touch_id", None))

    RowList.set_rows = probe_set_rows

    # Lists may add rows in pages (a first page, then the rest): any method named
    # add_rows / extend_rows is reported the same way, with the total.
    for name in ("add_rows", "extend_rows", "append_rows"):
        method = getattr(RowList, name, None)
        if method is None:
            continue

        def probe_add(self, rows, *args, _method=method, **kwargs):
            _method(self, rows, *args, **kwargs)
            record("mark", what=f"rows:{self.id}", n=len(self.rows), first=None)

        setattr(RowList, name, probe_add)

    post_init = ContactsLoaded.__post_init__

    def probe_post_init(self):
        post_init(self)
        record("mark", what="data:contacts", n=len(self.rows))

    ContactsLoaded.__post_init__ = probe_post_init

    upcoming_init = UpcomingLoaded.__post_init__

    def probe_upcoming_init(self):
        upcoming_init(self)
        record("mark", what="data:upcoming", n=len(self.items))

    UpcomingLoaded.__post_init__ = probe_upcoming_init

    action_last = RowList.action_last

    def probe_last(self):
        action_last(self)
        record("mark", what="action:last", widget=self.id)

    RowList.action_last = probe_last

    action_save = LogTouch.action_save

    def probe_save(self):
        dismissed = {}
        dismiss = self.dismiss

        def catch(result=None):
            dismissed["touch"] = result
            return dismiss(result)

        self.dismiss = catch
        try:
            action_save(self)
        finally:
            del self.dismiss
        record("mark", what="log:saved", touch=dismissed.get("touch"))

    LogTouch.action_save = probe_save

    show = SearchScreen._show

    def probe_show(self, text, hits):
        show(self, text, hits)
        current = self.query_one("#query").value if self.is_attached else None
        record("mark", what="search:shown", text=text, current=current, n=len(hits))

    SearchScreen._show = probe_show


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: probe.py DB OUTFILE")
    db, out = sys.argv[1], sys.argv[2]
    record = Recorder(out)
    record("start", t=STARTED)
    from connecttui.core.store.db import open_db

    open_db(db)
    install(record)
    install_marks(record)
    from connecttui.tui.app import make_app

    make_app(db).run()
    record("exit")


if __name__ == "__main__":
    main()
