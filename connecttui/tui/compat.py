"""Textual's private parts that connecttui relies on, in one place.

Each one is used through a function here that checks it is still there and falls back to
something safe when it is not, and tests/tui/test_compat.py fails when Textual changes
underneath, so an upgrade shows what to look at instead of breaking at a user's desk.
"""

from __future__ import annotations

from textual.message import Message


def message_stopped(message: Message) -> bool:
    """Did a handler stop the message bubbling (`Message.stop()`)? Textual has no public
    question for it; False when the flag is gone (the caller then waits its fallback)."""
    return bool(getattr(message, "_stop_propagation", False))
