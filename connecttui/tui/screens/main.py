"""The main screen: contacts, timeline and upcoming side by side, and the keys that act on them.

Every read runs in a thread worker that posts its rows back; the UI thread only draws.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from connecttui import config
from connecttui.core import dates, planning, touches
from connecttui.core.db import reading
from connecttui.core.text import one_line
from connecttui.tui.messages import ContactsLoaded, DataChanged, TimelineLoaded, UpcomingLoaded
from connecttui.tui.screens.actions import MainActions
from connecttui.tui.widgets.lists import ContactsList, TimelineList, UpcomingList
from connecttui.tui.widgets.rowlist import RowList
from connecttui.tui.widgets.topbar import TopBar


class MainScreen(MainActions, Screen):
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
        Binding("z", "snooze", "snooze", id="main.snooze", priority=True,
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
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pending_contact: int | None = None

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Horizontal(id="panes"):
            with Vertical(id="contacts-pane", classes="pane"):
                yield ContactsList(id="contacts")
            with Vertical(id="timeline-pane", classes="pane"):
                yield TimelineList(id="timeline")
            with Vertical(id="upcoming-pane", classes="pane"):
                yield UpcomingList(id="upcoming")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#contacts-pane").border_title = "1 Contacts"
        self.query_one("#timeline-pane").border_title = "2 Timeline"
        self.query_one("#upcoming-pane").border_title = "3 Upcoming"
        self.query_one("#contacts", ContactsList).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    # ----- reading (thread workers) --------------------------------------------------
    def reload(self) -> None:
        self.query_one(TopBar).day = dates.today()
        self.load_contacts()
        self.load_upcoming()

    @work(thread=True, exclusive=True, group="contacts", exit_on_error=False)
    def load_contacts(self) -> None:
        with reading():
            rows = touches.contact_rows(dates.today())
        if not get_current_worker().is_cancelled:
            self.post_message(ContactsLoaded(rows))

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def load_timeline(self, contact_id: int | None) -> None:
        with reading():
            rows = touches.timeline(contact_id)
        if not get_current_worker().is_cancelled:
            self.post_message(TimelineLoaded(contact_id, rows))

    @work(thread=True, exclusive=True, group="upcoming", exit_on_error=False)
    def load_upcoming(self) -> None:
        with reading():
            items = planning.upcoming(dates.today())
        if not get_current_worker().is_cancelled:
            self.post_message(UpcomingLoaded(items))

    # ----- showing -------------------------------------------------------------------
    @on(ContactsLoaded)
    def _contacts_loaded(self, message: ContactsLoaded) -> None:
        contacts = self.query_one("#contacts", ContactsList)
        contacts.set_rows(message.rows, keep_key=self.pending_contact)
        self.pending_contact = None
        self.query_one("#contacts-pane").border_title = f"1 Contacts ({len(message.rows)})"

    @on(RowList.Highlighted, "#contacts")
    def _contact_highlighted(self, message: RowList.Highlighted) -> None:
        row = message.row
        pane = self.query_one("#timeline-pane")
        title = "2 Timeline · " + one_line(row.name) if row else "2 Timeline · everyone"
        pane.border_title = Content(title)  # a name is never markup
        self.load_timeline(row.id if row else None)

    @on(TimelineLoaded)
    def _timeline_loaded(self, message: TimelineLoaded) -> None:
        timeline = self.query_one("#timeline", TimelineList)
        current = self.query_one("#contacts", ContactsList).current_key
        if message.contact_id != current:
            return  # a newer highlight is on its way
        timeline.focus_contact = message.contact_id
        timeline.set_rows(message.rows)

    @on(UpcomingLoaded)
    def _upcoming_loaded(self, message: UpcomingLoaded) -> None:
        self.query_one("#upcoming", UpcomingList).set_rows(message.items)
        due = sum(1 for item in message.items if item.kind != "drift" and item.days <= 0)
        self.query_one(TopBar).due = due
        self.query_one("#upcoming-pane").border_title = f"3 Upcoming ({len(message.items)})"

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
        contacts = self.query_one("#contacts", ContactsList)
        self.load_timeline(contacts.current_key)
        if config.load().ics_path:
            self.rewrite_calendar()

    @work(thread=True, exclusive=True, group="calendar", exit_on_error=False)
    def rewrite_calendar(self) -> None:
        """Keep the calendar file a calendar app subscribes to (`ics_path`) current."""
        from connecttui.interop.ical import write_subscription

        with reading():
            write_subscription(config.load().ics_path, dates.today())

    def action_focus_pane(self, name: str) -> None:
        self.query_one(f"#{name}").focus()
