"""Monica (4.x) JSON export, read into cards.

Monica 4.x writes its export (Settings > Export > JSON, `JsonExportAccount` and the classes in
`app/ExportResources`) as one object: `{"version": "1.0-preview.1", ..., "account": {...}}`.
Inside the account, `data` is a list of collections `{"count", "type", "values"}` (types
"user", "contact", "relationship", "activity", ...; an empty collection is left out), and
`instance` holds the account's own vocabularies (`contact_field_types`, `activity_types`).
Every record is `{"uuid", "created_at", "updated_at", "properties": {...}}`, and a contact's
own records (calls, contact fields, gifts, notes, addresses, conversations, the uuids of its
activities) are collections in its own `data` list.

What becomes what:
- names, nickname, job and company; `uuid` is the card's uid (a re-import matches on it);
- `birthdate` (a special date: `is_year_unknown` drops the year; `is_age_based` means only an
  age was known, so no birthday is set and the note says the year it implies);
  `first_met_date` as a custom yearly date;
- `is_dead` (or a `deceased_date`) marks the contact deceased, on that day when its year is
  known (core/deceased.py: never drifting nor suggested). The day is not a yearly occasion:
  "deceased in 3 days" every year is exactly the nudge a grieving user must never get. A
  day without its year, or only an age, is kept in the note;
- contact fields by their type's `type` ("email", "phone"; others, like Twitter or
  LinkedIn, as web addresses labelled with the type's name); addresses as one line;
- `description`, `food_preferences` and the notes make the note;
- activities become touches ("together", the summary and description as the note, the other
  participants as `with_names`); an activity shared by several contacts is put only on the
  last of their cards, so it is logged once, when everyone who was there is imported;
- calls become "call" touches (`contact_called` means they called: initiator "in");
  conversations become "message" touches;
- gifts: idea stays an idea, offered is given, received is received;
- relationships (stored both ways by Monica: `contact_is` has `of_contact` as its
  `type`) become relatives: partner/spouse/lover/date as partner, (step)child, (step)parent,
  sibling; any other type (friend, colleague, uncle, ...) as "other" with Monica's word;
- `stay_in_touch_frequency` (days) is the window; `first_met_through` is who introduced you;
  `tags` are the categories.

Monica's own "me" contact is skipped (it is you); partial contacts (relatives known only by
name) are not cards of their own, only names on the contact they belong to. The 4.x export
does not carry "how we met" (`first_met_additional_info`, `first_met_where`): when a file
does have them (a later or hand-edited export) they are read into `how_met`.
A contact that can't be read is skipped with its number ("contact 3", counting every
contact in the file from 1); a part that can't be read (a call with no date) is reported on
its own and the rest of the contact is kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pendulum

from connecttui.core import dates
from connecttui.core.errors import UserError
from connecttui.interop.card import (
    Card,
    CardDate,
    CardGift,
    CardRelative,
    CardTouch,
    Skipped,
    YearlyDate,
)

_RELATIONS = {
    "partner": "partner", "spouse": "partner", "lover": "partner", "date": "partner",
    "child": "child", "stepchild": "child",
    "parent": "parent", "stepparent": "parent",
    "sibling": "sibling",
}
_GIFT_STATUSES = {"idea": "idea", "offered": "given", "received": "received"}
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class _Broken(Exception):
    """A record that is not what the export format says it is."""


def read_cards(path: Path) -> tuple[list[Card], list[Skipped]]:
    """The people in a Monica 4.x JSON export, in file order, and what was left out."""
    export = _load(Path(path))
    account = export["account"]
    collections = _collections(account.get("data"))
    contacts = collections.get("contact", [])
    instance = account.get("instance") if isinstance(account.get("instance"), dict) else {}
    field_types = {
        _uuid(t): _props(t) for t in _list(instance.get("contact_field_types")) if _uuid(t)
    }
    activities = {_uuid(a): a for a in collections.get("activity", []) if _uuid(a)}
    me = {
        u for u in (_props(user).get("me_contact") for user in collections.get("user", []))
        if isinstance(u, str)
    }

    names = _names(contacts)
    ctx = _Context(
        names_by_uuid=_uuid_names(contacts, names), field_types=field_types,
        activities=activities, participants=_participants(contacts),
        relationships=_relationships(collections.get("relationship", [])), me=me,
    )
    cards: list[Card] = []
    skipped: list[Skipped] = []
    for number, contact in enumerate(contacts, start=1):
        where = f"contact {number}"
        if not isinstance(contact, dict) or not isinstance(contact.get("properties"), dict):
            skipped.append(Skipped(where, "it is not a Monica contact record"))
            continue
        if _uuid(contact) in me:
            skipped.append(Skipped(where, "it is your own contact in Monica (you)"))
            continue
        if _true(_props(contact).get("is_partial")):
            continue  # a relative known only by name: it is on the contact it belongs to
        name = names.get(id(contact), "")
        if not name:
            skipped.append(Skipped(where, "no name"))
            continue
        ctx.pending.clear()
        try:
            cards.append(_card(contact, name, f"{where} ({name})", skipped, ctx))
        except _Broken as error:
            skipped.append(Skipped(where, str(error)))
            continue
        except (TypeError, ValueError, AttributeError, KeyError) as error:
            skipped.append(Skipped(where, f"it could not be read ({error})"))
            continue
        for activity, entry in ctx.pending:
            ctx.shared.setdefault(activity, []).append(entry)
    for entries in ctx.shared.values():
        for card, touch in entries[:-1]:  # a shared activity is logged once, on the last
            card.touches.remove(touch)
    return cards, skipped


# --- the file ----------------------------------------------------------------------------


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise UserError(f"{path} does not exist")
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a Monica export")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from None
    try:
        export = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UserError(f"{path.name} is not a Monica export: it is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise UserError(
            f"{path.name} is not a Monica export: it is not JSON (line {error.lineno}: "
            f"{error.msg})"
        ) from None
    if not isinstance(export, dict) or not isinstance(export.get("account"), dict):
        raise UserError(
            f'{path.name} is not a Monica 4.x JSON export: it has no "account" object'
        )
    if not isinstance(export["account"].get("data"), list | dict):
        raise UserError(f'{path.name} is not a Monica 4.x JSON export: the account has no data')
    return export


def _uuid(record: Any) -> str | None:
    uid = record.get("uuid") if isinstance(record, dict) else None
    return uid if isinstance(uid, str) and uid else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _collections(data: Any) -> dict[str, list[Any]]:
    """{"contact": [...], "activity": [...]} from a list of {"count","type","values"}."""
    found: dict[str, list[Any]] = {}
    items = data.values() if isinstance(data, dict) else _list(data)
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("type"), str):
            values = item.get("values")
            if isinstance(values, dict):  # a collection keyed by uuid
                values = list(values.values())
            found.setdefault(item["type"], []).extend(_list(values))
    return found


def _props(record: Any) -> dict[str, Any]:
    props = record.get("properties") if isinstance(record, dict) else None
    return props if isinstance(props, dict) else {}


def _true(value: Any) -> bool:
    return value is True or value == 1 or value in ("1", "true")


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _name_of(contact: Any) -> str:
    props = _props(contact)
    parts = [_text(props.get(k)) for k in ("first_name", "middle_name", "last_name")]
    return " ".join(p for p in parts if p) or _text(props.get("nickname"))


def _names(contacts: list[Any]) -> dict[int, str]:
    return {id(c): _name_of(c) for c in contacts if isinstance(c, dict)}


def _uuid_names(contacts: list[Any], names: dict[int, str]) -> dict[str, str]:
    return {_uuid(c): names[id(c)] for c in contacts if _uuid(c) and names.get(id(c))}


def _participants(contacts: list[Any]) -> dict[str, list[str]]:
    """Activity uuid -> the uuids of the contacts who took part, in file order."""
    found: dict[str, list[str]] = {}
    for contact in contacts:
        if not isinstance(contact, dict):
            continue
        for activity in _own(contact, "activity"):
            if isinstance(activity, str):
                found.setdefault(activity, []).append(_uuid(contact))
    return found


def _relationships(values: list[Any]) -> dict[str, list[tuple[str, str]]]:
    """contact uuid -> [(Monica's type, the other contact's uuid)]."""
    found: dict[str, list[tuple[str, str]]] = {}
    for record in values:
        props = _props(record)
        kind, subject, other = props.get("type"), props.get("contact_is"), props.get("of_contact")
        if all(isinstance(v, str) and v for v in (kind, subject, other)):
            found.setdefault(subject, []).append((kind, other))
    return found


def _own(contact: dict[str, Any], kind: str) -> list[Any]:
    """A contact's own collection of one type (its calls, notes, ...)."""
    return _collections(contact.get("data")).get(kind, [])


