"""The vdir sync: one .vcf per contact, changes going both ways, conflicts never lost.

Changes "in the vdir" are made here the way khard or vdirsyncer make them: by rewriting a
card file (or adding, renaming or deleting one). The real programs run in
test_khard_radicale.py.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pendulum
import pytest

from connecttui.core import gifts, people, touches
from connecttui.core.errors import UserError
from connecttui.core.store.models import Contact, ContactField, Occasion, TouchContact
from connecttui.interop import vdir_folder
from connecttui.interop.vdir import CONFLICTS, sync
from connecttui.interop.vdir_folder import STATE_FILE

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def card(uid: str, name: str, *lines: str, version: str = "3.0") -> bytes:
    """A vCard as another program writes it (CRLF, folded by nobody)."""
    family, _, given = name.partition(" ")[::-1]
    body = [
        "BEGIN:VCARD", f"VERSION:{version}", f"UID:{uid}", f"FN:{name}",
        f"N:{family};{given};;;", *lines, "END:VCARD",
    ]
    return ("\r\n".join(body) + "\r\n").encode("utf-8")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.vcf"))}


def phones(contact_id: int) -> list[str]:
    return [v for (v,) in ContactField.select(ContactField.value).where(
        (ContactField.contact == contact_id) & (ContactField.kind == "phone")).tuples()]


def emails(contact_id: int) -> list[str]:
    return [v for (v,) in ContactField.select(ContactField.value).where(
        (ContactField.contact == contact_id) & (ContactField.kind == "email")).tuples()]


def edit(path: Path, old: str, new: str) -> None:
    """Change a card file's text as another program would (it must contain `old`)."""
    text = path.read_bytes().decode("utf-8")
    assert old in text, text
    path.write_bytes(text.replace(old, new).encode("utf-8"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "contacts"


@pytest.fixture
def ada(db) -> Contact:
    contact = people.add_contact("Ada Lovelace", birthday=(1815, 12, 10),
                                 notes="wrote the first program")
    ContactField.create(contact=contact.id, kind="email", label="home", value="ada@example.org")
    return contact


def test_first_sync_writes_one_private_file_per_contact_named_by_uid(db, ada, folder):
    sam = people.add_contact("Sam King", birthday=(None, 2, 29))
    report = sync(folder)
    assert sorted(files(folder)) == sorted([f"{ada.uid}.vcf", f"{sam.uid}.vcf"])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.glob("*.vcf"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_bytes().startswith(b"BEGIN:VCARD\r\n")
    text = (folder / f"{ada.uid}.vcf").read_text(encoding="utf-8")
    assert f"UID:{ada.uid}" in text and "Ada Lovelace" in text and "ada@example.org" in text
    assert sorted(report.created) == ["Ada Lovelace", "Sam King"]
    assert report.lines()[0].startswith(f"synced {folder}: 2 out, 0 in, 0 conflicts")
    state = json.loads((folder / STATE_FILE).read_text())
    assert set(state["contacts"]) == {ada.uid, sam.uid}
    assert stat.S_IMODE((folder / STATE_FILE).stat().st_mode) == 0o600
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_second_sync_with_no_change_writes_nothing(db, ada, folder):
    sync(folder)
    path = folder / f"{ada.uid}.vcf"
    os.utime(path, (1_000_000, 1_000_000))
    report = sync(folder)
    assert path.stat().st_mtime == 1_000_000
    assert report.unchanged == 1 and not report.changed
    assert report.lines() == [f"synced {folder}: 0 out, 0 in, 0 conflicts, 1 unchanged"]


def test_a_change_here_goes_out(db, ada, folder):
    sync(folder)
    people.update_contact(ada.id, name="Ada King")
    ContactField.create(contact=ada.id, kind="phone", label="cell", value="+44 20 7946 0018")
    report = sync(folder)
    text = (folder / f"{ada.uid}.vcf").read_text(encoding="utf-8")
    assert "Ada King" in text and "+44 20 7946 0018" in text
    assert report.sent == ["Ada King"]
    assert any("Ada King: changed here" in line for line in report.lines())


def test_a_change_in_the_vdir_comes_in_and_keeps_what_only_connecttui_has(db, ada, folder):
    touches.log_touch([ada.id], "call", at=NOW, note="about the engine")
    gifts.add_gift(ada.id, "a fountain pen")
    sync(folder)
    path = folder / f"{ada.uid}.vcf"
    path.write_bytes(card(ada.uid, "Ada King", "EMAIL;TYPE=work:ada@engines.example",
                          "TEL;TYPE=cell:+44 20 7946 0999", "BDAY:1815-12-10",
                          "NOTE:now at the engine works"))
    before = path.read_bytes()
    report = sync(folder)
    contact = Contact.get_by_id(ada.id)
    assert contact.name == "Ada King"
    assert contact.notes == "now at the engine works"
    assert emails(ada.id) == ["ada@engines.example"]  # replaced: the vdir's edit wins
    assert phones(ada.id) == ["+44 20 7946 0999"]
    assert report.received == ["Ada King"]
    assert path.read_bytes() == before  # their file is not rewritten for nothing
    assert TouchContact.select().where(TouchContact.contact == ada.id).count() == 1
    assert gifts.gifts_of(ada.id)["idea"][0].text == "a fountain pen"
    assert sync(folder).unchanged == 1  # and it is settled


def test_a_birthday_changed_in_the_vdir_keeps_its_lead_time(db, ada, folder):
    birthday = people.birthday_of(ada.id)
    birthday.lead_days = 7
    birthday.save()
    sync(folder)
    (folder / f"{ada.uid}.vcf").write_bytes(card(ada.uid, "Ada Lovelace", "BDAY:--0229"))
    sync(folder)
    birthday = people.birthday_of(ada.id)
    assert (birthday.year, birthday.month, birthday.day) == (None, 2, 29)
    assert birthday.lead_days == 7
    assert Occasion.select().where(Occasion.kind == "birthday").count() == 1


def test_a_new_file_is_a_new_contact_with_its_uid(db, ada, folder):
    sync(folder)
    (folder / "grace.vcf").write_bytes(card("grace-1", "Grace Hopper", "BDAY:--1209",
                                            "TEL;TYPE=cell:+1 555 0100"))
    report = sync(folder)
    grace = Contact.get(Contact.uid == "grace-1")
    assert grace.name == "Grace Hopper"
    assert phones(grace.id) == ["+1 555 0100"]
    birthday = people.birthday_of(grace.id)
    assert (birthday.year, birthday.month, birthday.day) == (None, 12, 9)
    assert report.added == ["Grace Hopper"]
    assert "grace.vcf" in files(folder)  # not renamed or rewritten
    again = sync(folder)
    assert Contact.select().count() == 2 and again.unchanged == 2 and not again.changed


def test_a_new_file_for_someone_known_merges_instead_of_duplicating(db, folder):
    sam = people.add_contact("Sam King")
    ContactField.create(contact=sam.id, kind="email", label="", value="sam@example.org")
    (folder).mkdir()
    (folder / "other.vcf").write_bytes(card("other-uid", "Samuel King",
                                            "EMAIL:sam@example.org", "TEL:+44 1"))
    report = sync(folder)
    assert Contact.select().count() == 1
    assert phones(sam.id) == ["+44 1"]
    assert report.merged and "matched by email" in report.merged[0]
    assert sync(folder).unchanged == 1


def test_a_file_deleted_from_the_vdir_is_reported_and_the_contact_kept(db, ada, folder):
    sync(folder)
    (folder / f"{ada.uid}.vcf").unlink()
    report = sync(folder)
    assert Contact.get_or_none(Contact.id == ada.id) is not None
    assert report.gone == ["Ada Lovelace"]
    assert any("deleted from the vdir, kept here" in line for line in report.lines())
    assert files(folder) == {}
    quiet = sync(folder)
    assert quiet.gone == [] and files(folder) == {}  # said once, not brought back
    people.update_contact(ada.id, notes="changed after")
    sync(folder)
    assert f"{ada.uid}.vcf" in files(folder)  # changed here: it goes out again


def test_a_contact_deleted_here_takes_its_unchanged_file_along(db, ada, folder):
    sam = people.add_contact("Sam King")
    sync(folder)
    people.delete_contact(sam.id)
    report = sync(folder)
    assert sorted(files(folder)) == [f"{ada.uid}.vcf"]
    assert report.removed == ["Sam King"]


def test_a_contact_deleted_here_but_changed_in_the_vdir_comes_back(db, ada, folder):
    sync(folder)
    uid = ada.uid
    people.delete_contact(ada.id)
    (folder / f"{uid}.vcf").write_bytes(card(uid, "Ada Lovelace", "TEL:+44 2"))
    report = sync(folder)
    back = Contact.get(Contact.uid == uid)
    assert phones(back.id) == ["+44 2"]
    assert report.restored == ["Ada Lovelace"]


def test_a_change_on_both_sides_is_a_conflict_and_nothing_is_lost(db, ada, folder):
    sync(folder)
    path = folder / f"{ada.uid}.vcf"
    people.update_contact(ada.id, name="Ada King", notes="mine")
    theirs = card(ada.uid, "Ada Byron", "EMAIL:ada@example.org", "EMAIL:byron@example.org",
                  "NOTE:theirs")
    path.write_bytes(theirs)
    report = sync(folder)
    copy = folder / CONFLICTS / f"{ada.uid}.conflict.vcf"
    assert copy.read_bytes() == theirs  # their version, byte for byte
    assert report.conflicts == [("Ada King", str(Path(CONFLICTS) / copy.name))]
    conflict_line = next(line for line in report.lines() if line.startswith("  ! conflict"))
    assert "Ada King changed on both sides" in conflict_line
    assert conflict_line.endswith(str(copy))
    contact = Contact.get_by_id(ada.id)
    assert (contact.name, contact.notes) == ("Ada King", "mine")  # ours is not overwritten
    assert "byron@example.org" in emails(ada.id)  # what theirs added is merged in
    text = path.read_text(encoding="utf-8")
    assert "Ada King" in text and "byron@example.org" in text
    # the copy is out of the vdir proper: one file per UID for khard and vdirsyncer
    assert [p.name for p in folder.glob("*.vcf")] == [path.name]
    assert stat.S_IMODE((folder / CONFLICTS).stat().st_mode) == 0o700
    assert sync(folder).conflicts == []  # settled after that


def test_a_second_conflict_keeps_the_first_copy(db, ada, folder):
    sync(folder)
    path = folder / f"{ada.uid}.vcf"
    for n in (1, 2):
        people.update_contact(ada.id, notes=f"mine {n}")
        path.write_bytes(card(ada.uid, f"Ada {n}", f"NOTE:theirs {n}"))
        sync(folder)
    copies = sorted(p.name for p in (folder / CONFLICTS).iterdir())
    assert copies == [f"{ada.uid}.conflict-2.vcf", f"{ada.uid}.conflict.vcf"]


def test_the_same_change_on_both_sides_is_no_conflict(db, ada, folder):
    sync(folder)
    people.update_contact(ada.id, name="Ada King")
    path = folder / f"{ada.uid}.vcf"
    edit(path, "Ada Lovelace", "Ada King")
    report = sync(folder)
    assert report.conflicts == [] and not (folder / CONFLICTS).exists()


def test_a_file_renamed_by_another_program_is_still_that_contact(db, ada, folder):
    sync(folder)
    (folder / f"{ada.uid}.vcf").rename(folder / "renamed.vcf")
    report = sync(folder)
    assert Contact.select().count() == 1 and not report.added and not report.gone
    people.update_contact(ada.id, notes="after the rename")
    sync(folder)
    assert sorted(files(folder)) == ["renamed.vcf"]
    assert "after the rename" in (folder / "renamed.vcf").read_text(encoding="utf-8")


def test_an_unreadable_file_is_reported_and_left_alone(db, ada, folder):
    sync(folder)
    (folder / "broken.vcf").write_bytes(b"this is not a card\r\n")
    report = sync(folder)
    assert report.problems and report.problems[0][0] == "broken.vcf"
    assert (folder / "broken.vcf").read_bytes() == b"this is not a card\r\n"
    assert Contact.select().count() == 1


def test_a_file_with_several_cards_is_reported_not_half_synced(db, folder):
    folder.mkdir()
    (folder / "two.vcf").write_bytes(card("a-1", "Ann Lee") + card("b-1", "Bo Lee"))
    report = sync(folder)
    assert report.problems == [("two.vcf", "can't be read (it holds 2 cards, a vdir file "
                                           "holds one): left as it is")]
    assert Contact.select().count() == 0


def test_a_file_put_back_after_a_deletion_is_tracked_again(db, ada, folder):
    sync(folder)
    path = folder / f"{ada.uid}.vcf"
    saved = path.read_bytes()
    path.unlink()
    assert sync(folder).gone == ["Ada Lovelace"]
    path.write_bytes(saved)
    assert sync(folder).unchanged == 1
    path.unlink()
    assert sync(folder).gone == ["Ada Lovelace"]  # noticed again


def test_a_first_sync_of_a_folder_with_our_own_cards_changes_nothing(db, ada, folder):
    """Cards already there with our UIDs (an earlier export, or a lost state file)."""
    sync(folder)
    (folder / STATE_FILE).unlink()
    before = files(folder)
    report = sync(folder)
    assert report.conflicts == [] and files(folder) == before
    assert Contact.select().count() == 1


def test_a_state_from_another_database_deletes_nothing(db, ada, folder):
    sam = people.add_contact("Sam King")
    sync(folder)
    state = json.loads((folder / STATE_FILE).read_text())
    state["database"] = "/somewhere/else.db"
    (folder / STATE_FILE).write_text(json.dumps(state))
    people.delete_contact(sam.id)
    report = sync(folder)
    assert f"{sam.uid}.vcf" in files(folder)  # not removed: this database never had it
    assert any("another database" in reason for _, reason in report.problems)


def test_a_broken_state_file_starts_afresh(db, ada, folder):
    sync(folder)
    (folder / STATE_FILE).write_text("{ not json")
    report = sync(folder)
    assert any("unreadable" in reason for _, reason in report.problems)
    assert json.loads((folder / STATE_FILE).read_text())["contacts"]


def test_a_failed_write_leaves_the_old_file_whole(db, ada, folder, monkeypatch):
    sync(folder)
    path = folder / f"{ada.uid}.vcf"
    before = path.read_bytes()
    people.update_contact(ada.id, name="Ada King")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(vdir_folder.os, "replace", broken)
    with pytest.raises(OSError):
        sync(folder)
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [path.name, STATE_FILE])  # no temporary file left behind


def test_version_4_cards_on_request(db, ada, folder):
    sync(folder, version="4.0")
    assert b"VERSION:4.0" in (folder / f"{ada.uid}.vcf").read_bytes()


def test_a_file_is_not_a_folder(db, tmp_path):
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(UserError, match="not a folder"):
        sync(path)


def test_the_same_person_in_another_programs_spelling_is_left_as_it_is(db, ada, folder):
    """A first pairing (no state) with a card that says what ours says, differently
    written: no conflict, and their file is not rewritten."""
    sync(folder)
    (folder / STATE_FILE).unlink()
    path = folder / f"{ada.uid}.vcf"
    theirs = card(ada.uid, "Ada Lovelace", "NOTE:wrote the first program", "BDAY:18151210",
                  "EMAIL;TYPE=INTERNET,HOME:ada@example.org", "REV:20260101T000000Z")
    path.write_bytes(theirs)
    report = sync(folder)
    assert report.unchanged == 1 and not report.changed
    assert path.read_bytes() == theirs


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"
ONE_CARD_FIXTURES = [
    "apple-addressbook-30-xabdate-anniversary-relatednames.vcf",
    "apple-addressbook-30-company-photo-umlaut.vcf",
    "apple-ios5-30-photo-cr-cr-lf.vcf",
    "cardbook-30-bday-1604-year-placeholder.vcf",
    "davx5-30-allfields-related-anniversary-xabdate.vcf",
    "davx5-40-bday-no-year-extended-format.vcf",
    "google-30-xabdate-xabrelatednames-labels.vcf",
    "owncloud-30-greek-bopomofo-cyrillic-folded-inside-utf8.vcf",
    "outlook2007-21-ms-anniversary-spouse-qp-photo.vcf",
    "android-21-shiftjis-charset-qp-japanese.vcf",
    "utf16be-no-bom-30.vcf",
]


def test_real_cards_from_other_programs_sync_in_and_settle(db, folder):
    """A vdir filled by phones and address books: every card comes in once, the files are
    never rewritten for nothing, and losing the sync state makes no conflict or copy."""
    folder.mkdir()
    for name in ONE_CARD_FIXTURES:
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    first = sync(folder)
    assert len(first.added) == len(ONE_CARD_FIXTURES) and first.problems == []
    assert Contact.select().count() == len(ONE_CARD_FIXTURES)
    assert "Ǽgean ĽdaMonté" in first.added
    cardbook = Contact.get(Contact.uid == "d0bd27f0-5c7c-4540-b9b6-91314b8361f1")
    birthday = people.birthday_of(cardbook.id)
    assert (birthday.year, birthday.month, birthday.day) == (None, 1, 1)
    for name in ONE_CARD_FIXTURES:  # taken in, not rewritten
        assert (folder / name).read_bytes() == (FIXTURES / name).read_bytes()
    again = sync(folder)
    assert again.unchanged == len(ONE_CARD_FIXTURES) and not again.changed
    (folder / STATE_FILE).unlink()
    fresh = sync(folder)
    assert fresh.conflicts == [] and fresh.problems == [] and not fresh.added
    assert Contact.select().count() == len(ONE_CARD_FIXTURES)
    assert not (folder / CONFLICTS).exists()
    assert sync(folder).unchanged == len(ONE_CARD_FIXTURES)


def test_a_second_card_for_someone_already_synced_is_left_alone(db, folder):
    """The iPhone and Gmail cards of the same John Doe (same email): one contact, and the
    other file is reported, not merged twice or deleted."""
    folder.mkdir()
    for name in ("apple-ios5-30-photo-cr-cr-lf.vcf",
                 "google-30-spouse-anniversary-folded-note.vcf"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    report = sync(folder)
    assert Contact.select().count() == 1
    assert len(report.problems) == 1 and "left alone" in report.problems[0][1]
    assert len(list(folder.glob("*.vcf"))) == 2
