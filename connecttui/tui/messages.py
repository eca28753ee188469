"""Messages that thread workers post back to the UI thread with what they read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class ContactsLoaded(Message):
    rows: list[Any]


@dataclass
class ContactsPatched(Message):
    """Fresh rows for a few contacts (a touch logged here): patched into the list in place,
    where reading all 10k again would cost ~110 ms of threads sharing the interpreter."""

    rows: list[Any]
    wanted: frozenset[int]
    """The contacts asked for: one with no row (deleted meanwhile) makes the list read again."""


@dataclass
class TimelineLoaded(Message):
    contact_id: int | None
    rows: list[Any]


@dataclass
class UpcomingLoaded(Message):
    items: list[Any]


@dataclass
class DataChanged(Message):
    """Something changed the database (this app, a CLI logger or another process)."""
