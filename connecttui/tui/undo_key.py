"""`u`, wherever it is bound (the main screen, the briefing): undo the journal's newest
change, made here or by the CLI, and say what was undone, why it could not be, or that
there is nothing to undo. One place, so every screen says it the same way."""

from __future__ import annotations

from typing import Any

from connecttui.core import undo
from connecttui.core.errors import UserError
from connecttui.core.text import one_line


def undo_and_tell(screen: Any) -> bool:
    """Undo and notify; True when the data may have changed (the caller reads again)."""
    try:
        done = undo.undo_last()
    except UserError as error:  # refused: what it changed has changed since
        screen.notify(one_line(str(error)), severity="error", markup=False)
        return True
    if done is None:
        screen.notify("Nothing to undo.", markup=False)
        return False
    screen.notify(one_line(done[:1].upper() + done[1:]) + ".", markup=False)
    return True
