"""Settings from `config.toml` in the config folder (`connecttui where` shows it).

Every setting has a default, so the file is optional. A broken file or a bad value never
stops the app: it says what is wrong, naming the line where it can, and uses the defaults.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

from connecttui import paths

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Settings:
    week_start: int = 0  # Monday; the review's week runs from here
    review_day: int = 4  # Friday: the day the app offers the weekly review
    bell: bool = False  # ring the terminal bell with the day's notifications
    ics_path: str = ""  # rewrite this iCalendar file after every change (for a calendar app)
    start_blurred: bool = False  # open with the privacy blur on (`b` shows the details)
    problems: tuple[str, ...] = field(default=(), compare=False)  # what was wrong in the file


def config_file() -> Path:
    return paths.config_dir() / "config.toml"


def _weekday(value, key: str) -> int:
    if isinstance(value, str) and value.strip().lower() in WEEKDAYS:
        return WEEKDAYS.index(value.strip().lower())
    raise ValueError(f"{key} is a day of the week, like \"monday\" (got {value!r})")


def parse(text: str) -> Settings:
    """Settings from the text of a config file; problems are collected, never raised."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Settings(problems=(f"config.toml: {error}; using the defaults",))
    values: dict = {}
    problems: list[str] = []
    readers = {
        "week_start": lambda v: _weekday(v, "week_start"),
        "review_day": lambda v: _weekday(v, "review_day"),
        "bell": lambda v: v if isinstance(v, bool) else _refuse("bell is true or false", v),
        "ics_path": lambda v: v if isinstance(v, str) else _refuse("ics_path is a path", v),
        "start_blurred": lambda v: v if isinstance(v, bool) else _refuse(
            "start_blurred is true or false", v),
    }
    for key, value in data.items():
        reader = readers.get(key)
        if reader is None:
            problems.append(f"config.toml: unknown setting {key!r} ignored")
            continue
        try:
            values[key] = reader(value)
        except ValueError as error:
            problems.append(f"config.toml: {error}; using the default")
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in values.items() if k in known}, problems=tuple(problems))


def _refuse(message: str, value):
    raise ValueError(f"{message} (got {value!r})")


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
