"""A yes/no question before anything is destroyed (`d`, and any other irreversible step).

Why it looks like this: PRODUCT.md says single letters never destroy anything without a
confirmation, so focus starts on No and a stray `enter` is harmless; `y` is the one key
that confirms, `n` and `escape` cancel. The question and detail usually quote user text (a
contact's name, a note), so they are shown as plain text, never as markup.
Dismisses True (yes) or False.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label

from connecttui.core.text import printable
from connecttui.tui.modals.form_base import DialogScreen


class Confirm(DialogScreen[bool]):
    """Ask `question`; `y` or the yes button gives True, `n`, `escape` or No gives False."""

    BINDINGS: ClassVar = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
        Binding("left,right", "swap_focus", "Other button", show=False),
    ]

    DEFAULT_CSS = """
    Confirm #question { text-style: bold; width: 100%; margin-bottom: 1; }
    Confirm #detail { color: $text-muted; width: 100%; margin-bottom: 1; }
    Confirm #buttons { height: auto; align-horizontal: right; }
    Confirm #buttons Button { margin-left: 2; }
    Confirm #keys { margin-top: 1; }
    """

    def __init__(self, question: str, detail: str = "", yes_label: str = "Delete") -> None:
        super().__init__()
        self.question = question
        """What is asked, e.g. "Delete Ada Lovelace?"."""
        self.detail = detail
        """What will happen, e.g. "Her 12 touches and 3 occasions go too."."""
        self.yes_label = yes_label
        """The word on the button that confirms."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(printable(self.question)), id="question")
            if self.detail:
                yield Label(Content(printable(self.detail)), id="detail")
            with Horizontal(id="buttons"):
                yield Button(Content(printable(self.yes_label)), variant="error", id="yes")
                yield Button("Cancel", id="no")
            keys = f"y {printable(self.yes_label).lower()} · n or esc cancel · enter presses"
            yield Label(keys, id="keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_swap_focus(self) -> None:
        target = "#yes" if self.focused is not None and self.focused.id == "no" else "#no"
        self.query_one(target, Button).focus()
