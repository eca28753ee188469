"""A readable Markdown dump: one section per contact, then this year's holiday-card list.

Not a backup (that is the JSON export): it is for reading, printing, or keeping in a notes
folder. User text is written as typed, only folded to one line and with control characters
made visible, so a name like "[bold]Ada" or a note with a terminal escape can neither change
the document's structure nor the terminal it is printed in.
"""

from __future__ import annotations

from typing import IO

import pendulum

from connecttui.core import cards, clock, facts, family, gifts, occasions, planning, touches
from connecttui.core.people import normalize
from connecttui.core.store.models import Contact
from connecttui.core.text import one_line

RECENT_TOUCHES = 5


def _address(text: str) -> str:
    """A postal address on one line: its lines joined with commas."""
    return ", ".join(one_line(line) for line in text.splitlines() if line.strip())


def _section(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return ["", f"### {title}", "", *(f"- {item}" for item in items)]


def contact_section(contact: Contact, today: pendulum.Date) -> list[str]:
    """The lines of one contact's section, headed "## Name"."""
    lines = [f"## {one_line(contact.name)}", ""]
    about = []
    if contact.nicknames:
        about.append(f"- Also known as: {one_line(contact.nicknames)}")
    about.append(f"- Circle: {one_line(contact.circle.name) if contact.circle else 'none'}")
    if contact.why_care:
        about.append(f"- Why I care: {one_line(contact.why_care)}")
    if contact.how_met:
        about.append(f"- How we met: {one_line(contact.how_met)}")
    if contact.address:
        about.append(f"- Address: {_address(contact.address)}")
    lines.extend(about)

    lines += _section("Family", [one_line(family.describe(m))
                                 for m in family.members(contact.id, today)])
    lines += _section("Occasions", [
        f"{item.date.format('D MMM YYYY')}: {one_line(occasions.describe(item))}"
        for item in occasions.coming(today, contact_id=contact.id)
    ])
    lines += _section("Facts", [_fact(fact) for fact in facts.facts_of(contact.id)])
    by_status = gifts.gifts_of(contact.id)
    lines += _section("Gifts", [
        f"{status}" + (f" {gift.on.format('D MMM YYYY')}" if gift.on else "")
        + f": {one_line(gift.text)}"
        for status in ("idea", "given", "received") for gift in by_status.get(status, [])
    ])
    lines += _section("Open loops", [
        f"{loop.due.format('D MMM YYYY')}: {one_line(loop.text)}"
        f" ({planning.loop_reason(loop.due, today)})"
        for loop in planning.open_loops(contact.id)
    ])
    lines += _section("Last touches", [_touch(row, contact.id)
                                       for row in touches.timeline(contact.id, RECENT_TOUCHES)])
    return lines


def _fact(fact) -> str:
    tags = one_line(", ".join(tag for tag in fact.tags.split(",") if tag))
    return f"{fact.kind}: {one_line(fact.text)}" + (f" (tags: {tags})" if tags else "")


def _touch(row: touches.TimelineRow, contact_id: int) -> str:
    day = clock.local_day(row.at).format("ddd D MMM YYYY")
    others = [name for cid, name in zip(row.contact_ids, row.names, strict=True)
              if cid != contact_id]
    text = f"{day} · {row.kind} · {row.initiator}"
    if others:
        text += f" · with {one_line(', '.join(others))}"
    return text + (f" · {one_line(row.note)}" if row.note.strip() else "")


def card_section(year: int) -> list[str]:
    """ "# Holiday cards {year}" with each card's address and [x] sent / [ ] not yet."""
    rows = cards.card_list(year)
    sent = sum(1 for row in rows if row.sent)
    lines = [f"# Holiday cards {year}", ""]
    if not rows:
        return [*lines, "No one on the list yet."]
    lines.append(f"{sent} of {len(rows)} sent.")
    lines.append("")
    for row in rows:
        address = _address(row.address) or "(no address)"
        lines.append(f"- [{'x' if row.sent else ' '}] {one_line(row.name)}: {address}")
    return lines


def export_markdown(stream: IO[str], today: pendulum.Date) -> int:
    """Write every contact (by name) and this year's card list; return how many contacts."""
    contacts = sorted(Contact.select(), key=lambda c: (normalize(c.name), c.id))
    stream.write(f"# Contacts ({len(contacts)}), {today.format('D MMM YYYY')}\n")
    for contact in contacts:
        stream.write("\n" + "\n".join(contact_section(contact, today)) + "\n")
    stream.write("\n" + "\n".join(card_section(today.year)) + "\n")
    return len(contacts)
