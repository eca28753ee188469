"""What a card's loose text means here: a date we can keep, a moment, the day someone died,
and which contact fields a card brings.

Shared by the bulk writer (`import_bulk`) and the card-by-card merger (`importing`), which
must agree exactly, or a 10k import and a one-card import would store different rows.
"""

from __future__ import annotations

import pendulum

from connecttui.core import occasions
from connecttui.core.errors import UserError
from connecttui.interop.card import Card


def valid_date(date) -> bool:
    """Whether a (year, month, day) can be stored as an occasion."""
    if date is None:
        return False
    year, month, day = date
    try:
        occasions.check_date(year, month, day)
    except (UserError, TypeError):
        return False
    return True


def moment(text: str) -> pendulum.DateTime | None:
    """A timestamp from another program; a bare date becomes noon UTC that day."""
    try:
        parsed = pendulum.parse(text, tz="UTC")
    except (ValueError, TypeError):
        return None
    if isinstance(parsed, pendulum.Date) and not isinstance(parsed, pendulum.DateTime):
        parsed = pendulum.datetime(parsed.year, parsed.month, parsed.day, 12, tz="UTC")
    return parsed if isinstance(parsed, pendulum.DateTime) else None


def day(text: str | None) -> pendulum.Date | None:
    parsed = moment(text) if text else None
    return parsed.date() if parsed else None


def death_day(card: Card) -> pendulum.Date | None:
    """The day a card says its person died, if it says so with a full date."""
    if not card.deceased or not card.deceased_on:
        return None
    died = day(card.deceased_on)
    return died if died is not None and died <= pendulum.now("UTC").date() else None


def wanted_fields(card: Card) -> list[tuple[str, str, str]]:
    """(kind, label, value) for every contact field the card brings, in card order."""
    wanted = [("email", label, value) for label, value in card.emails]
    wanted += [("phone", label, value) for label, value in card.phones]
    wanted += [("address", label, value) for label, value in card.addresses]
    wanted += [("url", label, value) for label, value in card.urls]
    wanted += [("org", "", card.org), ("title", "", card.title)]
    return wanted
