"""The main screen's one reader: every read of a pane after the first paint goes through
here. `_ask(pane, what)` queues it, merged with what is queued for that pane (asked ten
times, read once); one thread worker at a time reads exactly that and posts a typed message
(ContactsLoaded, ContactsPatched, UpcomingLoaded; TimelineLoaded for a highlight's timeline,
which is read at once rather than queued). One at a time: reads in threads share the
interpreter lock with the UI thread's frames. The screen's handlers show what comes back.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.worker import Worker, WorkerState, get_current_worker

from connecttui.core import clock, planning, touches
from connecttui.core.store.db import reading
from connecttui.core.store.models import TouchContact
from connecttui.settings import config
from connecttui.tui.failures import why
from connecttui.tui.messages import ContactsLoaded, ContactsPatched, TimelineLoaded, UpcomingLoaded

PANES = ("contacts", "timeline", "upcoming")
"""The panes, each read by the worker group of its name."""
ALL = "all"
"""A read of a whole pane (for contacts, else a set of touches whose people to read)."""


class PaneReads:
    """Mixed into MainScreen: the queue and the reader (the screen sets `_to_read`,
    `_read_scheduled` and `_reading` in its __init__)."""

    def _ask(self, pane: str, what: Any) -> None:
        """Queue a read of `pane` (`what`: ALL, or for contacts the touches whose people
        to read), merged with one already queued: asked ten times, read once."""
        queued = self._to_read.get(pane)
        if what is not ALL and queued is not None and queued is not ALL:
            what = queued | what
        elif queued is ALL:
            what = ALL
        self._to_read[pane] = what
        if not self._read_scheduled:
            self._read_scheduled = True
            self.call_after_refresh(self._next_read)

    def _next_read(self) -> None:
        """After the next paint (what a dialog or the first page shows first), one read at a
        time, the next after the last one's rows are shown: reads in threads share the
        interpreter lock with the UI thread's frames."""
        self._read_scheduled = False
        if self._reading is not None and not self._reading.is_finished:
            return  # its rows, once shown, start the next read
        if self._to_read:
            pane = next(iter(self._to_read))
            self._reading = self._read(pane, self._to_read.pop(pane))

    def _read_done(self) -> None:
        self._reading = None
        if self._to_read and not self._read_scheduled:
            self._read_scheduled = True
            self.call_after_refresh(self._next_read)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A read that failed or was cancelled posts no rows: go on with the next one. One
        that failed marks its pane (the event goes on to the app, which tells why)."""
        worker = event.worker
        if event.state is WorkerState.ERROR and worker.group in PANES:
            self._read_failed(worker.group, why(worker.error))
        if worker is self._reading and event.state in (WorkerState.ERROR,
                                                       WorkerState.CANCELLED):
            self._read_done()

    def _read(self, pane: str, what: Any) -> Worker:
        """The one reader: a thread worker in the pane's group (its failure marks that pane)
        that reads what was asked and posts it back as a typed message."""
        return self.run_worker(partial(self._read_in_thread, pane, what), name=pane,
                               group=pane, thread=True, exclusive=True, exit_on_error=False)

    def _read_in_thread(self, pane: str, what: Any) -> None:
        today = clock.today()
        with reading():
            if pane == "timeline":
                message = TimelineLoaded(what, touches.timeline(what))
            elif pane == "upcoming":
                message = UpcomingLoaded(
                    planning.upcoming(today, remembrance=config.load().remembrance))
            elif what is ALL:
                message = ContactsLoaded(touches.contact_rows(today))
            else:
                wanted = frozenset(contact_id for (contact_id,) in TouchContact.select(
                    TouchContact.contact).where(TouchContact.touch.in_(sorted(what))).tuples())
                rows = [row for contact_id in sorted(wanted)
                        for row in touches.contact_rows(today, contact_id=contact_id)]
                message = ContactsPatched(rows, wanted)
        if not get_current_worker().is_cancelled:
            self.post_message(message)
