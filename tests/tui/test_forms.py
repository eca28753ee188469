"""The add/edit, open-loop, occasion and confirm dialogs, driven with real keys.

Each test opens one dialog in a minimal host app over a fresh database, types as a user
would, and then checks what the database holds (not just what the screen says), so a
dialog that looks right but stores the wrong thing fails.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
import time_machine
from textual.app import App
from textual.widgets import Label

from connecttui.core import people
from connecttui.core.errors import UserError
from connecttui.core.store import db as store
from connecttui.core.store.models import Circle, Contact, Occasion, OpenLoop
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.modals.contact_form import ContactForm
from connecttui.tui.modals.occasion import OccasionForm
from connecttui.tui.modals.open_loop import OpenLoopForm


class Host(App):
    """Opens the database, pushes one dialog, and records what it dismissed with."""

    def __init__(self, db_file: Path, make_modal, seed=None) -> None:
        super().__init__()
        self.db_file = db_file
        self.make_modal = make_modal
        self.seed = seed
        self.results: list[object] = []

    def on_mount(self) -> None:
        store.open_db(self.db_file)
        if self.seed is not None:
            self.seed()
        self.push_screen(self.make_modal(), self.results.append)


@pytest.fixture
def host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A factory for host apps on tmp_path/t.db; the database is closed afterwards."""
    monkeypatch.setenv("CONNECTTUI_TZ", "Europe/London")
    monkeypatch.delenv("CONNECTTUI_DB", raising=False)
    yield lambda make_modal, seed=None: Host(tmp_path / "t.db", make_modal, seed)
    store.close_db()


def text_of(app: App, selector: str) -> str:
    """The plain text a Label on the dialog shows."""
    return str(app.screen.query_one(selector, Label).visual)


def seed_ada() -> None:
    people.add_contact("Ada Lovelace")


def ada_id() -> int:
    return Contact.get().id


async def test_add_with_only_a_name(host) -> None:
    app = host(ContactForm)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Add a contact" in text_of(app, "#title")
        assert app.screen.focused.id == "name"
        await pilot.press(*"Grace", "enter")
        await pilot.pause()
        contact = Contact.get()
        assert contact.name == "Grace"
        assert contact.circle_id is None and contact.ideal_days is None
        assert app.results == [contact.id]
        assert Occasion.select().count() == 0
        assert not isinstance(app.screen, ContactForm)


async def test_add_with_birthday_circle_and_window(host) -> None:
    app = host(ContactForm)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"Ada", "tab", "tab", *"--02-29")
        await pilot.pause()
        assert "29 Feb, no year" in text_of(app, "#birthday-hint")
        await pilot.press("tab", "enter", "down", "enter")  # open the circle list, pick one
        await pilot.pause()
        assert app.screen.focused.id == "circle"
        assert Contact.select().count() == 0  # enter on the Select picks, it doesn't save
        await pilot.press("tab", *"14", "enter")
        await pilot.pause()
        contact = Contact.get()
        first_circle = Circle.select().order_by(Circle.position, Circle.name).first()
        assert contact.circle_id == first_circle.id
        assert (contact.ideal_days, contact.max_days) == (14, 28)
        birthday = people.birthday_of(contact.id)
        assert (birthday.year, birthday.month, birthday.day) == (None, 2, 29)
        assert app.results == [contact.id]


async def test_bad_birthday_shows_an_error_and_stores_nothing(host) -> None:
    app = host(ContactForm)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"Ada", "tab", "tab", *"feb 30")
        await pilot.pause()
        assert "no such date" in text_of(app, "#birthday-hint")
        assert text_of(app, "#error") == ""
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert "no such date" in text_of(app, "#error")
        assert Contact.select().count() == 0
        assert app.results == []


async def test_escape_stores_nothing(host) -> None:
    app = host(ContactForm)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"Ada", "escape")
        await pilot.pause()
        assert app.results == [None]
        assert Contact.select().count() == 0


