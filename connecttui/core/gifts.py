"""Gifts: ideas noted when they come up, gifts given and received, and the nudge to act.

An idea tied to an occasion comes back in the upcoming list once the occasion's lead time
starts (ten days unless the occasion says otherwise), so it is bought in time. Giving a gift
that looks like one already given to the same person warns you (but is still stored: it may
be on purpose, like a favourite tea every year).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pendulum

from connecttui.core import clock, yearly
from connecttui.core.errors import NotFound, UserError
from connecttui.core.occasions import title
from connecttui.core.people import normalize
from connecttui.core.store.db import transaction
from connecttui.core.store.models import GIFT_STATUSES, Circle, Contact, Gift, Occasion
from connecttui.core.suggestion import Suggestion, short_when

if TYPE_CHECKING:
    from connecttui.core.policy import Policy

DEFAULT_LEAD_DAYS = 10
"""Days before an occasion a gift idea is suggested, when the occasion sets no lead time
and the config file's [lead_times] gift does not say otherwise (default_lead_days())."""


def default_lead_days(policy: Policy | None = None) -> int:
    """The gift lead time in effect: the policy's (config file's), else DEFAULT_LEAD_DAYS."""
    from connecttui.core import policy as policies

    return (policy or policies.current()).lead_for("gift", DEFAULT_LEAD_DAYS)

SIMILAR = 85
"""rapidfuzz ratio (0-100) from which two gift texts are taken to be the same gift."""

_ARTICLES = {"a", "an", "the", "some"}


def _same_text(text: str) -> str:
    """A gift's text reduced to what matters for "same gift": case, accents, punctuation
    and articles dropped ("A fountain-pen!" and "fountain pen" are the same)."""
    words = re.findall(r"\w+", normalize(text))
    return " ".join(w for w in words if w not in _ARTICLES)


def _check_status(status: str) -> None:
    if status not in GIFT_STATUSES:
        raise UserError(f'unknown gift status "{status}": use one of {", ".join(GIFT_STATUSES)}')


def _already_given(gift: Gift) -> str | None:
    """The warning for a gift given that matches an earlier gift given to the same person."""
    from rapidfuzz import fuzz

    wanted = _same_text(gift.text)
    best = None
    for other in Gift.select().where(
        (Gift.contact == gift.contact_id) & (Gift.status == "given") & (Gift.id != gift.id)
    ):
        score = fuzz.ratio(wanted, _same_text(other.text))
        key = (score, other.on or pendulum.Date(1, 1, 1), other.id)
        if score >= SIMILAR and (best is None or key > best[0]):
            best = (key, other)
    if best is None:
        return None
    other = best[1]
    name = Contact.get_by_id(gift.contact_id).name
    when = f" on {other.on.format('D MMM YYYY')}" if other.on else ""
    return f"you already gave {name} '{other.text}'{when}"


def add_gift(
    contact_id: int,
    text: str,
    status: str = "idea",
    occasion_id: int | None = None,
    on: pendulum.Date | None = None,
) -> tuple[Gift, str | None]:
    """Store a gift (one transaction) and return it with a warning when it repeats one
    already given. A gift given or received without a day is dated today."""
    _check_status(status)
    if not text or not text.strip():
        raise UserError("a gift needs a few words: what it is")
    if status == "idea" and on is not None:
        raise UserError("an idea has no date yet: give it a date when it is given")
    if status != "idea" and on is None:
        on = clock.today()
    with transaction():
        if Contact.get_or_none(Contact.id == contact_id) is None:
            raise NotFound(f"contact #{contact_id} no longer exists")
        if occasion_id is not None:
            occasion = Occasion.get_or_none(Occasion.id == occasion_id)
            if occasion is None or contact_id not in (occasion.contact_id, occasion.partner_id):
                raise NotFound("that occasion is not this contact's")
        gift = Gift.create(
            contact=contact_id, text=text.strip(), status=status, occasion=occasion_id, on=on,
            created_at=pendulum.now("UTC"),
        )
        warning = _already_given(gift) if status == "given" else None
    return gift, warning


