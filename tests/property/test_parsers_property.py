"""Every parser, fed whatever hypothesis can think of: a value or a clear UserError, never
another exception, and every value one the rest of the product can use.

Covered: natural-language dates (`parse_when`, `parse_day`), yearly dates (`parse_yearly`,
with its round trip through `format_yearly`), keep-in-touch windows (`parse_window`, and
`add --every`), the log dialog's fields (who, when, note), and the vCard, Google CSV,
Monica and JSON-backup readers (restoring a damaged backup: test_backup_property.py).
Inputs mix plain random text with text shaped like each format, so the deep code paths are
reached, not just the first "that's not a date" check.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pendulum
import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from connecttui.cli.root import main
from connecttui.core import occasions, people, touches, typed_dates
from connecttui.core.errors import UserError
from connecttui.core.store import db as store
from connecttui.core.store.models import Contact, Touch
from connecttui.interop import backup, google_csv, monica, vcard
from connecttui.interop.card import Card, Skipped
from connecttui.interop.vcard_fields import PLACEHOLDER_YEAR

NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="Europe/London")
PREFER = st.sampled_from(["past", "future"])

# --- text ----------------------------------------------------------------------------------

ODD = [
    "", " ", "\t", "\n", "\u00a0", "\u200b", "\u200d", "\u200f", "\u202e", "\u2028", "\ufeff",
    "\u0301", "\u0308\u0301\u0327", "\x00", "\x1b[31m", "\x7f", "\x85", "[bold]", "[/]", "'",
    '"', "\\", ",", ";", ":", "=", "#", "%", "محمد", "שלום", "👩\u200d👩\u200d👧", "🇨🇺",
    "🏳️\u200d🌈", "Ａｄａ", "٢٠٢٦", "１２", "²", "Ⅻ", "ß", "İ", "ﬁ", "e\u0301",
]
"""Characters that break naive code: controls, joiners, bidi marks, combining marks, emoji
sequences, full-width and non-Latin digits, markup and escape sequences."""

ODD_TEXT = st.lists(st.sampled_from(ODD) | st.text(max_size=4), max_size=8).map("".join)
ANY_TEXT = st.text(max_size=60) | ODD_TEXT


def clean_text(min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text a person could type into a field: any character but control characters and
    surrogates (those are dropped or refused by design), joiners and marks included."""
    return st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=min_size,
                   max_size=max_size)


def single_spaced(text: str) -> str:
    return " ".join(text.split())


NAME = clean_text(1, 30).map(single_spaced).filter(bool)

# --- dates -----------------------------------------------------------------------------------

DATE_WORDS = [
    "now", "today", "yesterday", "tomorrow", "ago", "in", "next", "last", "this", "at", "on",
    "the", "from", "after", "before", "past", "coming", "noon", "midnight", "am", "pm", "d",
    "day", "days", "w", "week", "weeks", "h", "hours", "min", "month", "months", "y", "year",
    "years", "mon", "tue", "wed", "thu", "thurs", "fri", "friday", "sat", "sun", "jan", "feb",
    "february", "mar", "sept", "dec", "december", "st", "nd", "rd", "th", "t", "--", "-", "/",
    ":", ",", ".", "0", "00", "1", "12", "29", "30", "31", "60", "99", "0000", "0001", "1604",
    "2026", "9999", "10000", "99999999999", "1e9", "-1", "+1",
]
NUMBER = st.integers(-(10**15), 10**15).map(str)
DATE_PHRASE = st.lists(st.sampled_from(DATE_WORDS) | NUMBER, min_size=1, max_size=6).flatmap(
    lambda words: st.sampled_from([" ", "", "-", "/", " at "]).map(lambda sep: sep.join(words))
)
DATE_TEXT = DATE_PHRASE | ANY_TEXT

@st.composite
def yearly_dates(draw) -> tuple[int | None, int, int]:
    """(year or None, month, day) that exist: Feb 29 only in leap years or without one."""
    if draw(st.booleans()):
        day = draw(st.dates())
        return day.year, day.month, day.day
    month = draw(st.integers(1, 12))
    longest = 29 if month == 2 else pendulum.Date(2001, month, 1).days_in_month
    return None, month, draw(st.integers(1, longest))


