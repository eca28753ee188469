"""What a vdir's card says, compared with ours, and how the sync takes it in (vdir.py).

The unmodelled lines (a photo, X- lines, grouped items) are the vdir's: connecttui has
no way to change them, so when both sides changed, the file's are kept and ours are added
only where the file has no such property (`take_extras`); nothing either side kept is lost.
"""

from __future__ import annotations

import re

import pendulum

from connecttui.core import family, occasions, people, search
from connecttui.core.errors import UserError
from connecttui.core.store.models import Contact, ContactField, FamilyMember, Occasion
from connecttui.interop import vcard
from connecttui.interop.card import Card
from connecttui.interop.vcard_lines import kept_lines, stored, union

FIELD_KINDS = ("email", "phone", "address", "url", "org", "title")


def content(card: Card) -> dict[str, object]:
    """What a card says, as sets and values comparable between two programs' spellings
    (a category naming a circle is not written back: it became the contact's circle)."""
    digits = [re.sub(r"\D", "", v) for _, v in card.phones]
    circles = {people.normalize(c.name) for c in people.circles()}
    return {
        "name": people.normalize(card.name),
        "nicknames": {people.normalize(n) for n in card.nicknames if n.strip()},
        "emails": {v.strip().casefold() for _, v in card.emails if v.strip()},
        "phones": {d for d in digits if d},
        "addresses": {" ".join(v.split()).casefold() for _, v in card.addresses if v.strip()},
        "urls": {v.strip() for _, v in card.urls if v.strip()},
        "org": card.org.strip(),
        "title": card.title.strip(),
        "note": card.note.strip(),
        "birthday": card.birthday,
        "dates": {(d.kind, d.date[1], d.date[2]) for d in card.dates},
        "relatives": {people.normalize(r.name) for r in card.relatives if r.name.strip()},
        "categories": {people.normalize(c) for c in card.categories
                       if c.strip() and people.normalize(c) not in circles},
    }


def missing(theirs: Card, ours: Card) -> list[str]:
    """What their card says that ours lacks or says otherwise (empty: ours has it all)."""
    a, b = content(theirs), content(ours)
    found = []
    for key, value in a.items():
        if isinstance(value, set):
            if not value <= b[key]:
                found.append(key)
        elif value and value != b[key]:
            found.append(key)
    return found


def our_card(contact_id: int, version: str) -> Card | None:
    """Our own card for a contact, read back the way the vdir's is read."""
    cards, _ = vcard.read_bytes(vcard.card_text(contact_id, version=version).encode("utf-8"))
    return cards[0] if cards else None


def take_in(contact_id: int, card: Card) -> None:
    """The vdir's card replaces what a vCard carries; what it can't carry stays."""
    contact = Contact.get_by_id(contact_id)
    if card.name.strip():
        contact.name = people.clean_name(card.name)
    contact.nicknames = ", ".join(n.strip() for n in card.nicknames if n.strip())
    contact.notes = card.note
    contact.vcard_extra = stored(card.extra)
    circles = {people.normalize(c.name): c for c in people.circles()}
    named = [circles[people.normalize(c)] for c in card.categories
             if people.normalize(c) in circles]
    if named:
        contact.circle = named[0]
    contact.tags = ", ".join(c.strip() for c in card.categories
                             if c.strip() and people.normalize(c) not in circles)
    contact.address = card.addresses[0][1] if card.addresses else ""
    contact.updated_at = pendulum.now("UTC")
    contact.save()
    ContactField.delete().where(
        (ContactField.contact == contact.id) & ContactField.kind.in_(FIELD_KINDS)
    ).execute()
    wanted = [("email", label, value) for label, value in card.emails]
    wanted += [("phone", label, value) for label, value in card.phones]
    wanted += [("address", label, value) for label, value in card.addresses]
    wanted += [("url", label, value) for label, value in card.urls]
    wanted += [("org", "", card.org), ("title", "", card.title)]
    position = 0
    for kind, label, value in wanted:
        if value.strip():
            ContactField.create(contact=contact.id, kind=kind, label=label,
                                value=value.strip(), position=position)
            position += 1
    take_birthday(contact.id, card.birthday)
    add_dates_and_family(contact.id, card)
    search.index_contact(contact)


def take_birthday(contact_id: int, birthday) -> None:
    """Change the birthday in place (its lead time and gifts stay), add or remove it."""
    current = people.birthday_of(contact_id)
    if birthday is None or not valid(birthday):
        if current is not None and birthday is None:
            current.delete_instance()
        return
    year, month, day = birthday
    if current is None:
        Occasion.create(contact=contact_id, kind="birthday", month=month, day=day, year=year)
    elif (current.year, current.month, current.day) != (year, month, day):
        current.year, current.month, current.day = year, month, day
        current.save()


def valid(date) -> bool:
    try:
        occasions.check_date(*date)
    except (UserError, TypeError, ValueError):
        return False
    return True


def add_dates_and_family(contact_id: int, card: Card) -> None:
    """Dates and relatives the card names that the contact lacks (none is removed)."""
    known = {(k, m, d) for k, m, d in Occasion.select(
        Occasion.kind, Occasion.month, Occasion.day).where(
        (Occasion.contact == contact_id) | (Occasion.partner == contact_id)).tuples()}
    for item in card.dates:
        year, month, day = item.date
        kind = item.kind if item.kind in ("anniversary", "custom") else "custom"
        if valid(item.date) and (kind, month, day) not in known:
            occasions.add_occasion(contact_id, kind, month, day, year=year,
                                   label=item.label or ("" if kind == "anniversary" else "date"))
            known.add((kind, month, day))
    relatives = {people.normalize(n) for (n,) in FamilyMember.select(FamilyMember.name).where(
        FamilyMember.contact == contact_id).tuples()}
    relatives |= {people.normalize(c.name) for c in Contact.select(Contact.name).join(
        FamilyMember, on=(FamilyMember.linked == Contact.id)).where(
        FamilyMember.contact == contact_id)}
    for relative in card.relatives:
        if relative.name.strip() and people.normalize(relative.name) not in relatives:
            relation = relative.relation if relative.relation in (
                "partner", "child", "parent", "sibling", "other") else "other"
            family.add_member(contact_id, relation, relative.name.strip())
            relatives.add(people.normalize(relative.name))


def take_extras(contact_id: int, card: Card) -> bool:
    """Keep the lines the vdir's card keeps, then those of ours it has no such property
    of (what an import added, a photo an older connecttui did not keep). Returns whether
    ours keeps more than the card: then the file is to be written."""
    text = Contact.select(Contact.vcard_extra).where(Contact.id == contact_id).scalar() or ""
    lines = union(list(card.extra), kept_lines(text))
    if stored(lines) != text:
        Contact.update(vcard_extra=stored(lines)).where(Contact.id == contact_id).execute()
    return len(lines) > len(card.extra)
