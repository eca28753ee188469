"""Monica (4.x) JSON export, read into cards (`read_cards`).

The whole file is read first (monica_export: the file and the shape of its records) for
what every contact is read against: everyone's names by uuid, Monica's vocabularies, who
took part in which activity, the relationships. Then each contact becomes a card
(monica_card says what becomes what).

Monica's own "me" contact is skipped (it is you); partial contacts (relatives known only by
name) are not cards of their own, only names on the contact they belong to. An activity
shared by several contacts is put only on the last of their cards, so it is logged once,
when everyone who was there is imported. A contact that can't be read is skipped with its
number ("contact 3", counting every contact in the file from 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from connecttui.interop.card import Card, Skipped
from connecttui.interop.monica_card import BrokenRecord, ExportContext, contact_card
from connecttui.interop.monica_export import (
    as_list,
    clean_text,
    collections_of,
    is_true,
    load_export,
    own_records,
    props_of,
    uuid_of,
)


def read_cards(path: Path) -> tuple[list[Card], list[Skipped]]:
    """The people in a Monica 4.x JSON export, in file order, and what was left out."""
    export = load_export(Path(path))
    account = export["account"]
    collections = collections_of(account.get("data"))
    contacts = collections.get("contact", [])
    instance = account.get("instance") if isinstance(account.get("instance"), dict) else {}
    field_types = {
        uuid_of(t): props_of(t) for t in as_list(instance.get("contact_field_types")) if uuid_of(t)
    }
    activities = {uuid_of(a): a for a in collections.get("activity", []) if uuid_of(a)}
    me = {
        u for u in (props_of(user).get("me_contact") for user in collections.get("user", []))
        if isinstance(u, str)
    }

    names = _names(contacts)
    ctx = ExportContext(
        names_by_uuid=_uuid_names(contacts, names), field_types=field_types,
        activities=activities, participants=_participants(contacts),
        relationships=_relationships(collections.get("relationship", [])), me=me,
    )
    cards: list[Card] = []
    skipped: list[Skipped] = []
    for number, contact in enumerate(contacts, start=1):
        where = f"contact {number}"
        if not isinstance(contact, dict) or not isinstance(contact.get("properties"), dict):
            skipped.append(Skipped(where, "it is not a Monica contact record"))
            continue
        if uuid_of(contact) in me:
            skipped.append(Skipped(where, "it is your own contact in Monica (you)"))
            continue
        if is_true(props_of(contact).get("is_partial")):
            continue  # a relative known only by name: it is on the contact it belongs to
        name = names.get(id(contact), "")
        if not name:
            skipped.append(Skipped(where, "no name"))
            continue
        ctx.pending.clear()
        try:
            cards.append(contact_card(contact, name, f"{where} ({name})", skipped, ctx))
        except BrokenRecord as error:
            skipped.append(Skipped(where, str(error)))
            continue
        except (TypeError, ValueError, AttributeError, KeyError) as error:
            skipped.append(Skipped(where, f"it could not be read ({error})"))
            continue
        for activity, entry in ctx.pending:
            ctx.shared.setdefault(activity, []).append(entry)
    for entries in ctx.shared.values():
        for card, touch in entries[:-1]:  # a shared activity is logged once, on the last
            card.touches.remove(touch)
    return cards, skipped


# --- the whole file's indexes ------------------------------------------------------------


def _name_of(contact: Any) -> str:
    props = props_of(contact)
    parts = [clean_text(props.get(k)) for k in ("first_name", "middle_name", "last_name")]
    return " ".join(p for p in parts if p) or clean_text(props.get("nickname"))


def _names(contacts: list[Any]) -> dict[int, str]:
    return {id(c): _name_of(c) for c in contacts if isinstance(c, dict)}


def _uuid_names(contacts: list[Any], names: dict[int, str]) -> dict[str, str]:
    return {uuid_of(c): names[id(c)] for c in contacts if uuid_of(c) and names.get(id(c))}


def _participants(contacts: list[Any]) -> dict[str, list[str]]:
    """Activity uuid -> the uuids of the contacts who took part, in file order."""
    found: dict[str, list[str]] = {}
    for contact in contacts:
        if not isinstance(contact, dict):
            continue
        for activity in own_records(contact, "activity"):
            if isinstance(activity, str):
                found.setdefault(activity, []).append(uuid_of(contact))
    return found


def _relationships(values: list[Any]) -> dict[str, list[tuple[str, str]]]:
    """contact uuid -> [(Monica's type, the other contact's uuid)]."""
    found: dict[str, list[tuple[str, str]]] = {}
    for record in values:
        props = props_of(record)
        kind, subject, other = props.get("type"), props.get("contact_is"), props.get("of_contact")
        if all(isinstance(v, str) and v for v in (kind, subject, other)):
            found.setdefault(subject, []).append((kind, other))
    return found
