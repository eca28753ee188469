"""Bringing people in from other programs: plan what is added, merged or skipped, then write
it all in one transaction and say what happened.

A card matches an existing contact by its uid, then by an email or phone, then by its exact
name. Several candidates are never guessed between: the card is skipped and they are listed.
Importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pendulum

from connecttui.core import family, gifts, occasions, people, touches, undo
from connecttui.core.commands import imports
from connecttui.core.errors import UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.dialect import is_postgres
from connecttui.core.store.models import (
    KINDS,
    RELATIONS,
    Contact,
    ContactField,
    FamilyMember,
    Gift,
    Occasion,
    Touch,
    TouchContact,
)
from connecttui.core.text import printable
from connecttui.interop.card import Card, Skipped
from connecttui.interop.card_values import day as _day
from connecttui.interop.card_values import death_day as _death_day
from connecttui.interop.card_values import moment as _moment
from connecttui.interop.card_values import valid_date as _valid
from connecttui.interop.card_values import wanted_fields as _wanted_fields
from connecttui.interop.import_bulk import store_new_cards
from connecttui.interop.import_plan import Action, plan
from connecttui.interop.vcard_lines import kept_lines, stored, union

__all__ = ["Action", "ImportReport", "apply", "detect_format", "import_path", "merge_card",
           "plan", "read", "report_text", "store_card"]

FORMATS = ("vcard", "google-csv", "monica", "json")


@dataclass
class ImportReport:
    fmt: str
    dry_run: bool
    added: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # "Name (matched by email)"
    unchanged: int = 0  # merges that found nothing new
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where or name, reason)


def apply(actions: list[Action], fmt: str, dry_run: bool = False,
          source: str = "") -> ImportReport:
    """Carry out a plan in one transaction (or only describe it, for a dry run), with one
    undo entry for all of it (core/commands/imports.py): `connecttui undo` or `u` takes
    back what it added and filled in. `source` names the file in that entry."""
    report = ImportReport(fmt, dry_run)
    created: dict[int, int] = {}
    with transaction():
        if not dry_run:
            mark = imports.begin(a.contact_id for a in actions
                                 if a.kind == "merge" and a.contact_id > 0)
        if not dry_run and not is_postgres():
            created = store_new_cards(
                [(a.contact_id, a.card) for a in actions if a.kind == "add"])
        for action in actions:
            card = action.card
            if action.kind == "skip":
                where = card.name.strip() or (f"line {card.line}" if card.line else "a card")
                report.skipped.append((where, action.reason))
            elif action.kind == "add" and dry_run:
                report.added.append(card.name)
            elif action.kind == "add":
                if action.contact_id in created:  # stored in bulk: what only some cards have
                    _add_touches_and_gifts(created[action.contact_id], card)
                else:
                    created[action.contact_id] = store_card(card)
                report.added.append(card.name)
            else:
                target = created.get(action.contact_id, action.contact_id)
                changed = True if dry_run or target < 0 else merge_card(target, card)
                report.merged.append(f"{card.name} ({action.reason})")
                report.unchanged += 0 if changed else 1
        if not dry_run:
            _link_introductions(actions, created)
            undo.record(_label(report, source), imports.finish(mark, created.values()))
    return report


def _label(report: ImportReport, source: str) -> str:
    """What the journal calls an import: "imported 37 contacts and updated 2 from a.vcf"."""
    added, updated = len(report.added), len(report.merged) - report.unchanged
    label = f"imported {added} contact{'' if added == 1 else 's'}"
    label += f" and updated {updated}" if updated else ""
    return label + (f" from {source}" if source else "")


def store_card(card: Card) -> int:
    """Create one contact from a card, with everything the card says."""
    circles = {people.normalize(c.name): c.name for c in people.circles()}
    circle = next((circles[people.normalize(c)] for c in card.categories
                   if people.normalize(c) in circles), None)
    tags = [c for c in card.categories if people.normalize(c) not in circles]
    birthday = card.birthday if _valid(card.birthday) else None
    contact = people.add_contact(
        card.name, nicknames=", ".join(card.nicknames), circle=circle, birthday=birthday,
        ideal_days=card.window_days, how_met=card.how_met, notes=card.note,
    )
    contact.uid = card.uid if card.uid and not _uid_taken(card.uid) else str(uuid.uuid4())
    contact.tags = ", ".join(tags)
    contact.vcard_extra = stored(card.extra)
    contact.address = card.addresses[0][1] if card.addresses else ""
    contact.deceased, contact.deceased_on = card.deceased, _death_day(card)
    contact.save()
    _add_details(contact.id, card)
    return contact.id


def _add_touches_and_gifts(contact_id: int, card: Card) -> None:
    if card.touches:
        _add_touches(contact_id, card)
    if card.gifts:
        _add_gifts(contact_id, card)


def merge_card(contact_id: int, card: Card) -> bool:
    """Add what the card knows and the contact lacks; never overwrite what the user wrote.
    Returns whether anything changed."""
    contact = people.get_contact(contact_id)
    changed = False
    nicknames = people.split_nicknames(contact.nicknames)
    extra_nicks = [n for n in card.nicknames if n not in nicknames]
    if extra_nicks:
        contact.nicknames = ", ".join(nicknames + extra_nicks)
        changed = True
    for attr, value in (("notes", card.note), ("how_met", card.how_met),
                        ("address", card.addresses[0][1] if card.addresses else "")):
        if value and not getattr(contact, attr):
            setattr(contact, attr, value)
            changed = True
    ours = kept_lines(contact.vcard_extra)  # and what it keeps that ours has none of: a photo
    extra = stored(union(ours, card.extra))
    if extra != stored(ours):
        contact.vcard_extra = extra
        changed = True
    tags = [t.strip() for t in contact.tags.split(",") if t.strip()]
    circles = {people.normalize(c.name) for c in people.circles()}
    new_tags = [c for c in card.categories if c not in tags and people.normalize(c) not in circles]
    if new_tags:
        contact.tags = ", ".join(tags + new_tags)
        changed = True
    if contact.ideal_days is None and card.window_days:
        contact.ideal_days, contact.max_days = card.window_days, card.window_days * 2
        changed = True
    died_on = _death_day(card)  # the other program knows they died: a day kept here stays
    if card.deceased and not contact.deceased:
        contact.deceased, contact.deceased_on = True, died_on
        changed = True
    elif card.deceased and contact.deceased_on is None and died_on is not None:
        contact.deceased_on = died_on
        changed = True
    if changed:
        contact.save()
    if _valid(card.birthday) and people.birthday_of(contact_id) is None:
        people.set_birthday(contact_id, card.birthday)
        changed = True
    return _add_details(contact_id, card) or changed


def _add_details(contact_id: int, card: Card) -> bool:
    """Fields, dates, family, touches and gifts that the contact does not have yet."""
    changed = False
    have = {(k, v.strip().casefold()) for k, v in ContactField.select(
        ContactField.kind, ContactField.value).where(ContactField.contact == contact_id).tuples()}
    position = len(have)
    for kind, label, value in _wanted_fields(card):
        key = (kind, value.strip().casefold())
        if value.strip() and key not in have:
            ContactField.create(contact=contact_id, kind=kind, label=label,
                                value=value.strip(), position=position)
            have.add(key)
            position += 1
            changed = True
    known_dates = {(k, m, d) for k, m, d in Occasion.select(
        Occasion.kind, Occasion.month, Occasion.day).where(
        Occasion.contact == contact_id).tuples()}
    for item in card.dates:
        year, month, day = item.date
        kind = item.kind if item.kind in ("anniversary", "custom") else "custom"
        if not _valid(item.date) or (kind, month, day) in known_dates:
            continue
        occasions.add_occasion(contact_id, kind, month, day, year=year,
                               label=item.label or ("" if kind == "anniversary" else "date"))
        known_dates.add((kind, month, day))
        changed = True
    relatives = {people.normalize(n) for (n,) in FamilyMember.select(FamilyMember.name).where(
        FamilyMember.contact == contact_id).tuples()}
    for relative in card.relatives:
        relation = relative.relation if relative.relation in RELATIONS else "other"
        if relative.name.strip() and people.normalize(relative.name) not in relatives:
            family.add_member(contact_id, relation, relative.name.strip())
            relatives.add(people.normalize(relative.name))
            changed = True
    changed |= _add_touches(contact_id, card)
    return _add_gifts(contact_id, card) or changed


def _add_gifts(contact_id: int, card: Card) -> bool:
    changed = False
    given = {(t, s) for t, s in Gift.select(Gift.text, Gift.status).where(
        Gift.contact == contact_id).tuples()}
    for gift in card.gifts:
        if gift.text.strip() and (gift.text.strip(), gift.status) not in given:
            on = _day(gift.on) if gift.status != "idea" else None
            gifts.add_gift(contact_id, gift.text, gift.status, on=on)
            changed = True
    return changed


def _add_touches(contact_id: int, card: Card) -> bool:
    existing = {(at.isoformat()[:19], kind, note) for at, kind, note in Touch.select(
        Touch.at, Touch.kind, Touch.note).join(TouchContact).where(
        TouchContact.contact == contact_id).tuples()}
    changed = False
    for item in card.touches:
        at = _moment(item.at)
        kind = item.kind if item.kind in KINDS else "other"
        if at is None or (at.isoformat()[:19], kind, item.note) in existing:
            continue
        others = [c.id for name in item.with_names
                  if (c := Contact.get_or_none(Contact.name == name)) is not None]
        initiator = item.initiator if item.initiator in ("out", "in", "both") else "out"
        touches.log_touch([contact_id, *others], kind, at=at, initiator=initiator,
                          note=item.note, future=True)  # history as the other program has it
        existing.add((at.isoformat()[:19], kind, item.note))
        changed = True
    return changed


def _link_introductions(actions: list[Action], created: dict[int, int]) -> None:
    """"Met through" someone becomes an introduction touch linking both people."""
    for action in actions:
        if action.kind != "add" or not action.card.met_through:
            continue
        introducer = Contact.get_or_none(Contact.name == action.card.met_through)
        contact_id = created.get(action.contact_id)
        if introducer is None or contact_id is None:
            continue
        touches.log_touch([contact_id, introducer.id], "intro", initiator="both",
                          at=pendulum.now("UTC"), note=f"met through {introducer.name}")


def _uid_taken(uid: str) -> bool:
    return Contact.select().where(Contact.uid == uid).exists()


def detect_format(path: Path) -> str:
    """Guess the format from the name, then from the first bytes."""
    if path.is_dir():
        return "vcard"
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix == ".csv":
        return "google-csv"
    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from None
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff").lstrip()
    if suffix == ".json" or text.startswith(("{", "[")):
        if '"connecttui-backup"' in text:
            return "json"
        if '"account"' in text:
            return "monica"
        raise UserError(f"{path.name} is neither a connecttui JSON backup nor a Monica export")
    if "BEGIN:VCARD" in text.upper() or "B\x00E\x00G\x00I\x00N" in head.decode("latin-1"):
        return "vcard"
    raise UserError(f"can't tell what kind of file {path.name} is: use --format "
                    "vcard, google-csv, monica or json")


def read(path: Path, fmt: str) -> tuple[list[Card], list[Skipped]]:
    if fmt == "vcard":
        from connecttui.interop import vcard as reader
    elif fmt == "google-csv":
        from connecttui.interop import google_csv as reader
    elif fmt == "monica":
        from connecttui.interop import monica as reader
    else:
        raise UserError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return reader.read_cards(path)


def import_path(path: Path, fmt: str | None = None, dry_run: bool = False) -> ImportReport:
    """Read a file (or a folder of vCards) and import it; one transaction, or none at all."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path} does not exist")
    fmt = fmt or detect_format(path)
    cards, skipped = read(path, fmt)
    if not dry_run:
        from connecttui.core import backups

        backups.snapshot("import")
    return apply(plan(cards, skipped), fmt, dry_run, source=path.name)


def report_text(report: ImportReport) -> str:
    """What an import did (or would do), with a reason for every skipped card."""
    verb = "would add" if report.dry_run else "added"
    head = (f"{verb} {len(report.added)}, "
            f"{'would merge' if report.dry_run else 'merged'} {len(report.merged)}"
            + (f" ({report.unchanged} unchanged)" if report.unchanged else "")
            + f", skipped {len(report.skipped)}")
    lines = [head]
    lines += [f"  + {printable(name)}" for name in report.added]
    lines += [f"  = {printable(name)}" for name in report.merged]
    lines += [f"  - {printable(where)}: {printable(reason)}" for where, reason in report.skipped]
    return "\n".join(lines)
