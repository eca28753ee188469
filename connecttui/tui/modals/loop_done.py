"""The "done" dialog (`x` on an open loop): close it, with an optional note.

Why it looks like this: closing a loop usually means something happened ("she got the
job!"), so the dialog offers one line for it; `enter` on an empty line just closes the loop,
and a note becomes a touch with the loop's contact in the same transaction (the core's
`close_open_loop`). `escape` changes nothing. Dismisses with the loop's id, or None.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label

from connecttui.core.commands import plans
from connecttui.core.errors import UserError
from connecttui.core.store.db import DB_ERRORS
from connecttui.core.store.models import OpenLoop
from connecttui.core.text import one_line, printable
from connecttui.tui.modals.form_base import DialogButtons, DialogScreen, FormActions, dialog_size


class LoopDone(FormActions, DialogScreen[int | None]):
    """Close one open loop; the note (optional) is logged as a touch."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel", show=False)]

    DEFAULT_CSS = dialog_size("LoopDone", 68, 8) + """
    LoopDone #title { margin-bottom: 0; }
    LoopDone #who { color: $text-muted; width: 100%; margin-bottom: 1; }
    """

    AUTO_FOCUS = "#note"

    def __init__(self, loop_id: int, fallback_text: str = "") -> None:
        super().__init__()
        self.loop_id = loop_id
        """The open loop being closed."""
        self.fallback_text = fallback_text
        """What to call the loop if it can no longer be read."""
        self._described = self._describe()
        """Read here, not in compose: a database failure is then the key's (a notice, from
        ConnectApp.run_action) and no dialog opens half-filled."""

    def _describe(self) -> tuple[str, str]:
        loop = OpenLoop.get_or_none(OpenLoop.id == self.loop_id)
        if loop is None:
            return self.fallback_text, ""
        return loop.text, loop.contact.name

    def compose(self) -> ComposeResult:
        text, name = self._described
        with Vertical(id="dialog"):
            yield Label(Content(f"Done: {one_line(text)}"), id="title")
            yield Label(Content(f"with {printable(name)}" if name else ""), id="who")
            yield Horizontal(
                Label("Note"),
                Input(placeholder="how it went (optional: logged as a touch)", id="note",
                      compact=True),
                classes="row",
            )
            yield Label(id="error")
            yield Label("enter done · esc cancel: nothing changes", id="keys")
            yield DialogButtons("Done")

    def action_save(self) -> None:
        """Close the loop (and log the note); a UserError keeps the dialog open."""
        note = self.query_one("#note", Input).value.strip()
        try:
            plans.close_open_loop(self.loop_id, note)  # with what undoes it (`u`)
        except (UserError, *DB_ERRORS) as problem:
            self.query_one("#error", Label).update(Content(printable(str(problem))))
            return
        self.dismiss(self.loop_id)
