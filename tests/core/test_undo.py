"""Undo and the trash: every inverse puts the database back exactly.

"Exactly" is checked on the whole JSON backup document (every row of every table, ids and
stored values included), before the change and after its undo; only the trash and the undo
journal themselves may differ.
"""

from __future__ import annotations

import sqlite3

import pendulum
import pytest
import time_machine

from connecttui.core import (
    cards,
    facts,
    family,
    gifts,
    occasions,
    people,
    planning,
    search,
    snooze,
    touches,
    undo,
)
from connecttui.core.errors import Ambiguous, NotFound, UserError
from connecttui.core.store import db as store
from connecttui.core.store.db import transaction
from connecttui.core.store.models import (
    Contact,
    ContactField,
    Gift,
    Occasion,
    Touch,
    Trash,
    UndoEntry,
)
from connecttui.interop import backup

AT = pendulum.datetime(2026, 11, 20, 18, 45, 12, 123456, tz="UTC")
TODAY = pendulum.Date(2026, 11, 27)


def document() -> dict:
    """The database as the JSON backup sees it, without the trash and the journal."""
    doc = backup.document()
    doc["tables"] = {
        name: rows for name, rows in doc["tables"].items() if name not in ("trash", "undoentry")
    }
    return doc


def network() -> dict[str, int]:
    """Ada and everything that can point at a contact; Bob, who shares some of it."""
    ada = people.add_contact("Ada Lovelace", nicknames="Countess", circle="inner",
                             birthday=(1815, 12, 10), notes="[b]poetical[/b] science")
    bob = people.add_contact("Bob Babbage", circle="friends", birthday=(None, 12, 26))
    cid = people.add_contact("Cid Campeador")
    shared = touches.log_touch([ada.id, bob.id], "together", at=AT, note="tea at the salon")
    alone = touches.log_touch([ada.id], "call", at=AT.subtract(days=3), note="analytical engine")
    touches.log_touch([ada.id], "social", at=AT.subtract(days=1), initiator="in")
    touches.log_touch([bob.id, cid.id], "message", at=AT.subtract(days=9))
    ada_birthday = people.birthday_of(ada.id)
    wedding = occasions.add_occasion(ada.id, "anniversary", 7, 8, year=1835, partner_id=bob.id)
    occasions.add_occasion(cid.id, "custom", 5, 1, label="the duel", partner_id=ada.id)
    occasions.add_occasion(ada.id, "custom", 3, 3, label="Note G day", lead_days=5)
    loop = planning.add_open_loop(ada.id, "send the notes", pendulum.Date(2026, 12, 1))
    planning.add_open_loop(bob.id, "ask about the engine", pendulum.Date(2026, 12, 2))
    need = facts.add_fact(ada.id, "need", "a publisher", tags="books")
    offer = facts.add_fact(bob.id, "offer", "knows publishers", tags="books")
    family.add_member(ada.id, "child", "Byron King", birth_year=2001, activities="chess")
    family.add_member(bob.id, "sibling", linked_id=ada.id)
    family.add_member(ada.id, "partner", linked_id=bob.id)
    gifts.add_gift(ada.id, "a slide rule", occasion_id=ada_birthday.id)
    gifts.add_gift(bob.id, "punched cards", occasion_id=wedding.id)
    flowers, _ = gifts.add_gift(cid.id, "flowers for Ada")
    with transaction():  # the app never does it, an old backup might: for another's date
        Gift.update(occasion=ada_birthday.id).where(Gift.id == flowers.id).execute()
    cards.add_card(ada.id, 2026)
    cards.add_card(bob.id, 2026)
    with transaction():
        ContactField.create(contact=ada.id, kind="email", label="home", value="ada@example.org")
    for kind, ref in (("drift", ada.id), ("loop", loop.id), ("memory", alone.id),
                      ("intro", f"{need.id}:{offer.id}"), ("drift", bob.id)):
        snooze.snooze(kind, str(ref), 7, TODAY)
    return {"ada": ada.id, "bob": bob.id, "cid": cid.id, "shared": shared.id,
            "alone": alone.id, "loop": loop.id, "wedding": wedding.id,
            "birthday": ada_birthday.id}


@pytest.fixture
def net(db) -> dict[str, int]:
    return network()


# ----- the trash ------------------------------------------------------------------------------
def test_delete_then_restore_gives_the_same_database(net):
    before = document()
    assert people.delete_contact(net["ada"]) == "Ada Lovelace"
    after = document()["tables"]
    assert [c["name"] for c in after["contact"]] == ["Bob Babbage", "Cid Campeador"]
    assert [t["id"] for t in after["touch"]] == [net["shared"], net["shared"] + 3]
    assert {(s["kind"], s["ref"]) for s in after["snooze"]} == {("drift", str(net["bob"]))}
    # The shared anniversary stayed, now Bob's alone; the gift for Ada's birthday lost it.
    assert [(o["contact_id"], o["partner_id"]) for o in after["occasion"]
            if o["id"] == net["wedding"]] == [(net["bob"], None)]
    assert Gift.get(Gift.text == "flowers for Ada").occasion_id is None
    [item] = undo.trash()
    assert (item.name, item.contact_id, item.touches) == ("Ada Lovelace", net["ada"], 3)

    assert undo.restore_contact(item.id) == net["ada"]
    assert document() == before
    assert undo.trash() == []
    # The search indexes are back too.
    assert [h.contact_name for h in search.search("countess")] == ["Ada Lovelace"]
    assert [h.touch_id for h in search.search("analytical")] == [net["alone"]]


