"""Holiday cards: who gets one this year, where to post it, and which are sent.

The list is per year so last year's stays as a record (and a starting point). From a week
before the last posting day, while cards are unsent, one suggestion says how many are left:
a reminder in time to write them, not one nag per person.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum

from connecttui.core import clock
from connecttui.core import policy as policies
from connecttui.core.errors import NotFound, UserError
from connecttui.core.people import normalize
from connecttui.core.policy import Policy
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Contact, HolidayCard
from connecttui.core.suggestion import Suggestion, short_when

POSTING_DAY = (12, 18)
"""(month, day): the last day to post a card so it arrives in time (a default)."""

POSTING_LEAD_DAYS = 7
"""A card needs a week by post: the reminder starts this many days before POSTING_DAY
(unless the config file's [lead_times] card says otherwise: posting_lead_days())."""


def posting_lead_days(policy: Policy | None = None) -> int:
    """The holiday-card lead time in effect: the policy's (config file's), else
    POSTING_LEAD_DAYS."""
    return (policy or policies.current()).lead_for("card", POSTING_LEAD_DAYS)


@dataclass(frozen=True)
class CardRow:
    """One line of a year's card list."""

    id: int
    contact_id: int
    name: str
    address: str
    sent: bool
    deceased: bool = False  # died since: kept on the list, left out of the reminder


def _check_year(year: int) -> None:
    if not 1900 <= year <= 9999:
        raise UserError(f"{year} is not a year for a card list")


def add_card(contact_id: int, year: int) -> HolidayCard:
    """Put a contact on the year's list; adding someone already there changes nothing."""
    _check_year(year)
    with transaction():
        if Contact.get_or_none(Contact.id == contact_id) is None:
            raise NotFound(f"contact #{contact_id} no longer exists")
        card = HolidayCard.get_or_none(
            (HolidayCard.contact == contact_id) & (HolidayCard.year == year)
        )
        return card or HolidayCard.create(contact=contact_id, year=year)


def card_of(contact_id: int, year: int) -> HolidayCard | None:
    """The contact's card for that year, if they are on the list."""
    return HolidayCard.get_or_none(
        (HolidayCard.contact == contact_id) & (HolidayCard.year == year)
    )


def remove_card(card_id: int) -> None:
    with transaction():
        if not HolidayCard.delete().where(HolidayCard.id == card_id).execute():
            raise NotFound("that card is no longer on the list")


def mark_sent(card_id: int, sent: bool = True) -> HolidayCard:
    """Tick a card as sent (now), or untick it. Ticking twice keeps the first time."""
    with transaction():
        card = HolidayCard.get_or_none(HolidayCard.id == card_id)
        if card is None:
            raise NotFound("that card is no longer on the list")
        if not sent:
            card.sent_at = None
        elif card.sent_at is None:
            card.sent_at = pendulum.now("UTC")
        card.save()
        return card


def card_list(year: int) -> list[CardRow]:
    """The year's list, sorted by name (case- and accent-insensitively)."""
    query = (
        HolidayCard.select(HolidayCard.id, Contact.id, Contact.name, Contact.address,
                           HolidayCard.sent_at, Contact.deceased)
        .join(Contact)
        .where(HolidayCard.year == year)
        .tuples()
    )
    rows = [CardRow(cid, contact, name, address, sent is not None, bool(deceased))
            for cid, contact, name, address, sent, deceased in query]
    rows.sort(key=lambda row: (normalize(row.name), row.id))
    return rows


def card_suggestions(today: pendulum.Date, posting_day: tuple[int, int] = POSTING_DAY
                     ) -> list[Suggestion]:
    """From a week before the last posting day to the end of the year, while this year's
    cards are unsent: one suggestion, "holiday cards: 5 of 12 still to post". It is about
    no one in particular, so its contact_id is 0 (and its ref_id the year). A card for
    someone who has died since is not counted: it is not one to post."""
    last = pendulum.Date(today.year, *posting_day)
    days = clock.days_between(today, last)
    if days > posting_lead_days():
        return []
    rows = [row for row in card_list(today.year) if not row.deceased]
    unsent = sum(1 for row in rows if not row.sent)
    if not unsent:
        return []
    if days >= 0:
        reason = f"last posting day {clock.in_days(days)}"
        when = short_when(days)
    else:
        reason = f"the last posting day was {clock.in_days(days)}"
        when = "late"
    return [
        Suggestion(
            "card", 0, "", when, f"holiday cards: {unsent} of {len(rows)} still to post",
            reason, today.year, days, 2 if days < 0 else (1 if days <= 2 else 0),
        )
    ]
