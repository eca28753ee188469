"""What the review's step keys do: the main screen's dialogs, aimed at the highlighted row,
and the commitments and the save that are the review's own."""

from __future__ import annotations

from connecttui.core import review_saved
from connecttui.core.commands import review as reviews
from connecttui.core.errors import UserError
from connecttui.core.text import printable
from connecttui.tui.screens import review_steps as steps


class ReviewActions:
    """Mixed into ReviewScreen: the dialogs and the writes, kept apart from the drawing."""

    def current(self) -> steps.StepRow | None:
        if self.step not in steps.EMPTY:
            return None
        return self.query_one("#items", steps.StepList).current

    def _person(self, verb: str) -> steps.StepRow | None:
        row = self.current()
        if row is None or not row.contact_id:
            self.notify(f"{verb}: highlight a person first.", severity="warning")
            return None
        return row

    def _changed(self, result, message: str) -> None:
        if result is None or result is False:
            return
        self.notify(message)
        self.reload()

    # ----- the main screen's dialogs, from a step ---------------------------------------
    def action_log(self) -> None:
        from connecttui.tui.modals.log_touch import LogTouch

        row = self._person("l logs a touch")
        if row is None:
            return
        if self.step == steps.HELP and row.item.kind == "intro":
            push = LogTouch([row.contact_id, row.item.other_id],
                            [row.contact_name, row.item.other_name], "intro")
            done = "Introduction logged."
        elif self.step == steps.HELP:
            push, done = LogTouch([row.contact_id], [row.contact_name], "help"), "Help logged."
        else:
            push, done = LogTouch([row.contact_id], [row.contact_name]), "Touch logged."
        self.app.push_screen(push, lambda result: self._changed(result, done))

    def action_snooze(self) -> None:
        from connecttui.tui.modals.snooze import SnoozeForm

        row = self.current()
        if row is None:
            self.notify("z snoozes a suggestion: highlight one first.", severity="warning")
            return

        def snoozed(days: int | None) -> None:
            self._changed(days, f"Snoozed for {days} days.")

        self.app.push_screen(SnoozeForm(row.item), snoozed)

    def action_plan(self) -> None:
        from connecttui.tui.modals.open_loop import OpenLoopForm

        row = self._person("p plans an open loop")
        if row is not None:
            self.app.push_screen(OpenLoopForm(row.contact_id),
                                 lambda result: self._changed(result, "Open loop added."))

    def action_done(self) -> None:
        from connecttui.tui.modals.loop_done import LoopDone

        row = self.current()
        if row is None:
            self.notify("x closes an open loop: highlight one first.", severity="warning")
            return
        self.app.push_screen(LoopDone(row.item.ref_id, row.item.text),
                             lambda result: self._changed(result, "Open loop done."))

    # ----- commitments, the reflection and the save -----------------------------------
    def action_add(self) -> None:
        from connecttui.tui.modals.commitment import CommitmentForm

        if len(self.commitments) >= review_saved.MAX_COMMITMENTS:
            self.notify("Up to three commitments: d removes one to make room.",
                        severity="warning")
            return

        def added(pending) -> None:
            if pending is not None and len(self.commitments) < review_saved.MAX_COMMITMENTS:
                self.commitments.append(pending)
                self.show_step(keep_focus=True)
                items = self.query_one("#items", steps.StepList)
                items.move_to(len(self.commitments) - 1)

        self.app.push_screen(CommitmentForm(len(self.commitments) + 1), added)

    def action_remove(self) -> None:
        row = self.current()
        if row is None:
            return
        del self.commitments[row.id[1]]
        self.show_step(keep_focus=True)

    def action_save(self) -> None:
        """Save the review (one command in the core, undone with `u`), then show it among
        the past ones."""
        from textual.widgets import Input, Static

        reflection = self.query_one("#reflection", Input).value.strip()
        chosen = [review_saved.Commitment(c.text, c.contact_id) for c in self.commitments]
        try:
            reviews.save_review(self.week_start, chosen, reflection, self.today)
        except UserError as error:
            self.notify(printable(str(error)), severity="error", markup=False)
            return
        self.clean = self._state()
        loops = sum(1 for c in self.commitments if c.contact_id is not None)
        opened = f", {loops} open loop{'s' if loops != 1 else ''} for next week" if loops else ""
        self.query_one("#saved", Static).update(f"✓ saved{opened}")
        self.notify("Review saved.")
        self.reload()

    def action_leave(self) -> None:
        from connecttui.tui.modals.confirm import Confirm

        if not self.dirty:
            self.app.pop_screen()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.pop_screen()

        self.app.push_screen(
            Confirm("Leave the review without saving?",
                    "The commitments and reflection you typed are not kept. "
                    "Step 8 (Done) saves them.", yes_label="Leave"),
            answered,
        )
