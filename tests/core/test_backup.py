"""The JSON backup: export, restore into an empty database, export again: the same document."""

from __future__ import annotations

import copy
import io
import json

import pendulum
import pytest

from connecttui.core import facts, occasions, people, planning, search, touches
from connecttui.core.errors import UserError
from connecttui.core.store import db as store
from connecttui.core.store import migrations
from connecttui.core.store.models import Circle, Contact, Touch
from connecttui.interop import backup

AT = pendulum.datetime(2026, 11, 20, 18, 45, 12, 123456, tz="Europe/Paris")


def build(with_loops: bool = True) -> None:
    """A varied network: every table, unicode, markup-looking text, shared touches."""
    Circle.create(name="family 👪", ideal_days=7, max_days=21, resting=False, position=4)
    ada = people.add_contact(
        "Ada Lovelace", nicknames="Countess, Ada", circle="inner", birthday=(1815, 12, 10),
        how_met="Babbage's salon", why_care="[bold]poetical[/bold] science",
        notes="line one\nline two: «quotes» and \"double\" and \\ backslash\n",
    )
    jose = people.add_contact("José Martí", circle="family 👪", ideal_days=3, max_days=5)
    zoe = people.add_contact("Zoë 🎉 [red]Saldaña[/red]", birthday=(None, 2, 29))
    people.add_contact("Resting Rita", circle="resting")
    touches.log_touch([ada.id, jose.id], "together", at=AT, initiator="both", note="tea ☕")
    touches.log_touch([ada.id], "call", at=AT.subtract(days=3), note="[link=x]click[/link]")
    touches.log_touch([zoe.id], "card", at=AT.add(hours=1), initiator="in")
    touches.log_touch([jose.id, zoe.id, ada.id], "intro", at=AT.subtract(days=40))
    occasions.add_occasion(zoe.id, "birthday", 2, 29, feb29="mar1", lead_days=10)
    occasions.add_occasion(ada.id, "anniversary", 7, 8, year=1835)
    occasions.add_occasion(jose.id, "custom", 1, 28, label="día de José", lead_days=3)
    facts.add_fact(ada.id, "interest", "mathematics")
    facts.add_fact(ada.id, "need", "a publisher")
    facts.add_fact(jose.id, "offer", "Spanish lessons 🇨🇺")
    if with_loops:
        done = planning.add_open_loop(ada.id, "send the notes", pendulum.Date(2026, 11, 30))
        planning.close_open_loop(done.id)
        planning.add_open_loop(jose.id, "ask about the verses", pendulum.Date(2026, 12, 24))


def exported() -> str:
    stream = io.StringIO()
    backup.export_json(stream)
    return stream.getvalue()


def reopen(path) -> None:
    store.close_db()
    store.open_db(path)


def roundtrip(tmp_path) -> tuple[str, str, dict]:
    first = exported()
    reopen(tmp_path / "restored.db")
    counts = backup.restore(backup.load_json(io.StringIO(first)))
    return first, exported(), counts


def test_roundtrip_without_open_loops(db, tmp_path):
    build(with_loops=False)
    first, second, counts = roundtrip(tmp_path)
    assert second == first
    assert counts == {
        "circle": 5, "contact": 4, "touch": 4, "touchcontact": 7, "openloop": 0,
        "occasion": 5, "fact": 3, "snooze": 0, "familymember": 0, "gift": 0, "holidaycard": 0,
        "review": 0, "contactfield": 0, "trash": 0, "undoentry": 0,
    }
    doc = json.loads(first)
    assert (doc["format"], doc["version"], doc["schema"]) == (
        "connecttui-backup", 1, migrations.versions()[-1][0])
    # The restored database works: names, markup kept verbatim, search rebuilt, last touches.
    zoe = people.find_contact("zoe")
    assert zoe.name == "Zoë 🎉 [red]Saldaña[/red]"
    assert zoe.last_touch_at == AT.add(hours=1)
    assert people.find_contact("countess").why_care == "[bold]poetical[/bold] science"
    assert [h.contact_name for h in search.search("mathem")] == ["Ada Lovelace"]
    assert [h.touch_id for h in search.search("tea")] == [
        Touch.get(Touch.note == "tea ☕").id
    ]
    assert people.find_contact("jose").circle.name == "family 👪"


def test_roundtrip_is_exact(db, tmp_path):
    build(with_loops=True)
    first, second, counts = roundtrip(tmp_path)
    assert second == first
    assert counts["openloop"] == 2


def test_export_is_stable(db):
    build()
    assert exported() == exported()
    doc = json.loads(exported())
    assert [row["text"] for row in doc["tables"]["openloop"]] == [
        "send the notes", "ask about the verses",
    ]
    assert doc["tables"]["openloop"][1]["due"] == "2026-12-24"
    assert doc["tables"]["touch"][0]["at"] == "2026-11-20T17:45:12.123456Z"


