"""Content lines as bytes, and the kept ones: properties connecttui has no field for (PHOTO,
LOGO, X-*, `item1.X-ABLabel`...), kept as they were read and written back as they were.

Contact.vcard_extra holds the kept lines in one of two forms:

- as read (everything stored now): each property's own text from the file, its folds, the
  whitespace that starts each continuation and its line ends, so the text ends with a line
  end. A doubled CR (iOS 5 writes CR CR LF) or a lone CR becomes CR LF: khard (vobject)
  can't read a card with them, not even the file iOS wrote. A line that can't go back out
  as it came (a vCard 2.1 line with bare parameters or an ENCODING, quoted-printable,
  another charset, a control character, a fold inside a character or without the leading
  space) is kept as one line rewritten in 3.0's form and folded here;
- unfolded (what earlier versions stored): one line per property, joined by LF, no line end
  after the last. They are folded at 75 octets when written.

A kept line goes into a card as it is, unless its form is the other version's: a binary
PHOTO, LOGO, SOUND or KEY (3.0's `ENCODING=b`, 4.0's `data:` URI) and 4.0's ban on CHARSET.
Then the name, group, other parameters and the base64 text are the same, on lines folded
here; the way sabre/vobject's VCardConverter converts them for Nextcloud and Baikal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_LINE_END = re.compile(rb"(\r*\n|\r)")
_TEXT_LINE_END = re.compile(r"(\r\n|\n|\r)")
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/=]+")
_LINE_NAME = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)[;:]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # not TAB, LF or CR
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_DATA_URI = re.compile(r"data:([^,;]*)((?:;[^,;]*)*),(.*)", re.IGNORECASE | re.DOTALL)
_URI = re.compile(r"[a-z][a-z0-9+.-]*:\S", re.IGNORECASE)
_MAGIC = {"/9j/": "image/jpeg", "iVBORw0KGgo": "image/png", "R0lGOD": "image/gif"}


class Kept(str):
    """One kept property. The string is its line unfolded (what code reads and compares);
    `raw` is its text to write back: as read, with its folds and line end, or folded here."""

    raw: str

    def __new__(cls, line: str, raw: str | None = None) -> Kept:
        self = super().__new__(cls, line)
        self.raw = raw if raw else fold(line) + "\r\n"
        return self


# --- reading bytes -------------------------------------------------------------------------


def logical_lines(data: bytes) -> list[tuple[int, bytes, bytes]]:
    """(line number, unfolded line, its bytes as they were) for each content line; blank
    lines are dropped. The bytes as they were are empty when the line was not folded the
    standard way (a quoted-printable soft break, vCard 2.1 base64 without indentation), and
    keep the line ends, a doubled or lone CR made CR LF."""
    parts = _LINE_END.split(data)
    physical = [(parts[i], parts[i + 1] if i + 1 < len(parts) else b"")
                for i in range(0, len(parts), 2)]
    if physical and not physical[-1][0] and not physical[-1][1]:
        physical.pop()
    lines: list[list] = []
    current: list | None = None  # [number, text pieces, raw pieces, folded the standard way]
    for number, (raw, end) in enumerate(physical, start=1):
        end = end if end in (b"\r\n", b"\n", b"") else b"\r\n"
        if current is not None:
            if _soft_break(current) and raw.strip().upper() != b"END:VCARD":
                current[1][-1] = current[1][-1][:-1]  # quoted-printable: the line goes on
                current[1].append(raw)
                current[3] = False
                continue
            if raw[:1] in (b" ", b"\t"):
                current[1].append(raw[1:])
                current[2].append(raw + end)
                continue
            if _BASE64_LINE.fullmatch(raw) and _is_base64(current):
                current[1].append(raw)  # vCard 2.1 base64 may go on without indentation
                current[3] = False
                continue
        if not raw.strip():
            current = None
            continue
        current = [number, [raw], [raw + end], True]
        lines.append(current)
    return [(number, b"".join(text), b"".join(raw) if clean else b"")
            for number, text, raw, clean in lines]


def _head(current: list) -> bytes:
    first = current[1][0]
    text = first if b":" in first else b"".join(current[1])
    return text.split(b":", 1)[0].upper()


def _soft_break(current: list) -> bool:
    return (current[1][-1].endswith(b"=") and b"QUOTED-PRINTABLE" in _head(current)
            and any(b":" in piece for piece in current[1]))


def _is_base64(current: list) -> bool:
    head = _head(current)
    return b"BASE64" in head or b"ENCODING=B" in head


def as_read(raw: bytes) -> str | None:
    """A line's bytes as they were, as the text to keep; None when they can't go back out
    unchanged: not UTF-8 (a fold inside a character too), or with a control character."""
    if not raw:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text):
        return None
    return text if text.endswith("\n") else text + "\r\n"


# --- stored text -----------------------------------------------------------------------------


def stored(lines: Iterable[str]) -> str:
    """The kept lines as Contact.vcard_extra holds them (see the module's docstring)."""
    return "".join(line.raw if isinstance(line, Kept) else fold(line) + "\r\n"
                   for line in lines if line.strip())


def kept_lines(text: str) -> list[Kept]:
    """The kept lines of a Contact.vcard_extra, in either form."""
    text = _CONTROL.sub("", text or "")
    if not text.endswith(("\n", "\r")):  # unfolded, as stored before
        return [Kept(line) for line in text.splitlines() if line.strip()]
    pieces = _TEXT_LINE_END.split(text)
    found: list[list[str]] = []  # [unfolded, raw]
    for index in range(0, len(pieces) - 1, 2):
        line, end = pieces[index], pieces[index + 1]
        if line[:1] in (" ", "\t") and found:
            found[-1][0] += line[1:]
            found[-1][1] += line + end
        elif line.strip():
            found.append([line, line + end])
    return [Kept(line, raw) for line, raw in found]


def key(line: str) -> tuple[str, str]:
    """(group, name) of a line, lower and upper case: "item1.X-ABLabel:x" -> ("item1",
    "X-ABLABEL")."""
    match = _LINE_NAME.match(line)
    if match is None:
        return "", ""
    return (match.group(1) or "").lower(), match.group(2).upper()


def union(first: list[str], second: list[str]) -> list[str]:
    """`first`, then the lines of `second` whose property `first` has none of, in a group
    `first` does not use: what two versions of one card keep, nothing twice."""
    keys = {key(line) for line in first}
    groups = {group for group, _ in keys if group}
    return list(first) + [line for line in second if key(line) not in keys
                          and key(line)[0] not in groups]


# --- writing -------------------------------------------------------------------------------


def fold(line: str) -> str:
    """A content line folded at 75 octets, each fold between whole UTF-8 characters."""
    if line.isascii():  # one octet a character: slices (a 46 KB photo is mostly this)
        if len(line) <= 75:
            return line
        return "\r\n ".join([line[:75]] + [line[i:i + 74] for i in range(75, len(line), 74)])
    pieces, piece, size, limit = [], [], 0, 75
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(piece))
            piece, size, limit = [], 0, 74  # a continuation starts with a space
        piece.append(char)
        size += octets
    pieces.append("".join(piece))
    return "\r\n ".join(pieces)


