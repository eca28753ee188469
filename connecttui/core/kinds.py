"""The one-letter names of the touch kinds, shared by both faces: the log dialog's kind
picker (tui/widgets/kinds.py) and the CLI's `--kind` take the same letters, so they are
defined once here, next to nothing that needs a terminal."""

from __future__ import annotations

KIND_LETTERS = {
    "c": "call", "m": "message", "t": "together", "s": "social", "h": "help",
    "i": "intro", "g": "gift", "n": "card", "r": "memory", "o": "other",
}
"""One letter per kind (store/models.py KINDS, in its order), as PRODUCT.md lists them."""
