"""The command line, run as a user runs it: `python -m connecttui ...` in a subprocess.

Every run gets its own CONNECTTUI_HOME (a tmp folder), CONNECTTUI_TZ=Europe/London and
(nearly always) `--db` pointing to a tmp file. What a command stored is read back with plain
sqlite3, not with the app's own models. Fixtures are seeded in-process through the core
(cheaper than a subprocess per contact); the behaviour under test always goes through the
real entry point. The clock is not frozen: dates are computed from the real Europe/London
today, as the subprocess sees it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pendulum
import pytest
from helpers.postgres import query

from connecttui.core import facts, people, planning, touches
from connecttui.core.store import db as store
from connecttui.interop import backup

LONDON = ZoneInfo("Europe/London")
ROOT = Path(__file__).resolve().parents[1]


# --- running the command ---------------------------------------------------------------


@dataclass
class Run:
    code: int
    raw_out: bytes
    raw_err: bytes

    @property
    def out(self) -> str:
        return self.raw_out.decode("utf-8")

    @property
    def err(self) -> str:
        return self.raw_err.decode("utf-8")


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    """The subprocess environment: private home, London time, no CONNECTTUI_DB."""
    variables = dict(os.environ)
    variables.pop("CONNECTTUI_DB", None)
    variables["CONNECTTUI_HOME"] = str(home)
    variables["CONNECTTUI_TZ"] = "Europe/London"
    return variables


@pytest.fixture
def cli(env: dict[str, str], db_path: Path):
    """`cli("log", "ada")` runs `python -m connecttui log ada --db DB_PATH`.

    `db=None` leaves `--db` off (for the default path and CONNECTTUI_DB); `extra_env` adds
    variables for that run only.
    """

    def run(*args: str, db: Path | str | None = db_path, extra_env: dict | None = None) -> Run:
        argv = [sys.executable, "-m", "connecttui", *args]
        if db is not None:
            argv += ["--db", str(db)]
        result = subprocess.run(
            argv, capture_output=True, env={**env, **(extra_env or {})}, cwd=ROOT, timeout=60,
        )
        return Run(result.returncode, result.stdout, result.stderr)

    return run


def assert_user_error(run: Run, code: int | None = None) -> str:
    """A user error: non-zero exit, exactly one `connecttui:` line, no traceback."""
    assert run.code != 0, run.out
    if code is not None:
        assert run.code == code, run.err
    assert "Traceback" not in run.err, run.err
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("connecttui: "), run.err
    return lines[0]


# --- the database, seen from outside --------------------------------------------------


def rows(path: Path | str, sql: str, *params) -> list[tuple]:
    """Plain SQL on the file (or, on postgres, the URL), outside the app's models."""
    return query(path, sql, *params)


def count(path: Path, table: str) -> int:
    return rows(path, f"SELECT COUNT(*) FROM {table}")[0][0]


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of the product's tables, in a stable order."""
    tables = {
        "circle": "id", "contact": "id", "touch": "id", "touchcontact": "touch_id, contact_id",
        "openloop": "id", "occasion": "id", "fact": "id",
    }
    return {name: rows(path, f"SELECT * FROM {name} ORDER BY {order}")
            for name, order in tables.items()}


