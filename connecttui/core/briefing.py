"""The briefing: everything to read about a person before reaching out, as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field

import pendulum

from connecttui.core import dates, facts, occasions, planning, touches
from connecttui.core.models import Contact, Fact, OpenLoop, Touch, TouchContact
from connecttui.core.people import get_contact


@dataclass(frozen=True)
class Briefing:
    contact: Contact
    circle: str
    window: tuple[int | None, int | None]
    days_since: int | None
    drift: int
    last_reached_out: str | None  # "you" or "they", from the latest touch that says who started
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


def briefing(contact_id: int, today: pendulum.Date, recent: int = 3) -> Briefing:
    contact = get_contact(contact_id)
    window = touches.window_of(contact)
    row = touches.contact_rows(today, contact_id)[0]
    days, drift = row.days_since, row.drift
    last_started = (
        Touch.select(Touch.initiator)
        .join(TouchContact)
        .where((TouchContact.contact == contact_id) & (Touch.initiator != "both"))
        .order_by(Touch.at.desc())
        .scalar()
    )
    return Briefing(
        contact=contact,
        circle=contact.circle.name if contact.circle else "",
        window=window,
        days_since=days,
        drift=drift,
        last_reached_out={"out": "you", "in": "they"}.get(last_started),
        recent=touches.timeline(contact_id, limit=recent),
        open_loops=planning.open_loops(contact_id),
        coming=occasions.coming(today, contact_id=contact_id),
        facts=facts.facts_of(contact_id),
        touch_count=TouchContact.select().where(TouchContact.contact == contact_id).count(),
    )


def status_line(brief: Briefing) -> str:
    """One line on where things stand: the last touch, the window, who reached out last."""
    parts = []
    if brief.days_since is None:
        parts.append("no touch logged yet")
    else:
        parts.append(f"last touch {dates.in_days(-brief.days_since)}")
    ideal, maximum = brief.window
    if ideal:
        parts.append(f"window {ideal}-{maximum}d")
    if brief.last_reached_out == "they":
        parts.append("they reached out last: your turn")
    elif brief.last_reached_out == "you":
        parts.append("you reached out last")
    return " · ".join(parts)


def as_text(brief: Briefing, today: pendulum.Date) -> str:
    """The briefing as plain text for `connecttui show`."""
    c = brief.contact
    lines = [c.name + (f" ({c.nicknames})" if c.nicknames else "")]
    if brief.circle:
        lines[0] += f" · {brief.circle}"
    if c.why_care:
        lines.append(f"Why I care: {c.why_care}")
    if c.how_met:
        lines.append(f"How we met: {c.how_met}")
    lines.append(status_line(brief))
    lines.append("")
    lines.append("Last touches:")
    for row in brief.recent or []:
        day = dates.local_day(row.at)
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
    if brief.facts:
        lines.append("Facts:")
        for fact in brief.facts:
            lines.append(f"  {fact.kind}: {fact.text}")
    if c.notes:
        lines.append("Notes:")
        lines.extend(f"  {line}" for line in c.notes.splitlines())
    return "\n".join(lines)
