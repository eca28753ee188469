"""Adding, editing and deleting a contact, each with its undo (`u`, `connecttui undo`)."""

from __future__ import annotations

from connecttui.core import people, undo
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Contact


def add_contact(name: str, *, birthday=None, circle: str | None = None, **fields) -> Contact:
    """Add a contact (`people.add_contact`'s arguments); undoing deletes them for good."""
    with transaction():
        contact = people.add_contact(name, circle=circle, birthday=birthday, **fields)
        undo.record(f"added {contact.name}", undo.inverse_of_add(contact.id))
    return contact


def edit_contact(contact_id: int, *, birthday=..., circle=..., label: str = "",
                 **fields) -> Contact:
    """Change a contact's fields (`people.EDITABLE`), circle and birthday (None clears it;
    `...` leaves it); undoing puts all of them back as they were. `label` says what the
    journal calls it ("moved Ada to work"); the default is "edited Ada"."""
    with transaction():
        before = label or f"edited {people.get_contact(contact_id).name}"
        inverse = undo.inverse_of_edit(contact_id)
        contact = people.update_contact(contact_id, circle=circle, **fields)
        if birthday is not ...:
            people.set_birthday(contact_id, birthday)
        undo.record(before, inverse)
    return contact


def undelete(trash_id: int) -> int:
    """Bring a contact back from the trash (`undo.restore_contact`); undoing sends them to
    the trash again. Returns their id."""
    with transaction():
        contact_id = undo.restore_contact(trash_id)
        undo.record(f"undeleted {people.get_contact(contact_id).name}",
                    {"op": "delete_again", "contact_id": contact_id})
    return contact_id


@undo.undoes("delete_again")
def _undo_delete_again(step: dict) -> None:
    people.delete_contact(step["contact_id"])


def delete_contact(contact_id: int) -> str:
    """Delete a contact to the trash; undoing restores them. Returns their name."""
    with transaction():
        name = people.delete_contact(contact_id)
        undo.record(f"deleted {name}", undo.inverse_of_delete_contact(contact_id))
    return name
