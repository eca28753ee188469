"""The commitment dialog (`a` on the review's Commitments step): who, and what.

Why it looks like this: a commitment is usually a person ("see Ada"), so the cursor starts on
who, matched by name as everywhere (`ada`, `lovelace`), with a live hint saying who it reads;
`enter` with only a name commits to getting in touch. `tab` reaches what, which can also
stand alone ("sort the photos"): only a commitment with a person becomes an open loop. Nothing
is stored here: the review saves its commitments all at once. Dismisses with a Pending, or
None on `escape`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label

from connecttui.core import people
from connecttui.core.errors import Ambiguous, NotFound, UserError
from connecttui.core.store.db import DB_ERRORS
from connecttui.core.text import printable
from connecttui.tui.modals.form_base import (
    DialogButtons,
    DialogScreen,
    FormActions,
    NameHints,
    dialog_size,
)

DEFAULT_TEXT = "get in touch"
"""What a commitment with only a person means (the core stores the same words)."""


@dataclass(frozen=True)
class Pending:
    """A commitment not saved yet."""

    contact_id: int | None
    name: str
    text: str

    @property
    def label(self) -> str:
        if not self.name:
            return self.text
        return f"{self.name}: {self.text or DEFAULT_TEXT}"


def who_hint(text: str) -> str:
    """Who the name reads as: "→ Ada Lovelace", or why it can't be read."""
    if not text.strip():
        return ""
    try:
        return "→ " + people.find_contact(text).name
    except UserError as error:
        return "? " + _problem(error)


def _problem(error: UserError) -> str:
    text = str(error)
    if isinstance(error, Ambiguous | NotFound) and error.candidates:
        text += ": " + ", ".join(error.candidates[:5])
    return printable(text)


class CommitmentForm(FormActions, NameHints, DialogScreen[Pending | None]):
    """One commitment for next week: a person, some words, or both."""

    hint_group = "commitment-who"

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel", show=False)]
    DEFAULT_CSS = dialog_size("CommitmentForm", 70, 8)
    AUTO_FOCUS = "#who"

    def __init__(self, number: int = 1) -> None:
        super().__init__()
        self.number = number
        """Which commitment this is (1 to 3), for the title."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Commitment {self.number} for next week", id="title")
            yield Horizontal(Label("Who"), Input(placeholder="a name (optional)", id="who",
                                                 compact=True), classes="row hinted")
            yield Label(id="who-hint", classes="hint")
            yield Horizontal(Label("What"), Input(
                placeholder=f"call, send the book… (empty: {DEFAULT_TEXT})", id="what",
                compact=True), classes="row hinted")
            yield Label(" ", classes="hint")
            yield Label(id="error")
            yield Label("enter add · tab next field · esc cancel", id="keys")
            yield DialogButtons("Add")

    @on(Input.Changed, "#who")
    def _who_changed(self, event: Input.Changed) -> None:
        self.show_name_hint("#who-hint", who_hint, event.value)

    def action_save(self) -> None:
        """Read who (one contact) and what; say what is wrong and stay open on a mistake."""
        who = self.query_one("#who", Input).value.strip()
        what = " ".join(self.query_one("#what", Input).value.split())
        error = self.query_one("#error", Label)
        if not who and not what:
            error.update("A commitment needs a person or a few words.")
            return
        contact_id, name = None, ""
        if who:
            try:
                contact = people.find_contact(who)
            except (UserError, *DB_ERRORS) as problem:
                error.update(Content(_problem(problem)))
                return
            contact_id, name = contact.id, contact.name
        self.dismiss(Pending(contact_id, name, what))
