"""Family members and anniversaries that link to another contact (issue 3, section 6),
driven only with keys in the real app.

The data is built with the core API, the keys are pressed as a user would in the briefing
(`m` family, `o` occasion), then what is STORED is checked (FamilyMember.linked, the row
back on the other contact, Occasion.partner) and what the briefings SHOW, so a dialog that
says "links to" but stores a plain name fails, and so does a link that only one card shows.
"""

from __future__ import annotations

import pytest
from helpers.tui import settle
from textual.widgets import Label, Static

from connecttui.core import family, people
from connecttui.core.store.models import FamilyMember, Occasion
from connecttui.tui.modals.family import FamilyForm
from connecttui.tui.modals.occasion import OccasionForm
from connecttui.tui.screens.briefing import BriefingScreen
from connecttui.tui.screens.main import MainScreen

SIZE = (120, 40)


def card_text(app) -> str:
    return str(app.screen.query_one("#card", Static).visual)


def label(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).visual)


def rows() -> list[tuple]:
    return [
        (m.contact_id, m.relation, m.name, m.linked_id, m.birth_year, m.activities)
        for m in FamilyMember.select().order_by(FamilyMember.id)
    ]


async def open_briefing(app, pilot, contact_id: int) -> None:
    """From the main screen: move down the contact list to the contact, `enter`."""
    contacts = app.screen.query_one("#contacts")
    for _ in range(len(contacts.rows)):
        if contacts.current.id == contact_id:
            break
        await pilot.press("j")
        await settle(app, pilot)
    assert contacts.current.id == contact_id
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, BriefingScreen)
    assert app.screen.contact_id == contact_id


async def back_to_main(app, pilot) -> None:
    await pilot.press("escape")
    await settle(app, pilot)
    assert isinstance(app.screen, MainScreen)


# ----- m: family members that are contacts ------------------------------------------------
async def test_family_name_of_a_contact_links_and_adds_the_relation_back(app_on):
    ada = people.add_contact("Ada Lovelace")
    sam = people.add_contact("Sam Taylor")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_briefing(app, pilot, ada.id)
        await pilot.press("m", "p", *"sam taylor")
        await settle(app, pilot)
        assert isinstance(app.screen, FamilyForm)
        assert label(app, "#name-hint") == "→ links to the contact Sam Taylor"
        await pilot.press("tab", *"1990", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, BriefingScreen)
        assert rows() == [
            (ada.id, "partner", "Sam Taylor", sam.id, 1990, ""),
            (sam.id, "partner", "Ada Lovelace", ada.id, None, ""),
        ]
        assert "Sam Taylor, 36" in card_text(app)

        await back_to_main(app, pilot)
        await open_briefing(app, pilot, sam.id)
        assert "partner  Ada Lovelace" in card_text(app)


async def test_family_link_back_is_not_added_twice(app_on):
    ada = people.add_contact("Ada Lovelace")
    sam = people.add_contact("Sam Taylor")
    family.add_member(ada.id, "partner", linked_id=sam.id)  # Ada already names Sam
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_briefing(app, pilot, sam.id)
        await pilot.press("m", "p", *"Ada Lovelace", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, BriefingScreen)
        assert rows() == [
            (ada.id, "partner", "Sam Taylor", sam.id, None, ""),
            (sam.id, "partner", "Ada Lovelace", ada.id, None, ""),
        ]
        assert "partner  Ada Lovelace" in card_text(app)


async def test_family_child_who_is_a_contact_gets_a_parent_back(app_on):
    ada = people.add_contact("Ada Lovelace")
    leo = people.add_contact("Leo Byron", nicknames="Leo")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_briefing(app, pilot, ada.id)
        await pilot.press("m", "c", *"Leo")  # a nickname, matched exactly
        await settle(app, pilot)
        assert label(app, "#name-hint") == "→ links to the contact Leo Byron"
        await pilot.press("tab", "tab", *"football", "enter")
        await settle(app, pilot)

        assert rows() == [
            (ada.id, "child", "Leo Byron", leo.id, None, "football"),
            (leo.id, "parent", "Ada Lovelace", ada.id, None, ""),
        ]


