"""Nothing lost: what connecttui has no field for (PHOTO, LOGO, X-*, grouped items such as
`personalIM.X-ABLabel`) goes back out as it came in, through `sync` and through import
then `export --format vcard`, on real cards (tests/fixtures/vcards).

"As it came in" is checked against the original file's bytes, cut here into properties
without connecttui's reader: each property's lines, folds, whitespace and line ends. The one
change allowed: iOS 5's doubled CR (CR CR LF) becomes CR LF, since khard can't read a card
with it. A photo in the other version's form (2.1 or 3.0 inline base64 in a 4.0 card, 4.0's
data: URI in a 3.0 card) is converted; then the picture's base64 text is what it was.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest
import vobject

from connecttui.core import briefing, people, search, touches
from connecttui.core.store.models import Contact, ContactField, ContactIndex, database
from connecttui.interop import importing
from connecttui.interop.vcard import card_text, read_cards
from connecttui.interop.vcard_lines import Kept, kept_lines, written
from connecttui.interop.vdir import CONFLICTS, sync

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"
IOS = "apple-ios5-30-photo-cr-cr-lf.vcf"
NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")

# The properties of each card that connecttui has no field for, by how their lines start.
UNMODELLED = {
    IOS: ["item3.X-ABADR", "item4.X-ABADR", "PHOTO"],
    "apple-addressbook-30-company-photo-umlaut.vcf": [  # photo folded with LF in a CRLF file
        "item1.X-ABADR", "PHOTO", "X-ABShowAs", "X-ABUID"],
    "davx5-30-allfields-related-anniversary-xabdate.vcf": [  # LF throughout, one long line
        "X-PHONETIC-FIRST-NAME", "X-PHONETIC-MIDDLE-NAME", "X-PHONETIC-LAST-NAME", "ROLE",
        "personalIM.IMPP", "personalIM.X-ABLabel", "IMPP", "X-SIP", "RELATED;TYPE=parent", "PHOTO",
        "X-TEST"],
}


def properties(data: bytes) -> list[bytes]:
    """Each property of a 3.0/4.0 file as its bytes: a line and the lines after it that
    start with a space or a tab, with their own line ends (CR CR LF made CR LF)."""
    pieces = re.split(rb"(\r*\n|\r)", data)
    found: list[bytes] = []
    for index in range(0, len(pieces) - 1, 2):
        line, end = pieces[index], pieces[index + 1]
        end = end if end in (b"\r\n", b"\n") else b"\r\n"
        if line[:1] in (b" ", b"\t") and found:
            found[-1] += line + end
        elif line.strip():
            found.append(line + end)
    return found


def unmodelled(name: str) -> dict[str, bytes]:
    """The fixture's properties connecttui has no field for: {how it starts: its bytes}."""
    found = {}
    for start in UNMODELLED[name]:
        raws = [raw for raw in properties((FIXTURES / name).read_bytes())
                if raw.startswith(start.encode()) and raw[len(start):][:1] in (b";", b":")]
        assert len(raws) == 1, start
        found[start] = raws[0]
    return found


def assert_kept(data: bytes, originals: dict[str, bytes]) -> None:
    """Every original property is in `data` once, byte for byte, as a whole property."""
    written = properties(data)
    for prop, raw in originals.items():
        assert written.count(raw) == 1, f"{prop} is not as it was:\n{raw[:200]!r}"


def photo_bytes(name: str) -> bytes:
    """The picture in a fixture (2.1 or 3.0), decoded from its base64 here: its lines go on
    while the next starts with a space or a tab."""
    text = (FIXTURES / name).read_bytes().decode("latin-1")
    value = re.search(r"^PHOTO[^:\r\n]*:(.*?)\r*\n(?=[^ \t])", text, re.M | re.S).group(1)
    return base64.b64decode(re.sub(r"\s", "", value))


