"""The occasion dialog (`o`): a yearly date for a contact, with its lead time.

Why it looks like this: the kind is picked with one key (b/a/c) on a ChoiceToggle, which has
no submit of its own, so `enter` anywhere in the dialog saves: a screen binding catches it on
the toggles and Input.Submitted catches it in the text fields (an Input handles its own
`enter`, so the two never both fire). The date's year is optional, and a live hint shows how
it was read and, for Feb 29, which day it is marked in common years. Checks that need the
product's rules (a custom occasion needs a name, lead time 0-90) are the core's; the dialog
only turns the lead text into a number. Dismisses with the new occasion's id, or None.

An anniversary may be shared: "shared with" names the other contact (as the log dialog's Who
does: a whole name, a nickname, or a start only one contact has), a live hint says who that
is, and the date is stored once with them as its partner, so it shows on both briefings. A
name that is nobody's, or several people's, stays in `#error` and nothing is stored. The
field is last, so the tab order of the other fields is the same for every kind.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label

from connecttui.core import occasions, people, typed_dates
from connecttui.core.commands import plans
from connecttui.core.errors import Ambiguous, NotFound, UserError
from connecttui.core.store.db import DB_ERRORS
from connecttui.core.text import printable
from connecttui.tui.modals.form_base import (
    DialogButtons,
    DialogScreen,
    FormActions,
    NameHints,
    contact_title,
    dialog_size,
)
from connecttui.tui.widgets.choice import ChoiceToggle

KINDS = ["birthday", "anniversary", "custom"]
FEB29 = ["feb28", "mar1"]
_FEB29_WORDS = {"feb28": "Feb 28", "mar1": "Mar 1"}


def read_lead(text: str) -> int:
    """Days of lead time from the field; empty means none. The range is the core's rule,
    repeated here only so the message names the field."""
    text = text.strip().lower().removesuffix("d").strip()
    if not text:
        return 0
    if not text.isdigit() or int(text) > 90:
        raise UserError(f'lead time is a number of days from 0 to 90, not "{text}"')
    return int(text)


def error_text(error: UserError) -> str:
    """The reason, with the names it could be (or the closest ones) when there are some."""
    text = str(error)
    if isinstance(error, Ambiguous | NotFound) and error.candidates:
        text += ": " + ", ".join(error.candidates[:5])
    return text


def shared_with(text: str) -> int | None:
    """The contact an anniversary is shared with: None for an empty field; a name that is
    nobody's or several people's raises NotFound or Ambiguous."""
    if not text.strip():
        return None
    return people.find_contact(text).id


def with_hint(text: str) -> str:
    """"→ shared with Sam Taylor", or why the name can't be read (said in `#error` on save)."""
    if not text.strip():
        return "one date for the two of them, shown on both"
    try:
        return f"→ shared with {people.find_contact(text).name}"
    except UserError as error:
        return f"? {error_text(error)}"


def date_hint(text: str, feb29: str) -> str:
    """"10 Dec 1815", "10 Dec, no year", a Feb 29 note, or why the text can't be read."""
    if not text.strip():
        return "year optional: 1815-12-10, 12-10, 10 dec"
    try:
        year, month, day = typed_dates.parse_yearly(text)
    except UserError as error:
        return str(error)
    shown = typed_dates.format_yearly(year, month, day) + (", no year" if year is None else "")
    if (month, day) == (2, 29):
        shown += f"; {_FEB29_WORDS[feb29]} in common years"
    return shown


