"""`connecttui deceased NAME [--date D]` and `--clear`, run as a user runs them.

Fixtures (`cli`, `env`, `home`, `db_path`) and helpers come from tests/test_cli.py: seeded
in-process through the core, checked with plain SQL.
"""

from __future__ import annotations

import test_cli
import test_completion
from test_cli import assert_user_error, at_noon, core, rows

from connecttui.core import people, planning, touches

cli = test_cli.cli
env = test_cli.env
shell_env = test_completion.shell_env


def seed(path) -> None:
    """Charles, drifting (inner circle, last call 100 days ago), with an open loop; Ada."""
    with core(path):
        charles = people.add_contact("Charles Babbage", circle="inner")
        touches.log_touch([charles.id], "call", at=at_noon(100), note="the engines")
        planning.add_open_loop(charles.id, "send the tables", at_noon(1).date())
        people.add_contact("Ada Lovelace", circle="inner")


def state(path) -> list[tuple]:
    return [(name, bool(dead), str(day) if day else None) for name, dead, day in
            rows(path, "SELECT name, deceased, deceased_on FROM contact ORDER BY id")]


def test_mark_with_a_date_then_nothing_nags(cli, db_path):
    seed(db_path)
    assert "Charles Babbage" in cli("upcoming").out  # drifting, and the loop is due

    run = cli("deceased", "charles", "--date", "2024-03-03")

    assert run.code == 0, run.err
    assert run.out == ("Charles Babbage: died 3 March 2024; never drifting or suggested from "
                       "now on\n1 open loop kept on their card, no longer due "
                       "(`connecttui show` lists them)\n")
    assert state(db_path)[0] == ("Charles Babbage", True, "2024-03-03")
    assert "Charles" not in cli("upcoming").out
    shown = cli("show", "charles").out
    assert "Died 3 March 2024 · last touch 100 days ago" in shown
    assert "send the tables" in shown and "window" not in shown
    assert "Charles Babbage" in cli("search", "engines").out


def test_mark_without_a_date_then_clear_and_undo(cli, db_path):
    seed(db_path)
    run = cli("deceased", "Charles Babbage")
    assert run.code == 0, run.err
    assert run.out.startswith("Charles Babbage: deceased; never drifting")
    assert state(db_path)[0] == ("Charles Babbage", True, None)
    assert cli("show", "charles").out.count("Deceased · last touch") == 1

    run = cli("deceased", "charles", "--clear")
    assert (run.code, run.out) == (0, "Charles Babbage is no longer marked deceased\n")
    assert state(db_path)[0] == ("Charles Babbage", False, None)
    assert "Charles Babbage" in cli("upcoming").out

    run = cli("undo")
    assert (run.code, run.out) == (0, "undid: cleared deceased for Charles Babbage\n")
    assert state(db_path)[0] == ("Charles Babbage", True, None)
    run = cli("undo")
    assert (run.code, run.out) == (0, "undid: marked Charles Babbage deceased\n")
    assert state(db_path)[0] == ("Charles Babbage", False, None)


def test_a_bad_or_future_date_is_one_line_and_stores_nothing(cli, db_path):
    seed(db_path)
    before = state(db_path)
    line = assert_user_error(cli("deceased", "charles", "--date", "banana"), 1)
    assert "can't read \"banana\" as a date" in line
    line = assert_user_error(cli("deceased", "charles", "--date", "2999-01-01"), 1)
    assert line == ('connecttui: "2999-01-01" is 1 January 2999: a day of death can\'t be '
                    "in the future")
    assert_user_error(cli("deceased", "ada", "--clear"), 1)  # not deceased: nothing to clear
    assert_user_error(cli("deceased", "charles", "--clear", "--date", "2024-03-03"), 1)
    assert state(db_path) == before
    assert rows(db_path, "SELECT COUNT(*) FROM undoentry")[0][0] == 0


def test_an_unknown_name_exits_2_with_candidates(cli, db_path):
    seed(db_path)
    run = cli("deceased", "Charls Babage")
    line = run.err.splitlines()[0]
    assert run.code == 2 and "Traceback" not in run.err
    assert line == 'connecttui: no contact matches "Charls Babage"; did you mean:'
    assert "  Charles Babbage" in run.err.splitlines()


def test_snoozing_a_deceased_contact_is_refused(cli, db_path):
    seed(db_path)
    assert cli("deceased", "charles").code == 0
    line = assert_user_error(cli("snooze", "charles", "--days", "7"), 1)
    assert "marked deceased" in line
    assert rows(db_path, "SELECT COUNT(*) FROM snooze")[0][0] == 0


def test_the_command_is_listed_and_completes_names(cli, shell_env):
    assert "deceased" in cli("--help", db=None).out
    env, db = shell_env
    assert test_completion.bash_complete(env, ["connecttui", "--db", db, "deceased", "tur"]) == [
        "Alan\\ Turing"]
