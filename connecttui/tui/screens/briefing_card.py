"""The briefing card's text: every section, in the order you read before reaching out.

Why you care, how you met, where things stand and who reached out last, the last three
touches, open loops, family with ages, interests / needs / offers, introductions to make,
gifts, occasions with their lead time, memories of this day, this year's holiday card, notes.
Everything is one Content built from (text, style) pieces: user text goes in as plain text,
never markup. `render` runs in the briefing's worker, inside `reading()`. Under the privacy
blur, what you wrote about them (notes, facts, family, gifts, memories) is drawn as "•••".
"""

from __future__ import annotations

from connecttui.core import (
    briefing,
    clock,
    facts,
    family,
    matching,
    memories,
    occasions,
    planning,
)
from connecttui.core.store.models import HolidayCard
from connecttui.core.text import one_line, printable
from connecttui.tui.blur import MASK, mask

HEADING = "bold $accent"
DIM = "$text-muted"
DRIFT_STYLE = {0: "", 1: "$warning", 2: "bold $error"}


def _head(parts: list, title: str) -> None:
    parts.append((f"\n{title}\n", HEADING))


def _hint(parts: list, text: str) -> None:
    parts.append((f"  {text}\n", DIM))


def _top(parts: list, brief: briefing.Briefing, blurred: bool) -> None:
    c = brief.contact
    parts.append((printable(c.name), "bold"))
    if c.nicknames:
        parts.append((f"  ({printable(c.nicknames)})", DIM))
    if brief.circle:
        parts.append((f"  · {printable(brief.circle)}", DIM))
    if brief.has_photo:
        parts.append(("  · has a photo", DIM))
    parts.append("\n")
    if c.why_care:
        parts += [("Why I care  ", HEADING), mask(one_line(c.why_care), blurred), "\n"]
    if c.how_met:
        parts += [("How we met  ", HEADING), mask(one_line(c.how_met), blurred), "\n"]
    status = briefing.status_line(brief)
    parts += [(status, DRIFT_STYLE[brief.drift]), "\n"]
    if brief.reach_line and brief.reach_line not in status:
        style = "$warning" if "space" in brief.reach_line else "$accent"
        parts += [(brief.reach_line, style), "\n"]


def _touches(parts: list, brief: briefing.Briefing, blurred: bool) -> None:
    parts.append(("\nLast touches", HEADING))
    parts.append((f"  ({brief.touch_count} in all)\n", DIM))
    for row in brief.recent:
        day = clock.local_day(row.at).format("ddd DD MMM YYYY")
        parts += [(f"  {day}  ", DIM), (f"{row.kind:<8} ", "$accent"), (f"{row.initiator:<5}", DIM)]
        parts.append(mask(one_line(row.note), blurred) + "\n")
    if not brief.recent:
        _hint(parts, "none yet: press l to log one")


def _loops(parts: list, brief: briefing.Briefing, today, blurred: bool) -> None:
    _head(parts, "Open loops")
    for loop in brief.open_loops:
        reason = planning.loop_reason(loop.due, today)
        style = "$error" if "overdue" in reason else ("$warning" if reason == "due today" else DIM)
        parts += [(f"  {loop.due.format('DD MMM')}  ", DIM), mask(one_line(loop.text), blurred),
                  (f"  ({reason})\n", style)]
    if not brief.open_loops:
        _hint(parts, "none: press p to add one")


def _family(parts: list, brief: briefing.Briefing, blurred: bool) -> None:
    _head(parts, "Family")
    for member in brief.family:
        parts += [(f"  {member.relation:<9}", DIM)]
        line = family.describe(member).removeprefix(f"{member.relation}: ")
        parts.append(mask(one_line(line), blurred) + "\n")
    if not brief.family:
        _hint(parts, "none: press m to add a partner, child or other relative")


