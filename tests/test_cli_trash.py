"""`trash`, `undelete`, `purge` and `undo`, run as a user runs them (`python -m connecttui`).

Fixtures (`cli`, `env`, `home`, `db_path`) and helpers come from tests/test_cli.py: seeded
in-process through the core, checked with plain sqlite3.
"""

from __future__ import annotations

import re

import test_cli
from test_cli import assert_user_error, core, count, rows

from connecttui.core import people, touches, undo

cli = test_cli.cli
env = test_cli.env


def seed(path) -> None:
    """Ada (one touch of her own, one shared with Grace) and Bob, both deleted."""
    with core(path):
        ada = people.add_contact("Ada Lovelace", birthday=(1815, 12, 10))
        grace = people.add_contact("Grace Hopper")
        bob = people.add_contact("Bob [red]Babbage[/red]")
        touches.log_touch([ada.id], "call", note="engines")
        touches.log_touch([ada.id, grace.id], "together")
        people.delete_contact(ada.id)
        people.delete_contact(bob.id)


def test_trash_lists_then_undelete_brings_back_everything(cli, db_path):
    run = cli("trash")
    assert (run.code, run.out) == (0, "the trash is empty\n"), run.err
    seed(db_path)
    run = cli("trash")
    assert run.code == 0, run.err
    when = r"deleted \d{4}-\d\d-\d\d \d\d:\d\d"
    lines = run.out.splitlines()
    assert len(lines) == 2
    assert re.fullmatch(rf"Bob \[red\]Babbage\[/red\]  {when}  0 touches", lines[0]), lines
    assert re.fullmatch(rf"Ada Lovelace            {when}  2 touches", lines[1]), lines

    run = cli("undelete", "ADA")
    assert (run.code, run.out) == (0, "restored Ada Lovelace (2 touches)\n"), run.err
    assert rows(db_path, "SELECT name FROM contact ORDER BY id") == [
        ("Ada Lovelace",), ("Grace Hopper",)]
    assert count(db_path, "touch") == 2 and count(db_path, "touchcontact") == 3
    assert rows(db_path, "SELECT kind, month, day FROM occasion") == [("birthday", 12, 10)]
    assert rows(db_path, "SELECT name FROM trash") == [("Bob [red]Babbage[/red]",)]

    run = cli("undelete", "ada")
    assert "no contact in the trash matches" in assert_user_error(run, 2)


def test_purge_needs_a_choice_then_purges(cli, db_path):
    seed(db_path)
    assert "--older-than DAYS or --all" in assert_user_error(cli("purge"))
    assert "not both" in assert_user_error(cli("purge", "--all", "--older-than", "3"))
    run = cli("purge", "--older-than", "30")
    assert (run.code, run.out) == (0, "purged 0 contacts from the trash\n"), run.err
    assert count(db_path, "trash") == 2
    run = cli("purge", "--all")
    assert (run.code, run.out) == (0, "purged 2 contacts from the trash\n"), run.err
    assert count(db_path, "trash") == 0


def test_undo_takes_back_the_last_recorded_change(cli, db_path):
    with core(db_path):
        ada = people.add_contact("Ada Lovelace")
        touch = touches.log_touch([ada.id], "call")
        undo.record("logged call with Ada Lovelace", undo.inverse_of_log(touch.id))
    run = cli("undo")
    assert (run.code, run.out) == (0, "undid: logged call with Ada Lovelace\n"), run.err
    assert count(db_path, "touch") == 0
    assert rows(db_path, "SELECT last_touch_at FROM contact") == [(None,)]
    run = cli("undo")
    assert (run.code, run.out) == (0, "nothing to undo\n"), run.err
