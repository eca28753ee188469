"""The pane switcher of a narrow terminal: "1 Contacts · 2 Timeline · 3 Upcoming" with the
shown pane highlighted.

Why: below 100 columns three panes side by side leave each too thin to read, so the main
screen shows one at a time; this strip says which one and that `1` `2` `3` (or a click on
a name) shows another. It is only displayed in the narrow layout (app.tcss).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

PANES = (("contacts", "1 Contacts"), ("timeline", "2 Timeline"), ("upcoming", "3 Upcoming"))
"""(list id, tab text) of the main screen's three panes, in key order."""


class PaneTab(Label):
    """One name in the strip; a click shows and focuses its pane."""

    def __init__(self, pane: str, text: str) -> None:
        super().__init__(text, id=f"tab-{pane}", markup=False)
        self.pane = pane

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.screen.action_focus_pane(self.pane)


class PaneTabs(Horizontal):
    """The strip; `show(pane)` moves the highlight."""

    DEFAULT_CSS = """
    PaneTabs { height: 1; width: 100%; padding: 0 1; background: $panel; }
    PaneTabs > PaneTab { padding: 0 1; color: $text-muted; }
    PaneTabs > PaneTab.-current { background: $accent 40%; color: $foreground; text-style: bold; }
    PaneTabs > PaneTab:hover { text-style: underline; }
    """

    def compose(self) -> ComposeResult:
        for pane, text in PANES:
            yield PaneTab(pane, text)

    def show(self, pane: str) -> None:
        for tab in self.query(PaneTab):
            tab.set_class(tab.pane == pane, "-current")
