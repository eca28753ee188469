"""The product's date logic: reading what people type, yearly dates, and short labels.

Everything that turns text into a moment, or a date into words, lives here so the CLI, the
dialogs and the tests agree. Functions that would read the clock take it as an argument
(`now`, `today`) wherever they can, so results are reproducible; only `now()`, `today()`
and `local_day()` consult the clock or the local zone. The zone is handed in by the faces
(`use_zone`, from the settings' CONNECTTUI_TZ) as a source asked on every call, so a test (or
a user travelling) can change it without restarting.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable

import pendulum

from connecttui.core.errors import UserError

_WHEN_EXAMPLES = '"yesterday", "2d ago", "last fri", "2026-11-20"'
_DAY_EXAMPLES = '"tomorrow", "in 3 days", "fri", "2026-11-20"'
_YEARLY_EXAMPLES = '"1815-12-10", "12-10" (no year), "10 dec"'

_MONTHS = [m.lower() for m in calendar.month_name[1:]]
_WEEKDAYS = [d.lower() for d in calendar.day_name]  # Monday first, like date.weekday()

# Words that say which way to go: with any of them the phrase keeps parsedatetime's meaning.
_RELATIVE = {"next", "last", "this", "ago", "in", "from", "after", "before", "past", "coming"}
# Words parsedatetime swallows without reporting them as part of a date.
_FILLER = {"at", "on", "the", "now"}

_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ t]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_MONTH_DAY = re.compile(r"(?:--)?(\d{1,2})-(\d{1,2})|--(\d{2})(\d{2})")
_DAY_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?")
_NAME_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")

# parsedatetime's accuracy flags (pdtContext.ACU_*), copied so that importing this module
# does not import parsedatetime (15 ms, with email and random): only a phrase needs it.
_ACU_YEAR, _ACU_MONTH, _ACU_WEEK, _ACU_DAY, _ACU_NOW = 1, 2, 4, 8, 256
_NOT_BARE_WEEKDAY = _ACU_YEAR | _ACU_MONTH | _ACU_WEEK | _ACU_NOW
_FEB29_RULES = ("feb28", "mar1")


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


# --- reading what people type ----------------------------------------------------------


def parse_when(text: str, now: pendulum.DateTime, prefer: str = "past") -> pendulum.DateTime:
    """When a touch happened. Empty text means `now`.

    parsedatetime reads the phrase, but it always sends a bare weekday or day-month forward;
    a touch is logged after the fact, so with prefer="past" "fri" is the Friday just gone.
    """
    if not text.strip():
        return now
    moment = _parse(text, now, prefer, _WHEN_EXAMPLES)
    try:
        moment.in_timezone("UTC")  # how it is stored: 0001-01-01 00:00 in Tokyo is year 0
    except (OverflowError, ValueError):
        raise UserError(f'"{text.strip()}" is too far away to be stored: try {_WHEN_EXAMPLES}'
                        ) from None
    return moment


def parse_day(text: str, today: pendulum.Date, prefer: str = "future") -> pendulum.Date:
    """A day, for a follow-up's due date: the same phrases as `parse_when`, date only."""
    if not text.strip():
        raise UserError(f"a date is needed: try {_DAY_EXAMPLES}")
    # Noon, so that "in 3 hours" or "3h ago" cannot slide into another day by surprise.
    noon = pendulum.datetime(today.year, today.month, today.day, 12, tz="UTC")
    return _parse(text, noon, prefer, _DAY_EXAMPLES).date()


