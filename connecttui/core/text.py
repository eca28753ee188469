"""User text is data: make it safe to print in a terminal without changing what it says."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Show control characters (an escape sequence's ESC, a bell) as visible `\\x1b`-style
    codes, so a name or note can never move the cursor, recolour or retitle the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str) -> str:
    """Fold a note's lines into one, for list rows."""
    return printable(" ".join(text.split()))
