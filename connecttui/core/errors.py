"""Errors a user can cause and fix. The CLI prints them in one line; dialogs show them inline.

Anything else that goes wrong is a bug and is allowed to surface as one.
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a state the user can change: said in one clear sentence, nothing stored."""


class NotFound(UserError):
    """No contact (or other record) matches what the user typed."""

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class Ambiguous(UserError):
    """Several contacts match a name; the candidates are listed, never guessed between."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates


class FutureTouch(UserError):
    """A touch dated after now: logged only when the caller says it is meant (`--future`,
    or a confirmation in the TUI). A planned meeting is an open loop, not a touch."""

    def __init__(self, at, when: str) -> None:
        super().__init__(f"{when} is in the future: a touch is logged once it has happened "
                         "(a planned meeting is an open loop)")
        self.at = at
        """The moment asked for (UTC)."""
        self.when = when
        """That moment as the user reads it: "Tue 15 Dec 2026, 15:00"."""