def vdir_with(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "vdir"
    folder.mkdir(mode=0o700)
    shutil.copyfile(FIXTURES / name, folder / "card.vcf")
    return folder


def untouched(path: Path) -> None:
    os.utime(path, (1_000_000, 1_000_000))


# --- sync ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(UNMODELLED))
def test_a_photo_card_goes_through_two_syncs_byte_for_byte(db, tmp_path, name):
    folder = vdir_with(tmp_path, name)
    path = folder / "card.vcf"
    original = path.read_bytes()
    kept = unmodelled(name)

    report = sync(folder)  # in: a new contact; the file, whose fields did not change, stays
    assert len(report.added) == 1 and report.problems == []
    assert path.read_bytes() == original
    contact = Contact.get()
    untouched(path)
    assert sync(folder).unchanged == 1 and path.stat().st_mtime == 1_000_000

    people.update_contact(contact.id, notes="met at the engine works")  # out: rewritten
    assert sync(folder).sent == [contact.name]
    first = path.read_bytes()
    assert first != original and b"met at the engine works" in first
    assert_kept(first, kept)

    ContactField.create(contact=contact.id, kind="phone", label="cell", value="+44 20 7946 0018")
    assert sync(folder).sent == [contact.name]  # out again: still as it was
    second = path.read_bytes()
    assert b"+44 20 7946 0018" in second
    assert_kept(second, kept)
    assert second.count(b"PHOTO") == 1

    touches.log_touch([contact.id], "call", at=NOW)  # nothing a card says: no write
    untouched(path)
    report = sync(folder)
    assert report.unchanged == 1 and not report.changed
    assert path.stat().st_mtime == 1_000_000 and path.read_bytes() == second


@pytest.mark.parametrize("name", ["android-21-qp-label-note-base64-photo.vcf",
                                  "outlook2007-21-ms-anniversary-spouse-qp-photo.vcf"])
def test_a_vcard_2_1_photo_goes_out_in_3_0_form_with_the_same_picture(db, tmp_path, name):
    """2.1's `PHOTO;ENCODING=BASE64;JPEG` is no 3.0: it goes out as `ENCODING=b;TYPE=JPEG`,
    which vobject (khard, Radicale) reads and writes back whole."""
    folder = vdir_with(tmp_path, name)
    sync(folder)
    contact = Contact.get()
    people.update_contact(contact.id, notes="changed here")
    sync(folder)
    data = (folder / "card.vcf").read_bytes()
    head = re.search(rb"\r\nPHOTO;([^:]*):", data).group(1)
    assert sorted(head.split(b";")) == [b"ENCODING=b", b"TYPE=JPEG"]
    written = next(iter(vobject.readComponents(data.decode("utf-8"))))
    assert written.contents["photo"][0].value == photo_bytes(name)
    assert written.serialize()  # vobject can write it back too (it can't with BASE64)


def test_a_4_0_photo_goes_into_a_3_0_card_inline_and_out_in_4_0_as_it_was(db, tmp_path):
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 3).decode()
    photo = "PHOTO;PREF=1:data:image/png;base64," + png
    folded = "\r\n ".join([photo[:75]] + [photo[i:i + 74] for i in range(75, len(photo), 74)])
    folder = tmp_path / "vdir"
    folder.mkdir()
    (folder / "grace.vcf").write_bytes((
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:grace\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
        f"{folded}\r\nX-FAVOURITE;TYPE=work:COBOL\r\nEND:VCARD\r\n").encode())
    sync(folder)
    grace = Contact.get()
    people.update_contact(grace.id, notes="admiral")
    sync(folder)  # the vdir gets 3.0 cards
    data = (folder / "grace.vcf").read_bytes()
    written = next(iter(vobject.readComponents(data.decode())))
    assert written.contents["photo"][0].params["TYPE"] == ["PNG"]
    assert written.contents["photo"][0].value == base64.b64decode(png)
    assert b"\r\nX-FAVOURITE;TYPE=work:COBOL\r\n" in data
    assert f"\r\n{folded}\r\n" in card_text(grace.id, "4.0")  # 4.0 again: as it came


