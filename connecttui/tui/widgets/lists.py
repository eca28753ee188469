"""The three lists of the main screen, each a RowList that knows how to draw its rows."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from textual.binding import Binding

from connecttui.core import clock
from connecttui.core.suggestion import Suggestion
from connecttui.core.text import one_line
from connecttui.core.touches import ContactRow, TimelineRow
from connecttui.tui.blur import follow, is_blurred, mask, suggestion_text
from connecttui.tui.widgets.rowlist import RowList, fit

DRIFT_MARK = {0: ("   ", None), 1: (" ● ", "rowlist--amber"), 2: (" ●●", "rowlist--red")}
DRIFT_CLASS = {0: "rowlist--dim", 1: "rowlist--amber", 2: "rowlist--red"}
DECEASED_MARK = (" † ", "rowlist--dim")
"""In place of the days and the drift dots: someone who has died has no window to keep."""


class ContactsList(RowList):
    """Name, circle and time since the last touch; coloured when drifting; a † for someone
    who has died."""

    BINDINGS: ClassVar = [
        Binding("enter", "select", "briefing", id="contacts.briefing",
                tooltip="Open the highlighted contact's briefing"),
    ]
    empty_text = (
        "No one here yet: press a to add your first person, or try the demo "
        "(make demo / connecttui demo)."
    )

    def cells(self, row: ContactRow, width: int) -> list[tuple[str, str | None]]:
        circle_width = 8 if width >= 26 else 0
        since = "" if row.deceased else clock.since_label(row.days_since)
        name_width = max(width - (circle_width + 1 if circle_width else 0) - 5 - 3 - 1, 4)
        mark, mark_class = DECEASED_MARK if row.deceased else DRIFT_MARK[row.drift]
        cells = [(" " + fit(one_line(row.name), name_width), None)]
        if circle_width:
            cells.append((" " + fit(row.circle, circle_width), "rowlist--dim"))
        cells.append((f"{since:>5}", DRIFT_CLASS[row.drift]))
        cells.append((mark, mark_class))
        return cells


INITIATOR_MARK = {"out": "out ", "in": "in  ", "both": "both"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_stamp(day, wide: bool, this_year: int) -> str:
    """"Mon 23 Nov" (wide), "23 Nov", or "23 Nov 2025" (wide, another year): pendulum's
    `format` says the same, but its first call loads a locale (10 ms, in the first frame)."""
    month = MONTHS[day.month - 1]
    if wide and day.year != this_year:
        return f"{day.day:02d} {month} {day.year}"
    if wide:
        return f"{WEEKDAYS[day.weekday()]} {day.day:02d} {month}"
    return f"{day.day:02d} {month}"


class TimelineList(RowList):
    """Touches newest first: day, kind, who started, the note and who else was there."""

    empty_text = "No touches yet: press l to log one."
    focus_contact: int | None = None

    def on_mount(self) -> None:
        follow(self, self.refresh)

    def row_key(self, row: TimelineRow) -> Any:
        return row.touch_id

    def set_rows(self, rows: list[Any], keep_key: Any = None) -> None:
        """Newest first, so the top is where news lands: a timeline the user is not
        browsing (not focused, or its cursor on the newest touch) shows the newest touch at
        the top. Keeping the cursor on its touch instead pushed it down with every new
        touch, and once the list outgrew the pane the touch just logged was scrolled out
        of sight (the soak found it: benchmarks/soak.py)."""
        if keep_key is None and rows and (not self.has_focus or self.cursor == 0):
            keep_key = self.row_key(rows[0])
        super().set_rows(rows, keep_key)

    def cells_token(self) -> Any:
        return (is_blurred(self), self.focus_contact, clock.today().year)

    def cells(self, row: TimelineRow, width: int) -> list[tuple[str, str | None]]:
        stamp = day_stamp(clock.local_day(row.at), width >= 48, clock.today().year)
        others = [name for cid, name in zip(row.contact_ids, row.names, strict=True)
                  if cid != self.focus_contact]
        note = mask(one_line(row.note), is_blurred(self))
        if others:
            who = ", ".join(one_line(name) for name in others)
            note = f"{note} · with {who}" if note and self.focus_contact else (
                f"{who}: {note}" if note else who
            )
        head = f" {stamp} "
        used = cell_len(head) + 9 + 5
        return [
            (head, "rowlist--dim"),
            (f"{row.kind:<9}", "rowlist--accent"),
            (INITIATOR_MARK.get(row.initiator, row.initiator) + " ", "rowlist--dim"),
            (fit(note, max(width - used, 0)), None),
        ]


class UpcomingList(RowList):
    """What needs you: occasions, open loops, drifting contacts, each with its reason."""

    empty_text = "Nothing needs you in the next 14 days."

    def on_mount(self) -> None:
        follow(self, self.refresh)

    def row_key(self, row: Suggestion) -> Any:
        return (row.kind, row.ref_id)

    def cells_token(self) -> Any:
        return is_blurred(self)

    def cells(self, row: Suggestion, width: int) -> list[tuple[str, str | None]]:
        klass = DRIFT_CLASS[row.level] if row.level else None
        return [
            (" " + fit(row.when, 8) + " ", klass or "rowlist--dim"),
            (fit(one_line(suggestion_text(row, is_blurred(self))), max(width - 10, 0)), klass),
        ]
