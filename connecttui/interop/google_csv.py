"""Google Contacts CSV: the current header and the legacy one, read into cards.

Google has written two headers over the years. The current one has "First Name", "Last Name",
"Labels", "E-mail 1 - Label"; the legacy one (also Outlook-like exports from old Gmail) has
"Name", "Given Name", "Family Name", "Group Membership", "E-mail 1 - Type". Columns are found
by their names, never by position, so both (and any reordering) read the same way.

Google's conventions:
- a cell holding several values joins them with " ::: " ("a@x.org ::: b@x.org");
- a label starting with "* " marks the starred (primary) value: the star is dropped and the
  value is put first among its kind;
- "Labels"/"Group Membership" are the contact's groups; "myContacts" is on everyone and
  dropped;
- a birthday is "YYYY-MM-DD", or " --MM-DD" when the year is unknown;
- "Event N" holds dated events ("Anniversary", or anything the user typed) and "Relation N"
  related people with Google's type ("Spouse", "Child", "Mother", ...).

A row is skipped (with its row number, the header being row 1) when it has no name, no
organisation and no email, or when its quoting is broken; a value that can't be read (an
unreadable birthday) is reported and the rest of the row is kept.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from connecttui.core import typed_dates
from connecttui.core.errors import UserError
from connecttui.interop.card import Card, CardDate, CardRelative, Skipped, YearlyDate

_SEPARATOR = re.compile(r"\s*:::\s*")
_NUMBERED = re.compile(r"(.+?) (\d+) - (.+)")

# Header cells (normalised: case-folded, spaces collapsed) that only a contacts CSV has: at
# least one must be in the first row for the file to be read at all.
_NAME_COLUMNS = (
    "name", "first name", "last name", "given name", "family name", "middle name",
    "additional name", "nickname", "organization name", "organization 1 - name",
    "e-mail 1 - value",
)

# Groups every Google contact is in; they say nothing about the person.
_SYSTEM_GROUPS = {"mycontacts", "my contacts"}

# Google's standard labels, in the words the rest of the product uses; custom labels are
# kept as the user typed them.
_LABELS = {
    "home": "home", "work": "work", "other": "other", "mobile": "cell", "main": "main",
    "pager": "pager", "home fax": "home fax", "work fax": "work fax",
    "google voice": "google voice", "profile": "profile", "blog": "blog",
    "home page": "home page", "homepage": "home page", "ftp": "ftp",
}

_RELATIONS = {
    "spouse": "partner", "partner": "partner", "domestic partner": "partner",
    "husband": "partner", "wife": "partner",
    "child": "child", "son": "child", "daughter": "child",
    "mother": "parent", "father": "parent", "parent": "parent",
    "brother": "sibling", "sister": "sibling", "sibling": "sibling",
}


def read_cards(path: Path) -> tuple[list[Card], list[Skipped]]:
    """The people in a Google Contacts CSV file, in file order, and the rows left out."""
    path = Path(path)
    text = _decode(_read_bytes(path), path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration):
        header = []
    columns = _columns(header)
    if not any(name in columns for name in _NAME_COLUMNS):
        raise UserError(
            f"{path.name} is not a Google Contacts CSV file: its first line has no "
            '"First Name", "Name" or "E-mail 1 - Value" column'
        )
    cards: list[Card] = []
    skipped: list[Skipped] = []
    row_number = 1
    while True:
        row_number += 1
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            skipped.append(Skipped(f"row {row_number}", _quoting_problem(error, start)))
            continue
        if not any(cell.strip() for cell in cells):
            row_number -= 1  # a blank line is not a row
            continue
        if len(cells) > len(header):
            skipped.append(Skipped(
                f"row {row_number}",
                f"it has {len(cells)} fields where the header has {len(header)} "
                "(a comma outside quotes?), so its columns can't be trusted",
            ))
            continue
        row = _Row(cells, columns)
        card = _card(row, row_number, start, skipped)
        if card is None:
            skipped.append(Skipped(f"row {row_number}", "no name"))
        else:
            cards.append(card)
    return cards, skipped


# --- reading the file --------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise UserError(f"{path} does not exist")
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a Google Contacts CSV file")
    try:
        return path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from None


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without a byte-order mark) as Google writes it, UTF-16 with a mark as
    some spreadsheets save it, else Windows-1252 as Excel saves it (Latin-1 for the bytes
    Windows-1252 leaves undefined)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise UserError(f"{path.name} is not a readable text file") from None
    if b"\x00" in raw:
        raise UserError(f"{path.name} is not a Google Contacts CSV file: it is not text")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _quoting_problem(error: csv.Error, line: int) -> str:
    if "unexpected end of data" in str(error):
        return ("a quoted field is never closed, so the rest of the file (from line "
                f"{line}) could not be read")
    return f"its quoting is broken ({error}), so it could not be read"


def _norm(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").split()).casefold()


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(_norm(name), index)
    return columns


class _Row:
    """One row, read by header names."""

    def __init__(self, cells: list[str], columns: dict[str, int]) -> None:
        self.cells = cells
        self.columns = columns

    def get(self, *names: str) -> str:
        """The first non-empty value among the columns named (trimmed), or ""."""
        for name in names:
            index = self.columns.get(name)
            if index is not None and index < len(self.cells):
                value = self.cells[index].strip()
                if value:
                    return value
        return ""

    def groups(self, prefix: str) -> list[dict[str, str]]:
        """Numbered column groups ("E-mail 1 - Label", "E-mail 1 - Value", ...) in number
        order, each as {"label": ..., "value": ...} (and any other part by its name)."""
        found: dict[int, dict[str, str]] = {}
        for name, index in self.columns.items():
            match = _NUMBERED.fullmatch(name)
            if not match or match.group(1) != prefix:
                continue
            part = match.group(3)
            part = "label" if part == "type" else part
            value = self.cells[index].strip() if index < len(self.cells) else ""
            group = found.setdefault(int(match.group(2)), {})
            if value or part not in group:
                group[part] = value
        return [found[n] for n in sorted(found)]


# --- one row into one card ---------------------------------------------------------------


def _split(value: str) -> list[str]:
    """Google's " ::: "-joined values, trimmed, without empties."""
    return [part.strip() for part in _SEPARATOR.split(value) if part.strip()]


