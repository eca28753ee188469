"""The main screen: contacts, timeline and upcoming side by side, and the keys that act on them.

Before the first paint, the UI thread reads a first page of each pane (milliseconds at any
size). After it, every read goes one way, through the one reader (screens/main_reads.py):
`_ask(pane, what)` queues it, a thread worker reads it and posts a typed message, one big
read at a time; the UI thread only draws. An outside change (the look, the server) reads
everything again; a touch logged here shows its timeline at once (a tiny read) and then
reads only its people's rows, patched into the list in place, and Upcoming.

A read that fails (the database away, a damaged file) leaves the pane's rows as they were
but never passes them off as current: the pane's title says "could not be read", and an
empty pane says so in place of "Nothing needs you", until a read of it succeeds; the app
tells why (tui/failures.py). The next read in the queue goes ahead all the same.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker

from connecttui.core import clock, planning, touches
from connecttui.core.store.db import DB_ERRORS, others_version, reading
from connecttui.core.text import one_line
from connecttui.settings import config
from connecttui.tui.failures import guarded, log, why
from connecttui.tui.frames import SteadyFrames
from connecttui.tui.messages import (
    ContactsLoaded,
    ContactsPatched,
    DataChanged,
    TimelineLoaded,
    UpcomingLoaded,
)
from connecttui.tui.screens.actions import MainActions
from connecttui.tui.screens.main_layout import MainLayout
from connecttui.tui.screens.main_reads import ALL, PANES, PaneReads
from connecttui.tui.widgets.footer import QuietFooter
from connecttui.tui.widgets.lists import ContactsList, TimelineList, UpcomingList
from connecttui.tui.widgets.panetabs import PaneTabs
from connecttui.tui.widgets.rowlist import RowList
from connecttui.tui.widgets.topbar import TopBar

FIRST_PAGE = 100
"""Contacts read before the first paint: more than a tall terminal shows."""


class MainScreen(SteadyFrames, MainActions, PaneReads, MainLayout, Screen):
    # Priority bindings run as the key arrives, so a dialog opened by `l` is on screen
    # before the next key is routed: `l` `c` `enter` typed fast lands in the dialog.
    BINDINGS: ClassVar = [
        Binding("l", "log", "log", id="main.log", priority=True,
                tooltip="Log a touch with the highlighted contact"),
        Binding("a", "add", "add", id="main.add", priority=True, tooltip="Add a contact"),
        Binding("e", "edit", "edit", id="main.edit", show=False, priority=True,
                tooltip="Edit the highlighted contact"),
        Binding("slash", "search", "search", key_display="/", id="main.search", priority=True,
                tooltip="Search contacts, notes and touches"),
        Binding("p", "plan", "plan", id="main.plan", priority=True,
                tooltip="Plan: add an open loop for the highlighted contact"),
        Binding("o", "occasion", "occasion", id="main.occasion", priority=True,
                tooltip="Add an occasion for the highlighted contact"),
        Binding("r", "review", "review", id="main.review", priority=True,
                tooltip="The weekly review: this week, what needs you, three commitments"),
        Binding("enter", "briefing", "briefing", id="main.briefing", show=False,
                tooltip="Open the highlighted contact's briefing"),
        Binding("x", "done", "done", id="main.done", show=False, priority=True,
                tooltip="Mark the highlighted open loop done, with an optional note"),
        # Not in the footer (as in PRODUCT.md's sketch): at 80 columns it pushed `? help` off.
        Binding("z", "snooze", "snooze", id="main.snooze", show=False, priority=True,
                tooltip="Snooze the highlighted suggestion for 3, 7 or 14 days"),
        Binding("d", "delete", "delete", id="main.delete", show=False, priority=True,
                tooltip="Delete the highlighted item, after a confirmation"),
        Binding("u", "undo", "undo", id="main.undo", show=False, priority=True,
                tooltip="Undo the last change"),
        Binding("b", "app.toggle_blur", "blur", id="main.blur", show=False, priority=True,
                tooltip="Privacy blur: hide notes, facts and family details"),
        Binding("1", "focus_pane('contacts')", "contacts", id="main.pane1", show=False,
                priority=True, tooltip="Focus the contacts pane"),
        Binding("2", "focus_pane('timeline')", "timeline", id="main.pane2", show=False,
                priority=True, tooltip="Focus the timeline pane"),
        Binding("3", "focus_pane('upcoming')", "upcoming", id="main.pane3", show=False,
                priority=True, tooltip="Focus the upcoming pane"),
        Binding("tab", "next_pane(1)", "next pane", id="main.next_pane", show=False,
                tooltip="Cycle the panes: contacts, timeline, upcoming"),
        Binding("shift+tab", "next_pane(-1)", "previous pane", id="main.previous_pane",
                show=False, tooltip="Cycle the panes backwards"),
    ]
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (100, "-wide"), (160, "-roomy")]
    """Under 100 columns one pane shows at a time; from 160 contacts get a wider pane."""

    pane: var[str] = var("contacts")
    """The pane last focused: the one a narrow terminal shows."""
    MARKS_ITS_OWN_PANES = True
    """Its failed reads mark the pane that failed (tui/failures.py marks other screens)."""

    def __init__(self) -> None:
        super().__init__()
        self.pending_contact: int | None = None
        self._read_scheduled = False
        self._reading: Worker | None = None
        """The contacts or upcoming read under way: one at a time."""
        self._to_read: dict[str, Any] = {}
        """Pane -> what to read of it next (ALL, or for contacts the touches' people)."""
        self._timeline_wanted: int | None = None
        self._timeline_shown: int | None = None
        """The contact whose timeline is on screen (None: none, or everyone's)."""
        self._titles = {"contacts": "1 Contacts", "timeline": "2 Timeline",
                        "upcoming": "3 Upcoming"}
        self._unread: dict[str, str] = {}
        """Pane -> why its last read failed, until a read of it succeeds."""

    def compose(self) -> ComposeResult:
        yield TopBar()
        yield PaneTabs(id="pane-tabs")
        with Horizontal(id="panes"):
            with Vertical(id="contacts-pane", classes="pane -shown"):
                yield ContactsList(id="contacts")
            with Vertical(id="timeline-pane", classes="pane"):
                yield TimelineList(id="timeline")
            with Vertical(id="upcoming-pane", classes="pane"):
                yield UpcomingList(id="upcoming")
        yield QuietFooter()

    def on_mount(self) -> None:
        for name in PANES:
            self._title(name)
        self.query_one("#contacts", ContactsList).focus()
        self._load_first_page()
        self.reload()
        self.call_after_refresh(self._first_paint_done)

    def _first_paint_done(self) -> None:
        started = getattr(self.app, "after_first_paint", None)
        if started is not None:
            started()  # the app's own background work: notices, the daily backup

    @guarded  # an event, not an action: the look (SQLite's data_version) may fail
    def on_screen_resume(self) -> None:
        """Back from a dialog or a screen: read again only if something was written meanwhile
        (SQLite's data_version, one tiny query), as the two-second look would, all of it
        after the next paint. Closing search or help reads nothing: at 10k contacts a reload
        is about 110 ms of work in threads that share the interpreter with the next keys."""
        watcher = getattr(self.app, "watcher", None)
        if watcher is None or watcher.pushes:
            self.reload()  # no cheap question to ask (PostgreSQL tells the app by itself)
        elif watcher.changed():
            self.reload()
            self.load_timeline(self.query_one("#contacts", ContactsList).current_key)
            self._follow_calendar()

    @guarded  # from a dialog's callback, not an action
    def writes_seen(self) -> None:
        """This app's own change is on screen: the next look (a resume, the two-second one)
        need not read it again. Whatever else was written is read by the reload it started."""
        watcher = getattr(self.app, "watcher", None)
        if watcher is not None and not watcher.pushes:
            watcher.changed()

    # ----- reading (thread workers) --------------------------------------------------
    def _load_first_page(self) -> None:
        """Before the first paint: the first page of contacts, the first contact's timeline
        and the head of the upcoming list (a few milliseconds at any size), so the first
        frame shows all three panes; the full lists follow in workers, after it."""
        today = clock.today()
        try:
            with reading():
                page = touches.contact_rows(today, limit=FIRST_PAGE)
                total = touches.contact_count() if len(page) == FIRST_PAGE else len(page)
                head = planning.upcoming_head(today, remembrance=config.load().remembrance)
                timeline = touches.timeline(page[0].id) if page else None
        except DB_ERRORS as error:  # the workers read again after the paint, and tell
            log("the main screen's first page", error)
            for name in PANES:
                self._read_failed(name, why(error))
            return
        if page:
            self.query_one("#contacts", ContactsList).set_rows(page)
            self._title("contacts", f"1 Contacts ({total})")
            self._show_timeline(page[0].id, timeline)
        if head:
            self.query_one("#upcoming", UpcomingList).set_rows(head)

    def reload(self) -> None:
        """Read the contacts and the upcoming list again (an outside change: the look, the
        server's news, a dialog of another screen): everything, through the one reader."""
        self.query_one(TopBar).day = clock.today()
        self._others_seen = self._others_now()
        self._ask("contacts", ALL)
        self._ask("upcoming", ALL)

    def _others_now(self) -> int | None:
        try:
            with reading():
                return others_version()
        except DB_ERRORS:
            return None

    def touch_logged(self, touch_id: int) -> None:
        """A touch logged in this app: its timeline shows in the very next frame (one small
        read here); then only the rows it changed are read, in the worker: the touched
        contacts' rows (patched in place) and Upcoming. Not the whole list again."""
        self.query_one(TopBar).day = clock.today()
        self.show_timeline_now(touch_id)
        now = self._others_now()
        if now is None or now != getattr(self, "_others_seen", None):
            # another process wrote since the last full read (or it can't be told): the
            # caller marks the writes seen, so this read must take them in: all of it
            self.reload()
            self.load_timeline(self.query_one("#contacts", ContactsList).current_key)
            return
        self._ask("contacts", frozenset({touch_id}))
        self._ask("upcoming", ALL)
        self._follow_calendar()

    def load_timeline(self, contact_id: int | None) -> None:
        """Read the timeline after the next paint: the cursor's move shows first. Not
        queued behind the big reads: a highlight's timeline is wanted now."""
        self._timeline_wanted = contact_id
        self.call_after_refresh(self._read_timeline_if_wanted, contact_id)

    def _read_timeline_if_wanted(self, contact_id: int | None) -> None:
        if self._timeline_wanted == contact_id:  # else a newer highlight reads its own
            self._read("timeline", contact_id)

    def show_timeline_now(self, touch_id: int | None = None) -> None:
        """Read the highlighted contact's timeline here and now (a millisecond or two: one
        contact's latest touches), for a change made in this app: it shows in the very
        next frame, ahead of the worker's reads. After `touch_id` was logged, only that
        touch is read, put on top of the timeline shown when it is this contact's and
        current (`touches.with_new_touch`)."""
        contact_id = self.query_one("#contacts", ContactsList).current_key
        shown = self.query_one("#timeline", TimelineList).rows
        current = self._timeline_shown == contact_id and self._timeline_wanted == contact_id
        try:
            with reading():
                rows = touches.with_new_touch(shown, contact_id, touch_id) if (
                    touch_id is not None and current) else None
                if rows is None:
                    rows = touches.timeline(contact_id)
        except DB_ERRORS:  # the server is away: keep what is shown; a worker tries again
            self.load_timeline(contact_id)
            return
        self._show_timeline(contact_id, rows)
        # After a dialog that repaints only its own box (tui/frames.py), the list's repaint
        # would wait a frame for its Update message; marked on the screen, it is in this one.
        self.refresh(self.query_one("#timeline-pane").region)

    def _show_timeline(self, contact_id: int | None, rows: list) -> None:
        timeline = self.query_one("#timeline", TimelineList)
        self._title("timeline", read=True)
        self._timeline_wanted = self._timeline_shown = contact_id
        timeline.focus_contact = contact_id
        timeline.set_rows(rows)

    # ----- showing -------------------------------------------------------------------
    @on(ContactsLoaded)
    def _contacts_loaded(self, message: ContactsLoaded) -> None:
        contacts = self.query_one("#contacts", ContactsList)
        contacts.set_rows(message.rows, keep_key=self.pending_contact)
        self.pending_contact = None
        self._title("contacts", f"1 Contacts ({len(message.rows)})", read=True)
        self._read_done()

    @on(ContactsPatched)
    def _contacts_patched(self, message: ContactsPatched) -> None:
        """In place, the cursor where it was: the list is sorted by name, which a touch
        does not change. A contact gone meanwhile (or new) needs the whole list read."""
        found = {row.id for row in message.rows}
        contacts = self.query_one("#contacts", ContactsList)
        if found != message.wanted or not contacts.patch_rows(message.rows):
            self._ask("contacts", ALL)
        else:
            self._title("contacts", read=True)
        self._read_done()

    @on(ContactsLoaded)
    def _welcome_when_empty(self, message: ContactsLoaded) -> None:
        self.show_welcome(not message.rows)

    @on(RowList.Highlighted, "#contacts")
    def _contact_highlighted(self, message: RowList.Highlighted) -> None:
        row = message.row
        title = "2 Timeline · " + one_line(row.name) if row else "2 Timeline · everyone"
        self._title("timeline", title)
        contact_id = row.id if row else None
        if contact_id == self._timeline_shown and self._timeline_wanted in (None, contact_id):
            self._timeline_wanted = contact_id  # already on screen (new rows, same cursor)
            return
        self.load_timeline(contact_id)

    @on(TimelineLoaded)
    def _timeline_loaded(self, message: TimelineLoaded) -> None:
        current = self.query_one("#contacts", ContactsList).current_key
        if message.contact_id != current:
            return  # a newer highlight is on its way
        self._show_timeline(message.contact_id, message.rows)

    @on(UpcomingLoaded)
    def _upcoming_loaded(self, message: UpcomingLoaded) -> None:
        self.query_one("#upcoming", UpcomingList).set_rows(message.items)
        due = sum(1 for item in message.items if item.kind != "drift" and item.days <= 0)
        self.query_one(TopBar).due = due
        self._title("upcoming", f"3 Upcoming ({len(message.items)})", read=True)
        self._read_done()

    @on(RowList.Selected, "#contacts")
    def _contact_selected(self) -> None:
        self.action_briefing()

    @on(RowList.Selected, "#upcoming")
    def _suggestion_selected(self, message: RowList.Selected) -> None:
        """`enter` on a suggestion: log the introduction, open the card list, or the
        briefing of the suggestion's contact."""
        if message.row.kind == "intro":
            self.introduce(message.row)
        elif message.row.kind == "card":
            self.action_cards()
        else:
            self.action_briefing()

    @on(DataChanged)
    def _data_changed(self) -> None:
        self.reload()
        self.show_timeline_now()
        self._follow_calendar()

    def _follow_calendar(self) -> None:
        if config.load().ics_path:
            self.rewrite_calendar()

    @work(thread=True, exclusive=True, group="calendar", exit_on_error=False)
    def rewrite_calendar(self) -> None:
        """Keep the calendar file a calendar app subscribes to (`ics_path`) current."""
        from connecttui.interop.ical import write_subscription

        with reading():
            settings = config.load()
            write_subscription(settings.ics_path, clock.today(), settings.remembrance)
