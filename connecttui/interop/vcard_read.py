"""Reading vCards (2.1, 3.0 and 4.0) from any program, into cards.

Files from the wild are read at the byte level first: the encoding of the whole file is
found (UTF-16 with or without a byte-order mark), lines are split on any line end (CR LF,
LF, CR CR LF, CR), folds and quoted-printable soft breaks are joined as bytes (a fold may
fall inside a multi-byte character), and only then is each value decoded with its own
CHARSET (Shift_JIS phones, Latin-1 Outlook). A card that can't be read is skipped with its
line number and the rest of the file is read. What the card has no field for (PHOTO, X-*,
`item1.X-ABLabel`...) is kept as it was in the file, folds and all: see vcard_lines.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from connecttui.core import dates
from connecttui.core.errors import UserError
from connecttui.interop.card import Card, CardDate, CardRelative, Skipped, YearlyDate
from connecttui.interop.vcard_lines import Kept, as_read, logical_lines
from connecttui.interop.vcard_lines import split_unquoted as _split

_NAME = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)")
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_URI = re.compile(r"[a-z][a-z0-9+.-]*:\S", re.IGNORECASE)
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_DATE = re.compile(r"(\d{4}|--)-?(\d{2})-?(\d{2})(?:T.*)?", re.IGNORECASE)
_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}

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


@dataclass
class _Prop:
    """One unfolded content line, its value still bytes."""

    line: int
    raw: bytes
    span: bytes = b""  # the line as it was in the file (vcard_lines.logical_lines)
    group: str = ""
    name: str = ""  # upper case
    params: dict[str, list[str]] = field(default_factory=dict)
    value: bytes = b""
    bad: bool = False

    def param(self, key: str) -> str:
        values = self.params.get(key, [])
        return values[0] if values else ""

    def types(self) -> list[str]:
        return [t.strip().lower() for t in self.params.get("TYPE", []) if t.strip()]


@dataclass
class _Block:
    """Lines between BEGIN:VCARD and END:VCARD (or lines outside any card)."""

    line: int
    props: list[_Prop] = field(default_factory=list)
    nested_at: int = 0  # line of a card begun inside this one
    agent: bool = False  # a vCard 2.1 AGENT's card: belongs to its parent, not a person


# --- files ---------------------------------------------------------------------------------


def read_cards(path: Path) -> tuple[list[Card], list[Skipped]]:
    """The cards of a .vcf file, or of every .vcf file in a folder (a vdir), in order."""
    path = Path(path)
    if path.is_dir():
        cards: list[Card] = []
        skipped: list[Skipped] = []
        with os.scandir(path) as entries:  # the entries know if they are files: no stat each
            names = sorted(e.name for e in entries
                           if e.is_file() and os.path.splitext(e.name)[1].lower()
                           in (".vcf", ".vcard"))
        for file in (path / name for name in names):
            data = _read_bytes(file)
            if not _has_card(data):
                skipped.append(Skipped(file.name, "there is no vCard in this file"))
                continue
            found, missed = read_bytes(data)
            cards += found
            skipped += [Skipped(f"{file.name}, {s.where}", s.reason) for s in missed]
        return cards, skipped
    data = _read_bytes(path)
    if not _has_card(data):
        raise UserError(f"{path.name} is not a vCard file: it has no BEGIN:VCARD")
    return read_bytes(data)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path} does not exist") from None
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from None


def _has_card(data: bytes) -> bool:
    return b"BEGIN:VCARD" in _as_utf8(data).upper()


def read_bytes(data: bytes) -> tuple[list[Card], list[Skipped]]:
    """The cards in the bytes of one vCard file."""
    lines = logical_lines(_as_utf8(data))
    blocks, skipped = _blocks([_parse(number, raw, span) for number, raw, span in lines])
    cards = []
    for block in blocks:
        bad = next((p for p in block.props if p.bad), None)
        if block.nested_at:
            skipped.append(Skipped(f"line {block.line}", f"another card begins inside this "
                                   f"one (line {block.nested_at}); that card was read alone"))
        elif bad is not None:
            skipped.append(Skipped(f"line {block.line}", f"line {bad.line} of this card can't "
                                   f"be read: {_shown(bad.raw)}"))
        else:
            card, problems = _card(block)
            skipped += problems
            if card is not None:
                cards.append(card)
    return cards, skipped


def _shown(raw: bytes, limit: int = 60) -> str:
    text = _CONTROL.sub("", raw.decode("utf-8", "replace"))
    return f'"{text[:limit]}…"' if len(text) > limit else f'"{text}"'


# --- bytes to content lines ----------------------------------------------------------------


def _as_utf8(data: bytes) -> bytes:
    """The file as UTF-8 (or its own 8-bit charset): UTF-16/32 are found by BOM or by zeros."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF8, None), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            body = data[len(bom):]
            return body if codec is None else body.decode(codec, "replace").encode("utf-8")
    head = data[:200]
    if len(head) >= 2:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if even > len(head) // 4 and odd == 0:
            return data.decode("utf-16-be", "replace").encode("utf-8")
        if odd > len(head) // 4 and even == 0:
            return data.decode("utf-16-le", "replace").encode("utf-8")
    return data


