"""The circle dialog (`a`, `e` on the Circles screen): a name, a window, resting or not.

Why it looks like this: like the contact form, the cursor starts on the name and `enter`
saves from any field, so `a` *name* `enter` adds a circle with no window. The window reads
as the contact form's does ("14", "14/30", empty for none) with a live hint, and the resting
toggle takes `a` (active) or `r` (resting). An edit is one core command (rename, window,
resting), and a `UserError` stays in `#error` with the dialog open. Dismisses with the
circle's id, or None on `escape`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label

from connecttui.core import people
from connecttui.core.commands import circles as commands
from connecttui.core.errors import UserError
from connecttui.core.store.db import DB_ERRORS
from connecttui.core.store.models import Circle
from connecttui.core.text import printable
from connecttui.tui.modals.form_base import DialogButtons, DialogScreen, FormActions
from connecttui.tui.widgets.choice import ChoiceToggle
from connecttui.tui.widgets.text_input import TextInput

RESTING = ("active", "resting")
"""The toggle's words: a resting circle's contacts are never suggested nor drifting."""


def window_hint(text: str) -> str:
    """How the window field reads ("every 21 days, at most 42"), or why it can't."""
    try:
        ideal, maximum = people.parse_window(text)
    except UserError as error:
        return str(error)
    if ideal is None:
        return "no window: its contacts keep their own, or learn one"
    return f"every {ideal} days, at most {maximum}"


class CircleForm(FormActions, DialogScreen[int | None]):
    """Add a circle (`circle_id=None`) or edit one; dismisses with its id or None."""

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("enter", "save", "Save", show=False),
    ]

    def __init__(self, circle_id: int | None = None) -> None:
        super().__init__()
        self.circle_id = circle_id
        """The circle being edited, or None to add a new one."""
        self._name = ""
        self._window = ""
        self._resting = False
        self._load_error = ""
        self._heading = self._load()
        """Read here, not in compose: a database failure is then the key's (a notice, from
        ConnectApp.run_action) and no dialog opens half-filled."""

    def _load(self) -> str:
        """Read the circle being edited into the fields; returns the dialog's title."""
        if self.circle_id is None:
            return "Add a circle"
        circle = Circle.get_or_none(Circle.id == self.circle_id)
        if circle is None:
            self._load_error = f"circle #{self.circle_id} no longer exists"
            return f"Edit circle #{self.circle_id}"
        self._name = circle.name
        if circle.ideal_days is not None:
            self._window = f"{circle.ideal_days}/{circle.max_days or circle.ideal_days * 2}"
        self._resting = bool(circle.resting)
        return f"Edit the circle {printable(circle.name)}"

    def compose(self) -> ComposeResult:
        title = self._heading
        with Vertical(id="dialog"):
            yield Label(Content(title), id="title")
            yield Horizontal(
                Label("Name"),
                TextInput(self._name, placeholder="climbing", id="name", compact=True),
                classes="row",
            )
            yield Horizontal(
                Label("Keep in touch"),
                Input(self._window, placeholder="days: 14 or 14/30; empty = no window",
                      id="window", compact=True),
                classes="row hinted",
            )
            yield Label(id="window-hint", classes="hint")
            yield Horizontal(
                Label("Resting"),
                ChoiceToggle(list(RESTING), RESTING[self._resting], id="resting"),
                classes="row",
            )
            yield Label(id="error")
            yield Label("enter save · tab next field · a/r active or resting · esc cancel",
                        id="keys")
            yield DialogButtons()

    def on_mount(self) -> None:
        self._show_window_hint()
        self.query_one("#error", Label).update(Content(printable(self._load_error)))
        self.query_one("#name", Input).focus()

    @on(Input.Changed, "#window")
    def _show_window_hint(self) -> None:
        text = self.query_one("#window", Input).value
        self.query_one("#window-hint", Label).update(Content(printable(window_hint(text))))

    def action_save(self) -> None:
        """Store what the fields say, all or nothing; a UserError keeps the dialog open."""
        error = self.query_one("#error", Label)
        error.update("")
        name = self.query_one("#name", Input).value
        resting = self.query_one("#resting", ChoiceToggle).value == "resting"
        try:
            ideal, maximum = people.parse_window(self.query_one("#window", Input).value)
            # one core command each, with what undoes it (`u`)
            if self.circle_id is None:
                circle_id = commands.add_circle(name, ideal, maximum, resting).id
            else:
                commands.edit_circle(self.circle_id, name, ideal, maximum, resting)
                circle_id = self.circle_id
        except (UserError, *DB_ERRORS) as problem:
            error.update(Content(printable(str(problem))))
            return
        self.dismiss(circle_id)
