"""The briefing (`enter` on a contact): what to read before reaching out."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from connecttui.core import briefing, dates, occasions, planning
from connecttui.core.db import reading
from connecttui.core.errors import UserError
from connecttui.core.text import one_line, printable
from connecttui.tui.widgets.topbar import TopBar

HEADING = "bold $accent"
DIM = "$text-muted"
DRIFT_STYLE = {0: "", 1: "$warning", 2: "bold $error"}


def render(brief: briefing.Briefing, today) -> Content:
    """The whole card as one Content; user text goes in as plain text, never markup."""
    c = brief.contact
    parts: list = [(printable(c.name), "bold")]
    if c.nicknames:
        parts.append((f"  ({printable(c.nicknames)})", DIM))
    if brief.circle:
        parts.append((f"  · {brief.circle}", DIM))
    parts.append("\n")
    if c.why_care:
        parts += [("Why I care  ", HEADING), printable(c.why_care), "\n"]
    if c.how_met:
        parts += [("How we met  ", HEADING), printable(c.how_met), "\n"]
    parts += [(briefing.status_line(brief), DRIFT_STYLE[brief.drift]), "\n\n"]

    parts.append(("Last touches", HEADING))
    parts.append((f"  ({brief.touch_count} in all)\n", DIM))
    for row in brief.recent:
        day = dates.local_day(row.at).format("ddd DD MMM YYYY")
        parts += [(f"  {day}  ", DIM), (f"{row.kind:<8} ", "$accent"), (f"{row.initiator:<5}", DIM)]
        parts.append(one_line(row.note) + "\n")
    if not brief.recent:
        parts.append(("  none yet: press l to log one\n", DIM))

    parts.append(("\nOpen loops\n", HEADING))
    for loop in brief.open_loops:
        reason = planning.loop_reason(loop.due, today)
        style = "$error" if "overdue" in reason else ("$warning" if reason == "due today" else DIM)
        parts += [(f"  {loop.due.format('DD MMM')}  ", DIM), one_line(loop.text),
                  (f"  ({reason})\n", style)]
    if not brief.open_loops:
        parts.append(("  none: press p to add one\n", DIM))

    parts.append(("\nOccasions\n", HEADING))
    for item in brief.coming:
        parts += [(f"  {item.date.format('DD MMM YYYY')}  ", DIM),
                  printable(occasions.describe(item)) + "\n"]
    if not brief.coming:
        parts.append(("  none: press o to add a birthday or anniversary\n", DIM))

    if brief.facts:
        parts.append(("\nFacts\n", HEADING))
        for fact in brief.facts:
            parts += [(f"  {fact.kind:<9}", DIM), one_line(fact.text) + "\n"]
    if c.notes:
        parts.append(("\nNotes\n", HEADING))
        for line in c.notes.splitlines():
            parts.append("  " + printable(line) + "\n")
    return Content.assemble(*parts)


class BriefingScreen(Screen):
    """A contact's card; the same keys as the main screen act on this contact."""

    BINDINGS: ClassVar = [
        Binding("escape,backspace", "app.pop_screen", "back", id="briefing.back",
                tooltip="Back to the main screen"),
        Binding("l", "log", "log", id="briefing.log", tooltip="Log a touch with this contact"),
        Binding("e", "edit", "edit", id="briefing.edit", tooltip="Edit this contact"),
        Binding("p", "plan", "plan", id="briefing.plan", tooltip="Add an open loop"),
        Binding("o", "occasion", "occasion", id="briefing.occasion",
                tooltip="Add an occasion"),
    ]
    DEFAULT_CSS = """
    BriefingScreen VerticalScroll {
        border: round $accent; border-title-color: $accent; padding: 0 1; margin: 0 1;
    }
    """

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id

    def compose(self) -> ComposeResult:
        yield TopBar()
        with VerticalScroll(id="briefing-scroll") as scroll:
            scroll.border_title = "Briefing"
            yield Static("Loading…", id="card")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#briefing-scroll").focus()
        self.reload()

    @work(thread=True, exclusive=True, group="briefing", exit_on_error=False)
    def reload(self) -> None:
        today = dates.today()
        try:
            with reading():
                brief = briefing.briefing(self.contact_id, today)
                card = render(brief, today)
        except UserError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
            self.app.call_from_thread(self.app.pop_screen)
            return
        self.app.call_from_thread(self._show, card)

    def _show(self, card: Content) -> None:
        if self.is_attached:
            self.query_one("#card", Static).update(card)

    def _after(self, result) -> None:
        if result is not None:
            self.reload()

    def action_log(self) -> None:
        from connecttui.tui.modals.log_touch import LogTouch

        self.app.push_screen(LogTouch([self.contact_id], [self._name()]), self._after)

    def _name(self) -> str:
        with reading():
            from connecttui.core.people import get_contact

            return get_contact(self.contact_id).name

    def action_edit(self) -> None:
        from connecttui.tui.modals.contact_form import ContactForm

        self.app.push_screen(ContactForm(self.contact_id), self._after)

    def action_plan(self) -> None:
        from connecttui.tui.modals.open_loop import OpenLoopForm

        self.app.push_screen(OpenLoopForm(self.contact_id), self._after)

    def action_occasion(self) -> None:
        from connecttui.tui.modals.occasion import OccasionForm

        self.app.push_screen(OccasionForm(self.contact_id), self._after)
