"""The Markdown export: a section per contact with everything worth reading, then the cards."""

from __future__ import annotations

import io

import pendulum
import time_machine

from connecttui.core import cards, facts, family, gifts, occasions, people, planning, touches
from connecttui.interop.markdown import export_markdown

NOW = pendulum.datetime(2026, 11, 27, 12, tz="UTC")


def exported(today: pendulum.Date) -> tuple[int, str]:
    stream = io.StringIO()
    count = export_markdown(stream, today)
    return count, stream.getvalue()


def section(text: str, heading: str) -> str:
    """The text of one `## Name` section (up to the next top or second-level heading)."""
    start = text.index(f"\n## {heading}\n")
    ends = [i for i in (text.find("\n## ", start + 1), text.find("\n# ", start + 1)) if i > 0]
    return text[start : min(ends)]


def test_a_section_per_contact_and_the_card_list(db, today):
    with time_machine.travel(NOW, tick=False):
        ada = people.add_contact("Ada Lovelace", circle="inner", why_care="first programmer",
                                 address="12 St James's Square\nLondon", birthday=(1815, 12, 10))
        sam = people.add_contact("Sam King")
        grace = people.add_contact("Grace Hopper")
        family.add_member(ada.id, "partner", linked_id=sam.id)
        family.add_member(ada.id, "child", "Leo", 2017, "football")
        occasions.add_occasion(ada.id, "anniversary", 12, 1, year=2016, partner_id=sam.id)
        facts.add_fact(ada.id, "need", "a tax adviser", tags="tax, money")
        gifts.add_gift(ada.id, "a fountain pen")
        gifts.add_gift(ada.id, "a scarf", "given", on=pendulum.Date(2025, 12, 9))
        planning.add_open_loop(ada.id, "send the book", today.add(days=3))
        for day in range(7):
            touches.log_touch([ada.id], "call", at=NOW.subtract(days=day + 1),
                              note=f"call number {day + 1}")
        touches.log_touch([ada.id, grace.id], "intro", at=NOW, note="met about COBOL")
        cards.mark_sent(cards.add_card(ada.id, 2026).id)
        cards.add_card(grace.id, 2026)
        cards.add_card(sam.id, 2025)  # last year's list is not this year's
    count, text = exported(today)
    assert count == 3
    assert text.startswith("# Contacts (3), 27 Nov 2026\n")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Ada Lovelace", "## Grace Hopper", "## Sam King",
    ]
    ada_text = section(text, "Ada Lovelace")
    for line in [
        "- Circle: inner", "- Why I care: first programmer",
        "- Address: 12 St James's Square, London",
        "- partner: Sam King", "- Leo, 9, football",
        "- 1 Dec 2026: anniversary with Sam King in 4 days (10 years)",
        "- 10 Dec 2026: birthday in 13 days (turns 211)",
        "- need: a tax adviser (tags: tax, money)",
        "- idea: a fountain pen", "- given 9 Dec 2025: a scarf",
        "- 30 Nov 2026: send the book (due in 3 days)",
        "- Fri 27 Nov 2026 · intro · out · with Grace Hopper · met about COBOL",
        "- Thu 26 Nov 2026 · call · out · call number 1",
    ]:
        assert line in ada_text.splitlines(), line
    assert "call number 4" in ada_text  # the last five touches, and no more
    assert "call number 5" not in ada_text
    assert "- 1 Dec 2026: anniversary with Ada Lovelace in 4 days (10 years)" in section(
        text, "Sam King").splitlines()
    assert "met about COBOL" in section(text, "Grace Hopper")
    cards_text = text[text.index("\n# Holiday cards 2026\n"):]
    assert cards_text.splitlines()[2:] == [
        "", "1 of 2 sent.", "",
        "- [x] Ada Lovelace: 12 St James's Square, London",
        "- [ ] Grace Hopper: (no address)",
    ]


def test_user_text_stays_literal_and_on_its_line(db, today):
    ada = people.add_contact("[bold]Ada[/bold] *star*\x1b[2J",
                             why_care="likes [red]red[/red]\n## not a heading")
    facts.add_fact(ada.id, "interest", "bell \x07 and [link=x]y[/link]")
    count, text = exported(today)
    assert count == 1
    assert "## [bold]Ada[/bold] *star*\\x1b[2J\n" in text
    assert "- Why I care: likes [red]red[/red] ## not a heading\n" in text
    assert "- interest: bell \\x07 and [link=x]y[/link]" in text
    assert "\x07" not in text and "\x1b" not in text
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## [bold]Ada[/bold] *star*\\x1b[2J"]


def test_an_empty_database(db, today):
    assert exported(today) == (
        0, "# Contacts (0), 27 Nov 2026\n\n# Holiday cards 2026\n\nNo one on the list yet.\n")