def test_restore_into_a_non_empty_database_is_refused(db, tmp_path):
    build(with_loops=False)
    doc = json.loads(exported())
    reopen(tmp_path / "other.db")
    people.add_contact("Someone Else")
    before = exported()
    with pytest.raises(UserError, match="already has contacts"):
        backup.restore(doc)
    assert exported() == before
    assert [c.name for c in Contact.select()] == ["Someone Else"]


# --- malformed files ----------------------------------------------------------------------


@pytest.fixture
def good(db) -> dict:
    """A valid backup document (no open loops: see test_roundtrip_is_exact), and an empty db."""
    build(with_loops=False)
    doc = json.loads(exported())
    store.close_db()
    return doc


@pytest.fixture
def empty(tmp_path, good):
    store.open_db(tmp_path / "empty.db")
    return exported()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", r"the file is not valid JSON \(line 1: "),
        ("", "the file is not valid JSON"),
        ("[]", "not a connecttui JSON backup"),
        ('"connecttui-backup"', "not a connecttui JSON backup"),
        ('{"format": "monica", "version": 1, "tables": {}}', "not a connecttui JSON backup"),
        ('{"format": "connecttui-backup", "version": 2, "tables": {}}',
         "this backup is version 2; this connecttui reads version 1"),
        ('{"format": "connecttui-backup", "version": 1}', "the backup has no tables"),
        ('{"format": "connecttui-backup", "version": 1, "tables": []}', "the backup has no tables"),
        ('{"format": "connecttui-backup", "version": 1, "tables": {"contact": {}}}',
         "the backup's contact table is not a list of rows"),
        ('{"format": "connecttui-backup", "version": 1, "tables": {"touch": [1, 2]}}',
         "the backup's touch table is not a list of rows"),
    ],
)
def test_not_a_backup(empty, text, message):
    with pytest.raises(UserError, match=message):
        backup.load_json(io.StringIO(text))
    assert exported() == empty


def test_not_text(empty, tmp_path):
    path = tmp_path / "photo.json"
    path.write_bytes(b"\xff\xd8\xff\xe0 JFIF \x00\x81")
    with open(path, encoding="utf-8") as stream, pytest.raises(UserError, match="not text"):
        backup.load_json(stream)
    assert exported() == empty


def test_unknown_columns(good, empty):
    doc = copy.deepcopy(good)
    doc["tables"]["contact"][1]["colour"] = "blue"
    doc["tables"]["contact"][1]["age"] = 3
    unknown = "the backup's contact table has unknown columns: age, colour"
    with pytest.raises(UserError, match=unknown):
        backup.restore(doc)
    assert exported() == empty


def _set(table: str, index: int, column: str, value):
    def change(doc):
        doc["tables"][table][index][column] = value
    return change


def _drop(table: str, index: int, column: str):
    def change(doc):
        del doc["tables"][table][index][column]
    return change


def _append(table: str, row: dict):
    def change(doc):
        doc["tables"][table].append(row)
    return change


BAD_VALUES = {
    "fact text null (last table)": ("fact", _set("fact", 2, "text", None)),
    "touch at not a date": ("touch", _set("touch", 3, "at", "last tuesday-ish")),
    "contact without a name": ("contact", _drop("contact", 0, "name")),
    "link to a missing contact": ("touchcontact", _append("touchcontact", {"touch_id": 1,
                                                                             "contact_id": 999})),
    "duplicate contact id": ("contact", _set("contact", 1, "id", 1)),
    "nested value": ("occasion", _set("occasion", 0, "month", [12])),
    "duplicate circle name": ("circle", _set("circle", 1, "name", "inner")),
}


@pytest.mark.parametrize("case", BAD_VALUES, ids=list(BAD_VALUES))
def test_a_bad_value_restores_nothing(good, empty, case):
    table, change = BAD_VALUES[case]
    doc = copy.deepcopy(good)
    change(doc)
    refused = f"the backup's {table} (table could not be restored|row \\d+ is not valid)"
    with pytest.raises(UserError, match=refused):
        backup.restore(doc)
    assert exported() == empty  # one transaction: not even the earlier tables, circles kept
    assert [c.name for c in people.circles()] == ["inner", "friends", "work", "resting"]
    assert backup.is_empty()
    assert search.search("ada") == []


@pytest.mark.parametrize(
    "change",
    [_set("contact", 2, "ideal_days", "often"), _set("occasion", 0, "month", 13),
     _set("touch", 0, "kind", "dance"), _set("touch", 0, "initiator", "them"),
     _set("fact", 0, "kind", "gossip")],
    ids=["window not a number", "month 13", "kind dance", "initiator them", "fact kind gossip"],
)
def test_out_of_range_values_are_refused(good, empty, change):
    doc = copy.deepcopy(good)
    change(doc)
    with pytest.raises(UserError):
        backup.restore(doc)
    assert exported() == empty