def test_a_new_photo_from_the_phone_comes_in_and_goes_out(db, tmp_path):
    folder = vdir_with(tmp_path, IOS)
    path = folder / "card.vcf"
    sync(folder)
    contact = Contact.get()
    old = unmodelled(IOS)["PHOTO"]
    new = old.replace(b"/9j/4AAQSkZJRgABAQAAAQABAAD/4QBYRXhpZgAATU0AKgAA",
                      b"/9j/4AAQSkZJRgABAQAAAQABAAD/4QBYRXhpZgAATU0AKgBB")
    assert new != old
    path.write_bytes(path.read_bytes().replace(old.replace(b"\r\n", b"\r\r\n"), new))
    assert sync(folder).received == [contact.name]  # only the photo changed there
    people.update_contact(contact.id, notes="changed here")
    sync(folder)
    assert_kept(path.read_bytes(), {"PHOTO": new})

    # changed on both sides: the phone's newer photo, the conflict kept beside it
    newest = new.replace(b"KgBB", b"KgCC")
    path.write_bytes(path.read_bytes().replace(new, newest))
    people.update_contact(contact.id, notes="changed here again")
    report = sync(folder)
    assert len(report.conflicts) == 1
    assert_kept(path.read_bytes(), {"PHOTO": newest})
    assert b"changed here again" in path.read_bytes()
    assert newest in next((folder / CONFLICTS).glob("*.vcf")).read_bytes()


def test_a_photo_an_older_connecttui_dropped_is_taken_from_the_file_before_a_write(
        db, tmp_path):
    """Before, PHOTO was dropped on the way in; the file still has it. The next write-out
    of that card, after a change here, takes it from the file instead of deleting it."""
    folder = vdir_with(tmp_path, IOS)
    sync(folder)
    contact = Contact.get()
    without = "\n".join([  # what the older reader kept of this card, as it stored it
        "N:Doe;John;Richter,James;Mr.;Sr.", "FN:Mr. John Richter James Doe Sr.",
        "item3.X-ABADR:Silicon Alley",
        "item4.X-ABADR:Street 4, Building 6,\\n Floor 8\\nNew York\\nUSA"])
    Contact.update(vcard_extra=without).where(Contact.id == contact.id).execute()
    people.update_contact(contact.id, notes="changed here")
    assert sync(folder).sent == [contact.name]
    assert_kept((folder / "card.vcf").read_bytes(), unmodelled(IOS))
    assert "PHOTO;ENCODING=b" in Contact.get_by_id(contact.id).vcard_extra


# --- import and export ---------------------------------------------------------------------


