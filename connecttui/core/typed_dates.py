"""Dates as people type them: when a touch happened ("yesterday", "2d ago", "last fri"), a
day for a follow-up ("in 3 days", "fri"), and a yearly date ("10 dec", "12-10", no year);
and a yearly date written back in a form that reads again.

One module so the CLI, the dialogs and the tests read a phrase the same way. Nothing here
reads the clock: every function is given `now` or `today`.
"""

from __future__ import annotations

import calendar
import re

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
