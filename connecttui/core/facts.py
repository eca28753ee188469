"""Facts: what you learned about someone (an interest, a need, an offer, anything else).

Facts carry tags so needs and offers can be matched even when their words differ ("a tax
adviser" and "an accountant", both tagged #tax). Tags come from the tags field and from
"#words" typed in the text, so a fact can be added in one line from the briefing.
"""

from __future__ import annotations

import re

import pendulum

from connecttui.core import search
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.models import FACT_KINDS, Contact, Fact

_HASHTAG = re.compile(r"(?<![\w#&])#([^\W_][\w-]*)")
_TAG = re.compile(r"[^\W_][\w-]*")
_TRAILING_TAGS = re.compile(r"(?:\s+#[^\W_][\w-]*)+\s*$")


def parse_tags(text: str) -> list[str]:
    """The "#words" in a text, lower-case, in order, without repeats ("C#" is no tag)."""
    return _unique(match.group(1).lower().rstrip("-") for match in _HASHTAG.finditer(text or ""))


def _split_tags(tags: str | list[str] | tuple[str, ...]) -> list[str]:
    """Tags as typed in a field: "tax, money", "#tax #money" or a list; lower-case."""
    pieces = [tags] if isinstance(tags, str) else list(tags)
    found: list[str] = []
    for piece in pieces:
        found.extend(word.rstrip("-") for word in _TAG.findall(str(piece or "").lower()))
    return _unique(found)


def _unique(words) -> list[str]:
    return [word for word in dict.fromkeys(words) if word]


def tags_of(fact: Fact) -> list[str]:
    """A fact's stored tags as a list."""
    return [tag for tag in (fact.tags or "").split(",") if tag]


def plain_text(text: str) -> str:
    """A fact's words for a sentence: trailing "#tags" dropped, inline ones lose the "#"."""
    text = _TRAILING_TAGS.sub("", text or "")
    return _HASHTAG.sub(lambda m: m.group(1), text).strip()


def add_fact(
    contact_id: int, kind: str, text: str, tags: str | list[str] | tuple[str, ...] = ""
) -> Fact:
    """Store a fact; its tags are the given ones plus the text's "#words"."""
    if kind not in FACT_KINDS:
        raise UserError(f'unknown kind of fact "{kind}": use one of {", ".join(FACT_KINDS)}')
    if not text or not text.strip():
        raise UserError("a fact needs some words")
    stored_tags = ",".join(_unique([*_split_tags(tags), *parse_tags(text)]))
    with transaction():
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            raise NotFound(f"contact #{contact_id} no longer exists")
        fact = Fact.create(
            contact=contact, kind=kind, text=text.strip(), tags=stored_tags,
            created_at=pendulum.now("UTC"),
        )
        search.index_contact(contact)
    return fact


def update_fact(
    fact_id: int, kind: str, text: str, tags: str | list[str] | tuple[str, ...] = ""
) -> Fact:
    """Change a fact's kind, words and tags, read as `add_fact` reads them (so an edit can
    add a "#word" tag the same way)."""
    if kind not in FACT_KINDS:
        raise UserError(f'unknown kind of fact "{kind}": use one of {", ".join(FACT_KINDS)}')
    if not text or not text.strip():
        raise UserError("a fact needs some words")
    with transaction():
        fact = Fact.get_or_none(Fact.id == fact_id)
        if fact is None:
            raise NotFound("that fact no longer exists")
        fact.kind, fact.text = kind, text.strip()
        fact.tags = ",".join(_unique([*_split_tags(tags), *parse_tags(text)]))
        fact.save()
        search.index_contact(fact.contact)
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
