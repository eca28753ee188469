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
- `circles`: adding, editing and deleting a circle (name, window, resting).
- `imports`: the undo of an import (interop's `importing.apply` writes it).
- `restores`: the undo of a restore, from a JSON backup or from a backup file.
- `cards`: the holiday card list (on, off, sent).
- `review`: saving the weekly review (its record and its commitments' open loops).
- `rows`: the plain-row inverses those use, and the undo ops that carry them out.

Importing this package imports none of them: `connecttui log` loads `timeline`, not the
importer's undo (the package whole is about 35 ms of imports). `register_undo_ops()` loads
them all, for `undo.undo_last`, which may meet any op.
"""

from __future__ import annotations

import importlib

MODULES = ("cards", "circles", "contacts", "details", "imports", "plans", "restores", "review",
           "rows", "timeline")
"""Every module of commands (tests/core/test_commands.py checks the list is whole)."""


def register_undo_ops() -> None:
    """Import every command module, so each has registered its undo ops (`undo.undoes`)."""
    for name in MODULES:
        importlib.import_module(f"connecttui.core.commands.{name}")
