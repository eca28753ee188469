"""Someone who has died: kept, with all their history, in search and on every timeline, but
never drifting and never suggested, so a grieving user is never nudged to "reach out".

Marking is one change with its own transaction and its own undo entry (`u`, `connecttui
undo`), made here for the CLI and the TUI alike; clearing it is for a mistake. The day may be
unknown. What each practice does with a deceased contact is decided where it suggests:
- windows (touches.py): never drifting; the list shows a † instead of the days;
- occasions (occasions.py): their birthdays and anniversaries (a shared one too) are hidden,
  unless the caller asks for remembrance (the `remembrance` setting), worded as such and
  never "turns 40", with no lead time to prepare;
- open loops stay open on their card (some still matter: "return the book to Ann"), but are
  never due anywhere: not in Upcoming, the review or the week plan;
- introductions, memories with no one else alive, unanswered touches, needs to help with,
  gift ideas and holiday cards are never suggested.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum

from connecttui.core import people, typed_dates, undo
from connecttui.core.errors import UserError
from connecttui.core.store.db import raw_rows, transaction
from connecttui.core.store.models import Contact, OpenLoop


def deceased_ids() -> set[int]:
    """Every deceased contact (few: a plain cursor, no model per row)."""
    return {row[0] for row in raw_rows(Contact.select(Contact.id).where(Contact.deceased))}


def read_day(text: str | None, today: pendulum.Date) -> pendulum.Date | None:
    """The day of death typed by the user ("3 march 2024", "2024-03-03", "last fri"), read
    as the past; empty is unknown. A day after today is refused."""
    if text is None or not text.strip():
        return None
    day = typed_dates.parse_day(text, today, prefer="past")
    if day > today:
        raise UserError(f'"{text.strip()}" is {day.format("D MMMM YYYY")}: a day of death '
                        "can't be in the future")
    return day


def died_line(contact: Contact) -> str:
    """"Died 3 March 2024", "Deceased" when the day is unknown, "" for the living."""
    if not contact.deceased:
        return ""
    if contact.deceased_on is None:
        return "Deceased"
    return f"Died {contact.deceased_on.format('D MMMM YYYY')}"


@dataclass(frozen=True)
class Marked:
    """What marking changed, for the caller to say."""

    contact: Contact
    open_loops: int  # their open loops, kept open on their card but no longer suggested


def mark_deceased(contact_id: int, on: pendulum.Date | None = None,
                  today: pendulum.Date | None = None) -> Marked:
    """Mark a contact deceased (or change the day), in one transaction with its undo entry.
    `on` None: the day is unknown. With `today`, a day after it is refused."""
    if on is not None and today is not None and on > today:
        raise UserError("a day of death can't be in the future")
    with transaction():
        contact = people.get_contact(contact_id)
        inverse = _inverse(contact)
        contact.deceased, contact.deceased_on = True, on
        contact.updated_at = pendulum.now("UTC")
        contact.save()
        undo.record(f"marked {contact.name} deceased", inverse)
        loops = OpenLoop.select().where(
            (OpenLoop.contact == contact_id) & OpenLoop.done_at.is_null()).count()
    return Marked(contact, loops)


def clear_deceased(contact_id: int) -> Contact:
    """Undo a mistake: the contact is alive again (windows and suggestions as before), in one
    transaction with its undo entry. Clearing someone not deceased is refused."""
    with transaction():
        contact = people.get_contact(contact_id)
        if not contact.deceased:
            raise UserError(f"{contact.name} is not marked deceased")
        inverse = _inverse(contact)
        contact.deceased, contact.deceased_on = False, None
        contact.updated_at = pendulum.now("UTC")
        contact.save()
        undo.record(f"cleared deceased for {contact.name}", inverse)
    return contact


def _inverse(contact: Contact) -> dict:
    return undo.inverse_of_deceased(contact.id, contact.deceased, contact.deceased_on)
