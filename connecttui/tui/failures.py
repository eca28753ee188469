"""What the TUI does when something fails out of sight, so that no failure is silent and
nothing stale or empty passes for the truth (issue 15).

- A thread worker that raises (a pane's reader, the calendar file's writer, the daily
  backup) ends in WorkerState.ERROR and, with `exit_on_error=False`, says nothing by
  itself. Every worker's end goes to one handler, `Failures.worker_changed` (harlequin's
  one `Worker.StateChanged` handler): the app's own workers through the app's handler,
  a screen's through `WorkerEnds`, which every screen has (tui/frames.py SteadyFrames),
  since in Textual 8.2.8 Worker.StateChanged goes to the worker's node and does not
  bubble. The handler gives one line of notice (plain text: the reason may quote user
  data), the traceback appended to a private log under the state folder, and a screen
  whose read failed shows "Could not be read" where it would show "Loading…" or an empty
  list, until a read succeeds. The main screen marks its own panes (screens/main.py).
- A read or a write on the UI thread (a dialog that reads the contact it opens on, `u`,
  a delete) raises when the database is away (a PostgreSQL server stopped): uncaught,
  Textual would end the app. Every key, palette command and button runs through
  `ConnectApp.run_action`, which turns a database failure into `Failures.cannot`: the
  notice and the log, the app goes on and the key works again once the database is back.
  The few that run outside an action (a dialog's callback, a message handler) are wrapped
  with `guard` / `guarded`.

The log is bounded: past LOG_LIMIT it becomes `errors.log.1` (the older one is dropped).
"""

from __future__ import annotations

import functools
import os
import time
import weakref
from pathlib import Path

from textual.worker import Worker, WorkerState

from connecttui.core.private_files import open_private
from connecttui.core.store.db import DB_ERRORS, describe_failure, is_postgres_url
from connecttui.core.text import one_line
from connecttui.settings import paths

LOG_LIMIT = 256 * 1024
"""Bytes in errors.log before it is rotated: two files of this size at most."""
TELL_AGAIN_AFTER = 10.0
"""Seconds before the same worker failure is told again (a dead server fails every reload;
each one is logged, one toast is enough)."""
UNREAD = "Could not be read"
"""How a list or a card whose read failed says so, in place of its empty or Loading text."""
LOADING = "Loading…"

WORKERS = {
    "contacts": "The contacts could not be read",
    "timeline": "The timeline could not be read",
    "upcoming": "Upcoming could not be read",
    "notices": "Today's notices could not be read",
    "keymap": "The [keys] settings could not be checked",
    "backup": "Today's backup could not be made",
    "calendar": "The calendar file (ics_path) could not be written",
    "briefing": "The briefing could not be read",
    "cards": "The holiday card list could not be read",
    "circles": "The circles could not be read",
    "review": "The weekly review could not be read",
    "plan": "The week's plan could not be read",
    "search": "Search could not read the database",
    "import": "The import failed",
    "demo": "The demo could not be opened",
}
"""What a failed worker of each group means, in the notice's words."""
WRITERS = frozenset({"backup", "calendar", "import", "demo"})


def why(error: BaseException) -> str:
    """The reason in one line: a database failure as core/store/db.py words it (password masked),
    anything else as its message."""
    text = describe_failure(error) or str(error) or type(error).__name__
    text = one_line(text)
    return text if len(text) <= 300 else text[:299] + "…"


def log(what: str, error: BaseException) -> Path | None:
    """Append the traceback to the error log (0600, in a 0700 folder); its path, or None
    when it can't be written (a full disk must not turn one failure into two)."""
    import traceback

    from connecttui.core.store.models import database
    from connecttui.core.store.pg import mask_text

    text = "".join(traceback.format_exception(error))
    url = getattr(database.obj, "url", None)
    if url is not None:
        text = mask_text(text, url)
    entry = f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} {what}\n{text}\n"
    path = paths.error_log()
    try:
        paths.state_dir(create=True)
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            os.replace(path, path.with_name(path.name + ".1"))
        fd = open_private(path, os.O_WRONLY | os.O_APPEND)
        with os.fdopen(fd, "a", encoding="utf-8", errors="replace") as stream:
            stream.write(entry)
    except OSError:
        return None
    return path


