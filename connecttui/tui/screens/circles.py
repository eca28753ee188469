"""Circles (palette: "Circles"): name them, give each a window, rest one, put them in order.

`a` adds a circle and `e` (or `enter`) edits the highlighted one in the same small dialog;
`d` deletes it after a confirmation that says how many contacts lose their circle (they keep
everything else); `K` and `J` move it up and down. The contact form's circle list follows
this order, and the main screen reloads when this screen closes. Reads run in a thread
worker, like the main screen's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from connecttui.core import circles
from connecttui.core.errors import UserError
from connecttui.core.store.db import reading
from connecttui.core.text import one_line
from connecttui.tui.failures import guard, guarded
from connecttui.tui.frames import SteadyFrames
from connecttui.tui.widgets.footer import QuietFooter
from connecttui.tui.widgets.rowlist import RowList, fit
from connecttui.tui.widgets.topbar import TopBar


@dataclass
class CirclesLoaded(Message):
    rows: list[Any]
    select: int | None = None


def _contacts(count: int) -> str:
    return f"{count} contact{'' if count == 1 else 's'}"


class CircleList(RowList):
    """The name, the window ("14-30d" or "no window"), "resting", how many contacts."""

    empty_text = "No circles yet: press a to add one."

    def cells(self, row, width: int) -> list[tuple[str, str | None]]:
        name_width = min(max(width // 3, 12), 30)
        return [
            (" " + fit(one_line(row.name), name_width) + "  ", None),
            (fit(row.window, 11), "rowlist--dim" if row.ideal_days is None else None),
            (fit("resting" if row.resting else "", 9), "rowlist--accent"),
            (fit(_contacts(row.contacts), max(width - name_width - 23, 0)), "rowlist--dim"),
        ]


class CirclesScreen(SteadyFrames, Screen):
    """Every circle, in order."""

    BINDINGS: ClassVar = [
        Binding("escape,backspace", "app.pop_screen", "back", id="circles.back",
                tooltip="Back to the main screen"),
        Binding("a", "add", "add", id="circles.add", tooltip="Add a circle"),
        Binding("e", "edit", "edit", id="circles.edit",
                tooltip="Edit the highlighted circle: name, window, resting (also enter)"),
        Binding("d", "delete", "delete", id="circles.delete",
                tooltip="Delete the highlighted circle, after a confirmation; its contacts "
                        "stay, with no circle"),
        Binding("K", "move(-1)", "up", key_display="K", id="circles.up",
                tooltip="Move the highlighted circle up"),
        Binding("J", "move(1)", "down", key_display="J", id="circles.down",
                tooltip="Move the highlighted circle down"),
    ]
    DEFAULT_CSS = """
    CirclesScreen #circles-pane {
        border: round $accent; border-title-color: $accent; margin: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Vertical(id="circles-pane"):
            yield CircleList(id="circles")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#circles-pane").border_title = "Circles"
        self.query_one("#circles", CircleList).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="circles", exit_on_error=False)
    def reload(self, select: int | None = None) -> None:
        with reading():
            rows = circles.circle_rows()
        if not get_current_worker().is_cancelled:
            self.post_message(CirclesLoaded(rows, select))

    @on(CirclesLoaded)
    def _loaded(self, message: CirclesLoaded) -> None:
        self.query_one("#circles", CircleList).set_rows(message.rows, keep_key=message.select)
        self.query_one("#circles-pane").border_title = f"Circles ({len(message.rows)})"

    @property
    def current(self):
        return self.query_one("#circles", CircleList).current

    def _saved(self, circle_id: int | None, message: str) -> None:
        if circle_id is not None:
            self.notify(message)
            self.reload(circle_id)

    def action_add(self) -> None:
        from connecttui.tui.modals.circle import CircleForm

        self.app.push_screen(CircleForm(), lambda result: self._saved(result, "Circle added."))

    def action_edit(self) -> None:
        from connecttui.tui.modals.circle import CircleForm

        row = self.current
        if row is None:
            self.notify("No circle to edit: press a to add one.", severity="warning")
            return
        self.app.push_screen(CircleForm(row.id),
                             lambda result: self._saved(result, "Circle saved."))

    @on(RowList.Selected, "#circles")
    @guarded  # a message, not an action: the circle it opens on is read here
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.action_edit()

    def action_move(self, step: int) -> None:
        row = self.current
        if row is None:
            return
        from connecttui.core.commands import circles as commands

        try:
            commands.move_circle(row.id, step)
        except UserError as error:
            self.notify(one_line(str(error)), severity="error", markup=False)
        self.reload(row.id)

    def action_delete(self) -> None:
        from connecttui.tui.modals.confirm import Confirm

        row = self.current
        if row is None:
            return
        if row.contacts:
            detail = (f"{_contacts(row.contacts)} lose{'s' if row.contacts == 1 else ''} "
                      "their circle; they keep all their history.")
        else:
            detail = "No one is in it."

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            from connecttui.core.commands import circles as commands

            try:
                moved = commands.delete_circle(row.id)
            except UserError as error:
                self.notify(one_line(str(error)), severity="error", markup=False)
            else:
                self.notify(f"Circle deleted; {_contacts(moved)} now without a circle "
                            "(u on the main screen undoes it).", markup=False)
            self.reload()

        self.app.push_screen(Confirm(f"Delete the circle {one_line(row.name)}?", detail),
                             guard(self, confirmed))
