"""The deceased dialog (palette: "Mark as deceased…"): someone has died, and maybe the day.

Why it looks like this: this is said once, at a hard moment, so it asks for one thing only
(the day, which may be unknown: empty is fine) and says plainly what follows: they stay,
with their history, but nothing will nudge you about them again, and `u` takes it back. The
day is read as the past ("3 march" is the last one) with a live hint, so a misread date is
seen before it is kept. The dialog is the confirmation: it opens only from the palette,
never from a single letter; `enter` saves, `escape` cancels and nothing is stored. The
change is core/deceased.py's (one transaction with its undo entry). Dismisses with the
contact's id, or None.

Clearing it (a mistake: palette "Not deceased…") is a plain yes/no question (`confirm.py`).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label

from connecttui.core import clock, deceased, people
from connecttui.core.errors import UserError
from connecttui.core.store.db import DB_ERRORS, reading
from connecttui.core.text import printable
from connecttui.tui.modals.form_base import DialogButtons, DialogScreen, FormActions, dialog_size

WHAT_FOLLOWS = ("They stay in search and on every timeline, with their card. They are never "
                "drifting or suggested again; their birthdays only as remembrance, if the "
                "remembrance setting is on. u undoes this.")


def day_hint(text: str, today) -> str:
    """"died Sun 3 Mar 2024", "the day is unknown", or why the text can't be read."""
    try:
        day = deceased.read_day(text, today)
    except UserError as error:
        return str(error)
    return "the day is unknown" if day is None else f"died {day.format('ddd D MMM YYYY')}"


class DeceasedForm(FormActions, DialogScreen[int | None]):
    """Mark one contact deceased (or change the day); dismisses with their id or None."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel", show=False)]

    DEFAULT_CSS = dialog_size("DeceasedForm", 66, 10) + """
    DeceasedForm #what { color: $text-muted; width: 100%; margin-bottom: 1; }
    """

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        """The contact who has died."""
        self._name = ""
        self._day = ""
        self._load_error = ""

    def _read(self) -> None:
        try:
            with reading():
                contact = people.get_contact(self.contact_id)
        except (UserError, *DB_ERRORS) as error:
            self._name, self._load_error = f"contact #{self.contact_id}", str(error)
            return
        self._name = contact.name
        if contact.deceased_on is not None:
            self._day = contact.deceased_on.isoformat()

    def compose(self) -> ComposeResult:
        self._read()
        with Vertical(id="dialog"):
            yield Label(Content(f"Mark {printable(self._name)} as deceased"), id="title")
            yield Label(WHAT_FOLLOWS, id="what", markup=False)
            yield Horizontal(
                Label("Died on"),
                Input(self._day, placeholder="empty = unknown; 3 march 2024, 2024-03-03",
                      id="day", compact=True),
                classes="row hinted",
            )
            yield Label(id="day-hint", classes="hint")
            yield Label(id="error")
            yield Label("enter mark as deceased · esc cancel", id="keys")
            yield DialogButtons("Mark as deceased")

    def on_mount(self) -> None:
        self._show_hint()
        self.query_one("#error", Label).update(Content(printable(self._load_error)))
        self.query_one("#day", Input).focus()

    @on(Input.Changed, "#day")
    def _show_hint(self) -> None:
        text = self.query_one("#day", Input).value
        self.query_one("#day-hint", Label).update(Content(printable(day_hint(text,
                                                                             clock.today()))))

    def action_save(self) -> None:
        """Mark them; a UserError (a date that can't be read, or in the future) keeps the
        dialog open with the reason, and nothing is stored."""
        error = self.query_one("#error", Label)
        error.update("")
        today = clock.today()
        try:
            day = deceased.read_day(self.query_one("#day", Input).value, today)
            deceased.mark_deceased(self.contact_id, day, today)
        except (UserError, *DB_ERRORS) as problem:
            error.update(Content(printable(str(problem))))
            return
        self.dismiss(self.contact_id)


def ask_not_deceased(app, contact_id: int, name: str, done) -> None:
    """Palette "Not deceased…": clear the mark after a yes/no question; `done(True)` once
    cleared (an error is said in a toast and nothing changes)."""
    from connecttui.tui.modals.confirm import Confirm

    try:
        with reading():
            marked = people.get_contact(contact_id).deceased
    except (UserError, *DB_ERRORS) as problem:
        app.notify(printable(str(problem)), severity="error", markup=False)
        return
    if not marked:
        app.notify(f"{printable(name)} is not marked deceased.", severity="warning",
                   markup=False)
        return

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            deceased.clear_deceased(contact_id)
        except (UserError, *DB_ERRORS) as problem:
            app.notify(printable(str(problem)), severity="error", markup=False)
            return
        done(True)

    app.push_screen(Confirm(f"{name} is not deceased?",
                            "Their keep-in-touch window and suggestions come back as before. "
                            "u undoes this.", yes_label="Not deceased"), answered)
