"""The shape shared by the briefing's quick dialogs (`f` fact, `m` family, `g` gift).

Why it looks like this: each of them is "one key picks the kind, then a line of text", so
the kind is a ChoiceToggle that moves on to the text as soon as its letter is pressed, and
`enter` anywhere saves (a screen binding on the toggles, Input.Submitted in the fields).
`escape` stores nothing. A `UserError` from the core stays in `#error` with the dialog open.
Subclasses say what the fields are (`fields`) and how to store them (`store`). The same
dialog edits a stored row (`row_id`, from the briefing's `d` picker): it opens filled in with
`self.row` and `store` changes that row instead of adding one; the core command records the
change with its undo either way (`u`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label

from connecttui.core.errors import UserError
from connecttui.core.store.db import DB_ERRORS
from connecttui.core.text import printable
from connecttui.tui.modals.form_base import (
    DialogButtons,
    DialogScreen,
    FormActions,
    contact_title,
    dialog_size,
)
from connecttui.tui.widgets.text_input import TextInput


def row(label: str, widget: Widget) -> Horizontal:
    """A labelled line of the dialog."""
    return Horizontal(Label(label), widget, classes="row")


def field(label: str, field_id: str, placeholder: str = "", value: str = "") -> Horizontal:
    return row(label, TextInput(value, placeholder=placeholder, id=field_id, compact=True))


class QuickForm(FormActions, DialogScreen[int | None]):
    """A small dialog about one contact; dismisses with the stored row's id, or None."""

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("enter", "save", "Save", show=False),
    ]

    DEFAULT_CSS = dialog_size("QuickForm", 70, 16)

    AUTO_FOCUS = "#kind"
    heading = "Add"
    """The dialog's title, before the contact's name: "Fact about"."""
    keys_help = "letter picks · enter save · tab next field · esc cancel"

    model: ClassVar = None
    """The table the dialog adds to (and edits a row of, with `row_id`)."""

    def __init__(self, contact_id: int, row_id: int | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        """The contact the new row belongs to."""
        self.row_id = row_id
        """The row being edited, or None to add one."""
        self.row = None
        """The edited row as stored when the dialog opened (fills the fields)."""
        if row_id is not None:
            self.row = self.model.get_or_none(self.model.id == row_id)
            if self.row is None:
                raise UserError("that is no longer stored: it was deleted meanwhile")
            self.heading = "Edit " + self.heading[:1].lower() + self.heading[1:]
        self._load_error = ""
        self._heading = self._title()
        """Read here, not in compose: a database failure is then the key's (a notice, from
        ConnectApp.run_action) and no dialog opens half-filled."""

    def _title(self) -> str:
        title, self._load_error = contact_title(self.contact_id, self.heading)
        return title

    def fields(self) -> Iterable[Widget]:
        """The dialog's rows, in tab order."""
        return ()

    def store(self) -> int:
        """Write what the fields say (raising UserError on a mistake); the new row's id."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(self._heading), id="title")
            yield from self.fields()
            yield Label(id="error")
            yield Label(self.keys_help, id="keys", markup=False)
            yield DialogButtons()

    def on_mount(self) -> None:
        self.query_one("#error", Label).update(Content(printable(self._load_error)))

    def text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def action_save(self) -> None:
        error = self.query_one("#error", Label)
        error.update("")
        try:
            stored = self.store()
        except (UserError, *DB_ERRORS) as problem:
            error.update(Content(printable(str(problem))))
            return
        self.dismiss(stored)