async def test_family_name_only_stores_no_link(app_on):
    ada = people.add_contact("Ada Lovelace")
    people.add_contact("Sam Taylor")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_briefing(app, pilot, ada.id)
        await pilot.press("m", "p", *"Sam Taylor")
        await settle(app, pilot)
        assert label(app, "#name-hint") == "→ links to the contact Sam Taylor"
        await pilot.press("tab", "tab", "tab")
        assert app.screen.focused.id == "link"
        await pilot.press("n", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, BriefingScreen)
        assert rows() == [(ada.id, "partner", "Sam Taylor", None, None, "")]


async def test_family_unmatched_or_partial_name_is_just_a_name(app_on):
    ada = people.add_contact("Ada Lovelace")
    people.add_contact("Sam Taylor")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_briefing(app, pilot, ada.id)
        await pilot.press("m", "c", *"Sam")  # only the start of Sam Taylor's name
        await settle(app, pilot)
        assert label(app, "#name-hint") == "just a name"
        await pilot.press("tab", *"2017", "enter")
        await settle(app, pilot)
        await pilot.press("m", "c", *"Leo", "enter")
        await settle(app, pilot)

        assert rows() == [
            (ada.id, "child", "Sam", None, 2017, ""),
            (ada.id, "child", "Leo", None, None, ""),
        ]
        assert "Sam, 9" in card_text(app)


# ----- o: an anniversary shared with a contact ---------------------------------------------
async def test_anniversary_shared_with_a_contact_is_stored_once_and_shown_on_both(app_on):
    ada = people.add_contact("Ada Lovelace")
    sam = people.add_contact("Sam Taylor")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_briefing(app, pilot, ada.id)
        await pilot.press("o", "a", "tab", *"2015-06-09", "tab", "tab", "tab", "tab")
        assert isinstance(app.screen, OccasionForm)
        assert app.screen.focused.id == "with"
        await pilot.press(*"Sam")
        await settle(app, pilot)
        assert label(app, "#with-hint") == "→ shared with Sam Taylor"
        await pilot.press("enter")
        await settle(app, pilot)

        assert isinstance(app.screen, BriefingScreen)
        stored = [(o.contact_id, o.kind, o.year, o.month, o.day, o.partner_id)
                  for o in Occasion.select()]
        assert stored == [(ada.id, "anniversary", 2015, 6, 9, sam.id)]
        assert "anniversary with Sam Taylor" in card_text(app)

        await back_to_main(app, pilot)
        await open_briefing(app, pilot, sam.id)
        assert "anniversary with Ada Lovelace" in card_text(app)
        assert Occasion.select().count() == 1


@pytest.mark.parametrize(
    ("typed", "says"),
    [("Zed", 'no contact matches "Zed"'), ("Sam", '"Sam" could be 2 contacts')],
)
async def test_anniversary_shared_with_an_unknown_or_ambiguous_name_stores_nothing(
    app_on, typed: str, says: str
):
    ada = people.add_contact("Ada Lovelace")
    people.add_contact("Sam Taylor")
    people.add_contact("Sam Okafor")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_briefing(app, pilot, ada.id)
        await pilot.press("o", "a", "tab", *"9 jun", "tab", "tab", "tab", "tab", *typed)
        await settle(app, pilot)
        assert says in label(app, "#with-hint")
        await pilot.press("enter")
        await settle(app, pilot)

        assert isinstance(app.screen, OccasionForm)
        assert says in label(app, "#error")
        assert Occasion.select().count() == 0

        await pilot.press("escape")
        await settle(app, pilot)
        assert Occasion.select().count() == 0
        assert "anniversary with" not in card_text(app)


async def test_shared_with_is_only_for_an_anniversary(app_on):
    ada = people.add_contact("Ada Lovelace")
    people.add_contact("Sam Taylor")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_briefing(app, pilot, ada.id)
        await pilot.press("o")
        await settle(app, pilot)
        shared = app.screen.query_one("#with").parent
        assert not shared.display
        await pilot.press("a", "tab", *"10 dec", "tab", "tab", "tab", "tab", *"Zed")
        assert shared.display and app.screen.focused.id == "with"
        await pilot.press(*["shift+tab"] * 5)
        assert app.screen.focused.id == "kind"
        await pilot.press("b")
        assert not shared.display
        await pilot.press("enter")
        await settle(app, pilot)

        assert isinstance(app.screen, BriefingScreen)
        stored = [(o.contact_id, o.kind, o.month, o.day, o.partner_id)
                  for o in Occasion.select()]
        assert stored == [(ada.id, "birthday", 12, 10, None)]