def written(line: str, version: str) -> str:
    """A kept line as it goes into a card of `version`, line end included: as it was read
    unless that form is the other version's (see the module's docstring)."""
    raw = line.raw if isinstance(line, Kept) else fold(line) + "\r\n"
    head, colon, value = _split_head(str(line))
    if not colon:
        return raw
    params = split_unquoted(head, ";")
    name = params.pop(0)
    bare = name.rpartition(".")[2].upper()
    keys = [_param_key(p) for p in params]
    changed = False
    if bare in _BINARY and version == "4.0" and any(
            k == "ENCODING" and _param_value(p).upper() in ("B", "BASE64")
            for k, p in zip(keys, params, strict=True)):
        params, value = _to_data_uri(bare, params, keys, value)
        changed = True
    elif bare in _BINARY and version != "4.0" and "ENCODING" not in keys:
        match = _DATA_URI.fullmatch(value.strip())
        if match and "base64" in match.group(2).lower():
            params, value = _from_data_uri(params, keys, match)
            changed = True
        elif "VALUE" not in keys and _URI.match(value):
            params, changed = [*params, "VALUE=uri"], True
    if version == "4.0" and "CHARSET" in {_param_key(p) for p in params}:
        params = [p for p in params if _param_key(p) != "CHARSET"]
        changed = True
    if not changed:
        return raw
    return fold(";".join([name, *params]) + ":" + value) + "\r\n"


def _to_data_uri(name: str, params: list[str], keys: list[str], value: str):
    """3.0's inline binary as 4.0's data: URI; TYPE=JPEG becomes its media type."""
    data = re.sub(r"\s", "", value)
    media, kept = "", []
    for key_, param in zip(keys, params, strict=True):
        if key_ == "ENCODING":
            continue
        if key_ == "TYPE":
            words = [w for w in _param_value(param).split(",") if w]
            media = media or next((_media(name, w) for w in words if _media(name, w)), "")
            rest = [w for w in words if not _media(name, w)]
            if rest:
                kept.append(f"{param.split('=', 1)[0]}={','.join(rest)}" if "=" in param
                            else ",".join(rest))
            continue
        kept.append(param)
    if not media:
        media = next((m for magic, m in _MAGIC.items() if data.startswith(magic)),
                     "application/octet-stream")
    return kept, f"data:{media};base64,{data}"


def _from_data_uri(params: list[str], keys: list[str], match: re.Match[str]):
    """4.0's data: URI as 3.0's inline binary: ENCODING=b, the media type as TYPE=JPEG."""
    media = match.group(1).strip().lower()
    kept = [p for k, p in zip(keys, params, strict=True) if k not in ("VALUE", "MEDIATYPE")]
    kept.append("ENCODING=b")
    kind = media.partition("/")[2].upper()
    if media.startswith(("image/", "audio/")) and kind:
        kept.append(f"TYPE={kind}")
    elif media == "application/pgp-keys":
        kept.append("TYPE=PGP")
    return kept, re.sub(r"\s", "", match.group(3))


def _media(name: str, word: str) -> str:
    word = word.strip().upper()
    if name in ("PHOTO", "LOGO") and word in ("JPEG", "JPG", "PNG", "GIF", "BMP", "TIFF",
                                              "WEBP", "HEIC"):
        return "image/" + {"JPG": "jpeg"}.get(word, word.lower())
    return ""


def _split_head(line: str) -> tuple[str, str, str]:
    """(name and parameters, ":", value), at the first colon outside double quotes."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], ":", line[index + 1:]
    return line, "", ""


def split_unquoted(text: str, sep: str) -> list[str]:
    """Split at `sep` outside double quotes."""
    if '"' not in text:
        return text.split(sep)
    parts, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _param_key(param: str) -> str:
    if "=" in param:
        return param.split("=", 1)[0].strip().upper()
    return "ENCODING" if param.strip().upper() in _ENCODINGS else "TYPE"  # vCard 2.1, Apple


def _param_value(param: str) -> str:
    return param.split("=", 1)[1].strip().strip('"') if "=" in param else param.strip()
