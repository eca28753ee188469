"""Search as you type (`/`): contacts, notes and touches; enter jumps to the contact."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label
from textual.worker import get_current_worker

from connecttui.core import search
from connecttui.core.store.db import reading
from connecttui.core.text import one_line
from connecttui.tui.blur import is_blurred, mask
from connecttui.tui.frames import SteadyFrames
from connecttui.tui.modals.form_base import DialogButtons
from connecttui.tui.widgets.rowlist import RowList, fit


class SearchResults(RowList):
    empty_text = "Type to search names, nicknames, notes and touches."

    def row_key(self, row: search.Hit) -> Any:
        return (row.kind, row.contact_id, row.touch_id)

    def cells(self, row: search.Hit, width: int) -> list[tuple[str, str | None]]:
        mark = "person" if row.kind == "contact" else "touch "
        name = fit(one_line(row.contact_name), 22)
        return [
            (f" {mark} ", "rowlist--dim"),
            (name + " ", "rowlist--accent"),
            (fit(mask(one_line(row.text), is_blurred(self)), max(width - 31, 0)), None),
        ]


class SearchScreen(SteadyFrames, ModalScreen[search.Hit | None]):
    """Dismisses with the chosen hit, or None."""

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", id="search.cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]
    DEFAULT_CSS = """
    SearchScreen { align: center top; }
    SearchScreen > Vertical {
        width: 90%; max-width: 110; height: 70%; min-height: 18; margin-top: 3;
        border: thick $accent; background: $surface;
    }
    SearchScreen Input { margin: 0 0 1 0; }
    SearchScreen #search-status { color: $text-muted; padding: 0 1; }
    SearchScreen DialogButtons { padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder="search contacts, notes and touches", id="query")
            yield SearchResults(id="results")
            yield Label("↑↓ choose · enter jump to the contact · esc close", id="search-status")
            yield DialogButtons("Open", "Close")

    def on_mount(self) -> None:
        self.query_one("#results", SearchResults).can_focus = False
        self.query_one("#query", Input).focus()

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, text: str) -> None:
        with reading():
            hits = search.search(text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, text, hits)

    def _show(self, text: str, hits: list[search.Hit]) -> None:
        if not self.is_attached or self.query_one("#query", Input).value != text:
            return
        self.query_one("#results", SearchResults).set_rows(hits)
        status = f"{len(hits)} match{'es' if len(hits) != 1 else ''}" if text.strip() else ""
        self.query_one("#search-status", Label).update(
            f"{status}  ↑↓ choose · enter jump to the contact · esc close".strip()
        )

    def action_move(self, step: int) -> None:
        results = self.query_one("#results", SearchResults)
        results.move_to(results.cursor + step)

    @on(Input.Submitted)
    def action_save(self) -> None:
        """`enter`, or the Open button: jump to the highlighted hit."""
        hit = self.query_one("#results", SearchResults).current
        if hit is not None:
            self.dismiss(hit)

    @on(RowList.Selected)
    def _chosen(self, event: RowList.Selected) -> None:
        self.dismiss(event.row)

    def action_cancel(self) -> None:
        self.dismiss(None)
