"""The briefing: everything to read about a person before reaching out, as plain values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pendulum

from connecttui.core import (
    cards,
    clock,
    facts,
    family,
    gifts,
    matching,
    memories,
    occasions,
    patience,
    planning,
    touches,
)
from connecttui.core.deceased import died_line
from connecttui.core.people import get_contact
from connecttui.core.store.models import Contact, Fact, OpenLoop, TouchContact


@dataclass(frozen=True)
class Briefing:
    contact: Contact
    circle: str
    window: tuple[int | None, int | None]
    days_since: int | None
    drift: int
    last_reached_out: str | None  # "you" or "they": who started the latest touch
    recent: list[touches.TimelineRow]
    open_loops: list[OpenLoop]
    coming: list[occasions.Coming]
    facts: list[Fact]
    touch_count: int
    reach_line: str = ""  # patience.reach_out_line: "they reached out last: your turn"
    family: list = field(default_factory=list)  # family.members(...): partner, children...
    gifts: dict = field(default_factory=dict)  # gifts.gifts_of(...): idea / given / received
    matches: list = field(default_factory=list)  # matching.matches(contact): introductions
    memories: list = field(default_factory=list)  # memories.on_this_day(today, contact)
    on_card_list: bool = False  # on this year's holiday card list
    card_id: int | None = None  # that HolidayCard row, to tick or remove
    has_photo: bool = False  # their address book card has a PHOTO (kept in vcard_extra)


def briefing(contact_id: int, today: pendulum.Date, recent: int = 3) -> Briefing:
    """Everything the card shows, read in one go (the TUI calls this from a worker)."""
    contact = get_contact(contact_id)
    row = touches.contact_rows(today, contact_id)[0]
    reach = patience.reach_out(contact_id)
    card = cards.card_of(contact_id, today.year)
    return Briefing(
        contact=contact,
        circle=contact.circle.name if contact.circle else "",
        window=touches.window_of(contact),
        days_since=row.days_since,
        drift=row.drift,
        last_reached_out=reach.last_started,
        recent=touches.timeline(contact_id, limit=recent),
        open_loops=planning.open_loops(contact_id),
        coming=occasions.coming(today, contact_id=contact_id),
        facts=facts.facts_of(contact_id),
        touch_count=TouchContact.select().where(TouchContact.contact == contact_id).count(),
        reach_line="" if contact.deceased else patience.reach_out_line(reach),
        family=family.members(contact_id, today),
        gifts=gifts.gifts_of(contact_id),
        matches=matching.matches(contact_id),
        memories=memories.on_this_day(today, contact_id),
        on_card_list=card is not None,
        card_id=card.id if card is not None else None,
        has_photo=has_photo(contact.vcard_extra),
    )


_PHOTO = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?PHOTO[;:]", re.IGNORECASE | re.MULTILINE)


def has_photo(vcard_extra: str) -> bool:
    """Whether the kept vCard lines hold a PHOTO: a look at the line starts, the picture
    itself (base64, often 50 KB) is never decoded, shown or indexed."""
    return _PHOTO.search(vcard_extra) is not None


def status_line(brief: Briefing) -> str:
    """One line on where things stand: the last touch, the window, who reached out last;
    for someone who has died, that first ("Died 3 March 2024") and no window to keep."""
    parts = [died_line(brief.contact)] if brief.contact.deceased else []
    if brief.days_since is None:
        parts.append("no touch logged yet")
    else:
        parts.append(f"last touch {clock.in_days(-brief.days_since)}")
    ideal, maximum = brief.window
    if ideal and not brief.contact.deceased:
        parts.append(f"window {ideal}-{maximum}d")
    if brief.reach_line:
        parts.append(brief.reach_line)
    return " · ".join(parts)


def match_line(match, contact_id: int) -> str:
    """An introduction seen from one side: "Omar Haddad knows tax law (shared: tax)"."""
    if match.need_contact_id == contact_id:
        return f"{match.offer_name} offers: {match.offer_text} (shared: {', '.join(match.shared)})"
    return f"{match.need_name} needs: {match.need_text} (shared: {', '.join(match.shared)})"


def memory_line(memory) -> str:
    years = "a year ago" if memory.years_ago == 1 else f"{memory.years_ago} years ago"
    return f"{years} today: {memory.note or 'a shared memory'}"


def as_text(brief: Briefing, today: pendulum.Date) -> str:
    """The briefing as plain text for `connecttui show`."""
    c = brief.contact
    lines = [c.name + (f" ({c.nicknames})" if c.nicknames else "")]
    if brief.circle:
        lines[0] += f" · {brief.circle}"
    if brief.has_photo:
        lines[0] += " · has a photo"
    if c.why_care:
        lines.append(f"Why I care: {c.why_care}")
    if c.how_met:
        lines.append(f"How we met: {c.how_met}")
    lines.append(status_line(brief))
    lines.append("")
    lines.append("Last touches:")
    for row in brief.recent or []:
        day = clock.local_day(row.at)
        note = f"  {row.note}" if row.note else ""
        lines.append(f"  {day.format('ddd DD MMM YYYY')}  {row.kind:<8} {row.initiator:<4}{note}")
    if not brief.recent:
        lines.append("  none yet")
    lines.append("Open loops:")
    for loop in brief.open_loops:
        reason = planning.loop_reason(loop.due, today)
        lines.append(f"  {loop.due.format('DD MMM')}  {loop.text} ({reason})")
    if not brief.open_loops:
        lines.append("  none")
    lines.append("Occasions:")
    for item in brief.coming:
        lines.append(f"  {item.date.format('DD MMM YYYY')}  {occasions.describe(item)}")
    if not brief.coming:
        lines.append("  none")
    if brief.family:
        lines.append("Family:")
        lines.extend(f"  {family.describe(member)}" for member in brief.family)
    if brief.facts:
        lines.append("Facts:")
        for fact in brief.facts:
            lines.append(f"  {fact.kind}: {fact.text}")
    if brief.matches:
        lines.append("Introductions you could make:")
        lines.extend(f"  {match_line(m, c.id)}" for m in brief.matches)
    if any(brief.gifts.values()):
        lines.append("Gifts:")
        for status in ("idea", "given", "received"):
            for gift in brief.gifts.get(status, []):
                day = f" ({gift.on.format('D MMM YYYY')})" if gift.on else ""
                lines.append(f"  {status}: {gift.text}{day}")
    if brief.memories:
        lines.append("On this day:")
        lines.extend(f"  {memory_line(m)}" for m in brief.memories)
    if brief.on_card_list:
        lines.append(f"Holiday card: on this year's list ({today.year})")
    if c.notes:
        lines.append("Notes:")
        lines.extend(f"  {line}" for line in c.notes.splitlines())
    return "\n".join(lines)
