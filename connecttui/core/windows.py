"""Keep-in-touch windows: the one place their rules live.

WHY: a window (ideal days, maximum days) is read from what people type (`parse_window`),
checked before it is stored (`check_window`), shown (`window_text`), validated in the
config file and defaulted per circle name from the policy (`default_window`). These rules
used to be spread over people, circles and the settings, with MAX_WINDOW_DAYS twice.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from connecttui.core.errors import UserError

if TYPE_CHECKING:
    from connecttui.core.policy import Policy

MAX_WINDOW_DAYS = 36500
"""The longest window (a hundred years): anything longer is a typo, and would not fit in
the database's integers."""

_UNREADABLE = 'can\'t read "{}" as a window: use days, like "14" or "14/30"'


def fold(text: str) -> str:
    """A circle name as names are compared: any case, any accents."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def parse_window(text: str) -> tuple[int | None, int | None]:
    """Read a keep-in-touch window: "14" (ideal; maximum twice that), "14/30", or "" (none)."""
    text = (text or "").strip().lower().removesuffix("d").replace(" ", "")
    if not text:
        return None, None
    parts = text.split("/")
    try:
        numbers = [int(part.removesuffix("d")) for part in parts]
    except ValueError:
        raise UserError(_UNREADABLE.format(text)) from None
    if len(numbers) > 2 or any(n <= 0 for n in numbers):
        raise UserError(_UNREADABLE.format(text))
    ideal = numbers[0]
    maximum = numbers[1] if len(numbers) == 2 else ideal * 2
    if maximum < ideal:
        raise UserError("the maximum window can't be shorter than the ideal one")
    if maximum > MAX_WINDOW_DAYS:
        raise UserError(f"a window is at most {MAX_WINDOW_DAYS} days (a hundred years)")
    return ideal, maximum


def check_window(ideal: int | None, maximum: int | None) -> tuple[int | None, int | None]:
    """A window as stored: (None, None) for none; a maximum left out is twice the ideal (as
    `parse_window` reads "14"); the maximum is never shorter than the ideal."""
    if ideal is None:
        if maximum is not None:
            raise UserError("a window needs an ideal number of days before a maximum")
        return None, None
    if maximum is None:
        maximum = ideal * 2
    if ideal <= 0 or maximum <= 0:
        raise UserError("a window is a number of days above zero")
    if maximum < ideal:
        raise UserError("the maximum window can't be shorter than the ideal one")
    return ideal, maximum


def window_text(ideal: int | None, maximum: int | None) -> str:
    if ideal is None:
        return "no window"
    return f"{ideal}d" if maximum is None else f"{ideal}-{maximum}d"


def default_window(circle_name: str, policy: Policy | None = None) -> tuple[int, int] | None:
    """The window the policy (the config file's [windows]) gives a circle that has none set
    (by name, any case or accents), or None. Used when reading, never stored."""
    from connecttui.core import policy as policies

    return (policy or policies.current()).window_for(circle_name)
