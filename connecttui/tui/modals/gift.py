"""The gift dialog (`g` in the briefing): an idea, or a gift given or received.

`g` *a fountain pen* `enter` stores an idea; `g` `g` *...* stores a gift given today. A gift
may be tied to one of the contact's occasions (then the idea comes up in Upcoming when the
occasion's lead time starts). Giving something very like a gift already given to the same
person is stored, and the core's warning is shown as a notification. Opened on a stored gift
(the briefing's `d` picker, `e`) it is filled in and saving changes that gift.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from connecttui.core import clock, occasions
from connecttui.core.commands import details
from connecttui.core.store.models import Gift
from connecttui.core.text import one_line, printable
from connecttui.tui.modals.quick import QuickForm, field, row
from connecttui.tui.widgets.choice import ChoiceToggle

STATUS_KEYS = {"i": "idea", "g": "given", "r": "received"}
NO_OCCASION = "none"


def occasion_choices(contact_id: int) -> dict[str, int | None]:
    """The toggle's words for the contact's occasions (made unique) and their ids."""
    choices: dict[str, int | None] = {NO_OCCASION: None}
    for item in occasions.coming(clock.today(), contact_id=contact_id):
        label = one_line(item.title)
        if label in choices:
            label = f"{label} {item.date.format('D MMM')}"
        choices[label] = item.occasion_id
    return choices


class GiftForm(QuickForm):
    heading = "Gift for"
    keys_help = "i/g/r status · enter save · tab next field · esc cancel"
    model = Gift

    def __init__(self, contact_id: int, row_id: int | None = None) -> None:
        super().__init__(contact_id, row_id)
        self.choices = occasion_choices(contact_id)  # read before the dialog opens

    def fields(self) -> Iterable[Widget]:
        gift = self.row
        yield row("Status (i/g/r)", ChoiceToggle(list(STATUS_KEYS.values()),
                                                  gift.status if gift else "idea",
                                                  STATUS_KEYS, advance=True, id="kind"))
        yield field("What", "text", "a fountain pen", gift.text if gift else "")
        keys: dict[str, str] = {}
        for label in self.choices:
            keys.setdefault(label[:1].lower(), label)
        chosen = next((label for label, ref in self.choices.items()
                       if gift is not None and ref == gift.occasion_id), NO_OCCASION)
        occasion = ChoiceToggle(list(self.choices), chosen, keys, id="occasion")
        yield row("For occasion", occasion)

    def store(self) -> int:
        occasion = self.choices[self.query_one("#occasion", ChoiceToggle).value]
        status = self.query_one("#kind", ChoiceToggle).value
        if self.row_id is not None:
            gift, warning = details.edit_gift(self.row_id, self.text("text"), status,
                                              occasion_id=occasion)
        else:
            gift, warning = details.add_gift(self.contact_id, self.text("text"), status,
                                             occasion_id=occasion)
        if warning:
            self.app.notify(printable(warning), severity="warning", markup=False)
        return gift.id
