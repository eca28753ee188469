"""Needs meet offers: by tag or by significant word, never with oneself, never resting."""

from __future__ import annotations

import pendulum
import pytest
import time_machine

from connecttui.core import facts, matching, people, touches
from connecttui.core.matching import Match
from connecttui.core.store.models import Contact
from connecttui.core.suggestion import Suggestion

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def add(name: str, **kwargs) -> Contact:
    with time_machine.travel(NOW, tick=False):
        return people.add_contact(name, **kwargs)


def pairs(contact_id: int | None = None) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(m.need_text, m.offer_text, m.shared) for m in matching.matches(contact_id)]


def test_need_meets_offer_by_word(db, today):
    frances, omar = add("Frances Allen"), add("Omar Haddad")
    need = facts.add_fact(frances.id, "need", "a tax adviser")
    offer = facts.add_fact(omar.id, "offer", "knows tax law")
    assert matching.matches() == [
        Match(need.id, offer.id, frances.id, "Frances Allen", omar.id, "Omar Haddad",
              "a tax adviser", "knows tax law", ("tax",)),
    ]
    assert matching.intro_suggestions(today) == [
        Suggestion(
            "intro", frances.id, "Frances Allen", "match",
            "Frances Allen needs a tax adviser; Omar Haddad knows tax law: introduce them?",
            "shared: tax", need.id, 0, 0, f"{need.id}:{offer.id}",
        )
    ]
    assert matching.intro_suggestions(today)[0].snooze_ref == f"{need.id}:{offer.id}"


def test_need_meets_offer_by_tag(db):
    ada, omar = add("Ada Lovelace"), add("Omar Haddad")
    facts.add_fact(ada.id, "need", "an accountant #Money")
    facts.add_fact(omar.id, "offer", "does bookkeeping", tags="money, finance")
    facts.add_fact(omar.id, "offer", "bakes bread", tags="food")
    assert pairs() == [("an accountant #Money", "does bookkeeping", ("money",))]


def test_a_tag_meets_a_word_and_short_tags_count(db):
    ada, omar, lin = add("Ada Lovelace"), add("Omar Haddad"), add("Lin Wei")
    facts.add_fact(ada.id, "need", "somewhere to live", tags="Berlin")
    facts.add_fact(omar.id, "offer", "knows the Berlin rental market")
    facts.add_fact(lin.id, "need", "a mentor", tags="ai")
    facts.add_fact(omar.id, "offer", "research mentoring", tags="AI")
    assert pairs() == [  # by the name of the one in need: Ada, then Lin
        ("somewhere to live", "knows the Berlin rental market", ("berlin",)),
        ("a mentor", "research mentoring", ("ai",)),
    ]


def test_plurals_case_and_accents_are_ignored(db):
    ada, omar = add("Ada Lovelace"), add("Omar Haddad")
    facts.add_fact(ada.id, "need", "good CAFÉS and Cities")
    facts.add_fact(omar.id, "offer", "runs a café in the city")
    assert pairs() == [("good CAFÉS and Cities", "runs a café in the city", ("cafe", "city"))]


@pytest.mark.parametrize(
    ("need", "offer"),
    [
        ("help with the move", "happy to help with anything"),  # only stopwords shared
        ("someone who knows", "knows someone"),
        ("a UX job", "ux designers hire"),  # "ux" in lower case is no acronym
        ("a trip to the US", "lived in the us"),  # a 2-letter word only counts in capitals
        ("tickets for 2026", "2026 calendar"),  # numbers say nothing
        ("a cat", "a dog"),
    ],
)
def test_stopwords_short_words_and_numbers_do_not_match(db, need, offer):
    ada, omar = add("Ada Lovelace"), add("Omar Haddad")
    facts.add_fact(ada.id, "need", need)
    facts.add_fact(omar.id, "offer", offer)
    assert pairs() == []


def test_acronyms_in_capitals_match(db):
    ada, omar = add("Ada Lovelace"), add("Omar Haddad")
    facts.add_fact(ada.id, "need", "a reference for a UX job")
    facts.add_fact(omar.id, "offer", "hires UX designers")
    assert pairs() == [("a reference for a UX job", "hires UX designers", ("ux",))]


def test_no_match_with_oneself(db):
    ada, omar = add("Ada Lovelace"), add("Omar Haddad")
    facts.add_fact(ada.id, "need", "a tax adviser")
    facts.add_fact(ada.id, "offer", "tax law")
    assert pairs() == []
    facts.add_fact(omar.id, "offer", "tax returns")
    assert [(m.need_name, m.offer_name) for m in matching.matches()] == [
        ("Ada Lovelace", "Omar Haddad"),
    ]


