"""The JSON backup, against databases hypothesis makes up: export, restore into a fresh
database, export again gives the same document, whatever the network holds.

Each example builds a random network through the core API, the way the app writes it:
contacts with right-to-left, combining and emoji names, circles, touches shared by random
groups, occasions (year-less, Feb 29, shared with a partner), open loops (some closed),
facts, family (some linked), gifts, snoozes, holiday cards, weekly reviews, and imported
contacts with their fields and kept vCard lines. A core call that refuses an operation
with a UserError (a circle name already taken) is simply skipped; any other exception
fails the test, so building is itself a property: the core never crashes on odd text.

Then the other half: a valid backup, damaged at random, is refused with a UserError and
leaves the fresh database exactly as it was (no partial restore), or restores cleanly.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from connecttui.core import (
    cards,
    circles,
    facts,
    family,
    gifts,
    occasions,
    people,
    planning,
    review_saved,
    review_week,
    snooze,
    touches,
)
from connecttui.core.errors import UserError
from connecttui.core.store.models import (
    FACT_KINDS,
    GIFT_STATUSES,
    INITIATORS,
    KINDS,
    RELATIONS,
    Contact,
)
from connecttui.interop import backup, importing
from connecttui.interop.card import Card

TODAY = pendulum.Date(2026, 11, 27)

PIECES = [
    "Ada", "Lovelace", "محمد", "علي", "שרה", "כהן", "e\u0301", "Zoë", "👩\u200d👩\u200d👧",
    "🇨🇺", "🏳️\u200d🌈", "\u0308\u0301", "Ｎａｏｍｉ", "[bold]x[/]", "\u202eevil", "\u200f",
    "ß", "İ", "ﬁ", "José", "O'Brien", "a,b", "x;y", '"q"', "\\", "%s", "{}", "\u00a0",
]
TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=6).map(" ".join)
NAME = TEXT.filter(lambda t: t.strip())
NOTE = TEXT | st.text(max_size=80)
SMALL = st.integers(min_value=0, max_value=7)  # an index into the contacts made so far


@st.composite
def yearly(draw) -> tuple[int | None, int, int]:
    if draw(st.booleans()):
        day = draw(st.sampled_from([dt.date(2024, 2, 29), dt.date(1815, 12, 10)])
                   | st.dates(min_value=dt.date(1, 1, 1)))
        return day.year, day.month, day.day
    month = draw(st.integers(1, 12))
    return None, month, draw(st.integers(1, 29 if month == 2 else 30))


MOMENT = st.datetimes(
    min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2100, 1, 1),
    timezones=st.sampled_from([pendulum.timezone(z) for z in (
        "UTC", "Europe/London", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham")]),
).map(pendulum.instance)
DAY = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 1, 1)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day))

OPERATIONS = st.one_of(
    st.tuples(st.just("circle"), NAME, st.none() | st.integers(1, 365), st.booleans()),
    st.tuples(st.just("contact"), NAME, st.none() | st.integers(0, 9), st.none() | yearly(),
              NOTE, NOTE, st.none() | st.integers(1, 60)),
    st.tuples(st.just("touch"), st.lists(SMALL, min_size=1, max_size=4),
              st.sampled_from(KINDS), st.sampled_from(INITIATORS), MOMENT, NOTE),
    st.tuples(st.just("occasion"), SMALL, st.sampled_from(occasions.OCCASION_KINDS), yearly(),
              NAME, st.sampled_from(["feb28", "mar1"]), st.integers(0, 90), st.none() | SMALL),
    st.tuples(st.just("loop"), SMALL, NAME, DAY, st.none() | NOTE),
    st.tuples(st.just("fact"), SMALL, st.sampled_from(FACT_KINDS), NAME, TEXT),
    st.tuples(st.just("family"), SMALL, st.sampled_from(RELATIONS), TEXT,
              st.none() | st.integers(1900, 2026), TEXT, st.none() | SMALL),
    st.tuples(st.just("gift"), SMALL, NAME, st.sampled_from(GIFT_STATUSES), st.none() | DAY),
    st.tuples(st.just("snooze"), st.sampled_from(snooze.SUGGESTION_KINDS), NAME,
              st.sampled_from(snooze.SNOOZE_DAYS)),
    st.tuples(st.just("card"), SMALL, st.integers(1900, 2100), st.booleans()),
    st.tuples(st.just("review"), DAY, NOTE, st.none() | SMALL),
    st.tuples(st.just("import"), NAME, st.lists(st.tuples(NAME, TEXT), max_size=3),
              st.lists(st.sampled_from(["X-SOCIALPROFILE;TYPE=x:https://x", "item9.X-Q:é",
                                        "N:Lovelace;Ada;;;", "PHOTO:data:x"]), max_size=2)),
)


def build(operations: list[tuple]) -> None:
    """Carry out the operations through the core; refused ones (UserError) are skipped."""
    made: list[int] = []

    def who(index: int) -> int | None:
        return made[index % len(made)] if made else None

    for op, *args in operations:
        with contextlib.suppress(UserError):
            _build_one(op, args, made, who)


def _build_one(op: str, args: list, made: list[int], who) -> None:
    if op == "circle":
        name, ideal, resting = args
        circles.add_circle(name, ideal, None, resting)
    elif op == "contact":
        name, circle, birthday, notes, why, every = args
        names = [c.name for c in people.circles()]
        made.append(people.add_contact(
            name, circle=names[circle % len(names)] if circle is not None and names else None,
            birthday=birthday, notes=notes, why_care=why, ideal_days=every,
            nicknames=", ".join(name.split()[:2]), how_met=why[::-1], address=notes[:20],
        ).id)
    elif op == "import":
        name, fields, extra = args
        card = Card(name=name, emails=[(label, value) for label, value in fields],
                    urls=[("", "https://example.org/" + label) for label, _ in fields],
                    org=name[:5], extra=extra, categories=["friends", "tag 🏷"])
        made.append(importing.store_card(card))
    elif not made:
        return
    elif op == "touch":
        indexes, kind, initiator, at, note = args
        touches.log_touch([who(i) for i in indexes], kind, at=at, initiator=initiator,
                          note=note)
    elif op == "occasion":
        index, kind, (year, month, day), label, feb29, lead, partner = args
        partner_id = who(partner) if partner is not None else None
        occasions.add_occasion(who(index), kind, month, day, year=year, label=label,
                               feb29=feb29, lead_days=lead, partner_id=partner_id)
    elif op == "loop":
        index, text, due, done = args
        loop = planning.add_open_loop(who(index), text, due)
        if done is not None:
            planning.close_open_loop(loop.id, done)
    elif op == "fact":
        index, kind, text, tags = args
        facts.add_fact(who(index), kind, text, tags)
    elif op == "family":
        index, relation, name, year, activities, linked = args
        family.add_member(who(index), relation, name, year, activities,
                          who(linked) if linked is not None else None)
    elif op == "gift":
        index, text, status, on = args
        gifts.add_gift(who(index), text, status, on=None if status == "idea" else on)
    elif op == "snooze":
        kind, ref, days = args
        snooze.snooze(kind, ref, days, TODAY)
    elif op == "card":
        index, year, sent = args
        card = cards.add_card(who(index), year)
        if sent:
            cards.mark_sent(card.id)
    elif op == "review":
        day, reflection, index = args
        start, _ = review_week.week_of(day)
        with_whom = ([review_saved.Commitment(reflection[:10], who(index))]
                     if index is not None else [])
        review_saved.save_review(start, with_whom, reflection, TODAY)


def exported() -> str:
    stream = io.StringIO()
    backup.export_json(stream)
    return stream.getvalue()


@given(operations=st.lists(OPERATIONS, min_size=1, max_size=25))
def test_any_database_survives_export_and_restore(fresh_db, operations):
    fresh_db()
    build(operations)
    text = exported()
    first = json.loads(text)  # export_json writes document() as it is

    fresh_db()
    counts = backup.restore(backup.load_json(io.StringIO(text)))
    assert counts == {name: len(rows) for name, rows in first["tables"].items()}
    assert backup.document() == first
    # What the user sees comes back too: every name exactly, and found by typing it (a
    # name of combining marks alone has no letters to type: it is only stored and shown).
    names = sorted(row["name"] for row in first["tables"]["contact"])
    assert sorted(c.name for c in Contact.select()) == names
    for name in names:
        if people.normalize(name):
            assert name in [match.name for match in people.match_name(name)]


# --- damaged backups -----------------------------------------------------------------------

JUNK = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=8) | st.lists(st.integers(), max_size=2) | st.builds(dict)
    | st.sampled_from([0, 1, 2, 3, 99, -1, 2**63, "", "2026-02-30", "2026-11-27",
                       "2026-13-01T00:00:00.000000Z", "0001-01-01T00:00:00+05:00", "12:00",
                       "P1D", "2026", "call", "birthday", "feb28", "idea", "partner", "email"])
)
SEED = [
    ("contact", "Ada 👩\u200d👩\u200d👧", None, (1815, 12, 10), "n", "w", 7),
    ("contact", "محمد علي", None, (None, 2, 29), "", "", None),
    ("touch", [0, 1], "together", "both", pendulum.datetime(2026, 11, 20, tz="UTC"), "tea"),
    ("occasion", 0, "anniversary", (None, 7, 8), "x", "mar1", 3, 1),
    ("loop", 1, "call back", TODAY, None),
    ("fact", 0, "need", "a publisher #books", ""),
    ("family", 0, "child", "Leo", 2016, "football", None),
    ("gift", 1, "a pen", "given", TODAY),
    ("snooze", "drift", "1", 7),
    ("card", 0, 2026, True),
    ("import", "Grace", [("work", "grace@example.org")], ["X-Q:1"]),
]


COLUMNS = {model._meta.table_name: [f.column_name for f in model._meta.sorted_fields]
           for model in backup.TABLES}


@st.composite
def damage(draw, doc: dict) -> dict:
    """A copy of `doc` with a few values, rows or keys replaced by junk."""
    doc = copy.deepcopy(doc)
    tables = doc["tables"]
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(["value", "value", "value", "drop", "row", "top", "table"]))
        name = draw(st.sampled_from(sorted(tables)))
        rows = tables[name]
        if where == "top":
            doc[draw(st.sampled_from(["format", "version", "schema", "tables", "extra"]))] = (
                draw(JUNK))
        elif where == "table":
            tables[name] = draw(JUNK)
        elif not isinstance(rows, list) or not rows:
            continue
        elif where == "row":
            rows.insert(draw(st.integers(0, len(rows))), draw(JUNK | st.dictionaries(
                st.sampled_from(COLUMNS[name]), JUNK, max_size=6)))
        else:
            row = rows[draw(st.integers(0, len(rows) - 1))]
            if not isinstance(row, dict):
                continue
            column = draw(st.sampled_from(sorted(row) + ["bogus"]))
            if where == "drop":
                row.pop(column, None)
            else:
                row[column] = draw(JUNK)
    return doc


@pytest.fixture
def seed_document(fresh_db) -> dict:
    """A small valid backup with a row in most tables, to damage."""
    fresh_db()
    build(SEED)
    doc = json.loads(exported())
    assert all(doc["tables"][name] for name in ("contact", "touch", "occasion", "gift"))
    return doc


@given(data=st.data())
def test_a_damaged_backup_restores_or_is_refused_leaving_nothing(fresh_db, seed_document,
                                                                 data):
    doc = data.draw(damage(seed_document))
    fresh_db()
    empty = backup.document()
    text = json.dumps(doc, ensure_ascii=False)
    try:
        counts = backup.restore(backup.load_json(io.StringIO(text)))
    except UserError as error:
        assert str(error)
        assert backup.document() == empty  # refused: not one row of it was written
        return
    assert counts["contact"] == Contact.select().count()


def test_a_row_missing_its_id_after_rows_with_one_is_refused(fresh_db, seed_document):
    """Found by the test above: peewee's batch insert takes its columns from the first row,
    and raised a bare ValueError for a later row without an id."""
    doc = copy.deepcopy(seed_document)
    del doc["tables"]["circle"][1]["id"]
    fresh_db()
    empty = backup.document()
    with pytest.raises(UserError, match="circle table could not be restored"):
        backup.restore(doc)
    assert backup.document() == empty


def test_an_occasion_without_its_year_key_is_restored_without_a_year(fresh_db, seed_document):
    """Found by the damaged-backup test: a left-out year (it may be null) raised KeyError."""
    doc = copy.deepcopy(seed_document)
    for row in doc["tables"]["occasion"]:
        del row["year"]
    fresh_db()
    backup.restore(doc)
    assert [row["year"] for row in backup.document()["tables"]["occasion"]] == [
        None for _ in doc["tables"]["occasion"]]
