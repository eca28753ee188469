"""The briefing (`enter` on a contact): what to read before reaching out, and the few keys
that add to it (a fact, a family member, a gift, this year's holiday card). `d` picks one of
the facts, family members and gifts to edit (`e`) or delete (`d`, after a confirmation);
every change is a core command with its undo, so `u` takes it back here too."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from connecttui.core import briefing, cards, clock
from connecttui.core.commands import cards as card_commands
from connecttui.core.commands import details
from connecttui.core.errors import UserError
from connecttui.core.store.db import reading
from connecttui.core.text import printable
from connecttui.tui.blur import MASK, follow, is_blurred
from connecttui.tui.failures import guard
from connecttui.tui.frames import SteadyFrames
from connecttui.tui.screens import briefing_card
from connecttui.tui.widgets.footer import QuietFooter
from connecttui.tui.widgets.topbar import TopBar


def render(brief: briefing.Briefing, today, blurred: bool = False) -> Content:
    """The whole card as one Content; user text goes in as plain text, never markup."""
    return Content.assemble(*briefing_card.sections(brief, today, blurred))


class BriefingScreen(SteadyFrames, Screen):
    """A contact's card; the same keys as the main screen act on this contact."""

    BINDINGS: ClassVar = [
        Binding("escape,backspace", "app.pop_screen", "back", id="briefing.back",
                tooltip="Back to the main screen"),
        Binding("l", "log", "log", id="briefing.log", tooltip="Log a touch with this contact"),
        Binding("e", "edit", "edit", id="briefing.edit", tooltip="Edit this contact"),
        Binding("p", "plan", "plan", id="briefing.plan", tooltip="Add an open loop"),
        Binding("o", "occasion", "occasion", id="briefing.occasion",
                tooltip="Add an occasion"),
        Binding("f", "fact", "fact", id="briefing.fact", priority=True,
                tooltip="Add a fact: i interest, n need, o offer, x other; text and tags"),
        Binding("m", "family", "family", id="briefing.family", priority=True,
                tooltip="Add a family member: p partner, c child, r parent, s sibling, o other"),
        Binding("g", "gift", "gift", id="briefing.gift", priority=True,
                tooltip="Add a gift: i idea, g given, r received; maybe for an occasion"),
        Binding("d", "details", "delete…", id="briefing.details",
                tooltip="Edit or delete a fact, family member or gift: pick it, then e or d"),
        Binding("u", "undo", "undo", id="briefing.undo", show=False,
                tooltip="Undo the last change"),
        Binding("c", "card", "card", id="briefing.card", priority=True,
                tooltip="Put this contact on this year's holiday card list, or take them off"),
        Binding("b", "app.toggle_blur", "blur", id="briefing.blur", show=False,
                tooltip="Privacy blur: hide notes, facts and family details"),
    ]
    PALETTE_HERE: ClassVar = ("deceased", "not_deceased")
    """Palette commands that act on this card's contact, not on the main screen's."""

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
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#briefing-scroll").focus()
        follow(self, self.reload)
        self.reload()

    @work(thread=True, exclusive=True, group="briefing", exit_on_error=False)
    def reload(self) -> None:
        today = clock.today()
        try:
            with reading():
                brief = briefing.briefing(self.contact_id, today)
                card = render(brief, today, is_blurred(self))
        except UserError as error:
            self.app.call_from_thread(self.app.notify, printable(str(error)), severity="error",
                                      markup=False)
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

        self.app.push_screen(LogTouch([self.contact_id], [self._contact_name()]), self._after)

    def _contact_name(self) -> str:
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

    def action_fact(self) -> None:
        from connecttui.tui.modals.fact import FactForm

        self.app.push_screen(FactForm(self.contact_id), self._after)

    def action_family(self) -> None:
        from connecttui.tui.modals.family import FamilyForm

        self.app.push_screen(FamilyForm(self.contact_id), self._after)

    def action_gift(self) -> None:
        from connecttui.tui.modals.gift import GiftForm

        self.app.push_screen(GiftForm(self.contact_id), self._after)

    def action_details(self) -> None:
        """`d`: pick a fact, family member or gift, then edit or delete it."""
        from connecttui.tui.modals.detail_pick import DetailPicker

        self.app.push_screen(DetailPicker(self.contact_id), guard(self, self._picked))

    def _picked(self, choice) -> None:
        if choice is None:
            return
        what, detail = choice
        if what == "edit":
            from connecttui.tui.modals.fact import FactForm
            from connecttui.tui.modals.family import FamilyForm
            from connecttui.tui.modals.gift import GiftForm

            form = {"fact": FactForm, "family": FamilyForm, "gift": GiftForm}[detail.kind]
            try:
                self.app.push_screen(form(self.contact_id, detail.id), self._after)
            except UserError as error:
                self.notify(printable(str(error)), severity="error", markup=False)
            return
        from connecttui.tui.modals.confirm import Confirm

        kind = {"fact": "fact", "family": "family member", "gift": "gift"}[detail.kind]

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            delete = {"fact": details.delete_fact, "family": details.delete_member,
                      "gift": details.delete_gift}[detail.kind]
            try:
                delete(detail.id)
            except UserError as error:
                self.notify(printable(str(error)), severity="error", markup=False)
            else:
                self.notify("Deleted: u undoes it.", markup=False)
            self.reload()

        shown = MASK if is_blurred(self) else detail.text
        self.app.push_screen(Confirm(f"Delete this {kind}: {shown}?", "u brings it back."),
                             guard(self, confirmed))

    def action_undo(self) -> None:
        """`u`: undo the last change (made here, on the main screen or by the CLI)."""
        from connecttui.tui.undo_key import undo_and_tell

        if undo_and_tell(self):
            self.reload()

    def action_deceased(self) -> None:
        from connecttui.tui.modals.deceased import DeceasedForm

        self.app.push_screen(DeceasedForm(self.contact_id), self._after)

    def action_not_deceased(self) -> None:
        from connecttui.tui.modals.deceased import ask_not_deceased

        ask_not_deceased(self.app, self.contact_id, self._contact_name(), self._after)

    def action_card(self) -> None:
        """Toggle this contact on this year's holiday card list."""
        year = clock.today().year
        try:
            card = cards.card_of(self.contact_id, year)
            if card is None:
                card_commands.add_card(self.contact_id, year)
                self.notify(f"On the {year} holiday card list.")
            else:
                card_commands.remove_card(card.id)
                self.notify(f"Off the {year} holiday card list.")
        except UserError as error:
            self.notify(printable(str(error)), severity="error", markup=False)
        self.reload()