# --- one contact into one card -----------------------------------------------------------


@dataclass
class _Context:
    """What every contact's card is read against: the whole file's names and vocabularies."""

    names_by_uuid: dict[str, str]
    field_types: dict[Any, dict[str, Any]]
    activities: dict[Any, dict[str, Any]]
    participants: dict[str, list[str]]
    relationships: dict[str, list[tuple[str, str]]]
    me: set[str]
    # activity uuid -> the (card, touch) pairs it was put on, in file order
    shared: dict[str, list[tuple[Card, CardTouch]]] = field(default_factory=dict)
    pending: list[tuple[str, tuple[Card, CardTouch]]] = field(default_factory=list)


def _card(contact: dict[str, Any], name: str, where: str, skipped: list[Skipped],
          ctx: _Context) -> Card:
    props = _props(contact)
    uid = contact.get("uuid")
    if not isinstance(uid, str) or not uid.strip():
        raise _Broken("it has no uuid")
    if not isinstance(contact.get("data", []), list | dict):
        raise _Broken('its "data" is not a list of collections')
    card = Card(name=name, uid=uid.strip())
    nickname = _text(props.get("nickname"))
    if nickname and nickname != name:
        card.nicknames.append(nickname)
    card.org = _text(props.get("company"))
    card.title = _text(props.get("job"))
    tags = props.get("tags")
    card.categories = [_text(t) for t in _list(tags) if _text(t)]
    frequency = props.get("stay_in_touch_frequency")
    if frequency not in (None, "", 0):
        try:
            days = int(frequency)
        except (TypeError, ValueError):
            days = 0
        if days > 0:
            card.window_days = days
        else:
            skipped.append(Skipped(f"{where}, stay in touch",
                                   f'"{frequency}" is not a number of days; the rest was read'))

    notes: list[str] = []
    description = props.get("description")
    if isinstance(description, str) and description.strip():
        notes.append(description.strip())
    food = _text(props.get("food_preferences"))
    if food:
        notes.append(f"Food preferences: {food}")

    card.deceased = _true(props.get("is_dead"))  # or a readable deceased_date, below
    _special_dates(card, props, where, skipped, notes)
    how = [_text(props.get(k)) for k in ("first_met_additional_info", "first_met_where")]
    card.how_met = "; ".join(h for h in how if h)
    introducer = props.get("first_met_through")
    if isinstance(introducer, str) and introducer and introducer not in ctx.me:
        if introducer in ctx.names_by_uuid:
            card.met_through = ctx.names_by_uuid[introducer]
        else:
            skipped.append(Skipped(f"{where}, first met through",
                                   "that contact is not in the file; the rest was read"))

    _fields(card, contact, where, skipped, ctx)
    for index, address in enumerate(_own(contact, "address"), start=1):
        line = _address(_props(address))
        if line:
            card.addresses.append((_text(_props(address).get("name")), line))
        else:
            skipped.append(Skipped(f"{where}, address {index}", "it is empty"))
    for note in _own(contact, "note"):
        body = _props(note).get("body")
        if isinstance(body, str) and body.strip():
            notes.append(body.strip())
    card.note = "\n\n".join(notes)

    _touches(card, contact, where, skipped, ctx)
    _gifts(card, contact, where, skipped, ctx)
    for kind, other in ctx.relationships.get(card.uid, []):
        if other in ctx.me:
            continue  # you, in Monica: not a relative of theirs to keep here
        other_name = ctx.names_by_uuid.get(other)
        if not other_name:
            skipped.append(Skipped(f"{where}, relationship ({kind})",
                                   "the other contact is not in the file; the rest was read"))
            continue
        relation = _RELATIONS.get(kind.casefold(), "other")
        card.relatives.append(CardRelative(relation, other_name, kind))
    return card


