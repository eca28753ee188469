"""What the main screen's keys do: open a dialog, then reload what it changed.

The core's commands and the undo journal are imported by the keys that use them: the main
screen is imported on the way to the first frame, and they are not drawn in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connecttui.core.errors import UserError
from connecttui.core.text import one_line, printable
from connecttui.tui.failures import guard, guarded
from connecttui.tui.messages import DataChanged

if TYPE_CHECKING:
    from connecttui.core.search import Hit


class MainActions:
    """Mixed into MainScreen: the dialogs and the writes, kept apart from the drawing."""

    # ----- which contact a key acts on -----------------------------------------------
    def target(self) -> tuple[int, str] | None:
        """The contact a key acts on: the suggestion's when Upcoming is focused (unless it is
        about no one, like the holiday cards), else the highlighted contact."""
        upcoming = self.query_one("#upcoming")
        if upcoming.has_focus and upcoming.current is not None and upcoming.current.contact_id:
            return upcoming.current.contact_id, upcoming.current.contact_name
        row = self.query_one("#contacts").current
        return (row.id, row.name) if row is not None else None

    def _need_contact(self) -> tuple[int, str] | None:
        target = self.target()
        if target is None:
            self.notify("Add a contact first: press a.", severity="warning")
        return target

    def _changed(self, result, message: str | None = None, *, touch: bool = False) -> None:
        """A dialog saved: its change shows in the next frame (the timeline is read here,
        not one message later), and the toast saying so in the frame after it. `touch`:
        the result is a touch's id, so only its people's rows are read again."""
        if result is None or result is False:
            return
        if touch:
            # Only the touch's rows are read again, unless another process wrote since the
            # last full read (touch_logged asks SQLite): marking the writes seen after a
            # patch alone lost a concurrent `connecttui add` (the soak found it).
            self.touch_logged(result)
        else:
            self._data_changed()
        self.writes_seen()
        if message:
            self.call_after_refresh(self.notify, message)

    # ----- dialogs -----------------------------------------------------------------
    def action_log(self) -> None:
        from connecttui.tui.modals.log_touch import LogTouch

        target = self._need_contact()
        if target is not None:
            self.app.push_screen(LogTouch([target[0]], [target[1]]),
                                 lambda result: self._changed(result, "Touch logged.",
                                                              touch=True))

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

    def action_deceased(self) -> None:
        """Palette "Mark as deceased…": the highlighted contact has died."""
        from connecttui.tui.modals.deceased import DeceasedForm

        target = self._need_contact()
        if target is not None:
            self.app.push_screen(DeceasedForm(target[0]), lambda result: self._changed(
                result, f"{one_line(target[1])}: marked deceased. u undoes it."))

    def action_not_deceased(self) -> None:
        """Palette "Not deceased…": clear the mark put on by mistake."""
        from connecttui.tui.modals.deceased import ask_not_deceased

        target = self._need_contact()
        if target is not None:
            ask_not_deceased(self.app, target[0], target[1], lambda result: self._changed(
                result, f"{one_line(target[1])}: no longer marked deceased."))

    def action_introduce(self) -> None:
        """Palette "Introduce…": the log dialog with kind intro, the highlighted contact in
        who and the cursor after them, ready for the other name."""
        from connecttui.tui.modals.log_touch import LogTouch

        target = self._need_contact()
        if target is not None:
            self.app.push_screen(LogTouch([target[0]], [target[1]], "intro", focus="who"),
                                 lambda result: self._changed(result, "Introduction logged."))

    @guarded  # `enter` on a row is a message, not an action: ConnectApp.run_action misses it
    def introduce(self, item) -> None:
        """`enter` on an introduction suggestion: log it, with both people and kind intro."""
        from connecttui.core.store.models import Fact
        from connecttui.tui.modals.log_touch import LogTouch

        need_id, _, offer_id = item.snooze_ref.partition(":")
        people_ids, names = [], []
        for fact_id in (need_id, offer_id):
            fact = Fact.get_or_none(Fact.id == int(fact_id)) if fact_id.isdigit() else None
            if fact is not None and fact.contact_id not in people_ids:
                people_ids.append(fact.contact_id)
                names.append(fact.contact.name)
        if len(people_ids) < 2:
            self.notify("That introduction's facts have changed.", severity="warning")
            self.post_message(DataChanged())
            return
        self.app.push_screen(LogTouch(people_ids, names, "intro"),
                             lambda result: self._changed(result, "Introduction logged."))

    def action_cards(self) -> None:
        from connecttui.tui.screens.cards import CardsScreen

        self.app.push_screen(CardsScreen())

    def action_circles(self) -> None:
        from connecttui.tui.screens.circles import CirclesScreen

        self.app.push_screen(CirclesScreen())

    def action_review(self) -> None:
        from connecttui.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen())

    def action_import_file(self) -> None:
        from connecttui.tui.modals.import_file import ImportFile

        def imported(report) -> None:
            if report is not None:
                self._changed(True, f"Imported: added {len(report.added)}, merged "
                                    f"{len(report.merged)}, skipped {len(report.skipped)}. "
                                    "u undoes it.")

        self.app.push_screen(ImportFile(), imported)

    def action_plan_week(self) -> None:
        from connecttui.tui.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen())

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
        contact_id = hit if isinstance(hit, int) else hit.contact_id
        contacts = self.query_one("#contacts")
        contacts.focus()
        if not contacts.select_key(contact_id):
            self.pending_contact = contact_id
            self.post_message(DataChanged())

    # ----- done and delete ---------------------------------------------------------
    def action_done(self, anywhere: bool = False) -> None:
        """`x`: close the highlighted open loop (the palette's command takes the one
        highlighted in Upcoming even when another pane has the focus)."""
        from connecttui.tui.modals.loop_done import LoopDone

        upcoming = self.query_one("#upcoming")
        item = upcoming.current if upcoming.has_focus or anywhere else None
        if item is None or item.kind != "loop":
            self.notify("x closes an open loop: highlight one in Upcoming (3).",
                        severity="warning")
            return
        self.app.push_screen(LoopDone(item.ref_id, item.text),
                             lambda result: self._changed(result, "Open loop done."))

    def action_snooze(self, anywhere: bool = False) -> None:
        """`z`: snooze the highlighted suggestion (the palette's command takes the one
        highlighted in Upcoming even when another pane has the focus)."""
        from connecttui.tui.modals.snooze import SnoozeForm

        upcoming = self.query_one("#upcoming")
        item = upcoming.current if upcoming.has_focus or anywhere else None
        if item is None:
            self.notify("z snoozes a suggestion: highlight one in Upcoming (3).",
                        severity="warning")
            return

        def snoozed(days: int | None) -> None:
            if days is not None:
                self._changed(True, f"Snoozed for {days} days.")

        self.app.push_screen(SnoozeForm(item), snoozed)

    def action_delete(self) -> None:
        from connecttui.core.commands import contacts, plans, timeline
        from connecttui.tui.modals.confirm import Confirm

        focused = self.focused.id if self.focused else "contacts"
        # Each `delete` is one core command: it deletes and records what undoes it (`u`).
        if focused == "timeline":
            row = self.query_one("#timeline").current
            if row is None:
                return
            question = f"Delete this {row.kind} from {row.at.format('D MMM YYYY')}?"
            label = f"deleted {row.kind} from {row.at.format('D MMM YYYY')}"

            def delete():
                timeline.delete_touch(row.touch_id, label)

            detail = "It goes from every timeline it is on."
        elif focused == "upcoming":
            item = self.query_one("#upcoming").current
            if item is None or item.kind not in ("loop", "occasion"):
                self.notify("Only open loops and occasions can be deleted here; "
                            "z snoozes a suggestion.", severity="warning")
                return
            question = f"Delete {item.text}?"
            detail = ""
            ref, kind = item.ref_id, item.kind

            def delete():
                if kind == "loop":
                    plans.delete_open_loop(ref)
                else:
                    plans.delete_occasion(ref)
        else:
            row = self.query_one("#contacts").current
            if row is None:
                return
            question = f"Delete {row.name}?"
            detail = ("Their touches, open loops, occasions and facts go too; "
                      "touches shared with others stay on the others' timelines.")

            def delete():
                contacts.delete_contact(row.id)

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete()
            except UserError as error:
                self.notify(one_line(str(error)), severity="error", markup=False)
                return
            self._changed(True, "Deleted.")

        self.app.push_screen(Confirm(printable(question), detail), guard(self, confirmed))

    def action_undo(self) -> None:
        """`u`: undo the last change, made here or by the CLI (or say there is none)."""
        from connecttui.core import undo
        from connecttui.tui.undo_key import undo_and_tell

        self.pending_contact = undo.brings_back()
        if undo_and_tell(self):
            self.post_message(DataChanged())
