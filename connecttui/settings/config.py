"""Settings from `config.toml` in the config folder (`connecttui config` shows it).

Every setting has a default, so the file is optional (`connecttui config --edit` writes one
with every setting explained: settings/file.py). A broken file or a bad value never stops the
app: it says what is wrong, naming the line, and uses the default for that value.

Headless on purpose: the core gets the default windows, lead times and zone from here as
one `core.policy.Policy` (`Settings.policy()`, handed in by `hand_to_core()`), the CLI its
date format, so nothing here may import Textual. The two checks that need the TUI
(does this theme exist, does this binding id exist) are made by the TUI with `line_of`.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

import pendulum

from connecttui.core import policy as policies
from connecttui.core import windows
from connecttui.settings import paths

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

DEFAULT_THEME = "connecttui-dark"

DATE_FORMATS = {
    "short": "%a {day} %b %Y",  # Fri 27 Nov 2026
    "long": "%A {day} %B %Y",  # Friday 27 November 2026
    "iso": "%Y-%m-%d",  # 2026-11-27
    "us": "%a %b {day}, %Y",  # Fri Nov 27, 2026
}
"""Named date formats: strftime patterns, with `{day}` for the day of the month without a
leading zero (strftime has no portable code for it). Not pendulum's format(): its first
call loads a locale, 3-5 ms of the TUI's first frame (the top bar's date). Anything else the
user gives must be a strftime pattern."""

DATE_DIRECTIVES = set("aAbBdemyYjuwUWGVx%")
"""The strftime directives that describe a day (no hours: a day has none)."""

LEAD_TIMES = dict(policies.LEAD_TIMES)
"""Days ahead to start preparing: `gift` for a gift idea whose occasion sets no lead time,
`card` for the holiday cards before the last posting day, and per kind of occasion the lead
time a new occasion gets when none is given."""

MAX_LEAD_DAYS = 90
MAX_WINDOW_DAYS = windows.MAX_WINDOW_DAYS  # one definition, in core/windows.py

MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
NAMED_KEYS = {
    "escape", "enter", "tab", "space", "backspace", "delete", "insert", "home", "end",
    "pageup", "pagedown", "up", "down", "left", "right",
    *(f"f{n}" for n in range(1, 25)),
}
_SHORTER = {"solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at",
            "hyphen_minus": "minus", "plus_sign": "plus", "low_line": "underscore"}
PUNCTUATION_NAMES = {
    _SHORTER.get(name, name) for name in (
        unicodedata.name(ch).lower().replace(" ", "_").replace("-", "_")
        for ch in string.punctuation
    )
}
"""Textual's names for punctuation keys: "question_mark", "slash", "full_stop"..."""


@dataclass(frozen=True)
class Settings:
    week_start: int = 0  # Monday; the review's week runs from here
    review_day: int = 4  # Friday: the day the app offers the weekly review
    bell: bool = False  # ring the terminal bell with the day's notifications
    ics_path: str = ""  # rewrite this iCalendar file after every change (for a calendar app)
    db: str = ""  # the database when neither --db nor CONNECTTUI_DB names one (a path or URL)
    start_blurred: bool = False  # open with the privacy blur on (`b` shows the details)
    remembrance: bool = False  # show a deceased contact's birthdays, worded as remembrance
    theme: str = DEFAULT_THEME  # connecttui-dark, connecttui-light or a Textual theme
    date_format: str = "short"  # a DATE_FORMATS name or a strftime pattern
    windows: dict[str, tuple[int, int]] = field(default_factory=dict)  # circle -> window
    lead_times: dict[str, int] = field(default_factory=lambda: dict(LEAD_TIMES))
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> key(s)
    problems: tuple[str, ...] = field(default=(), compare=False)  # what was wrong in the file
    lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, repr=False)
    """(table, key) -> line number in the file, so a late check can name the line."""

    def line_of(self, table: str, key: str) -> str:
        """"config.toml line 7" for a key in the file, else "config.toml"."""
        return _where(self.lines.get((table, key)))

    def window_for(self, circle_name: str) -> tuple[int, int] | None:
        """The default window the file gives a circle (names compared like the app does:
        any case, any accents), or None."""
        return self.policy().window_for(circle_name)

    def policy(self, zone: str | None = None) -> policies.Policy:
        """What the core needs from these settings, as one frozen value; the zone is
        CONNECTTUI_TZ's (paths.zone_name()) unless given."""
        return policies.Policy(
            windows=dict(self.windows), lead_times=dict(self.lead_times),
            zone=paths.zone_name() if zone is None else zone, remembrance=self.remembrance,
        )


