"""Keep a vdir (a folder of .vcf files, one per contact) in step with the database, both ways.

khard edits the files, vdirsyncer copies them to and from any CardDAV server (and so a
phone); `sync(folder)` brings their changes in and sends connecttui's out. What was synced
last is kept in `.connecttui-sync.json` inside the folder: for each contact, its file, the
hash of the file's bytes and a fingerprint of its card as connecttui would write it. Since
the last sync, then:

- changed here only: the contact's card is written to its file (atomically: a temporary
  file, then os.replace; files 0600, a new folder 0700), with the lines connecttui has no
  field for (PHOTO, X-*, grouped items) as they are in the file, byte for byte (vcard_lines);
  a card none of whose fields changed is not written at all;
- changed in the vdir only: the card is read and replaces what a vCard says (name,
  nicknames, note, emails, phones, addresses, web addresses, organisation, title, birthday,
  categories, unknown properties); dates and relatives it names are added; touches, facts,
  gifts and everything else connecttui keeps alone are never touched;
- changed on both sides: a conflict. Whatever the vdir's card adds is merged in (nothing
  this side is overwritten; its unmodelled lines, a photo, are the vdir's: connecttui can't
  change them), connecttui's card is written to the file, and the vdir's
  version is kept, byte for byte, as `.connecttui-conflicts/<uid>.conflict.vcf`. The copy
  sits in a hidden subfolder because a second file with the same UID in the vdir itself
  would make khard hide one of the two and vdirsyncer stop syncing;
- a new file: a new contact (or merged into the one it matches, as an import would);
- a new contact here: a new file, `<uid>.vcf`;
- a file deleted from the vdir: reported, and the contact is kept; it is written again
  only if it changes here;
- a contact deleted here: its file is removed when it had not changed since the last sync
  (else the file's card comes back in as a contact: nothing is lost).

Cards go out as vCard 3.0 unless asked otherwise: khard, vdirsyncer, Radicale, DAVx5 and
iOS all take it, year-less birthdays go as Apple's X-APPLE-OMIT-YEAR (khard 0.22 drops a 4.0
`--0229`). A state file from another database is ignored (that sync deletes nothing).

The first sync of a folder (or of another database) has no common past: a file whose UID is
a contact here is compared with the contact's card, and a difference the contact cannot
take in without overwriting is treated as a conflict.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from connecttui.core.errors import UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.drivers import is_postgres_url
from connecttui.core.store.models import Contact, database
from connecttui.core.text import printable
from connecttui.interop import importing, vcard
from connecttui.interop.card import Card
from connecttui.interop.vdir_cards import missing, our_card, take_extras, take_in

STATE_FILE = ".connecttui-sync.json"
CONFLICTS = ".connecttui-conflicts"
STATE_FORMAT = "connecttui-vdir-sync"
VOLATILE = re.compile(r"^(REV|PRODID)[;:]", re.IGNORECASE)
SAFE_NAME = re.compile(r"[A-Za-z0-9@._+-]+")


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


@dataclass
class _Entry:
    """One contact's last sync: its file, the file's hash, and its card's fingerprint."""

    file: str
    file_hash: str
    db_hash: str
    gone: bool = False  # the file was deleted from the vdir; the contact is kept

    def dump(self) -> dict:
        data = {"file": self.file, "file_hash": self.file_hash, "db_hash": self.db_hash}
        return data | ({"gone": True} if self.gone else {})


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _database_path() -> str:
    name = getattr(database.obj, "database", "") or ""
    from connecttui.core.store import pg

    if is_postgres_url(name):  # a PostgreSQL database: its URL, never with its password
        return pg.masked(name)
    return name if name.startswith(":") else str(Path(name).resolve())


# --- the folder ------------------------------------------------------------------------


def _write_atomic(path: Path, data: bytes) -> None:
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


