"""Settings from config.toml: defaults, good values, and bad files that never stop the app."""

from __future__ import annotations

import os
import subprocess
import sys

import pendulum
import time_machine

from connecttui import config
from connecttui.core import people
from connecttui.tui.app import make_app


def write_config(home, text: str) -> None:
    folder = home / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def test_defaults_without_a_file(home):
    settings = config.load()
    assert (settings.week_start, settings.review_day, settings.bell, settings.ics_path) == (
        0, 4, False, "")
    assert settings.problems == ()


def test_good_values_are_read():
    settings = config.parse(
        'week_start = "Sunday"\nreview_day = "thursday"\nbell = true\nics_path = "~/c.ics"\n'
    )
    assert (settings.week_start, settings.review_day, settings.bell, settings.ics_path) == (
        6, 3, True, "~/c.ics")


def test_a_broken_file_names_the_line_and_uses_defaults():
    settings = config.parse('bell = true\nweek_start = "monday\n')
    assert settings.bell is False
    assert len(settings.problems) == 1
    assert "line 2" in settings.problems[0] and "using the defaults" in settings.problems[0]


def test_bad_values_and_unknown_keys_are_reported_one_by_one():
    settings = config.parse('week_start = "someday"\nbell = "loud"\ncolour = "red"\n')
    assert (settings.week_start, settings.bell) == (0, False)
    assert settings.problems == (
        'config.toml: week_start is a day of the week, like "monday" (got \'someday\'); '
        "using the default",
        "config.toml: bell is true or false (got 'loud'); using the default",
        "config.toml: unknown setting 'colour' ignored",
    )


def test_the_calendar_file_is_rewritten_after_a_change_from_the_cli(home, tmp_path):
    calendar = tmp_path / "cal" / "connecttui.ics"
    write_config(home, f'ics_path = "{calendar}"\n')
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    db = str(tmp_path / "c.db")
    run = [sys.executable, "-m", "connecttui", "--db", db]
    subprocess.run([*run, "add", "Ada Lovelace", "--birthday", "1815-12-10"], env=env,
                   check=True, capture_output=True)
    text = calendar.read_text(encoding="utf-8")
    assert "SUMMARY:Ada Lovelace's birthday" in text
    before = calendar.stat().st_mtime_ns
    subprocess.run([*run, "show", "ada"], env=env, check=True, capture_output=True)
    assert calendar.stat().st_mtime_ns == before  # reading changes nothing


async def test_bell_rings_with_the_days_notifications_when_asked(home, db, db_path):
    write_config(home, "bell = true\n")
    with time_machine.travel("2026-11-27 10:00 +00:00", tick=False):
        people.add_contact("Ada Lovelace", birthday=(1815, 11, 27))
        app = make_app(str(db_path), watch=False)
        rings = []
        app.bell = lambda: rings.append(pendulum.now())
        async with app.run_test(size=(100, 30)) as pilot:
            await app.settled()
            await pilot.pause()
    assert len(rings) == 1


async def test_review_day_setting_moves_the_prompt(home, db, db_path):
    write_config(home, 'review_day = "thursday"\n')
    with time_machine.travel("2026-11-26 10:00 +00:00", tick=False):  # a Thursday
        app = make_app(str(db_path), watch=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.settled()
            await pilot.pause()
            titles = [n.title for n in app._notifications]
    assert "Weekly review" in titles
