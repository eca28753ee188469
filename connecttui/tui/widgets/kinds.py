"""The log dialog's kind picker: one key picks the kind (c call, m message, ...)."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from connecttui.core.kinds import KIND_LETTERS as KIND_KEYS  # one letter per kind (core)


class KindPicker(Widget, can_focus=True):
    """Shows every kind with its key; a key press picks one and posts Picked."""

    DEFAULT_CSS = """
    KindPicker { height: 2; width: 1fr; }
    KindPicker:focus { background: $boost; }
    """

    kind: reactive[str | None] = reactive(None)

    class Picked(Message):
        def __init__(self, kind: str) -> None:
            super().__init__()
            self.kind = kind

    def render(self) -> Content:
        parts: list = []
        for index, (key, kind) in enumerate(KIND_KEYS.items()):
            if index == 5:
                parts.append("\n")
            elif index:
                parts.append("  ")
            chosen = kind == self.kind
            parts.append((key, "bold reverse" if chosen else "bold $accent"))
            parts.append((f" {kind:<8}", "bold reverse" if chosen else ""))
        return Content.assemble(*parts)

    def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self:
            # Typed ahead: Textual routed this key here before focus moved on after a pick.
            if event.is_printable and hasattr(focused, "insert_text_at_cursor"):
                focused.insert_text_at_cursor(event.character)
                event.stop()
                event.prevent_default()
            return
        if self.pick(event.character or ""):
            event.stop()
            event.prevent_default()

    def pick(self, key: str) -> bool:
        """Pick the kind for a key and move on to the next field at once (synchronously),
        so letters typed right after the kind land in the note, not here."""
        kind = KIND_KEYS.get(key)
        if kind is None:
            return False
        self.kind = kind
        if self.screen.focused is self:
            self.screen.focus_next()
        self.post_message(self.Picked(kind))
        return True

    def on_click(self, event: events.Click) -> None:
        column = event.x // 12
        index = column + (5 if event.y >= 1 else 0)
        kinds = list(KIND_KEYS.values())
        if 0 <= column < 5 and index < len(kinds):
            self.kind = kinds[index]
            self.post_message(self.Picked(self.kind))