def check_moment(moment) -> None:
    """A moment the product can store and show: aware, and within what a database holds."""
    assert isinstance(moment, pendulum.DateTime)
    assert moment.tzinfo is not None
    stored = moment.in_timezone("UTC")  # what log_touch stores; must not overflow
    assert 1 <= stored.year <= 9999


@given(text=DATE_TEXT, prefer=PREFER, zone=st.sampled_from(["Europe/London", "Asia/Tokyo",
                                                            "America/Los_Angeles"]))
@example(text="0001-01-01 00:00", prefer="past", zone="Asia/Tokyo")
@example(text="9999-12-31 23:59", prefer="past", zone="America/Los_Angeles")
def test_parse_when_gives_a_storable_moment_or_a_user_error(text, prefer, zone):
    now = NOW.in_timezone(zone)
    try:
        moment = typed_dates.parse_when(text, now, prefer)
    except UserError as error:
        assert str(error)
        return
    check_moment(moment)
    if not text.strip():
        assert moment == now


@given(text=DATE_TEXT, prefer=PREFER)
def test_parse_day_gives_a_date_or_a_user_error(text, prefer):
    try:
        day = typed_dates.parse_day(text, NOW.date(), prefer)
    except UserError as error:
        assert str(error)
        return
    assert isinstance(day, pendulum.Date)


@given(day=st.dates(min_value=dt.date(1, 1, 2), max_value=dt.date(9999, 12, 30)),
       prefer=PREFER)
def test_an_iso_day_is_read_as_that_day(day, prefer):
    assert typed_dates.parse_day(day.isoformat(), NOW.date(), prefer) == day
    assert typed_dates.parse_when(day.isoformat(), NOW, prefer).date() == day


@given(text=DATE_TEXT)
@example(text="0005-12-10")
def test_parse_yearly_gives_a_real_date_that_reads_back_the_same(text):
    try:
        found = typed_dates.parse_yearly(text)
    except UserError as error:
        assert str(error)
        return
    year, month, day = found
    assert year is None or 1 <= year <= 9999
    occasions.check_date(year, month, day)  # a date that exists (Feb 29 without a year)
    assert typed_dates.parse_yearly(typed_dates.format_yearly(*found)) == found


@given(found=yearly_dates())
@example(found=(5, 12, 10))
@example(found=(None, 2, 29))
@example(found=(2024, 2, 29))
def test_every_yearly_date_survives_format_and_parse(found):
    assert typed_dates.parse_yearly(typed_dates.format_yearly(*found)) == found
    year, month, day = found
    iso = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    assert typed_dates.parse_yearly(iso) == found


# --- keep-in-touch windows -----------------------------------------------------------------

WINDOW_TEXT = st.builds(
    lambda a, b, sep, unit: f"{a}{unit}{sep}{b}{unit}" if b is not None else f"{a}{unit}",
    NUMBER | st.sampled_from(["", "0", "-3", "99999999999999999999", "１４", "٣٠", "1_000"]),
    st.none() | NUMBER | st.just("x"), st.sampled_from(["/", " / ", "//"]),
    st.sampled_from(["", "d", " d", "D"]),
) | ANY_TEXT


@given(text=WINDOW_TEXT)
@example(text="99999999999999999999")
@example(text="5000000000000000000/9223372036854775807")
def test_parse_window_gives_a_storable_window_or_a_user_error(db, text):
    try:
        ideal, maximum = people.parse_window(text)
    except UserError as error:
        assert str(error)
        return
    if ideal is None:  # no window: "" (or a lone "d")
        assert maximum is None
        assert text.strip().lower() in ("", "d")
        return
    assert 0 < ideal <= maximum
    contact = people.add_contact("Window", ideal_days=ideal, max_days=maximum)
    stored = Contact.get_by_id(contact.id)
    assert (stored.ideal_days, stored.max_days) == (ideal, maximum)


@given(ideal=st.integers(1, 3650), extra=st.integers(0, 3650))
def test_a_typed_window_is_read_as_typed(ideal, extra):
    assert people.parse_window(f"{ideal}/{ideal + extra}") == (ideal, ideal + extra)
    assert people.parse_window(f" {ideal}d ") == (ideal, ideal * 2)


