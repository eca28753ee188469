"""Monica 4.x JSON export.

No Monica export with an open licence exists in any public repository, so the test data
(tests/fixtures/monica/monica-4x-export-built-from-format.json) was BUILT BY HAND from the
format of monicahq/monica branch 4.x: `app/Services/Account/Settings/JsonExportAccount.php`
(the top level: version, app_version, export_date, url, exported_by, account) and the classes
in `app/ExportResources` (Account, Contact, SpecialDate, ContactField, ContactFieldType,
Address, Note, Call, Gift, Conversation, Message, Reminder, Activity, ActivityType,
Relationship, User, Gender; collections as {"count", "type", "values"}, an activity
collection in a contact as a list of uuids). It is not a real export: the people are
historical figures, the uuids are made up, and two contacts are broken on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest

from connecttui.core.errors import UserError
from connecttui.core.store.models import (
    Contact,
    ContactField,
    FamilyMember,
    Gift,
    Occasion,
    Touch,
    TouchContact,
)
from connecttui.interop import importing, monica, monica_card
from connecttui.interop.card import CardDate, CardGift, CardRelative, CardTouch, Skipped

EXPORT = (Path(__file__).resolve().parents[1] / "fixtures" / "monica"
          / "monica-4x-export-built-from-format.json")


@pytest.fixture(scope="module")
def read():
    cards, skipped = monica.read_cards(EXPORT)
    return {card.name: card for card in cards}, [card.name for card in cards], skipped


def test_contacts_in_file_order_without_you_partial_relatives_or_broken_ones(read):
    _, names, _ = read
    # Sam Carter is the account's own "me" contact; Byron King is a partial contact (a
    # relative known only by name); contacts 7 and 8 are broken.
    assert names == ["Ada Lovelace", "William King", "Charles Babbage", "Mary Somerville"]


def test_what_was_skipped_and_why(read):
    skipped = read[2]
    assert skipped == [
        Skipped("contact 1", "it is your own contact in Monica (you)"),
        Skipped("contact 3 (William King), relationship (sibling)",
                "the other contact is not in the file; the rest was read"),
        Skipped("contact 6 (Mary Somerville), birthdate",
                '"sometime in December" is not a date; the rest was read'),
        Skipped("contact 6 (Mary Somerville), contact field 2",
                'its type is unknown, so "mary.somerville" was not read'),
        Skipped("contact 6 (Mary Somerville), gift 1",
                'its status "lost" is not idea, offered or received; the rest was read'),
        Skipped("contact 7", "it is not a Monica contact record"),
        Skipped("contact 8", "no name"),
    ]


def test_a_full_contact(read):
    ada = read[0]["Ada Lovelace"]
    assert ada.uid == "c0000000-0000-4000-8000-000000000002"
    assert ada.nicknames == ["Countess"]
    assert (ada.org, ada.title) == ("Analytical Engine Society", "Analyst")
    assert ada.categories == ["Family", "Book club"]
    assert ada.window_days == 30
    assert ada.birthday == (1815, 12, 10)
    assert ada.dates == [CardDate("custom", (None, 6, 5), "first met")]  # year unknown
    assert ada.met_through == "Mary Somerville"
    assert ada.how_met == ""  # the 4.x export does not carry it
    assert ada.emails == [("", "ada@example.org")]
    assert ada.phones == [("", "+44 20 7946 0001")]
    assert ada.urls == [("Twitter", "adalovelace")]
    assert ada.addresses == [("Home", "12 St James's Square, London, Greater London SW1Y 4JH, GB")]
    assert ada.note == (
        "Writes the best notes on anything.\n\nFood preferences: No shellfish\n\n"
        "Loves poetry as much as numbers.\n\nAsk about the Bernoulli numbers."
    )


def test_relationships_become_relatives(read):
    cards = read[0]
    assert cards["Ada Lovelace"].relatives == [
        CardRelative("partner", "William King", "spouse"),
        CardRelative("child", "Byron King", "child"),  # a partial contact: a name only
        CardRelative("other", "Charles Babbage", "colleague"),
    ]
    assert cards["William King"].relatives == [CardRelative("partner", "Ada Lovelace", "spouse")]
    assert cards["Charles Babbage"].relatives == [
        CardRelative("other", "Ada Lovelace", "colleague")]


def test_activities_calls_and_conversations_become_touches(read):
    cards = read[0]
    assert cards["Ada Lovelace"].touches == [
        CardTouch("2026-09-28", "together", "Walk in Hyde Park", "out", []),
        CardTouch("2026-10-30", "call", "She rang about the engine tables.", "in"),
        CardTouch("2026-09-11", "call", "", "out"),
        CardTouch("2026-08-02", "message", "Did the tables print?\nThey did, all of them.", "in"),
    ]
    # The demonstration was shared by Ada and Charles: it is on the last of them only,
    # with the other one named, so it is logged once.
    assert cards["Charles Babbage"].touches == [
        CardTouch("2026-06-13", "together",
                  "Demonstration of the Difference Engine\nTea afterwards at the Society.",
                  "out", ["Ada Lovelace"]),
    ]


def test_gifts(read):
    cards = read[0]
    assert cards["Ada Lovelace"].gifts == [
        CardGift("Fountain pen — green ink", "idea", None),
        CardGift("Punched-card bookmark", "given", "2025-12-25"),  # Monica's "offered"
        CardGift("Notes on the Engine — https://example.org/notes", "received", "2026-02-28"),
    ]
    assert cards["Mary Somerville"].gifts == [
        CardGift("Star atlas (for Ada Lovelace)", "idea", None)]


def test_special_dates(read):
    cards = read[0]
    charles = cards["Charles Babbage"]
    assert charles.birthday == (None, 2, 29)  # year unknown, Feb 29
    # Charles has died: the day is his state (never a yearly "deceased" occasion)
    assert charles.dates == []
    assert charles.deceased and charles.deceased_on == "1871-10-18"
    assert not any(card.deceased for name, card in cards.items() if name != "Charles Babbage")
    assert charles.window_days == 90 and charles.categories == ["Book club"]
    william = cards["William King"]
    assert william.birthday is None  # Monica knew only an age
    assert william.note == "Born around 1975 (Monica knew only the age)."
    mary = cards["Mary Somerville"]
    assert mary.birthday is None and mary.phones == [("", "+44 20 7946 0006")]


# --- broken and foreign files -------------------------------------------------------------


def edited(tmp_path: Path, change) -> Path:
    export = json.loads(EXPORT.read_text(encoding="utf-8"))
    change(export)
    path = tmp_path / "monica.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    return path


def contacts_of(export) -> list:
    return next(c for c in export["account"]["data"] if c["type"] == "contact")["values"]


def test_a_malformed_contact_is_skipped_and_the_rest_read(tmp_path):
    def break_ada(export):
        ada = contacts_of(export)[1]
        ada["data"] = 5  # not a list of collections
        del ada["uuid"]
    cards, skipped = monica.read_cards(edited(tmp_path, break_ada))
    assert [card.name for card in cards] == ["William King", "Charles Babbage", "Mary Somerville"]
    assert Skipped("contact 2", "it has no uuid") in skipped


def test_a_contact_failing_part_way_leaves_a_shared_activity_on_the_others(monkeypatch):
    real = monica_card._gifts

    def gifts(card, *args):
        if card.name == "Charles Babbage":
            raise TypeError("a value of the wrong type")
        return real(card, *args)

    monkeypatch.setattr(monica_card, "_gifts", gifts)
    cards, skipped = monica.read_cards(EXPORT)
    assert Skipped("contact 5", "it could not be read (a value of the wrong type)") in skipped
    ada = next(card for card in cards if card.name == "Ada Lovelace")
    assert [t.note.split("\n")[0] for t in ada.touches if t.kind == "together"] == [
        "Demonstration of the Difference Engine", "Walk in Hyde Park"]
    assert ada.touches[0].with_names == ["Charles Babbage"]


def test_how_met_is_read_when_a_file_has_it(tmp_path):
    # Not in the 4.x export (only the web form and API have it), but read when present.
    def add_how_met(export):
        contacts_of(export)[1]["properties"]["first_met_additional_info"] = "At a salon"
        contacts_of(export)[1]["properties"]["first_met_where"] = "London"
    cards, _ = monica.read_cards(edited(tmp_path, add_how_met))
    assert cards[0].how_met == "At a salon; London"


@pytest.mark.parametrize(("content", "message"), [
    (b"BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD\r\n", "not JSON"),
    (b'{"format": "connecttui-backup", "contacts": []}', 'no "account" object'),
    (b"[1, 2, 3]", 'no "account" object'),
    (b'{"account": {"uuid": "x"}}', "the account has no data"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
])
def test_a_file_that_is_not_a_monica_export_is_refused(tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        monica.read_cards(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        monica.read_cards(tmp_path / "nope.json")


# --- end to end ---------------------------------------------------------------------------


def counts() -> tuple[int, ...]:
    return tuple(model.select().count() for model in (
        Contact, ContactField, Occasion, FamilyMember, Touch, TouchContact, Gift))


def test_importing_twice_adds_nothing_the_second_time(db):
    first = importing.import_path(EXPORT)
    assert first.fmt == "monica"
    assert first.added == ["Ada Lovelace", "William King", "Charles Babbage", "Mary Somerville"]
    assert len(first.skipped) == 7
    after_first = counts()
    second = importing.import_path(EXPORT)
    assert second.added == [] and len(second.merged) == 4 and second.unchanged == 4
    assert counts() == after_first


def test_imported_touches_window_and_introduction(db):
    importing.import_path(EXPORT)
    ada = Contact.get(Contact.name == "Ada Lovelace")
    assert ada.uid == "c0000000-0000-4000-8000-000000000002"
    assert ada.ideal_days == 30
    demo = Touch.get(Touch.kind == "together", Touch.note.startswith("Demonstration"))
    assert sorted(link.contact.name for link in demo.people) == [
        "Ada Lovelace", "Charles Babbage"]
    intro = Touch.get(Touch.kind == "intro")
    assert sorted(link.contact.name for link in intro.people) == [
        "Ada Lovelace", "Mary Somerville"]
    charles = Contact.get(Contact.name == "Charles Babbage")
    assert [(o.kind, o.year, o.month, o.day) for o in charles.occasions.order_by(Occasion.id)] \
        == [("birthday", None, 2, 29)]
    assert charles.deceased and charles.deceased_on == pendulum.Date(1871, 10, 18)
    assert not ada.deceased and ada.deceased_on is None
    assert sorted((g.text, g.status) for g in ada.gifts) == [
        ("Fountain pen — green ink", "idea"),
        ("Notes on the Engine — https://example.org/notes", "received"),
        ("Punched-card bookmark", "given"),
    ]