def config_file() -> Path:
    return paths.config_dir() / "config.toml"


_fold = windows.fold


def _where(line: int | None) -> str:
    return "config.toml" if line is None else f"config.toml line {line}"


# --- where each key is, for messages ---------------------------------------------------

_PART = r"""(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_\-]+)"""
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_TABLE_LINE = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_KEY_LINE = re.compile(rf"^\s*({_DOTTED})\s*=")


def _dotted(text: str) -> str:
    return ".".join(part.strip("\"'") for part in re.findall(_PART, text))


def key_lines(text: str) -> dict[tuple[str, str], int]:
    """(table, key) -> 1-based line, for messages ("main.log" and "main"."log" are alike)."""
    lines: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        if match := _TABLE_LINE.match(line):
            table = _dotted(match[1])
            lines.setdefault(("", table), number)
        elif match := _KEY_LINE.match(line):
            lines.setdefault((table, _dotted(match[1])), number)
    return lines


# --- readers: each returns the value or raises ValueError with the reason -----------------


def _refuse(message: str, value):
    raise ValueError(f"{message} (got {value!r})")


def _weekday(value, key: str) -> int:
    if isinstance(value, str) and value.strip().lower() in WEEKDAYS:
        return WEEKDAYS.index(value.strip().lower())
    raise ValueError(f"{key} is a day of the week, like \"monday\" (got {value!r})")


def _flag(key: str):
    return lambda v: v if isinstance(v, bool) else _refuse(f"{key} is true or false", v)


def _theme(value) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return _refuse('theme is a theme name, like "connecttui-light"', value)


def check_date_format(value) -> str:
    """A DATE_FORMATS name, or a strftime pattern made of day directives only."""
    names = ", ".join(DATE_FORMATS)
    if not isinstance(value, str) or not value.strip():
        _refuse(f"date_format is one of {names} or a pattern like \"%d/%m/%Y\"", value)
    if value.strip().lower() in DATE_FORMATS:
        return value.strip().lower()
    directives = re.findall(r"%-?(.)", value)
    if not directives or not set(directives) <= DATE_DIRECTIVES or value.count("%") != len(
        directives
    ):
        _refuse(f"date_format is one of {names} or a pattern of day codes like "
                "\"%d/%m/%Y\"", value)
    return value


def format_day(day, date_format: str | None = None) -> str:
    """A day as the user asked to see it (`date_format`): "Fri 27 Nov 2026" by default."""
    chosen = load().date_format if date_format is None else date_format
    day = pendulum.Date(day.year, day.month, day.day)
    if chosen in DATE_FORMATS:
        return day.strftime(DATE_FORMATS[chosen]).replace("{day}", str(day.day))
    return day.strftime(chosen)


def _window(value) -> tuple[int, int]:
    """14 (maximum twice that), "14/30" or [14, 30]."""
    example = 'a window is days, like 14, "14/30" or [14, 30]'
    if isinstance(value, int) and not isinstance(value, bool):
        numbers = [value]
    elif isinstance(value, str) and re.fullmatch(r"\s*\d+\s*(/\s*\d+\s*)?", value):
        numbers = [int(part) for part in value.split("/")]
    elif isinstance(value, list) and len(value) in (1, 2) and all(
        isinstance(n, int) and not isinstance(n, bool) for n in value
    ):
        numbers = list(value)
    else:
        return _refuse(example, value)
    ideal = numbers[0]
    maximum = numbers[1] if len(numbers) == 2 else ideal * 2
    if ideal <= 0 or maximum > MAX_WINDOW_DAYS:
        _refuse(f"a window is 1 to {MAX_WINDOW_DAYS} days", value)
    if maximum < ideal:
        _refuse("a window's maximum can't be shorter than its ideal", value)
    return ideal, maximum


