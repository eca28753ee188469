"""Facts, family members and gifts: adding, editing and deleting each, with its undo.

Why here and not in the dialogs: the briefing's `f` `m` `g` dialogs, its edit/delete keys
and the CLI's `fact`, `family` and `gift` commands all make these changes, and each must land
in the journal in the same transaction (`u`, `connecttui undo`).
"""

from __future__ import annotations

import pendulum

from connecttui.core import facts, family, gifts, undo
from connecttui.core.commands import rows
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Contact, Fact, FamilyMember, Gift
from connecttui.core.text import one_line


def _name(contact_id: int) -> str:
    return Contact.get_by_id(contact_id).name


# ----- facts -----------------------------------------------------------------------------
def add_fact(contact_id: int, kind: str, text: str, tags="") -> Fact:
    with transaction():
        fact = facts.add_fact(contact_id, kind, text, tags)
        undo.record(f"added {kind} for {_name(contact_id)}: {one_line(fact.text)}",
                    rows.inverse_of_insert(Fact, fact.id))
    return fact


def edit_fact(fact_id: int, kind: str, text: str, tags="") -> Fact:
    with transaction():
        inverse = rows.inverse_of_change(Fact, fact_id)
        fact = facts.update_fact(fact_id, kind, text, tags)
        undo.record(f"edited a fact about {_name(fact.contact_id)}", inverse)
    return fact


def delete_fact(fact_id: int) -> None:
    with transaction():
        inverse = rows.inverse_of_delete(Fact, fact_id)
        fact = Fact.get_by_id(fact_id)
        label = f"deleted {fact.kind} for {_name(fact.contact_id)}: {one_line(fact.text)}"
        facts.delete_fact(fact_id)
        undo.record(label, inverse)


# ----- family ----------------------------------------------------------------------------
def add_member(contact_id: int, relation: str, name: str = "", *,
               birth_year: int | None = None, activities: str = "",
               linked_id: int | None = None) -> FamilyMember:
    """Add a relative. A relative who is a contact (`linked_id`) also gets the relation
    back on their own card (a child's parent, a partner's partner) unless they already
    name this contact, so both cards show it, whether added in the briefing (`m`) or by
    `connecttui family --contact`; undoing takes both away."""
    with transaction():
        member = family.add_member(contact_id, relation, "" if linked_id else name,
                                   birth_year=birth_year, activities=activities,
                                   linked_id=linked_id)
        added = [member.id]
        back = family.REVERSE.get(relation)
        if linked_id is not None and back is not None and not FamilyMember.select().where(
            (FamilyMember.contact == linked_id) & (FamilyMember.linked == contact_id)
        ).exists():
            added.append(family.add_member(linked_id, back, "", linked_id=contact_id).id)
        inverse = rows.inverse_of_insert(FamilyMember, member.id)
        inverse["ids"] = added
        undo.record(f"added {member.name} to {_name(contact_id)}'s family", inverse)
    return member


def edit_member(member_id: int, relation: str, name: str = "",
                birth_year: int | None = None, activities: str = "") -> FamilyMember:
    with transaction():
        inverse = rows.inverse_of_change(FamilyMember, member_id)
        member = family.update_member(member_id, relation, name, birth_year, activities)
        undo.record(f"edited {member.name} in {_name(member.contact_id)}'s family", inverse)
    return member


def delete_member(member_id: int) -> None:
    with transaction():
        inverse = rows.inverse_of_delete(FamilyMember, member_id)
        member = FamilyMember.get_by_id(member_id)
        label = f"deleted {member.name} from {_name(member.contact_id)}'s family"
        family.delete_member(member_id)
        undo.record(label, inverse)


# ----- gifts -----------------------------------------------------------------------------
def add_gift(contact_id: int, text: str, status: str = "idea", occasion_id: int | None = None,
             on: pendulum.Date | None = None) -> tuple[Gift, str | None]:
    """Store a gift; returns it with the core's "already given" warning, if any."""
    with transaction():
        gift, warning = gifts.add_gift(contact_id, text, status, occasion_id, on)
        undo.record(f"added gift for {_name(contact_id)}: {one_line(gift.text)}",
                    rows.inverse_of_insert(Gift, gift.id))
    return gift, warning


def edit_gift(gift_id: int, text: str, status: str, occasion_id: int | None = None,
              on: pendulum.Date | None = None) -> tuple[Gift, str | None]:
    with transaction():
        inverse = rows.inverse_of_change(Gift, gift_id)
        gift, warning = gifts.update_gift(gift_id, text, status, occasion_id, on)
        undo.record(f"edited gift for {_name(gift.contact_id)}: {one_line(gift.text)}",
                    inverse)
    return gift, warning


def delete_gift(gift_id: int) -> None:
    with transaction():
        inverse = rows.inverse_of_delete(Gift, gift_id)
        gift = Gift.get_by_id(gift_id)
        label = f"deleted gift for {_name(gift.contact_id)}: {one_line(gift.text)}"
        gifts.delete_gift(gift_id)
        undo.record(label, inverse)
