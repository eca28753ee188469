"""The vdir folder itself: its card files, names for new ones, writing a file whole or not at
all, and the state of the last sync kept beside the cards.

The state, `.connecttui-sync.json`, holds for each contact its file, the hash of the file's
bytes and a fingerprint of its card as connecttui would write it (`StateEntry`), and the
database it was synced with: a state from another database is ignored, so that sync
deletes nothing. Every file goes in atomically (a private temporary file, then os.replace;
files 0600), so a full disk or a crash leaves the old file whole.

Apart from vdir, which decides what a sync does in one transaction and only then writes
through here: the rules read without the file handling under them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from connecttui.core.errors import UserError
from connecttui.core.store.drivers import is_postgres_url
from connecttui.core.store.models import database
from connecttui.interop import vcard
from connecttui.interop.card import Card

STATE_FILE = ".connecttui-sync.json"
STATE_FORMAT = "connecttui-vdir-sync"
SAFE_NAME = re.compile(r"[A-Za-z0-9@._+-]+")


# --- the state of the last sync -----------------------------------------------------------


@dataclass
class StateEntry:
    """One contact's last sync: its file, the file's hash, and its card's fingerprint."""

    file: str
    file_hash: str
    db_hash: str
    gone: bool = False  # the file was deleted from the vdir; the contact is kept

    def dump(self) -> dict:
        data = {"file": self.file, "file_hash": self.file_hash, "db_hash": self.db_hash}
        return data | ({"gone": True} if self.gone else {})


def hash_of(data: bytes) -> str:
    """The SHA-256 of some bytes, in hex: how the state knows a file or a card again."""
    return hashlib.sha256(data).hexdigest()


def _database_path() -> str:
    name = getattr(database.obj, "database", "") or ""
    from connecttui.core.store import pg

    if is_postgres_url(name):  # a PostgreSQL database: its URL, never with its password
        return pg.masked(name)
    return name if name.startswith(":") else str(Path(name).resolve())


def load_state(folder: Path, problems: list[tuple[str, str]]) -> dict[str, StateEntry]:
    """The last sync's entries by uid; none (and a problem said why) when there are none to
    trust."""
    path = folder / STATE_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != STATE_FORMAT:
            raise ValueError("not a connecttui sync state")
        if data.get("database") != _database_path():
            problems.append((STATE_FILE, "last synced with another database: this sync "
                             "starts afresh and deletes nothing"))
            return {}
        return {uid: StateEntry(e["file"], e["file_hash"], e["db_hash"], bool(e.get("gone")))
                for uid, e in data["contacts"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        problems.append((STATE_FILE, "unreadable: this sync starts afresh and deletes nothing"))
        return {}


def save_state(folder: Path, state: dict[str, StateEntry]) -> None:
    """This sync's entries, with the database they belong to, in place of the last."""
    data = {
        "format": STATE_FORMAT,
        "version": 1,
        "database": _database_path(),
        "contacts": {uid: entry.dump() for uid, entry in sorted(state.items())},
    }
    write_atomic(folder / STATE_FILE, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


# --- the folder ---------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a private temporary file beside it, then a rename."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def vcf_files(folder: Path) -> dict[str, bytes]:
    """Every card file in the folder (not hidden ones, not subfolders), by name."""
    found = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() != ".vcf" or not path.is_file():
            continue
        try:
            found[path.name] = path.read_bytes()
        except OSError:
            continue
    return found


def file_name(uid: str, taken: set[str]) -> str:
    """`<uid>.vcf` when the uid makes a safe file name, else a name made from its hash."""
    stem = uid if SAFE_NAME.fullmatch(uid) and not uid.startswith(".") else hash_of(
        uid.encode())[:32]
    name, n = f"{stem}.vcf", 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}.vcf"
    return name


def read_card(folder: Path, name: str) -> tuple[Card | None, str]:
    """The card in a file, or None and why not (a vdir holds one card per file: a file
    with several is left alone rather than half synced)."""
    try:
        cards, skipped = vcard.read_cards(folder / name)
    except UserError as error:
        return None, str(error)
    if len(cards) > 1:
        return None, f"it holds {len(cards)} cards, a vdir file holds one"
    if not cards:
        return None, skipped[0].reason if skipped else "no card in it"
    return cards[0], ""