def _load_state(folder: Path, report: SyncReport) -> dict[str, _Entry]:
    path = folder / STATE_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != STATE_FORMAT:
            raise ValueError("not a connecttui sync state")
        if data.get("database") != _database_path():
            report.problems.append((STATE_FILE, "last synced with another database: this "
                                    "sync starts afresh and deletes nothing"))
            return {}
        return {uid: _Entry(e["file"], e["file_hash"], e["db_hash"], bool(e.get("gone")))
                for uid, e in data["contacts"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        report.problems.append((STATE_FILE, "unreadable: this sync starts afresh and "
                                "deletes nothing"))
        return {}


def _save_state(folder: Path, state: dict[str, _Entry]) -> None:
    data = {
        "format": STATE_FORMAT,
        "version": 1,
        "database": _database_path(),
        "contacts": {uid: entry.dump() for uid, entry in sorted(state.items())},
    }
    _write_atomic(folder / STATE_FILE, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def _vcf_files(folder: Path) -> dict[str, bytes]:
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
    stem = uid if SAFE_NAME.fullmatch(uid) and not uid.startswith(".") else _sha(
        uid.encode())[:32]
    name, n = f"{stem}.vcf", 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}.vcf"
    return name


# --- cards -------------------------------------------------------------------------------


def _card_bytes(contact: Contact, version: str) -> bytes:
    return vcard.card_text(contact.id, version=version).encode("utf-8")


def _fingerprint(data: bytes) -> str:
    """The hash of a card without the lines that change on every export (REV, PRODID)."""
    lines = data.decode("utf-8").replace("\r\n", "\n").split("\n")
    return _sha("\n".join(line for line in lines if not VOLATILE.match(line)).encode())


def _read_card(folder: Path, name: str) -> tuple[Card | None, str]:
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


# --- the sync ----------------------------------------------------------------------------


class _Sync:
    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder
        self.version = version
        self.report = SyncReport(str(folder))
        self.state = _load_state(folder, self.report)
        self.files = _vcf_files(folder)
        self.hashes = {name: _sha(data) for name, data in self.files.items()}
        # only what the sync needs of each: not everyone's kept lines (photos) at once
        self.contacts = {c.uid: c for c in Contact.select(Contact.id, Contact.uid, Contact.name)}
        self.cards: dict[str, tuple[Card | None, str]] = {}  # file name -> _read_card
        self.new_state: dict[str, _Entry] = {}
        self.writes: dict[str, bytes] = {}  # file name -> bytes, after the transaction
        self.deletes: list[str] = []
        self.copies: dict[str, bytes] = {}  # conflict copies: file name -> the vdir's bytes

    def read(self, name: str) -> tuple[Card | None, str]:
        if name not in self.cards:
            self.cards[name] = _read_card(self.folder, name)
        return self.cards[name]

    # the three outcomes for a paired contact and file
    def send(self, contact: Contact, name: str) -> None:
        """Write our card over the file (or as a new one); what the file keeps goes too."""
        card = self.read(name)[0] if name in self.files else None
        if card is not None:
            take_extras(contact.id, card)
        data = _card_bytes(contact, self.version)
        self.writes[name] = data
        self.new_state[contact.uid] = _Entry(name, _sha(data), _fingerprint(data))

    def keep(self, contact: Contact, name: str) -> None:
        """Both sides agree: remember the file as it is and the contact as it is now."""
        self.new_state[contact.uid] = _Entry(
            name, self.hashes[name], _fingerprint(_card_bytes(contact, self.version)))

    def conflict(self, contact: Contact, name: str, card: Card) -> None:
        importing.merge_card(contact.id, card)
        contact = Contact.get_by_id(contact.id)
        stem = name[:-4] if name.lower().endswith(".vcf") else name
        copy = f"{stem}.conflict.vcf"
        n = 1
        while (self.folder / CONFLICTS / copy).exists() or copy in self.copies:
            n += 1
            copy = f"{stem}.conflict-{n}.vcf"
        self.copies[copy] = self.files[name]
        self.send(contact, name)
        self.report.conflicts.append((contact.name, str(Path(CONFLICTS) / copy)))

    def reconcile(self, contact: Contact, name: str, card: Card, quiet: bool = False) -> None:
        """Both sides changed (or were never synced): the same content is no conflict; what
        ours can simply absorb is merged in; anything else is a conflict (always reported;
        the rest only unless `quiet`). The file's unmodelled lines are taken first."""
        more = take_extras(contact.id, card)
        ours = our_card(contact.id, self.version)
        if ours is not None and not missing(card, ours) and not missing(ours, card) and not more:
            self.keep(contact, name)
            self.report.unchanged += 0 if quiet else 1
            return
        if ours is not None and not missing(card, ours):
            self.send(contact, name)  # ours says everything theirs does, and more
            if not quiet:
                self.report.sent.append(contact.name)
            return
        importing.merge_card(contact.id, card)
        contact = Contact.get_by_id(contact.id)
        ours = our_card(contact.id, self.version)
        if ours is not None and not missing(card, ours):
            self.send(contact, name)
            if not quiet:
                self.report.received.append(contact.name)
            return
        self.conflict(contact, name, card)

    def run(self) -> SyncReport:
        with transaction():
            untracked = self.renamed_files()
            for uid, entry in sorted(self.state.items()):
                self.tracked(uid, entry)
            self.new_files(untracked)
            for uid, contact in sorted(self.contacts.items()):
                if uid not in self.new_state and uid not in self.state:
                    taken = set(self.files) | set(self.writes)
                    self.send(contact, file_name(uid, taken))
                    self.report.created.append(contact.name)
        self.flush()
        return self.report

    def renamed_files(self) -> dict[str, Card]:
        """The cards of the files no entry names. A file whose card has the uid of an entry
        whose own file is gone becomes that entry's file (another program renamed it, or
        put back a deleted one)."""
        named = {entry.file for entry in self.state.values()}
        untracked = {}
        for name in self.files:
            if name in named:
                continue
            card, why = self.read(name)
            if card is None:
                self.report.problems.append((name, f"can't be read ({why}): left as it is"))
                continue
            entry = self.state.get(card.uid) if card.uid else None
            if entry is not None and entry.file not in self.files:
                entry.file, entry.gone = name, False
                named.add(name)
            else:
                untracked[name] = card
        return untracked

    def tracked(self, uid: str, entry: _Entry) -> None:
        contact = self.contacts.get(uid)
        name = entry.file
        present = name in self.files
        if present:
            entry.gone = False  # back again (put back by another program)
        file_changed = present and self.hashes[name] != entry.file_hash
        if contact is None:
            if present and not file_changed:
                self.deletes.append(name)
                self.report.removed.append(self.name_in(name) or uid)
            elif present:
                self.bring_back(name)
            return
        data = _card_bytes(contact, self.version)
        db_changed = _fingerprint(data) != entry.db_hash
        if not present:
            if entry.gone and db_changed:
                self.send(contact, name)
                self.report.sent.append(contact.name)
            else:
                if not entry.gone:
                    self.report.gone.append(contact.name)
                self.new_state[uid] = _Entry(name, entry.file_hash, entry.db_hash, gone=True)
            return
        if not file_changed and not db_changed:
            self.new_state[uid] = entry
            self.report.unchanged += 1
            return
        if not file_changed:
            self.send(contact, name)
            self.report.sent.append(contact.name)
            return
        card, why = self.read(name)
        if card is None:
            self.report.problems.append((name, f"can't be read ({why}): left as it is"))
            self.new_state[uid] = entry  # tried again next time
            return
        if not db_changed:
            take_in(contact.id, card)
            contact = Contact.get_by_id(contact.id)
            self.keep(contact, name)
            self.report.received.append(contact.name)
            return
        self.reconcile(contact, name, card)

    def name_in(self, name: str) -> str:
        card, _ = self.read(name)
        return card.name if card is not None else ""

    def bring_back(self, name: str) -> None:
        card, why = self.read(name)
        if card is None:
            self.report.problems.append((name, f"can't be read ({why}): left as it is"))
            return
        contact = Contact.get_by_id(importing.store_card(card))
        self.keep(contact, name)
        self.report.restored.append(contact.name)

    def new_files(self, cards: dict[str, Card]) -> None:
        """Files seen for the first time: a contact's own (by UID), else planned as an import
        would plan them (added, or merged into the contact they match)."""
        unknown = {}
        for name, card in cards.items():
            contact = self.contacts.get(card.uid) if card.uid else None
            if contact is None:
                unknown[name] = card
            elif contact.uid in self.new_state:
                self.report.problems.append(
                    (name, f"has the same UID as {self.new_state[contact.uid].file}: "
                           "left alone"))
            else:
                self.reconcile(contact, name, card)  # first sync: no common past
        files = {id(card): name for name, card in unknown.items()}
        created: dict[int, int] = {}
        for action in importing.plan(list(unknown.values()), []):
            name = files[id(action.card)]
            if action.kind == "skip":
                self.report.problems.append((name, f"not taken in: {action.reason}"))
            elif action.kind == "add":
                contact = Contact.get_by_id(importing.store_card(action.card))
                created[action.contact_id] = contact.id
                self.contacts[contact.uid] = contact
                self.keep(contact, name)
                self.report.added.append(contact.name)
            else:
                target = Contact.get_by_id(created.get(action.contact_id, action.contact_id))
                if target.uid in self.new_state:
                    holder = self.new_state[target.uid].file
                    self.report.problems.append(
                        (name, f"looks like {target.name} ({action.reason}), who is in "
                               f"{holder}: left alone"))
                    continue
                self.report.merged.append(f"{target.name}: {name} {action.reason}")
                self.reconcile(target, name, action.card, quiet=True)

    def flush(self) -> None:
        """Write what the transaction decided: copies first, then cards, then the state."""
        if self.copies:
            conflicts = self.folder / CONFLICTS
            conflicts.mkdir(mode=0o700, exist_ok=True)
            for name, data in self.copies.items():
                _write_atomic(conflicts / name, data)
        for name, data in self.writes.items():
            if self.files.get(name) != data:
                _write_atomic(self.folder / name, data)
        for name in self.deletes:
            with contextlib.suppress(FileNotFoundError):
                (self.folder / name).unlink()
        _save_state(self.folder, self.new_state)


def sync(folder: Path, version: str = "3.0") -> SyncReport:
    """Bring the vdir's changes in and send this side's out; say what happened."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is not a folder")
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError as error:
            raise UserError(f"cannot create {folder}: {error.strerror}") from None
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        raise UserError(f"cannot read and write {folder}")
    return _Sync(folder, version).run()
