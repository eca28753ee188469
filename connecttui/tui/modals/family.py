"""The family dialog (`m` in the briefing): a partner, child or other relative by name.

`m` `c` *Leo* `tab` *2017* `tab` *football* `enter` stores a child born in 2017 who plays
football; the briefing then shows "Leo, 9, football". The birth year is optional.

A relative may be a contact of their own: when the name is exactly one contact's name or
nickname, a live hint under it says "→ links to the contact Sam Taylor" and saving links the
two (the name then follows renames, and their birthday gives an exact age). The relation is
also stored the other way round on the linked contact (a partner's partner, a child's
parent), unless they already name this contact, so both cards show it. The `#link` toggle
(`n` name only) stores just the name instead. It is the last field, so the tab order of the
usual `m` `c` *Leo* `tab` *2017* is the same whether or not the name matches someone.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.widget import Widget
from textual.widgets import Input, Label

from connecttui.core import family, people
from connecttui.core.commands import details
from connecttui.core.errors import UserError
from connecttui.core.store.models import FamilyMember
from connecttui.tui.modals.form_base import NameHints
from connecttui.tui.modals.quick import QuickForm, field, row
from connecttui.tui.widgets.choice import ChoiceToggle

RELATION_KEYS = {"p": "partner", "c": "child", "r": "parent", "s": "sibling", "o": "other"}
"""One key per relation: r for paRent, since p is partner."""

REVERSE = family.REVERSE
"""The relation seen from the linked contact's side; "other" has no reverse."""

LINK = ["link", "name only"]


def read_year(text: str) -> int | None:
    """The birth year field: empty for unknown, else four digits (the range is the core's)."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise UserError(f'birth year is a year like 2017, not "{text}"')
    return int(text)


def exact_contact(name: str, exclude: int | None = None) -> people.NameMatch | None:
    """The one contact whose name or a nickname is exactly `name` (any case or accents),
    or None: a partial match or two people of that name are "just a name". `exclude` (the
    contact whose family this is) never counts: someone is not their own relative."""
    if not name.strip():
        return None
    exact = [m for m in people.match_name(name.strip()) if m.exact and m.id != exclude]
    return exact[0] if len(exact) == 1 else None


def link_hint(match: people.NameMatch | None) -> str:
    return f"→ links to the contact {match.name}" if match is not None else "just a name"


def add_linked(contact_id: int, relation: str, linked_id: int, *, birth_year: int | None = None,
               activities: str = "") -> FamilyMember:
    """Add a relative who is a contact, and the relation back on that contact (a child's
    parent, a partner's partner) unless they already link back: one core command."""
    return details.add_member(contact_id, relation, birth_year=birth_year,
                              activities=activities, linked_id=linked_id)


class FamilyForm(NameHints, QuickForm):
    hint_group = "family-name"

    heading = "Family of"
    keys_help = "p/c/r/s/o who · enter save · tab next field · n name only · esc cancel"

    model = FamilyMember

    def fields(self) -> Iterable[Widget]:
        member = self.row
        relations = ChoiceToggle(list(RELATION_KEYS.values()),
                                 member.relation if member else "child", RELATION_KEYS,
                                 advance=True, id="kind")
        yield row("Who (p/c/r/s/o)", relations)
        name = field("Name", "name", "Leo, or a contact's name", member.name if member else "")
        name.add_class("hinted")
        yield name
        yield Label("just a name", id="name-hint", classes="hint")
        year = str(member.birth_year) if member and member.birth_year else ""
        yield field("Birth year", "year", "2017 (optional)", year)
        yield field("Activities", "activities", "football, piano",
                    member.activities if member else "")
        if member is None:  # an edit keeps the link as it is
            yield row("Contact (l/n)", ChoiceToggle(LINK, "link", id="link"))

    @on(Input.Changed, "#name")
    def _name_changed(self, event: Input.Changed) -> None:
        self.show_name_hint("#name-hint", self._link_hint, event.value)

    def _link_hint(self, text: str) -> str:
        """Whether the name links to a contact (never this one)."""
        try:
            return link_hint(exact_contact(text, self.contact_id))
        except UserError as error:
            return str(error)

    def store(self) -> int:
        relation = self.query_one("#kind", ChoiceToggle).value
        name = self.text("name")
        birth_year = read_year(self.text("year"))
        activities = self.text("activities").strip()
        if self.row_id is not None:
            return details.edit_member(self.row_id, relation, name, birth_year, activities).id
        match = None
        if self.query_one("#link", ChoiceToggle).value == "link":
            match = exact_contact(name, self.contact_id)
        if match is not None:
            member = add_linked(self.contact_id, relation, match.id, birth_year=birth_year,
                                activities=activities)
        else:
            member = details.add_member(self.contact_id, relation, name,
                                        birth_year=birth_year, activities=activities)
        return member.id
