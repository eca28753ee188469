"""Family: a contact's partner, children and other relatives, with ages and activities.

A relative is either a contact of their own (linked, so a rename shows everywhere and their
birthday gives an exact age) or just a name with a birth year: "Leo, 9, football" is what
you want to have read before calling his mother, and most people never become contacts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum

from connecttui.core import clock, yearly
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.models import RELATIONS, Contact, FamilyMember, Occasion

REVERSE = {"partner": "partner", "child": "parent", "parent": "child", "sibling": "sibling"}
"""The relation seen from a linked contact's side; "other" has no reverse."""

OLDEST_YEAR = 1900


@dataclass(frozen=True)
class Member:
    """A relative as the briefing shows them; `age` is None when the birth year is unknown."""

    id: int
    relation: str
    name: str
    age: int | None
    activities: str
    linked_id: int | None
    birth_year: int | None = None


def add_member(
    contact_id: int,
    relation: str,
    name: str = "",
    birth_year: int | None = None,
    activities: str = "",
    linked_id: int | None = None,
) -> FamilyMember:
    """Add a relative in one transaction. With `linked_id` the name may be left empty: the
    linked contact's name is used."""
    if relation not in RELATIONS:
        raise UserError(f'unknown relation "{relation}": use one of {", ".join(RELATIONS)}')
    this_year = clock.today().year
    if birth_year is not None and not OLDEST_YEAR <= birth_year <= this_year:
        raise UserError(f"a birth year is between {OLDEST_YEAR} and {this_year}")
    name = (name or "").strip()
    with transaction():
        if Contact.get_or_none(Contact.id == contact_id) is None:
            raise NotFound(f"contact #{contact_id} no longer exists")
        if linked_id is not None:
            if linked_id == contact_id:
                raise UserError("someone can't be their own family member")
            linked = Contact.get_or_none(Contact.id == linked_id)
            if linked is None:
                raise NotFound(f"contact #{linked_id} no longer exists")
            name = name or linked.name
        if not name:
            raise UserError("a family member needs a name")
        return FamilyMember.create(
            contact=contact_id, relation=relation, name=name, birth_year=birth_year,
            activities=(activities or "").strip(), linked=linked_id,
        )


def update_member(member_id: int, relation: str, name: str = "",
                  birth_year: int | None = None, activities: str = "") -> FamilyMember:
    """Change a relative's relation, name, birth year and activities (checked as
    `add_member` checks them). A linked relative keeps the link; an empty name then
    means the linked contact's name."""
    if relation not in RELATIONS:
        raise UserError(f'unknown relation "{relation}": use one of {", ".join(RELATIONS)}')
    this_year = clock.today().year
    if birth_year is not None and not OLDEST_YEAR <= birth_year <= this_year:
        raise UserError(f"a birth year is between {OLDEST_YEAR} and {this_year}")
    with transaction():
        member = FamilyMember.get_or_none(FamilyMember.id == member_id)
        if member is None:
            raise NotFound("that family member no longer exists")
        name = (name or "").strip()
        if not name and member.linked_id is not None:
            linked = Contact.get_or_none(Contact.id == member.linked_id)
            name = linked.name if linked is not None else ""
        if not name:
            raise UserError("a family member needs a name")
        member.relation, member.name, member.birth_year = relation, name, birth_year
        member.activities = (activities or "").strip()
        member.save()
    return member


def delete_member(member_id: int) -> None:
    with transaction():
        if not FamilyMember.delete().where(FamilyMember.id == member_id).execute():
            raise NotFound("that family member no longer exists")


def age_on(today: pendulum.Date, birth_year: int | None,
           birthday: tuple[int, int, str] | None = None) -> int | None:
    """Age at `today`. With a whole birthday (month, day, Feb 29 rule) the birthday must have
    passed this year; with only a birth year it is the age reached this year."""
    if birth_year is None:
        return None
    age = today.year - birth_year
    if birthday is not None:
        month, day, feb29 = birthday
        if today < yearly.occurs_on(month, day, today.year, feb29):
            age -= 1
    return age


def _birthdays(contact_ids: list[int]) -> dict[int, Occasion]:
    """Linked contacts' birthdays that have a year: they give exact ages."""
    if not contact_ids:
        return {}
    query = Occasion.select().where(
        Occasion.contact.in_(contact_ids) & (Occasion.kind == "birthday")
        & Occasion.year.is_null(False)
    )
    return {occasion.contact_id: occasion for occasion in query}


def members(contact_id: int, today: pendulum.Date) -> list[Member]:
    """A contact's family: the partner first, then children oldest first, then the others
    (parents, siblings, anyone else) in that order."""
    rows = list(
        FamilyMember.select().where(FamilyMember.contact == contact_id).order_by(FamilyMember.id)
    )
    linked = [row.linked_id for row in rows if row.linked_id is not None]
    names = dict(Contact.select(Contact.id, Contact.name).where(Contact.id.in_(linked)).tuples())
    birthdays = _birthdays(linked)
    found = []
    for row in rows:
        birthday = birthdays.get(row.linked_id)
        year = birthday.year if birthday is not None else row.birth_year
        whole = (birthday.month, birthday.day, birthday.feb29) if birthday is not None else None
        name = names.get(row.linked_id, row.name)  # a linked contact's name follows renames
        member = Member(row.id, row.relation, name, age_on(today, year, whole),
                        row.activities, row.linked_id, year)
        born = (year, whole[0], whole[1]) if whole else (year or 9999, 0, 0)
        found.append(((RELATIONS.index(row.relation), born, row.id), member))
    found.sort(key=lambda pair: pair[0])
    return [member for _, member in found]


def describe(member: Member) -> str:
    """One line: "Leo, 9, football" for a child, "partner: Sam" for anyone else."""
    parts = [member.name]
    if member.age is not None:
        parts.append(str(member.age))
    if member.activities:
        parts.append(member.activities)
    text = ", ".join(parts)
    return text if member.relation == "child" else f"{member.relation}: {text}"