class Failures:
    """The app's one place for failures: `worker_changed` for every worker's state,
    `cannot` for a database failure on the UI thread."""

    def __init__(self, app) -> None:
        self.app = app
        self._told: dict[str, float] = {}
        self._marked: weakref.WeakSet = weakref.WeakSet()
        """Screens showing UNREAD somewhere, put back once one of their reads succeeds."""

    def _retry_hint(self) -> str:
        if is_postgres_url(self.app.db_path):
            return ("Try again once the server is back (the header says while it is away; "
                    "the app reconnects by itself).")
        return "Try again; if it keeps failing, see the log."

    def cannot(self, error: BaseException, what: str = "That") -> None:
        """A database failure under a key: said each time, since each key is a new try."""
        path = log(f"on the UI thread: {what}", error)
        where = f" Details: {path}." if path is not None else ""
        self.app.notify(f"{what} did not work, the database failed: {why(error)}. "
                        f"{self._retry_hint()}{where}", title="Not done", severity="error",
                        timeout=15, markup=False)

    def worker_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state is WorkerState.ERROR:
            self._worker_failed(worker)
        elif event.state is WorkerState.SUCCESS and self._marked:
            screen = _screen_of(worker.node)
            if screen in self._marked:
                self._marked.discard(screen)
                _unmark(screen)

    def _worker_failed(self, worker: Worker) -> None:
        error = worker.error
        head = WORKERS.get(worker.group) or f"{worker.name or 'A background task'} failed"
        path = log(f"worker {worker.group}/{worker.name}", error)
        reason = why(error)
        screen = _screen_of(worker.node)
        if worker.group not in WRITERS and screen is not None and screen.is_attached and (
                not getattr(screen, "MARKS_ITS_OWN_PANES", False)):
            _mark(screen, reason)
            self._marked.add(screen)
        key = f"{head}: {reason}"
        now = time.monotonic()
        if now - self._told.get(key, float("-inf")) < TELL_AGAIN_AFTER:
            return
        if len(self._told) > 64:  # only the last few seconds' matter
            self._told.clear()
        self._told[key] = now
        after = ("It is tried again after the next change." if worker.group in WRITERS
                 else "What is on screen may be out of date; it is read again after the "
                      "next change.")
        db_hint = f" {self._retry_hint()}" if isinstance(error, DB_ERRORS) else ""
        where = f" Details: {path}." if path is not None else ""
        self.app.notify(f"{key}. {after}{db_hint}{where}", title="Failed", severity="error",
                        timeout=20, markup=False)


class WorkerEnds:
    """Mixed into every screen (through SteadyFrames): its workers' ends, to the app's
    one handler. Its own `on_worker_state_changed`, if any, runs as well."""

    def _on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # By name, not @on: a plain mixin's @on handlers are never registered (Textual
        # collects them in MessagePump's metaclass). A screen's own handler runs too.
        if event.state in (WorkerState.ERROR, WorkerState.SUCCESS):
            failures = getattr(self.app, "failures", None)  # a test's host app has none
            if failures is not None:
                failures.worker_changed(event)


def _screen_of(node):
    """The screen a worker belongs to; None for the app's own (`App.screen` would be
    whichever screen is on top, which did not ask for that read)."""
    from textual.app import App
    from textual.screen import Screen

    if isinstance(node, Screen):
        return node
    if isinstance(node, App):
        return None
    try:
        return node.screen
    except Exception:  # a widget no longer on any screen
        return None


def _mark(screen, reason: str) -> None:
    """A screen's empty lists and its Loading… texts say the read failed, and why."""
    from textual.content import Content
    from textual.widgets import Static

    from connecttui.tui.widgets.rowlist import RowList

    line = f"{UNREAD}: {reason}"
    for rows in screen.query(RowList):
        if not rows.rows:
            rows.empty_text = line
            rows.refresh()
    for static in screen.query(Static):
        if str(static.content) == LOADING:
            static.update(Content(line))


def _unmark(screen) -> None:
    from connecttui.tui.widgets.rowlist import RowList

    for rows in screen.query(RowList):
        if rows.__dict__.get("empty_text", "").startswith(UNREAD):
            del rows.empty_text  # the class's own empty text again
            rows.refresh()


def guard(node, function):
    """`function` (a dialog's callback) with a database failure turned into the notice, as
    ConnectApp.run_action does for keys."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except DB_ERRORS as error:
            failures = getattr(node.app, "failures", None)
            if failures is None:  # not the ConnectApp (a test's host app): as before
                raise
            failures.cannot(error)
            return None

    return run


def guarded(method):
    """The same for a method of a widget or screen (a message handler that reads)."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        return guard(self, method)(self, *args, **kwargs)

    return run
