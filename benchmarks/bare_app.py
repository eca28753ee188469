"""The floor for the TUI figures: a bare Textual app (Header, a 10-row DataTable, Footer).

    python benchmarks/bare_app.py

Spawn to its first frame and `q` to the process gone are what connecttui's start-up and quit
are read against, measured in the same run by benchmarks/tui_speed.py. It imports nothing but
Textual and opens no database.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header


class BareApp(App):
    BINDINGS = [Binding("q", "quit", "quit")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("name", "circle", "last touch")
        for number in range(10):
            table.add_row(f"bare row {number}", "friends", f"{number}d")
        table.focus()


if __name__ == "__main__":
    BareApp().run()
