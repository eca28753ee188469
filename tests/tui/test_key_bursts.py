"""Keys that arrive in one burst land in the field that has the focus once the keys before
them are handled (issue 15: `tab` then "Tomi" in the add dialog used to end up in the name,
"Tomás RuizTomi", with the nicknames empty).

`Pilot.press` waits for the app to idle after every key, so it never shows this; `burst`
(tests/helpers/tui.py) queues the keys at once, as one terminal read does.
"""

from __future__ import annotations

from helpers.tui import burst, pane, settle

from connecttui.core import people
from connecttui.core.store.models import Circle, Contact, Touch

SIZE = (120, 36)


async def test_a_burst_across_the_add_dialogs_fields(app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await burst(pilot, *"Tomás Ruiz", "tab", *"Tomi", "enter")
        await settle(app, pilot)
        first = Contact.get(Contact.name.startswith("Tom"))
        assert (first.name, first.nicknames) == ("Tomás Ruiz", "Tomi")

        # the key that opens the dialog in the same burst, and a field three tabs away
        await burst(pilot, "a", *"Grace Hopper", "tab", *"Amazing Grace", "tab",
                    *"--12-09", "tab", "tab", *"14/30", "enter")
        await settle(app, pilot)
    grace = Contact.get(Contact.name == "Grace Hopper")
    assert grace.nicknames == "Amazing Grace"
    assert (grace.ideal_days, grace.max_days) == (14, 30)
    assert [(o.month, o.day, o.year) for o in grace.occasions] == [(12, 9, None)]
    assert Contact.select().count() == 2


async def test_a_burst_through_the_log_dialog(db, app_on):
    ada = people.add_contact("Ada Lovelace")
    people.add_contact("Grace Hopper")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await burst(pilot, "l", "m", *"hello", "tab", "end", *", grace", "tab", "right",
                    "enter")
        await settle(app, pilot)
        assert [row.note for row in pane(app, "timeline").rows] == ["hello"]
    touch = Touch.get()
    assert (touch.kind, touch.initiator, touch.note) == ("message", "in", "hello")
    assert sorted(link.contact.name for link in touch.people) == ["Ada Lovelace",
                                                                 "Grace Hopper"]
    assert ada.id in [link.contact_id for link in touch.people]


async def test_a_stopped_key_does_not_hold_the_next_ones(db, app_on):
    """Letters a field takes (and stops) let the next keys through at once."""
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await burst(pilot, *"Barbara Liskov")
        await settle(app, pilot)
        assert app.screen.query_one("#name").value == "Barbara Liskov"
        assert app._keys_held == type(app._keys_held)()
        await pilot.press("enter")
        await settle(app, pilot)
    assert [c.name for c in Contact.select()] == ["Barbara Liskov"]
    assert Circle.select().count() == 4
