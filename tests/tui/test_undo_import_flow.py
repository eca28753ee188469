"""`u` on the main screen takes back an import (made by the CLI or from the palette) and a
circle deleted on the Circles screen; after a restore from a file it says which command
does it. Each test checks what is STORED (every table, as the JSON backup reads them), what
is SHOWN (the contacts pane) and what is SAID (the notification).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.tui import pane, settle, workers_done
from test_circles_flow import open_circles
from test_import_flow import open_import
from test_undo_flow import said

from connecttui.core import people
from connecttui.core.store.models import Circle, Contact, UndoEntry
from connecttui.interop import backup
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.screens.main import MainScreen

SIZE = (120, 36)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CSV = FIXTURES / "google-csv" / "google-current-header-labels-triple-colon.csv"
VCARD = FIXTURES / "vcards" / "google-30-spouse-anniversary-folded-note.vcf"


def cli(db_path, *args: str) -> str:
    run = subprocess.run([sys.executable, "-m", "connecttui", *args, "--db", str(db_path)],
                         capture_output=True, text=True, env=os.environ.copy(), timeout=60)
    assert run.returncode == 0, run.stderr
    return run.stdout


def names(app) -> list[str]:
    return [row.name for row in pane(app, "contacts").rows]


async def test_u_undoes_an_import_the_cli_made(app_on, db_path):
    people.add_contact("Ada Lovelace")
    before = backup.document()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        cli(db_path, "import", str(CSV))
        assert Contact.select().count() == 45

        await pilot.press("u")
        await settle(app, pilot)
        assert messages[-1] == f"Undid: imported 44 contacts from {CSV.name}."
        assert backup.document() == before
        assert names(app) == ["Ada Lovelace"]


async def test_an_import_from_the_palette_then_u(app_on):
    people.add_contact("Ada Lovelace")
    before = backup.document()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await workers_done(app)
        await open_import(pilot)
        await pilot.press(*str(VCARD), "enter")
        await workers_done(app)
        await pilot.press("enter")  # the preview, then the import
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert names(app) == ["Ada Lovelace", "Mr. John Richter, James Doe Sr."]
        assert messages[-1] == "Imported: added 1, merged 0, skipped 0. u undoes it."

        await pilot.press("u")
        await settle(app, pilot)
        assert messages[-1] == f"Undid: imported 1 contact from {VCARD.name}."
        assert backup.document() == before
        assert names(app) == ["Ada Lovelace"]


async def test_a_circle_deleted_on_its_screen_comes_back_with_u(app_on):
    ada = people.add_contact("Ada Lovelace", circle="work")
    before = backup.document()
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        await open_circles(app, pilot)
        await pilot.press("G", "up", "d")  # work, the one before resting
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(app, pilot)
        assert "u on the main screen undoes it" in messages[-1]
        assert Circle.get_or_none(Circle.name == "work") is None
        await pilot.press("escape")
        await settle(app, pilot)
        assert pane(app, "contacts").current.circle == ""

        await pilot.press("u")
        await settle(app, pilot)
        assert messages[-1] == "Undid: deleted circle work."
        assert backup.document() == before
        assert Contact.get_by_id(ada.id).circle.name == "work"
        assert pane(app, "contacts").current.circle == "work"


@pytest.mark.sqlite_only("a file restore is SQLite's: PostgreSQL is restored with pg_restore")
async def test_u_after_a_restore_from_a_file_names_the_command_that_undoes_it(app_on, db_path):
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        messages = said(app)
        await settle(app, pilot)
        made = cli(db_path, "backup").strip()
        cli(db_path, "add", "Bob Babbage")
        cli(db_path, "restore", made, "--yes")
        restored = backup.document()

        await pilot.press("u")
        await settle(app, pilot)
        assert "run `connecttui undo` from the command line" in messages[-1]
        assert backup.document() == restored  # nothing changed, and it is still next
        assert UndoEntry.select().order_by(UndoEntry.id.desc()).first().label == (
            f"restored {Path(made).name}")
        assert names(app) == ["Ada Lovelace"]
