"""The practices' commands, run as a user runs them: `python -m connecttui ...` subprocesses.

Fixtures (`cli`, `env`, `home`, `db_path`) and helpers come from tests/test_cli.py's
conventions: seeded in-process through the core, checked with plain sqlite3. Dates come from
the real Europe/London today, as the subprocess sees it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
import pytest
import test_cli
from test_cli import assert_user_error, core, count, london_today, rows, seed_names

from connecttui.core import cards, family, gifts, occasions, people, planning

cli = test_cli.cli  # the fixtures, shared with the foundation's CLI tests
env = test_cli.env


def ids(path: Path) -> dict[str, int]:
    return {name: cid for cid, name in rows(path, "SELECT id, name FROM contact")}


# --- fact ----------------------------------------------------------------------------------


def test_fact_with_kind_and_tags(cli, db_path):
    seed_names(db_path, "Frances Allen", "Grace Hopper")
    run = cli("fact", "frances", "--need", "a", "tax", "adviser", "#Money", "--tag", "Tax")
    assert run.code == 0, run.err
    assert run.out == "added need for Frances Allen: a tax adviser #Money (tags: tax, money)\n"
    assert rows(db_path, "SELECT c.name, f.kind, f.text, f.tags FROM fact f "
                "JOIN contact c ON c.id = f.contact_id") == [
        ("Frances Allen", "need", "a tax adviser #Money", "tax,money")]


def test_fact_unknown_name_exits_2_and_stores_nothing(cli, db_path):
    seed_names(db_path, "Frances Allen")
    run = cli("fact", "omar", "--offer", "tax", "law")
    assert run.code == 2, run.err
    assert run.err.startswith('connecttui: no contact matches "omar"')
    assert "Traceback" not in run.err
    assert count(db_path, "fact") == 0


# --- family --------------------------------------------------------------------------------


def test_family_by_name_and_by_contact(cli, db_path):
    seed_names(db_path, "Ada Lovelace", "Sam King")
    run = cli("family", "ada", "--child", "Leo", "--born", "2017", "--does", "football")
    assert run.code == 0, run.err
    age = london_today().year - 2017
    assert run.out == f"added to Ada Lovelace's family: Leo, {age}, football\n"
    run = cli("family", "ada", "--partner", "sam", "--contact")
    assert run.code == 0, run.err
    assert run.out == "added to Ada Lovelace's family: partner: Sam King\n"
    who = ids(db_path)
    assert rows(db_path, "SELECT contact_id, relation, name, birth_year, activities, linked_id "
                "FROM familymember ORDER BY id") == [
        (who["Ada Lovelace"], "child", "Leo", 2017, "football", None),
        (who["Ada Lovelace"], "partner", "Sam King", None, "", who["Sam King"]),
        (who["Sam King"], "partner", "Ada Lovelace", None, "", who["Ada Lovelace"]),
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--child", "Leo", "--partner", "Sam"], ["one of --partner"]),
        (["--child", "Leo", "--born", "1800"], ["birth year"]),
    ],
    ids=["two-relations", "old-year"],
)
def test_family_refusals_store_nothing(cli, db_path, args, words):
    seed_names(db_path, "Ada Lovelace")
    line = assert_user_error(cli("family", "ada", *args))
    for word in words:
        assert word in line
    assert count(db_path, "familymember") == 0


# --- gift ----------------------------------------------------------------------------------


def test_gift_idea_for_the_birthday(cli, db_path):
    with core(db_path):
        ada = people.add_contact("Ada Lovelace", birthday=(1815, 12, 10))
        birthday_id = people.birthday_of(ada.id).id
    run = cli("gift", "ada", "a", "fountain", "pen", "--for", "birthday")
    assert run.code == 0, run.err
    assert run.out == "added gift idea for Ada Lovelace: a fountain pen (for the birthday)\n"
    assert run.err == ""
    assert rows(db_path, "SELECT text, status, occasion_id, \"on\" FROM gift") == [
        ("a fountain pen", "idea", birthday_id, None)]


def test_giving_a_gift_again_warns_on_stderr_but_stores(cli, db_path):
    with core(db_path):
        ada = people.add_contact("Ada Lovelace")
        gifts.add_gift(ada.id, "a fountain pen", "given", on=pendulum.Date(2025, 12, 9))
    run = cli("gift", "ada", "A", "Fountain", "Pen", "--given", "--on", "2026-01-05")
    assert run.code == 0, run.err
    assert run.out == "added gift given to Ada Lovelace on 5 Jan 2026: A Fountain Pen\n"
    assert run.err == (
        "connecttui: warning: you already gave Ada Lovelace 'a fountain pen' on 9 Dec 2025\n")
    assert rows(db_path, "SELECT text, status, \"on\" FROM gift ORDER BY id") == [
        ("a fountain pen", "given", "2025-12-09"), ("A Fountain Pen", "given", "2026-01-05")]


def test_gift_received_is_dated_today_and_missing_occasion_is_refused(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    before = london_today()
    run = cli("gift", "ada", "jam", "--received")
    after = london_today()
    assert run.code == 0, run.err
    assert run.out.startswith("added gift received from Ada Lovelace on ")
    [(status, on)] = rows(db_path, "SELECT status, \"on\" FROM gift")
    assert status == "received"
    assert dt.date.fromisoformat(on) in {before, after}
    line = assert_user_error(cli("gift", "ada", "a", "kite", "--for", "anniversary"))
    assert "no anniversary is stored for Ada Lovelace" in line
    assert count(db_path, "gift") == 1


# --- cards ---------------------------------------------------------------------------------


def test_cards_add_address_tick_and_list(cli, db_path):
    seed_names(db_path, "Ada Lovelace", "Grace Hopper", "Alan Turing")
    run = cli("cards", "--year", "2026", "--add", "grace", "--add", "ada", "--add", "ada",
              "--address", "ada", "12 St James's Square\nLondon")
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "Holiday cards 2026: 0 of 2 sent",
        "[ ] Ada Lovelace  12 St James's Square, London",
        "[ ] Grace Hopper  (no address)",
    ]
    run = cli("cards", "--year", "2026", "--sent", "ada")
    assert run.code == 0, run.err
    assert run.out.splitlines()[:2] == [
        "Holiday cards 2026: 1 of 2 sent", "[x] Ada Lovelace  12 St James's Square, London"]
    assert rows(db_path, "SELECT c.name, h.year, h.sent_at IS NOT NULL FROM holidaycard h "
                "JOIN contact c ON c.id = h.contact_id ORDER BY c.name") == [
        ("Ada Lovelace", 2026, 1), ("Grace Hopper", 2026, 0)]
    assert rows(db_path, "SELECT address FROM contact WHERE name = 'Ada Lovelace'") == [
        ("12 St James's Square\nLondon",)]


def test_cards_default_year_and_sent_for_someone_not_listed(cli, db_path):
    year = london_today().year
    with core(db_path):
        ada = people.add_contact("Ada Lovelace")
        people.add_contact("Grace Hopper")
        cards.add_card(ada.id, year)
    line = assert_user_error(cli("cards", "--sent", "grace"))
    assert f"Grace Hopper is not on the {year} card list" in line
    assert rows(db_path, "SELECT sent_at FROM holidaycard") == [(None,)]


# --- intro ---------------------------------------------------------------------------------


def test_intro_logs_one_touch_with_everyone(cli, db_path):
    seed_names(db_path, "Frances Allen", "Omar Khayyam", "Grace Hopper")
    run = cli("intro", "frances,omar", "she", "needs", "a", "tax", "adviser")
    assert run.code == 0, run.err
    assert run.out == "logged intro with Frances Allen, Omar Khayyam\n"
    [(touch_id, kind, initiator, note)] = rows(
        db_path, "SELECT id, kind, initiator, note FROM touch")
    assert (kind, initiator, note) == ("intro", "out", "she needs a tax adviser")
    assert rows(db_path, "SELECT c.name FROM touchcontact tc JOIN contact c "
                "ON c.id = tc.contact_id WHERE tc.touch_id = ? ORDER BY c.name", touch_id) == [
        ("Frances Allen",), ("Omar Khayyam",)]


def test_intro_needs_two_people(cli, db_path):
    seed_names(db_path, "Frances Allen")
    line = assert_user_error(cli("intro", "frances,frances", "why", "not"))
    assert "at least two people" in line
    assert count(db_path, "touch") == 0


# --- done ----------------------------------------------------------------------------------


def test_done_closes_the_only_loop_and_logs_the_note(cli, db_path):
    today = pendulum.now("Europe/London").date()
    with core(db_path):
        ada = people.add_contact("Ada Lovelace")
        grace = people.add_contact("Grace Hopper")
        planning.add_open_loop(ada.id, "ask how the interview went", today)
        planning.add_open_loop(grace.id, "send the book", today)
    run = cli("done", "ada", "--note", "she got the job")
    assert run.code == 0, run.err
    assert run.out == ("done: ask how the interview went (Ada Lovelace) "
                       "(the note is logged as a touch)\n")
    assert rows(db_path, "SELECT text, done_at IS NOT NULL FROM openloop ORDER BY id") == [
        ("ask how the interview went", 1), ("send the book", 0)]
    [(touch_id, note)] = rows(db_path, "SELECT id, note FROM touch")
    assert note == "she got the job"
    assert rows(db_path, "SELECT contact_id FROM touchcontact WHERE touch_id = ?",
                touch_id) == [(ada.id,)]


def test_done_picks_a_loop_by_its_first_words(cli, db_path):
    today = pendulum.now("Europe/London").date()
    with core(db_path):
        ada = people.add_contact("Ada Lovelace")
        planning.add_open_loop(ada.id, "send the book", today)
        planning.add_open_loop(ada.id, "ask about the engine", today)
    run = cli("done", "ada")
    assert run.code == 2, run.err
    first, *candidates = run.err.splitlines()
    assert first.startswith("connecttui: Ada Lovelace has 2 open loops")
    assert sorted(candidates) == ["  ask about the engine", "  send the book"]
    assert rows(db_path, "SELECT COUNT(*) FROM openloop WHERE done_at IS NOT NULL") == [(0,)]

    run = cli("done", "ada", "SEND", "the")
    assert run.code == 0, run.err
    assert run.out == "done: send the book (Ada Lovelace)\n"
    assert rows(db_path, "SELECT text FROM openloop WHERE done_at IS NOT NULL") == [
        ("send the book",)]
    assert count(db_path, "touch") == 0  # no note, no touch


# --- snooze --------------------------------------------------------------------------------


def test_snooze_a_drift_suggestion(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    before = london_today()
    run = cli("snooze", "ada", "--days", "7")
    after = london_today()
    assert run.code == 0, run.err
    [(kind, ref, until)] = rows(db_path, "SELECT kind, ref, until FROM snooze")
    assert (kind, ref) == ("drift", str(ids(db_path)["Ada Lovelace"]))
    until = dt.date.fromisoformat(until)
    assert until in {before + dt.timedelta(days=7), after + dt.timedelta(days=7)}
    assert run.out == f"snoozed Ada Lovelace until {pendulum.instance(until).format('ddd D MMM')}\n"

    line = assert_user_error(cli("snooze", "ada", "--days", "5"))
    assert "3, 7, 14" in line
    assert rows(db_path, "SELECT until FROM snooze") == [(until.isoformat(),)]


# --- export --format markdown --------------------------------------------------------------


def test_export_markdown(cli, db_path):
    year = london_today().year
    with core(db_path):
        ada = people.add_contact("Ada Lovelace", address="12 St James's Square")
        sam = people.add_contact("Sam [bold]King")
        family.add_member(ada.id, "partner", linked_id=sam.id)
        occasions.add_occasion(ada.id, "anniversary", 7, 8, partner_id=sam.id)
        cards.mark_sent(cards.add_card(ada.id, year).id)
        cards.add_card(sam.id, year)
    run = cli("export", "--format", "markdown")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert [line for line in lines if line.startswith("## ")] == [
        "## Ada Lovelace", "## Sam [bold]King"]
    assert "- partner: Sam [bold]King" in lines
    assert lines[lines.index(f"# Holiday cards {year}"):] == [
        f"# Holiday cards {year}", "", "1 of 2 sent.", "",
        "- [x] Ada Lovelace: 12 St James's Square",
        "- [ ] Sam [bold]King: (no address)",
    ]