def _parse(number: int, raw: bytes, span: bytes = b"") -> _Prop:
    colon = raw.find(b":")
    if colon > 0 and b'"' in raw[:colon]:  # a colon inside a quoted parameter value
        quoted, colon = False, -1
        for index, byte in enumerate(raw):
            if byte == 0x22:
                quoted = not quoted
            elif byte == 0x3A and not quoted:
                colon = index
                break
    if colon < 0:
        return _Prop(number, raw, span, bad=True)
    parts = _split(raw[:colon].decode("utf-8", "replace"), ";")
    match = _NAME.fullmatch(parts[0].strip())
    if match is None:
        return _Prop(number, raw, span, bad=True)
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            key, _, value = part.partition("=")
            values = [v.strip().strip('"') for v in _split(value, ",")]
            if key.strip().upper() == "TYPE":  # TYPE="work,voice" is a list too
                values = [word for v in values for word in v.split(",")]
        else:  # vCard 2.1: a bare TYPE or ENCODING
            key = "ENCODING" if part.upper() in _ENCODINGS else "TYPE"
            values = [part]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return _Prop(number, raw, span, match.group(1) or "", match.group(2).upper(), params,
                 raw[colon + 1:])


def _blocks(props: list[_Prop]) -> tuple[list[_Block], list[Skipped]]:
    """Group lines into cards; lines outside any card are skipped, a block at a time."""
    done: list[_Block] = []
    skipped: list[Skipped] = []
    open_cards: list[_Block] = []
    stray: list[_Prop] = []

    def flush() -> None:
        if stray:
            more = f" and {len(stray) - 1} more lines" if len(stray) > 1 else ""
            skipped.append(Skipped(f"line {stray[0].line}", f"{_shown(stray[0].raw)}{more} "
                                   "outside any card (no BEGIN:VCARD before)"))
            stray.clear()

    for prop in props:
        word = prop.value.strip().upper()
        if prop.name == "BEGIN" and not prop.group and word == b"VCARD":
            flush()
            block = _Block(prop.line)
            if open_cards:
                parent = open_cards[-1]
                last = parent.props[-1] if parent.props else None
                if last is not None and last.name == "AGENT" and not last.value.strip():
                    block.agent = True
                else:
                    parent.nested_at = parent.nested_at or prop.line
            open_cards.append(block)
        elif prop.name == "END" and not prop.group and word == b"VCARD" and open_cards:
            block = open_cards.pop()
            if not block.agent:
                done.append(block)
        elif open_cards:
            open_cards[-1].props.append(prop)
        else:
            stray.append(prop)
    flush()
    for block in open_cards:
        if not block.agent:
            skipped.append(Skipped(f"line {block.line}", "this card has no END:VCARD (the "
                                   "file may be cut short)"))
    done.sort(key=lambda block: block.line)
    return done, skipped


# --- values ----------------------------------------------------------------------------------


def _codec(charset: str) -> str | None:
    if not charset:
        return None
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    if name in ("ascii", "utf-8"):
        return None  # read as UTF-8, with the usual fallbacks
    return {"shift_jis": "cp932", "latin-1": "cp1252", "iso8859-1": "cp1252"}.get(name, name)


def _decode(data: bytes, charset: str = "") -> str:
    codec = _codec(charset)
    if codec is not None:
        return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if _UTF8_SEQUENCE.search(data):
            return data.decode("utf-8", "replace").replace("\ufffd", "")
        return data.decode("cp1252", "replace")


def _value(prop: _Prop) -> str:
    """The value as text, still escaped: transfer encoding and charset undone, line ends
    made LF, control characters (a BEL in a note) removed."""
    data = prop.value
    encoding = prop.param("ENCODING").upper()
    if encoding in ("QUOTED-PRINTABLE", "QP"):
        data = binascii.a2b_qp(data)
    elif encoding in ("B", "BASE64"):
        with contextlib.suppress(binascii.Error, ValueError):
            data = base64.b64decode(re.sub(rb"\s", b"", data))
    text = _decode(data, prop.param("CHARSET")).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def _unescape(text: str, v21: bool) -> str:
    if "\\" not in text:
        return text
    def replace(match: re.Match[str]) -> str:
        char = match.group(1)
        if v21:  # 2.1 escapes only the separators
            return char if char in ";,\\" else match.group(0)
        return "\n" if char in "nN" else char

    return re.sub(r"\\(.)", replace, text)


