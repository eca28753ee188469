"""Facts: what you learned about someone (an interest, a need, an offer, anything else)."""

from __future__ import annotations

import pendulum

from connecttui.core import search
from connecttui.core.db import transaction
from connecttui.core.errors import NotFound, UserError
from connecttui.core.models import FACT_KINDS, Contact, Fact


def add_fact(contact_id: int, kind: str, text: str) -> Fact:
    if kind not in FACT_KINDS:
        raise UserError(f'unknown kind of fact "{kind}": use one of {", ".join(FACT_KINDS)}')
    if not text or not text.strip():
        raise UserError("a fact needs some words")
    with transaction():
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            raise NotFound(f"contact #{contact_id} no longer exists")
        fact = Fact.create(
            contact=contact, kind=kind, text=text.strip(), created_at=pendulum.now("UTC")
        )
        search.index_contact(contact)
    return fact


def delete_fact(fact_id: int) -> None:
    with transaction():
        fact = Fact.get_or_none(Fact.id == fact_id)
        if fact is None:
            raise NotFound("that fact no longer exists")
        contact = fact.contact
        fact.delete_instance()
        search.index_contact(contact)


def facts_of(contact_id: int) -> list[Fact]:
    order = {kind: i for i, kind in enumerate(FACT_KINDS)}
    facts = list(Fact.select().where(Fact.contact == contact_id).order_by(Fact.id))
    return sorted(facts, key=lambda f: order.get(f.kind, len(order)))
