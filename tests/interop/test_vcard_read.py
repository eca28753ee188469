"""Reading vCards from real programs (tests/fixtures/vcards, see tests/fixtures/SOURCES.md)
and from small hand-made cards for the forms no fixture has (Apple's X-APPLE-OMIT-YEAR,
RELATED;TYPE=spouse, Feb 29 without a year)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connecttui.core.errors import UserError
from connecttui.interop.card import CardDate, CardRelative, Skipped
from connecttui.interop.vcard import read_bytes, read_cards, read_date
from connecttui.interop.vcard_fields import apple_label

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vcards"

# Every fixture: (cards read, where each skipped entry points).
EXPECTED = {
    "android-21-qp-label-note-base64-photo.vcf": (1, []),
    "android-21-qp-utf8-multi-contact-photo.vcf": (6, []),
    "android-21-shiftjis-charset-qp-japanese.vcf": (1, []),
    "apple-addressbook-30-company-photo-umlaut.vcf": (1, []),
    "apple-addressbook-30-xabdate-anniversary-relatednames.vcf": (1, []),
    "apple-ios5-30-photo-cr-cr-lf.vcf": (1, []),
    "cardbook-30-bday-1604-year-placeholder.vcf": (1, []),
    "davx5-30-allfields-related-anniversary-xabdate.vcf": (1, []),
    "davx5-40-bday-no-year-extended-format.vcf": (1, []),
    "google-30-spouse-anniversary-folded-note.vcf": (1, []),
    "google-30-xabdate-xabrelatednames-labels.vcf": (1, []),
    "malformed-control-char-plus-group-card.vcf": (1, []),
    "malformed-garbage-prefixed-lines.vcf": (0, ["line 1"]),
    "malformed-missing-n-and-fn-multi.vcf": (2, []),
    "malformed-nested-vcard.vcf": (2, ["line 1"]),
    "outlook2007-21-ms-anniversary-spouse-qp-photo.vcf": (1, []),
    "owncloud-30-greek-bopomofo-cyrillic-folded-inside-utf8.vcf": (1, []),
    "phone-21-qp-utf8-broken-soft-breaks.vcf": (5, []),
    "rfc6350-40-examples-multi-bday-anniversary-related.vcf": (7, ["line 101", "line 115"]),
    "utf16be-no-bom-30.vcf": (1, []),
}


def read(name: str):
    return read_cards(FIXTURES / name)


def only(name: str):
    cards, skipped = read(name)
    assert len(cards) == 1 and skipped == []
    return cards[0]


IMAGE = re.compile(r"(?:\w+\.)?(?:PHOTO|LOGO)[;:]", re.IGNORECASE)


def kept(card) -> list[str]:
    """The kept lines but the FN (kept too, so the export can tell whether N still holds)
    and the images (checked on their own: test_vcard_raw.py)."""
    return [line for line in card.extra if not re.match(r"FN[;:]", line)
            and not IMAGE.match(line)]


def write(tmp_path: Path, *lines: str, end: str = "\r\n", name: str = "t.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes((end.join(lines) + end).encode("utf-8"))
    return path


def card_lines(*body: str, version: str = "3.0") -> list[str]:
    return ["BEGIN:VCARD", f"VERSION:{version}", *body, "END:VCARD"]


# --- every fixture ---------------------------------------------------------------------------


def test_every_fixture_is_listed():
    assert {p.name for p in FIXTURES.glob("*.vcf")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_fixture_reads_the_expected_cards(name):
    cards, skipped = read(name)
    count, where = EXPECTED[name]
    assert len(cards) == count
    assert [s.where for s in skipped] == where
    assert all(card.name.strip() == card.name and card.name for card in cards)
    for card in cards:
        assert not any(line.upper().startswith(("VERSION", "REV")) for line in card.extra)
    images = [line for card in cards for line in card.extra if IMAGE.match(line)]
    assert bool(images) == ("photo" in name or name.startswith(("rfc6350", "davx5-30")))


# --- Android, vCard 2.1 ----------------------------------------------------------------------


def test_android_quoted_printable_with_soft_breaks_and_cards_without_names():
    cards, _ = read("android-21-qp-utf8-multi-contact-photo.vcf")
    assert [c.name for c in cards] == [
        "john.doe@company.com", "jane.doe@company.com", "Ñ Ñ Ñ Ñ Ñ", " ".join("Ñ" * 11),
        "Ñ Ñ Ñ Ñ", "ÑÑÑÑ",
    ]
    assert [c.line for c in cards] == [1, 6, 11, 18, 36, 71]
    assert cards[0].emails == [("", "john.doe@company.com")]
    assert cards[0].categories == ["My Contacts"]
    fourth = cards[3]
    assert fourth.phones == [("cell", "123456"), ("home", "234567"), ("cell", "3456789"),
                             ("home", "45678901")]
    one_note = ("Ñ " * 7 + "Ñ") * 2 + ("Ñ " * 5).strip()
    assert fourth.note == f"{one_note}\n{one_note}"
    fifth = cards[4]
    assert fifth.emails == [("work", "bob@company.com"), ("", "Ñ" * 14)]
    assert fifth.phones == [("cell", "123456"), ("work", "123456"), ("work fax", "123456")]
    assert fifth.org == "Ñ" * 12
    assert fifth.urls == [("", "www.company.com"), ("", "http://www.company.com")]
    assert kept(fifth) == ["N:Ñ Ñ ;Ñ Ñ Ñ ;;;", "ORG:" + "Ñ" * 12]  # the second ORG is kept
    # A soft break followed by a blank line, and a stray =80 byte that is not UTF-8.
    assert cards[5].org == "Ñ" * 44
    assert kept(cards[5]) == ["N:ÑÑÑÑ;;;;", "ORG:" + "Ñ" * 44, "ORG:" + "Ñ" * 44]


def test_android_label_note_and_a_long_photo():
    card = only("android-21-qp-label-note-base64-photo.vcf")
    assert card.name == "Joe Due"
    assert card.org == "Gump Shrimp Co., Sales Dept.;Manager, Fish keeper"
    assert card.title == "Shrimp Man"
    assert card.phones == [("work", "(111) 555-1212"), ("home", "(404) 555-1212"),
                           ("cell", "0311111111"), ("video", "0322222222"), ("", "0333333333")]
    assert card.emails == [("", "forrestgump@walladalla.com"), ("cell", "cell@example.com")]
    assert card.addresses == [
        ("work", "100 Waters Edge, Baytown, LA 30314, United States of America"),
        ("home", "42 Plantation St., Baytown, LA 30314, United States of America"),
    ]
    assert card.note == ("The following note is the example from RFC 2045.\n"
                         "Now's the time for all folk to come to the aid of their country.")
    assert card.birthday == (1980, 1, 1)
    assert card.urls == [("", "http://www.example.com/")]
    assert kept(card) == [
        "N:Gump;Forrest;Hoge;Pos;Tao",
        "ROLE:Fish Cake Keeper!",
        "X-CLASS:PUBLIC",
        "LABEL;TYPE=WORK:100 Waters Edge\\nBaytown, LA 30314\\nUnited  States of America",
        "LABEL;TYPE=HOME:42 Plantation St.\\nBaytown, LA 30314\\nUnited  States of America",
        "X-ATTRIBUTE:Some String",
        "GEO:35.6563854,139.6994233",
    ]


def test_shift_jis_charset_and_quoted_printable_shift_jis():
    card = only("android-21-shiftjis-charset-qp-japanese.vcf")
    assert card.name == "安藤 ロイド 1"
    assert card.addresses == [("home", "東京都渋谷区桜丘町26-1セルリアンタワー6階, 150-8512")]
    assert card.note == "メモ"
    assert kept(card) == ["N:安藤;ロイド1;;;", "SOUND;TYPE=X-IRMC-N:ｱﾝﾄﾞｳ;ﾛｲﾄﾞ1;;;"]


def test_phone_export_whose_soft_breaks_split_fields():
    cards, _ = read("phone-21-qp-utf8-broken-soft-breaks.vcf")
    assert [c.name for c in cards] == [
        "Bike Shop", "Field after Address broken", "Field after Address not broken",
        "Dr. med. Surname Name", "Second Doctor",
    ]
    bike, broken, not_broken, doctor, dentist = cards
    assert bike.org == "Bike Shop" and bike.note.startswith("This one has a funny")  # "Note:"
    assert bike.addresses == [("work", "DDDDDDDDDDDDDDD-Staße 2, 00000 DDDDDDDDDD")]
    for card in (broken, not_broken):  # the URL after the broken address is whole
        assert card.urls == [("", "http://some-webseite.com")]
        assert card.addresses == [("home", "AAAAAAA-AäAAAAA 11, Urt, 00000")]
    assert doctor.title == "Facharzt für Allgemeinmedizin"
    assert doctor.note == ("Sprechzeiten:\nMo   8–12, 15–18\nDi     8–12\nMi    8–12, 14–15\n"
                           "Do 14–19\nFr     8–12")
    assert (dentist.org, dentist.title) == ("", "Dentist")
    assert dentist.uid == "941b057d-e959-4644-b41f-e122b26c3807"


def test_outlook_anniversary_spouse_and_quoted_printable_note():
    card = only("outlook2007-21-ms-anniversary-spouse-qp-photo.vcf")
    assert card.name == "Mr. Michael Angstadt Jr."
    assert card.nicknames == ["Mike"]
    assert card.birthday == (1922, 3, 10)
    assert card.dates == [CardDate("anniversary", (2012, 8, 1))]
    assert card.relatives == [CardRelative("partner", "TheSpouse", "spouse")]
    assert card.note == (
        "This is the NOTE field\t\nI assume it encodes this text inside a NOTE vCard type.\n"
        "But I'm not sure because there's text formatting going on here.\n"
        "It does not preserve the formatting")
    assert card.addresses == [("work", "TheOffice, 222 Broadway, New York, NY 99999, USA")]
    assert card.org == "TheCompany, TheDepartment"
    assert card.emails == [("", "mike.angstadt@gmail.com")]
    assert "X-MS-MANAGER:TheManagerName" in card.extra
    assert "X-MS-ASSISTANT:TheAssistantName" in card.extra
    assert "LABEL;TYPE=WORK,PREF:222 Broadway\\nNew York, NY 99999\\nUSA" in card.extra
    assert "N;LANGUAGE=en-us:Angstadt;Michael;;Mr.;Jr." in card.extra
    key = next(line for line in card.extra if line.startswith("KEY"))
    assert key.startswith("KEY;TYPE=X509;ENCODING=b:MIIB/jCCAWug")  # 2.1's BASE64 as 3.0's
    assert key.endswith("zIDBOSyypTmzxC+JPmyn/8vZleIz8CYnwmfBEg==")
    design = next(line for line in card.extra if line.startswith("X-MS-OL-DESIGN"))
    assert design.startswith('X-MS-OL-DESIGN;CHARSET=utf-8:<card xmlns="http://schemas.micro')
    assert not any("X-MS-SPOUSE" in line or "ANNIVERSARY" in line for line in card.extra)


# --- Google and Apple, vCard 3.0 -------------------------------------------------------------


def test_google_dates_relatives_and_labels():
    card = only("google-30-xabdate-xabrelatednames-labels.vcf")
    assert (card.name, card.nicknames, card.birthday) == ("VCard Test", ["TheNickname"],
                                                          (1912, 6, 23))
    assert card.dates == [
        CardDate("anniversary", (1930, 3, 20)),
        CardDate("custom", (1776, 7, 4), ""),  # an X-ABDATE with no label
        CardDate("custom", (2000, 9, 12), "CustomDateCategory"),
    ]
    assert [(r.relation, r.name, r.label) for r in card.relatives] == [
        ("other", "Name1", ""), ("partner", "Name2", "spouse"), ("child", "Name3", "child"),
        ("parent", "Name4", "mother"), ("parent", "Name5", "father"),
        ("parent", "Name6", "parent"), ("sibling", "Name7", "brother"),
        ("sibling", "Name8", "sister"), ("other", "Name9", "friend"),
        ("other", "Name10", "RELATIVE"), ("other", "Name11", "manager"),
        ("other", "Name12", "assistant"), ("other", "Name13", "REFERRED_BY"),
        ("partner", "Name14", "partner"), ("partner", "Name15", "DOMESTIC_PARTNER"),
        ("other", "Name16", "CustomRelationCategory"),
    ]
    assert card.emails[-1] == ("CustomEmailCategory", "customcategory@example.com")
    assert [label for label, _ in card.phones] == [
        "", "home", "work", "", "cell", "main", "home fax", "work fax", "GRAND_CENTRAL",
        "pager", "CustomePhoneCategory"]
    assert card.urls == [
        ("", "http://www.example1.com"), ("PROFILE", "http://www.example2.com"),
        ("BLOG", "http://www.example3.com"), ("home page", "http://www.example4.com"),
        ("work", "http://www.example5.com"), ("CustomWebsiteCategory", "http://www.example6.com"),
    ]
    assert card.addresses[-1] == ("CustomAddressCategory", "115 Main St, NY, New York 10011")
    assert card.note == "note line 1\nnote line 2\nCustomField: field value"
    assert kept(card) == [
        "N:Test;VCard;;;", "X-PHONETIC-FIRST-NAME:ThePhoneticFirstName",
        "X-PHONETIC-LAST-NAME:ThePhoneticLastName", "X-GTALK:IM2", "X-AIM:IM3", "X-YAHOO:IM4",
        "X-SKYPE:IM5", "X-QQ:IM6", "X-MSN:IM7", "X-ICQ:IM8", "X-JABBER:IM9",
    ]


def test_gmail_spouse_anniversary_and_a_note_folded_over_eleven_lines():
    card = only("google-30-spouse-anniversary-folded-note.vcf")
    assert card.name == "Mr. John Richter, James Doe Sr."
    assert card.birthday == (1980, 3, 22)
    assert card.dates == [CardDate("anniversary", (1975, 3, 1))]
    assert card.relatives == [CardRelative("partner", "Jenny", "spouse")]
    assert card.note.startswith('THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND '
                                'CONTRIBUTORS "AS IS" AND ANY EXPRESS')
    assert "NOT LIMITED TO, THE IMPLIED" in card.note and "SERVICES; LOSS" in card.note
    assert card.note.endswith("POSSIBILITY OF SUCH DAMAGE.\nFavotire Color: Blue")
    assert card.addresses == [("home", "Crescent moon drive, 555-asd, Nice Area, Albaney, "
                                       "New York 12345, United States of America")]
    assert card.urls == [("work", "http://www.ibm.com")]
    assert card.extra[:2] == ["FN:Mr. John Richter, James Doe Sr.",
                              "N:Doe;John;Richter\\, James;Mr.;Sr."]


def test_iphone_export_with_cr_cr_lf_line_ends():
    card = only("apple-ios5-30-photo-cr-cr-lf.vcf")
    assert card.name == "Mr. John Richter James Doe Sr."
    assert card.birthday == (2012, 6, 6)
    assert card.phones == [
        ("cell", "905-555-1234"), ("home", "905-666-1234"), ("work", "905-777-1234"),
        ("home fax", "905-888-1234"), ("work fax", "905-999-1234"), ("pager", "905-111-1234"),
        ("assistant phone", "905-222-1234"),
    ]
    assert card.addresses == [
        ("home", "Silicon Alley 5, New York, New York 12345, United States of America"),
        ("work", "Street4, Building 6, Floor 8, New York, 12345, USA"),
    ]
    assert card.urls == [("home page", "http://www.ibm.com")]
    assert kept(card) == ["N:Doe;John;Richter,James;Mr.;Sr.", "item3.X-ABADR:Silicon Alley",
                          "item4.X-ABADR:Street 4, Building 6,\\n Floor 8\\nNew York\\nUSA"]


def test_apple_address_book_anniversary_and_related_names():
    card = only("apple-addressbook-30-xabdate-anniversary-relatednames.vcf")
    assert card.uid == "AFBB77B8-0438-4825-A1DB-A75D76B6C3A8"
    assert card.birthday == (1999, 3, 18)
    assert card.dates == [CardDate("anniversary", (1995, 5, 21))]
    assert card.relatives == [CardRelative("other", "Aho Sak", "friend"),
                              CardRelative("other", "Sanma", "assistant")]
    assert card.note == "Many customer fields are added"
    assert card.urls == [("home page", "http://www.example.com/~magic")]
    assert kept(card) == ["N:Here;Custom;Fields;All;", "item1.X-ABADR:us",
                          "X-AIM;type=WORK;type=pref:custom@example.com"]


def test_apple_company_card():
    card = only("apple-addressbook-30-company-photo-umlaut.vcf")
    assert (card.name, card.org) == ("Apple Computer AG", "Apple Computer AG")
    assert card.addresses == [("work", "Birgistrasse 4a, Wallisellen-Zürich, 8304, Switzerland")]
    assert card.urls == [("home page", "http://www.apple.ch")]
    assert kept(card) == ["N:;;;;", "item1.X-ABADR:ch", "X-ABShowAs:COMPANY",
                          "X-ABUID:2E4CB084-4767-4C85-BBCA-805B1DCB1C8E\\:ABPerson"]


def test_cardbook_1604_without_the_apple_parameter_is_a_year_less_birthday():
    card = only("cardbook-30-bday-1604-year-placeholder.vcf")
    assert card.name == "Test bday without year Thunderbird CardBook"
    assert card.birthday == (None, 1, 1)


def test_davx5_all_fields():
    card = only("davx5-30-allfields-related-anniversary-xabdate.vcf")
    assert card.name == "Ämi Display"
    assert card.nicknames == ["Nick1", "Nick2"]
    assert card.birthday == (1996, 4, 15)  # BDAY:1996-04-15T201243+04:00
    assert card.dates == [CardDate("anniversary", (2014, 8, 12)),
                          CardDate("custom", (2021, 7, 29), "Custom Date")]  # X-ABDate
    assert card.relatives == [CardRelative("other", "Ägidius", "co-worker, crush")]
    assert card.phones == [("Useless", "+49 1234 56788"), ("fax aunt", "+1-800-MYFAX")]
    assert card.emails == [("home", "private@example.com"), ("@work", "work@example.com")]
    assert card.addresses == [
        ("work", "6544 Battleford Drive, Raleigh, NC 27613-3502, U.S.A."),
        ("Monkey Tree", "Postfach 314, vorne hinten, Teststraße 22, Mönchspfaffingen, 4043, "
                        "Klöster-Reich"),
    ]
    assert card.org == "ABC, Inc., North American Division, Marketing"
    assert card.title == "Director, Research and Development"
    assert card.note == ("This fax number is operational 0800 to 1715 EST, Mon-Fri.\n"
                         "Second note")
    assert card.categories == ["A", "B'C"]
    assert card.urls[1] == ("blog", "http://www.swbyps.restaurant.french/~chezchic.html")
    # A RELATED that is a URI can't be a relative: it is kept for the export instead.
    assert "RELATED;TYPE=parent;VALUE=uri:muuum@example.com" in card.extra
    assert "X-TEST;A=B:Value" in card.extra
    assert "personalIM.X-ABLabel:MyIM" in card.extra  # its IMPP is kept, so its label is too
    assert "X-PHONETIC-FIRST-NAME;CHARSET=UTF-8:Förstnehm" in card.extra  # as written


def test_davx5_extended_year_less_birthday():
    assert only("davx5-40-bday-no-year-extended-format.vcf").birthday == (None, 4, 16)


def test_owncloud_folds_inside_multi_byte_characters():
    greek = only("owncloud-30-greek-bopomofo-cyrillic-folded-inside-utf8.vcf")
    assert greek.name == "βγδεαβγδ1" * 11
    assert greek.note == ("Длинный комментарий на русском языке, чтобы в результате получилась "
                          "строка более 70 символов.")
    assert kept(greek) == ["N:123ㄓㄕㄖbcde" + "αβγδ" * 6 + "αβㄤㄓㄕㄖ;;;;"]
    assert greek.uid == "20140316T155019.877e370c11@martin"


def test_utf16_big_endian_without_a_byte_order_mark():
    card = only("utf16be-no-bom-30.vcf")
    assert card.name == "Ǽgean ĽdaMonté"
    assert card.addresses == [("work", "169 Mária Canal, LaPaz, Conceptión 245-876, Perú")]
    assert kept(card) == ["N:ĽdaMonté;Ǽgean;;;", "item1.X-ABADR:us",
                          "X-ABUID:DC88726E-3E31-4B75-AEB5-C51BC6326779\\:ABPerson"]


# --- RFC 6350, vCard 4.0 ---------------------------------------------------------------------


def test_rfc6350_examples():
    cards, skipped = read("rfc6350-40-examples-multi-bday-anniversary-related.vcf")
    assert [c.name for c in cards] == ["Taro Yamada", "jdoe@example.com", "john@example.com",
                                       "J. Doe", "J. Doe", "John Doe", "Simon Perreault"]
    assert [s.reason for s in skipped] == ["a contact group (KIND:group), not a person"] * 2
    first = cards[0]  # no FN: the first N names it
    assert first.birthday == (1996, 4, 15)
    assert first.relatives == [CardRelative(
        "other", "Please contact my assistant Jane Doe for any inquiries.", "co-worker")]
    assert "RELATED;TYPE=friend:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6" in first.extra
    assert "RELATED;TYPE=contact:http://example.com/directory/jdoe.vcf" in first.extra
    assert first.phones == [("home", "+1-555-555-5555;ext=5555"), ("home", "+33-01-23-45-67"),
                            ("", "+1-555-555-5555")]
    assert first.categories == ["TRAVEL AGENT", "INTERNET", "IETF", "INDUSTRY",
                                "INFORMATION TECHNOLOGY"]
    assert first.addresses == [("", "123 Main Street, Any Town, CA 91921-1234, U.S.A.")]
    for kept in ("IMPP;PREF=1:xmpp:alice@example.com", "GEO:geo:37.386013,-122.082932",
                 "TZ;VALUE=utc-offset:-0500", "GENDER:;it's complicated",
                 "SOURCE:http://directory.example.com/addressbooks/jdoe/Jean%20Dupont.vcf"):
        assert kept in first.extra
    assert not any(line.startswith(("PRODID", "BDAY")) for line in first.extra)
    assert [line[:33] for line in first.extra if IMAGE.match(line)] == [
        "PHOTO:data:image/jpeg;base64,MIIC", "LOGO:http://www.example.com/pub/l"]
    simon = cards[-1]
    assert simon.birthday == (None, 2, 3)
    assert simon.dates == [CardDate("anniversary", (2009, 8, 8))]  # 20090808T1430-0500
    assert simon.phones == [("work", "+1-418-656-9254;ext=102"),
                            ("work cell video text", "+1-418-262-6501")]
    assert simon.addresses == [("work", "Suite D2-630, 2875 Laurier, Quebec, QC G1V 2M2, Canada")]


# --- malformed files -------------------------------------------------------------------------


def test_garbage_prefixed_lines_skip_the_card_with_its_line():
    cards, skipped = read("malformed-garbage-prefixed-lines.vcf")
    assert cards == []
    assert skipped == [Skipped("line 1", '"--BEGIN:VCARD" and 11 more lines outside any card '
                                         "(no BEGIN:VCARD before)")]


def test_nested_cards_skip_the_parent_and_read_the_inner_ones():
    cards, skipped = read("malformed-nested-vcard.vcf")
    assert [(c.name, c.line) for c in cards] == [("nest1", 4), ("nest2", 8)]
    assert skipped == [Skipped("line 1", "another card begins inside this one (line 4); that "
                                         "card was read alone")]


def test_a_control_character_is_dropped_and_the_card_kept():
    card = only("malformed-control-char-plus-group-card.vcf")
    assert card.name == "HiAscii Śuterry"
    assert card.note == "Illegal control here -><-"
    assert card.addresses == [("work", "1 ïlena, Paris, Paris 77777, France")]
    assert card.uid == "44EE78BF-8814-4471-899C-92280CEFB098:ABPerson"


def test_cards_without_n_or_fn_are_named_by_their_email():
    cards, _ = read("malformed-missing-n-and-fn-multi.vcf")
    assert [(c.name, c.uid, c.line) for c in cards] == [
        ("test-misses-N-or-FN@example.com", "C68582D2-2E60-0001-C2C0-000000000000.vcf", 1),
        ("test-misses-N-or-FN@example1.com", "C68582D2-2E60-0001-C2C0-000000000001.vcf", 9),
    ]
    assert kept(cards[0]) == ["X-MOZILLA-HTML:FALSE",
                              "X-RADICALE-NAME:C68582D2-2E60-0001-C2C0-000000000000.vcf"]


def test_one_broken_card_is_skipped_with_its_line_and_the_rest_imports(tmp_path):
    path = write(tmp_path, *card_lines("FN:Ada"), *card_lines("FN:Broken", "this is no line"),
                 *card_lines("TEL:123"), *card_lines("FN:Grace"))
    cards, skipped = read_cards(path)
    assert [c.name for c in cards] == ["Ada", "Grace"]
    assert skipped == [
        Skipped("line 5", 'line 8 of this card can\'t be read: "this is no line"'),
        Skipped("line 10", "no name: the card has no FN, N, ORG or EMAIL"),
    ]


def test_a_card_cut_short_is_skipped(tmp_path):
    path = write(tmp_path, *card_lines("FN:Ada"), "BEGIN:VCARD", "VERSION:3.0", "FN:Cut")
    cards, skipped = read_cards(path)
    assert [c.name for c in cards] == ["Ada"]
    assert skipped == [Skipped("line 5", "this card has no END:VCARD (the file may be cut "
                                         "short)")]


def test_an_agent_card_inside_a_2_1_card_belongs_to_it(tmp_path):
    path = write(tmp_path, "BEGIN:VCARD", "VERSION:2.1", "N:Boss;Big", "AGENT:", "BEGIN:VCARD",
                 "VERSION:2.1", "N:Friday;Girl", "END:VCARD", "TEL:1", "END:VCARD")
    cards, skipped = read_cards(path)
    assert [c.name for c in cards] == ["Big Boss"] and skipped == []
    assert cards[0].phones == [("", "1")]


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "omit", "expected"), [
    ("1980-03-22", "", (1980, 3, 22)),
    ("19800322", "", (1980, 3, 22)),
    ("1953-10-15T23:10:00Z", "", (1953, 10, 15)),
    ("19531015T231000Z", "", (1953, 10, 15)),
    ("1996-04-15T201243+04:00", "", (1996, 4, 15)),
    ("20090808T1430-0500", "", (2009, 8, 8)),
    ("--0415", "", (None, 4, 15)),
    ("--04-15", "", (None, 4, 15)),
    ("0000-04-15", "", (None, 4, 15)),
    ("1604-05-09", "1604", (None, 5, 9)),
    ("16040105", "1604", (None, 1, 5)),
    ("1604-05-09", "", (None, 5, 9)),
    ("1900-05-01", "1900", (None, 5, 1)),
    ("1900-05-01", "", (1900, 5, 1)),
    ("--0229", "", (None, 2, 29)),
    ("--02-29", "", (None, 2, 29)),
    ("1604-02-29", "1604", (None, 2, 29)),
    ("2000-02-29", "", (2000, 2, 29)),
    ("1900-02-29", "", None),  # 1900 was not a leap year
    ("--0230", "", None),
    ("1999-13-01", "", None),
    ("circa 1800", "", None),
    ("--04", "", None),
    ("---15", "", None),
    ("1985", "", None),
    ("", "", None),
])
def test_read_date(text, omit, expected):
    assert read_date(text, omit) == expected


def test_dates_in_every_property_and_parameter(tmp_path):
    path = write(tmp_path, *card_lines(
        "FN:Ada",
        "BDAY;X-APPLE-OMIT-YEAR=1604;VALUE=date:1604-02-29",
        "X-ANNIVERSARY:1835-07-08",
        "item1.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-06-01",
        "item1.X-ABLabel:name day",
        "item2.X-ABDATE:2001-09-10",
        "item2.X-ABLabel:_$!<Anniversary>!$_",
        "item3.X-ABDATE:1990-01-02",
        "item3.X-ABLabel:_$!<Other>!$_",
        "X-MS-ANNIVERSARY:20120801",
        "ANNIVERSARY:1835-07-08",  # the same date twice is one date
    ))
    card = read_cards(path)[0][0]
    assert card.birthday == (None, 2, 29)
    assert card.dates == [
        CardDate("anniversary", (1835, 7, 8)), CardDate("custom", (None, 6, 1), "name day"),
        CardDate("anniversary", (2001, 9, 10)), CardDate("custom", (1990, 1, 2), "other"),
        CardDate("anniversary", (2012, 8, 1)),
    ]
    assert kept(card) == []


def test_a_birthday_that_is_not_a_date_skips_the_field_and_keeps_the_card(tmp_path):
    path = write(tmp_path, *card_lines("FN:Old One", "BDAY;VALUE=text:circa 1800",
                                       "ANNIVERSARY:1900-02-29", version="4.0"))
    cards, skipped = read_cards(path)
    assert [c.name for c in cards] == ["Old One"]
    assert (cards[0].birthday, cards[0].dates) == (None, [])
    assert skipped == [
        Skipped("line 5", 'ANNIVERSARY "1900-02-29" is not a date; the card was read without it'),
        Skipped("line 4", 'BDAY "circa 1800" is not a date; the card was read without it'),
    ]


def test_the_first_readable_birthday_wins(tmp_path):
    path = write(tmp_path, *card_lines("FN:Ada", "BDAY;VALUE=text:circa 1800", "BDAY:--1210"))
    cards, skipped = read_cards(path)
    assert cards[0].birthday == (None, 12, 10) and skipped == []


# --- family ----------------------------------------------------------------------------------


def test_related_types_and_values(tmp_path):
    path = write(tmp_path, *card_lines(
        "FN:Ada",
        "RELATED;TYPE=spouse;VALUE=text:William King",
        "RELATED;TYPE=child;VALUE=text:Byron",
        "RELATED;TYPE=parent;VALUE=text:Annabella",
        "RELATED;TYPE=sibling;VALUE=text:Medora",
        "RELATED;TYPE=co-worker;VALUE=text:Charles Babbage",
        "RELATED;TYPE=\"kin,child\";VALUE=text:Anne",
        "RELATED;TYPE=spouse:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af",
        "RELATED;TYPE=friend:Mary Somerville",  # no VALUE and not a URI: a name
        "X-EVOLUTION-SPOUSE:Will",
        version="4.0"))
    card = read_cards(path)[0][0]
    assert [(r.relation, r.name, r.label) for r in card.relatives] == [
        ("partner", "William King", "spouse"), ("child", "Byron", "child"),
        ("parent", "Annabella", "parent"), ("sibling", "Medora", "sibling"),
        ("other", "Charles Babbage", "co-worker"), ("child", "Anne", "kin, child"),
        ("other", "Mary Somerville", "friend"), ("partner", "Will", "spouse"),
    ]
    assert kept(card) == ["RELATED;TYPE=spouse:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af"]


@pytest.mark.parametrize(("label", "expected"), [
    ("_$!<HomePage>!$_", "home page"), ("_$!<Home>!$_", "home"), ("_$!<Spouse>!$_", "spouse"),
    ("_$!<AssistantPhone>!$_", "assistant phone"), ("Custom Date", "Custom Date"),
    ("GRAND_CENTRAL", "GRAND_CENTRAL"),
])
def test_apple_labels(label, expected):
    assert apple_label(label) == expected


def test_apple_item_labels_on_fields(tmp_path):
    path = write(tmp_path, *card_lines(
        "FN:Ada", "item1.EMAIL;type=INTERNET:ada@example.org", "item1.X-ABLabel:_$!<Home>!$_",
        "item2.TEL:123", "ITEM2.X-ABLABEL:Lab", "item3.X-SOCIAL:ada", "item3.X-ABLabel:Mastodon"))
    card = read_cards(path)[0][0]
    assert card.emails == [("home", "ada@example.org")]
    assert card.phones == [("Lab", "123")]
    assert kept(card) == ["item3.X-SOCIAL:ada", "item3.X-ABLabel:Mastodon"]


# --- bytes, encodings, folders ---------------------------------------------------------------


def test_extras_are_kept_unfolded_and_as_written(tmp_path):
    path = write(tmp_path, *card_lines(
        "FN:Ada", "X-CUSTOM;X-P=\"a;b:c\":first part", " and the rest\\, escaped", "IMPP:xmpp:a@b",
        "PHOTO;ENCODING=b;TYPE=JPEG:AAAA", " BBBB", "GEO:geo:1,2", "TZ:-0500", "CLASS:PRIVATE"))
    card = read_cards(path)[0][0]
    assert card.extra[1:] == ['X-CUSTOM;X-P="a;b:c":first partand the rest\\, escaped',
                              "IMPP:xmpp:a@b", "PHOTO;ENCODING=b;TYPE=JPEG:AAAABBBB",
                              "GEO:geo:1,2", "TZ:-0500", "CLASS:PRIVATE"]
    assert [line.raw for line in card.extra[1:4]] == [
        'X-CUSTOM;X-P="a;b:c":first part\r\n and the rest\\, escaped\r\n', "IMPP:xmpp:a@b\r\n",
        "PHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\n BBBB\r\n"]  # as in the file, folds and all


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r", "\r\r\n"])
def test_any_line_end(tmp_path, end):
    path = write(tmp_path, *card_lines("FN:Ada", "NOTE:one", " two"), *card_lines("FN:Grace"),
                 end=end)
    cards, skipped = read_cards(path)
    assert [(c.name, c.note, c.line) for c in cards] == [("Ada", "onetwo", 1), ("Grace", "", 7)]
    assert skipped == []


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_file_encodings(tmp_path, encoding):
    path = tmp_path / "t.vcf"
    path.write_bytes("\r\n".join(card_lines("FN:Zoë Ñúñez")).encode(encoding))
    assert [c.name for c in read_cards(path)[0]] == ["Zoë Ñúñez"]


def test_8_bit_text_without_a_charset_is_read_as_windows_latin(tmp_path):
    path = tmp_path / "t.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jos\xe9 M\xfcller\r\n"
                     b"NOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:caf=E9\r\nEND:VCARD\r\n")
    card = read_cards(path)[0][0]
    assert (card.name, card.note) == ("José Müller", "café")


def test_a_fold_inside_a_utf8_character(tmp_path):
    raw = "FN:Zoë".encode()
    path = tmp_path / "t.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:4.0\r\n" + raw[:-1] + b"\r\n " + raw[-1:]
                     + b"\r\nEND:VCARD\r\n")
    assert read_cards(path)[0][0].name == "Zoë"


def test_a_folder_of_vcards(tmp_path):
    write(tmp_path, *card_lines("FN:Grace"), name="b.vcf")
    write(tmp_path, *card_lines("FN:Ada"), *card_lines("NOTE:no name"), name="a.VCF")
    (tmp_path / "empty.vcf").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("BEGIN:VCARD\nFN:Not Me\nEND:VCARD\n")
    (tmp_path / "sub.vcf").mkdir()
    cards, skipped = read_cards(tmp_path)
    assert [c.name for c in cards] == ["Ada", "Grace"]
    assert skipped == [
        Skipped("a.VCF, line 5", "no name: the card has no FN, N, ORG or EMAIL"),
        Skipped("empty.vcf", "there is no vCard in this file"),
    ]


def test_an_empty_folder_has_no_cards(tmp_path):
    assert read_cards(tmp_path) == ([], [])


def test_a_missing_file_or_another_format_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        read_cards(tmp_path / "nope.vcf")
    other = tmp_path / "x.vcf"
    other.write_text("name,email\nAda,ada@example.org\n")
    with pytest.raises(UserError, match="not a vCard file"):
        read_cards(other)


def test_read_bytes_reads_one_file_in_memory():
    cards, skipped = read_bytes(b"BEGIN:VCARD\nVERSION:4.0\nFN:Ada\nEND:VCARD\n")
    assert [c.name for c in cards] == ["Ada"] and skipped == []
