"""Reading vCards (2.1, 3.0 and 4.0) from any program, into cards: the files and the cards
in them.

Files from the wild are read at the byte level first: the encoding of the whole file is
found (UTF-16 with or without a byte-order mark), lines are split on any line end (CR LF,
LF, CR CR LF, CR), folds and quoted-printable soft breaks are joined as bytes (a fold may
fall inside a multi-byte character; vcard_lines), and only then is each value decoded with
its own CHARSET (vcard_property). A card that can't be read is skipped with its line number
and the rest of the file is read. What the card has no field for (PHOTO, X-*,
`item1.X-ABLabel`...) is kept as it was in the file, folds and all: see vcard_lines.

This module owns the file and its structure (which lines make a card, a card begun inside
another, a card cut short); vcard_property reads one line and vcard_fields maps a card's
lines to our fields.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path

from connecttui.core.errors import UserError
from connecttui.interop.card import Card, Skipped
from connecttui.interop.vcard_fields import card_from
from connecttui.interop.vcard_lines import logical_lines
from connecttui.interop.vcard_property import Prop, parse_line, shown


@dataclass
class _Block:
    """Lines between BEGIN:VCARD and END:VCARD (or lines outside any card)."""

    line: int
    props: list[Prop] = field(default_factory=list)
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
    blocks, skipped = _blocks([parse_line(number, raw, span) for number, raw, span in lines])
    cards = []
    for block in blocks:
        bad = next((p for p in block.props if p.bad), None)
        if block.nested_at:
            skipped.append(Skipped(f"line {block.line}", f"another card begins inside this "
                                   f"one (line {block.nested_at}); that card was read alone"))
        elif bad is not None:
            skipped.append(Skipped(f"line {block.line}", f"line {bad.line} of this card can't "
                                   f"be read: {shown(bad.raw)}"))
        else:
            card, problems = card_from(block.props, block.line)
            skipped += problems
            if card is not None:
                cards.append(card)
    return cards, skipped


# --- bytes to cards ------------------------------------------------------------------------


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


def _blocks(props: list[Prop]) -> tuple[list[_Block], list[Skipped]]:
    """Group lines into cards; lines outside any card are skipped, a block at a time."""
    done: list[_Block] = []
    skipped: list[Skipped] = []
    open_cards: list[_Block] = []
    stray: list[Prop] = []

    def flush() -> None:
        if stray:
            more = f" and {len(stray) - 1} more lines" if len(stray) > 1 else ""
            skipped.append(Skipped(f"line {stray[0].line}", f"{shown(stray[0].raw)}{more} "
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