@settings(max_examples=25)
@given(every=st.integers(-(10**30), 10**30) | st.integers(-3, 40000))
@example(every=99999999999999999999)
@example(every=people.MAX_WINDOW_DAYS)
def test_add_every_gives_a_contact_or_one_line_error(home, tmp_path, every):
    """`connecttui add NAME --every N` (click reads N): stored, or one clear line."""
    try:
        result = CliRunner().invoke(main, ["add", "Every", "--every", str(every),
                                           "--db", str(tmp_path / "every.db")])
    finally:
        store.close_db()
    if 0 < every <= people.MAX_WINDOW_DAYS:
        assert (result.exit_code, result.output) == (0, "added Every\n")
    else:
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        assert result.output.startswith("connecttui: --every takes a number of days")


# --- the log dialog: who, when (above), note -------------------------------------------------

NAMES = [
    "Ada Lovelace", "Grace Hopper", "José Martí", "Zoë Saldaña", "محمد علي", "שרה כהן",
    "👩\u200d👩\u200d👧 Family", "Ｎａｏｍｉ", "e\u0301lodie Durand", "[bold]Eve[/bold]",
]


@pytest.fixture
def small_db(db):
    return [people.add_contact(name) for name in NAMES]


@given(text=ANY_TEXT | st.lists(st.sampled_from(NAMES) | ODD_TEXT, max_size=4).map(",".join))
def test_who_gives_contacts_or_a_user_error(small_db, text):
    """The who field as the log dialog reads it: the text split at commas."""
    try:
        found = people.find_contacts(text.split(","))
    except UserError as error:
        assert str(error)
        return
    assert found and all(isinstance(contact, Contact) for contact in found)
    assert len({contact.id for contact in found}) == len(found)


@given(picked=st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True),
       shout=st.booleans(), space=st.sampled_from([",", ", ", " ,  "]))
def test_who_finds_exactly_the_people_named(small_db, picked, shout, space):
    typed = space.join(name.upper() if shout else name for name in picked)
    found = people.find_contacts(typed.split(","))
    assert [contact.name for contact in found] == picked


@given(note=clean_text(0, 200) | ANY_TEXT)
def test_a_note_is_stored_exactly(small_db, note):
    """The dialog strips the note's ends; what is left is stored and read back unchanged."""
    touch = touches.log_touch([small_db[0].id], "call", at=NOW, note=note.strip())
    assert Touch.get_by_id(touch.id).note == note.strip()


# --- vCard -------------------------------------------------------------------------------

VCARD_LINES = [
    b"BEGIN:VCARD", b"END:VCARD", b"begin:vcard", b"VERSION:2.1", b"VERSION:3.0",
    b"VERSION:4.0", b"FN:Ada", b"FN:", b"N:Lovelace;Ada;;;", b"N:;;;;", b"N:a\\;b;c\\",
    b"NICKNAME:a,b\\,c", b"BDAY:--0229", b"BDAY:19800322", b"BDAY:1980-02-30", b"BDAY:0000-04-15",
    b"BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29", b"BDAY:1953-10-15T23:10:00Z", b"BDAY:22 mar",
    b"ANNIVERSARY:--1231", b"item1.X-ABDATE:2000-01-01", b"item1.X-ABLabel:_$!<Anniversary>!$_",
    b"item2.X-ABRELATEDNAMES:Sam", b"item2.X-ABLabel:_$!<Spouse>!$_", b"RELATED;TYPE=child:Leo",
    b"RELATED;VALUE=uri:urn:uuid:1", b"NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9=", b"=C3=A9 ok",
    b"NOTE;CHARSET=shift_jis:\x82\xa0", b"NOTE;CHARSET=no-such:x", b"NOTE:a\\nb\\,c",
    b" folded", b"\tfolded", b"PHOTO;ENCODING=BASE64:", b"AAAA", b"TEL;CHARSET=utf-16:\xff\xfe1",
    b"EMAIL;TYPE=INTERNET,pref:a@b.c", b"ADR;TYPE=home:;;1 Main St;Town;;;", b"AGENT:",
    b"KIND:group", b"ORG:;;", b"CATEGORIES:x,,y", b"UID:", b'X-Q;P="a:b;c":v', b":", b";",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xc3", b"FN:\xe2\x80\xae\xd9\x85",
]
LINE_ENDS = st.sampled_from([b"\r\n", b"\n", b"\r", b"\r\r\n"])
VCARD_BYTES = st.builds(
    lambda lines, end: end.join(lines),
    st.lists(st.sampled_from(VCARD_LINES) | st.binary(max_size=12), max_size=30), LINE_ENDS,
) | st.binary(max_size=300)


