"""The holiday card list: putting someone on it, taking them off, ticking a card as sent,
each with its undo (`u`, `connecttui undo`)."""

from __future__ import annotations

from connecttui.core import cards, undo
from connecttui.core.commands import rows
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Contact, HolidayCard


def add_card(contact_id: int, year: int) -> HolidayCard:
    """Put a contact on the year's list; undoing takes them off (adding someone already
    there changes nothing and journals nothing)."""
    with transaction():
        already = cards.card_of(contact_id, year)
        card = cards.add_card(contact_id, year)
        if already is None:
            undo.record(f"put {Contact.get_by_id(contact_id).name} on the {year} card list",
                        rows.inverse_of_insert(HolidayCard, card.id))
    return card


def remove_card(card_id: int) -> None:
    """Take a card off the list; undoing puts it back, sent or not as it was."""
    with transaction():
        inverse = rows.inverse_of_delete(HolidayCard, card_id)
        card = HolidayCard.get_by_id(card_id)
        label = f"took {card.contact.name} off the {card.year} card list"
        cards.remove_card(card_id)
        undo.record(label, inverse)


def mark_sent(card_id: int, sent: bool = True) -> HolidayCard:
    """Tick a card as sent, or untick it; undoing puts the tick back as it was."""
    with transaction():
        inverse = rows.inverse_of_change(HolidayCard, card_id)
        card = cards.mark_sent(card_id, sent)
        undo.record(f"{'ticked' if sent else 'unticked'} {card.contact.name}'s card as sent",
                    inverse)
    return card