def _unstar(label: str) -> tuple[str, bool]:
    label = label.strip()
    if label.startswith("*"):
        return label[1:].strip(), True
    return label, False


def _label(label: str) -> str:
    return _LABELS.get(label.casefold(), label)


def _labelled(row: _Row, prefix: str, shape: Callable[[dict[str, str]], str] | None = None
              ) -> list[tuple[str, str]]:
    """(label, value) pairs for a numbered group, starred ones first, file order kept."""
    starred: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    for group in row.groups(prefix):
        label, star = _unstar(group.get("label", ""))
        values = _split(shape(group) if shape else group.get("value", ""))
        for value in values:
            (starred if star else others).append((_label(label), value))
    return starred + others


def _address(group: dict[str, str]) -> str:
    """One line per address: Google's formatted address with its lines joined by commas,
    else its parts."""
    formatted = group.get("formatted", "")
    if formatted:
        return " ::: ".join(_one_line(one) for one in _SEPARATOR.split(formatted))
    region = " ".join(p for p in (group.get("region", ""), group.get("postal code", "")) if p)
    pieces = [group.get(k, "") for k in ("street", "extended address", "po box", "city")]
    return _one_line("\n".join([*pieces, region, group.get("country", "")]))


def _one_line(text: str) -> str:
    return ", ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _name(row: _Row) -> str:
    full = row.get("name")  # the legacy header's display name
    if full:
        return " ".join(full.split())
    parts = [
        row.get("name prefix"), row.get("first name", "given name"),
        row.get("middle name", "additional name"), row.get("last name", "family name"),
        row.get("name suffix"),
    ]
    return " ".join(" ".join(p.split()) for p in parts if p)


def _yearly(value: str) -> YearlyDate:
    """Google writes "1975-12-12", or " --02-29" without a year."""
    return typed_dates.parse_yearly(value.strip())


def _card(row: _Row, number: int, line: int, skipped: list[Skipped]) -> Card | None:
    emails = _labelled(row, "e-mail")
    org = _split(row.get("organization name", "organization 1 - name"))
    nicknames = _split(row.get("nickname"))
    name = (_name(row) or " ".join(row.get("file as").split())
            or (nicknames[0] if nicknames else "") or (org[0] if org else "")
            or (emails[0][1] if emails else ""))
    if not name:
        return None
    card = Card(name=name, line=line, nicknames=nicknames, emails=emails)
    card.phones = _labelled(row, "phone")
    card.addresses = _labelled(row, "address", _address)
    card.urls = _labelled(row, "website")
    card.org = org[0] if org else ""
    titles = _split(row.get("organization title", "organization 1 - title"))
    card.title = titles[0] if titles else ""
    card.note = "\n".join(part.rstrip() for part in row.get("notes").splitlines()).strip()
    card.categories = _categories(row.get("labels", "group membership"))

    where = f"row {number} ({name})"
    birthday = row.get("birthday")
    if birthday:
        try:
            card.birthday = _yearly(birthday)
        except UserError as error:
            skipped.append(Skipped(f"{where}, Birthday",
                                   f"{error}; the rest of the row was read"))
    for index, group in enumerate(row.groups("event"), start=1):
        label, _ = _unstar(group.get("label", ""))
        for value in _split(group.get("value", "")):
            try:
                date = _yearly(value)
            except UserError as error:
                skipped.append(Skipped(f"{where}, Event {index}",
                                       f"{error}; the rest of the row was read"))
                continue
            if label.casefold() == "anniversary":
                card.dates.append(CardDate("anniversary", date))
            else:
                card.dates.append(CardDate("custom", date, label or "other"))
    for group in row.groups("relation"):
        label, _ = _unstar(group.get("label", ""))
        for value in _split(group.get("value", "")):
            relation = _RELATIONS.get(label.casefold(), "other")
            card.relatives.append(CardRelative(relation, " ".join(value.split()), label))
    return card


def _categories(value: str) -> list[str]:
    found: list[str] = []
    for group in _split(value):
        group, _ = _unstar(group)
        if group.casefold().startswith("system group:"):
            group = group.split(":", 1)[1].strip()
        if group and group.casefold() not in _SYSTEM_GROUPS and group not in found:
            found.append(group)
    return found