def check_read(result) -> None:
    cards, skipped = result
    assert all(isinstance(card, Card) and card.name.strip() for card in cards)
    assert all(isinstance(s, Skipped) and s.where and s.reason for s in skipped)


def read_or_user_error(reader, path: Path) -> None:
    try:
        result = reader(path)
    except UserError as error:
        assert str(error)
        return
    check_read(result)


@given(data=VCARD_BYTES)
@example(data=b"BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD")
@example(data=b"\xff\xfeB\x00E\x00G\x00I\x00N\x00:\x00V\x00C\x00A\x00R\x00D\x00")
def test_any_vcard_file_gives_cards_or_a_user_error(tmp_path, data):
    path = tmp_path / "any.vcf"
    path.write_bytes(data)
    read_or_user_error(vcard.read_cards, path)
    if b"BEGIN:VCARD" in data:  # no UTF-16 trickery: the file is read, never refused
        check_read(vcard.read_bytes(data))


LABEL = (st.sampled_from(["name day", "día de José", "ذكرى", "🎂 party", "first met", "home page",
                          "x;y,z\\"]) | NAME).filter(lambda text: text.casefold() != "anniversary")


@st.composite
def vcard_contacts(draw) -> dict:
    return {
        "name": draw(NAME),
        "notes": draw(st.text(st.characters(exclude_categories=["Cc", "Cs"]) | st.just("\n"),
                              max_size=60)),
        "birthday": draw(st.none() | yearly_dates()),
        "dates": draw(st.lists(st.tuples(st.sampled_from(["anniversary", "custom"]),
                                         yearly_dates(), LABEL), max_size=3)),
    }


@given(person=vcard_contacts(), version=st.sampled_from(["4.0", "3.0"]))
@example(person={"name": "Ada", "notes": "", "birthday": (5, 1, 1), "dates": []}, version="4.0")
@example(person={"name": "A", "notes": "", "birthday": (None, 2, 29), "dates": []}, version="3.0")
def test_a_written_card_reads_back_the_same_name_and_dates(db, tmp_path, person, version):
    birthday = person["birthday"]
    if birthday and birthday[0] == PLACEHOLDER_YEAR:
        birthday = None  # by design: 1604 is Apple's "no year", read back as no year
    contact = people.add_contact(person["name"], notes=person["notes"], birthday=birthday)
    wanted = set()
    for kind, (year, month, day), label in person["dates"]:
        if year == PLACEHOLDER_YEAR:
            continue
        occasions.add_occasion(contact.id, kind, month, day, year=year,
                               label=label if kind == "custom" else "")
        wanted.add((kind, (year, month, day),
                    label.strip().casefold() if kind == "custom" else ""))
    path = tmp_path / "one.vcf"
    path.write_bytes(vcard.card_text(contact.id, version).encode("utf-8"))
    cards, skipped = vcard.read_cards(path)
    assert skipped == []
    [card] = cards
    assert card.name == person["name"]
    assert card.birthday == birthday
    assert card.note == person["notes"].strip()
    assert {(d.kind, d.date, d.label.casefold()) for d in card.dates} == wanted


# --- Google CSV ----------------------------------------------------------------------------

CSV_HEADERS = [
    "Name", "First Name", "Middle Name", "Last Name", "Given Name", "Family Name", "Nickname",
    "File As", "Birthday", "Notes", "Labels", "Group Membership", "Organization Name",
    "Organization 1 - Name", "Organization Title", "E-mail 1 - Label", "E-mail 1 - Value",
    "E-mail 2 - Type", "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value",
    "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City", "Event 1 - Label",
    "Event 1 - Value", "Relation 1 - Label", "Relation 1 - Value", "Website 1 - Value",
    "Event 1 -  Value", " name ", "\ufeffFirst Name", "Unknown",
]
CSV_CELLS = st.sampled_from([
    "", " ", "--02-29", " --12-31", "1975-12-12", "1975-02-29", "10 dec", "* Home",
    "a ::: b", " ::: ", "myContacts ::: * starred", "System Group: My Contacts", "Spouse",
    "Anniversary", '"', '""', "\r\n", "line\nbreak", "=cmd|' /C calc'!A0",
]) | ANY_TEXT


