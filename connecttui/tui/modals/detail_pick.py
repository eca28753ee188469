"""The detail picker (`d` in the briefing): choose a fact, family member or gift to edit
or delete.

Why a picker: the briefing card is one block of text with no cursor, so "the highlighted
fact" needs a list to highlight it in. The list is core/detail_list.py's, the same numbering
as the CLI's `--list`. `e` (or `enter`) edits the highlighted item in the dialog that added
it, filled in; `d` deletes it after a confirmation (the briefing asks); `escape` closes.
Nothing is changed here: the picker dismisses with what to do, and the briefing calls the
core command, which records the undo (`u`).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from connecttui.core import clock, detail_list
from connecttui.core.text import printable
from connecttui.tui.blur import MASK, is_blurred
from connecttui.tui.modals.form_base import DialogScreen, contact_title, dialog_size

LABELS = {"fact": "fact", "family": "family", "gift": "gift"}


class DetailPicker(DialogScreen[tuple[str, detail_list.Detail] | None]):
    """Dismisses with ("edit" | "delete", the detail), or None on `escape`."""

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("e,enter", "choose('edit')", "Edit", show=False, priority=True),
        Binding("d", "choose('delete')", "Delete", show=False, priority=True),
    ]

    DEFAULT_CSS = dialog_size("DetailPicker", 72) + """
    DetailPicker OptionList { height: auto; max-height: 16; }
    DetailPicker #keys { margin-top: 1; }
    """

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self._title, _ = contact_title(contact_id, "Facts, family and gifts of")
        self.details = detail_list.details_of(contact_id, clock.today())
        """Read before the dialog opens, like the other dialogs."""

    def compose(self) -> ComposeResult:
        blurred = is_blurred(self)  # privacy blur: the numbers and kinds stay, the words go
        with Vertical(id="dialog"):
            yield Label(Content(self._title), id="title")
            if self.details:
                yield OptionList(*[
                    Option(Content(f"{number:>2}  {LABELS[d.kind]:<7} "
                                   f"{MASK if blurred else printable(d.text)}"),
                           id=f"{d.kind}-{d.id}")
                    for number, d in enumerate(self.details, 1)], id="details")
            else:
                yield Label("Nothing yet: f adds a fact, m a family member, g a gift.",
                            id="empty")
            yield Label("e or enter edit · d delete · esc close", id="keys", markup=False)

    def on_mount(self) -> None:
        if self.details:
            options = self.query_one("#details", OptionList)
            options.highlighted = 0
            options.focus()

    def action_choose(self, what: str) -> None:
        if not self.details:
            return
        index = self.query_one("#details", OptionList).highlighted
        if index is None:
            return
        self.dismiss((what, self.details[index]))

    def action_cancel(self) -> None:
        self.dismiss(None)
