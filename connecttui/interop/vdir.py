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

This module decides what the sync does, in one transaction; vdir_folder reads and writes
the folder and its state file (after the transaction), vdir_cards compares a file's card
with ours and takes it in, vdir_report says what happened.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from connecttui.core.errors import UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Contact
from connecttui.interop import importing, vcard
from connecttui.interop.card import Card
from connecttui.interop.vdir_cards import missing, our_card, take_extras, take_in
from connecttui.interop.vdir_folder import (
    StateEntry,
    file_name,
    hash_of,
    load_state,
    read_card,
    save_state,
    vcf_files,
    write_atomic,
)
from connecttui.interop.vdir_report import SyncReport

CONFLICTS = ".connecttui-conflicts"
VOLATILE = re.compile(r"^(REV|PRODID)[;:]", re.IGNORECASE)


# --- our cards ---------------------------------------------------------------------------


def _card_bytes(contact: Contact, version: str) -> bytes:
    return vcard.card_text(contact.id, version=version).encode("utf-8")


def _fingerprint(data: bytes) -> str:
    """The hash of a card without the lines that change on every export (REV, PRODID)."""
    lines = data.decode("utf-8").replace("\r\n", "\n").split("\n")
    return hash_of("\n".join(line for line in lines if not VOLATILE.match(line)).encode())


# --- the sync ----------------------------------------------------------------------------


class _Sync:
    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder
        self.version = version
        self.report = SyncReport(str(folder))
        self.state = load_state(folder, self.report.problems)
        self.files = vcf_files(folder)
        self.hashes = {name: hash_of(data) for name, data in self.files.items()}
        # only what the sync needs of each: not everyone's kept lines (photos) at once
        self.contacts = {c.uid: c for c in Contact.select(Contact.id, Contact.uid, Contact.name)}
        self.cards: dict[str, tuple[Card | None, str]] = {}  # file name -> read_card
        self.new_state: dict[str, StateEntry] = {}
        self.writes: dict[str, bytes] = {}  # file name -> bytes, after the transaction
        self.deletes: list[str] = []
        self.copies: dict[str, bytes] = {}  # conflict copies: file name -> the vdir's bytes

    def read(self, name: str) -> tuple[Card | None, str]:
        if name not in self.cards:
            self.cards[name] = read_card(self.folder, name)
        return self.cards[name]

    # the three outcomes for a paired contact and file
    def send(self, contact: Contact, name: str) -> None:
        """Write our card over the file (or as a new one); what the file keeps goes too."""
        card = self.read(name)[0] if name in self.files else None
        if card is not None:
            take_extras(contact.id, card)
        data = _card_bytes(contact, self.version)
        self.writes[name] = data
        self.new_state[contact.uid] = StateEntry(name, hash_of(data), _fingerprint(data))

    def keep(self, contact: Contact, name: str) -> None:
        """Both sides agree: remember the file as it is and the contact as it is now."""
        self.new_state[contact.uid] = StateEntry(
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

    def tracked(self, uid: str, entry: StateEntry) -> None:
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
                self.new_state[uid] = StateEntry(name, entry.file_hash, entry.db_hash, gone=True)
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
                write_atomic(conflicts / name, data)
        for name, data in self.writes.items():
            if self.files.get(name) != data:
                write_atomic(self.folder / name, data)
        for name in self.deletes:
            with contextlib.suppress(FileNotFoundError):
                (self.folder / name).unlink()
        save_state(self.folder, self.new_state)


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
