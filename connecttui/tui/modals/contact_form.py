"""The add/edit contact dialog (`a`, `e`): a name is enough, everything else is one `tab` away.

Why it looks like this: PRODUCT.md "The add dialog" says the cursor starts on the name and
`enter` saves with only a name, so every Input saves on `enter` (Input.Submitted) and the
circle Select only opens on its own `enter`. Nothing is stored until the user submits, and a
`UserError` from the core is shown in `#error` with the dialog left open, so a mistake costs
nothing. The birthday gets a live hint, so "12-10" vs "10-12" is caught before saving.
Dismisses with the contact's id, or None on `escape`.
"""

from __future__ import annotations

from typing import ClassVar

import pendulum
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Select

from connecttui.core import clock, people, typed_dates, yearly
from connecttui.core.commands import contacts
from connecttui.core.errors import UserError
from connecttui.core.store.db import DB_ERRORS
from connecttui.core.text import printable
from connecttui.tui.modals.form_base import DialogButtons, DialogScreen, FormActions
from connecttui.tui.widgets.text_input import TextInput

# (id, label, placeholder) of the text fields, in tab order; the circle Select sits after
# the birthday.
_BEFORE_CIRCLE = (
    ("name", "Name", "Ada Lovelace"),
    ("nicknames", "Nicknames", "comma-separated: Ada, Countess"),
    ("birthday", "Birthday", "1815-12-10, 12-10 (no year), 10 dec"),
)
_AFTER_CIRCLE = (
    ("window", "Keep in touch", "days: 14 or 14/30; empty = circle default"),
    ("how_met", "How you met", ""),
    ("why_care", "Why you care", ""),
    ("address", "Address", "postal address, for holiday cards"),
    ("notes", "Notes", ""),
)


def birthday_text(year: int | None, month: int, day: int) -> str:
    """A stored birthday written back in a form `typed_dates.parse_yearly` reads unchanged."""
    return f"--{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"


def birthday_hint(text: str) -> str:
    """How the birthday field was read ("Sun 10 Dec 1815", "10 Dec, no year"), or why not."""
    if not text.strip():
        return "no birthday"
    try:
        year, month, day = typed_dates.parse_yearly(text)
    except UserError as error:
        return str(error)
    if year is None:
        upcoming = yearly.next_occurrence(month, day, clock.today())
        label = typed_dates.format_yearly(None, month, day)
        return f"{label}, no year (next: {upcoming.format('ddd D MMM YYYY')})"
    weekday = pendulum.date(year, month, day).format("ddd")
    return f"{weekday} {typed_dates.format_yearly(year, month, day)}"


class ContactForm(FormActions, DialogScreen[int | None]):
    """Add a contact (`contact_id=None`) or edit one; dismisses with its id or None."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel", show=False)]

    DEFAULT_CSS = "ContactForm .row > Select { width: 1fr; }"

    def __init__(self, contact_id: int | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        """The contact being edited, or None to add a new one."""
        self._values: dict[str, str] = {}
        self._circle: str | None = None
        self._load_error = ""
        self._heading = self._load()
        """Read here, not in compose: a database failure is then the key's (a notice, from
        ConnectApp.run_action) and no dialog opens half-filled."""
        self._circles = [circle.name for circle in people.circles()]

    def _load(self) -> str:
        """Read the contact being edited into the fields; returns the dialog's title."""
        if self.contact_id is None:
            return "Add a contact"
        try:
            contact = people.get_contact(self.contact_id)
        except UserError as error:
            self._load_error = str(error)
            return f"Edit contact #{self.contact_id}"
        self._values = {
            "name": contact.name, "nicknames": contact.nicknames, "how_met": contact.how_met,
            "why_care": contact.why_care, "notes": contact.notes, "address": contact.address,
            "window": f"{contact.ideal_days}/{contact.max_days}" if contact.ideal_days else "",
        }
        birthday = people.birthday_of(self.contact_id)
        if birthday is not None:
            self._values["birthday"] = birthday_text(birthday.year, birthday.month, birthday.day)
        self._circle = contact.circle.name if contact.circle_id else None
        return f"Edit {printable(contact.name)}"

    def _field(self, field_id: str, label: str, placeholder: str) -> Horizontal:
        return Horizontal(
            Label(label),
            TextInput(self._values.get(field_id, ""), placeholder=placeholder, id=field_id,
                  compact=True),
            classes="row hinted" if field_id == "birthday" else "row",
        )

    def compose(self) -> ComposeResult:
        title, names = self._heading, self._circles
        options = [(Content(printable(name)), name) for name in names]
        with Vertical(id="dialog"):
            yield Label(Content(title), id="title")
            for field in _BEFORE_CIRCLE:
                yield self._field(*field)
                if field[0] == "birthday":
                    yield Label(id="birthday-hint", classes="hint")
            yield Horizontal(
                Label("Circle"),
                Select(options, prompt="no circle", allow_blank=True, id="circle", compact=True,
                       value=self._circle if self._circle in names else Select.NULL),
                classes="row",
            )
            for field in _AFTER_CIRCLE:
                yield self._field(*field)
            yield Label(id="error")
            yield Label("enter save · tab next field · esc cancel", id="keys")
            yield DialogButtons()

    def on_mount(self) -> None:
        self._show_birthday_hint()
        self.query_one("#error", Label).update(Content(printable(self._load_error)))
        self.query_one("#name", Input).focus()

    @on(Input.Changed, "#birthday")
    def _show_birthday_hint(self) -> None:
        text = self.query_one("#birthday", Input).value
        self.query_one("#birthday-hint", Label).update(Content(printable(birthday_hint(text))))

    def _text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def action_save(self) -> None:
        """Store what the fields say, all or nothing; a UserError keeps the dialog open."""
        error = self.query_one("#error", Label)
        error.update("")
        select = self.query_one("#circle", Select)
        circle = None if select.is_blank() else str(select.value)
        try:
            birthday_field = self._text("birthday")
            birthday = typed_dates.parse_yearly(birthday_field) if birthday_field.strip() else None
            ideal, maximum = people.parse_window(self._text("window"))
            fields = {
                "name": self._text("name"), "nicknames": self._text("nicknames"),
                "how_met": self._text("how_met"), "why_care": self._text("why_care"),
                "notes": self._text("notes"), "address": self._text("address"),
                "ideal_days": ideal, "max_days": maximum,
            }
            # The command stores it with what undoes it (`u`), in one transaction.
            if self.contact_id is None:
                contact_id = contacts.add_contact(circle=circle, birthday=birthday, **fields).id
            else:
                contacts.edit_contact(self.contact_id, circle=circle, birthday=birthday,
                                      **fields)
                contact_id = self.contact_id
        except (UserError, *DB_ERRORS) as problem:
            error.update(Content(printable(str(problem))))
            return
        self.dismiss(contact_id)
