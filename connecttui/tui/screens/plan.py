"""Plan the week (palette: "Plan the week"): the next seven days, laid out by day.

Each day lists its occasions, the lead times that start on it ("prepare"), commitments and
open loops due (`weekplan.plan_week`; what is already late is laid on today). A busy day can
be spread out: `>` or `]` moves the highlighted open loop or commitment one day later, `<` or
`[` one day earlier (never into the past). The cursor skips the day headings. Reads run in a
thread worker; a move is one small transaction with its undo (`plans.move_open_loop`, so `u`
on the main screen takes it back), then the plan is read again with the cursor kept on the
item that moved.
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

from connecttui.core import clock, weekplan
from connecttui.core.commands import plans
from connecttui.core.errors import UserError
from connecttui.core.store.db import reading
from connecttui.core.text import one_line, printable
from connecttui.settings import config
from connecttui.tui.blur import MASK, is_blurred
from connecttui.tui.frames import SteadyFrames
from connecttui.tui.widgets.footer import QuietFooter
from connecttui.tui.widgets.rowlist import RowList, fit
from connecttui.tui.widgets.topbar import TopBar

KIND_LABEL = {"occasion": "occasion", "prepare": "prepare", "commitment": "commitment",
              "loop": "open loop", "gift": "gift", "card": "card"}


@dataclass(frozen=True)
class PlanRow:
    id: tuple  # ("day", date) for a heading, (kind, ref_id) for an item
    day: Any
    item: weekplan.PlanItem | None = None
    label: str = ""  # a heading's words

    @property
    def heading(self) -> bool:
        return self.item is None


@dataclass
class PlanLoaded(Message):
    rows: list[PlanRow]


def plan_rows(plan: list[weekplan.DayPlan], today) -> list[PlanRow]:
    rows = []
    for day in plan:
        offset = clock.days_between(today, day.day)
        when = {0: "today", 1: "tomorrow"}.get(offset, "")
        label = day.day.format("ddd D MMM") + (f" · {when}" if when else "")
        if not day.items:
            label += " · nothing planned"
        rows.append(PlanRow(("day", day.day.isoformat()), day.day, None, label))
        rows += [PlanRow((item.kind, item.ref_id), day.day, item) for item in day.items]
    return rows


def _text(item: weekplan.PlanItem, blurred: bool) -> str:
    """An item's line; under the privacy blur an open loop, a commitment or a gift idea keeps
    its person and loses its words."""
    if blurred and item.kind in ("loop", "commitment", "gift"):
        return f"{item.contact_name}: {MASK}" if item.contact_name else MASK
    return item.text


class PlanList(RowList):
    """Day headings and their items; the cursor only stops on items."""

    empty_text = "Loading…"

    def cells(self, row: PlanRow, width: int) -> list[tuple[str, str | None]]:
        if row.heading:
            return [(fit(" " + row.label, width), "rowlist--accent")]
        item = row.item
        klass = "rowlist--red" if item.overdue else None
        mark = " ↕ " if item.movable else "   "
        return [
            ("   " + fit(KIND_LABEL.get(item.kind, item.kind), 11), "rowlist--dim"),
            (mark, "rowlist--dim"),
            (fit(one_line(_text(item, is_blurred(self))), max(width - 17, 0)), klass),
        ]

    def move_to(self, index: int, announce: bool = False) -> None:
        if self.rows:
            step = 1 if index >= self.cursor else -1
            index = max(0, min(index, len(self.rows) - 1))
            for direction in (step, -step):
                probe = index
                while 0 <= probe < len(self.rows) and self.rows[probe].heading:
                    probe += direction
                if 0 <= probe < len(self.rows):
                    index = probe
                    break
        super().move_to(index, announce)


class PlanScreen(SteadyFrames, Screen):
    """The next seven days; open loops and commitments move a day at a time."""

    BINDINGS: ClassVar = [
        Binding("escape,backspace", "app.pop_screen", "back", id="plan.back",
                tooltip="Back to the main screen"),
        Binding("less_than_sign,left_square_bracket", "move(-1)", "earlier",
                key_display="< [", id="plan.earlier",
                tooltip="Move the highlighted open loop or commitment one day earlier"),
        Binding("greater_than_sign,right_square_bracket", "move(1)", "later",
                key_display="> ]", id="plan.later",
                tooltip="Move the highlighted open loop or commitment one day later"),
    ]
    DEFAULT_CSS = """
    PlanScreen #plan-pane {
        border: round $accent; border-title-color: $accent; border-title-style: bold;
        margin: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.today = clock.today()

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Vertical(id="plan-pane"):
            yield PlanList(id="plan")
        yield QuietFooter()

    def on_mount(self) -> None:
        pane = self.query_one("#plan-pane")
        pane.border_title = "Plan the week"
        pane.border_subtitle = "↕ moves: < [ earlier · > ] later"
        self.query_one("#plan", PlanList).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def reload(self) -> None:
        with reading():
            week = weekplan.plan_week(self.today, remembrance=config.load().remembrance)
            rows = plan_rows(week, self.today)
        if not get_current_worker().is_cancelled:
            self.post_message(PlanLoaded(rows))

    @on(PlanLoaded)
    def _loaded(self, message: PlanLoaded) -> None:
        plan = self.query_one("#plan", PlanList)
        plan.empty_text = "Nothing in the next seven days."
        plan.set_rows(message.rows)  # the cursor stays on the item that moved
        if message.rows:
            first, last = message.rows[0].day, message.rows[-1].day
            self.query_one("#plan-pane").border_title = (
                f"Plan the week · {first.format('ddd D MMM')} – {last.format('ddd D MMM')}")

    def action_move(self, days: int) -> None:
        row = self.query_one("#plan", PlanList).current
        if row is None or row.heading or not row.item.movable:
            self.notify("Only open loops and commitments move (↕): an occasion keeps its day.",
                        severity="warning")
            return
        to_day = row.day.add(days=days)
        try:
            plans.move_open_loop(row.item.ref_id, to_day, self.today)  # with its undo
        except UserError as error:
            self.notify(printable(str(error)), severity="warning", markup=False)
            return
        self.notify(f"Moved to {to_day.format('ddd D MMM')}.")
        self.reload()