def _special_date(value: Any) -> tuple[YearlyDate | None, int | None]:
    """(the yearly date, or None) and, for an age-based date, the year it implies."""
    if not isinstance(value, dict):
        raise ValueError("it is not a Monica special date")
    match = _ISO_DAY.match(str(value.get("date") or ""))
    if not match:
        raise ValueError(f'"{value.get("date")}" is not a date')
    year, month, day = (int(g) for g in match.groups())
    if _true(value.get("is_age_based")):
        return None, year
    if _true(value.get("is_year_unknown")):
        return dates.parse_yearly(f"--{month:02d}-{day:02d}"), None
    return dates.parse_yearly(f"{year:04d}-{month:02d}-{day:02d}"), None


def _special_dates(card: Card, props: dict[str, Any], where: str, skipped: list[Skipped],
                   notes: list[str]) -> None:
    for key, label in (("birthdate", ""), ("deceased_date", ""),
                       ("first_met_date", "first met")):
        if props.get(key) is None:
            continue
        try:
            date, about = _special_date(props[key])
        except (ValueError, UserError) as error:
            skipped.append(Skipped(f"{where}, {key}", f"{error}; the rest was read"))
            continue
        if key == "deceased_date":
            _death(card, date, about, notes)
        elif date is None:
            if key == "birthdate":
                notes.append(f"Born around {about} (Monica knew only the age).")
        elif key == "birthdate":
            card.birthday = date
        else:
            card.dates.append(CardDate("custom", date, label))