def mark_given(gift_id: int, on: pendulum.Date | None = None) -> tuple[Gift, str | None]:
    """An idea (or any gift) becomes a gift given on `on` (today when None)."""
    with transaction():
        gift = Gift.get_or_none(Gift.id == gift_id)
        if gift is None:
            raise NotFound("that gift no longer exists")
        gift.status = "given"
        gift.on = on or clock.today()
        gift.save()
        return gift, _already_given(gift)


def update_gift(gift_id: int, text: str, status: str, occasion_id: int | None = None,
                on: pendulum.Date | None = None) -> tuple[Gift, str | None]:
    """Change a gift's words, status, occasion and day, checked as `add_gift` checks them
    (an idea has no day; a gift given without one keeps its day, or is dated today)."""
    _check_status(status)
    if not text or not text.strip():
        raise UserError("a gift needs a few words: what it is")
    if status == "idea" and on is not None:
        raise UserError("an idea has no date yet: give it a date when it is given")
    with transaction():
        gift = Gift.get_or_none(Gift.id == gift_id)
        if gift is None:
            raise NotFound("that gift no longer exists")
        if occasion_id is not None:
            occasion = Occasion.get_or_none(Occasion.id == occasion_id)
            if occasion is None or gift.contact_id not in (occasion.contact_id,
                                                           occasion.partner_id):
                raise NotFound("that occasion is not this contact's")
        gift.text, gift.status, gift.occasion = text.strip(), status, occasion_id
        gift.on = None if status == "idea" else (on or gift.on or clock.today())
        gift.save()
        return gift, _already_given(gift) if status == "given" else None


def delete_gift(gift_id: int) -> None:
    with transaction():
        if not Gift.delete().where(Gift.id == gift_id).execute():
            raise NotFound("that gift no longer exists")


def gifts_of(contact_id: int) -> dict[str, list[Gift]]:
    """A contact's gifts by status: ideas in the order noted, given and received newest first."""
    result: dict[str, list[Gift]] = {status: [] for status in GIFT_STATUSES}
    for gift in Gift.select().where(Gift.contact == contact_id).order_by(Gift.id):
        result.setdefault(gift.status, []).append(gift)
    for status in ("given", "received"):
        result[status].sort(key=lambda g: (g.on or pendulum.Date(1, 1, 1), g.id), reverse=True)
    return result


def lead_suggestions(today: pendulum.Date) -> list[Suggestion]:
    """Every gift idea tied to an occasion whose lead time has started: "Ada's birthday in
    8 days: gift idea: a fountain pen". Ideas for resting or deceased contacts are never
    suggested."""
    resting = Circle.select(Circle.id).where(Circle.resting)
    query = (
        Gift.select(Gift, Occasion, Contact)
        .join(Occasion)
        .switch(Gift)
        .join(Contact)
        .where(
            (Gift.status == "idea")
            & (Contact.circle.is_null() | Contact.circle.not_in(resting))
            & ~Contact.deceased
        )
    )
    result = []
    default_lead = default_lead_days()
    for gift in query:
        occasion = gift.occasion
        lead = occasion.lead_days or default_lead
        day = yearly.next_occurrence(occasion.month, occasion.day, today, occasion.feb29)
        days = clock.days_between(today, day)
        if days > lead:
            continue
        name = gift.contact.name
        reason = f"{title(occasion)} {clock.in_days(days)}, {lead}-day lead time"
        result.append(
            Suggestion(
                "gift", gift.contact_id, name, short_when(days),
                f"{name}'s {title(occasion)} {clock.in_days(days)}: gift idea: {gift.text}",
                reason, gift.id, days, 1 if days == 0 else 0,
            )
        )
    result.sort(key=lambda s: (s.days, normalize(s.contact_name), s.ref_id))
    return result
