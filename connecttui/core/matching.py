"""Help without expecting anything back: needs that meet offers, and introductions to make.

A "need" fact of one contact and an "offer" fact of another match when they share a tag or a
significant word. Words are compared loosely on purpose (case, accents and plurals ignored,
little words dropped) so "a flat in Berlin" meets "knows the Berlin rental market", while
"a" and "the" never make a match. Nothing is scored: a match is a prompt to think of an
introduction, and the shared words say why.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import pendulum

from connecttui.core.facts import plain_text
from connecttui.core.store.models import Circle, Contact, Fact, database
from connecttui.core.suggestion import Suggestion

_WORD = re.compile(r"[^\W_]+")

_STOPWORDS = """
    about above after again against all also and any are aren around because been before
    being below between both but can cannot could did does doing don down during each else
    ever every few for from further get gets getting got had has have having her here hers
    him his how into its just like lot lots may might more most much must near need needed
    needs not now off once one only other our ours out over own per really same she should
    some such than that the their theirs them then there these they this those through too
    under until upon very via was were what when where which while who whom why will with
    within without would yet you your yours
    help helps helping helped someone somebody anyone anybody something thing things want
    wants wanted looking look looks find finding found know knows knew known good great
    best new way ways advice tips kind sort bit able
"""
STOPWORDS = frozenset(_STOPWORDS.split())
"""Words too common to say two facts are about the same thing (also the generic words of
needs and offers themselves: "needs", "help", "knows", "looking for")."""


@dataclass(frozen=True)
class Match:
    """A need of one contact and an offer of another that share tags or words."""

    need_fact_id: int
    offer_fact_id: int
    need_contact_id: int
    need_name: str
    offer_contact_id: int
    offer_name: str
    need_text: str
    offer_text: str
    shared: tuple[str, ...]  # the shared tags and words, sorted


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a word."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def stem(word: str) -> str:
    """Light stemming, plurals only: "taxes" -> "tax", "cities" -> "city", "cats" -> "cat".
    Anything cleverer starts matching words that merely look alike."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words_of(text: str) -> set[str]:
    """The significant words of a text: 3+ letters (or a 2-letter acronym typed in capitals,
    like "UX" or "AI"), not a stopword, with plurals folded to the singular."""
    found = set()
    for raw in _WORD.findall(text or ""):
        word = fold(raw)
        if not any(ch.isalpha() for ch in word):
            continue  # numbers say nothing about what someone needs
        if len(word) < 3 and not (len(word) == 2 and raw.isupper()):
            continue
        word = stem(word)
        if word in STOPWORDS or fold(raw) in STOPWORDS:
            continue
        found.add(word)
    return found


def tokens_of(text: str, tags: str) -> set[str]:
    """What a fact matches on: its tags (kept even if short: the user chose them) and words."""
    tagged = {stem(fold(tag)) for tag in (tags or "").split(",") if tag.strip()}
    return tagged | words_of(text)


def matches(contact_id: int | None = None) -> list[Match]:
    """Every need/offer pair of different contacts sharing a tag or word, neither contact
    resting nor deceased; with `contact_id`, only the pairs that involve that contact. Most
    shared first, then by names."""
    resting = Circle.select(Circle.id).where(Circle.resting)
    rows = list(
        Fact.select(Fact.id, Fact.kind, Fact.text, Fact.tags, Contact.id, Contact.name)
        .join(Contact)
        .where(
            Fact.kind.in_(("need", "offer"))
            & (Contact.circle.is_null() | Contact.circle.not_in(resting))
            & ~Contact.deceased
        )
        .order_by(Fact.id)
        .tuples()
    )
    needs = [row for row in rows if row[1] == "need"]
    offers_by_token: dict[str, list[tuple]] = {}
    offer_tokens: dict[int, set[str]] = {}
    for row in rows:
        if row[1] == "offer":
            offer_tokens[row[0]] = tokens_of(row[2], row[3])
            for token in offer_tokens[row[0]]:
                offers_by_token.setdefault(token, []).append(row)
    result = []
    for need_id, _, need_text, need_tags, need_cid, need_name in needs:
        need_tokens = tokens_of(need_text, need_tags)
        candidates = {row[0]: row for t in need_tokens for row in offers_by_token.get(t, [])}
        for offer_id, _, offer_text, _, offer_cid, offer_name in candidates.values():
            if offer_cid == need_cid:
                continue
            if contact_id is not None and contact_id not in (need_cid, offer_cid):
                continue
            shared = tuple(sorted(need_tokens & offer_tokens[offer_id]))
            result.append(
                Match(need_id, offer_id, need_cid, need_name, offer_cid, offer_name,
                      need_text, offer_text, shared)
            )
    result.sort(key=lambda m: (-len(m.shared), m.need_name.casefold(),
                               m.offer_name.casefold(), m.need_fact_id, m.offer_fact_id))
    return result


_VERBS = (
    "need needs want wants is was has had knows know can could would offers offer does runs "
    "works teaches speaks loves hires sold sells owns built builds makes cooks"
)
_SAYS_ITSELF = frozenset(_VERBS.split())
"""First words that already read as a verb after a name: "Omar knows tax law"."""


def phrase(name: str, verb: str, text: str) -> str:
    """"Frances needs a tax adviser", "Omar knows tax law", "Lin is moving to Lisbon"."""
    text = plain_text(text)
    first = fold(text.split()[0]) if text.split() else ""
    if first in _SAYS_ITSELF:
        return f"{name} {text}"
    if first.endswith("ing") and len(first) > 4:
        return f"{name} is {text}"
    return f"{name} {verb} {text}"


def introduced_pairs() -> set[tuple[int, int]]:
    """Pairs of contacts (smaller id first) already linked by a touch of kind "intro"."""
    cursor = database.execute_sql(
        "SELECT DISTINCT a.contact_id, b.contact_id FROM touchcontact AS a "
        "JOIN touchcontact AS b ON b.touch_id = a.touch_id AND b.contact_id > a.contact_id "
        "JOIN touch AS t ON t.id = a.touch_id WHERE t.kind = 'intro'"
    )
    return {(a, b) for a, b in cursor.fetchall()}


def intro_suggestions(today: pendulum.Date) -> list[Suggestion]:
    """One suggestion per match, on the upcoming list of the person with the need; a pair
    you already introduced (an "intro" touch with both) is not suggested again."""
    done = introduced_pairs()
    result = []
    worded = functools.cache(phrase)  # a fact is in many matches: word it once per call

    for m in matches():
        pair = (min(m.need_contact_id, m.offer_contact_id),
                max(m.need_contact_id, m.offer_contact_id))
        if pair in done:
            continue
        reason = "shared: " + ", ".join(m.shared)
        text = (f"{worded(m.need_name, 'needs', m.need_text)}; "
                f"{worded(m.offer_name, 'offers', m.offer_text)}: introduce them?")
        result.append(
            Suggestion(
                "intro", m.need_contact_id, m.need_name, "match", text, reason,
                m.need_fact_id, 0, 0, f"{m.need_fact_id}:{m.offer_fact_id}",
            )
        )
    return result
