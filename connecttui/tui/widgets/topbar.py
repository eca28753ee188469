"""The header: the app's name (with "demo" on a throwaway demo database and "blurred" while
the privacy blur is on), today's date, and how many things are due today; or, while the
PostgreSQL server can't be reached, one line that says so (tui/live.py sets it)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Label

from connecttui.core import clock
from connecttui.settings import config
from connecttui.tui.blur import follow, is_blurred


class TopBar(Horizontal):
    """Redrawn only when the day or the due count changes: no per-second clock."""

    DEFAULT_CSS = """
    TopBar { height: 1; background: $panel; color: $foreground; dock: top; }
    TopBar > #title { width: 1fr; padding: 0 1; text-style: bold; color: $accent; }
    TopBar > #today { width: auto; }
    TopBar > #due { width: 1fr; content-align: right middle; padding: 0 1; color: $warning; }
    TopBar > #offline { display: none; width: 2fr; content-align: right middle; padding: 0 1;
                        color: $error; text-style: bold; }
    TopBar.-offline > #offline { display: block; }
    TopBar.-offline > #due { display: none; }
    """

    day: reactive = reactive(None)
    due: reactive[int] = reactive(0)
    offline: reactive[str] = reactive("")
    """"offline: can't reach host:5432, retrying" while the server is away, else ""."""

    def __init__(self) -> None:
        super().__init__()
        # Set without their watchers, so mounting runs none: each is composed below.
        self.set_reactive(TopBar.day, clock.today())
        self.set_reactive(TopBar.due, 0)
        self.set_reactive(TopBar.offline, "")

    def compose(self) -> ComposeResult:
        """Composed with their text: a label updated on mount (a watcher, on_mount) made
        Textual lay out the whole screen once more before its first frame, only to find the
        label's size (10 ms at start-up, on every screen with a top bar)."""
        yield Label(self._title_text(), id="title")
        yield Label(config.format_day(self.day), id="today")
        yield Label("", id="due")
        yield Label("", id="offline", markup=False)

    def on_mount(self) -> None:
        self.offline = getattr(self.app, "offline_line", "")  # a screen opened while away
        follow(self, self.show_title)

    def watch_offline(self, line: str) -> None:
        self.query_one("#offline", Label).update(line)
        self.set_class(bool(line), "-offline")

    def _title_text(self) -> str:
        parts = ["connecttui"]
        if getattr(self.app, "demo", False):
            parts.append("demo")
        if is_blurred(self):
            parts.append("blurred")
        return " · ".join(parts)

    def show_title(self) -> None:
        """Also called when the app switches to the demo database."""
        self.query_one("#title", Label).update(self._title_text())

    def watch_day(self, day) -> None:
        if day is not None:
            self.query_one("#today", Label).update(config.format_day(day))

    def watch_due(self, due: int) -> None:
        self.query_one("#due", Label).update(f"● {due} due today" if due else "")
