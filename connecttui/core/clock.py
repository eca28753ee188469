"""The user's clock: their time zone, the moment and the day it is where they are, the local
day a stored (UTC) moment falls on, and day counts said in words ("in 3 days", "12d").

Only `now()`, `today()`, `local_day()` and `LocalDays` consult the clock or the local zone;
everything else takes the day as an argument, so results are reproducible. The zone is
handed in by the faces (`use_zone`, from the settings' CONNECTTUI_TZ) as a source asked on
every call, so a test (or a user travelling) can change it without restarting.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

import pendulum

from connecttui.core.errors import UserError


def _no_zone() -> str:
    return ""


_zone_source: Callable[[], str] = _no_zone


def use_zone(zone: str | Callable[[], str]) -> None:
    """Set the user's zone: a name, or a function giving it (asked on each call). The faces
    call this at start with the settings' (CONNECTTUI_TZ): the core reads no environment."""
    global _zone_source
    _zone_source = zone if callable(zone) else (lambda: zone)


def local_tz() -> pendulum.Timezone:
    """The user's zone: the one handed in by `use_zone` when set, else the system's."""
    name = (_zone_source() or "").strip()
    if not name:
        return pendulum.local_timezone()
    return _zone(name)


@functools.lru_cache(maxsize=16)
def _zone(name: str) -> pendulum.Timezone:
    """Loading a zone reads it from disk: this is called for every touch shown."""
    try:
        return pendulum.timezone(name)
    except ValueError:
        raise UserError(
            f'CONNECTTUI_TZ="{name}" is not a time zone: try "Europe/Paris" or "UTC"'
        ) from None


def now() -> pendulum.DateTime:
    """The current moment, aware, in the user's zone."""
    return pendulum.now(local_tz())


def today() -> pendulum.Date:
    """The user's calendar day (not UTC's: at 23:30 UTC it is already tomorrow in Tokyo)."""
    return now().date()


def local_day(moment: pendulum.DateTime) -> pendulum.Date:
    """The day a stored moment falls on for the user; naive moments are taken as UTC."""
    moment = pendulum.instance(moment, tz="UTC") if moment.tzinfo is None else moment
    return pendulum.instance(moment).in_timezone(local_tz()).date()


def days_between(earlier: pendulum.Date, later: pendulum.Date) -> int:
    """Whole days from `earlier` to `later` (negative when `later` is before)."""
    return later.toordinal() - earlier.toordinal()


# --- short labels ------------------------------------------------------------------------


def in_days(n: int) -> str:
    """A day offset in words, for reasons like "birthday in 3 days"."""
    if n == 0:
        return "today"
    if n == 1:
        return "tomorrow"
    if n == -1:
        return "yesterday"
    return f"in {n} days" if n > 0 else f"{-n} days ago"


def since_label(days: int | None) -> str:
    """How long since the last touch, compact enough for a list column.

    A touch logged ahead of time (negative days) shows as "today": it is not overdue.
    """
    if days is None:
        return "never"
    if days <= 0:
        return "today"
    if days < 14:
        return f"{days}d"
    if days < 60:
        return f"{days // 7}w"
    if days < 730:
        return f"{days // 30}mo"
    return f"{days // 365}y"


class LocalDays:
    """Stored UTC moment (ISO text or datetime) -> the ordinal of the user's local day.

    The contacts list converts four moments per contact (40k at 10k contacts); doing it with
    datetime objects cost about 80 ms. The zone's offset is worked out once per UTC day (and
    checked at both ends of that day): a moment on a day with no offset change is then
    simple arithmetic on its text; other moments take the exact path."""

    def __init__(self, zone=None) -> None:
        self.zone = zone or local_tz()
        self.days: dict[str, tuple[int, int | None]] = {}

    def exact(self, text: str) -> int:
        moment = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
        return moment.astimezone(self.zone).date().toordinal()

    def _day(self, date_text: str) -> tuple[int, int | None]:
        day = dt.date.fromisoformat(date_text)
        start = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        first = start.astimezone(self.zone).utcoffset()
        last = (start + dt.timedelta(seconds=86399)).astimezone(self.zone).utcoffset()
        offset = int(first.total_seconds()) if first == last else None
        found = self.days[date_text] = (day.toordinal(), offset)
        return found

    def __call__(self, value) -> int | None:
        if value is None:
            return None
        text = value if isinstance(value, str) else str(value)
        if len(text) < 19 or text[10] not in " T" or text[13] != ":" or text[16] != ":":
            return self.exact(text)
        found = self.days.get(text[:10])
        if found is None:
            try:
                found = self._day(text[:10])
            except ValueError:
                return self.exact(text)
        ordinal, offset = found
        if offset is None:
            return self.exact(text)
        seconds = int(text[11:13]) * 3600 + int(text[14:16]) * 60 + int(text[17:19]) + offset
        return ordinal + seconds // 86400
