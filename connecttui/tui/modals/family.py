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

from textual import on, work
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label

from connecttui.core import family, people
from connecttui.core.errors import UserError
from connecttui.core.store.db import reading, transaction
from connecttui.core.store.models import FamilyMember
from connecttui.core.text import printable
from connecttui.tui.modals.quick import QuickForm, field, row
from connecttui.tui.widgets.choice import ChoiceToggle

RELATION_KEYS = {"p": "partner", "c": "child", "r": "parent", "s": "sibling", "o": "other"}
"""One key per relation: r for paRent, since p is partner."""

REVERSE = {"partner": "partner", "child": "parent", "parent": "child", "sibling": "sibling"}
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
    parent, a partner's partner) unless they already link back: one transaction."""
    with transaction():
        member = family.add_member(contact_id, relation, "", birth_year=birth_year,
                                   activities=activities, linked_id=linked_id)
        back = REVERSE.get(relation)
        linked_back = FamilyMember.select().where(
            (FamilyMember.contact == linked_id) & (FamilyMember.linked == contact_id)
        ).exists()
        if back is not None and not linked_back:
            family.add_member(linked_id, back, "", linked_id=contact_id)
    return member


class FamilyForm(QuickForm):
    heading = "Family of"
    keys_help = "p/c/r/s/o who · enter save · tab next field · n name only · esc cancel"

    DEFAULT_CSS = """
    FamilyForm .row.hinted { margin-bottom: 0; }
    FamilyForm .hint { color: $text-muted; padding-left: 16; width: 100%; margin-bottom: 1; }
    """

    def fields(self) -> Iterable[Widget]:
        relations = ChoiceToggle(list(RELATION_KEYS.values()), "child", RELATION_KEYS,
                                 advance=True, id="kind")
        yield row("Who (p/c/r/s/o)", relations)
        name = field("Name", "name", "Leo, or a contact's name")
        name.add_class("hinted")
        yield name
        yield Label("just a name", id="name-hint", classes="hint")
        yield field("Birth year", "year", "2017 (optional)")
        yield field("Activities", "activities", "football, piano")
        yield row("Contact (l/n)", ChoiceToggle(LINK, "link", id="link"))

    @on(Input.Changed, "#name")
    def _name_changed(self, event: Input.Changed) -> None:
        self._resolve_name(event.value)

    @work(thread=True, exclusive=True, group="family-name", exit_on_error=False)
    def _resolve_name(self, text: str) -> None:
        """Say whether the name links to a contact, in a worker: matching reads every name."""
        try:
            with reading():
                hint = link_hint(exact_contact(text, self.contact_id))
        except UserError as error:
            hint = str(error)
        self.app.call_from_thread(self._set_hint, printable(hint))

    def _set_hint(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#name-hint", Label).update(Content(text))

    def store(self) -> int:
        relation = self.query_one("#kind", ChoiceToggle).value
        name = self.text("name")
        birth_year = read_year(self.text("year"))
        activities = self.text("activities").strip()
        match = None
        if self.query_one("#link", ChoiceToggle).value == "link":
            match = exact_contact(name, self.contact_id)
        if match is not None:
            member = add_linked(self.contact_id, relation, match.id, birth_year=birth_year,
                                activities=activities)
        else:
            member = family.add_member(self.contact_id, relation, name,
                                       birth_year=birth_year, activities=activities)
        return member.id
