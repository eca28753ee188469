"""The core commands (core/commands/): each change records its own undo in its own
transaction, and undoing it gives back the whole database exactly (the JSON backup, as in
test_undo.py); the journal's ops come from an explicit registry.
"""

from __future__ import annotations

import json

import pendulum
import pytest
from test_undo import TODAY, document, network

from connecttui.core import undo
from connecttui.core.commands import cards, circles, contacts, details, plans, timeline
from connecttui.core.errors import FutureTouch, UserError
from connecttui.core.store.models import (
    Fact,
    FamilyMember,
    Gift,
    HolidayCard,
    Occasion,
    OpenLoop,
    Touch,
    UndoEntry,
)


@pytest.fixture
def net(db) -> dict[str, int]:
    return network()


def _first(model, **where):
    query = model.select()
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return query.order_by(model.id).first().id


CHANGES = {
    "add contact": lambda n: contacts.add_contact("Eve", birthday=(1990, 1, 2), circle="work"),
    "edit contact": lambda n: contacts.edit_contact(n["ada"], name="Ada King", circle="work",
                                                    birthday=None),
    "delete contact": lambda n: contacts.delete_contact(n["bob"]),
    "log touch": lambda n: timeline.log_touch([n["ada"], n["bob"]], "call", note="hi"),
    "delete touch": lambda n: timeline.delete_touch(n["shared"]),
    "add loop": lambda n: plans.add_open_loop(n["ada"], "call back", TODAY),
    "close loop": lambda n: plans.close_open_loop(n["loop"], "it went well"),
    "move loop": lambda n: plans.move_open_loop(n["loop"], pendulum.Date(2026, 12, 9)),
    "delete loop": lambda n: plans.delete_open_loop(n["loop"]),
    "add occasion": lambda n: plans.add_occasion(n["bob"], "custom", 4, 1, label="fools"),
    "delete occasion": lambda n: plans.delete_occasion(n["wedding"]),
    "snooze again": lambda n: plans.snooze_suggestion("drift", str(n["ada"]), 14, TODAY),
    "snooze new": lambda n: plans.snooze_suggestion("drift", str(n["cid"]), 3, TODAY),
    "add fact": lambda n: details.add_fact(n["cid"], "need", "a horse #travel"),
    "edit fact": lambda n: details.edit_fact(_first(Fact), "offer", "printing", "press"),
    "delete fact": lambda n: details.delete_fact(_first(Fact)),
    "add member": lambda n: details.add_member(n["cid"], "partner", linked_id=n["ada"]),
    "edit member": lambda n: details.edit_member(_first(FamilyMember), "other", "B. King"),
    "delete member": lambda n: details.delete_member(_first(FamilyMember, linked=n["bob"])),
    "add gift": lambda n: details.add_gift(n["ada"], "a lamp", "given"),
    "edit gift": lambda n: details.edit_gift(_first(Gift), "a compass", "given"),
    "delete gift": lambda n: details.delete_gift(_first(Gift)),
    "add circle": lambda n: circles.add_circle("book club", 10, 20, False),
    "edit circle": lambda n: circles.edit_circle(1, "closest", 5, 9, True),
    "add card": lambda n: cards.add_card(n["cid"], 2026),
    "remove card": lambda n: cards.remove_card(_first(HolidayCard)),
    "mark sent": lambda n: cards.mark_sent(_first(HolidayCard)),
}


@pytest.mark.parametrize("name", CHANGES)
def test_each_command_journals_itself_and_its_undo_gives_back_everything(net, name):
    before = document()
    entries = UndoEntry.select().count()
    CHANGES[name](net)
    assert document() != before
    assert UndoEntry.select().count() == entries + 1  # one change, one entry
    assert undo.undo_last().startswith("undid: ")
    assert document() == before


def test_a_refused_change_leaves_no_journal_entry(net):
    with pytest.raises(FutureTouch):
        timeline.log_touch([net["ada"]], "call", at=pendulum.now("UTC").add(days=2))
    with pytest.raises(UserError):
        details.add_fact(net["ada"], "need", "   ")
    with pytest.raises(UserError):
        details.edit_gift(_first(Gift), "a lamp", "idea", on=TODAY)
    assert UndoEntry.select().count() == 0
    assert Touch.select().count() == 4


def test_an_unknown_op_is_a_clear_error_not_a_lookup_by_name(net):
    undo.record("a change from the future", {"op": "trash_contact", "contact_id": net["ada"]})
    with pytest.raises(UserError, match="no undo \\(unknown op 'trash_contact'\\)"):
        undo.undo_last()
    assert UndoEntry.select().count() == 0  # dropped, so the one before comes next
    undo.record("a table it may not touch", {"op": "delete_rows", "table": "contact",
                                             "ids": [net["ada"]]})
    with pytest.raises(UserError, match="unknown table 'contact'"):
        undo.undo_last()
    assert document()["tables"]["contact"]


def test_the_registry_lists_every_op_once():
    from pathlib import Path

    from connecttui.core import commands

    on_disk = {path.stem for path in Path(commands.__file__).parent.glob("*.py")}
    assert set(commands.MODULES) == on_disk - {"__init__"}  # undo_last loads them all
    commands.register_undo_ops()
    assert {"delete_touch", "put_contact", "insert_rows", "put_rows", "delete_rows"} <= set(
        undo.UNDOERS)
    with pytest.raises(ValueError, match="two undo functions"):
        undo.undoes("delete_touch")(lambda step: None)


def test_undoing_a_deleted_fact_after_its_contact_went_is_refused(net):
    details.delete_fact(_first(Fact, contact=net["ada"]))
    entry = json.loads(UndoEntry.select().order_by(UndoEntry.id.desc()).first().inverse)
    assert entry["op"] == "insert_rows"
    contacts.delete_contact(net["ada"])
    assert undo.undo_last() == "undid: deleted Ada Lovelace"
    contacts.delete_contact(net["ada"])
    UndoEntry.delete().where(UndoEntry.label == "deleted Ada Lovelace").execute()
    with pytest.raises(UserError, match="its contact has been deleted since"):
        undo.undo_last()
    assert Occasion.select().count() > 0 and OpenLoop.select().count() > 0
