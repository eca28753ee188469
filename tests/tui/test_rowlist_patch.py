"""RowList.patch_rows (issue 16): a touch logged replaces its people's rows in place."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App, ComposeResult

from connecttui.tui.widgets.rowlist import RowList


@dataclass(frozen=True)
class Row:
    id: int
    text: str


class Host(App):
    def compose(self) -> ComposeResult:
        yield RowList(id="rows")


async def test_patch_keeps_the_cursor_and_the_order():
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        rows = app.query_one(RowList)
        rows.set_rows([Row(n, f"old {n}") for n in range(50)])
        rows.move_to(30)
        await pilot.pause()

        assert rows.patch_rows([Row(30, "new 30"), Row(2, "new 2")])

        assert [row.id for row in rows.rows] == list(range(50))
        assert (rows.rows[30].text, rows.rows[2].text) == ("new 30", "new 2")
        assert (rows.cursor, rows.current.text) == (30, "new 30")


async def test_patch_with_a_row_not_in_the_list_changes_nothing():
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        rows = app.query_one(RowList)
        rows.set_rows([Row(n, f"old {n}") for n in range(5)])
        await pilot.pause()

        assert not rows.patch_rows([Row(1, "new 1"), Row(99, "new 99")])

        assert [row.text for row in rows.rows] == [f"old {n}" for n in range(5)]