def as_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


CSV_TEXT = st.builds(
    lambda header, rows: as_csv([header, *rows]),
    st.lists(st.sampled_from(CSV_HEADERS), min_size=1, max_size=12),
    st.lists(st.lists(CSV_CELLS, max_size=14), max_size=5),
)
BROKEN_CSV = st.builds(  # a quote, comma, CR or NUL slipped in somewhere
    lambda text, at, char: text[:at] + char + text[at:],
    CSV_TEXT, st.integers(0, 400), st.sampled_from(['"', ",", "\r", "\x00"]),
)


@given(text=CSV_TEXT | BROKEN_CSV | ANY_TEXT, encoding=st.sampled_from(["utf-8", "utf-16",
                                                                        "utf-8-sig"]))
def test_any_csv_file_gives_cards_or_a_user_error(tmp_path, text, encoding):
    path = tmp_path / "any.csv"
    path.write_bytes(text.encode(encoding, "surrogatepass"))
    read_or_user_error(google_csv.read_cards, path)


@given(data=st.binary(max_size=300))
def test_any_bytes_as_csv_give_cards_or_a_user_error(tmp_path, data):
    path = tmp_path / "bytes.csv"
    path.write_bytes(data)
    read_or_user_error(google_csv.read_cards, path)


CSV_PART = clean_text(1, 15).map(single_spaced).filter(lambda t: t and ":::" not in t)


@given(first=CSV_PART, last=CSV_PART, birthday=st.none() | yearly_dates())
def test_a_google_row_reads_back_its_name_and_birthday(tmp_path, first, last, birthday):
    written = ""
    if birthday is not None:
        year, month, day = birthday
        written = f"{year:04d}-{month:02d}-{day:02d}" if year else f" --{month:02d}-{day:02d}"
    path = tmp_path / "google.csv"
    path.write_text(as_csv([["First Name", "Last Name", "Birthday"], [first, last, written]]),
                    encoding="utf-8")
    cards, skipped = google_csv.read_cards(path)
    assert skipped == []
    [card] = cards
    assert card.name == f"{first} {last}"
    assert card.birthday == birthday


# --- Monica JSON ---------------------------------------------------------------------------

UUIDS = ["u1", "u2", "u3", "a1", "a2"]
JUNK = (
    st.none() | st.booleans() | st.integers(-3, 10**20) | st.floats(allow_nan=False)
    | st.text(max_size=6) | st.lists(st.text(max_size=3), max_size=2) | st.builds(dict)
    | st.sampled_from([*UUIDS, "2020-02-30", "1990-01-01T00:00:00Z", "1990-01-01", "--02-29",
                       "idea", "offered", "received", "1", "true", "email", "phone", "0"])
)


def mostly(good: st.SearchStrategy) -> st.SearchStrategy:
    """Usually the right shape, sometimes junk: deep enough to reach the code behind."""
    return st.one_of(good, good, good, JUNK)


def record(**props) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {"uuid": mostly(st.sampled_from(UUIDS)),
         "properties": mostly(st.fixed_dictionaries({}, optional=props))},
    )


def collection(kind: str, item: st.SearchStrategy) -> st.SearchStrategy:
    values = st.lists(item, max_size=3)
    return st.fixed_dictionaries(
        {"type": st.just(kind), "values": mostly(values | st.dictionaries(UUIDS_ST, item))},
        optional={"count": JUNK},
    )


UUIDS_ST = st.sampled_from(UUIDS)
SPECIAL_DATE = mostly(st.fixed_dictionaries({"date": mostly(st.dates().map(str))}, optional={
    "is_year_unknown": JUNK, "is_age_based": JUNK}))
