"""Commands: every change a user makes, as one function that owns its transaction and its
undo record.

Why a package of its own: the TUI dialogs and the CLI used to make the same changes in two
ways (the dialogs opened the transaction and wrote the undo journal, the CLI did neither), so
`connecttui log` could not be undone and a dialog could forget the journal. Now a change is
made in exactly one place, here, and both front ends call it: the row(s), the search index
and the journal entry (`core/undo.py`, `UndoEntry`) are written in one transaction, so there
is never a change without its undo, nor an undo for a change that failed.

- `contacts`: add, edit, delete a contact.
- `timeline`: log and delete a touch.
- `plans`: open loops (add, done, delete), occasions (add, delete), snoozes.
- `details`: facts, family members and gifts (add, edit, delete).
- `circles`: adding and editing a circle (name, window, resting).
- `cards`: the holiday card list (on, off, sent).
- `rows`: the plain-row inverses those use, and the undo ops that carry them out.

Importing this package registers every undo op its modules define (`undo.undoes`).
"""

from connecttui.core.commands import cards, circles, contacts, details, plans, rows, timeline

__all__ = ["cards", "circles", "contacts", "details", "plans", "rows", "timeline"]
