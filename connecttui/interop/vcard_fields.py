"""A vCard's properties into our fields: which property is a name, an email, a birthday, a
relative, and what is kept because the card has no field for it.

Every program spells these its own way (Apple's `item1.X-ABDATE` with an `X-ABLabel`,
Outlook's X-MS-ANNIVERSARY, Evolution's X-EVOLUTION-SPOUSE, a year-less birthday as
`--0415`, `0000-04-15` or Apple's 1604), and each spelling read is a line here. It is apart
from vcard_property (a line's bytes, decoded) and vcard_read (the file) because this is
what changes when a new program's cards turn up, and only this.
"""

from __future__ import annotations

import re

from connecttui.core import typed_dates
from connecttui.core.errors import UserError
from connecttui.interop.card import Card, CardDate, CardRelative, Skipped, YearlyDate
from connecttui.interop.vcard_property import (
    Prop,
    kept_line,
    shown,
    split_escaped,
    unescape,
    value_text,
)

_URI = re.compile(r"[a-z][a-z0-9+.-]*:\S", re.IGNORECASE)
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_DATE = re.compile(r"(\d{4}|--)-?(\d{2})-?(\d{2})(?:T.*)?", re.IGNORECASE)

PLACEHOLDER_YEAR = 1604
"""Apple's year for a date without one (X-APPLE-OMIT-YEAR); CardBook writes it bare."""

# Type words that say nothing a person would call a label.
_NOISE_TYPES = {
    "pref", "internet", "voice", "x400", "dom", "intl", "postal", "parcel", "msg", "bbs",
    "modem", "isdn", "x-useless",
}
_ANNIVERSARY_PROPS = {
    "ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY",
    "X-KADDRESSBOOK-X-ANNIVERSARY",
}
_SPOUSE_PROPS = {"X-MS-SPOUSE", "X-EVOLUTION-SPOUSE", "X-SPOUSE", "X-KADDRESSBOOK-X-SPOUSESNAME"}
_RELATIONS = {
    "partner": {"spouse", "partner", "husband", "wife", "domestic partner", "domestic_partner"},
    "child": {"child", "son", "daughter"},
    "parent": {"parent", "mother", "father"},
    "sibling": {"sibling", "brother", "sister"},
}
_DROPPED = {"VERSION", "PRODID", "REV"}  # ours to write


def _one_line(text: str) -> str:
    lines = (line.strip().rstrip(",").strip() for line in text.splitlines())
    return ", ".join(line for line in lines if line)


def apple_label(text: str) -> str:
    """"_$!<HomePage>!$_" -> "home page"; a label of the user's own stays as written."""
    text = text.strip()
    match = _APPLE_LABEL.fullmatch(text)
    if match is None:
        return text
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", match.group(1)).lower()


def _relation(word: str) -> str:
    word = word.strip().lower().replace("-", " ")
    for relation, words in _RELATIONS.items():
        if word in words:
            return relation
    return "other"


def read_date(text: str, omit_year: str = "") -> YearlyDate | None:
    """A vCard date in any form seen in the wild, or None: "1980-03-22", "19800322",
    "1953-10-15T23:10:00Z", "--0415", "--04-15", "0000-04-15", "1604-04-15" (Apple's
    year-less placeholder, with or without X-APPLE-OMIT-YEAR), "22 mar 1980"."""
    text = text.strip()
    match = _DATE.fullmatch(text)
    if match is None:
        try:
            return typed_dates.parse_yearly(text)
        except UserError:
            return None
    year_text, month, day = match.groups()
    year = None if year_text == "--" else int(year_text)
    if year in (0, PLACEHOLDER_YEAR) or (omit_year.isdigit() and year == int(omit_year)):
        year = None
    try:
        return typed_dates.parse_yearly(f"{year:04d}-{month}-{day}" if year else f"--{month}-{day}")
    except UserError:
        return None



# --- cards ---------------------------------------------------------------------------------


