"""The snooze dialog (`z` on a suggestion): put it aside for 3, 7 or 14 days.

Why it looks like this: snoozing is a reflex, so one key does it all: `3`, `7` or `1` (for
14) picks the length and saves at once. The keys are priority bindings, so they work
whichever widget has the focus; left/right on the toggle and `enter` do the same for those
who prefer to look first. The suggestion comes back by itself on the day the snooze ends
(the core's rule). Dismisses with the number of days, or None on `escape`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label

from connecttui.core import clock
from connecttui.core.commands import plans
from connecttui.core.errors import UserError
from connecttui.core.store.db import DB_ERRORS
from connecttui.core.suggestion import Suggestion
from connecttui.core.text import one_line, printable
from connecttui.tui.modals.form_base import DialogButtons, DialogScreen
from connecttui.tui.widgets.choice import ChoiceToggle

CHOICES = {"3": 3, "7": 7, "14": 14}
"""The toggle's words and the days they mean (snooze.SNOOZE_DAYS)."""


class SnoozeForm(DialogScreen[int | None]):
    """Snooze one suggestion; dismisses with the days it is snoozed for."""

    BINDINGS: ClassVar = [
        Binding("3", "snooze(3)", "3 days", priority=True, show=False),
        Binding("7", "snooze(7)", "7 days", priority=True, show=False),
        Binding("1", "snooze(14)", "14 days", priority=True, show=False),
        Binding("enter", "save", "Save", show=False),
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    AUTO_FOCUS = "#days"

    def __init__(self, suggestion: Suggestion) -> None:
        super().__init__()
        self.suggestion = suggestion
        """The suggestion being put aside."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(f"Snooze {one_line(self.suggestion.text)}"), id="title")
            yield Horizontal(Label("For (days)"), ChoiceToggle(list(CHOICES), "7", id="days"),
                             classes="row")
            yield Label(id="error")
            yield Label("3 · 7 · 1 (14) snooze at once · enter save · esc cancel", id="keys")
            yield DialogButtons("Snooze")

    def action_save(self) -> None:
        self.action_snooze(CHOICES[self.query_one("#days", ChoiceToggle).value])

    def action_snooze(self, days: int) -> None:
        """Store the snooze; a UserError keeps the dialog open with the reason."""
        item = self.suggestion
        try:
            plans.snooze_suggestion(item.kind, item.snooze_ref, days, clock.today(),
                                    label=item.text)
        except (UserError, *DB_ERRORS) as problem:
            self.query_one("#error", Label).update(Content(printable(str(problem))))
            return
        self.dismiss(days)

    def action_cancel(self) -> None:
        self.dismiss(None)
