"""The header: the app's name (and "blurred" while the privacy blur is on), today's date, and
how many things are due today."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Label

from connecttui.core import dates
from connecttui.tui.blur import follow, is_blurred


class TopBar(Horizontal):
    """Redrawn only when the day or the due count changes: no per-second clock."""

    DEFAULT_CSS = """
    TopBar { height: 1; background: $panel; color: $foreground; dock: top; }
    TopBar > #title { width: 1fr; padding: 0 1; text-style: bold; color: $accent; }
    TopBar > #today { width: auto; }
    TopBar > #due { width: 1fr; content-align: right middle; padding: 0 1; color: $warning; }
    """

    day: reactive = reactive(None)
    due: reactive[int] = reactive(0)

    def compose(self) -> ComposeResult:
        yield Label("connecttui", id="title")
        yield Label("", id="today")
        yield Label("", id="due")

    def on_mount(self) -> None:
        self.day = dates.today()
        follow(self, self._show_blur)
        self._show_blur()

    def _show_blur(self) -> None:
        title = "connecttui · blurred" if is_blurred(self) else "connecttui"
        self.query_one("#title", Label).update(title)

    def watch_day(self, day) -> None:
        if day is not None:
            self.query_one("#today", Label).update(day.format("ddd D MMM YYYY"))

    def watch_due(self, due: int) -> None:
        self.query_one("#due", Label).update(f"● {due} due today" if due else "")