def test_interests_and_other_facts_never_match(db):
    ada, omar = add("Ada Lovelace"), add("Omar Haddad")
    facts.add_fact(ada.id, "interest", "tax law")
    facts.add_fact(omar.id, "offer", "tax law")
    facts.add_fact(ada.id, "need", "a tax adviser", tags="x")
    facts.add_fact(omar.id, "other", "tax adviser")
    assert pairs() == [("a tax adviser", "tax law", ("tax",))]


@pytest.mark.parametrize("who", ["need", "offer"])
def test_resting_contacts_are_never_matched(db, today, who):
    ada = add("Ada Lovelace", circle="resting" if who == "need" else "friends")
    omar = add("Omar Haddad", circle="resting" if who == "offer" else None)
    facts.add_fact(ada.id, "need", "a tax adviser")
    facts.add_fact(omar.id, "offer", "knows tax law")
    assert matching.matches() == []
    assert matching.matches(ada.id) == []
    assert matching.intro_suggestions(today) == []
    people.update_contact((ada if who == "need" else omar).id, circle="friends")
    assert pairs() == [("a tax adviser", "knows tax law", ("tax",))]


def test_matches_of_one_contact(db):
    ada, omar, lin = add("Ada Lovelace"), add("Omar Haddad"), add("Lin Wei")
    facts.add_fact(ada.id, "need", "a tax adviser")
    facts.add_fact(omar.id, "offer", "tax law")
    facts.add_fact(lin.id, "need", "a flat in Berlin")
    facts.add_fact(omar.id, "offer", "Berlin flats")
    facts.add_fact(ada.id, "offer", "spare room in Berlin")
    assert [(m.need_name, m.offer_name, m.shared) for m in matching.matches(omar.id)] == [
        ("Lin Wei", "Omar Haddad", ("berlin", "flat")),
        ("Ada Lovelace", "Omar Haddad", ("tax",)),
    ]
    assert [(m.need_name, m.offer_name, m.shared) for m in matching.matches(ada.id)] == [
        ("Ada Lovelace", "Omar Haddad", ("tax",)),
        ("Lin Wei", "Ada Lovelace", ("berlin",)),
    ]
    assert [(m.need_name, m.offer_name) for m in matching.matches(lin.id)] == [
        ("Lin Wei", "Omar Haddad"), ("Lin Wei", "Ada Lovelace"),
    ]
    assert len(matching.matches()) == 3


@pytest.mark.parametrize(
    ("need", "offer", "text"),
    [
        ("looking for a flat", "spare flat", "A is looking for a flat; B offers spare flat"),
        ("needs a flat #home", "Flat swaps #home #travel",
         "A needs a flat; B offers Flat swaps"),
        ("#flat hunting", "sells flats", "A needs flat hunting; B sells flats"),
    ],
)
def test_intro_text_reads_as_a_sentence(db, today, need, offer, text):
    a, b = add("A"), add("B")
    facts.add_fact(a.id, "need", need)
    facts.add_fact(b.id, "offer", offer)
    [suggestion] = matching.intro_suggestions(today)
    assert suggestion.text == f"{text}: introduce them?"


def test_an_introduction_made_stops_the_suggestion(db, today):
    ada, omar, lin = add("Ada Lovelace"), add("Omar Haddad"), add("Lin Wei")
    facts.add_fact(ada.id, "need", "a tax adviser")
    facts.add_fact(omar.id, "offer", "tax law")
    touches.log_touch([ada.id, lin.id], "intro", at=NOW, note="not the right pair")
    touches.log_touch([ada.id, omar.id], "call", at=NOW)
    assert [s.contact_name for s in matching.intro_suggestions(today)] == ["Ada Lovelace"]
    touches.log_touch([omar.id, lin.id, ada.id], "intro", at=NOW, note="tax talk")
    assert matching.intro_suggestions(today) == []
    assert len(matching.matches()) == 1  # the briefing still knows they match


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a tax adviser", {"tax", "adviser"}),
        ("Taxes, boxes & classes", {"tax", "box", "class"}),
        ("babies' toys", {"baby", "toy"}),
        ("the bus to Lisbon", {"bus", "lisbon"}),
        ("Ça va? Ökologie!", {"okologie"}),
        ("others' things", set()),
        ("", set()),
    ],
)
def test_words_of(text, words):
    assert matching.words_of(text) == words
