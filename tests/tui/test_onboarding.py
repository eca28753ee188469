"""The first start: an empty database offers three ways in, one key each (`a` add a person,
`i` import a file, `D` open the demo), and the offer goes once someone is there."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers.tui import settle

from connecttui.core import people
from connecttui.core.store.models import Contact
from connecttui.tui.modals.contact_form import ContactForm
from connecttui.tui.modals.import_file import ImportFile
from connecttui.tui.screens.main import MainScreen

SIZE = (120, 34)
VCARD = Path(__file__).resolve().parent.parent / "fixtures" / "vcards" / (
    "google-30-spouse-anniversary-folded-note.vcf")


def welcoming(app) -> bool:
    """The welcome panel is on screen (it is only mounted once the database is empty)."""
    panels = app.screen.query("#welcome")
    return bool(panels) and panels.first().region.area > 0


async def test_an_empty_database_shows_the_three_ways_in(app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert welcoming(app) and app.focused.id == "welcome"
        assert app.screen.query_one("#panes").region.area == 0
        labels = [str(button.label) for button in app.screen.query("WayButton")]
        assert labels == ["Add a person", "Import a file", "Open the demo"]
        keys = [str(label.visual) for label in app.screen.query("#welcome .key")]
        assert keys == ["a", "i", "D"]


async def test_a_adds_the_first_person_and_the_welcome_goes(app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)
        await pilot.press(*"Ada Lovelace", "enter")
        await settle(app, pilot)
        assert [c.name for c in Contact.select()] == ["Ada Lovelace"]
        assert not welcoming(app)
        assert app.focused.id == "contacts"
        assert app.screen.query_one("#contacts").current.name == "Ada Lovelace"


async def test_i_imports_a_vcard_file(app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, ImportFile)
        await pilot.press(*str(VCARD), "enter")  # the preview
        await settle(app, pilot)
        assert Contact.select().count() == 0
        await pilot.press("enter")  # the import
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert Contact.select().count() >= 1
        assert not welcoming(app)
        shown = {row.name for row in app.screen.query_one("#contacts").rows}
        assert shown == {c.name for c in Contact.select()}


async def test_the_buttons_do_the_same_with_the_mouse(app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.click("#way-i")
        await settle(app, pilot)
        assert isinstance(app.screen, ImportFile)
        await pilot.click("#cancel")
        await settle(app, pilot)
        await pilot.click("#way-a")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactForm)


async def test_d_opens_the_demo_and_leaves_the_users_file_alone(app_on, db_path):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("D")
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.demo and app.sub_title == "demo"
        assert str(app.screen.query_one("#title").render()).startswith("connecttui · demo")
        assert Path(app.db_path) != db_path
        assert not welcoming(app)
        assert len(app.screen.query_one("#contacts").rows) >= 40
        assert app.screen.query_one("#upcoming").rows
    with sqlite3.connect(db_path) as own:
        assert own.execute("SELECT count(*) FROM contact").fetchone()[0] == 0


async def test_i_and_d_do_nothing_once_someone_is_there(app_on):
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not welcoming(app)
        await pilot.press("i", "D")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert not app.demo
        assert Contact.select().count() == 1
