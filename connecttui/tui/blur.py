"""The privacy blur (`b`, or `start_blurred = true`), for sharing the screen: notes, facts,
family details, gifts, memories and search snippets are drawn as "•••"; names, dates and
the reasons a suggestion is there stay. The state lives on the app (`app.blurred`); every
view that shows private text asks `is_blurred` when it draws and `follow`s the state, so a
toggle redraws it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from connecttui.core.suggestion import Suggestion

MASK = "•••"


def is_blurred(node: Any) -> bool:
    """Whether the app a widget or screen belongs to is blurred (False before it has one)."""
    try:
        return bool(getattr(node.app, "blurred", False))
    except Exception:  # no active app (a widget drawn outside one)
        return False


def mask(text: str, blurred: bool) -> str:
    """The text, or the mask when blurred (an empty text stays empty)."""
    return MASK if blurred and text else text


def follow(node: Any, callback: Callable[[], None]) -> None:
    """Call `callback` each time the blur is toggled (from the node's on_mount)."""
    if hasattr(node.app, "blurred"):
        node.watch(node.app, "blurred", lambda _value: callback(), init=False)


def suggestion_text(item: Suggestion, blurred: bool) -> str:
    """An upcoming row's text: blurred, an open loop, a gift idea, a memory or an introduction
    keeps its person and its reason and loses its words."""
    if not blurred:
        return item.text
    if item.kind in ("loop", "gift", "memory"):
        return f"{item.contact_name}: {MASK} ({item.reason})"
    if item.kind == "intro":
        return f"{item.contact_name}: {MASK} (an introduction to make)"
    return item.text
