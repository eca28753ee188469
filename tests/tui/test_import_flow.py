"""Import from the palette: a preview first, then everything in one go."""

from __future__ import annotations

from pathlib import Path

import time_machine
from helpers.tui import workers_done

from connecttui.core.store.models import Contact, Occasion
from connecttui.tui.app import make_app

FIXTURE = Path(__file__).parent.parent / "fixtures" / "vcards" / (
    "google-30-spouse-anniversary-folded-note.vcf"
)


async def open_import(pilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    await pilot.press(*"Import a file")
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.3)


async def test_preview_then_import(db, db_path, monkeypatch):
    monkeypatch.setenv("CONNECTTUI_TZ", "Europe/London")
    app = make_app(str(db_path), watch=False)
    with time_machine.travel("2026-11-27 10:00 +00:00", tick=False):
        async with app.run_test(size=(120, 36)) as pilot:
            await workers_done(app)
            await open_import(pilot)
            assert type(app.screen).__name__ == "ImportFile"
            await pilot.press(*str(FIXTURE), "enter")
            await workers_done(app)
            preview = str(app.screen.query_one("#preview").render())
            assert "would add 1" in preview and "Mr. John Richter, James Doe Sr." in preview
            assert Contact.select().count() == 0  # a preview stores nothing
            await pilot.press("enter")
            await workers_done(app)
            assert type(app.screen).__name__ == "MainScreen"
            assert [c.name for c in Contact.select()] == ["Mr. John Richter, James Doe Sr."]
            assert Occasion.select().where(Occasion.kind == "anniversary").count() == 1
            rows = [row.name for row in app.screen.query_one("#contacts").rows]
            assert rows == ["Mr. John Richter, James Doe Sr."]


async def test_a_missing_file_is_one_clear_line_and_nothing_changes(db, db_path, tmp_path):
    app = make_app(str(db_path), watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await open_import(pilot)
        await pilot.press(*str(tmp_path / "nope.vcf"), "enter")
        await workers_done(app)
        error = str(app.screen.query_one("#error").render())
        assert "does not exist" in error
        await pilot.press("escape")
        assert Contact.select().count() == 0