def _facts(parts: list, brief: briefing.Briefing, blurred: bool) -> None:
    _head(parts, "Interests, needs and offers")
    for fact in brief.facts:
        parts += [(f"  {fact.kind:<9}", DIM), mask(one_line(facts.plain_text(fact.text)), blurred)]
        tags = [] if blurred else facts.tags_of(fact)
        if tags:
            parts.append(("  " + " ".join("#" + printable(tag) for tag in tags), DIM))
        parts.append("\n")
    if not brief.facts:
        _hint(parts, "none: press f to add an interest, a need or an offer")


def _matches(parts: list, brief: briefing.Briefing, blurred: bool) -> None:
    if not brief.matches:
        return
    _head(parts, "Possible introductions")
    if blurred:
        parts.append(f"  {MASK}\n")
        return
    for match in brief.matches:
        if match.need_contact_id == brief.contact.id:
            line = matching.phrase(match.offer_name, "offers", match.offer_text)
        else:
            line = matching.phrase(match.need_name, "needs", match.need_text)
        parts += ["  " + one_line(line), (f" (shared: {', '.join(match.shared)})\n", DIM)]


def _gifts(parts: list, brief: briefing.Briefing, blurred: bool) -> None:
    _head(parts, "Gifts")
    titles = {item.occasion_id: item.title for item in brief.coming}
    shown = 0
    for status, label in (("idea", "idea"), ("given", "given"), ("received", "received")):
        for gift in brief.gifts.get(status, []):
            shown += 1
            parts.append((f"  {label:<9}", DIM))
            if gift.on is not None:
                parts.append((gift.on.format("DD MMM YYYY") + "  ", DIM))
            parts.append(mask(one_line(gift.text), blurred))
            if gift.occasion_id in titles:
                parts.append((f"  (for {one_line(titles[gift.occasion_id])})", DIM))
            parts.append("\n")
    if not shown:
        _hint(parts, "none: press g to note a gift idea")


def _occasions(parts: list, brief: briefing.Briefing) -> None:
    _head(parts, "Occasions")
    for item in brief.coming:
        text = occasions.describe(item)
        parts += [(f"  {item.date.format('DD MMM YYYY')}  ", DIM), printable(text)]
        if item.lead_days and "lead time" not in text:
            parts.append((f"  ({item.lead_days}-day lead time)", DIM))
        parts.append("\n")
    if not brief.coming:
        _hint(parts, "none: press o to add a birthday or anniversary")


def _memories(parts: list, brief: briefing.Briefing, blurred: bool) -> None:
    if not brief.memories:
        return
    _head(parts, "On this day")
    for memory in brief.memories:
        others = [name for cid, name in zip(memory.contact_ids, memory.names, strict=False)
                  if cid != brief.contact.id]
        parts += [(f"  {memories.years_ago_text(memory.years_ago)}: ", DIM),
                  mask(one_line(memory.note), blurred) or "a shared memory"]
        if others:
            parts.append((f" (with {one_line(', '.join(others))})", DIM))
        parts.append("\n")


def _card(parts: list, brief: briefing.Briefing, today) -> None:
    card = HolidayCard.get_or_none(HolidayCard.id == brief.card_id) if brief.on_card_list else None
    parts.append((f"\nHoliday card {today.year}  ", HEADING))
    if card is None:
        parts.append(("not on this year's list: press c to add\n", DIM))
    elif card.sent_at is not None:
        parts.append("on this year's list · sent\n")
    else:
        parts.append("on this year's list · not sent yet")
        parts.append(("  (c takes them off)\n", DIM))


def sections(brief: briefing.Briefing, today, blurred: bool = False) -> list:
    """The (text, style) pieces of the whole card (private text masked when `blurred`)."""
    parts: list = []
    _top(parts, brief, blurred)
    _touches(parts, brief, blurred)
    _loops(parts, brief, today, blurred)
    _family(parts, brief, blurred)
    _facts(parts, brief, blurred)
    _matches(parts, brief, blurred)
    _gifts(parts, brief, blurred)
    _occasions(parts, brief)
    _memories(parts, brief, blurred)
    _card(parts, brief, today)
    c = brief.contact
    if c.notes:
        _head(parts, "Notes")
        for line in [MASK] if blurred else c.notes.splitlines():
            parts.append("  " + printable(line) + "\n")
    return parts
