"""The user's policy, as the core needs it: one frozen value the faces hand in.

WHY: the core must not read the config file (it is headless and closed, see
tests/test_architecture.py). The settings side builds a `Policy` from config.toml and the
environment (`connecttui.settings.config.hand_to_core()`); the core only ever asks `current()`.
A face installs a *source* (a function returning the policy in effect) rather than one value,
so an edited config file, or a test that changes CONNECTTUI_TZ, is seen at the next call, as
before. With no source installed, `Policy()` is today's built-in behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from connecttui.core.windows import fold

LEAD_TIMES: Mapping[str, int] = {
    "gift": 10, "card": 7, "birthday": 0, "anniversary": 0, "custom": 0,
}
"""Built-in lead times per kind, in days: a gift idea 10 days ahead, a card a week."""


@dataclass(frozen=True)
class Policy:
    """What the config file decides for the core. Defaults equal the built-in behaviour."""

    windows: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Keep-in-touch window (ideal, max days) per circle name, as the config spells it."""
    lead_times: Mapping[str, int] = field(default_factory=lambda: dict(LEAD_TIMES))
    """Days of notice per kind: gift, card, birthday, anniversary, custom."""
    zone: str = ""
    """The user's IANA time zone name ("" = the system's)."""
    remembrance: bool = False
    """Show a deceased contact's birthdays, worded as remembrance."""

    def window_for(self, circle_name: str) -> tuple[int, int] | None:
        """The window given to this circle (names compared like circles are: any case, any
        accents), or None."""
        if not circle_name:
            return None
        wanted = fold(circle_name)
        for name, window in self.windows.items():
            if fold(name) == wanted:
                return window
        return None

    def lead_for(self, kind: str, fallback: int = 0) -> int:
        return self.lead_times.get(kind, LEAD_TIMES.get(kind, fallback))


_source: Callable[[], Policy] = Policy


def use(source: Callable[[], Policy]) -> None:
    """Install where the policy comes from (called once by each face at start-up)."""
    global _source
    _source = source


def current() -> Policy:
    """The policy in effect now (the installed source's answer, else `Policy()`)."""
    return _source()


_backups_folder: Callable[[], Path] | None = None


def use_backups_folder(where: Path | Callable[[], Path]) -> None:
    """Say where backups go: a folder, or a function giving it (asked each time, so a test's
    CONNECTTUI_HOME is seen). It lives here, not in core/backups.py, because the faces hand
    it in at start and this module imports nothing heavy: importing backups (and so peewee)
    before the store has chosen its drivers would load psycopg into every `connecttui log`."""
    global _backups_folder
    _backups_folder = where if callable(where) else (lambda: Path(where))


def backups_folder() -> Path | None:
    """The backups folder handed in, or None when no face has said."""
    return _backups_folder() if _backups_folder is not None else None
