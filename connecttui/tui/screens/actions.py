"""What the main screen's keys do: open a dialog, then reload what it changed."""

from __future__ import annotations

from connecttui.core import occasions, people, planning, touches
from connecttui.core.errors import UserError
from connecttui.core.search import Hit
from connecttui.core.text import printable
from connecttui.tui.messages import DataChanged


class MainActions:
    """Mixed into MainScreen: the dialogs and the writes, kept apart from the drawing."""

    # ----- which contact a key acts on -----------------------------------------------
    def target(self) -> tuple[int, str] | None:
        """The contact a key acts on: the suggestion's when Upcoming is focused, else the
        highlighted contact."""
        upcoming = self.query_one("#upcoming")
        if upcoming.has_focus and upcoming.current is not None:
            return upcoming.current.contact_id, upcoming.current.contact_name
        row = self.query_one("#contacts").current
        return (row.id, row.name) if row is not None else None

    def _need_contact(self) -> tuple[int, str] | None:
        target = self.target()
        if target is None:
            self.notify("Add a contact first: press a.", severity="warning")
        return target

    def _changed(self, result, message: str | None = None) -> None:
        if result is None or result is False:
            return
        if message:
            self.notify(message)
        self.post_message(DataChanged())

    # ----- dialogs -----------------------------------------------------------------
    def action_log(self) -> None:
        from connecttui.tui.modals.log_touch import LogTouch

        target = self._need_contact()
        if target is not None:
            self.app.push_screen(LogTouch([target[0]], [target[1]]),
                                 lambda result: self._changed(result, "Touch logged."))

    def action_add(self) -> None:
        from connecttui.tui.modals.contact_form import ContactForm

        def added(contact_id: int | None) -> None:
            if contact_id is not None:
                self.pending_contact = contact_id
                self._changed(contact_id, "Contact added.")

        self.app.push_screen(ContactForm(), added)

    def action_edit(self) -> None:
        from connecttui.tui.modals.contact_form import ContactForm

        target = self._need_contact()
        if target is not None:
            self.app.push_screen(ContactForm(target[0]),
                                 lambda result: self._changed(result, "Contact saved."))

    def action_plan(self) -> None:
        from connecttui.tui.modals.open_loop import OpenLoopForm

        target = self._need_contact()
        if target is not None:
            self.app.push_screen(OpenLoopForm(target[0]),
                                 lambda result: self._changed(result, "Open loop added."))

    def action_occasion(self) -> None:
        from connecttui.tui.modals.occasion import OccasionForm

        target = self._need_contact()
        if target is not None:
            self.app.push_screen(OccasionForm(target[0]),
                                 lambda result: self._changed(result, "Occasion added."))

    def action_briefing(self) -> None:
        from connecttui.tui.screens.briefing import BriefingScreen

        target = self._need_contact()
        if target is not None:
            self.app.push_screen(BriefingScreen(target[0]))

    def action_search(self) -> None:
        from connecttui.tui.modals.search import SearchScreen

        self.app.push_screen(SearchScreen(), self.jump_to)

    def jump_to(self, hit: Hit | int | None) -> None:
        """Highlight a contact in the list and focus it (from search or the palette)."""
        if hit is None:
            return
        contact_id = hit.contact_id if isinstance(hit, Hit) else hit
        contacts = self.query_one("#contacts")
        contacts.focus()
        if not contacts.select_key(contact_id):
            self.pending_contact = contact_id
            self.post_message(DataChanged())

    # ----- done and delete ---------------------------------------------------------
    def action_done(self) -> None:
        upcoming = self.query_one("#upcoming")
        item = upcoming.current if upcoming.has_focus else None
        if item is None or item.kind != "loop":
            self.notify("x closes an open loop: highlight one in Upcoming (3).",
                        severity="warning")
            return
        try:
            planning.close_open_loop(item.ref_id)
        except UserError as error:
            self.notify(str(error), severity="error")
            return
        self._changed(True, f"Done: {printable(item.text)}")

    def action_delete(self) -> None:
        from connecttui.tui.modals.confirm import Confirm

        focused = self.focused.id if self.focused else "contacts"
        if focused == "timeline":
            row = self.query_one("#timeline").current
            if row is None:
                return
            question = f"Delete this {row.kind} from {row.at.format('D MMM YYYY')}?"
            delete = lambda: touches.delete_touch(row.touch_id)  # noqa: E731
            detail = "It goes from every timeline it is on."
        elif focused == "upcoming":
            item = self.query_one("#upcoming").current
            if item is None or item.kind == "drift":
                self.notify("Only open loops and occasions can be deleted here.",
                            severity="warning")
                return
            question = f"Delete {item.text}?"
            detail = ""
            ref = item.ref_id
            delete = (lambda: planning.delete_open_loop(ref)) if item.kind == "loop" else (
                lambda: occasions.delete_occasion(ref))
        else:
            row = self.query_one("#contacts").current
            if row is None:
                return
            question = f"Delete {row.name}?"
            detail = ("Their touches, open loops, occasions and facts go too; "
                      "touches shared with others stay on the others' timelines.")
            delete = lambda: people.delete_contact(row.id)  # noqa: E731

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete()
            except UserError as error:
                self.notify(str(error), severity="error")
                return
            self._changed(True, "Deleted.")

        self.app.push_screen(Confirm(printable(question), detail), confirmed)
