"""The gift dialog (`g` in the briefing): an idea, or a gift given or received.

`g` *a fountain pen* `enter` stores an idea; `g` `g` *...* stores a gift given today. A gift
may be tied to one of the contact's occasions (then the idea comes up in Upcoming when the
occasion's lead time starts). Giving something very like a gift already given to the same
person is stored, and the core's warning is shown as a notification.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from connecttui.core import dates, gifts, occasions
from connecttui.core.text import one_line, printable
from connecttui.tui.modals.quick import QuickForm, field, row
from connecttui.tui.widgets.choice import ChoiceToggle

STATUS_KEYS = {"i": "idea", "g": "given", "r": "received"}
NO_OCCASION = "none"


def occasion_choices(contact_id: int) -> dict[str, int | None]:
    """The toggle's words for the contact's occasions (made unique) and their ids."""
    choices: dict[str, int | None] = {NO_OCCASION: None}
    for item in occasions.coming(dates.today(), contact_id=contact_id):
        label = one_line(item.title)
        if label in choices:
            label = f"{label} {item.date.format('D MMM')}"
        choices[label] = item.occasion_id
    return choices


class GiftForm(QuickForm):
    heading = "Gift for"
    keys_help = "i/g/r status · enter save · tab next field · esc cancel"

    def __init__(self, contact_id: int) -> None:
        super().__init__(contact_id)
        self.choices = occasion_choices(contact_id)  # read before the dialog opens

    def fields(self) -> Iterable[Widget]:
        yield row("Status (i/g/r)", ChoiceToggle(list(STATUS_KEYS.values()), "idea",
                                                  STATUS_KEYS, advance=True, id="kind"))
        yield field("What", "text", "a fountain pen")
        keys: dict[str, str] = {}
        for label in self.choices:
            keys.setdefault(label[:1].lower(), label)
        occasion = ChoiceToggle(list(self.choices), NO_OCCASION, keys, id="occasion")
        yield row("For occasion", occasion)

    def store(self) -> int:
        occasion = self.choices[self.query_one("#occasion", ChoiceToggle).value]
        gift, warning = gifts.add_gift(
            self.contact_id, self.text("text"), self.query_one("#kind", ChoiceToggle).value,
            occasion_id=occasion,
        )
        if warning:
            self.app.notify(printable(warning), severity="warning", markup=False)
        return gift.id
