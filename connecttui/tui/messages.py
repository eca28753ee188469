"""Messages that thread workers post back to the UI thread with what they read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class ContactsLoaded(Message):
    rows: list[Any]


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