def _death(card: Card, date: YearlyDate | None, about: int | None, notes: list[str]) -> None:
    """The day they died onto the card; what is only partly known goes in the note."""
    card.deceased = True
    if date is None:
        notes.append(f"Died around {about} (Monica knew only the age).")
        return
    year, month, day = date
    if year is None:
        shown = dates.format_yearly(None, month, day)
        notes.append(f"Died on {shown} (Monica did not know the year).")
        return
    card.deceased_on = f"{year:04d}-{month:02d}-{day:02d}"


def _fields(card: Card, contact: dict[str, Any], where: str, skipped: list[Skipped],
            ctx: _Context) -> None:
    for index, record in enumerate(_own(contact, "contact_field"), start=1):
        props = _props(record)
        value = props.get("data")
        if not isinstance(value, str) or not value.strip():
            skipped.append(Skipped(f"{where}, contact field {index}", "it has no value"))
            continue
        value = value.strip()
        field_type = props.get("type")
        kind = ctx.field_types.get(field_type) if isinstance(field_type, str) else None
        if kind is None:
            skipped.append(Skipped(f"{where}, contact field {index}",
                                   f'its type is unknown, so "{value}" was not read'))
            continue
        label = _text(kind.get("name"))
        if kind.get("type") == "email":
            card.emails.append(("", value))
        elif kind.get("type") == "phone":
            card.phones.append(("", value))
        else:
            card.urls.append((label, value))