def _parts(text: str, sep: str) -> list[str]:
    """Split at `sep` where it is not escaped; the parts stay escaped."""
    if "\\" not in text:
        return text.split(sep)
    parts, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index:index + 2])
            index += 2
            continue
        if char == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


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
            return dates.parse_yearly(text)
        except UserError:
            return None
    year_text, month, day = match.groups()
    year = None if year_text == "--" else int(year_text)
    if year in (0, PLACEHOLDER_YEAR) or (omit_year.isdigit() and year == int(omit_year)):
        year = None
    try:
        return dates.parse_yearly(f"{year:04d}-{month}-{day}" if year else f"--{month}-{day}")
    except UserError:
        return None


# --- cards ---------------------------------------------------------------------------------


def _card(block: _Block) -> tuple[Card | None, list[Skipped]]:
    """One card from its lines; also what in it could not be used."""
    props = block.props
    version = next((_value(p).strip() for p in props if p.name == "VERSION"), "3.0")
    v21 = version.startswith("2")
    kind = next((_value(p).strip().lower() for p in props
                 if p.name in ("KIND", "X-ADDRESSBOOKSERVER-KIND")), "")
    if kind == "group":
        return None, [Skipped(f"line {block.line}", "a contact group (KIND:group), not a person")]

    def text(prop: _Prop) -> str:
        return _unescape(_value(prop), v21).strip()

    def parts(prop: _Prop, sep: str = ";") -> list[str]:
        return [_unescape(part, v21).strip() for part in _parts(_value(prop), sep)]

    labels = {p.group.lower(): apple_label(text(p)) for p in props
              if p.name == "X-ABLABEL" and p.group}
    card = Card(name="", line=block.line)
    used: set[int] = set()  # indexes of the lines read into the card
    labelled: set[str] = set()  # groups whose X-ABLabel was read with them
    skipped: list[Skipped] = []
    fn = ""
    n_parts: list[str] | None = None
    notes: list[str] = []
    birthdays: list[_Prop] = []

    def label_of(prop: _Prop) -> str:
        if prop.group and prop.group.lower() in labels:
            labelled.add(prop.group.lower())
            return labels[prop.group.lower()]
        words: list[str] = []
        for word in prop.types():
            word = "" if word in _NOISE_TYPES else word.removeprefix("x-")
            if word and word not in words:
                words.append(word)
        return " ".join(words)

    def add_date(prop: _Prop, kind: str, label: str = "") -> None:
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
                notes.append(_unescape(_value(prop), v21).strip())
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
    card.extra = [_extra(p, v21) for index, p in enumerate(props) if index not in used
                  and not (p.name == "X-ABLABEL" and p.group.lower() in labelled)]
    card.name = fn or _assembled(n_parts or []) or card.org or (
        card.emails[0][1] if card.emails else "")
    if not card.name:
        return None, skipped + [Skipped(f"line {block.line}", "no name: the card has no FN, "
                                        "N, ORG or EMAIL")]
    return card, skipped


def _not_a_date(prop: _Prop) -> Skipped:
    return Skipped(f"line {prop.line}", f"{prop.name} {_shown(_value(prop).encode())} is not "
                   "a date; the card was read without it")


def _related_is_text(prop: _Prop, value: str) -> bool:
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


def _extra(prop: _Prop, v21: bool) -> Kept:
    """A line kept for the export: as it was in the file (vcard_lines), when it can go out
    so in a 3.0 or 4.0 card. A vCard 2.1 line with bare parameters or an ENCODING, or one
    in quoted-printable or another charset, is rewritten as plain UTF-8 with named
    parameters (and 2.1's ENCODING=BASE64 as 3.0's ENCODING=b: vobject, so khard, writes
    a BASE64 photo back broken); base64 stays as it was, without its whitespace."""
    encoding = prop.param("ENCODING").upper()
    charset = prop.param("CHARSET")
    utf8 = not charset or _codec(charset) is None and _known(charset)
    bare = any("=" not in part for part in _split(_head_text(prop), ";")[1:] if part.strip())
    if utf8 and encoding not in ("QUOTED-PRINTABLE", "QP") and not (
            v21 and (bare or "ENCODING" in prop.params)):
        line = _CONTROL.sub("", _decode(prop.raw))
        return Kept(line, as_read(prop.span))
    head = f"{prop.group}.{prop.name}" if prop.group else prop.name
    for key, values in prop.params.items():
        if key == "CHARSET" or (key == "ENCODING" and encoding not in ("B", "BASE64")):
            continue
        shown = ["b"] if key == "ENCODING" else [
            f'"{v}"' if any(c in v for c in ';:,') else v for v in values]
        head += f";{key}={','.join(shown)}"
    if encoding in ("B", "BASE64"):
        value = re.sub(rb"\s", b"", prop.value).decode("ascii", "replace")
    else:
        value = _value(prop).replace("\n", "\\n")
    return Kept(_CONTROL.sub("", f"{head}:{value}"))


def _head_text(prop: _Prop) -> str:
    return prop.raw.split(b":", 1)[0].decode("utf-8", "replace")


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True