def _parse(text: str, now: pendulum.DateTime, prefer: str, examples: str) -> pendulum.DateTime:
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    now = pendulum.instance(now)
    original = text.strip()
    text = _normalise(original)
    if text == "now":
        return now
    if text.isdigit():  # parsedatetime reads "2026" as 20:26: too surprising to allow
        raise UserError(f'can\'t read "{original}" as a date: try {examples}')

    iso = _ISO.fullmatch(text)
    if iso and iso.group(4) is not None:
        year, month, day = (int(g) for g in iso.group(1, 2, 3))
        _check(year, month, day, original)
        hour, minute, second = int(iso.group(4)), int(iso.group(5)), int(iso.group(6) or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise UserError(f'no such time: "{original}"')
        return pendulum.datetime(year, month, day, hour, minute, second, tz=now.tzinfo)

    found = _calendar_date(text, original)
    if found is not None:
        year, month, day = found
        if year is None:
            return _at_day(_pick_year(month, day, now.date(), prefer), None, now)
        return _at_day(pendulum.date(year, month, day), None, now)

    import parsedatetime

    cal = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    source = now.naive().timetuple()
    result, ctx = cal.parseDT(text, sourceTime=source)
    if not ctx.accuracy:
        raise UserError(f'can\'t read "{original}" as a date: try {examples}')
    extra = _unread(cal, text, source)
    if extra:
        raise UserError(
            f'can\'t read "{original}" as a date ("{extra}" isn\'t part of one): try {examples}'
        )

    words = set(re.findall(r"[a-z]+", text))
    weekdays = {_weekday(w) for w in words} - {None}
    clock = (result.hour, result.minute, result.second) if ctx.hasTime else None
    if words & _RELATIVE:
        day = pendulum.date(result.year, result.month, result.day)
    elif len(weekdays) == 1 and not ctx.accuracy & _NOT_BARE_WEEKDAY:
        day = _nearest_weekday(weekdays.pop(), now.date(), prefer)
    elif ctx.hasDate and ctx.accuracy & _ACU_MONTH and ctx.accuracy & _ACU_DAY and (
        not ctx.accuracy & _ACU_YEAR
    ):
        day = _pick_year(result.month, result.day, now.date(), prefer)
    else:
        day = pendulum.date(result.year, result.month, result.day)
    return _at_day(day, clock, now)


def _at_day(
    day: pendulum.Date, clock: tuple[int, int, int] | None, now: pendulum.DateTime
) -> pendulum.DateTime:
    """A date without a time: today means right now, any other day means noon."""
    if clock is None:
        if day == now.date():
            return now
        clock = (12, 0, 0)
    return pendulum.datetime(day.year, day.month, day.day, *clock, tz=now.tzinfo)


def _normalise(text: str) -> str:
    """Lower-case, and shorten day and month names to the three letters parsedatetime
    always knows ("thurs" and "sept" are otherwise read as nothing)."""
    def short(match: re.Match[str]) -> str:
        word = match.group(0)
        return word[:3] if _weekday(word) is not None or _month(word) is not None else word

    return re.sub(r"[a-z]+", short, " ".join(text.lower().split()))


def _unread(cal, text: str, source) -> str:
    """The words parsedatetime skipped ("banana" in "yesterday banana"), or ""."""
    spans = cal.nlp(text, sourceTime=source)
    if not spans:
        return ""  # nothing to compare with: trust parseDT
    chars = list(text)
    for _, _, start, end, _ in spans:
        chars[start:end] = " " * (end - start)
    words = re.findall(r"[a-z0-9]+", "".join(chars))
    return " ".join(w for w in words if w not in _FILLER)


def _weekday(word: str) -> int | None:
    if len(word) >= 3:
        for index, name in enumerate(_WEEKDAYS):
            if name.startswith(word):
                return index
    return None


def _month(word: str) -> int | None:
    if len(word) >= 3:
        for index, name in enumerate(_MONTHS, start=1):
            if name.startswith(word):
                return index
    return None


def _nearest_weekday(weekday: int, today: pendulum.Date, prefer: str) -> pendulum.Date:
    """The closest such weekday on or before (past) or on or after (future) today."""
    if prefer == "past":
        return today.subtract(days=(today.weekday() - weekday) % 7)
    return today.add(days=(weekday - today.weekday()) % 7)


def _pick_year(month: int, day: int, today: pendulum.Date, prefer: str) -> pendulum.Date:
    """The closest real month-day on or before/after today; Feb 29 waits for a leap year."""
    step = -1 if prefer == "past" else 1
    year = today.year
    while True:
        if day <= calendar.monthrange(year, month)[1]:
            candidate = pendulum.date(year, month, day)
            if (candidate <= today) if prefer == "past" else (candidate >= today):
                return candidate
        year += step


# --- yearly dates: birthdays, anniversaries ----------------------------------------------


def parse_yearly(text: str) -> tuple[int | None, int, int]:
    """(year or None, month, day) for a birthday or anniversary; the year is often unknown."""
    original = text.strip()
    if not original:
        raise UserError(f"a date is needed: try {_YEARLY_EXAMPLES}")
    found = _calendar_date(" ".join(original.lower().split()), original)
    if found is None:
        raise UserError(f'can\'t read "{original}" as a yearly date: try {_YEARLY_EXAMPLES}')
    return found


def _calendar_date(text: str, original: str) -> tuple[int | None, int, int] | None:
    """Numeric and named-month forms without a time; None when the text has another shape.

    Done by hand rather than by parsedatetime because it rejects Feb 29 outright unless
    the current year is a leap year, and guesses a year where none was given.
    """
    if match := _ISO.fullmatch(text):
        if match.group(4) is not None:
            return None
        year, month, day = (int(g) for g in match.group(1, 2, 3))
    elif match := _MONTH_DAY.fullmatch(text):
        year = None
        month, day = (int(g) for g in (match.group(1, 2) if match.group(1) else match.group(3, 4)))
    elif (match := _DAY_NAME.fullmatch(text)) and _month(match.group(2)):
        year, month, day = match.group(3), _month(match.group(2)), int(match.group(1))
    elif (match := _NAME_DAY.fullmatch(text)) and _month(match.group(1)):
        year, month, day = match.group(3), _month(match.group(1)), int(match.group(2))
    else:
        return None
    year = int(year) if year is not None else None
    _check(year, month, day, original)
    return year, month, day


def _check(year: int | None, month: int, day: int, original: str) -> None:
    """Refuse dates that don't exist; a year-less Feb 29 is fine (2000 was a leap year)."""
    if not 1 <= month <= 12:
        raise UserError(f'no such date: "{original}" (there is no month {month})')
    if year is not None and year < 1:
        raise UserError(f'no such date: "{original}" (there is no year {year})')
    longest = calendar.monthrange(2000 if year is None else year, month)[1]
    if not 1 <= day <= longest:
        if month == 2 and day == 29:
            raise UserError(f'no such date: "{original}" ({year} is not a leap year)')
        name = calendar.month_abbr[month]
        raise UserError(f'no such date: "{original}" ({name} has {longest} days)')


def format_yearly(year: int | None, month: int, day: int) -> str:
    """"10 Dec 1815", or "10 Dec" when the year is unknown (a year before 1000 has four
    digits, "10 Dec 0005", so that `parse_yearly` reads the label back)."""
    label = f"{day} {calendar.month_abbr[month]}"
    return label if year is None else f"{label} {year:04d}"


def occurs_on(month: int, day: int, year: int, feb29: str = "feb28") -> pendulum.Date:
    """The day a yearly date is marked in `year`; Feb 29 moves to Feb 28 or Mar 1 in a
    common year, as the person prefers (the rule is kept per occasion)."""
    if feb29 not in _FEB29_RULES:
        raise ValueError(f"feb29 must be one of {_FEB29_RULES}, not {feb29!r}")
    if month == 2 and day == 29 and not calendar.isleap(year):
        return pendulum.date(year, 2, 28) if feb29 == "feb28" else pendulum.date(year, 3, 1)
    return pendulum.date(year, month, day)


def next_occurrence(
    month: int, day: int, today: pendulum.Date, feb29: str = "feb28"
) -> pendulum.Date:
    """The first time the yearly date is marked on or after today (so today counts)."""
    this_year = occurs_on(month, day, today.year, feb29)
    return this_year if this_year >= today else occurs_on(month, day, today.year + 1, feb29)


def turning(birth_year: int | None, occurrence: pendulum.Date) -> int | None:
    """How many years at that occurrence ("turning 211"); None when the year is unknown."""
    return None if birth_year is None else occurrence.year - birth_year


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
