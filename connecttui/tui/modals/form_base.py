"""What every small dialog shares: the look of a centred box with labelled rows (one
stylesheet, `DialogScreen`), Save and Cancel for the mouse, `enter` and `escape`, and the
contact's name in the title (which may have gone meanwhile: the dialog still opens and says
so, and saving then fails with the same clear message)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import Button, Input, Label

from connecttui.core import people
from connecttui.core.errors import UserError
from connecttui.core.store.db import reading
from connecttui.core.text import printable
from connecttui.tui.frames import SteadyFrames, UndimmedDialog


class DialogButton(Button, can_focus=False):
    """A button for the mouse only: it never takes the focus, so `tab` still walks the
    fields and `enter`/`escape` still save and cancel exactly as before."""


class DialogButtons(Horizontal):
    """Save and Cancel for the mouse, docked at the foot of a dialog so they stay in view
    when a long form scrolls in a short terminal. Each runs the screen's own action (by
    default `save` and `cancel`), the very code `enter` and `escape` run."""

    DEFAULT_CSS = """
    DialogButtons {
        dock: bottom; height: 1; width: 100%; margin-top: 1; align-horizontal: right;
    }
    DialogButtons > DialogButton { margin-left: 2; min-width: 10; }
    """

    def __init__(self, save: str = "Save", cancel: str | None = "Cancel", *,
                 save_action: str = "screen.save", cancel_action: str = "screen.cancel") -> None:
        super().__init__(classes="dialog-buttons")
        self.labels = (save, cancel)
        self.actions = (save_action, cancel_action)

    def compose(self) -> ComposeResult:
        yield DialogButton(self.labels[0], variant="primary", id="save", compact=True,
                           action=self.actions[0])
        if self.labels[1] is not None:
            yield DialogButton(self.labels[1], id="cancel", compact=True,
                               action=self.actions[1])


class FormActions:
    """What every form does alike: `enter` in a text field saves (the form's `action_save`,
    which the Save button and its `enter` binding call too); `escape` and Cancel dismiss
    with nothing stored. Handlers found by name, so a plain mixin is enough."""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)


class DialogScreen(UndimmedDialog, SteadyFrames, ModalScreen[ScreenResultType]):
    """The look every small dialog shares, written once. A box (`#dialog`, 64 columns)
    centred over the screen, which it leaves undimmed (so closing it repaints only the box:
    tui/frames.py), scrolling when the terminal is too short for it, with a bold `#title`.
    Each `.row` is one line, a muted label 15 columns wide and then its field, and a blank
    line after it; a `.hinted` row has instead a muted `.hint` under its field, starting
    where the field does. Then `#error` and `#keys`.

    Why a base class: Textual gives a screen the DEFAULT_CSS of every class it inherits
    from, the subclass's own rules winning a tie, so a dialog says only what is its own (its
    size, with `dialog_size`; a widget no other dialog has). Copies in each dialog had
    drifted: two of them put a space before their toggles that the others did not. The log
    and import dialogs and search are laid out otherwise and keep their own stylesheets
    (tests/tui/test_dialog_styles.py checks both)."""

    DEFAULT_CSS = """
    DialogScreen { align: center middle; background: transparent; }
    DialogScreen #dialog {
        width: 64; height: auto; max-height: 100%; overflow-y: auto;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    DialogScreen #title { text-style: bold; width: 100%; margin-bottom: 1; }
    DialogScreen .row { height: 1; margin-bottom: 1; }
    DialogScreen .row > Label { width: 15; color: $text-muted; }
    DialogScreen .row > Input { width: 1fr; }
    DialogScreen .row > ChoiceToggle { padding: 0; }
    DialogScreen .row.hinted { margin-bottom: 0; }
    DialogScreen .hint { color: $text-muted; padding-left: 15; width: 100%; margin-bottom: 1; }
    DialogScreen #error { color: $error; width: 100%; }
    DialogScreen #keys { color: $text-muted; width: 100%; }
    """


def dialog_size(screen: str, width: int, label_width: int | None = None) -> str:
    """The CSS that sizes dialog class `screen`: its box `width` columns wide and, if given,
    its labels `label_width` wide (the hints under the fields start there too)."""
    css = f"{screen} #dialog {{ width: {width}; }}\n"
    if label_width is not None:
        css += (f"{screen} .row > Label {{ width: {label_width}; }}\n"
                f"{screen} .hint {{ padding-left: {label_width}; }}\n")
    return css


def contact_title(contact_id: int, heading: str) -> tuple[str, str]:
    """("Open loop with Ada Lovelace", "") or, when the contact is gone, a title with its
    number and the error to show."""
    try:
        name = people.get_contact(contact_id).name
    except UserError as error:
        return f"{heading} contact #{contact_id}", str(error)
    return f"{heading} {printable(name)}", ""


class NameHints:
    """Mixed into a dialog with a name field: the live hint under it ("→ Ada Lovelace",
    "? no contact matches", "→ links to the contact Sam") is worked out in a thread worker,
    because matching a name reads every contact's name, and shown only while the dialog is
    still open. Written once here for the log, family, occasion and commitment dialogs."""

    hint_group: str = "name-hint"
    """The worker group (the app lets quitting abandon the read-only ones, like "log-who")."""

    def show_name_hint(self, label_id: str, describe: Callable[[str], str], text: str) -> None:
        """Put `describe(text)` (read from the database, plain text) in the Label
        `label_id`; a newer call replaces an older one still running."""

        def work() -> None:
            with reading():
                hint = describe(text)
            self.app.call_from_thread(self._set_name_hint, label_id, printable(hint))

        self.run_worker(work, thread=True, exclusive=True, group=self.hint_group,
                        exit_on_error=False)

    def _set_name_hint(self, label_id: str, text: str) -> None:
        if self.is_attached:
            self.query_one(label_id, Label).update(Content(text))