async def test_edit_changes_the_name_and_keeps_the_rest(host) -> None:
    def seed() -> None:
        people.add_contact("Ada", birthday=(1815, 12, 10), circle="inner", ideal_days=10)

    app = host(lambda: ContactForm(ada_id()), seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#birthday").value == "1815-12-10"
        await pilot.press("end", *" Lovelace", "enter")
        await pilot.pause()
        contact = Contact.get()
        assert contact.name == "Ada Lovelace"
        assert contact.circle.name == "inner"
        assert (contact.ideal_days, contact.max_days) == (10, 20)
        birthday = people.birthday_of(contact.id)
        assert (birthday.year, birthday.month, birthday.day) == (1815, 12, 10)
        assert app.results == [contact.id]


async def test_edit_with_a_bad_window_changes_nothing(host) -> None:
    app = host(lambda: ContactForm(ada_id()), seed_ada)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("end", *" X")  # the name is edited, then a window that can't be read
        for _ in range(4):
            await pilot.press("tab")
        assert app.screen.focused.id == "window"
        await pilot.press(*"soon", "enter")
        await pilot.pause()
        assert "window" in text_of(app, "#error")
        assert Contact.get().name == "Ada Lovelace"
        assert app.results == []


async def test_edit_is_all_or_nothing(host, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(contact_id, birthday) -> None:
        raise UserError("the birthday could not be stored")

    monkeypatch.setattr(people, "set_birthday", refuse)
    app = host(lambda: ContactForm(ada_id()), seed_ada)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("end", *" Byron", "enter")
        await pilot.pause()
        assert "could not be stored" in text_of(app, "#error")
        assert Contact.get().name == "Ada Lovelace"  # the name change was rolled back
        assert app.results == []


async def test_edit_title_shows_markup_literally(host) -> None:
    app = host(lambda: ContactForm(Contact.get().id),
               lambda: people.add_contact("[bold]Eve[/bold]"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#title", Label)
        rendered = "".join(segment.text for segment in title.render_line(0))
        assert "Edit [bold]Eve[/bold]" in rendered


async def test_open_loop_with_a_due_date(host) -> None:
    with time_machine.travel("2026-11-27 10:00 +00:00", tick=False):
        app = host(lambda: OpenLoopForm(ada_id()), seed_ada)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "Open loop with Ada Lovelace" in text_of(app, "#title")
            assert text_of(app, "#due-hint") == "due Fri 4 Dec (in 7 days)"
            await pilot.press(*"send the book", "tab", *"2026-12-01")
            await pilot.pause()
            assert text_of(app, "#due-hint") == "due Tue 1 Dec (in 4 days)"
            await pilot.press("enter")
            await pilot.pause()
            loop = OpenLoop.get()
            assert (loop.text, loop.due) == ("send the book", pendulum.date(2026, 12, 1))
            assert app.results == [loop.id]


async def test_open_loop_due_defaults_to_a_week(host) -> None:
    with time_machine.travel("2026-11-27 10:00 +00:00", tick=False):
        app = host(lambda: OpenLoopForm(ada_id()), seed_ada)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press(*"call", "enter")
            await pilot.pause()
            assert OpenLoop.get().due == pendulum.date(2026, 12, 4)


async def test_open_loop_errors_keep_the_dialog_open(host) -> None:
    app = host(lambda: OpenLoopForm(ada_id()), seed_ada)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "open loop needs" in text_of(app, "#error")
        await pilot.press(*"call", "tab", *"banana", "enter")
        await pilot.pause()
        assert "banana" in text_of(app, "#error")
        assert OpenLoop.select().count() == 0
        assert app.results == []


async def test_custom_occasion_needs_a_label(host) -> None:
    app = host(lambda: OccasionForm(ada_id()), seed_ada)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Occasion for Ada Lovelace" in text_of(app, "#title")
        assert app.screen.focused.id == "kind"
        await pilot.press("c", "tab", *"5 may", "enter")
        await pilot.pause()
        assert "needs a name" in text_of(app, "#error")
        assert Occasion.select().count() == 0
        await pilot.press("tab", *"name day", "tab", "m", "enter")  # enter on a toggle saves
        await pilot.pause()
        occasion = Occasion.get()
        assert (occasion.kind, occasion.label, occasion.month, occasion.day) == (
            "custom", "name day", 5, 5,
        )
        assert (occasion.year, occasion.feb29, occasion.lead_days) == (None, "mar1", 0)
        assert app.results == [occasion.id]


async def test_occasion_lead_time_must_be_a_number(host) -> None:
    app = host(lambda: OccasionForm(ada_id()), seed_ada)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a", "tab", *"2001-06-09", "tab", "tab", "tab")
        assert app.screen.focused.id == "lead"
        await pilot.press("end", "backspace", *"ten", "enter")
        await pilot.pause()
        assert "lead time" in text_of(app, "#error")
        assert Occasion.select().count() == 0
        await pilot.press("backspace", "backspace", "backspace", "7", "enter")
        await pilot.pause()
        occasion = Occasion.get()
        assert (occasion.kind, occasion.year, occasion.lead_days) == ("anniversary", 2001, 7)
        assert (occasion.month, occasion.day, occasion.label) == (6, 9, "")


async def test_occasion_feb29_hint_follows_the_rule(host) -> None:
    app = host(lambda: OccasionForm(ada_id()), seed_ada)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", *"29 feb")
        await pilot.pause()
        assert "Feb 28 in common years" in text_of(app, "#date-hint")
        await pilot.press("tab", "tab", "m")
        await pilot.pause()
        assert "Mar 1 in common years" in text_of(app, "#date-hint")


async def test_occasion_escape_stores_nothing(host) -> None:
    app = host(lambda: OccasionForm(ada_id()), seed_ada)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("b", "tab", *"10 dec", "escape")
        await pilot.pause()
        assert app.results == [None]
        assert Occasion.select().count() == 0


@pytest.mark.parametrize(
    ("keys", "expected"),
    [(["y"], True), (["escape"], False), (["n"], False), (["enter"], False),
     (["right", "enter"], True)],
)
async def test_confirm(host, keys: list[str], expected: bool) -> None:
    app = host(lambda: Confirm("Delete [b]Ada[/b]?", "Her touches go too."))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.focused.id == "no"
        assert "Delete [b]Ada[/b]?" in text_of(app, "#question")
        await pilot.press(*keys)
        await pilot.pause()
        assert app.results == [expected]
        assert not isinstance(app.screen, Confirm)
