"""A fast, keyboard-driven list drawn with Textual's Line API.

DataTable and OptionList measure every row up front (1.5 s for 10k rows here); this list
only formats the rows on screen, so 10k contacts cost no more than 30. Rows are plain
values; subclasses say how a row becomes cells. Text is drawn as segments, never parsed as
markup, so a name like `[bold]Eve[/bold]` shows as typed.

A frame (`end` in 10k contacts) must cost well under 16 ms, so a line costs no style
lookups: the widget's styles are worked out once per frame (`render_lines`), and a row's
cells are kept by value (rows are frozen dataclasses), width and what else the cells depend
on (`cells_token`): a list read again (a touch logged, a reload) draws only its new rows.
"""

from __future__ import annotations

import textwrap
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from connecttui.core.text import one_line


def fit(text: str, width: int) -> str:
    """Pad or cut text to exactly `width` cells (wide characters count double)."""
    if width <= 0:
        return ""
    # A 100 KB note takes a quarter of a second to measure, on every line drawn: when a
    # short head of it is already too wide, the cut depends on that head alone.
    head = text[: 4 * width + 64]
    if len(head) < len(text) and cell_len(head) > width:
        text = head
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


class RowList(ScrollView, can_focus=True):
    """A list of rows with a cursor; posts Highlighted as the cursor moves, Selected on enter."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rowlist--cursor", "rowlist--dim", "rowlist--amber", "rowlist--red", "rowlist--accent",
        "rowlist--empty",
    }
    BINDINGS: ClassVar = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "select", "Open", show=False, id="list.select"),
    ]
    DEFAULT_CSS = """
    RowList { height: 1fr; background: $surface; overflow-x: hidden; }
    RowList > .rowlist--cursor { background: $panel-lighten-1; }
    RowList:focus > .rowlist--cursor { background: $accent 40%; text-style: bold; }
    RowList > .rowlist--dim { color: $text-muted; }
    RowList > .rowlist--amber { color: $warning; }
    RowList > .rowlist--red { color: $error; text-style: bold; }
    RowList > .rowlist--accent { color: $accent; }
    RowList > .rowlist--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=False)
    empty_text = "Nothing here."

    class Highlighted(Message):
        def __init__(self, rowlist: RowList, row: Any) -> None:
            super().__init__()
            self.rowlist = rowlist
            self.row = row

        @property
        def control(self) -> RowList:
            return self.rowlist

    class Selected(Highlighted):
        pass

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Any] = []
        self._styles: dict[tuple[bool, str | None], Style] | None = None
        """Per frame: (cursor row?, component class) -> the style a cell is drawn with."""
        self._cells: dict[tuple[Any, int, Any], list] = {}
        """(row, width, cells_token) -> cells, for the rows drawn lately."""
        self._token: Any = None
        self._wrapped: tuple[str, int, list[str]] = ("", 0, [])

    # ----- data -----------------------------------------------------------------------
    def set_rows(self, rows: list[Any], keep_key: Any = None) -> None:
        """Replace the rows, keeping the cursor on the same row (by key) when it still exists."""
        key = keep_key if keep_key is not None else self.current_key
        self.rows = rows
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        index = self.index_of(key) if key is not None else None
        self.set_reactive(RowList.cursor, 0)
        self.move_to(index if index is not None else min(self.cursor, max(len(rows) - 1, 0)),
                     announce=True)
        self.refresh()

    def patch_rows(self, rows: list[Any]) -> bool:
        """Put fresh copies of a few rows in place of theirs (by key), the cursor and the
        scroll left alone: a touch logged changes one contact's row, not the 10k others.
        False, changing nothing, when a row has no place in the list (new: read it all)."""
        places = [self.index_of(self.row_key(row)) for row in rows]
        if None in places:
            return False
        for index, row in zip(places, rows, strict=True):
            self.rows[index] = row
        if self.rows and self.cursor in places:  # the highlighted row's news, told again
            self.post_message(self.Highlighted(self, self.rows[self.cursor]))
        self.refresh()
        return True

    def row_key(self, row: Any) -> Any:
        return getattr(row, "id", None)

    def index_of(self, key: Any) -> int | None:
        row_key = self.row_key
        return next((index for index, row in enumerate(self.rows) if row_key(row) == key),
                    None)

    @property
    def current(self) -> Any | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def current_key(self) -> Any | None:
        row = self.current
        return None if row is None else self.row_key(row)

    # ----- drawing --------------------------------------------------------------------
    def cells(self, row: Any, width: int) -> list[tuple[str, str | None]]:
        """(text, component class or None) pieces for a row; subclasses override."""
        return [(one_line(str(row)), None)]

    def cells_token(self) -> Any:
        """What cells() depends on besides the row and the width (the blur, a focus...):
        kept cells are drawn again when it changes."""
        return None

    def render_lines(self, crop):  # noqa: ANN001, ANN201 (Textual's signature)
        self._styles = {}  # styles follow focus, theme and blur: read fresh each frame
        self._token = self.cells_token()
        try:
            return super().render_lines(crop)
        finally:
            self._styles = None

    def _style(self, cursor: bool, klass: str | None) -> Style:
        styles = self._styles if self._styles is not None else {}
        style = styles.get((cursor, klass))
        if style is None:
            if klass:
                part = self.get_component_rich_style(klass)
                style = self._style(cursor, None) + Style(
                    color=part.color, bold=part.bold, dim=part.dim
                )
            elif cursor:
                style = self._style(False, None) + self.get_component_rich_style(
                    "rowlist--cursor"
                )
            else:
                style = self.rich_style
            styles[(cursor, klass)] = style
        return style

    def _row_cells(self, index: int, width: int) -> list[tuple[str, str | None]]:
        row = self.rows[index]
        key = (row, width, self._token)
        try:
            cells = self._cells.get(key)
        except TypeError:  # an unhashable row: drawn each time
            return self.cells(row, width)
        if cells is None:
            if len(self._cells) > 2048:
                self._cells.clear()
            cells = self._cells[key] = self.cells(row, width)
        return cells

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if not self.rows:
            text, wrap_width, lines = self._wrapped
            if text != self.empty_text or wrap_width != width:
                lines = textwrap.wrap(self.empty_text, max(width - 2, 10))
                self._wrapped = (self.empty_text, width, lines)
            if y < len(lines):
                style = self._style(False, None) + self.get_component_rich_style("rowlist--empty")
                return Strip([Segment(fit(" " + lines[y], width), style)])
            return Strip.blank(width, self._style(False, None))
        if index >= len(self.rows):
            return Strip.blank(width, self._style(False, None))
        cursor = index == self.cursor
        segments = [Segment(text, self._style(cursor, klass))
                    for text, klass in self._row_cells(index, width)]
        strip = Strip(segments)
        if scroll_x == 0 and strip.cell_length == width:
            return strip
        return strip.crop_extend(scroll_x, scroll_x + width, self._style(cursor, None))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    # ----- moving ---------------------------------------------------------------------
    def move_to(self, index: int, announce: bool = False) -> None:
        if not self.rows:
            if announce:
                self.post_message(self.Highlighted(self, None))
            return
        index = max(0, min(index, len(self.rows) - 1))
        changed = index != self.cursor
        self.cursor = index
        self.scroll_to_cursor()
        if changed or announce:
            self.post_message(self.Highlighted(self, self.rows[index]))

    def select_key(self, key: Any) -> bool:
        index = self.index_of(key)
        if index is None:
            return False
        self.move_to(index, announce=True)
        return True

    def scroll_to_cursor(self) -> None:
        height = max(self.scrollable_content_region.height, 1)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old - self.scroll_offset.y)
        self.refresh_lines(new - self.scroll_offset.y)

    def refresh_lines(self, y: int) -> None:
        if 0 <= y < self.size.height:
            self.refresh(self.region.__class__(0, y, self.size.width, 1))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(self.size.height - 1, 1))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(self.size.height - 1, 1))

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.rows):
            self.move_to(index)
            if event.chain >= 2:
                self.action_select()
