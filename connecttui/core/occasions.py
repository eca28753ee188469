"""Occasions: birthdays, anniversaries and named yearly dates, and which ones are coming up.

A couple's anniversary is one date for two people: it is stored once (on one contact, with
the other as `partner`) so editing or deleting it can never leave two versions that disagree,
and it is shown on both people's briefings and once in the upcoming list ("Ada & Sam").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pendulum
from peewee import JOIN

from connecttui.core import clock, yearly
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.db import raw_rows, transaction
from connecttui.core.store.models import FEB29_RULES, OCCASION_KINDS, Circle, Contact, Occasion

if TYPE_CHECKING:
    from connecttui.core.policy import Policy


def add_occasion(
    contact_id: int,
    kind: str,
    month: int,
    day: int,
    *,
    year: int | None = None,
    label: str = "",
    feb29: str = "feb28",
    lead_days: int | None = None,
    partner_id: int | None = None,
) -> Occasion:
    """Store a yearly date for a contact (one transaction); a custom one needs a label.

    With `partner_id` the date is shared with that contact (an anniversary, say): one row,
    shown on both; adding the same shared date again from either side is refused.
    """
    if kind not in OCCASION_KINDS:
        raise UserError(f'unknown occasion "{kind}": use one of {", ".join(OCCASION_KINDS)}')
    if feb29 not in FEB29_RULES:
        raise UserError("Feb 29 is celebrated on feb28 or mar1")
    if kind == "custom" and not label.strip():
        raise UserError("a named occasion needs a name, like \"name day\"")
    if lead_days is None:
        lead_days = default_lead_days(kind)
    if lead_days < 0 or lead_days > 90:
        raise UserError("lead time is between 0 and 90 days")
    check_date(year, month, day)
    if partner_id is not None and kind == "birthday":
        raise UserError("a birthday is one person's: share an anniversary or a named date")
    if partner_id is not None and partner_id == contact_id:
        raise UserError("an occasion can't be shared with the same person")
    with transaction():
        if Contact.get_or_none(Contact.id == contact_id) is None:
            raise NotFound(f"contact #{contact_id} no longer exists")
        if partner_id is not None:
            partner = Contact.get_or_none(Contact.id == partner_id)
            if partner is None:
                raise NotFound(f"contact #{partner_id} no longer exists")
            _refuse_second_copy(contact_id, partner, kind, month, day, label.strip())
        return Occasion.create(
            contact=contact_id, kind=kind, month=month, day=day, year=year,
            label=label.strip(), feb29=feb29, lead_days=lead_days, partner=partner_id,
        )


def default_lead_days(kind: str, policy: Policy | None = None) -> int:
    """The lead time a new occasion of this kind gets when none is given: the policy's
    (config file's [lead_times]), 0 (none) by default. Stored occasions keep theirs."""
    from connecttui.core import policy as policies

    return (policy or policies.current()).lead_for(kind)


def _refuse_second_copy(
    contact_id: int, partner: Contact, kind: str, month: int, day: int, label: str
) -> None:
    """A shared date already stored from either side is not stored twice."""
    pair = ((Occasion.contact == contact_id) & (Occasion.partner == partner.id)) | (
        (Occasion.contact == partner.id) & (Occasion.partner == contact_id)
    )
    same = Occasion.select().where(
        pair & (Occasion.kind == kind) & (Occasion.month == month) & (Occasion.day == day)
        & (Occasion.label == label)
    )
    if same.exists():
        raise UserError(f"that {label or kind} is already stored, shared with {partner.name}")


def check_date(year: int | None, month: int, day: int) -> None:
    """A yearly date must exist: Feb 29 only in a leap year (or with no year at all)."""
    try:
        pendulum.Date(year if year is not None else 2000, month, day)
    except (ValueError, TypeError):
        shown = f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        raise UserError(f"{shown} is not a date") from None


def delete_occasion(occasion_id: int) -> None:
    with transaction():
        if not Occasion.delete().where(Occasion.id == occasion_id).execute():
            raise NotFound("that occasion no longer exists")


def title(occasion: Occasion) -> str:
    """What an occasion is called: "birthday", "anniversary" or its own label."""
    return _title(occasion.kind, occasion.label)


def _title(kind: str, label: str) -> str:
    return label if kind == "custom" else (label or kind)


@dataclass(frozen=True)
class Coming:
    """One occasion's next occurrence, seen from a given day."""

    occasion_id: int
    contact_id: int
    contact_name: str
    title: str
    date: pendulum.Date
    days: int
    turning: int | None
    lead_days: int
    partner_id: int | None = None  # a shared date: the other person (of the one shown)
    partner_name: str = ""
    remembrance: bool = False  # its person (or one of a couple) has died: remembered only


def _keys_between(start: pendulum.Date, days: int) -> list[int]:
    """month*100+day keys of every day in the range, plus Feb 29 when it maps into it."""
    keys = set()
    for offset in range(min(days, 366) + 1):
        day = start.add(days=offset)
        keys.add(day.month * 100 + day.day)
    if 228 in keys or 301 in keys:
        keys.add(229)
    return sorted(keys)


def coming(today: pendulum.Date, days: int = 14, contact_id: int | None = None, *,
           remembrance: bool = False) -> list[Coming]:
    """Occasions whose next occurrence is within `days`, or within their own lead time.

    With `contact_id`: all of that contact's occasions, however far, including the dates
    they share as someone's partner ("anniversary with Sam"). Without: a shared date once,
    as "Ada & Sam", unless both of them are resting.

    An occasion of someone who has died (or shared with them) is left out, unless
    `remembrance` (the setting, passed by the TUI and the CLI) asks for it: then it comes
    within `days` only, with no lead time to prepare, and is worded as remembrance. Their
    own card (`contact_id`) always lists them, as remembrance.
    """
    longest_lead = Occasion.select(Occasion.lead_days).order_by(
        Occasion.lead_days.desc()
    ).scalar() or 0
    horizon = max(days, longest_lead)
    partner = Contact.alias()
    query = (
        Occasion.select(Occasion.id, Occasion.kind, Occasion.label, Occasion.month,
                        Occasion.day, Occasion.year, Occasion.feb29, Occasion.lead_days,
                        Contact.id, Contact.name, partner.id, partner.name,
                        Contact.deceased, partner.deceased)
        .join(Contact, on=(Occasion.contact == Contact.id))
        .switch(Occasion)
        .join(partner, join_type=JOIN.LEFT_OUTER, on=(Occasion.partner == partner.id))
    )
    if contact_id is not None:
        query = query.where((Occasion.contact == contact_id) | (Occasion.partner == contact_id))
    else:
        resting = Circle.select(Circle.id).where(Circle.resting)
        query = query.where(
            (Occasion.month * 100 + Occasion.day).in_(_keys_between(today, horizon))
            & (
                Contact.circle.is_null() | Contact.circle.not_in(resting)
                | (partner.id.is_null(False)
                   & (partner.circle.is_null() | partner.circle.not_in(resting)))
            )
        )
    result = []
    for row in raw_rows(query):  # plain numbers and text: a model per row cost the most
        month, day, feb29, lead_days = row[3], row[4], row[6], row[7]
        date = yearly.next_occurrence(month, day, today, feb29)
        until = clock.days_between(today, date)
        remembered = bool(row[12] or row[13])
        if contact_id is None and remembered and (not remembrance or until > days):
            continue
        if contact_id is None and until > days and until > lead_days:
            continue
        result.append(_coming(row, contact_id, date, until))
    result.sort(key=lambda c: (c.days, c.contact_name))
    return result


def _coming(row: tuple, seen_by: int | None, date: pendulum.Date, until: int) -> Coming:
    """One row of `coming`'s query, worded for whoever is looking: the owner, the partner,
    or everyone."""
    (occasion_id, kind, label, _month, _day, year, _feb29, lead_days,
     owner_id, owner_name, partner_id, partner_name, owner_died, partner_died) = row
    remembered = bool(owner_died or partner_died)
    who, name, label = owner_id, owner_name, _title(kind, label)
    other_id, other_name = (partner_id, partner_name) if partner_id is not None else (None, "")
    if partner_id is not None and seen_by is None:
        name = f"{owner_name} & {partner_name}"
    elif partner_id is not None:
        if seen_by == partner_id:
            who, name, other_id, other_name = partner_id, partner_name, owner_id, owner_name
        label = f"{label} with {other_name}"
    if remembered:  # no age to turn, nothing to prepare
        return Coming(occasion_id, who, name, label, date, until, None, 0, other_id,
                      other_name, True)
    return Coming(
        occasion_id, who, name, label, date, until, yearly.turning(year, date),
        lead_days, other_id, other_name,
    )


def describe(item: Coming) -> str:
    """The reason an occasion is suggested: "birthday in 3 days (turns 40)"; for someone
    who has died, "birthday in 3 days, in remembrance"."""
    text = f"{item.title} {clock.in_days(item.days)}"
    if item.remembrance:
        return f"{text}, in remembrance"
    if item.turning is not None and item.turning > 0:
        text += f" (turns {item.turning})" if item.title == "birthday" else (
            f" ({item.turning} years)"
        )
    if item.lead_days and 0 < item.days <= item.lead_days:
        text += f": prepare now, {item.lead_days}-day lead time"
    return text
