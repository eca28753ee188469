"""Files only their owner can read (0600): the database, backups, exports, the settings
file and the error log all hold people's private lives.

One helper for every face (core, CLI, TUI, settings: all may import core), so the rule is
written once: create with mode 0600 and set it again on the open descriptor, because the
mode given to os.open is only used for a new file (an existing one keeps its own) and is
cut further by the umask.
"""

from __future__ import annotations

import os

PRIVATE_FILE = 0o600
"""Read and write for the owner, nothing for anyone else."""


def open_private(path: str | os.PathLike[str], flags: int = os.O_WRONLY) -> int:
    """`os.open(path, flags | O_CREAT)` for a file that is 0600 once it returns, new or not;
    the descriptor is the caller's to close (or hand to os.fdopen)."""
    descriptor = os.open(path, flags | os.O_CREAT, PRIVATE_FILE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE)
    except OSError:
        os.close(descriptor)
        raise
    return descriptor
