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