def card_from(props: list[Prop], line: int) -> tuple[Card | None, list[Skipped]]:
    """One card from its lines (the card begins at `line`); also what in it could not be
    used."""
    version = next((value_text(p).strip() for p in props if p.name == "VERSION"), "3.0")
    v21 = version.startswith("2")
    kind = next((value_text(p).strip().lower() for p in props
                 if p.name in ("KIND", "X-ADDRESSBOOKSERVER-KIND")), "")
    if kind == "group":
        return None, [Skipped(f"line {line}", "a contact group (KIND:group), not a person")]

    def text(prop: Prop) -> str:
        return unescape(value_text(prop), v21).strip()

    def parts(prop: Prop, sep: str = ";") -> list[str]:
        return [unescape(part, v21).strip() for part in split_escaped(value_text(prop), sep)]

    labels = {p.group.lower(): apple_label(text(p)) for p in props
              if p.name == "X-ABLABEL" and p.group}
    card = Card(name="", line=line)
    used: set[int] = set()  # indexes of the lines read into the card
    labelled: set[str] = set()  # groups whose X-ABLabel was read with them
    skipped: list[Skipped] = []
    fn = ""
    n_parts: list[str] | None = None
    notes: list[str] = []
    birthdays: list[Prop] = []

    def label_of(prop: Prop) -> str:
        if prop.group and prop.group.lower() in labels:
            labelled.add(prop.group.lower())
            return labels[prop.group.lower()]
        words: list[str] = []
        for word in prop.types():
            word = "" if word in _NOISE_TYPES else word.removeprefix("x-")
            if word and word not in words:
                words.append(word)
        return " ".join(words)

    def add_date(prop: Prop, kind: str, label: str = "") -> None:
        found = read_date(text(prop), prop.param("X-APPLE-OMIT-YEAR"))
        if found is None:
            skipped.append(_not_a_date(prop))
            return
        item = CardDate(kind, found, label)
        if item not in card.dates:
            card.dates.append(item)

    def add_relative(relation: str, name: str, label: str = "") -> None:
        if name and not any(r.relation == relation and r.name == name for r in card.relatives):
            card.relatives.append(CardRelative(relation, name, label))

    for index, prop in enumerate(props):
        name = prop.name
        used.add(index)
        if name in _DROPPED:
            pass
        elif name == "FN":
            if not fn and text(prop):
                fn = " ".join(text(prop).split())
                used.discard(index)  # kept too: the export knows from it if N still holds
        elif name == "N" and n_parts is None:
            n_parts = parts(prop)
            used.discard(index)  # kept as it was too: connecttui has no field for its parts
        elif name == "NICKNAME":
            for nick in parts(prop, ","):
                if nick and nick not in card.nicknames:
                    card.nicknames.append(nick)
        elif name in ("EMAIL", "TEL", "URL", "ADR"):
            value = _address(parts(prop)) if name == "ADR" else text(prop)
            if name == "TEL" and value.lower().startswith("tel:"):
                value = value[4:]
            found = {"EMAIL": card.emails, "TEL": card.phones, "URL": card.urls,
                     "ADR": card.addresses}[name]
            if value:
                found.append((label_of(prop), value))
        elif name == "ORG" and not card.org:
            card.org = ", ".join(p for p in parts(prop) if p)
        elif name == "TITLE" and not card.title:
            card.title = text(prop)
        elif name == "NOTE":
            if text(prop):
                notes.append(unescape(value_text(prop), v21).strip())
        elif name == "CATEGORIES":
            for category in parts(prop, ","):
                if category and category not in card.categories:
                    card.categories.append(category)
        elif name == "UID" and not card.uid:
            card.uid = text(prop)
        elif name == "BDAY":
            birthdays.append(prop)
        elif name in _ANNIVERSARY_PROPS:
            add_date(prop, "anniversary")
        elif name == "X-ABDATE":
            label = label_of(prop)
            if label.lower() == "anniversary":
                add_date(prop, "anniversary")
            else:
                add_date(prop, "custom", label)
        elif name == "RELATED" and _related_is_text(prop, text(prop)):
            types = [t for t in prop.types() if t != "pref"]
            family = [_relation(t) for t in types if _relation(t) != "other"]
            relation = family[0] if family else "other"
            add_relative(relation, text(prop), ", ".join(types))
        elif name == "X-ABRELATEDNAMES":
            label = label_of(prop)
            add_relative(_relation(label), text(prop), label)
        elif name in _SPOUSE_PROPS:
            add_relative("partner", text(prop), "spouse")
        else:
            used.discard(index)

    for prop in birthdays:
        found = read_date(text(prop), prop.param("X-APPLE-OMIT-YEAR"))
        if found is not None:
            card.birthday = found
            break
    if birthdays and card.birthday is None:
        skipped.append(_not_a_date(birthdays[0]))
    card.note = "\n".join(notes)
    card.extra = [kept_line(p, v21) for index, p in enumerate(props) if index not in used
                  and not (p.name == "X-ABLABEL" and p.group.lower() in labelled)]
    card.name = fn or _assembled(n_parts or []) or card.org or (
        card.emails[0][1] if card.emails else "")
    if not card.name:
        return None, skipped + [Skipped(f"line {line}", "no name: the card has no FN, "
                                        "N, ORG or EMAIL")]
    return card, skipped


def _not_a_date(prop: Prop) -> Skipped:
    return Skipped(f"line {prop.line}", f"{prop.name} {shown(value_text(prop).encode())} is not "
                   "a date; the card was read without it")


def _related_is_text(prop: Prop, value: str) -> bool:
    """RELATED names a person only as text; a URI (urn:uuid:, http:) can't become family."""
    kind = prop.param("VALUE").lower()
    if kind:
        return kind == "text"
    return bool(value) and _URI.match(value) is None


def _address(parts: list[str]) -> str:
    """ADR (box; extended; street; town; region; code; country) on one line."""
    parts = (parts + [""] * 7)[:7]
    box, extended, street, town, region, code, country = parts
    pieces = [box, extended, street, town, " ".join(p for p in (region, code) if p), country]
    return ", ".join(_one_line(p) for p in pieces if _one_line(p))


def _assembled(parts: list[str]) -> str:
    """N (family; given; additional; prefixes; suffixes) as a name people would say."""
    parts = [" ".join(p.replace(",", " ").split()) for p in (parts + [""] * 5)[:5]]
    family, given, additional, prefixes, suffixes = parts
    name = " ".join(p for p in (prefixes, given, additional, family) if p)
    return f"{name}, {suffixes}" if name and suffixes else name or suffixes
