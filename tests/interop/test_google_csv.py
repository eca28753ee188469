"""Google Contacts CSV: both real fixtures (tests/fixtures/google-csv, see SOURCES.md there),
the current header with Event and Relation columns, encodings, broken rows and non-CSV files.

No real current-header file with "Event N" or "Relation N" columns exists in any public
repository (see the fixtures' SOURCES.md, "Could not find"), so the test that covers them
writes one itself, in the shape Google's export uses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connecttui.core.errors import UserError
from connecttui.core.store.models import Contact, ContactField, FamilyMember, Occasion
from connecttui.interop import google_csv, importing
from connecttui.interop.card import CardDate, CardRelative, Skipped

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "google-csv"
LEGACY = FIXTURES / "google-legacy-header-birthday-relation-groups.csv"
CURRENT = FIXTURES / "google-current-header-labels-triple-colon.csv"


def write(tmp_path: Path, text: str, name: str = "contacts.csv", encoding: str = "utf-8",
          ) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- the legacy header (Roundcube's test file in Google's format) --------------------------


def test_legacy_header_reads_every_field():
    cards, skipped = google_csv.read_cards(LEGACY)
    assert skipped == []
    assert len(cards) == 1
    card = cards[0]
    assert card.name == "Prefix Firstname Middle Lastname Suffix"
    assert card.nicknames == ["nick"]
    assert card.birthday == (1975, 12, 12)
    # "* Home" is the starred one: the star is dropped; an empty type stays empty.
    assert card.emails == [
        ("home", "home@aaa.pl"), ("work", "work@email.pl"), ("", "unknown@email.com"),
        ("other", "other@email.com"),
    ]
    assert card.phones == [
        ("pager", "pager"), ("main", "mainphone"), ("home", "homephone"),
        ("home fax", "homefax"), ("cell", "mobile"), ("work", "workphone"),
        ("work fax", "workfax"),
    ]
    # The multi-line quoted "Address N - Formatted" becomes one line.
    assert card.addresses == [
        ("home", "home_street, home_pobox, home_city, home_state home_zip, home_country"),
        ("work", "work_street, work_city work_zip, work_country"),
    ]
    assert (card.org, card.title) == ("company", "jobtitle")
    assert card.urls == [("profile", "test.com"), ("home page", "home.page.com")]
    assert card.note == 'note"note'  # the doubled quote is one quote
    assert card.categories == ["Test"]  # "* My Contacts" is on everyone: dropped
    assert card.relatives == [CardRelative("partner", "spouse", "Spouse")]
    assert card.dates == [] and card.uid == ""
    assert card.line == 2


# --- the current header (helix-crm's generated 44 contacts) -------------------------------


def test_current_header_reads_all_44_contacts():
    cards, skipped = google_csv.read_cards(CURRENT)
    assert skipped == []
    assert len(cards) == 44
    names = [card.name for card in cards]
    assert names[:3] == ["Sarah Mitchell", "James Whitfield", "Amy Brewer"]
    assert names[-1] == "Rachel Johnson"
    # Leading and trailing spaces are gone ("Thomas  ", "  Stephanie", "Harris  ").
    assert "Thomas Nguyen" in names and "Stephanie Price" in names
    assert "Renee Harris" in names
    assert all(name == " ".join(name.split()) for name in names)
    # Every row has an email; none keeps Google's system group.
    assert all(card.emails for card in cards)
    assert not any("myContacts" in card.categories for card in cards)


def test_current_header_first_row_exactly():
    sarah = google_csv.read_cards(CURRENT)[0][0]
    assert sarah.name == "Sarah Mitchell"
    assert sarah.emails == [("home", "sarah.mitchell83@gmail.example")]
    # "Phone 2 - Label" is Work but its value is empty: no phone for it.
    assert sarah.phones == [("cell", "801.555.0142")]
    assert sarah.addresses == [("home", "2084 W 900 East, St. George, UT")]
    assert (sarah.org, sarah.title) == ("Sandy Landscape Co", "")
    assert sarah.categories == ["Suppliers"]
    assert sarah.birthday is None and sarah.note == "" and sarah.nicknames == []


def test_current_header_renee_and_an_address_built_from_its_parts():
    cards = {card.name: card for card in google_csv.read_cards(CURRENT)[0]}
    renee = cards["Renée Whitaker"]
    assert renee.emails == [("work", "renee.whitaker@icloud.example")]
    assert renee.phones == [("cell", "801-555-7546 ext 3"), ("", "385.555.3749")]
    assert (renee.org, renee.title) == ("Pleasant Grove Fencing", "Office Manager")
    # Her "Address 1 - Formatted" is empty: the street, city, region, code and country are used.
    assert renee.addresses == [("home", "426 W Foothill Dr, Cedar City, UT 84380, United States")]
    assert renee.categories == []


def test_current_header_labels_notes_and_quotes():
    cards = {card.name: card for card in google_csv.read_cards(CURRENT)[0]}
    assert cards["Betty Carter"].categories == ["Customers"]
    assert cards["Barbara Hill"].categories == []  # "* myContacts" alone
    assert cards["Edward Ward"].note == 'Called twice, no answer. "Ask for Dave" at the shop.'
    assert cards["James Whitfield"].note == "Existing customer, renewing service"
    assert cards["James Whitfield"].phones == [("cell", "8015550163"), ("work", "435-555-0321")]


# --- the current header with Event N and Relation N (written here: no real one exists) -----

CURRENT_WITH_EVENTS = (
    # Columns deliberately out of Google's order: they are found by name.
    "Labels,Last Name,First Name,Middle Name,Nickname,Birthday,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Organization Name,Organization Title,Notes,"
    "Event 1 - Label,Event 1 - Value,Event 2 - Label,Event 2 - Value,"
    "Relation 1 - Label,Relation 1 - Value,Relation 2 - Label,Relation 2 - Value,"
    "Relation 3 - Label,Relation 3 - Value,Relation 4 - Label,Relation 4 - Value,"
    "Relation 5 - Label,Relation 5 - Value,Website 1 - Label,Website 1 - Value\n"
    "* myContacts ::: Family ::: Book club,Lovelace,Ada,,Countess ::: Ada, --02-29,"
    "Home,ada@home.example ::: ada@old.example,* Work,ada@work.example,"
    "Mobile,+44 20 7946 0018,Analytical Engines,Analyst,\"first line\nsecond line\","
    "Anniversary,1835-07-08,Graduation, --09-01,"
    "* Spouse,William King,Son,Byron ::: Ralph,Mother,Anne Isabella,Sister,Augusta,"
    "Manager,Charles Babbage,Blog,https://ada.example\n"
)


def test_current_header_with_events_relations_and_multiple_values(tmp_path):
    cards, skipped = google_csv.read_cards(write(tmp_path, CURRENT_WITH_EVENTS))
    assert skipped == []
    [ada] = cards
    assert ada.name == "Ada Lovelace"
    assert ada.nicknames == ["Countess", "Ada"]
    assert ada.birthday == (None, 2, 29)  # " --02-29": year-less Feb 29
    # " ::: " splits one cell into several emails; the starred Work one comes first.
    assert ada.emails == [
        ("work", "ada@work.example"), ("home", "ada@home.example"), ("home", "ada@old.example"),
    ]
    assert ada.phones == [("cell", "+44 20 7946 0018")]
    assert (ada.org, ada.title) == ("Analytical Engines", "Analyst")
    assert ada.note == "first line\nsecond line"
    assert ada.categories == ["Family", "Book club"]
    assert ada.dates == [
        CardDate("anniversary", (1835, 7, 8)), CardDate("custom", (None, 9, 1), "Graduation"),
    ]
    assert ada.relatives == [
        CardRelative("partner", "William King", "Spouse"),
        CardRelative("child", "Byron", "Son"), CardRelative("child", "Ralph", "Son"),
        CardRelative("parent", "Anne Isabella", "Mother"),
        CardRelative("sibling", "Augusta", "Sister"),
        CardRelative("other", "Charles Babbage", "Manager"),
    ]
    assert ada.urls == [("blog", "https://ada.example")]  # a standard label, lower-cased


@pytest.mark.parametrize(("birthday", "expected"), [
    ("1975-12-12", (1975, 12, 12)),
    (" --02-29", (None, 2, 29)),
    ("--12-31", (None, 12, 31)),
])
def test_birthday_forms(tmp_path, birthday, expected):
    text = f"First Name,Birthday\nAda,{birthday}\n"
    [card] = google_csv.read_cards(write(tmp_path, text))[0]
    assert card.birthday == expected


def test_a_legacy_year_less_feb_29(tmp_path):
    text = "Name,Given Name,Family Name,Birthday,Group Membership\n" \
        "Ada Lovelace,Ada,Lovelace, --02-29,* My Contacts ::: System Group: Friends\n"
    [card] = google_csv.read_cards(write(tmp_path, text))[0]
    assert card.birthday == (None, 2, 29)
    assert card.categories == ["Friends"]


# --- names that are missing, rows that are broken -----------------------------------------


def test_name_falls_back_to_organisation_then_email(tmp_path):
    text = ("First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value\n"
            ",,Acme Ltd,,\n"
            ",,,* Work,someone@example.org\n")
    cards, skipped = google_csv.read_cards(write(tmp_path, text))
    assert [card.name for card in cards] == ["Acme Ltd", "someone@example.org"]
    assert cards[0].org == "Acme Ltd" and skipped == []


def test_broken_rows_are_skipped_and_the_rest_is_read(tmp_path):
    text = (
        "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Birthday\n"
        "Ada,Lovelace,ada@example.org,,\n"             # row 2
        '"Char"les,Babbage,cb@example.org,,\n'         # row 3: text after a closing quote
        ",,,+44 20 7946 0000,\n"                       # row 4: a phone and nothing else
        "Mary,Somerville,ms@example.org,,\n"           # row 5
        "Bad,Comma,x@example.org,1,2,extra\n"          # row 6: more fields than the header
        "\n"                                           # a blank line is not a row
        "Anne,Isabella,ai@example.org,,31st of Smarch\n"  # row 7: the birthday can't be read
    )
    cards, skipped = google_csv.read_cards(write(tmp_path, text))
    assert [card.name for card in cards] == ["Ada Lovelace", "Mary Somerville", "Anne Isabella"]
    assert [s.where for s in skipped] == [
        "row 3", "row 4", "row 6", "row 7 (Anne Isabella), Birthday",
    ]
    assert "quoting is broken" in skipped[0].reason
    assert skipped[1] == Skipped("row 4", "no name")
    assert "has 6 fields where the header has 5" in skipped[2].reason
    assert "31st of Smarch" in skipped[3].reason and cards[2].birthday is None
    assert cards[0].line == 2 and cards[2].line == 8


def test_a_quote_never_closed_is_reported(tmp_path):
    text = 'First Name,Notes\nAda,fine\nMary,"starts here\nand never ends\n'
    cards, skipped = google_csv.read_cards(write(tmp_path, text))
    assert [card.name for card in cards] == ["Ada"]
    assert len(skipped) == 1 and skipped[0].where == "row 3"
    assert "never closed" in skipped[0].reason and "line 3" in skipped[0].reason


# --- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings(tmp_path, encoding):
    text = "First Name,Last Name,Notes\r\nRenée,Whitaker,café crème\r\n"
    cards, skipped = google_csv.read_cards(write(tmp_path, text, encoding=encoding))
    assert skipped == []
    assert [(card.name, card.note) for card in cards] == [("Renée Whitaker", "café crème")]


# --- files that are not Google CSV at all --------------------------------------------------


@pytest.mark.parametrize("content", [
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    b"",
    b"id,amount,currency\n1,10,EUR\n",
])
def test_a_file_that_is_not_a_google_csv_is_refused(tmp_path, content):
    path = tmp_path / "contacts.csv"
    path.write_bytes(content)
    with pytest.raises(UserError, match="not a Google Contacts CSV"):
        google_csv.read_cards(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        google_csv.read_cards(tmp_path / "nope.csv")


# --- end to end: import each fixture twice ------------------------------------------------


def counts() -> tuple[int, int, int, int]:
    return (Contact.select().count(), ContactField.select().count(),
            Occasion.select().count(), FamilyMember.select().count())


@pytest.mark.parametrize(("path", "people"), [(LEGACY, 1), (CURRENT, 44)])
def test_importing_a_fixture_twice_adds_nothing_the_second_time(db, path, people):
    first = importing.import_path(path)
    assert first.fmt == "google-csv"
    assert len(first.added) == people and first.skipped == []
    after_first = counts()
    assert after_first[0] == people
    second = importing.import_path(path)
    assert second.added == [] and len(second.merged) == people
    assert second.unchanged == people
    assert counts() == after_first


def test_imported_legacy_contact_has_its_birthday_and_spouse(db):
    importing.import_path(LEGACY)
    contact = Contact.get()
    assert contact.name == "Prefix Firstname Middle Lastname Suffix"
    assert [(o.kind, o.year, o.month, o.day) for o in Occasion.select()] == [
        ("birthday", 1975, 12, 12)]
    assert [(m.relation, m.name) for m in FamilyMember.select()] == [("partner", "spouse")]
    assert contact.tags == "Test"
