"""The first start: on an empty database the main screen shows this instead of three empty
panes, with the three ways in, each one key (and a button for the mouse).

Why its own widget with its own bindings: `i` and `D` mean something only here, so they
are bound on this widget and live only while it is shown and focused; once a contact
exists the main screen hides it and the keys are free again.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label

WAYS = (
    ("a", "Add a person", "screen.add", "a name is enough; the rest can wait"),
    ("i", "Import a file", "screen.import_file",
     "vCards from your phone, a Google CSV or a Monica export"),
    ("D", "Open the demo", "screen.open_demo",
     "a sample network in a throwaway database: your own stays untouched"),
)
"""(key, label, action, what it does) of each way in; `a` is the main screen's own key."""


class WayButton(Button, can_focus=False):
    """One way in, for the mouse: the key does the same, so it never takes the focus."""


class Welcome(Vertical, can_focus=True):
    """The three ways in; focused while shown so its keys reach it."""

    BINDINGS: ClassVar = [
        Binding("i", "screen.import_file", "import", id="welcome.import",
                tooltip="Import a file: vCards, a Google CSV, a Monica export"),
        Binding("D", "screen.open_demo", "demo", id="welcome.demo",
                tooltip="Open the demo in a throwaway database; yours is untouched"),
    ]
    DEFAULT_CSS = """
    Welcome { align: center middle; height: 1fr; background: $surface; }
    Welcome > #welcome-box {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 2;
    }
    Welcome:focus > #welcome-box { border: round $accent; }
    Welcome #welcome-title { text-style: bold; color: $accent; width: 100%; margin-bottom: 1; }
    Welcome .way { width: 100%; height: 1; }
    Welcome .way > .key { width: 4; }
    Welcome .why { color: $text-muted; width: 100%; padding-left: 4; margin-bottom: 1; }
    Welcome WayButton { min-width: 0; width: auto; padding: 0 1; }
    Welcome #welcome-status { color: $warning; width: 100%; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome-box"):
            yield Label("No one here yet. Three ways in, one key each:", id="welcome-title")
            for key, label, action, why in WAYS:
                with Horizontal(classes="way"):
                    yield Label(Content.styled(key, "bold $accent"), classes="key")
                    yield WayButton(label, id=f"way-{key.lower()}", compact=True, action=action)
                yield Label(why, classes="why", markup=False)
            yield Label("", id="welcome-status", markup=False)

    def busy(self, text: str) -> None:
        """Say what is happening (opening the demo takes a few seconds)."""
        self.query_one("#welcome-status", Label).update(text)
        for button in self.query(WayButton):
            button.disabled = bool(text)
