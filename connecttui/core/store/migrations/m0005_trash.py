"""Schema 5, undo: the trash (deleted contacts, recoverable until purged) and the undo
journal the TUI and the CLI share. New tables only (see m0004)."""

from connecttui.core.store.models import Trash, UndoEntry

VERSION = 5


def apply(db) -> None:
    db.create_tables([Trash, UndoEntry], safe=True)
