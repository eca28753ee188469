"""Changes made by the CLI are journaled, so `connecttui undo` (and `u` in the TUI) takes them
back; and facts, family members and gifts are listed, edited and deleted from the CLI.

Run as a user runs them (`python -m connecttui` subprocesses, fixtures from tests/test_cli.py),
checked with plain sqlite3 on the file.
"""

from __future__ import annotations

import test_cli
from test_cli import assert_user_error, core, count, rows, seed_names

from connecttui.core import family as kin
from connecttui.core.commands import contacts

cli = test_cli.cli
env = test_cli.env


def undo_ok(cli, said: str) -> None:
    run = cli("undo")
    assert (run.code, run.out) == (0, f"undid: {said}\n"), run.err


def test_log_then_undo_deletes_the_touch(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    assert cli("log", "ada", "--kind", "c", "engines").code == 0
    assert rows(db_path, "SELECT kind, note FROM touch") == [("call", "engines")]
    assert rows(db_path, "SELECT last_touch_at IS NOT NULL FROM contact") == [(1,)]
    undo_ok(cli, "logged call with Ada Lovelace")
    assert count(db_path, "touch") == 0 and count(db_path, "touchcontact") == 0
    assert rows(db_path, "SELECT last_touch_at FROM contact") == [(None,)]
    assert cli("undo").out == "nothing to undo\n"


def test_add_then_undo_removes_the_contact_and_birthday(cli, db_path):
    assert cli("add", "Grace Hopper", "--birthday", "12-09").code == 0
    assert count(db_path, "contact") == 1 and count(db_path, "occasion") == 1
    undo_ok(cli, "added Grace Hopper")
    assert count(db_path, "contact") == 0 and count(db_path, "occasion") == 0
    assert count(db_path, "trash") == 0  # erased, not trashed


def test_fact_add_edit_delete_each_undone(cli, db_path):
    seed_names(db_path, "Frances Allen")
    assert cli("fact", "frances", "--need", "a", "tax", "adviser", "--tag", "tax").code == 0
    run = cli("fact", "frances", "--list")
    assert run.out == "  1  need: a tax adviser\n", run.err
    run = cli("fact", "frances", "--edit", "1", "an", "accountant")
    assert run.out == "changed need for Frances Allen: a tax adviser -> an accountant\n", run.err
    assert rows(db_path, "SELECT kind, text, tags FROM fact") == [("need", "an accountant", "tax")]
    undo_ok(cli, "edited a fact about Frances Allen")
    assert rows(db_path, "SELECT kind, text, tags FROM fact") == [("need", "a tax adviser", "tax")]
    stored = rows(db_path, "SELECT * FROM fact")
    run = cli("fact", "frances", "--delete", "a tax")
    assert run.out == "deleted from Frances Allen: need: a tax adviser\n", run.err
    assert count(db_path, "fact") == 0
    undo_ok(cli, "deleted need for Frances Allen: a tax adviser")
    assert rows(db_path, "SELECT * FROM fact") == stored  # same row, same id
    assert "Frances Allen" in cli("search", "adviser").out  # indexed again
    undo_ok(cli, "added need for Frances Allen: a tax adviser")
    assert count(db_path, "fact") == 0


def test_gift_add_edit_delete_each_undone(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    assert cli("gift", "ada", "a", "fountain", "pen").code == 0
    run = cli("gift", "ada", "--edit", "fountain", "an", "inkwell", "--given")
    assert run.code == 0, run.err
    assert rows(db_path, "SELECT text, status, \"on\" IS NOT NULL FROM gift") == [
        ("an inkwell", "given", 1)]
    undo_ok(cli, "edited gift for Ada Lovelace: an inkwell")
    assert rows(db_path, "SELECT text, status, \"on\" FROM gift") == [
        ("a fountain pen", "idea", None)]
    assert cli("gift", "ada", "--delete", "1").code == 0
    assert count(db_path, "gift") == 0
    undo_ok(cli, "deleted gift for Ada Lovelace: a fountain pen")
    undo_ok(cli, "added gift for Ada Lovelace: a fountain pen")
    assert count(db_path, "gift") == 0


def test_family_add_edit_delete_each_undone(cli, db_path):
    seed_names(db_path, "Ada Lovelace", "Grace Hopper")
    assert cli("family", "ada", "--child", "Leo", "--born", "2017").code == 0
    run = cli("family", "ada", "--edit", "leo", "--does", "football")
    assert run.code == 0, run.err
    assert rows(db_path, "SELECT name, birth_year, activities FROM familymember") == [
        ("Leo", 2017, "football")]
    undo_ok(cli, "edited Leo in Ada Lovelace's family")
    assert rows(db_path, "SELECT activities FROM familymember") == [("",)]
    assert cli("family", "ada", "--delete", "Leo").code == 0
    undo_ok(cli, "deleted Leo from Ada Lovelace's family")
    assert rows(db_path, "SELECT name FROM familymember") == [("Leo",)]
    assert cli("family", "ada", "--partner", "grace", "--contact").code == 0
    assert count(db_path, "familymember") == 3  # Leo, Grace, and Ada on Grace's card
    undo_ok(cli, "added Grace Hopper to Ada Lovelace's family")
    assert rows(db_path, "SELECT name FROM familymember") == [("Leo",)]


def test_family_contact_is_stored_on_both_cards_and_undone_together(cli, db_path):
    """`--contact` does what the briefing's `m` does: the relation goes on the other
    contact's card too (a child's parent, a partner's partner), unless they already name
    this contact; one `undo` takes both rows away."""
    seed_names(db_path, "Ada Lovelace", "Sam King", "Leo Byron")
    ada, sam, leo = (row[0] for row in rows(db_path, "SELECT id FROM contact ORDER BY id"))
    family = "SELECT contact_id, relation, linked_id FROM familymember ORDER BY id"
    run = cli("family", "ada", "--child", "leo", "--contact")
    assert run.out == "added to Ada Lovelace's family: Leo Byron\n", run.err
    assert rows(db_path, family) == [(ada, "child", leo), (leo, "parent", ada)]
    assert "Family:\n  parent: Ada Lovelace\n" in cli("show", "leo").out
    undo_ok(cli, "added Leo Byron to Ada Lovelace's family")
    assert count(db_path, "familymember") == 0

    with core(db_path):  # Ada already names Sam (one side, as the CLI used to store it)
        kin.add_member(ada, "partner", linked_id=sam)
    assert cli("family", "sam", "--partner", "ada", "--contact").code == 0
    assert rows(db_path, family) == [(ada, "partner", sam), (sam, "partner", ada)]
    undo_ok(cli, "added Ada Lovelace to Sam King's family")
    assert rows(db_path, family) == [(ada, "partner", sam)]


def test_which_must_name_one(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    assert cli("fact", "ada", "likes", "sailing").code == 0
    assert cli("fact", "ada", "likes", "chess").code == 0
    run = cli("fact", "ada", "--delete", "likes")
    assert run.code == 2 and "could be 2" in run.err and "likes chess" in run.err, run.err
    assert assert_user_error(cli("fact", "ada", "--delete", "3"), 2) == (
        "connecttui: no fact of Ada Lovelace has the number 3: they are numbered 1 to 2")
    assert "one of --list" in assert_user_error(cli("fact", "ada", "--list", "--delete", "1"))
    assert count(db_path, "fact") == 2


def test_loop_move_and_snooze_are_undone_too(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    assert cli("circle", "add", "book club").code == 0
    assert cli("move", "ada", "book club").code == 0
    assert cli("loop", "ada", "send", "the", "notes").code == 0
    assert cli("snooze", "ada", "--days", "7").code == 0
    undo_ok(cli, "snoozed Ada Lovelace (drifting) for 7 days")
    assert count(db_path, "snooze") == 0
    undo_ok(cli, "added open loop: send the notes")
    assert count(db_path, "openloop") == 0
    undo_ok(cli, "moved Ada Lovelace to book club")
    assert rows(db_path, "SELECT circle_id FROM contact") == [(None,)]
    undo_ok(cli, "added circle book club")
    assert rows(db_path, "SELECT COUNT(*) FROM circle WHERE name = 'book club'") == [(0,)]


def test_undelete_is_undone_back_into_the_trash(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    assert cli("gift", "ada", "a", "lamp").code == 0
    stored = rows(db_path, "SELECT * FROM gift")
    assert cli("log", "ada", "--kind", "c").code == 0
    with core(db_path):  # deleting is the TUI's `d`; undelete and undo are the CLI's
        contacts.delete_contact(1)
    assert count(db_path, "contact") == 0 and count(db_path, "trash") == 1
    assert cli("undelete", "ada").code == 0
    assert count(db_path, "trash") == 0 and rows(db_path, "SELECT * FROM gift") == stored
    undo_ok(cli, "undeleted Ada Lovelace")
    assert count(db_path, "contact") == 0 and count(db_path, "trash") == 1
    # the touch went to the trash with her: said in one line, and the entry is dropped
    assert "that touch no longer exists" in assert_user_error(cli("undo"))
    assert "that gift no longer exists" in assert_user_error(cli("undo"))
    assert cli("undo").out == "nothing to undo\n"
