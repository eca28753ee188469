"""Full-text search: prefixes of words in names, notes, facts and touches; any input is safe."""

from __future__ import annotations

import pendulum
import pytest

from connecttui.core import facts, people, search, touches
from connecttui.core.search import Hit

AT = pendulum.datetime(2026, 11, 20, 10, tz="UTC")


@pytest.fixture
def net(db):
    """A small network, by short key: contact ids, touch ids, fact ids."""
    ada = people.add_contact(
        "Ada Lovelace", nicknames="Countess", how_met="Babbage's salon",
        why_care="poetical science", notes="loves ponies\non long walks",
    )
    grace = people.add_contact("Grace Hopper", nicknames="Amazing Grace")
    jose = people.add_contact("José Martí", notes="writes verses")
    math = facts.add_fact(ada.id, "interest", "mathematics")
    cobol = touches.log_touch([grace.id], "call", at=AT, note="talked about COBOL compilers")
    engine = touches.log_touch(
        [ada.id, grace.id], "together", at=AT.add(days=1), note="the engine demonstration"
    )
    cafe = touches.log_touch([jose.id], "together", at=AT.add(days=2), note="café con leche")
    return {
        "ada": ada.id, "grace": grace.id, "jose": jose.id, "math": math.id,
        "cobol": cobol.id, "engine": engine.id, "cafe": cafe.id,
    }


def found(text: str) -> list[tuple[str, int, int | None]]:
    return [(hit.kind, hit.contact_id, hit.touch_id) for hit in search.search(text)]


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("ada", "ada"),
        ("Lovelace", "ada"),
        ("love", "ada"),  # "Lovelace" and "loves"
        ("lo", "ada"),
        ("count", "ada"),  # nickname
        ("amaz", "grace"),  # nickname
        ("salon", "ada"),  # how met
        ("babb", "ada"),
        ("poet", "ada"),  # why you care
        ("ponies", "ada"),  # notes
        ("walk", "ada"),  # a later line of the notes
        ("math", "ada"),  # a fact
        ("verse", "jose"),
        ("ada poet", "ada"),  # every word must match
    ],
)
def test_contacts_by_prefix(net, query, who):
    assert found(query) == [("contact", net[who], None)]


def test_touch_notes_by_prefix(net):
    assert found("compil") == [("touch", net["grace"], net["cobol"])]
    assert found("COBOL") == [("touch", net["grace"], net["cobol"])]
    [shared] = search.search("demonstr")
    assert (shared.kind, shared.touch_id) == ("touch", net["engine"])
    assert shared.contact_id in (net["ada"], net["grace"])  # listed once, under one of them
    assert shared.text == "the engine demonstration"


def test_contacts_come_before_touches_and_touches_newest_first(net):
    grace = people.get_contact(net["grace"])
    people.update_contact(grace.id, notes="gave a talk")
    hits = found("t")  # talk, talked, the ...
    assert hits[0] == ("contact", net["grace"], None)
    assert [h[2] for h in hits if h[0] == "touch"] == [net["engine"], net["cobol"]]


def test_hit_details(net):
    [nick] = search.search("countess")
    assert nick == Hit("contact", net["ada"], "Ada Lovelace", "Countess")
    [body] = search.search("ponies")
    assert body.text == "…poetical science loves ponies on long walks mathematics"
    [by_name] = search.search("lovelace")
    assert by_name.text == ""


@pytest.mark.parametrize(
    ("query", "who"),
    [("jose", "jose"), ("JOSE", "jose"), ("José", "jose"), ("marti", "jose"), ("Martí", "jose")],
)
def test_accents_do_not_matter(net, query, who):
    assert found(query) == [("contact", net[who], None)]


def test_accents_in_touch_notes(net):
    assert found("cafe") == [("touch", net["jose"], net["cafe"])]
    assert found("CAFÉ") == [("touch", net["jose"], net["cafe"])]


def test_nothing_matches(net):
    assert found("zebra") == []
    assert found("ada cobol") == []
    assert found("") == []
    assert found("   ") == []


HOSTILE = [
    '"', "'", "(", ")", "AND", "OR", "NOT", "NEAR(", "NEAR(a b)", "*", "-", "^", "+", ":",
    "col:x", "name:ada:", '""', '"unterminated', "a OR", "{name}: x", "\x00", "\\", "%", "_",
    "😀", "🏳️‍🌈 🎉", "¯\\_(ツ)_/¯", "DROP TABLE contact;--", "x" * 10_240,
    "word " * 2048, "(" * 5000 + ")" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_never_raises(net, query):
    hits = search.search(query)
    assert isinstance(hits, list)
    assert hits == []


@pytest.mark.parametrize(
    "query",
    ['"ada', "ada)", "(ada", "love*", "-ada", "ada:", "^ada", "{ada}", '"ada" *', "ada 😀",
     "ada " * 2560],
)
def test_hostile_input_around_a_real_word_still_finds_it(net, query):
    """Punctuation is dropped; operator words (AND, NEAR) would be words that must match."""
    assert found(query) == [("contact", net["ada"], None)]


def test_deleted_contacts_and_touches_disappear(net):
    people.delete_contact(net["ada"])
    assert found("lovelace") == []
    assert found("math") == []
    assert found("engine") == [("touch", net["grace"], net["engine"])]  # shared: stays
    touches.delete_touch(net["engine"])
    assert found("engine") == []
    assert found("cobol") == [("touch", net["grace"], net["cobol"])]


def test_edits_and_deleted_facts_are_reindexed(net):
    facts.delete_fact(net["math"])
    assert found("math") == []
    assert found("poet") == [("contact", net["ada"], None)]
    people.update_contact(net["jose"], notes="plays chess")
    assert found("verse") == []
    assert found("chess") == [("contact", net["jose"], None)]


def test_fts_query_quotes_every_word():
    assert search.fts_query('ada "lov(e') == '"ada"* "lov"* "e"*'
    assert search.fts_query("NEAR(") == '"NEAR"*'
    assert search.fts_query("*-") is None
    assert search.fts_query("") is None
