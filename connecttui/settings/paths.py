"""Where connecttui keeps its files: one place for every path.

`CONNECTTUI_HOME` puts everything under one folder (tests and the demo use it); otherwise
the platform's own folders from platformdirs are used.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "connecttui"


def _home() -> Path | None:
    home = os.environ.get("CONNECTTUI_HOME")
    return Path(home).expanduser() if home else None


def _private_dir(path: Path) -> Path:
    """Create a folder only its owner can enter (0700)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def data_dir(create: bool = False) -> Path:
    home = _home()
    if home is not None:
        path = home / "data"
    else:
        import platformdirs

        path = platformdirs.user_data_path(APP)
    return _private_dir(path) if create else path


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return platformdirs.user_config_path(APP)


def backups_dir() -> Path:
    return data_dir() / "backups"


def state_dir(create: bool = False) -> Path:
    """What the app keeps about itself, not the user's data: the log of what failed."""
    home = _home()
    if home is not None:
        path = home / "state"
    else:
        import platformdirs

        path = platformdirs.user_state_path(APP)
    return _private_dir(path) if create else path


def error_log() -> Path:
    """Tracebacks of what failed in the TUI (a reader or a writer in a thread, a read while
    the database was away): private (0600), kept short (tui/failures.py)."""
    return state_dir() / "errors.log"


def default_db() -> Path:
    return data_dir() / "connecttui.db"


def resolve_db(explicit: str | None) -> str:
    """The database to open: `--db`, else `CONNECTTUI_DB`, else the config file's `db`
    (a PostgreSQL URL, for more than one machine), else the default file."""
    chosen = explicit or os.environ.get("CONNECTTUI_DB")
    if chosen:
        return chosen
    if not (config_dir() / "config.toml").exists():  # no settings file: nothing to read
        return str(default_db())
    from connecttui.settings import config  # only now: it costs a few milliseconds, not peewee

    return config.load().db or str(default_db())


def zone_name() -> str:
    """The user's time zone name from CONNECTTUI_TZ ("" = the system's). Read on each call,
    so a test (or a user travelling) can change it without restarting."""
    return os.environ.get("CONNECTTUI_TZ", "").strip()
