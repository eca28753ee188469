"""The circle commands, run as a user runs them: `python -m connecttui ...` subprocesses.

Fixtures (`cli`, `env`, `home`, `db_path`) and helpers come from tests/test_cli.py's
conventions: seeded in-process through the core, checked with plain sqlite3.
"""

from __future__ import annotations

from pathlib import Path

import test_cli
from test_cli import assert_user_error, core, count, rows

from connecttui.core import people, touches

cli = test_cli.cli  # the fixtures, shared with the foundation's CLI tests
env = test_cli.env


def circles_of(path: Path) -> list[tuple]:
    return rows(path, "SELECT name, ideal_days, max_days, resting FROM circle "
                "ORDER BY position, name")


def circle_of(path: Path, contact: str) -> str | None:
    [(name,)] = rows(path, "SELECT ci.name FROM contact c LEFT JOIN circle ci "
                     "ON ci.id = c.circle_id WHERE c.name = ?", contact)
    return name


def test_circles_lists_windows_resting_and_counts(cli, db_path):
    with core(db_path):
        people.add_contact("Ada Lovelace", circle="inner")
        people.add_contact("Grace Hopper", circle="inner")
        people.add_contact("Alan Turing", circle="resting")
    run = cli("circles")
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "inner    14-30d              2 contacts",
        "friends  30-60d              0 contacts",
        "work     60-120d             0 contacts",
        "resting  no window  resting  1 contact",
    ]


def test_circle_add_with_a_window_then_every_then_resting(cli, db_path):
    run = cli("circle", "add", "climbing", "--window", "21/42")
    assert run.code == 0, run.err
    assert run.out == "added circle climbing (21-42d)\n"
    run = cli("circle", "add", "choir", "--every", "10", "--resting")
    assert run.code == 0, run.err
    assert run.out == "added circle choir (10-20d, resting)\n"
    assert circles_of(db_path)[-2:] == [("climbing", 21, 42, 0), ("choir", 10, 20, 1)]


def test_circle_rename_keeps_the_contacts(cli, db_path):
    with core(db_path):
        people.add_contact("Ada Lovelace", circle="work")
    run = cli("circle", "rename", "WORK", "colleagues")
    assert run.code == 0, run.err
    assert run.out == "renamed circle work to colleagues\n"
    assert circle_of(db_path, "Ada Lovelace") == "colleagues"


def test_circle_window_sets_and_clears_and_refuses_a_short_maximum(cli, db_path):
    run = cli("circle", "window", "friends", "10/25")
    assert run.code == 0, run.err
    assert run.out == "friends: 10-25d\n"
    assert circles_of(db_path)[1] == ("friends", 10, 25, 0)
    assert "shorter" in assert_user_error(cli("circle", "window", "friends", "30/14"), 1)
    assert circles_of(db_path)[1] == ("friends", 10, 25, 0)
    run = cli("circle", "window", "friends", "none")
    assert run.code == 0, run.err
    assert run.out == "friends: no window\n"
    assert circles_of(db_path)[1] == ("friends", None, None, 0)


def test_circle_rest_and_rest_off(cli, db_path):
    run = cli("circle", "rest", "work")
    assert run.code == 0, run.err
    assert run.out == "work is resting: its contacts are never suggested\n"
    assert circles_of(db_path)[2] == ("work", 60, 120, 1)
    run = cli("circle", "rest", "resting", "--off")
    assert run.code == 0, run.err
    assert run.out == "resting is active again\n"
    assert circles_of(db_path)[3] == ("resting", None, None, 0)


def test_circle_delete_says_how_many_lost_their_circle_and_keeps_them(cli, db_path):
    with core(db_path):
        ada = people.add_contact("Ada Lovelace", circle="work")
        grace = people.add_contact("Grace Hopper", circle="work")
        touches.log_touch([ada.id, grace.id], "together", note="hiked the ridge")
    run = cli("circle", "delete", "work")
    assert run.code == 0, run.err
    assert run.out == "deleted circle work; 2 contacts have no circle now\n"
    assert [name for name, *_ in circles_of(db_path)] == ["inner", "friends", "resting"]
    assert rows(db_path, "SELECT name, circle_id FROM contact ORDER BY name") == [
        ("Ada Lovelace", None), ("Grace Hopper", None)]
    assert count(db_path, "touchcontact") == 2
    assert rows(db_path, "SELECT note FROM touch") == [("hiked the ridge",)]


def test_move_puts_a_contact_in_a_circle_or_none_and_an_unknown_circle_exits_2(cli, db_path):
    with core(db_path):
        people.add_contact("Ada Lovelace", circle="work")
    line = assert_user_error(cli("move", "ada", "climbing"), 2)
    assert line == ('connecttui: there is no circle called "climbing" '
                    "(circles: inner, friends, work, resting)")
    assert circle_of(db_path, "Ada Lovelace") == "work"
    run = cli("move", "ada", "Inner")
    assert run.code == 0, run.err
    assert run.out == "moved Ada Lovelace to inner\n"
    assert circle_of(db_path, "Ada Lovelace") == "inner"
    run = cli("move", "ada", "-")
    assert run.code == 0, run.err
    assert run.out == "Ada Lovelace has no circle now\n"
    assert circle_of(db_path, "Ada Lovelace") is None
