"""What one vdir sync did (`SyncReport`), in the words `connecttui sync` prints.

Apart from vdir (which decides and fills it) because it is what a caller sees of a sync:
the CLI prints its lines and the tests read its lists, without the sync's workings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from connecttui.core.text import printable


@dataclass
class SyncReport:
    """What one sync did, in the words `lines()` prints."""

    folder: str
    sent: list[str] = field(default_factory=list)  # written to the vdir (changed here)
    created: list[str] = field(default_factory=list)  # new here, new file there
    received: list[str] = field(default_factory=list)  # changed in the vdir, taken in
    added: list[str] = field(default_factory=list)  # new file, new contact
    merged: list[str] = field(default_factory=list)  # new file, merged into a contact
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (name, copy in folder)
    gone: list[str] = field(default_factory=list)  # deleted from the vdir, kept here
    removed: list[str] = field(default_factory=list)  # deleted here, file removed
    restored: list[str] = field(default_factory=list)  # deleted here, changed there
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return any((self.sent, self.created, self.received, self.added, self.merged,
                    self.conflicts, self.removed, self.restored))

    def lines(self) -> list[str]:
        out = len(self.sent) + len(self.created) + len(self.removed)
        came = len(self.received) + len(self.added) + len(self.merged) + len(self.restored)
        head = (f"synced {self.folder}: {out} out, {came} in, {len(self.conflicts)} "
                f"conflict{'' if len(self.conflicts) == 1 else 's'}, {self.unchanged} unchanged")
        lines = [head]
        lines += [f"  > {printable(n)}: changed here, written to the vdir" for n in self.sent]
        lines += [f"  > {printable(n)}: new here, new file in the vdir" for n in self.created]
        lines += [f"  > {printable(n)}: deleted here, its file removed" for n in self.removed]
        lines += [f"  < {printable(n)}: changed in the vdir, taken in" for n in self.received]
        lines += [f"  < {printable(n)}: new in the vdir, added" for n in self.added]
        lines += [f"  < {printable(n)}" for n in self.merged]
        lines += [f"  < {printable(n)}: deleted here but changed in the vdir, added back"
                  for n in self.restored]
        lines += [f"  ! conflict: {printable(n)} changed on both sides: connecttui's card is "
                  f"in the vdir (with what the other side added); the other version is kept "
                  f"in {printable(os.path.join(self.folder, p))}" for n, p in self.conflicts]
        lines += [f"  ? {printable(n)}: deleted from the vdir, kept here (delete it here too "
                  f"if that was meant)" for n in self.gone]
        lines += [f"  ? {printable(f)}: {printable(r)}" for f, r in self.problems]
        return lines
