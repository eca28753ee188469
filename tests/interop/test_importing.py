"""The import framework: what is added, merged or skipped, in one transaction."""

from __future__ import annotations

import pytest

from connecttui.core import touches
from connecttui.core.errors import UserError
from connecttui.core.store.models import Contact, ContactField, FamilyMember, Occasion, Touch
from connecttui.interop import importing
from connecttui.interop.card import Card, CardDate, CardRelative, CardTouch, Skipped


def ada(**changes) -> Card:
    card = Card(
        name="Ada Lovelace", uid="ada-1", nicknames=["Ada"],
        emails=[("home", "ada@example.org")], phones=[("cell", "+44 20 7946 0018")],
        addresses=[("home", "12 St James's Square, London")], org="Analytical Engines",
        note="wrote the first program", categories=["friends", "maths"],
        birthday=(1815, 12, 10), dates=[CardDate("anniversary", (1835, 7, 8), "wedding")],
        relatives=[CardRelative("partner", "William King")],
        touches=[CardTouch("2026-11-01T10:00:00Z", "call", "about the engine", "in")],
        extra=["X-SOCIAL:ada"],
    )
    for key, value in changes.items():
        setattr(card, key, value)
    return card


def run(cards, skipped=(), dry_run=False):
    return importing.apply(importing.plan(list(cards), list(skipped)), "vcard", dry_run)


def test_a_card_becomes_a_contact_with_everything(db):
    report = run([ada()])
    assert report.added == ["Ada Lovelace"] and report.merged == [] and report.skipped == []
    contact = Contact.get()
    assert (contact.uid, contact.nicknames, contact.circle.name, contact.tags) == (
        "ada-1", "Ada", "friends", "maths")
    assert contact.vcard_extra == "X-SOCIAL:ada\r\n"  # kept lines end in their line end
    assert contact.address == "12 St James's Square, London"
    fields = {(f.kind, f.label, f.value) for f in ContactField.select()}
    assert fields == {
        ("email", "home", "ada@example.org"), ("phone", "cell", "+44 20 7946 0018"),
        ("address", "home", "12 St James's Square, London"), ("org", "", "Analytical Engines"),
    }
    kinds = sorted((o.kind, o.year, o.month, o.day) for o in Occasion.select())
    assert kinds == [("anniversary", 1835, 7, 8), ("birthday", 1815, 12, 10)]
    assert [(m.relation, m.name) for m in FamilyMember.select()] == [("partner", "William King")]
    assert [(t.kind, t.initiator, t.note) for t in Touch.select()] == [
        ("call", "in", "about the engine")]


def test_importing_twice_adds_nothing(db):
    run([ada()])
    before = (Contact.select().count(), ContactField.select().count(), Touch.select().count(),
              Occasion.select().count(), FamilyMember.select().count())
    report = run([ada()])
    assert report.added == [] and report.merged == ["Ada Lovelace (matched by uid)"]
    assert report.unchanged == 1
    after = (Contact.select().count(), ContactField.select().count(), Touch.select().count(),
             Occasion.select().count(), FamilyMember.select().count())
    assert after == before


@pytest.mark.parametrize(("changes", "how"), [
    ({"uid": "other"}, "email or phone"),
    ({"uid": "", "emails": [], "phones": [("", "020 7946 0018")]}, "email or phone"),
    ({"uid": "", "emails": [], "phones": []}, "name"),
])
def test_matching_order(db, changes, how):
    run([ada()])
    report = run([ada(**changes, note="", nicknames=["Countess"])])
    assert report.merged == [f"Ada Lovelace (matched by {how})"]
    assert Contact.get().nicknames == "Ada, Countess"
    assert Contact.select().count() == 1


def test_ambiguous_match_is_skipped_with_candidates(db):
    run([ada(), ada(uid="b", name="Ada Byron", emails=[("", "byron@example.org")], phones=[])])
    card = ada(uid="", emails=[("", "ada@example.org"), ("", "byron@example.org")], phones=[])
    report = run([card])
    assert report.skipped == [("Ada Lovelace", "matches several: Ada Byron, Ada Lovelace")]
    assert Contact.select().count() == 2


def test_two_cards_for_one_person_in_a_file_make_one_contact(db):
    report = run([ada(), ada(uid="", phones=[("work", "+44 1 222 333 444")])])
    assert report.added == ["Ada Lovelace"]
    assert report.merged == ["Ada Lovelace (matched by email or phone)"]
    assert Contact.select().count() == 1
    assert ContactField.select().where(ContactField.kind == "phone").count() == 2


def test_parser_skips_and_nameless_cards_are_reported(db):
    report = run([Card(name="  ", line=7)], [Skipped("line 12", "no END:VCARD")])
    assert report.skipped == [("line 12", "no END:VCARD"), ("line 7", "no name")]
    assert Contact.select().count() == 0


def test_dry_run_stores_nothing(db):
    report = run([ada()], dry_run=True)
    assert report.added == ["Ada Lovelace"] and report.dry_run
    assert Contact.select().count() == 0
    assert importing.report_text(report).startswith("would add 1, would merge 0, skipped 0")


def test_a_failure_half_way_stores_nothing(db, monkeypatch):
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    # the second card's touch: after both cards' contacts, fields and family are written
    real = touches.log_touch
    monkeypatch.setattr(touches, "log_touch", failing)
    with pytest.raises(RuntimeError):
        run([ada(), ada(uid="g", name="Grace Hopper", emails=[], phones=[])])
    assert Contact.select().count() == 0 and Touch.select().count() == 0


def test_invalid_dates_are_dropped_not_fatal(db):
    report = run([ada(birthday=(2001, 2, 29), dates=[CardDate("custom", (None, 13, 1), "x")])])
    assert report.added == ["Ada Lovelace"]
    assert Occasion.select().count() == 0


def test_detect_format(tmp_path):
    (tmp_path / "a.vcf").write_text("BEGIN:VCARD\n")
    (tmp_path / "b.csv").write_text("Name\n")
    (tmp_path / "c.json").write_text('{"format": "connecttui-backup"}')
    (tmp_path / "d.json").write_text('{"version": "1.0", "account": {"contacts": []}}')
    (tmp_path / "e.txt").write_text("BEGIN:VCARD\nEND:VCARD\n")
    (tmp_path / "f.txt").write_text("hello")
    assert [importing.detect_format(tmp_path / n) for n in ("a.vcf", "b.csv", "c.json",
                                                              "d.json", "e.txt")] == [
        "vcard", "google-csv", "json", "monica", "vcard"]
    assert importing.detect_format(tmp_path) == "vcard"
    with pytest.raises(UserError, match="can't tell what kind of file f.txt is"):
        importing.detect_format(tmp_path / "f.txt")