@pytest.mark.sqlite_only("SQLite hands a deleted newest id out again; a PostgreSQL sequence "
                        "never does, so this clash cannot happen there")
def test_restore_refuses_an_id_used_again_and_changes_nothing(net):
    people.delete_contact(net["cid"])  # the newest contact: SQLite hands its id out again
    newcomer = people.add_contact("Dora Newcomer")
    assert newcomer.id == net["cid"]
    before = backup.document()
    [item] = undo.trash()
    with pytest.raises(UserError, match=r"can't put back Cid Campeador: contact #\d+ has been "
                                        r"used again"):
        undo.restore_contact(item.id)
    assert backup.document() == before
    with pytest.raises(NotFound, match="no longer in the trash"):
        undo.restore_contact(item.id + 1)


def test_restore_after_a_shared_partner_was_deleted_too(net):
    """Rows pointing at something deleted since come back pointing at nothing."""
    people.delete_contact(net["ada"])
    people.delete_contact(net["bob"])
    ada_item = next(item for item in undo.trash() if item.name == "Ada Lovelace")
    undo.restore_contact(ada_item.id)
    ada = people.get_contact(net["ada"])
    assert ada.name == "Ada Lovelace"
    wedding = Occasion.get_by_id(net["wedding"])  # Bob kept it, and Bob went to the trash
    assert wedding.contact_id == net["ada"] and wedding.partner_id is None
    assert [t.touch_id for t in touches.timeline(net["ada"])] == [
        net["alone"] + 1, net["alone"]]  # the tea with Bob went with Bob
    assert ada.last_touch_at == AT.subtract(days=1)


def test_trash_lists_newest_first_and_finds_by_name(db):
    with time_machine.travel("2026-11-01 10:00 +00:00", tick=False):
        first = people.add_contact("Ada Lovelace").id
        people.delete_contact(first)
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        second = people.add_contact("Ada Lovelace", notes="the second one").id
        people.delete_contact(second)
        people.delete_contact(people.add_contact("Adam Smith").id)
    assert [(item.name, item.deleted_at.day) for item in undo.trash()] == [
        ("Adam Smith", 20), ("Ada Lovelace", 20), ("Ada Lovelace", 1)]
    assert undo.find_trashed("ada lovelace").deleted_at.day == 20
    assert undo.find_trashed("LOVE").name == "Ada Lovelace"
    with pytest.raises(Ambiguous) as error:
        undo.find_trashed("ad")
    assert error.value.candidates == ["Adam Smith", "Ada Lovelace"]
    with pytest.raises(NotFound, match='no contact in the trash matches "zed"') as error:
        undo.find_trashed("zed")
    assert error.value.candidates == []
    with pytest.raises(NotFound) as error:
        undo.find_trashed("lovelce")
    assert error.value.candidates == ["Ada Lovelace"]


def test_purge_by_age_one_or_all(db):
    with time_machine.travel("2026-11-01 10:00 +00:00", tick=False):
        people.delete_contact(people.add_contact("Old Timer").id)
    with time_machine.travel("2026-11-27 10:00 +00:00", tick=False):
        recent = people.add_contact("Recent Ruth").id
        people.delete_contact(recent)
        undo.record("deleted Recent Ruth", undo.inverse_of_delete_contact(recent))
        people.delete_contact(people.add_contact("Third Thea").id)
        assert undo.purge(older_than_days=30) == 0
        assert undo.purge(older_than_days=7) == 1
        assert [item.name for item in undo.trash()] == ["Third Thea", "Recent Ruth"]
        ruth = undo.trash()[1].id
        assert undo.purge(ruth) == 1
        assert UndoEntry.select().count() == 0  # its undo went with it
        assert undo.undo_last() is None
        with pytest.raises(NotFound):
            undo.purge(ruth)
        assert undo.purge() == 1
    assert Trash.select().count() == 0


# ----- the journal: each change, then its undo -----------------------------------------------
def check_undo(label: str, change) -> None:
    """Make the change (which records itself), then undo it: the same database as before."""
    before = document()
    change()
    assert document() != before
    assert undo.undo_last() == f"undid: {label}"
    assert document() == before


def test_undo_add(net):
    def add():
        contact = people.add_contact("Eve Newcomer", birthday=(1990, 1, 2), circle="work")
        undo.record("added Eve Newcomer", undo.inverse_of_add(contact.id))

    check_undo("added Eve Newcomer", add)


