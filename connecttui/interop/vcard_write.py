"""Writing contacts as vCards: 4.0 by default, 3.0 for older clients.

One card per contact, with the contact's stable UID, CRLF line ends, lines folded at 75
octets (never inside a UTF-8 character), and every property that came in on import or sync
and has no field here (Contact.vcard_extra: PHOTO, X-*, grouped items) written back as it
was read, its own folds and line ends included; only a photo's form changes when the card
is the other version (vcard_lines.written).

Dates without a year: 4.0 has a form for them (`BDAY:--0415`, RFC 6350). 3.0 has none
(RFC 2426 only knows full dates) and 3.0 programs disagree: Apple (macOS, iOS), DAVx5,
sabre/dav (Nextcloud, Baikal: its 4.0-to-3.0 converter does the same), CardBook and
Open-Xchange write and read `BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15`; Thunderbird's
CardDAV book drops a 3.0 `--04-15`; khard reads `--0415` in 3.0 but shows Apple's form as
born in 1604. So a 3.0 card says `X-APPLE-OMIT-YEAR=1604` (1604 is a leap year, so Feb 29
is fine): every 3.0 reader at least gets the right day, and the Apple-aware ones (most)
drop the year. Anniversaries go out in 3.0 as ANNIVERSARY, X-ANNIVERSARY (Evolution,
KAddressBook, khard) and Apple's `itemN.X-ABDATE` with the `_$!<Anniversary>!$_` label;
family as Apple's `itemN.X-ABRELATEDNAMES` with its labels. In 4.0 family is
`RELATED;TYPE=spouse;VALUE=text:Name`.
"""

from __future__ import annotations

import re
from typing import IO

from connecttui import __version__
from connecttui.core import people
from connecttui.core.errors import UserError
from connecttui.core.store.models import Contact, ContactField, FamilyMember, Occasion
from connecttui.interop.vcard_fields import PLACEHOLDER_YEAR
from connecttui.interop.vcard_lines import Kept, fold, kept_lines, written

VERSIONS = ("4.0", "3.0")
PRODID = f"-//connecttui//connecttui {__version__}//EN"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_NAME = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)[;:]")
_PROPS = {"email": "EMAIL", "phone": "TEL", "address": "ADR", "org": "ORG", "title": "TITLE",
          "url": "URL"}
_TYPES = {
    "email": {"home", "work"},
    "phone": {"home", "work", "cell", "fax", "pager", "voice", "video", "text", "textphone",
              "main"},
    "address": {"home", "work"},
    "url": {"home", "work"},
}
_APPLE_LABELS = {
    "home page": "HomePage", "other": "Other", "assistant phone": "AssistantPhone",
    "mobile": "Mobile", "school": "School", "anniversary": "Anniversary",
    # family, for X-ABRELATEDNAMES (connecttui's relation words first)
    "partner": "Spouse", "spouse": "Spouse", "child": "Child", "parent": "Parent",
    "sibling": "Sibling", "mother": "Mother", "father": "Father", "brother": "Brother",
    "sister": "Sister", "friend": "Friend", "assistant": "Assistant", "manager": "Manager",
}
_RELATED = {"partner": "spouse", "child": "child", "parent": "parent", "sibling": "sibling"}
_OURS = {"BEGIN", "END", "VERSION", "PRODID", "UID", "FN", "N", "REV"}
"""Kept lines with these names are never written back as they are: the card has its own."""


def card_text(contact_id: int, version: str = "4.0") -> str:
    """One vCard for a stored contact, CRLF line ends included."""
    if version not in VERSIONS:
        raise UserError(f'vCard version "{version}" is not one connecttui writes: '
                        f'use {" or ".join(VERSIONS)}')
    return _Writer(people.get_contact(contact_id), version).text()


def export_vcards(stream: IO, version: str = "4.0") -> int:
    """Every contact, one card each, sorted by name; returns how many were written.

    A text stream should be opened with newline="" so the CRLF line ends stay as they are;
    a binary stream gets UTF-8."""
    contacts = sorted(Contact.select(Contact.id, Contact.name),
                      key=lambda c: (people.normalize(c.name), c.id))
    for contact in contacts:
        text = card_text(contact.id, version)
        try:
            stream.write(text)
        except TypeError:
            stream.write(text.encode("utf-8"))
    return len(contacts)


