"""Deciding what an import will do, before anything is written: which card adds a contact,
which merges into one, which is skipped and why.

Kept apart from `importing` (which writes) so the matching rules can be read, tested and
changed in one place, and a dry run needs nothing but this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from connecttui.core import people
from connecttui.core.store.models import Contact, ContactField
from connecttui.interop.card import Card, Skipped


@dataclass
class Action:
    kind: str  # "add", "merge" or "skip"
    card: Card
    contact_id: int | None = None  # for a merge: whom; negative: a card added earlier here
    reason: str = ""  # merge: what matched; skip: why


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[-9:] if len(digits) >= 6 else ""


class _Index:
    """Who is already there, by uid, email, phone and exact name; grows as cards are planned
    so two cards for one person in a file become one contact."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], set[int]] = {}
        for cid, uid, name in Contact.select(Contact.id, Contact.uid, Contact.name).tuples():
            self.add(("uid", uid), cid)
            self.add(("name", people.normalize(name)), cid)
        for cid, kind, value in ContactField.select(
            ContactField.contact, ContactField.kind, ContactField.value
        ).where(ContactField.kind.in_(["email", "phone"])).tuples():
            self.add(self._field_key(kind, value), cid)

    @staticmethod
    def _field_key(kind: str, value: str) -> tuple[str, str]:
        return (kind, _digits(value) if kind == "phone" else value.strip().casefold())

    def add(self, key: tuple[str, str], cid: int) -> None:
        if key[1]:
            self.keys.setdefault(key, set()).add(cid)

    def card_keys(self, card: Card) -> dict[str, list[tuple[str, str]]]:
        return {
            "uid": [("uid", card.uid)] if card.uid else [],
            "email or phone": [self._field_key("email", v) for _, v in card.emails]
            + [self._field_key("phone", v) for _, v in card.phones],
            "name": [("name", people.normalize(card.name))],
        }

    def match(self, card: Card) -> tuple[str, set[int]]:
        """(what matched, the candidates), trying uid, then email or phone, then name."""
        for how, keys in self.card_keys(card).items():
            found: set[int] = set()
            for key in keys:
                found |= self.keys.get(key, set())
            if found:
                return how, found
        return "", set()

    def register(self, card: Card, cid: int) -> None:
        for keys in self.card_keys(card).values():
            for key in keys:
                self.add(key, cid)


def plan(cards: list[Card], skipped: list[Skipped]) -> list[Action]:
    """Decide, without writing anything, what each card will do."""
    index = _Index()
    actions = [Action("skip", Card(name=s.where), reason=s.reason) for s in skipped]
    pending = 0
    for card in cards:
        if not card.name.strip():
            actions.append(Action("skip", card, reason="no name"))
            continue
        how, found = index.match(card)
        if len(found) > 1:
            names = _names(found, actions)
            actions.append(Action("skip", card, reason=f"matches several: {', '.join(names)}"))
        elif found:
            actions.append(Action("merge", card, next(iter(found)), f"matched by {how}"))
        else:
            pending -= 1
            index.register(card, pending)
            actions.append(Action("add", card, pending))
    return actions


def _names(ids: set[int], actions: list[Action]) -> list[str]:
    known = dict(Contact.select(Contact.id, Contact.name).where(
        Contact.id.in_([i for i in ids if i > 0])).tuples())
    planned = {a.contact_id: a.card.name for a in actions if a.kind == "add"}
    return sorted(known.get(i) or planned.get(i, "?") for i in ids)
