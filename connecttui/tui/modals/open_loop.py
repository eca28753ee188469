"""The open-loop dialog (`p`): what to follow up with a contact, and by when.

Why it looks like this: a follow-up is usually "next week", so an empty due date means seven
days from today and the text is all a user must type. The due field is read as the future
("fri" is the coming Friday) and a live hint says which day that is ("due Fri 4 Dec (in 7
days)"), so a misread date is seen before it is stored. `enter` in either field saves; a
`UserError` from the core stays in `#error` with the dialog open. Dismisses with the new
open loop's id, or None on `escape`.
"""

from __future__ import annotations

from typing import ClassVar

import pendulum
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label

from connecttui.core import clock, typed_dates
from connecttui.core.commands import plans
from connecttui.core.errors import UserError
from connecttui.core.store.db import DB_ERRORS
from connecttui.core.text import printable
from connecttui.tui.modals.form_base import DialogButtons, DialogScreen, FormActions, contact_title

DEFAULT_DAYS = 7
"""An empty due date means a week from today."""


def read_due(text: str, today: pendulum.Date) -> pendulum.Date:
    """The due day the field means: empty is a week away, anything else is read forwards."""
    if not text.strip():
        return today.add(days=DEFAULT_DAYS)
    return typed_dates.parse_day(text, today, prefer="future")


def due_hint(text: str, today: pendulum.Date) -> str:
    """"due Fri 4 Dec (in 7 days)", or the reason the text can't be read."""
    try:
        due = read_due(text, today)
    except UserError as error:
        return str(error)
    shown = due.format("ddd D MMM" if due.year == today.year else "ddd D MMM YYYY")
    return f"due {shown} ({clock.in_days(clock.days_between(today, due))})"


class OpenLoopForm(FormActions, DialogScreen[int | None]):
    """Add an open loop for one contact; dismisses with the loop's id or None."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        """The contact the follow-up is with."""
        self._load_error = ""
        self._heading = self._title()
        """Read here, not in compose: a database failure is then the key's (a notice, from
        ConnectApp.run_action) and no dialog opens half-filled."""

    def _title(self) -> str:
        title, self._load_error = contact_title(self.contact_id, "Open loop with")
        return title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(self._heading), id="title")
            yield Horizontal(
                Label("Follow up"),
                Input(placeholder="ask how the interview went", id="text", compact=True),
                classes="row",
            )
            yield Horizontal(
                Label("Due"),
                Input(placeholder="empty = in a week; fri, in 3 days, 2026-12-01", id="due",
                      compact=True),
                classes="row hinted",
            )
            yield Label(id="due-hint", classes="hint")
            yield Label(id="error")
            yield Label("enter save · tab next field · esc cancel", id="keys")
            yield DialogButtons()

    def on_mount(self) -> None:
        self._show_due_hint()
        self.query_one("#error", Label).update(Content(printable(self._load_error)))
        self.query_one("#text", Input).focus()

    @on(Input.Changed, "#due")
    def _show_due_hint(self) -> None:
        text = self.query_one("#due", Input).value
        self.query_one("#due-hint", Label).update(Content(printable(due_hint(text, clock.today()))))

    def action_save(self) -> None:
        """Store the loop; a UserError keeps the dialog open with the reason."""
        error = self.query_one("#error", Label)
        error.update("")
        try:
            due = read_due(self.query_one("#due", Input).value, clock.today())
            loop = plans.add_open_loop(  # with what undoes it (`u`)
                self.contact_id, self.query_one("#text", Input).value, due
            )
        except (UserError, *DB_ERRORS) as problem:
            error.update(Content(printable(str(problem))))
            return
        self.dismiss(loop.id)
