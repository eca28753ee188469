"""`connecttui review` and `connecttui plan`, run as a user runs them: `python -m connecttui`.

Like tests/test_cli.py: a private CONNECTTUI_HOME, CONNECTTUI_TZ=Europe/London, `--db` on a
tmp file, the database seeded in-process through the core, the command run in a subprocess
with the real clock (so days are computed from the real London today).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pendulum
import pytest
from helpers.postgres import query

from connecttui.core import occasions, people, planning, review_saved, review_week, touches
from connecttui.core.commands import review as reviews
from connecttui.core.store import db as store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run(home: Path, db_path: Path):
    """`run("review", "--format", "markdown")` -> (exit code, stdout, stderr)."""
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    env.pop("CONNECTTUI_DB", None)

    def call(*args: str) -> tuple[int, str, str]:
        result = subprocess.run(
            [sys.executable, "-m", "connecttui", *args, "--db", str(db_path)],
            capture_output=True, env=env, cwd=ROOT, timeout=60,
        )
        return result.returncode, result.stdout.decode(), result.stderr.decode()

    return call


@contextmanager
def core(path: Path):
    store.open_db(path)
    try:
        yield
    finally:
        store.close_db()


def london_today() -> pendulum.Date:
    return pendulum.now("Europe/London").date()


def one_error_line(code: int, err: str) -> str:
    assert code != 0
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("connecttui: "), err
    return lines[0]


@pytest.fixture
def seeded(home: Path, db_path: Path):
    """Ada (inner) touched just now; Grace (work) two weeks ago, in a week with a saved
    review. Returns (this week's start, that old week's start)."""
    today = london_today()
    old_day = today.subtract(days=14)
    old_week = review_week.week_of(old_day)[0]
    with core(db_path):
        ada = people.add_contact("Ada Lovelace", circle="inner")
        grace = people.add_contact("Grace Hopper", circle="work")
        touches.log_touch([ada.id], "call", at=pendulum.now("UTC"), note="talked about COBOL")
        noon = pendulum.datetime(old_day.year, old_day.month, old_day.day, 12,
                                 tz="Europe/London")
        touches.log_touch([grace.id], "message", at=noon, initiator="in",
                          note="the old week's message")
        review_saved.save_review(old_week, [review_saved.Commitment("send the paper", grace.id)],
                                 "a quiet week", today)
    return review_week.week_of(today)[0], old_week


def label(start: pendulum.Date) -> str:
    return review_week.week_label(start, start.add(days=6))


def test_review_prints_this_week_as_text(run, seeded):
    this_week, _ = seeded
    code, out, err = run("review")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Weekly review: {label(this_week)}"
    assert lines[1] == "last week you committed to: Grace Hopper: send the paper: done 0 of 1"
    assert "This week" in lines and "Drifting" in lines and "Unanswered" in lines
    assert "  Ada Lovelace (inner): 1" in lines
    assert any(re.fullmatch(r"    \w{3} \d{1,2} \w{3}, call \(out\): talked about COBOL", line)
               for line in lines), out
    assert re.search(r"^    inner +1  [▁-█]{11}█$", out, re.M), out
    this = out[out.index("\nThis week\n"):out.index("\nDrifting\n")]
    assert "Grace" not in this  # her message is two weeks old...
    # ...and still unanswered
    assert "  Grace Hopper reached out 14 days ago (message): the old week's message" in lines
    assert "#" not in out


def test_review_as_markdown(run, seeded):
    this_week, _ = seeded
    code, out, err = run("review", "--format", "markdown")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"# Weekly review: {label(this_week)}"
    for heading in ("This week", "Drifting", "Coming up", "Open loops due", "Unanswered",
                    "Help"):
        assert f"## {heading}" in lines, heading
    assert "- **Ada Lovelace** (inner): 1" in lines
    assert re.search(r"^  - inner: 1 `[▁-█]{11}█`$", out, re.M), out
    assert "## Commitments" not in lines  # nothing saved for this week


def test_review_of_a_past_week(run, seeded):
    this_week, old_week = seeded
    day = old_week.add(days=2).to_date_string()  # any day of that week
    code, out, err = run("review", "--week", day, "--format", "markdown")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"# Weekly review: {label(old_week)}"
    assert "- **Grace Hopper** (work): 1" in lines
    assert any(line.endswith("message (in): the old week's message") for line in lines), out
    assert "talked about COBOL" not in out
    assert "## Drifting" not in lines  # what needs you now is not that week's business
    assert "- [ ] Grace Hopper: send the paper" in lines
    assert lines[-1] == "> a quiet week"

    code, out, err = run("review", "--week", "2 weeks ago")
    assert code == 0, err
    assert out.splitlines()[0] == f"Weekly review: {label(old_week)}"


def test_review_refuses_a_future_or_unreadable_week(run, seeded):
    code, out, err = run("review", "--week", "2099-01-01")
    assert one_error_line(code, err) == (
        "connecttui: that week hasn't started yet: review it once it has")
    code, out, err = run("review", "--week", "banana")
    assert "banana" in one_error_line(code, err)
    code, out, err = run("review", "--format", "pdf")
    assert code == 2 and "Traceback" not in err



# ----- a saved review, undone from the command line -----------------------------------------
def stored(path) -> dict[str, list[tuple]]:
    """The rows a review's save writes, read with plain SQL outside the app."""
    return {table: query(path, f"SELECT * FROM {table} ORDER BY id")
            for table in ("review", "openloop", "undoentry")}


