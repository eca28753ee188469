"""Settings from config.toml: defaults, good values, and bad files that never stop the app."""

from __future__ import annotations

import os
import subprocess
import sys

import pendulum
import time_machine
from helpers.tui import workers_done

from connecttui.cli import configure as cli_config
from connecttui.core import people
from connecttui.core.store.models import Contact
from connecttui.settings import config
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
        'config.toml line 1: week_start is a day of the week, like "monday" (got \'someday\'); '
        "using the default",
        "config.toml line 2: bell is true or false (got 'loud'); using the default",
        "config.toml line 3: unknown setting 'colour' ignored",
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
            await workers_done(app)
            await pilot.pause()
    assert len(rings) == 1


async def test_review_day_setting_moves_the_prompt(home, db, db_path):
    write_config(home, 'review_day = "thursday"\n')
    with time_machine.travel("2026-11-26 10:00 +00:00", tick=False):  # a Thursday
        app = make_app(str(db_path), watch=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await workers_done(app)
            await pilot.pause()
            titles = [n.title for n in app._notifications]
    assert "Weekly review" in titles


# --- theme, date format, windows, lead times, keys (issue 9) ------------------------------


def test_the_commented_default_file_is_exactly_the_defaults():
    from connecttui.settings.file import DEFAULT_TEXT

    settings = config.parse(DEFAULT_TEXT)
    assert settings == config.Settings()
    assert settings.problems == ()
    assert settings.theme == "connecttui-dark" and settings.date_format == "short"
    assert settings.lead_times == {"gift": 10, "card": 7, "birthday": 0, "anniversary": 0,
                                   "custom": 0}


def test_new_settings_are_read():
    settings = config.parse(
        'theme = "nord"\ndate_format = "iso"\n'
        '[windows]\ninner = "7/21"\n"Vieux Amis" = 30\nwork = [60, 90]\n'
        "[lead_times]\ngift = 14\nbirthday = 3\n"
        '[keys]\n"main.log" = "ctrl+l"\nmain.add = "f2,ctrl+n"\n"app.help" = "?"\n'
    )
    assert settings.problems == ()
    assert settings.theme == "nord" and settings.date_format == "iso"
    assert settings.windows == {"inner": (7, 21), "Vieux Amis": (30, 60), "work": (60, 90)}
    assert settings.window_for("VIEUX amis") == (30, 60)
    assert settings.window_for("vieux âmis") == (30, 60)  # accents, as circles compare
    assert settings.window_for("family") is None
    assert settings.lead_times == {"gift": 14, "card": 7, "birthday": 3, "anniversary": 0,
                                   "custom": 0}
    assert settings.keys == {"main.log": "ctrl+l", "main.add": "f2,ctrl+n", "app.help": "?"}


def test_date_formats_named_and_patterns():
    day = pendulum.Date(2027, 1, 1)
    assert config.format_day(day, "short") == "Fri 1 Jan 2027"
    assert config.format_day(day, "long") == "Friday 1 January 2027"
    assert config.format_day(day, "iso") == "2027-01-01"
    assert config.format_day(day, "us") == "Fri Jan 1, 2027"
    settings = config.parse('date_format = "%d/%m/%Y"\n')
    assert config.format_day(day, settings.date_format) == "01/01/2027"
    for bad in ('"%H:%M"', '"tomorrow"', '"%d %"', "12"):
        wrong = config.parse(f"bell = true\ndate_format = {bad}\n")
        assert wrong.date_format == "short" and wrong.bell is True
        assert len(wrong.problems) == 1 and wrong.problems[0].startswith(
            "config.toml line 2: date_format is one of short, long, iso, us"), bad


def test_bad_values_in_tables_name_their_line_and_keep_the_rest():
    text = (
        'theme = "connecttui-light"\n'  # 1
        "\n"  # 2
        "[windows]\n"  # 3
        'inner = "14/7"\n'  # 4: maximum below ideal
        "friends = 30\n"  # 5
        "[lead_times]\n"  # 6
        "gift = 120\n"  # 7: too long
        "cake = 3\n"  # 8: no such kind
        "card = 5\n"  # 9
        "[keys]\n"  # 10
        '"main.log" = "ctrl+banana"\n'  # 11: no such key
        'log = "x"\n'  # 12: not an id
        '"main.add" = "ctrl+n"\n'  # 13
        "windows = 3\n"  # 14: inside [keys], so a key id "windows"
    )
    settings = config.parse(text)
    assert settings.theme == "connecttui-light"
    assert settings.windows == {"friends": (30, 60)}
    assert settings.lead_times["gift"] == 10 and settings.lead_times["card"] == 5
    assert settings.keys == {"main.add": "ctrl+n"}
    lines = [problem.split(":")[0] for problem in settings.problems]
    assert lines == ["config.toml line 4", "config.toml line 7", "config.toml line 8",
                     "config.toml line 11", "config.toml line 12", "config.toml line 14"]
    assert "ctrl+banana" in settings.problems[3]


def test_a_table_given_as_a_value_is_refused_with_its_line():
    settings = config.parse('bell = true\nwindows = "weekly"\n')
    assert settings.bell is True and settings.windows == {}
    assert settings.problems == ("config.toml line 2: windows is a table, [windows]; ignored",)


def test_keys_are_checked_like_textual_names_them():
    for good in ("ctrl+l", "f2", "x", "G", "?", "question_mark", "slash", "shift+tab",
                 "alt+enter", "ctrl+l,f2"):
        assert config.check_key(good) == good
    for bad in ("Ctrl+L", "ctrl+", "control+l", "ctrl+banana", "", "f99", "ctrl l"):
        try:
            config.check_key(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


def test_default_lead_times_feed_the_core(home, db, today):
    from connecttui.core import cards, gifts, occasions

    ada = people.add_contact("Ada Lovelace")
    birthday = occasions.add_occasion(ada.id, "birthday", 12, 12)  # 15 days ahead
    gifts.add_gift(ada.id, "a fountain pen", occasion_id=birthday.id)
    assert birthday.lead_days == 0
    assert gifts.lead_suggestions(today) == []  # 15 days > the default 10
    assert cards.posting_lead_days() == 7
    write_config(home, "[lead_times]\ngift = 20\ncard = 30\nanniversary = 12\nbirthday = 5\n")
    assert [s.contact_id for s in gifts.lead_suggestions(today)] == [ada.id]
    assert cards.posting_lead_days() == 30
    anniversary = occasions.add_occasion(ada.id, "anniversary", 6, 1)
    assert anniversary.lead_days == 12  # a new occasion gets its kind's default...
    named = occasions.add_occasion(ada.id, "custom", 6, 2, label="name day", lead_days=2)
    assert named.lead_days == 2  # ...unless it gives one
    assert occasions.Occasion.get_by_id(birthday.id).lead_days == 0  # stored data unchanged
    grace = people.add_contact("Grace Hopper", birthday=(1906, 12, 9))
    assert people.birthday_of(grace.id).lead_days == 5


def test_default_windows_apply_to_circles_without_one(home, db, today):
    from connecttui.core import circles, touches
    from connecttui.core.store.models import Circle

    club = circles.add_circle("Book Club")  # no window
    assert Circle.get(Circle.name == "inner").ideal_days == 14  # 14/30 stored
    with time_machine.travel("2026-11-07 10:00 +00:00", tick=False):
        reader = people.add_contact("Grace Hopper", circle="book club")
        close = people.add_contact("Alan Turing", circle="inner")
        touches.log_touch([reader.id, close.id], "call")

    def drift() -> dict[int, int]:
        return {row.id: row.drift for row in touches.contact_rows(today)}

    assert drift() == {reader.id: 0, close.id: 1}  # 20 days: no window for the club
    write_config(home, '[windows]\n"book club" = "7/14"\ninner = 60\n')
    assert drift() == {reader.id: 2, close.id: 1}  # inner keeps its stored 14/30, not 60
    assert touches.window_of(Contact.get_by_id(reader.id)) == (7, 14)
    assert Circle.get_by_id(club.id).ideal_days is None  # nothing stored


def run_cli(home, *args: str, editor: str = "true"):
    from click.testing import CliRunner

    import connecttui.cli.configure  # noqa: F401  (registers `config` on main)
    from connecttui.cli.root import main

    env = {"CONNECTTUI_HOME": str(home), "VISUAL": "", "EDITOR": editor}
    return CliRunner().invoke(main, list(args), env=env)


def test_config_edit_creates_the_commented_file_once_and_keeps_it(home):
    from connecttui.settings.file import DEFAULT_TEXT

    path = home / "config" / "config.toml"
    result = run_cli(home, "config", "--edit")
    assert result.exit_code == 0, result.output
    assert f"created {path}" in result.output
    assert path.read_text(encoding="utf-8") == DEFAULT_TEXT
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    path.write_text('theme = "nord"\n', encoding="utf-8")
    again = run_cli(home, "config", "--edit")
    assert again.exit_code == 0 and "created" not in again.output
    assert path.read_text(encoding="utf-8") == 'theme = "nord"\n'
    assert 'theme = "nord"' in again.output


def test_config_edit_runs_the_editor_on_the_file(home, tmp_path):
    seen = tmp_path / "seen"
    editor = f"sh -c 'echo \"$0\" > {seen}'"
    result = run_cli(home, "config", "--edit", editor=editor)
    assert result.exit_code == 0, result.output
    assert seen.read_text().strip() == str(home / "config" / "config.toml")


def test_config_shows_the_path_the_settings_and_the_problems(home):
    write_config(home, 'date_format = "iso"\nbell = "loud"\n[keys]\n"main.log" = "ctrl+l"\n')
    with time_machine.travel("2026-11-27 10:00 +00:00", tick=False):
        result = run_cli(home, "config")
    assert result.exit_code == 0
    assert str(home / "config" / "config.toml") in result.output
    assert 'date_format = "iso"  # today: 2026-11-27' in result.output
    assert "bell = false" in result.output and '"main.log" = "ctrl+l"' in result.output
    assert "config.toml line 2: bell is true or false" in result.output  # (stderr mixed in)


def test_config_print_default(home):
    from connecttui.settings.file import DEFAULT_TEXT

    result = run_cli(home, "config", "--print-default")
    assert result.output == DEFAULT_TEXT
    assert not (home / "config" / "config.toml").exists()


def test_the_remembrance_setting(home):
    assert config.Settings().remembrance is False  # never shown unless asked
    assert config.parse("remembrance = true\n").remembrance is True
    settings = config.parse("remembrance = \"yes\"\n")
    assert settings.remembrance is False
    assert settings.problems == (
        "config.toml line 1: remembrance is true or false (got 'yes'); using the default",)
    assert "remembrance = false" in cli_config.describe(config.Settings())
