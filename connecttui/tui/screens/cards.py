"""Holiday cards (palette: "Holiday cards"): who gets a card this year, ticked off as sent.

People are put on the list from their briefing (`c`); here the list is worked through:
`space` or `x` ticks a card sent (and unticks it), `d` takes someone off the list after a
confirmation. Reads run in a thread worker, like the main screen's.
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

from connecttui.core import cards, clock
from connecttui.core.commands import cards as card_commands
from connecttui.core.errors import UserError
from connecttui.core.store.db import reading
from connecttui.core.text import one_line
from connecttui.tui.blur import is_blurred, mask
from connecttui.tui.failures import guard
from connecttui.tui.frames import SteadyFrames
from connecttui.tui.widgets.footer import QuietFooter
from connecttui.tui.widgets.rowlist import RowList, fit
from connecttui.tui.widgets.topbar import TopBar


@dataclass
class CardsLoaded(Message):
    year: int
    rows: list[Any]


class CardList(RowList):
    """[x] or [ ], the name, the postal address."""

    empty_text = "No one on this year's card list yet: open a briefing (enter) and press c."

    def cells(self, row, width: int) -> list[tuple[str, str | None]]:
        name_width = min(max(width // 3, 12), 30)
        mark = " [x] " if row.sent else " [ ] "
        address = mask(one_line(row.address), is_blurred(self)) or (
            "no address: press e in their briefing")
        return [
            (mark, "rowlist--accent" if row.sent else "rowlist--dim"),
            (fit(one_line(row.name) + (" †" if row.deceased else ""), name_width) + "  ",
             None),
            (fit(address, max(width - name_width - 7, 0)),
             "rowlist--dim" if row.sent or not row.address else None),
        ]


class CardsScreen(SteadyFrames, Screen):
    """This year's holiday card list."""

    BINDINGS: ClassVar = [
        Binding("escape,backspace", "app.pop_screen", "back", id="cards.back",
                tooltip="Back to the main screen"),
        Binding("space,x", "toggle_sent", "sent", key_display="space/x", id="cards.sent",
                tooltip="Tick the highlighted card sent (or not sent)"),
        Binding("d", "remove", "remove", id="cards.remove",
                tooltip="Take the highlighted person off this year's list, after a confirmation"),
    ]
    DEFAULT_CSS = """
    CardsScreen #cards-pane { border: round $accent; border-title-color: $accent; margin: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.year = clock.today().year

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Vertical(id="cards-pane"):
            yield CardList(id="cards")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#cards-pane").border_title = f"Holiday cards {self.year}"
        self.query_one("#cards", CardList).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="cards", exit_on_error=False)
    def reload(self) -> None:
        with reading():
            rows = cards.card_list(self.year)
        if not get_current_worker().is_cancelled:
            self.post_message(CardsLoaded(self.year, rows))

    @on(CardsLoaded)
    def _loaded(self, message: CardsLoaded) -> None:
        self.query_one("#cards", CardList).set_rows(message.rows)
        sent = sum(1 for row in message.rows if row.sent)
        self.query_one("#cards-pane").border_title = (
            f"Holiday cards {message.year} ({sent} of {len(message.rows)} sent)"
        )

    def action_toggle_sent(self) -> None:
        row = self.query_one("#cards", CardList).current
        if row is None:
            return
        try:
            card_commands.mark_sent(row.id, not row.sent)  # with its undo
        except UserError as error:
            self.notify(one_line(str(error)), severity="error", markup=False)
        self.reload()

    def action_remove(self) -> None:
        from connecttui.tui.modals.confirm import Confirm

        row = self.query_one("#cards", CardList).current
        if row is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                card_commands.remove_card(row.id)  # with its undo
            except UserError as error:
                self.notify(one_line(str(error)), severity="error", markup=False)
            self.reload()

        self.app.push_screen(
            Confirm(f"Take {row.name} off the {self.year} card list?",
                    "Their contact and everything else stay.", yes_label="Remove"),
            guard(self, confirmed),
        )