def connecttui(home: Path, *args: str) -> str:
    """The real command line, in its own process."""
    env = {k: v for k, v in os.environ.items() if k != "CONNECTTUI_DB"}
    env |= {"CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    result = subprocess.run([sys.executable, "-m", "connecttui", *args], env=env, timeout=60,
                            capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")


def test_import_then_export_keeps_what_it_does_not_model(db, db_path, home, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in UNMODELLED:
        shutil.copyfile(FIXTURES / name, folder / name)
    db_arg = ("--db", str(db_path))
    assert connecttui(home, "import", str(folder), *db_arg).startswith("added 3,")
    three, four = tmp_path / "out-3.vcf", tmp_path / "out-4.vcf"
    connecttui(home, "export", "--format", "vcard", "--vcard-version", "3.0", "-o", str(three),
               *db_arg)
    connecttui(home, "export", "--format", "vcard", "-o", str(four), *db_arg)

    for name in UNMODELLED:  # 3.0 out, as the 3.0 cards came in: every property as it was
        assert_kept(three.read_bytes(), unmodelled(name))
    # 4.0 out: the same but for the photos, now data: URIs, and the CHARSET 4.0 forbids
    kept4 = {f"{name}:{prop}": raw for name in UNMODELLED
             for prop, raw in unmodelled(name).items() if prop != "PHOTO" and b"CHARSET" not in raw}
    assert_kept(four.read_bytes(), kept4)
    assert b"\nX-PHONETIC-FIRST-NAME:F\xc3\xb6rstnehm\r\n" in four.read_bytes()
    unfolded = re.sub(r"\r?\n[ \t]", "", four.read_text(encoding="utf-8"))
    uris = re.findall(r"\nPHOTO:data:image/jpeg;base64,([^\r\n]*)\r?\n", unfolded)
    assert sorted(base64.b64decode(uri) for uri in uris) == sorted(
        photo_bytes(name) for name in UNMODELLED)

    shown = connecttui(home, "show", "Apple Computer", *db_arg)
    assert shown.splitlines()[0] == "Apple Computer AG · has a photo"
    assert "/9j/" not in shown


# --- off the hot paths -------------------------------------------------------------------


@pytest.mark.sqlite_only("traces the statements SQLite runs")
def test_a_photo_never_reaches_the_index_the_list_or_the_search(db, today):
    cards, _ = read_cards(FIXTURES / IOS)
    cid = importing.store_card(cards[0])
    plain = people.add_contact("Ada Lovelace")
    extra = Contact.get_by_id(cid).vcard_extra
    assert len(extra) > 45_000 and "\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/" in extra
    chunk = "AAgAAgESAAMAAAABAAEAAIdpAAQAAAABAAAAJgAAAAAAA6ABAAMAAAABAAEAAK"
    assert chunk in extra
    bodies = [row.body + row.name for row in ContactIndex.select()]
    assert bodies and not any(chunk[:20] in body for body in bodies)

    statements: list[str] = []
    database.connection().set_trace_callback(statements.append)
    try:
        rows = touches.contact_rows(today)
        found = search.search("John")
        assert search.search(chunk) == []
        people.match_name("doe")
    finally:
        database.connection().set_trace_callback(None)
    assert [r.name for r in rows] == ["Ada Lovelace", "Mr. John Richter James Doe Sr."]
    assert [hit.contact_id for hit in found] == [cid]
    assert statements and not [s for s in statements if "vcard_extra" in s]

    brief = briefing.briefing(cid, today)
    assert brief.has_photo and not briefing.briefing(plain.id, today).has_photo
    text = briefing.as_text(brief, today)
    assert text.splitlines()[0] == "Mr. John Richter James Doe Sr. (Johny) · has a photo"
    assert chunk[:20] not in text
    from connecttui.tui.screens.briefing_card import sections

    shown = "".join(p if isinstance(p, str) else str(p[0]) for p in sections(brief, today))
    assert "· has a photo" in shown and chunk[:20] not in shown


# --- one line, either version ------------------------------------------------------------


@pytest.mark.parametrize(("line", "version", "out"), [
    ("X-SOCIAL;TYPE=mastodon:@ada", "4.0", "X-SOCIAL;TYPE=mastodon:@ada"),
    ("X-A;CHARSET=UTF-8:é", "3.0", "X-A;CHARSET=UTF-8:é"),
    ("X-A;CHARSET=UTF-8:é", "4.0", "X-A:é"),  # 4.0 has no CHARSET
    ("PHOTO;ENCODING=b;TYPE=JPEG:/9j/4A", "3.0", "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4A"),
    ("PHOTO;ENCODING=b;TYPE=JPEG:/9j/4A", "4.0", "PHOTO:data:image/jpeg;base64,/9j/4A"),
    ("PHOTO;BASE64: /9j/4A", "4.0", "PHOTO:data:image/jpeg;base64,/9j/4A"),  # Apple's; by its bytes
    ("item1.LOGO;TYPE=PNG,work;ENCODING=b:iVBORw0KGgo", "4.0",
     "item1.LOGO;TYPE=work:data:image/png;base64,iVBORw0KGgo"),
    ("KEY;TYPE=X509;ENCODING=b:MIIB", "4.0",
     "KEY;TYPE=X509:data:application/octet-stream;base64,MIIB"),
    ("PHOTO;PREF=1:data:image/png;base64,iVBORw0KGgo", "4.0",
     "PHOTO;PREF=1:data:image/png;base64,iVBORw0KGgo"),
    ("PHOTO;PREF=1:data:image/png;base64,iVBORw0KGgo", "3.0",
     "PHOTO;PREF=1;ENCODING=b;TYPE=PNG:iVBORw0KGgo"),
    ("LOGO:http://example.com/logo.png", "3.0", "LOGO;VALUE=uri:http://example.com/logo.png"),
    ("LOGO:http://example.com/logo.png", "4.0", "LOGO:http://example.com/logo.png"),
])
def test_a_kept_line_in_a_card_of_either_version(line, version, out):
    kept = Kept(line, line + "\n")  # as read, from a file with LF line ends
    assert written(kept, version) == (line + "\n" if out == line else out + "\r\n")


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.vcf")
                                        if read_cards(p)[0]))
def test_kept_lines_are_stored_and_read_back_as_they_were(db, name):
    for card in read_cards(FIXTURES / name)[0]:
        stored = Contact.get_by_id(importing.store_card(card)).vcard_extra
        again = kept_lines(stored)
        assert again == card.extra and [k.raw for k in again] == [k.raw for k in card.extra]