def test_undo_edit_puts_back_fields_circle_birthday_and_its_gifts(net):
    def edit():
        with transaction():
            inverse = undo.inverse_of_edit(net["ada"])
            people.update_contact(net["ada"], circle="work", name="Augusta Ada King",
                                  notes="edited", ideal_days=3, max_days=9)
            people.set_birthday(net["ada"], (1815, 12, 11))
            undo.record("edited Ada Lovelace", inverse)
        assert Gift.get(Gift.text == "a slide rule").occasion_id is None

    check_undo("edited Ada Lovelace", edit)
    assert [h.contact_name for h in search.search("poetical")] == ["Ada Lovelace"]


def test_undo_log(net):
    def log():
        touch = touches.log_touch([net["ada"], net["cid"]], "call", note="about the duel")
        undo.record("logged call with Ada Lovelace, Cid Campeador",
                    undo.inverse_of_log(touch.id))

    check_undo("logged call with Ada Lovelace, Cid Campeador", log)


def test_undo_delete_contact(net):
    def delete():
        people.delete_contact(net["ada"])
        undo.record("deleted Ada Lovelace", undo.inverse_of_delete_contact(net["ada"]))

    check_undo("deleted Ada Lovelace", delete)
    assert undo.trash() == []


def test_undo_delete_touch_puts_back_links_and_last_touch(net):
    def delete():
        inverse = undo.inverse_of_delete_touch(net["shared"])
        touches.delete_touch(net["shared"])
        undo.record("deleted a together", inverse)
        assert people.get_contact(net["bob"]).last_touch_at == AT.subtract(days=9)

    check_undo("deleted a together", delete)
    assert [h.touch_id for h in search.search("salon")] == [net["shared"]]


@pytest.mark.parametrize("note", ["", "she said yes"])
def test_undo_close_loop_reopens_and_removes_the_notes_touch(net, note):
    def close():
        planning.close_open_loop(net["loop"], note)
        undo.record("closed open loop: send the notes",
                    undo.inverse_of_close_loop(net["loop"], note))
        assert Touch.select().count() == (5 if note else 4)

    check_undo("closed open loop: send the notes", close)


def test_undo_delete_loop(net):
    def delete():
        inverse = undo.inverse_of_delete_loop(net["loop"])
        planning.delete_open_loop(net["loop"])
        undo.record("deleted open loop: send the notes", inverse)

    check_undo("deleted open loop: send the notes", delete)


def test_undo_delete_occasion_with_its_gifts(net):
    def delete():
        inverse = undo.inverse_of_delete_occasion(net["wedding"])
        occasions.delete_occasion(net["wedding"])
        undo.record("deleted occasion: anniversary", inverse)

    check_undo("deleted occasion: anniversary", delete)


def test_undo_goes_back_one_change_at_a_time_and_keeps_fifty(net):
    assert UndoEntry.select().count() == 0
    assert undo.undo_last() is None
    before = document()
    for number in range(undo.KEEP + 5):
        touch = touches.log_touch([net["cid"]], "message", note=f"number {number}")
        undo.record(f"logged message {number}", undo.inverse_of_log(touch.id))
    assert UndoEntry.select().count() == undo.KEEP
    assert undo.undo_last() == f"undid: logged message {undo.KEEP + 4}"
    assert undo.undo_last() == f"undid: logged message {undo.KEEP + 3}"
    while undo.undo_last() is not None:
        pass
    assert [t.note for t in touches.timeline(net["cid"])][:1] == ["number 4"]
    for touch_id in [t.touch_id for t in touches.timeline(net["cid"])][:5]:
        touches.delete_touch(touch_id)
    assert document() == before


def test_a_change_that_cannot_be_undone_says_so_and_steps_aside(net):
    touch = touches.log_touch([net["cid"]], "call")
    undo.record("logged call with Cid Campeador", undo.inverse_of_log(touch.id))
    loop = planning.add_open_loop(net["cid"], "return the sword", pendulum.Date(2026, 12, 9))
    undo.record("deleted open loop: return the sword", undo.inverse_of_delete_loop(loop.id))
    touches.delete_touch(touch.id)  # not through the journal: the undo has nothing to delete
    with pytest.raises(UserError, match=r"can't put back the open loop: openloop #\d+ has "
                                        r"been used again"):
        undo.undo_last()
    with pytest.raises(UserError, match="can't undo logged call with Cid Campeador: that "
                                        "touch no longer exists"):
        undo.undo_last()
    assert undo.undo_last() is None


@pytest.mark.sqlite_only("rewrites a saved SQLite file back to schema 4")
def test_schema_4_database_gets_the_new_tables(home, db_path):
    store.open_db(db_path)
    store.close_db()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("DROP TABLE trash")
        conn.execute("DROP TABLE undoentry")
        conn.execute("DELETE FROM schemaversion WHERE version >= 5")
    conn.close()
    store.open_db(db_path)
    try:
        people.delete_contact(people.add_contact("Ada Lovelace").id)
        assert [item.name for item in undo.trash()] == ["Ada Lovelace"]
        assert Contact.select().count() == 0
    finally:
        store.close_db()