def save_this_week(path, commitments: list[tuple[str, str]], reflection: str) -> None:
    """Save this week's review as the TUI's step 8 does (the command, in its own process)."""
    today = london_today()
    with core(path):
        chosen = [review_saved.Commitment(text, people.find_contact(who).id)
                  for who, text in commitments]
        reviews.save_review(review_week.week_of(today)[0], chosen, reflection, today)


def test_a_review_saved_in_the_tui_is_undone_by_connecttui_undo(run, seeded, db_path):
    this_week, _ = seeded
    before = stored(db_path)
    save_this_week(db_path, [("ada", "ask about the talk")], "busy but good")
    code, out, err = run("review")
    assert code == 0, err
    assert "  open  Ada Lovelace: ask about the talk" in out.splitlines()
    assert len(stored(db_path)["openloop"]) == len(before["openloop"]) + 1

    code, out, err = run("undo")
    assert (code, out) == (0, f"undid: saved the weekly review of {label(this_week)}, "
                              "with 1 open loop\n"), err
    assert stored(db_path) == before
    code, out, err = run("review")
    assert code == 0 and "Commitments" not in out.splitlines(), err
    assert run("undo")[1] == "nothing to undo\n"  # the seeded review was never journaled


def test_saving_the_week_again_is_undone_back_to_the_first_save(run, seeded, db_path):
    this_week, _ = seeded
    save_this_week(db_path, [("ada", "ask about the talk")], "first thoughts")
    first = stored(db_path)
    save_this_week(db_path, [("ada", "ask about the talk"), ("grace", "send the slides")],
                   "second thoughts")
    assert query(db_path, "SELECT reflection FROM review ORDER BY id")[-1] == (
        "second thoughts",)

    code, out, err = run("undo")
    assert (code, out) == (0, f"undid: saved the weekly review of {label(this_week)} again, "
                              "with 1 open loop\n"), err
    assert stored(db_path) == first


def test_plan_prints_the_next_seven_days(run, home: Path, db_path: Path):
    today = london_today()
    birthday = today.add(days=3)
    with core(db_path):
        ada = people.add_contact("Ada Lovelace")
        grace = people.add_contact("Grace Hopper")
        occasions.add_occasion(ada.id, "birthday", birthday.month, birthday.day)
        planning.add_open_loop(grace.id, "send the book", today.add(days=1))
        planning.add_open_loop(ada.id, "return the umbrella", today.subtract(days=2))
        planning.add_open_loop(ada.id, "far away", today.add(days=9))

    code, out, err = run("plan")
    assert code == 0, err
    lines = out.splitlines()
    days = [line for line in lines if not line.startswith(" ")]
    assert days == [
        today.add(days=i).format("ddd D MMM") + ("  (today)" if i == 0 else "")
        + ("  (tomorrow)" if i == 1 else "")
        for i in range(7)
    ]
    block = {day: [] for day in days}
    current = None
    for line in lines:
        if not line.startswith(" "):
            current = line
        else:
            block[current].append(line.strip())
    assert block[days[0]] == ["loop       Ada Lovelace: return the umbrella (2 days overdue)"]
    assert block[days[1]] == ["loop       Grace Hopper: send the book"]
    assert block[days[3]] == ["occasion   Ada Lovelace: birthday"]
    assert block[days[2]] == ["-"]
    assert "far away" not in out
