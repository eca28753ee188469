"""What every importer produces: one `Card` per person, in the product's words.

Parsers (vCard, Google CSV, Monica) only read their format into cards; `importing` decides
what is added, merged or skipped, and writes it all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

YearlyDate = tuple[int | None, int, int]
"""(year or None, month, day), as dates.parse_yearly returns it."""


@dataclass
class CardDate:
    """An anniversary or another yearly date from the other program."""

    kind: str  # "anniversary" or "custom"
    date: YearlyDate
    label: str = ""  # "wedding", or the other program's own label for a custom date


@dataclass
class CardRelative:
    """A related person: `relation` is one of models.RELATIONS."""

    relation: str
    name: str
    label: str = ""  # the other program's word ("Spouse", "_$!<Mother>!$_", "co-worker")


@dataclass
class CardTouch:
    """A past interaction (Monica activities and calls)."""

    at: str  # ISO 8601 date or date-time
    kind: str  # one of models.KINDS
    note: str = ""
    initiator: str = "out"
    with_names: list[str] = field(default_factory=list)  # other people it was with


@dataclass
class CardGift:
    text: str
    status: str = "idea"  # idea, given, received
    on: str | None = None  # ISO date


@dataclass
class Card:
    """One person as another program described them."""

    name: str
    uid: str = ""  # the other program's stable id (vCard UID, Monica uuid)
    nicknames: list[str] = field(default_factory=list)
    emails: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    phones: list[tuple[str, str]] = field(default_factory=list)
    addresses: list[tuple[str, str]] = field(default_factory=list)  # (label, one-line address)
    org: str = ""
    title: str = ""
    urls: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""
    categories: list[str] = field(default_factory=list)  # tags; a known circle name is used
    birthday: YearlyDate | None = None
    dates: list[CardDate] = field(default_factory=list)
    relatives: list[CardRelative] = field(default_factory=list)
    touches: list[CardTouch] = field(default_factory=list)
    gifts: list[CardGift] = field(default_factory=list)
    window_days: int | None = None  # Monica's stay-in-touch frequency
    met_through: str = ""  # the name of who introduced you (Monica)
    how_met: str = ""
    deceased: bool = False  # they have died (Monica's is_dead)
    deceased_on: str | None = None  # the day, as an ISO date, when it is known
    extra: list[str] = field(default_factory=list)  # vCard lines kept as read (vcard_lines)
    line: int = 0  # where the card starts in its file, for messages


@dataclass
class Skipped:
    """Something an importer could not read: where, and why (in one sentence)."""

    where: str  # "line 12", "row 4", "contact 3"
    reason: str