MONICA_CONTACT = st.fixed_dictionaries({
    "uuid": mostly(UUIDS_ST),
    "properties": mostly(st.fixed_dictionaries(
        {"first_name": mostly(ANY_TEXT)},
        optional={key: JUNK for key in (
            "middle_name", "last_name", "nickname", "company", "job", "tags", "description",
            "stay_in_touch_frequency", "food_preferences", "first_met_additional_info",
            "first_met_where", "first_met_through", "is_partial")}
        | {"birthdate": SPECIAL_DATE, "deceased_date": SPECIAL_DATE,
           "first_met_date": SPECIAL_DATE},
    )),
    "data": mostly(st.lists(st.one_of(
        collection("call", record(called_at=JUNK, content=JUNK, contact_called=JUNK)),
        collection("activity", mostly(UUIDS_ST)),
        collection("gift", record(name=JUNK, status=JUNK, recipient=JUNK, comment=JUNK,
                                  url=JUNK, date=JUNK)),
        collection("note", record(body=JUNK)),
        collection("address", record(name=JUNK, street=JUNK, city=JUNK, country=JUNK,
                                     province=JUNK, postal_code=JUNK)),
        collection("contact_field", record(data=JUNK, type=JUNK)),
        collection("conversation", record(happened_at=JUNK, messages=mostly(st.lists(
            record(content=JUNK, written_by_me=JUNK), max_size=2)))),
    ), max_size=4)),
})
MONICA_EXPORT = st.fixed_dictionaries({"account": st.fixed_dictionaries(
    {"data": mostly(st.lists(st.one_of(
        collection("contact", MONICA_CONTACT),
        collection("activity", record(happened_at=JUNK, summary=JUNK, description=JUNK)),
        collection("user", record(me_contact=JUNK)),
        collection("relationship", record(type=JUNK, contact_is=JUNK, of_contact=JUNK)),
    ), max_size=5))},
    optional={"instance": mostly(st.fixed_dictionaries({}, optional={
        "contact_field_types": mostly(st.lists(record(type=JUNK, name=JUNK), max_size=3))}))},
)})
ANY_JSON = st.recursive(
    JUNK, lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["account", "data", "type", "values", "format", "version",
                                       "tables", "contact"]) | st.text(max_size=4),
                      inner, max_size=4),
    max_leaves=30,
)


@given(doc=MONICA_EXPORT | ANY_JSON)
def test_any_monica_json_gives_cards_or_a_user_error(tmp_path, doc):
    path = tmp_path / "monica.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    read_or_user_error(monica.read_cards, path)


@given(first=CSV_PART, birthday=yearly_dates(), year_unknown=st.booleans())
def test_a_monica_contact_reads_back_its_name_and_birthday(tmp_path, first, birthday,
                                                           year_unknown):
    year, month, day = birthday
    doc = {"account": {"data": [{"type": "contact", "count": 1, "values": [{
        "uuid": "u1",
        "properties": {"first_name": first, "birthdate": {
            "date": f"{year or 2000:04d}-{month:02d}-{day:02d}T00:00:00Z",
            "is_year_unknown": year_unknown or year is None}},
    }]}]}}
    path = tmp_path / "monica.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    [card], skipped = monica.read_cards(path)
    assert skipped == []
    assert card.name == first
    assert card.birthday == (None if year_unknown else year, month, day)


# --- the JSON backup -----------------------------------------------------------------------

@given(text=st.sampled_from(["", "{", "[]", "null", '{"format": "connecttui-backup"}',
                             '{"format": "connecttui-backup", "version": 1, "tables": []}',
                             "[" * 100000, '"\\ud800"', "NaN", "1e999"])
       | ANY_JSON.map(json.dumps) | ANY_TEXT)
def test_any_text_as_a_backup_loads_or_gives_a_user_error(text):
    try:
        doc = backup.load_json(io.StringIO(text))
    except UserError as error:
        assert str(error)
        return
    assert doc["format"] == backup.FORMAT


@given(data=st.binary(max_size=200))
def test_any_bytes_as_a_backup_load_or_give_a_user_error(tmp_path, data):
    path = tmp_path / "backup.json"
    path.write_bytes(data)
    with path.open(encoding="utf-8") as stream:
        try:
            backup.load_json(stream)
        except UserError as error:
            assert str(error)
