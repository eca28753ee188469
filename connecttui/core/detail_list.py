"""A contact's facts, family members and gifts as one numbered list, to say which one to
edit or delete.

Why one list: the briefing's `d` picker and the CLI's `fact/family/gift NAME --list`,
`--edit WHICH` and `--delete WHICH` must agree on what "2" means, so both read the order
here (the briefing's own order: facts by kind, family by relation and age, gifts by status).
WHICH is a number from the list or the start of an item's words (or of one of its words:
"fountain" names "a fountain pen", as a name's word names a contact).
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum

from connecttui.core import facts, family, gifts, people
from connecttui.core.errors import Ambiguous, NotFound
from connecttui.core.text import one_line

KINDS = ("fact", "family", "gift")


@dataclass(frozen=True)
class Detail:
    kind: str  # "fact", "family" or "gift"
    id: int
    words: str  # what it says: "a tax adviser", "Leo", "a fountain pen" (WHICH matches it)
    text: str  # one line to show: "need: a tax adviser", "child: Leo, 9, football"


def details_of(contact_id: int, today: pendulum.Date, kinds=KINDS) -> list[Detail]:
    found: list[Detail] = []
    if "fact" in kinds:
        found += [Detail("fact", f.id, f.text, one_line(f"{f.kind}: {f.text}"))
                  for f in facts.facts_of(contact_id)]
    if "family" in kinds:
        for m in family.members(contact_id, today):
            shown = family.describe(m)
            shown = f"child: {shown}" if m.relation == "child" else shown
            found.append(Detail("family", m.id, m.name, one_line(shown)))
    if "gift" in kinds:
        for status, items in gifts.gifts_of(contact_id).items():
            found += [Detail("gift", g.id, g.text, one_line(f"{status}: {g.text}"))
                      for g in items]
    return found


def pick(details: list[Detail], which: str, what: str) -> Detail:
    """The detail `which` names: its number in the list, or the start of its words (an
    exact match of the words wins). Raises NotFound or Ambiguous, listing the candidates."""
    which = which.strip()
    if which.isdigit():
        if 1 <= int(which) <= len(details):
            return details[int(which) - 1]
        shown = f"they are numbered 1 to {len(details)}" if details else "there are none"
        raise NotFound(f"no {what} has the number {which}: {shown}")
    wanted = people.normalize(which)
    exact = [d for d in details if people.normalize(d.words) == wanted]
    chosen = exact or [d for d in details if wanted and any(
        f" {people.normalize(words)}".find(f" {wanted}") >= 0 for words in (d.words, d.text))]
    if not chosen:
        raise NotFound(f'no {what} starts with "{which}"', [d.text for d in details])
    if len(chosen) > 1:
        raise Ambiguous(f'"{which}" could be {len(chosen)} of them: say which by its number',
                        [d.text for d in chosen])
    return chosen[0]
