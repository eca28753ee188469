"""A one-line choice between a few words (out · in · both), driven by keys or the mouse."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ChoiceToggle(Widget, can_focus=True):
    """Pick one of a few options: left/right/space cycle, a letter jumps to the option
    it starts with (or the letter given in `keys`). With `advance`, a letter also moves
    the focus on to the next field, so `f` `n` *text* types the text."""

    BINDINGS: ClassVar = [
        Binding("left,h", "move(-1)", "Previous", show=False),
        Binding("right,l,space", "move(1)", "Next", show=False),
    ]
    DEFAULT_CSS = """
    ChoiceToggle { height: 1; width: auto; padding: 0 1; }
    ChoiceToggle:focus { background: $boost; }
    """

    value: reactive[str] = reactive("", layout=True)

    class Changed(Message):
        def __init__(self, toggle: ChoiceToggle, value: str) -> None:
            super().__init__()
            self.toggle = toggle
            self.value = value

        @property
        def control(self) -> ChoiceToggle:
            return self.toggle

    def __init__(
        self,
        options: list[str],
        value: str | None = None,
        keys: dict[str, str] | None = None,
        *,
        advance: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.options = options
        self.keys = keys or {option[0]: option for option in options}
        self.advance = advance
        self.set_reactive(ChoiceToggle.value, value or options[0])

    def render(self) -> Content:
        parts: list = []
        for index, option in enumerate(self.options):
            if index:
                parts.append(("·", "dim"))
            if option == self.value:
                style = "bold reverse" if self.has_focus else "bold underline"
                parts.append((f" {option} ", style))
            else:
                parts.append((f" {option} ", "dim"))
        return Content.assemble(*parts)

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def action_move(self, step: int) -> None:
        index = self.options.index(self.value)
        self.value = self.options[(index + step) % len(self.options)]

    def on_key(self, event: events.Key) -> None:
        option = self.keys.get(event.character or "")
        if option is not None:
            self.value = option
            event.stop()
            event.prevent_default()
            if self.advance and self.has_focus:
                self.screen.focus_next()

    def on_click(self, event: events.Click) -> None:
        self.action_move(1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