# --- text ---------------------------------------------------------------------------------


def escape(text: str) -> str:
    """A text value as vCard writes it: backslash, newline, comma and semicolon escaped."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    for char, escaped in (("\\", "\\\\"), ("\n", "\\n"), (",", "\\,"), (";", "\\;")):
        text = text.replace(char, escaped)
    return text


def _line_name(line: str) -> tuple[str, str]:
    match = _LINE_NAME.match(line)
    return (match.group(1) or "", match.group(2).upper()) if match else ("", "")


def _squashed(text: str) -> str:
    return re.sub(r"[\W_]+", "", people.normalize(text.replace("\\n", " ")))


def _fits(n_line: str, name: str) -> bool:
    """Whether a kept N's family and given names are both in the name ("Ada Lovelace" for
    N:Lovelace;Ada;;;, "安藤 ロイド 1" for N:安藤;ロイド1;;;): then it still describes it."""
    value = n_line.split(":", 1)[1] if ":" in n_line else ""
    parts = [_squashed(part) for part in re.split(r"(?<!\\);", value)[:2]]
    whole = _squashed(name)
    return any(parts) and all(part in whole for part in parts)


# --- one card -----------------------------------------------------------------------------


class _Writer:
    def __init__(self, contact: Contact, version: str) -> None:
        self.contact = contact
        self.v4 = version == "4.0"
        self.version = version
        self.extras = kept_lines(contact.vcard_extra)
        self.taken = {_line_name(line)[0].lower() for line in self.extras}
        self.item = 0
        self.lines: list[str] = []  # a Kept line goes out as it came, the others folded

    def add(self, name: str, value: str, params: list[tuple[str, str]] | None = None,
            group: str = "") -> None:
        head = f"{group}.{name}" if group else name
        for key, param in params or []:
            head += f";{key}={param}"
        self.lines.append(f"{head}:{value}")

    def group(self) -> str:
        """A fresh itemN group, not one that a kept line already uses."""
        while True:
            self.item += 1
            if f"item{self.item}" not in self.taken:
                return f"item{self.item}"

    def labelled(self, name: str, value: str, label: str,
                 params: list[tuple[str, str]] | None = None) -> None:
        """A property with Apple's label beside it (what 3.0 and 4.0 clients show); a label
        that is one of Apple's own words goes out as Apple writes it ("_$!<HomePage>!$_")."""
        group = self.group()
        self.add(name, value, params, group)
        apple = _APPLE_LABELS.get(label.lower())
        self.add("X-ABLabel", f"_$!<{apple}>!$_" if apple else escape(label), group=group)

    def date(self, year: int | None, month: int, day: int) -> tuple[list, str]:
        if year is None and self.v4:
            return [], f"--{month:02d}{day:02d}"
        if year is None:
            return ([("X-APPLE-OMIT-YEAR", str(PLACEHOLDER_YEAR))],
                    f"{PLACEHOLDER_YEAR}-{month:02d}-{day:02d}")
        shape = "{:04d}{:02d}{:02d}" if self.v4 else "{:04d}-{:02d}-{:02d}"
        return [], shape.format(year, month, day)

    def text(self) -> str:
        contact = self.contact
        self.add("VERSION", self.version)
        self.add("PRODID", PRODID)
        self.add("UID", contact.uid)
        self.add("FN", escape(contact.name))
        self.name_line()
        nicknames = people.split_nicknames(contact.nicknames)
        if nicknames:
            self.add("NICKNAME", ",".join(escape(n) for n in nicknames))
        self.fields()
        if contact.notes.strip():
            self.add("NOTE", escape(contact.notes.strip()))
        tags = [tag.strip() for tag in contact.tags.split(",") if tag.strip()]
        if tags:
            self.add("CATEGORIES", ",".join(escape(tag) for tag in tags))
        self.occasions()
        self.family()
        self.lines += [line for line in self.extras if _line_name(line)[1] not in _OURS]
        body = ["BEGIN:VCARD", *self.lines, "END:VCARD"]
        return "".join(written(line, self.version) if isinstance(line, Kept)
                       else fold(line) + "\r\n" for line in body)

    def name_line(self) -> None:
        """The N kept from the import, unless the contact was renamed since (the FN kept
        with it is not the name any more) and it doesn't fit the new name; else one made
        up from the name. So "Mom" keeps N:Smith;Jane;;; until she is renamed."""
        kept = next((line for line in self.extras if _line_name(line)[1] == "N"), None)
        fn = next((line for line in self.extras if _line_name(line)[1] == "FN"), "")
        same = bool(fn) and _squashed(fn.split(":", 1)[-1]) == _squashed(self.contact.name)
        if kept is not None and (same or _fits(kept, self.contact.name)):
            self.lines.append(kept)
            return
        words = self.contact.name.split()
        orgs = ContactField.select().where((ContactField.contact == self.contact.id)
                                           & (ContactField.kind == "org"))
        if any(org.value.strip() == self.contact.name.strip() for org in orgs):
            self.add("N", ";;;;")  # a company: Apple's way
        elif len(words) == 1:
            self.add("N", f";{escape(words[0])};;;")
        else:
            self.add("N", f"{escape(words[-1])};{escape(' '.join(words[:-1]))};;;")

    def fields(self) -> None:
        rows = list(ContactField.select().where(ContactField.contact == self.contact.id)
                    .order_by(ContactField.position, ContactField.id))
        addresses = {row.value.strip() for row in rows if row.kind == "address"}
        for row in rows:
            name = _PROPS.get(row.kind)
            if name is None or not row.value.strip():
                continue
            value = escape(row.value.strip())
            if row.kind == "address":
                value = f";;{value};;;;"
            words = row.label.split()
            if not words or row.kind in ("org", "title"):
                self.add(name, value)
            elif all(word in _TYPES[row.kind] for word in words):  # "home", "work fax"
                self.add(name, value, [("TYPE", ",".join(words))])
            else:
                self.labelled(name, value, row.label.strip())
        if self.contact.address.strip() and self.contact.address.strip() not in addresses:
            self.add("ADR", f";;{escape(self.contact.address.strip())};;;;")

    def occasions(self) -> None:
        cid = self.contact.id
        rows = list(Occasion.select().where((Occasion.contact == cid) | (Occasion.partner == cid))
                    .order_by(Occasion.id))
        birthday = next((o for o in rows if o.kind == "birthday" and o.contact_id == cid), None)
        if birthday is not None:
            params, value = self.date(birthday.year, birthday.month, birthday.day)
            self.add("BDAY", value, params)
        anniversaries = [o for o in rows if o.kind == "anniversary"]
        for index, occasion in enumerate(anniversaries):
            params, value = self.date(occasion.year, occasion.month, occasion.day)
            if index == 0:
                self.add("ANNIVERSARY", value, params)
                if not self.v4:
                    self.add("X-ANNIVERSARY", value, params)
            if index > 0 or not self.v4:
                self.labelled("X-ABDATE", value, "anniversary", params)
        for occasion in rows:
            if occasion.kind == "custom":
                params, value = self.date(occasion.year, occasion.month, occasion.day)
                self.labelled("X-ABDATE", value, occasion.label or "other", params)

    def family(self) -> None:
        rows = list(FamilyMember.select().where(FamilyMember.contact == self.contact.id)
                    .order_by(FamilyMember.id))
        linked = [row.linked_id for row in rows if row.linked_id is not None]
        names = dict(Contact.select(Contact.id, Contact.name).where(Contact.id.in_(linked))
                     .tuples())
        for row in rows:
            name = escape(names.get(row.linked_id, row.name).strip())  # a link follows renames
            if not name:
                continue
            if self.v4:
                kind = _RELATED.get(row.relation)
                params = [("TYPE", kind)] if kind else []
                self.add("RELATED", name, [*params, ("VALUE", "text")])
            else:
                self.labelled("X-ABRELATEDNAMES", name, row.relation)
