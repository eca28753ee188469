"""The fact dialog (`f` in the briefing): what you learned, in a few keys.

`f` `n` *needs a tax adviser* `tab` *tax* `enter` stores a need tagged "tax". Tags may also be
written as #words in the text; the core reads both. Needs and offers that share a tag or a
word are suggested as introductions. Opened on a stored fact (the briefing's `d` picker, `e`)
it is filled in and saving changes that fact.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from connecttui.core.commands import details
from connecttui.core.store.models import Fact
from connecttui.tui.modals.quick import QuickForm, field, row
from connecttui.tui.widgets.choice import ChoiceToggle

FACT_KEYS = {"i": "interest", "n": "need", "o": "offer", "x": "other"}
"""One key per kind of fact: x for "other", since o is offer."""


class FactForm(QuickForm):
    heading = "Fact about"
    keys_help = "i interest · n need · o offer · x other · enter save · esc cancel"
    model = Fact

    def fields(self) -> Iterable[Widget]:
        fact = self.row
        kinds = ChoiceToggle(list(FACT_KEYS.values()), fact.kind if fact else "interest",
                             FACT_KEYS, advance=True, id="kind")
        yield row("Kind (i/n/o/x)", kinds)
        yield field("What", "text", "likes sailing; needs a tax adviser; knows tax law",
                    fact.text if fact else "")
        yield field("Tags", "tags", "comma-separated: tax, sailing (or #tax in the text)",
                    fact.tags.replace(",", ", ") if fact else "")

    def store(self) -> int:
        kind = self.query_one("#kind", ChoiceToggle).value
        if self.row_id is not None:
            return details.edit_fact(self.row_id, kind, self.text("text"), self.text("tags")).id
        return details.add_fact(self.contact_id, kind, self.text("text"), self.text("tags")).id
