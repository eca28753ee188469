"""The dialogs share one stylesheet (form_base.DialogScreen), so they cannot drift apart.

Two checks: every dialog built on the `#dialog` box inherits the shared stylesheet rather
than carrying a copy of it (the copies had drifted: two dialogs put a space before their
toggles that the others did not); and, in the real app, in every form dialog each field
starts in the one column where its label ends, and so does every hint under a field.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from helpers.tui import settle
from textual.screen import ModalScreen

import connecttui.tui.modals
from connecttui.core import people, planning
from connecttui.core.suggestion import Suggestion
from connecttui.tui.modals.form_base import DialogScreen

OWN_LAYOUT = {"LogTouch", "ImportFile", "SearchScreen"}
"""Dialogs laid out otherwise (full-size fields, a results list, a preview pane)."""

SHARED = ("border: thick $accent", "align: center middle")
"""Declarations of the shared box that no dialog repeats for itself."""


def our_dialogs() -> list[type]:
    found = []
    for module in pkgutil.iter_modules(connecttui.tui.modals.__path__,
                                       "connecttui.tui.modals."):
        loaded = importlib.import_module(module.name)
        for _, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, ModalScreen) and value.__module__ == module.name:
                found.append(value)
    return found


def test_every_dialog_inherits_the_one_stylesheet():
    dialogs = our_dialogs()
    assert len(dialogs) >= 16
    copied = [cls.__name__ for cls in dialogs if cls is not DialogScreen
              and cls.__name__ not in OWN_LAYOUT and (
        not issubclass(cls, DialogScreen)
        or any(rule in vars(cls).get("DEFAULT_CSS", "") for rule in SHARED))]
    assert copied == []


def field_columns(screen) -> set[int]:
    """The columns where the fields of the dialog's rows and its hints start."""
    columns = set()
    for row in screen.query("#dialog .row"):
        if not row.display:
            continue
        label, field = row.children
        assert field.content_region.x == label.region.right, (type(screen).__name__, field)
        columns.add(field.content_region.x)
    columns |= {hint.content_region.x for hint in screen.query("#dialog .hint") if hint.display}
    return columns


async def test_fields_and_hints_start_where_the_labels_end(app_on, today):
    from connecttui.tui.modals import (
        circle,
        commitment,
        contact_form,
        deceased,
        fact,
        family,
        gift,
        loop_done,
        occasion,
        open_loop,
        snooze,
    )

    ada = people.add_contact("Ada Lovelace").id
    loop = planning.add_open_loop(ada, "ask how the interview went", today).id
    drift = Suggestion("drift", ada, "Ada Lovelace", "9d over", "Ada: 9 days past", "", ada, -9)
    dialogs = [
        lambda: contact_form.ContactForm(), lambda: contact_form.ContactForm(ada),
        lambda: circle.CircleForm(), lambda: commitment.CommitmentForm(),
        lambda: deceased.DeceasedForm(ada), lambda: fact.FactForm(ada),
        lambda: family.FamilyForm(ada), lambda: gift.GiftForm(ada),
        lambda: loop_done.LoopDone(loop), lambda: occasion.OccasionForm(ada),
        lambda: open_loop.OpenLoopForm(ada), lambda: snooze.SnoozeForm(drift),
    ]
    app = app_on()
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        for make in dialogs:
            dialog = make()
            app.push_screen(dialog)
            await settle(app, pilot)
            assert app.screen is dialog
            assert len(field_columns(dialog)) == 1, type(dialog).__name__
            dialog.dismiss(None)
            await settle(app, pilot)