def _database(value) -> str:
    """A file path or a postgresql:// URL (checked, like --db, when it is opened)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return _refuse('db is a file path or a URL like "postgresql://me@host/connecttui"', value)


def _lead(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_LEAD_DAYS:
        return value
    return _refuse(f"a lead time is a number of days from 0 to {MAX_LEAD_DAYS}", value)


def check_key(value) -> str:
    """A key or comma-separated keys as Textual names them: "ctrl+l", "f2", "x", "?"."""
    if not isinstance(value, str) or not value.strip():
        return _refuse('a key is a string like "ctrl+l", "f2" or "x"', value)
    keys = [key.strip() for key in value.split(",")]
    for key in keys:
        *modifiers, base = key.split("+")
        if not set(modifiers) <= MODIFIERS or not _known_key(base):
            _refuse(f'"{key}" is not a key: try "ctrl+l", "f2" or "x"', value)
    return ",".join(keys)


def _known_key(base: str) -> bool:
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    return base in NAMED_KEYS or base in PUNCTUATION_NAMES


def _flatten(table: dict, prefix: str = "") -> dict:
    """[keys] main.log = ... (unquoted) is a nested table in TOML: read it as "main.log"."""
    flat = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


# --- the file -----------------------------------------------------------------------------

READERS = {
    "week_start": lambda v: _weekday(v, "week_start"),
    "review_day": lambda v: _weekday(v, "review_day"),
    "bell": _flag("bell"),
    "ics_path": lambda v: v if isinstance(v, str) else _refuse("ics_path is a path", v),
    "db": _database,
    "start_blurred": _flag("start_blurred"),
    "remembrance": _flag("remembrance"),
    "theme": _theme,
    "date_format": check_date_format,
}
TABLES = {"windows": _window, "lead_times": _lead, "keys": check_key}


def parse(text: str) -> Settings:
    """Settings from the text of a config file; problems are collected, never raised."""
    import tomllib  # only with a file to read: without one every setting is a default

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Settings(problems=(_syntax_problem(str(error)),))
    lines = key_lines(text)
    values: dict = {}
    problems: list[str] = []

    def problem(table: str, key: str, message: str) -> None:
        problems.append(f"{_where(lines.get((table, key)))}: {message}")

    for key, value in data.items():
        if key in TABLES:
            if not isinstance(value, dict):
                problem("", key, f"{key} is a table, [{key}]; ignored")
                continue
            values[key] = _read_table(key, value, problem)
            continue
        reader = READERS.get(key)
        if reader is None:
            problem("", key, f"unknown setting {key!r} ignored")
            continue
        try:
            values[key] = reader(value)
        except ValueError as error:
            problem("", key, f"{error}; using the default")
    if "lead_times" in values:
        values["lead_times"] = {**LEAD_TIMES, **values["lead_times"]}
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in values.items() if k in known},
                    problems=tuple(problems), lines=lines)


def _syntax_problem(message: str) -> str:
    """"config.toml line 2: Unterminated string (column 14); using the defaults"."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found is None:
        return f"config.toml: {message}; using the defaults"
    text = message[: found.start()]
    return f"config.toml line {found[1]}: {text} (column {found[2]}); using the defaults"


def _read_table(name: str, table: dict, problem) -> dict:
    result = {}
    items = _flatten(table) if name == "keys" else table
    for key, value in items.items():
        if name == "lead_times" and key not in LEAD_TIMES:
            problem(name, key, f"unknown lead time {key!r} (use {', '.join(LEAD_TIMES)}); "
                    "ignored")
            continue
        if name == "keys" and not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", key):
            problem(name, key, f'{key!r} is not a binding id, like "main.log"; ignored')
            continue
        try:
            result[key] = TABLES[name](value)
        except ValueError as error:
            problem(name, key, f"[{name}] {key}: {error}; using the default")
    return result


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float) -> Settings:
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return Settings(problems=(f"cannot read {path}: {error}; using the defaults",))


def load() -> Settings:
    """The current settings (re-read when the file changes)."""
    path = config_file()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return Settings()
    return _load(path, mtime)


def hand_to_core() -> None:
    """Give the core its policy, time zone and backups folder: every face (CLI, TUI,
    tests) calls this at start. Sources, not values, so an edited config file or a changed
    CONNECTTUI_TZ is seen at the next call, as when the core read them itself. Nothing here
    imports the store: the CLI has not yet chosen its database drivers."""
    from connecttui.core import clock

    policies.use(lambda: load().policy())
    clock.use_zone(paths.zone_name)
    policies.use_backups_folder(paths.backups_dir)
