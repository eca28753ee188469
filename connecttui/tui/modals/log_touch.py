"""The log dialog (`l`): kind in one key, a note, enter. Who, who started and when are a
tab away. `l` `c` `enter` logs a call with the highlighted contact just now."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from connecttui.core import clock, people, typed_dates
from connecttui.core.commands import timeline
from connecttui.core.errors import Ambiguous, FutureTouch, NotFound, UserError
from connecttui.core.store.db import DB_ERRORS
from connecttui.core.text import printable
from connecttui.tui.frames import SteadyFrames, UndimmedDialog
from connecttui.tui.modals.form_base import DialogButtons, FormActions, NameHints
from connecttui.tui.widgets.choice import ChoiceToggle
from connecttui.tui.widgets.kinds import KIND_KEYS, KindPicker
from connecttui.tui.widgets.text_input import TextInput


def who_hint(text: str) -> str:
    """How each name of the who field is read: "→ Ada Lovelace · ? no contact matches"."""
    parts = []
    for name in [p.strip() for p in text.split(",") if p.strip()]:
        try:
            parts.append(people.find_contact(name).name)
        except UserError as error:
            parts.append(f"? {_error_text(error)}")
    return "→ " + " · ".join(parts)


def _error_text(error: UserError) -> str:
    text = str(error)
    if isinstance(error, Ambiguous | NotFound) and error.candidates:
        text += ": " + ", ".join(error.candidates[:5])
    return printable(text)


class LogTouch(UndimmedDialog, SteadyFrames, FormActions, NameHints, ModalScreen[int | None]):
    """Log one touch with one or more people; dismisses with the new touch's id."""

    hint_group = "log-who"  # read-only: quitting may abandon it (ConnectApp)

    AUTO_FOCUS = "#kind"

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", id="log.cancel"),
        Binding("enter", "save", "Save", id="log.save"),
    ]
    DEFAULT_CSS = """
    LogTouch { align: center middle; background: transparent; }
    LogTouch > Vertical {
        width: 76; height: auto; border: thick $accent; background: $surface; padding: 0 1;
    }
    LogTouch #log-title { text-style: bold; width: 1fr; margin-bottom: 1; }
    LogTouch .row { height: auto; }
    LogTouch .kind-row { height: 2; margin-bottom: 1; }
    LogTouch .field { width: 10; color: $text-muted; }
    LogTouch Input { width: 1fr; border: none; height: 1; padding: 0 1; background: $boost; }
    LogTouch Input:focus { background: $accent 25%; border: none; }
    LogTouch .hint { color: $text-muted; height: 1; padding-left: 11; }
    LogTouch #error { color: $error; height: auto; }
    LogTouch #keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(
        self,
        contact_ids: list[int],
        names: list[str],
        kind: str | None = None,
        *,
        focus: str | None = None,
    ) -> None:
        super().__init__()
        self.contact_ids = contact_ids
        self.initial_who = ", ".join(names)
        self.initial_kind = kind
        """A kind picked in advance ("intro" from an introduction): the note gets the focus."""
        self.initial_focus = focus or ("note" if kind else None)
        """The field to start on: "note" when the kind is given, "who" for "Introduce…"."""
        if self.initial_focus == "who":
            self.initial_who += ", "  # ready for the next name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Log a touch", id="log-title")
            with Horizontal(classes="row kind-row"):
                yield Label("Kind", classes="field")
                yield KindPicker(id="kind")
            with Horizontal(classes="row"):
                yield Label("Note", classes="field")
                # Not select_on_focus: letters typed ahead (`l` `c` *note*, fast) land before
                # the focus event, which would select them for the next letter to replace.
                yield Input(placeholder="what happened (optional)", id="note",
                            select_on_focus=False)
            with Horizontal(classes="row"):
                yield Label("Who", classes="field")
                yield TextInput(self.initial_who, placeholder="names, comma-separated", id="who",
                            select_on_focus=self.initial_focus != "who")
            yield Label("", id="who-hint", classes="hint")
            with Horizontal(classes="row"):
                yield Label("Started", classes="field")
                yield ChoiceToggle(["out", "in", "both"], "out", id="initiator")
            with Horizontal(classes="row"):
                yield Label("When", classes="field")
                yield Input("now", placeholder="now, yesterday, 2d ago, last fri", id="when")
            yield Label("", id="when-hint", classes="hint")
            yield Label("", id="error")
            yield Label(
                "letter picks the kind · enter save · tab next field · esc cancel", id="keys"
            )
            yield DialogButtons()

    def on_mount(self) -> None:
        self._show_when(self.query_one("#when", Input).value)
        if self.initial_kind is not None:
            self.query_one("#kind", KindPicker).kind = self.initial_kind
        if self.initial_focus is not None:
            self.query_one(f"#{self.initial_focus}", Input).focus()

    @on(KindPicker.Picked)
    def _kind_picked(self) -> None:
        self.query_one("#error", Label).update("")

    def on_key(self, event: events.Key) -> None:
        """Keys typed before the dialog has focus (`l` `c` `enter` typed fast) still count:
        the first kind letter picks the kind, the rest goes into the note."""
        picker = self.query_one("#kind", KindPicker)
        if self.focused not in (None, picker) or not event.is_printable:
            return
        event.stop()
        if picker.kind is None and picker.pick(event.character or ""):
            self.set_focus(self.query_one("#note", Input))
        elif picker.kind is not None:
            note = self.query_one("#note", Input)
            self.set_focus(note)
            note.insert_text_at_cursor(event.character or "")

    @on(Input.Changed, "#when")
    def _when_changed(self, event: Input.Changed) -> None:
        self._show_when(event.value)

    def _show_when(self, text: str) -> None:
        hint = self.query_one("#when-hint", Label)
        try:
            moment = typed_dates.parse_when(text, clock.now())
        except UserError as error:
            hint.update(Content(printable(str(error))))
            return
        later = " (in the future)" if moment > clock.now().add(minutes=1) else ""
        hint.update(Content("→ " + moment.format("ddd D MMM YYYY, HH:mm") + later))

    @on(Input.Changed, "#who")
    def _who_changed(self, event: Input.Changed) -> None:
        if event.value == self.initial_who:
            self.query_one("#who-hint", Label).update("")
            return
        self.show_name_hint("#who-hint", who_hint, event.value)

    def action_save(self, future: bool = False) -> None:
        """Store the touch (one transaction) or say what is wrong and store nothing. A touch
        dated later than now is stored only once the user has confirmed it is meant."""
        kind = self.query_one("#kind", KindPicker).kind
        error = self.query_one("#error", Label)
        if kind is None:
            keys = ", ".join(f"{key} {name}" for key, name in KIND_KEYS.items())
            error.update(f"Pick a kind first: {keys}.")
            self.query_one("#kind", KindPicker).focus()
            return
        who = self.query_one("#who", Input).value
        try:
            if who == self.initial_who and self.contact_ids:
                ids = self.contact_ids
            else:
                ids = [c.id for c in people.find_contacts(who.split(","))]
            at = typed_dates.parse_when(self.query_one("#when", Input).value, clock.now())
            touch = timeline.log_touch(  # the touch and what undoes it (`u`)
                ids, kind, at=at, initiator=self.query_one("#initiator", ChoiceToggle).value,
                note=self.query_one("#note", Input).value.strip(), future=future,
            )
        except FutureTouch as problem:
            self._confirm_future(problem)
            return
        except (UserError, *DB_ERRORS) as problem:
            error.update(Content(_error_text(problem)))
            return
        self.dismiss(touch.id)

    def _confirm_future(self, problem: FutureTouch) -> None:
        """A touch is logged once it has happened: ask before storing one dated later."""
        from connecttui.tui.modals.confirm import Confirm

        def answered(yes: bool | None) -> None:
            if yes:
                self.action_save(future=True)
            else:
                self.query_one("#when", Input).focus()

        self.app.push_screen(Confirm(
            f"Log a touch on {problem.when}, in the future?",
            "A touch is logged once it has happened; it would reset the keep-in-touch "
            "window until then. A planned meeting belongs in an open loop (p on the main "
            "screen), which comes up on its day.", yes_label="Log it"), answered)