def stored_moment(text: str) -> dt.datetime:
    """A stored UTC moment (naive text), in London."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC).astimezone(LONDON)


def london_today() -> dt.date:
    return dt.datetime.now(LONDON).date()


@contextmanager
def core(path: Path):
    """The store opened in this process, to seed a database before the command runs."""
    store.open_db(path)
    try:
        yield
    finally:
        store.close_db()


def at_noon(days_ago: int) -> pendulum.DateTime:
    day = pendulum.now("Europe/London").date().subtract(days=days_ago)
    return pendulum.datetime(day.year, day.month, day.day, 12, tz="Europe/London")


def seed_names(path: Path, *names: str) -> None:
    with core(path):
        for name in names:
            people.add_contact(name)


# --- entry point, version, where the data lives -----------------------------------------


def test_cli_does_not_import_textual():
    result = subprocess.run(
        [sys.executable, "-c", "import connecttui.cli.root, sys; print('textual' in sys.modules)"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_version(cli):
    run = cli("--version", db=None)
    assert run.code == 0, run.err
    assert run.out.strip() == "connecttui, version 0.1.0"


def test_default_database_is_private_under_home(cli, home: Path):
    """Without --db or CONNECTTUI_DB: CONNECTTUI_HOME/data/connecttui.db, 0600 in a 0700 folder."""
    default = home / "data" / "connecttui.db"
    assert not default.exists()

    run = cli("add", "Ada Lovelace", db=None)
    assert run.code == 0, run.err
    assert run.out == "added Ada Lovelace\n"
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    assert stat.S_IMODE(default.parent.stat().st_mode) == 0o700
    for side in ("-wal", "-shm"):
        extra = default.with_name(default.name + side)
        if extra.exists():
            assert stat.S_IMODE(extra.stat().st_mode) == 0o600, side
    # name only: no birthday, no circle, no window
    assert rows(default, "SELECT name, nicknames, circle_id, ideal_days, max_days, "
                "last_touch_at FROM contact") == [("Ada Lovelace", "", None, None, None, None)]
    assert count(default, "occasion") == 0

    run = cli("where", db=None)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == f"database  {default}"
    assert f"data      {home / 'data'}" in lines
    assert f"config    {home / 'config'}" in lines
    assert f"backups   {home / 'data' / 'backups'}" in lines


def test_connecttui_db_env_and_db_option(cli, home: Path, tmp_path: Path):
    """CONNECTTUI_DB picks the file; --db (before or after the command) wins over it."""
    from_env = tmp_path / "env" / "contacts.db"
    chosen = tmp_path / "chosen.db"
    variables = {"CONNECTTUI_DB": str(from_env)}

    run = cli("add", "Grace Hopper", db=None, extra_env=variables)
    assert run.code == 0, run.err
    assert rows(from_env, "SELECT name FROM contact") == [("Grace Hopper",)]
    assert stat.S_IMODE(from_env.stat().st_mode) == 0o600
    assert stat.S_IMODE(from_env.parent.stat().st_mode) == 0o700
    assert not (home / "data" / "connecttui.db").exists()

    run = cli("where", db=None, extra_env=variables)
    assert run.out.splitlines()[0] == f"database  {from_env}"

    run = cli("--db", str(chosen), "add", "Alan Turing", db=None, extra_env=variables)
    assert run.code == 0, run.err
    assert rows(chosen, "SELECT name FROM contact") == [("Alan Turing",)]
    assert rows(from_env, "SELECT name FROM contact") == [("Grace Hopper",)]


# --- add -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "stored"),
    [
        (["Ada Lovelace", "--birthday", "12-10"], (None, 12, 10, None, None, None)),
        (["Ada Lovelace", "--birthday", "1815-12-10", "--circle", "Friends", "--every", "14"],
         (1815, 12, 10, "friends", 14, 28)),
        (["José Martí", "--birthday", "10 dec"], (None, 12, 10, None, None, None)),
    ],
    ids=["month-day", "iso-circle-every", "day-month-name"],
)
def test_add_with_birthday_circle_and_window(cli, db_path, args, stored):
    run = cli("add", *args)
    assert run.code == 0, run.err
    assert run.out == f"added {args[0]}\n"
    assert run.err == ""
    assert rows(
        db_path,
        "SELECT o.year, o.month, o.day, ci.name, c.ideal_days, c.max_days "
        "FROM contact c JOIN occasion o ON o.contact_id = c.id AND o.kind = 'birthday' "
        "LEFT JOIN circle ci ON ci.id = c.circle_id WHERE c.name = ?",
        args[0],
    ) == [stored]
    assert count(db_path, "contact") == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--birthday", "feb 30"], ['"feb 30"']),
        (["--circle", "nonesuch"], ['"nonesuch"', "inner", "friends"]),
    ],
    ids=["bad-birthday", "unknown-circle"],
)
def test_add_refuses_bad_input_and_stores_nothing(cli, db_path, args, words):
    line = assert_user_error(cli("add", "Ada Lovelace", *args))
    for word in words:
        assert word in line
    assert count(db_path, "contact") == 0
    assert count(db_path, "occasion") == 0


# --- log -----------------------------------------------------------------------------------


def test_log_one_name_kind_word_yesterday_they_reached_out(cli, db_path):
    seed_names(db_path, "Ada Lovelace", "Grace Hopper")
    before = london_today()
    run = cli("log", "lovelace", "--kind", "call", "--when", "yesterday", "--in",
              "had", "tea", "and", "cake")
    after = london_today()
    assert run.code == 0, run.err
    assert run.out.startswith("logged call with Ada Lovelace, ")
    assert run.out.rstrip().endswith("12:00")

    [(touch_id, at, kind, initiator, note)] = rows(
        db_path, "SELECT id, at, kind, initiator, note FROM touch")
    assert (kind, initiator, note) == ("call", "in", "had tea and cake")
    moment = stored_moment(at)
    assert moment.date() in {before - dt.timedelta(days=1), after - dt.timedelta(days=1)}
    assert (moment.hour, moment.minute) == (12, 0)
    assert rows(db_path, "SELECT c.name FROM touchcontact tc JOIN contact c "
                "ON c.id = tc.contact_id WHERE tc.touch_id = ?", touch_id) == [("Ada Lovelace",)]
    assert rows(db_path, "SELECT name, last_touch_at FROM contact ORDER BY name") == [
        ("Ada Lovelace", at), ("Grace Hopper", None)
    ]


def test_log_several_names_kind_letter_days_ago_both(cli, db_path):
    seed_names(db_path, "Ada Lovelace", "Grace Hopper", "Alan Turing")
    before = london_today()
    run = cli("log", "ada,grace", "-k", "g", "--when", "2d ago", "--both")
    after = london_today()
    assert run.code == 0, run.err
    assert run.out.startswith("logged gift with Ada Lovelace, Grace Hopper, ")

    [(touch_id, at, kind, initiator, note)] = rows(
        db_path, "SELECT id, at, kind, initiator, note FROM touch")
    assert (kind, initiator, note) == ("gift", "both", "")
    assert stored_moment(at).date() in {before - dt.timedelta(days=2),
                                        after - dt.timedelta(days=2)}
    assert rows(db_path, "SELECT c.name FROM touchcontact tc JOIN contact c "
                "ON c.id = tc.contact_id WHERE tc.touch_id = ? ORDER BY c.name", touch_id) == [
        ("Ada Lovelace",), ("Grace Hopper",)
    ]
    assert rows(db_path, "SELECT name, last_touch_at FROM contact ORDER BY name") == [
        ("Ada Lovelace", at), ("Alan Turing", None), ("Grace Hopper", at)
    ]


def test_log_unknown_name_exits_2_with_candidates(cli, db_path):
    seed_names(db_path, "Ada Lovelace", "Grace Hopper")
    run = cli("log", "adda", "met", "for", "lunch")
    assert run.code == 2, run.err
    assert "Traceback" not in run.err
    first, *candidates = run.err.splitlines()
    assert first.startswith("connecttui: ")
    assert '"adda"' in first
    assert "  Ada Lovelace" in candidates
    assert "  Grace Hopper" not in candidates
    assert count(db_path, "touch") == 0
    assert count(db_path, "touchcontact") == 0


def test_log_ambiguous_name_exits_2_listing_both_and_stores_nothing(cli, db_path):
    seed_names(db_path, "Ada Lovelace", "Ada Byron", "Grace Hopper")
    run = cli("log", "grace,ada", "--kind", "call")
    assert run.code == 2, run.err
    assert "Traceback" not in run.err
    first, *candidates = run.err.splitlines()
    assert first.startswith("connecttui: ")
    assert '"ada"' in first
    assert sorted(candidates) == ["  Ada Byron", "  Ada Lovelace"]
    assert count(db_path, "touch") == 0
    assert rows(db_path, "SELECT last_touch_at FROM contact WHERE name = 'Grace Hopper'") == [
        (None,)
    ]


def test_log_bad_when_stores_nothing(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    line = assert_user_error(cli("log", "ada", "--when", "blah blah", "a", "note"))
    assert '"blah blah"' in line
    assert count(db_path, "touch") == 0
    assert count(db_path, "touchcontact") == 0
    assert rows(db_path, "SELECT last_touch_at FROM contact") == [(None,)]


def test_log_in_the_future_is_refused_unless_meant(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    line = assert_user_error(cli("log", "ada", "--when", "next tuesday", "lunch"))
    assert "is in the future" in line and "--future" in line and "connecttui loop" in line
    assert count(db_path, "touch") == 0
    assert rows(db_path, "SELECT last_touch_at FROM contact") == [(None,)]
    run = cli("log", "ada", "--when", "next tuesday", "--future", "lunch")
    assert run.code == 0, run.err
    assert rows(db_path, "SELECT note FROM touch") == [("lunch",)]


def test_loop_plans_a_follow_up(cli, db_path):
    seed_names(db_path, "Ada Lovelace")
    run = cli("loop", "ada", "lunch", "on", "the", "pier", "--due", "2026-12-15")
    assert run.code == 0, run.err
    assert run.out.strip() == "open loop with Ada Lovelace, due Tue 15 Dec 2026: lunch on the pier"
    assert rows(db_path, "SELECT text, due FROM openloop") == [("lunch on the pier",
                                                                 "2026-12-15")]
    line = assert_user_error(cli("loop", "ada", "call", "--due", "blah blah"))
    assert '"blah blah"' in line
    assert count(db_path, "openloop") == 1


# --- name matching -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("contacts", "query", "expected"),
    [
        (["Ada Lovelace", "Grace Hopper", "José Martí"], "ada", "Ada Lovelace"),
        (["Ada Lovelace", "Grace Hopper", "José Martí"], "lovelace", "Ada Lovelace"),
        (["Ada Lovelace", "Ada Byron", "Grace Hopper"], "ADA L", "Ada Lovelace"),
        (["Ada Lovelace", "Grace Hopper", "José Martí"], "jose marti", "José Martí"),
        (["Ada Lovelace", "Ada", "Adam Smith"], "ada", "Ada"),
    ],
    ids=["first-name", "last-name", "words-any-case", "accent-insensitive", "exact-wins"],
)
def test_name_matching(cli, db_path, contacts, query, expected):
    seed_names(db_path, *contacts)
    run = cli("show", query)
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == expected


# --- show, upcoming, search ----------------------------------------------------------------


def test_show_prints_the_briefing(cli, db_path):
    with core(db_path):
        ada = people.add_contact(
            "Ada Lovelace", nicknames="Countess", circle="friends",
            why_care="she wrote the first program", birthday=(1815, 12, 10),
        )
        people.add_contact("Grace Hopper")
        touches.log_touch([ada.id], "call", at=at_noon(2), initiator="in",
                          note="talked about the engine")
        touches.log_touch([ada.id], "gift", at=at_noon(9), initiator="out", note="sent a book")
        facts.add_fact(ada.id, "interest", "poetical science")
    run = cli("show", "countess")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Ada Lovelace (Countess) · friends"
    assert "Why I care: she wrote the first program" in lines
    assert "last touch 2 days ago" in run.out
    assert "they reached out last: your turn" in run.out
    assert "Last touches:" in lines
    recent = lines[lines.index("Last touches:") + 1 : lines.index("Last touches:") + 3]
    assert recent[0].startswith(f"  {at_noon(2).format('ddd DD MMM YYYY')}  call")
    assert recent[0].endswith("talked about the engine")
    assert recent[1].startswith(f"  {at_noon(9).format('ddd DD MMM YYYY')}  gift")
    assert recent[1].endswith("sent a book")
    assert "birthday" in run.out
    assert "  interest: poetical science" in lines
    assert "Grace" not in run.out


def test_upcoming_lists_birthdays_and_drift_with_reasons(cli, db_path):
    today = pendulum.now("Europe/London").date()
    soon = today.add(days=3)
    with core(db_path):
        people.add_contact("Ada Lovelace", birthday=(None, soon.month, soon.day))
        people.add_contact("Grace Hopper", birthday=(1990, soon.month, soon.day))
        later = today.add(days=40)
        people.add_contact("Alan Turing", birthday=(None, later.month, later.day))
        drifter = people.add_contact("Rosalind Franklin", ideal_days=1)
        touches.log_touch([drifter.id], "call", at=at_noon(10))
        planning.add_open_loop(drifter.id, "ask about the photo", today.add(days=1))
    run = cli("upcoming")
    assert run.code == 0, run.err
    assert "Ada Lovelace: birthday in 3 days" in run.out
    assert f"Grace Hopper: birthday in 3 days (turns {soon.year - 1990})" in run.out
    assert "Rosalind Franklin: ask about the photo (due tomorrow)" in run.out
    assert "Rosalind Franklin: 9 days past your window (1d), over the 2d maximum" in run.out
    assert "Alan Turing" not in run.out
    assert [line.split()[0] for line in run.out.splitlines()[:3]] == ["in", "in", "in"]


def test_search_finds_a_touch_note(cli, db_path):
    with core(db_path):
        ada = people.add_contact("Ada Lovelace")
        people.add_contact("Grace Hopper")
        touches.log_touch([ada.id], "together", at=at_noon(1), note="had tea and cake")
    run = cli("search", "tea")
    assert run.code == 0, run.err
    assert run.out.splitlines() == ["touch    Ada Lovelace  had tea and cake"]

    run = cli("search", "zeppelin")
    assert run.code == 1
    assert run.out.strip() == "no matches"
    assert "Traceback" not in run.err

    run = cli("search", 'tea"AND (')
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert "had tea and cake" in run.out


# --- export and import ---------------------------------------------------------------------


def seed_network(path: Path) -> None:
    with core(path):
        ada = people.add_contact("Ada Lovelace", nicknames="Countess", circle="inner",
                                 birthday=(1815, 12, 10), why_care="the first program")
        jose = people.add_contact("José Martí", birthday=(None, 1, 28), ideal_days=21)
        touches.log_touch([ada.id, jose.id], "together", at=at_noon(3), initiator="both",
                          note="dinner, ünïcode ✓")
        touches.log_touch([ada.id], "call", at=at_noon(1), initiator="in")
        planning.add_open_loop(ada.id, "send the notes", pendulum.date(2027, 1, 5))
        facts.add_fact(jose.id, "interest", "poetry")


def backup_file(source: Path, target: Path) -> Path:
    """A JSON backup of `source`, written in-process (the fixture for import tests)."""
    with core(source), open(target, "w", encoding="utf-8") as stream:
        backup.export_json(stream)
    return target


def test_export_import_export_round_trip(cli, db_path, tmp_path):
    seed_network(db_path)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    fresh = tmp_path / "fresh.db"

    run = cli("export", "--format", "json", "-o", str(first))
    assert run.code == 0, run.err
    assert run.out == ""
    assert "2 contacts and 2 touches" in run.err
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["format"] == "connecttui-backup"
    assert [c["name"] for c in doc["tables"]["contact"]] == ["Ada Lovelace", "José Martí"]

    run = cli("import", str(first), db=fresh)
    assert run.code == 0, run.err
    assert run.out.startswith("added: 2 contacts, 2 touches, 1 open loops, 2 occasions, 1 facts")
    assert dump(fresh) == dump(db_path)

    run = cli("export", "--format", "json", "-o", str(second), db=fresh)
    assert run.code == 0, run.err
    # the same document, but for the restore's own journal entry (`connecttui undo` empties
    # the database again: issue 16)
    again = json.loads(second.read_text(encoding="utf-8"))
    journal = again["tables"]["undoentry"]
    assert [entry["label"] for entry in journal] == [
        *(entry["label"] for entry in doc["tables"]["undoentry"]), f"restored {first.name}"]
    again["tables"]["undoentry"] = doc["tables"]["undoentry"]
    assert again == doc

    # the restored database now has contacts: a second import is refused, nothing changes
    line = assert_user_error(cli("import", str(first), db=fresh), code=1)
    assert "already has contacts" in line
    assert dump(fresh) == dump(db_path)


def test_import_dry_run_stores_nothing(cli, db_path, tmp_path):
    seed_network(tmp_path / "source.db")
    document = backup_file(tmp_path / "source.db", tmp_path / "backup.json")
    run = cli("import", str(document), "--dry-run")
    assert run.code == 0, run.err
    assert run.out.startswith("would add: 2 contacts, 2 touches")
    for table in ("contact", "touch", "touchcontact", "occasion", "openloop", "fact"):
        assert count(db_path, table) == 0, table


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"format": "connecttui-backup", "version": 1, "tables": {', "not valid JSON"),
        ('[1, 2, 3]', "neither a connecttui JSON backup nor a Monica export"),
    ],
    ids=["truncated", "not-a-backup"],
)
def test_import_broken_file_is_one_clear_line(cli, db_path, tmp_path, content, words):
    broken = tmp_path / "broken.json"
    broken.write_text(content, encoding="utf-8")
    line = assert_user_error(cli("import", str(broken)))
    assert words in line
    assert count(db_path, "contact") == 0


def test_import_number_too_large_is_one_clear_line(cli, db_path, tmp_path):
    seed_network(tmp_path / "source.db")
    document = backup_file(tmp_path / "source.db", tmp_path / "backup.json")
    doc = json.loads(document.read_text(encoding="utf-8"))
    doc["tables"]["fact"][0]["id"] = 10**30
    document.write_text(json.dumps(doc), encoding="utf-8")
    assert_user_error(cli("import", str(document)))
    assert count(db_path, "contact") == 0


def test_import_deeply_nested_json_is_one_clear_line(cli, tmp_path):
    broken = tmp_path / "deep.json"
    broken.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert_user_error(cli("import", str(broken)))


def test_export_over_an_existing_file_makes_it_private(cli, tmp_path):
    target = tmp_path / "backup.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    run = cli("export", "--format", "json", "-o", str(target))
    assert run.code == 0, run.err
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "connecttui-backup"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_into_a_missing_folder_is_one_clear_line(cli, tmp_path):
    assert_user_error(cli("export", "--format", "json", "-o", str(tmp_path / "no" / "b.json")))


def test_db_path_under_a_file_is_one_clear_line(cli, tmp_path):
    plain = tmp_path / "plain"
    plain.write_text("x", encoding="utf-8")
    assert_user_error(cli("add", "Ada", db=plain / "x.db"))


# --- hostile names -------------------------------------------------------------------------


def test_escape_sequences_in_names_are_shown_not_sent(cli, db_path):
    name = "Eve\x1b[31m"
    run = cli("add", name)
    assert run.code == 0, run.err
    assert b"\x1b" not in run.raw_out
    assert run.out == "added Eve\\x1b[31m\n"
    assert rows(db_path, "SELECT name FROM contact") == [(name,)]

    run = cli("show", "eve")
    assert run.code == 0, run.err
    assert b"\x1b" not in run.raw_out
    assert run.out.splitlines()[0] == "Eve\\x1b[31m"

    run = cli("log", "zz\x1b]0;pwned\x07")
    assert run.code == 2
    assert b"\x1b" not in run.raw_err and b"\x07" not in run.raw_err
    assert "zz\\x1b]0;pwned\\x07" in run.err
    assert count(db_path, "touch") == 0