def _address(props: dict[str, Any]) -> str:
    region = " ".join(_text(props.get(k)) for k in ("province", "postal_code")
                      if _text(props.get(k)))
    parts = [_text(props.get("street")), _text(props.get("city")), region,
             _text(props.get("country"))]
    return ", ".join(p for p in parts if p)


def _moment(value: Any) -> str:
    """An ISO date (midnight means only the day was known) or date-time; "" if unreadable."""
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        moment = pendulum.parse(value.strip(), tz="UTC")
    except (ValueError, TypeError):
        return ""
    if isinstance(moment, pendulum.DateTime):
        if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
            return moment.date().isoformat()
        return moment.in_timezone("UTC").isoformat()
    if isinstance(moment, pendulum.Date):
        return moment.isoformat()
    return ""


def _touches(card: Card, contact: dict[str, Any], where: str, skipped: list[Skipped],
             ctx: _Context) -> None:
    for uid in _own(contact, "activity"):
        activity = ctx.activities.get(uid) if isinstance(uid, str) else None
        if activity is None:
            skipped.append(Skipped(f"{where}, activity",
                                   "it is not in the file's activities; the rest was read"))
            continue
        people = ctx.participants.get(uid, [])
        props = _props(activity)
        at = _moment(props.get("happened_at"))
        if not at:
            skipped.append(Skipped(f"{where}, activity", "it has no date; the rest was read"))
            continue
        text = [t.strip() for t in (props.get("summary"), props.get("description"))
                if isinstance(t, str) and t.strip()]
        others = [ctx.names_by_uuid[p] for p in people
                  if p != card.uid and p not in ctx.me and p in ctx.names_by_uuid]
        touch = CardTouch(at, "together", "\n".join(text), "out", others)
        card.touches.append(touch)
        ctx.pending.append((uid, (card, touch)))
    for index, call in enumerate(_own(contact, "call"), start=1):
        props = _props(call)
        at = _moment(props.get("called_at"))
        if not at:
            skipped.append(Skipped(f"{where}, call {index}", "it has no date; the rest was read"))
            continue
        content = props.get("content")
        note = content.strip() if isinstance(content, str) else ""
        initiator = "in" if _true(props.get("contact_called")) else "out"
        card.touches.append(CardTouch(at, "call", note, initiator))
    for index, conversation in enumerate(_own(contact, "conversation"), start=1):
        props = _props(conversation)
        at = _moment(props.get("happened_at"))
        if not at:
            skipped.append(Skipped(f"{where}, conversation {index}",
                                   "it has no date; the rest was read"))
            continue
        messages = [m for m in _list(props.get("messages")) if isinstance(m, dict)]
        lines = [_props(m).get("content") for m in messages]
        note = "\n".join(t.strip() for t in lines if isinstance(t, str) and t.strip())
        first = _props(messages[0]) if messages else {}
        initiator = "out" if _true(first.get("written_by_me", True)) else "in"
        card.touches.append(CardTouch(at, "message", note, initiator))


def _gifts(card: Card, contact: dict[str, Any], where: str, skipped: list[Skipped],
           ctx: _Context) -> None:
    for index, gift in enumerate(_own(contact, "gift"), start=1):
        props = _props(gift)
        name = _text(props.get("name"))
        status = _GIFT_STATUSES.get(str(props.get("status")))
        if not name or status is None:
            reason = "it has no name" if not name else f'its status "{props.get("status")}"' \
                " is not idea, offered or received"
            skipped.append(Skipped(f"{where}, gift {index}", f"{reason}; the rest was read"))
            continue
        parts = [name]
        recipient = props.get("recipient")
        recipient = ctx.names_by_uuid.get(recipient) if isinstance(recipient, str) else None
        if recipient and recipient != card.name:
            parts[0] = f"{name} (for {recipient})"
        parts += [_text(props.get(k)) for k in ("comment", "url") if _text(props.get(k))]
        on = _moment(props.get("date"))
        card.gifts.append(CardGift(" — ".join(parts), status, on[:10] if on else None))
