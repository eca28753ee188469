"""One vCard content line: its group, name and parameters, its value decoded, and the line
kept as it was when the card has no field for it.

This is the one layer that knows a property's bytes: vCard 2.1's bare parameters and
ENCODING, quoted-printable and base64, each value's own CHARSET (Shift_JIS phones, Latin-1
Outlook), the escapes of 2.1 and of 3.0/4.0. It is apart from vcard_read (the file: its
encoding, its lines grouped into cards) and vcard_fields (which property becomes which
field) so that decoding a value (`value_text`) and keeping a line (`kept_line`, the other
way round) sit side by side and stay in step.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import contextlib
import re
from dataclasses import dataclass, field

from connecttui.interop.vcard_lines import Kept, as_read
from connecttui.interop.vcard_lines import split_unquoted as _split

_NAME = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)")
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}


@dataclass
class Prop:
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


# --- a content line ------------------------------------------------------------------------


def parse_line(number: int, raw: bytes, span: bytes = b"") -> Prop:
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
        return Prop(number, raw, span, bad=True)
    parts = _split(raw[:colon].decode("utf-8", "replace"), ";")
    match = _NAME.fullmatch(parts[0].strip())
    if match is None:
        return Prop(number, raw, span, bad=True)
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
    return Prop(number, raw, span, match.group(1) or "", match.group(2).upper(), params,
                 raw[colon + 1:])

def shown(raw: bytes, limit: int = 60) -> str:
    text = _CONTROL.sub("", raw.decode("utf-8", "replace"))
    return f'"{text[:limit]}…"' if len(text) > limit else f'"{text}"'


# --- values --------------------------------------------------------------------------------


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


def value_text(prop: Prop) -> str:
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


def unescape(text: str, v21: bool) -> str:
    if "\\" not in text:
        return text
    def replace(match: re.Match[str]) -> str:
        char = match.group(1)
        if v21:  # 2.1 escapes only the separators
            return char if char in ";,\\" else match.group(0)
        return "\n" if char in "nN" else char

    return re.sub(r"\\(.)", replace, text)


def split_escaped(text: str, sep: str) -> list[str]:
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


# --- kept as it was ------------------------------------------------------------------------


def kept_line(prop: Prop, v21: bool) -> Kept:
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
        value = value_text(prop).replace("\n", "\\n")
    return Kept(_CONTROL.sub("", f"{head}:{value}"))


def _head_text(prop: Prop) -> str:
    return prop.raw.split(b":", 1)[0].decode("utf-8", "replace")


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True
