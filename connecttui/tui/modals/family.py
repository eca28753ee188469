"""The family dialog (`m` in the briefing): a partner, child or other relative by name.

`m` `c` *Leo* `tab` *2017* `tab` *football* `enter` stores a child born in 2017 who plays
football; the briefing then shows "Leo, 9, football". The birth year is optional.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from connecttui.core import family
from connecttui.core.errors import UserError
from connecttui.tui.modals.quick import QuickForm, field, row
from connecttui.tui.widgets.choice import ChoiceToggle

RELATION_KEYS = {"p": "partner", "c": "child", "r": "parent", "s": "sibling", "o": "other"}
"""One key per relation: r for paRent, since p is partner."""


def read_year(text: str) -> int | None:
    """The birth year field: empty for unknown, else four digits (the range is the core's)."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise UserError(f'birth year is a year like 2017, not "{text}"')
    return int(text)


class FamilyForm(QuickForm):
    heading = "Family of"
    keys_help = "p/c/r/s/o who · enter save · tab next field · esc cancel"

    def fields(self) -> Iterable[Widget]:
        relations = ChoiceToggle(list(RELATION_KEYS.values()), "child", RELATION_KEYS,
                                 advance=True, id="kind")
        yield row("Who (p/c/r/s/o)", relations)
        yield field("Name", "name", "Leo")
        yield field("Birth year", "year", "2017 (optional)")
        yield field("Activities", "activities", "football, piano")

    def store(self) -> int:
        member = family.add_member(
            self.contact_id, self.query_one("#kind", ChoiceToggle).value, self.text("name"),
            birth_year=read_year(self.text("year")), activities=self.text("activities").strip(),
        )
        return member.id
