"""Help (`?`): every key, generated from the bindings so it never drifts from them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from connecttui.tui.frames import SteadyFrames
from connecttui.tui.modals.form_base import DialogButtons
from connecttui.tui.widgets.kinds import KIND_KEYS

NAMED_KEYS = {"slash": "/", "question_mark": "?", "escape": "esc", "ctrl+p": "ctrl+p"}


def key_label(keys: str) -> str:
    return " ".join(NAMED_KEYS.get(key, key) for key in keys.split(","))


def binding_rows(keymap: dict[str, str], bindings) -> list[tuple[str, str]]:
    """(keys, what it does) for each binding, from its tooltip or description; a key
    remapped in config.toml ([keys], the app's keymap) shows as remapped."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding):
            remapped = keymap.get(binding.id or "")
            keys = key_label(remapped) if remapped else (
                binding.key_display or key_label(binding.key))
            rows.append((keys, binding.tooltip or binding.description))
    return rows


def _keys(keys: dict[str, str]) -> str:
    return ", ".join(f"{key} {word}" for key, word in keys.items())


def sections(app) -> list[tuple[str, list[tuple[str, str]]]]:
    from connecttui.tui.modals.fact import FACT_KEYS
    from connecttui.tui.modals.family import RELATION_KEYS
    from connecttui.tui.modals.gift import STATUS_KEYS
    from connecttui.tui.screens.briefing import BriefingScreen
    from connecttui.tui.screens.cards import CardsScreen
    from connecttui.tui.screens.main import MainScreen
    from connecttui.tui.screens.plan import PlanScreen
    from connecttui.tui.screens.review import ReviewScreen
    from connecttui.tui.widgets.rowlist import RowList
    from connecttui.tui.widgets.welcome import Welcome

    keymap = getattr(app, "_keymap", {})  # Textual's keymap: set from config.toml [keys]
    moves = [(keys, desc.lower()) for keys, desc in binding_rows(keymap, RowList.BINDINGS)]
    return [
        ("Main screen",
         binding_rows(keymap, MainScreen.BINDINGS)),
        ("First start (no contacts yet)", binding_rows(keymap, Welcome.BINDINGS)),
        ("Lists", moves),
        ("Log dialog (l)",
         [(key, f"kind: {kind}") for key, kind in KIND_KEYS.items()]
         + [("enter", "save"), ("tab shift+tab", "who, who started, when"),
            ("esc", "cancel: nothing is stored")]),
        ("Briefing (enter)", binding_rows(keymap, BriefingScreen.BINDINGS)),
        ("Briefing dialogs (f m g)",
         [("f " + " ".join(FACT_KEYS), "fact: " + _keys(FACT_KEYS)),
          ("m " + " ".join(RELATION_KEYS), "family: " + _keys(RELATION_KEYS)),
          ("g " + " ".join(STATUS_KEYS), "gift: " + _keys(STATUS_KEYS)),
          ("enter", "save"), ("esc", "cancel: nothing is stored")]),
        ("Snooze (z)", [("3 7 1", "snooze for 3, 7 or 14 days"), ("esc", "cancel")]),
        ("Holiday cards (palette)", binding_rows(keymap, CardsScreen.BINDINGS)),
        ("Weekly review (r)",
         binding_rows(keymap, ReviewScreen.BINDINGS)
         + [("tab", "on Done: leave the reflection")]),
        ("Commitment dialog (a)",
         [("enter", "add: a name alone means get in touch"), ("tab", "who, what"),
          ("esc", "cancel")]),
        ("Plan the week (palette)", binding_rows(keymap, PlanScreen.BINDINGS)),
        ("Everywhere", binding_rows(keymap, type(app).BINDINGS)),
    ]


class HelpScreen(SteadyFrames, ModalScreen[None]):
    BINDINGS: ClassVar = [Binding("escape,question_mark,q", "dismiss", "Close", show=False)]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: 90%; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    HelpScreen DialogButtons { padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        parts: list = [("Keys", "bold $accent"), ("   esc closes\n", "$text-muted")]
        for title, rows in sections(self.app):
            parts.append((f"\n{title}\n", "bold"))
            for keys, description in rows:
                parts += [(f"  {keys:<16}", "bold $accent"), description + "\n"]
        with VerticalScroll():
            yield Static(Content.assemble(*parts), id="help-text")
            yield DialogButtons("Close", None, save_action="screen.dismiss")

    def action_dismiss(self) -> None:
        self.dismiss(None)
