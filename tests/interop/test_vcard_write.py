"""Writing vCards: exact 4.0 and 3.0 cards for a stored contact, folding and escaping, the
kept properties going back out unchanged, vobject reading what we write, and round trips of
every fixture (read, store, write, read again)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import vobject

from connecttui.core import family, occasions, people
from connecttui.core.errors import UserError
from connecttui.core.store.models import Contact, ContactField, Occasion
from connecttui.interop import importing
from connecttui.interop.card import CardDate, CardRelative
from connecttui.interop.vcard import card_text, export_vcards, read_bytes, read_cards
from connecttui.interop.vcard_write import PRODID, escape, fold

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"


def field(contact: Contact, kind: str, label: str, value: str, position: int) -> None:
    ContactField.create(contact=contact, kind=kind, label=label, value=value, position=position)


def ada() -> Contact:
    contact = people.add_contact(
        "Ada Lovelace", nicknames="Ada, The Enchantress", birthday=(1815, 12, 10),
        notes="Wrote the first program; loved maths, horses\nand poetry \\ science",
        address="12 St James's Square, London",
    )
    field(contact, "email", "home", "ada@example.org", 0)
    field(contact, "phone", "cell", "+44 20 7946 0018", 1)
    field(contact, "phone", "home fax", "+44 20 7946 0019", 2)
    field(contact, "address", "home", "12 St James's Square, London", 3)
    field(contact, "url", "Blog", "https://ada.example.org", 4)
    field(contact, "org", "", "Analytical Engines", 5)
    field(contact, "title", "", "Countess", 6)
    contact.tags = "maths, friends"
    contact.vcard_extra = "\n".join([
        "X-SOCIAL;TYPE=mastodon:@ada@example.org", "item1.X-ABADR:gb", "N:Lovelace;Ada;;;"])
    contact.save()
    william = people.add_contact("William King")
    family.add_member(contact.id, "partner", linked_id=william.id)
    family.add_member(contact.id, "child", "Byron")
    family.add_member(contact.id, "parent", "Annabella")
    family.add_member(contact.id, "sibling", "Medora")
    family.add_member(contact.id, "other", "Charles Babbage")
    occasions.add_occasion(contact.id, "anniversary", 7, 8, year=1835, partner_id=william.id)
    occasions.add_occasion(contact.id, "custom", 2, 29, label="name day")
    return contact


def crlf(*lines: str) -> str:
    return "".join(line + "\r\n" for line in lines)


COMMON = (
    "FN:Ada Lovelace",
    "N:Lovelace;Ada;;;",
    "NICKNAME:Ada,The Enchantress",
    "EMAIL;TYPE=home:ada@example.org",
    "TEL;TYPE=cell:+44 20 7946 0018",
    "TEL;TYPE=home,fax:+44 20 7946 0019",
    "ADR;TYPE=home:;;12 St James's Square\\, London;;;;",
    "item2.URL:https://ada.example.org",
    "item2.X-ABLabel:Blog",
    "ORG:Analytical Engines",
    "TITLE:Countess",
    "NOTE:Wrote the first program\\; loved maths\\, horses\\nand poetry \\\\ science",
    "CATEGORIES:maths,friends",
)


def test_a_4_0_card(db):
    contact = ada()
    assert card_text(contact.id) == crlf(
        "BEGIN:VCARD", "VERSION:4.0", f"PRODID:{PRODID}", f"UID:{contact.uid}", *COMMON,
        "BDAY:18151210",
        "ANNIVERSARY:18350708",
        "item3.X-ABDATE:--0229",
        "item3.X-ABLabel:name day",
        "RELATED;TYPE=spouse;VALUE=text:William King",
        "RELATED;TYPE=child;VALUE=text:Byron",
        "RELATED;TYPE=parent;VALUE=text:Annabella",
        "RELATED;TYPE=sibling;VALUE=text:Medora",
        "RELATED;VALUE=text:Charles Babbage",
        "X-SOCIAL;TYPE=mastodon:@ada@example.org",
        "item1.X-ABADR:gb",
        "END:VCARD",
    )


def test_a_3_0_card(db):
    contact = ada()
    assert card_text(contact.id, version="3.0") == crlf(
        "BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}", f"UID:{contact.uid}", *COMMON,
        "BDAY:1815-12-10",
        "ANNIVERSARY:1835-07-08",
        "X-ANNIVERSARY:1835-07-08",
        "item3.X-ABDATE:1835-07-08",
        "item3.X-ABLabel:_$!<Anniversary>!$_",
        "item4.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-02-29",
        "item4.X-ABLabel:name day",
        "item5.X-ABRELATEDNAMES:William King",
        "item5.X-ABLabel:_$!<Spouse>!$_",
        "item6.X-ABRELATEDNAMES:Byron",
        "item6.X-ABLabel:_$!<Child>!$_",
        "item7.X-ABRELATEDNAMES:Annabella",
        "item7.X-ABLabel:_$!<Parent>!$_",
        "item8.X-ABRELATEDNAMES:Medora",
        "item8.X-ABLabel:_$!<Sibling>!$_",
        "item9.X-ABRELATEDNAMES:Charles Babbage",
        "item9.X-ABLabel:_$!<Other>!$_",
        "X-SOCIAL;TYPE=mastodon:@ada@example.org",
        "item1.X-ABADR:gb",
        "END:VCARD",
    )


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_what_we_write_reads_back_the_same(db, version):
    contact = ada()
    card = read_bytes(card_text(contact.id, version).encode())[0][0]
    assert (card.name, card.uid, card.nicknames) == (
        "Ada Lovelace", contact.uid, ["Ada", "The Enchantress"])
    assert card.note == contact.notes
    assert card.birthday == (1815, 12, 10)
    assert card.dates == [CardDate("anniversary", (1835, 7, 8)),
                          CardDate("custom", (None, 2, 29), "name day")]
    assert [(r.relation, r.name) for r in card.relatives] == [
        ("partner", "William King"), ("child", "Byron"), ("parent", "Annabella"),
        ("sibling", "Medora"), ("other", "Charles Babbage")]
    assert card.phones == [("cell", "+44 20 7946 0018"), ("home fax", "+44 20 7946 0019")]
    assert card.urls == [("Blog", "https://ada.example.org")]
    assert card.addresses == [("home", "12 St James's Square, London")]
    assert card.categories == ["maths", "friends"]
    assert card.extra == ["FN:Ada Lovelace", "N:Lovelace;Ada;;;",
                          "X-SOCIAL;TYPE=mastodon:@ada@example.org", "item1.X-ABADR:gb"]


def test_the_uid_is_stable_and_the_shared_anniversary_is_on_both_cards(db):
    contact = ada()
    assert card_text(contact.id) == card_text(contact.id)
    william = Contact.get(Contact.name == "William King")
    text = card_text(william.id)
    assert f"\r\nUID:{william.uid}\r\n" in text
    assert "\r\nANNIVERSARY:18350708\r\n" in text
    assert "\r\nN:King;William;;;\r\n" in text
    assert "BDAY" not in text and "RELATED" not in text


@pytest.mark.parametrize(("version", "line"), [
    ("4.0", "BDAY:--0229"), ("3.0", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29")])
def test_a_birthday_without_a_year(db, version, line):
    contact = people.add_contact("Leap Day", birthday=(None, 2, 29))
    text = card_text(contact.id, version)
    assert f"\r\n{line}\r\n" in text
    assert read_bytes(text.encode())[0][0].birthday == (None, 2, 29)


def test_a_kept_n_that_no_longer_fits_the_name_is_made_again(db):
    contact = ada()
    people.update_contact(contact.id, name="Ada King")
    text = card_text(contact.id)
    assert "\r\nN:King;Ada;;;\r\n" in text and "Lovelace" not in text


def test_a_kept_n_stays_until_a_rename_even_when_fn_and_n_disagree(db):
    contact = people.add_contact("Mom")
    contact.vcard_extra = "FN:Mom\nN:Smith;Jane;;;\nX-A:1"
    contact.save()
    text = card_text(contact.id)
    assert "\r\nFN:Mom\r\nN:Smith;Jane;;;\r\n" in text and text.count("FN:") == 1
    people.update_contact(contact.id, name="Mother")
    text = card_text(contact.id)
    assert "\r\nFN:Mother\r\nN:;Mother;;;\r\n" in text and "Smith" not in text
    assert "\r\nX-A:1\r\n" in text


@pytest.mark.parametrize(("name", "n_line"), [
    ("Madonna", "N:;Madonna;;;"), ("Apple Computer AG", "N:;;;;"),
    ("Jean-Luc de la Fontaine", "N:Fontaine;Jean-Luc de la;;;")])
def test_a_made_up_n(db, name, n_line):
    contact = people.add_contact(name)
    if name == "Apple Computer AG":
        field(contact, "org", "", name, 0)
    assert f"\r\n{n_line}\r\n" in card_text(contact.id)


def test_the_empty_n_of_a_card_is_not_kept_for_a_person(db):
    contact = people.add_contact("Test Person")
    contact.vcard_extra = "N:;;;;"
    contact.save()
    assert "\r\nN:Person;Test;;;\r\n" in card_text(contact.id)


def test_lines_fold_at_75_octets_between_characters(db):
    name = "Zoë Ñúñez-Łukasiewicz 東京都渋谷区桜丘町 " * 4
    contact = people.add_contact(name.strip(), notes="ü" * 200)
    contact.vcard_extra = "X-LONG:" + "ab€" * 60
    contact.save()
    data = card_text(contact.id).encode("utf-8")
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert max(len(line) for line in lines) == 75  # some lines are full
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # no line ends inside a character
    card = read_bytes(data)[0][0]
    assert (card.name, card.note) == (name.strip(), "ü" * 200)
    assert card.extra[-1] == "X-LONG:" + "ab€" * 60


def test_fold():
    assert fold("x" * 75) == "x" * 75
    assert fold("x" * 76) == "x" * 75 + "\r\n x"
    assert fold("é" * 40) == "é" * 37 + "\r\n " + "é" * 3  # 74 octets, then 6
    assert fold("a" + "€" * 30) == "a" + "€" * 24 + "\r\n " + "€" * 6


def test_control_characters_never_go_out(db):
    contact = people.add_contact("Bell", notes="ding\x07 dong\r\nnext\x1b[31m")
    text = card_text(contact.id)
    assert "\x07" not in text and "\x1b" not in text
    assert "\r\nNOTE:ding dong\\nnext[31m\r\n" in text


def test_only_4_0_and_3_0_are_written(db):
    contact = people.add_contact("Ada")
    with pytest.raises(UserError, match="use 4.0 or 3.0"):
        card_text(contact.id, "2.1")


def test_export_everyone_sorted_by_name(db):
    for name in ("Zoë", "Émile", "ada"):
        people.add_contact(name)
    stream = io.StringIO(newline="")
    assert export_vcards(stream) == 3
    text = stream.getvalue()
    assert [line[3:] for line in text.split("\r\n") if line.startswith("FN:")] == [
        "ada", "Émile", "Zoë"]
    assert text.count("BEGIN:VCARD\r\nVERSION:4.0\r\n") == 3
    binary = io.BytesIO()
    assert export_vcards(binary, "3.0") == 3
    assert binary.getvalue().decode("utf-8").count("\r\nVERSION:3.0\r\n") == 3


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vobject_reads_what_we_write(db, version):
    contact = ada()
    people.add_contact("Émile, \"the\"; one", birthday=(None, 3, 1))
    stream = io.StringIO(newline="")
    export_vcards(stream, version)
    parsed = list(vobject.readComponents(stream.getvalue()))
    assert [c.fn.value for c in parsed] == ["Ada Lovelace", "Émile, \"the\"; one", "William King"]
    first = parsed[0]
    assert first.version.value == version
    assert first.uid.value == contact.uid
    assert first.note.value == contact.notes
    assert first.n.value.family == "Lovelace" and first.n.value.given == "Ada"
    assert [e.value for e in first.contents["email"]] == ["ada@example.org"]
    assert first.contents["email"][0].params["TYPE"] == ["home"]
    assert first.contents["tel"][1].params["TYPE"] == ["home", "fax"]
    assert first.contents["x-social"][0].value == "@ada@example.org"
    if version == "4.0":
        assert first.bday.value == "18151210"
        assert [r.value for r in first.contents["related"]] == [
            "William King", "Byron", "Annabella", "Medora", "Charles Babbage"]
        assert parsed[1].bday.value == "--0301"
    else:
        assert first.bday.value == "1815-12-10"
        assert first.contents["x-anniversary"][0].value == "1835-07-08"
        names = [r.value for r in first.contents["x-abrelatednames"]]
        assert names == ["William King", "Byron", "Annabella", "Medora", "Charles Babbage"]
        assert parsed[1].bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]


# --- round trips of every fixture ------------------------------------------------------------


def _fixtures_with_cards() -> list[str]:
    return sorted(p.name for p in FIXTURES.glob("*.vcf") if read_cards(p)[0])


def _named(extra: list[str], *names: str) -> list[str]:
    return [line for line in extra if re.split(r"[;:]", line)[0].upper() in names]


def _neutral(line: str) -> str:
    """A kept line without what 3.0 and 4.0 write differently: an inline photo's form
    (ENCODING=b;TYPE=JPEG or a data: URI; only the name and the base64 text stay), and
    CHARSET, which 4.0 forbids."""
    line = re.sub(r";CHARSET=[^;:]*", "", line, flags=re.IGNORECASE)
    head, _, value = line.partition(":")
    name = head.split(";")[0]
    if re.fullmatch(r"(\w+\.)?(PHOTO|LOGO|SOUND|KEY)", name, re.IGNORECASE):
        return name + ":" + re.sub(r"\s", "", value.split("base64,", 1)[-1])
    return line


def _fields(cid: int) -> set[tuple[str, str, str]]:
    return {(f.kind, f.label, f.value) for f in ContactField.select().where(
        ContactField.contact == cid)}


def _card_fields(card) -> set[tuple[str, str, str]]:
    found = {("email", label, value) for label, value in card.emails}
    found |= {("phone", label, value) for label, value in card.phones}
    found |= {("address", label, value) for label, value in card.addresses}
    found |= {("url", label, value) for label, value in card.urls}
    return found | {(kind, "", value) for kind, value in (("org", card.org),
                                                          ("title", card.title)) if value}


def test_every_fixture_with_cards_takes_part_in_the_round_trip():
    assert len(_fixtures_with_cards()) == 19


@pytest.mark.parametrize("version", ["4.0", "3.0"])
@pytest.mark.parametrize("name", _fixtures_with_cards())
def test_round_trip(db, name, version):
    cards, _ = read_cards(FIXTURES / name)
    for card in cards:
        cid = importing.store_card(card)
        contact = Contact.get_by_id(cid)
        back, skipped = read_bytes(card_text(cid, version).encode("utf-8"))
        assert skipped == [] and len(back) == 1
        again = back[0]
        assert (again.name, again.uid) == (card.name, contact.uid)
        assert again.nicknames == card.nicknames
        assert again.note == card.note
        assert again.categories == card.categories
        assert again.birthday == card.birthday
        assert {(d.kind, d.date) for d in again.dates} == {(d.kind, d.date) for d in card.dates}
        stored = {(o.kind, (o.year, o.month, o.day), o.label) for o in Occasion.select().where(
            (Occasion.contact == cid) & (Occasion.kind != "birthday"))}
        assert {(d.kind, d.date, d.label) for d in again.dates} == stored
        assert {(r.relation, r.name) for r in again.relatives} == {
            (r.relation, r.name) for r in card.relatives}
        assert _card_fields(again) == _fields(cid)
        # Everything kept comes back unchanged and in order; N as it was, FN as it is now.
        assert [_neutral(x) for x in again.extra if x not in _named(again.extra, "N", "FN")] == [
            _neutral(x) for x in card.extra if x not in _named(card.extra, "N", "FN")]
        assert _named(again.extra, "FN") == [f"FN:{escape(contact.name)}"]
        assert len(_named(again.extra, "N")) == 1
        if _named(card.extra, "N"):
            assert _named(again.extra, "N") == _named(card.extra, "N")[:1]


def test_round_trip_of_family_and_dates_from_google(db):
    """The fullest fixture, checked by value rather than by comparison."""
    card = read_cards(FIXTURES / "google-30-xabdate-xabrelatednames-labels.vcf")[0][0]
    cid = importing.store_card(card)
    for version in ("4.0", "3.0"):
        again = read_bytes(card_text(cid, version).encode())[0][0]
        assert again.birthday == (1912, 6, 23)
        assert again.dates == [CardDate("anniversary", (1930, 3, 20)),
                               CardDate("custom", (1776, 7, 4), "date"),
                               CardDate("custom", (2000, 9, 12), "CustomDateCategory")]
        assert again.relatives[:3] == [
            CardRelative("other", "Name1", "" if version == "4.0" else "other"),
            CardRelative("partner", "Name2", "spouse"),
            CardRelative("child", "Name3", "child")]
        assert [r.relation for r in again.relatives].count("parent") == 3
