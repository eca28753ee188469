"""An Input for stored text (a name, a note) that never sends a control character to the
terminal.

Textual's Input draws its value as typed, and Rich lets ESC through: a name holding
`\\x1b[2J` would clear the screen when its edit form opens. TextInput draws each control
character as its Unicode "control picture" (ESC as ␛, one cell, so the cursor still lines
up) while the value itself is left exactly as stored, so saving the form changes nothing.
"""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text
from textual.widgets import Input

_PICTURES = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421}
"""C0 controls to U+2400..U+241F (␀..␟), DEL to ␡."""


def control_pictures(text: str) -> str:
    """The text with every C0 control character (and DEL) replaced by its picture."""
    return text.translate(_PICTURES)


class ControlPictures(Highlighter):
    """Shows control characters as pictures; the same length, so offsets keep their meaning."""

    def highlight(self, text: Text) -> None:
        text.plain = control_pictures(text.plain)


class TextInput(Input):
    """An Input whose stored value is drawn safely (see the module docstring)."""

    def __init__(self, value: str | None = None, *args, **kwargs) -> None:
        kwargs.setdefault("highlighter", ControlPictures())
        super().__init__(value, *args, **kwargs)