class OccasionForm(FormActions, NameHints, DialogScreen[int | None]):
    """Add a birthday, anniversary or named occasion for one contact."""

    hint_group = "occasion-with"

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("enter", "save", "Save", show=False),
    ]

    DEFAULT_CSS = dialog_size("OccasionForm", 68, 24)

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        """The contact whose occasion this is."""
        self._load_error = ""
        self._heading = self._title()
        """Read here, not in compose: a database failure is then the key's (a notice, from
        ConnectApp.run_action) and no dialog opens half-filled."""
        self._offered_lead = ""
        """The default lead time last offered: replaced when the kind changes, unless the
        user has typed their own."""

    def _title(self) -> str:
        title, self._load_error = contact_title(self.contact_id, "Occasion for")
        return title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(self._heading), id="title")
            yield Horizontal(Label("Kind (b/a/c)"), ChoiceToggle(KINDS, id="kind"),
                             classes="row")
            yield Horizontal(
                Label("Date"),
                Input(placeholder="1815-12-10, 12-10, 10 dec", id="date", compact=True),
                classes="row hinted",
            )
            yield Label(id="date-hint", classes="hint")
            yield Horizontal(
                Label("Name (for custom)"),
                Input(placeholder="name day", id="label", compact=True),
                classes="row",
            )
            yield Horizontal(Label("Feb 29 in common years:"), ChoiceToggle(FEB29, id="feb29"),
                             classes="row")
            yield Horizontal(
                Label("Lead time (days)"),
                Input(placeholder="0-90", id="lead", compact=True),
                classes="row",
            )
            yield Horizontal(
                Label("Shared with"),
                Input(placeholder="a contact, optional", id="with", compact=True),
                classes="row hinted shared",
            )
            yield Label(with_hint(""), id="with-hint", classes="hint shared", markup=False)
            yield Label(id="error")
            yield Label("enter save · tab next field · b/a/c kind · esc cancel", id="keys")
            yield DialogButtons()

    def on_mount(self) -> None:
        self._show_date_hint()
        self._show_shared()
        self._offer_lead()
        self.query_one("#error", Label).update(Content(printable(self._load_error)))
        self.query_one("#kind", ChoiceToggle).focus()

    @on(Input.Changed, "#date")
    @on(ChoiceToggle.Changed, "#feb29")
    def _show_date_hint(self) -> None:
        text = self.query_one("#date", Input).value
        feb29 = self.query_one("#feb29", ChoiceToggle).value
        self.query_one("#date-hint", Label).update(Content(printable(date_hint(text, feb29))))

    @on(ChoiceToggle.Changed, "#kind")
    def _offer_lead(self) -> None:
        """The lead time starts at the kind's default ([lead_times] in the settings) and
        follows the kind until the user types their own."""
        lead = self.query_one("#lead", Input)
        default = str(occasions.default_lead_days(self.query_one("#kind", ChoiceToggle).value))
        if lead.value in ("", self._offered_lead):
            lead.value = default
        self._offered_lead = default

    @on(ChoiceToggle.Changed, "#kind")
    def _show_shared(self) -> None:
        """Only an anniversary asks who it is shared with."""
        anniversary = self.query_one("#kind", ChoiceToggle).value == "anniversary"
        for widget in self.query(".shared"):
            widget.display = anniversary

    @on(Input.Changed, "#with")
    def _with_changed(self, event: Input.Changed) -> None:
        self.show_name_hint("#with-hint", with_hint, event.value)

    def action_save(self) -> None:
        """Store the occasion; a UserError keeps the dialog open with the reason."""
        error = self.query_one("#error", Label)
        error.update("")
        kind = self.query_one("#kind", ChoiceToggle).value
        try:
            year, month, day = typed_dates.parse_yearly(self.query_one("#date", Input).value)
            partner_id = None
            if kind == "anniversary":
                partner_id = shared_with(self.query_one("#with", Input).value)
            occasion = plans.add_occasion(  # with what undoes it (`u`)
                self.contact_id,
                kind,
                month,
                day,
                year=year,
                label=self.query_one("#label", Input).value,
                feb29=self.query_one("#feb29", ChoiceToggle).value,
                lead_days=read_lead(self.query_one("#lead", Input).value),
                partner_id=partner_id,
            )
        except (UserError, *DB_ERRORS) as problem:
            error.update(Content(printable(error_text(problem))))
            return
        self.dismiss(occasion.id)
