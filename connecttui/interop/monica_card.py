"""One Monica contact into one card: what becomes what.

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

The 4.x export does not carry "how we met" (`first_met_additional_info`, `first_met_where`):
when a file does have them (a later or hand-edited export) they are read into `how_met`. A
part that can't be read (a call with no date) is reported on its own and the rest of the
contact is kept.

Apart from monica (the whole file: which contacts become cards, a shared activity logged
once) because this is the mapping, contact by contact; what a contact is read against
(everyone's names, Monica's vocabularies) comes in an ExportContext.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pendulum

from connecttui.core import typed_dates
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
from connecttui.interop.monica_export import as_list, clean_text, is_true, own_records, props_of

_RELATIONS = {
    "partner": "partner", "spouse": "partner", "lover": "partner", "date": "partner",
    "child": "child", "stepchild": "child",
    "parent": "parent", "stepparent": "parent",
    "sibling": "sibling",
}
_GIFT_STATUSES = {"idea": "idea", "offered": "given", "received": "received"}
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class BrokenRecord(Exception):
    """A record that is not what the export format says it is."""


@dataclass
class ExportContext:
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


def contact_card(contact: dict[str, Any], name: str, where: str, skipped: list[Skipped],
                 ctx: ExportContext) -> Card:
    """The card of one contact record; what in it can't be read goes to `skipped` (a
    BrokenRecord when the record itself is not one)."""
    props = props_of(contact)
    uid = contact.get("uuid")
    if not isinstance(uid, str) or not uid.strip():
        raise BrokenRecord("it has no uuid")
    if not isinstance(contact.get("data", []), list | dict):
        raise BrokenRecord('its "data" is not a list of collections')
    card = Card(name=name, uid=uid.strip())
    nickname = clean_text(props.get("nickname"))
    if nickname and nickname != name:
        card.nicknames.append(nickname)
    card.org = clean_text(props.get("company"))
    card.title = clean_text(props.get("job"))
    tags = props.get("tags")
    card.categories = [clean_text(t) for t in as_list(tags) if clean_text(t)]
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
    food = clean_text(props.get("food_preferences"))
    if food:
        notes.append(f"Food preferences: {food}")

    card.deceased = is_true(props.get("is_dead"))  # or a readable deceased_date, below
    _special_dates(card, props, where, skipped, notes)
    how = [clean_text(props.get(k)) for k in ("first_met_additional_info", "first_met_where")]
    card.how_met = "; ".join(h for h in how if h)
    introducer = props.get("first_met_through")
    if isinstance(introducer, str) and introducer and introducer not in ctx.me:
        if introducer in ctx.names_by_uuid:
            card.met_through = ctx.names_by_uuid[introducer]
        else:
            skipped.append(Skipped(f"{where}, first met through",
                                   "that contact is not in the file; the rest was read"))

    _fields(card, contact, where, skipped, ctx)
    for index, address in enumerate(own_records(contact, "address"), start=1):
        line = _address(props_of(address))
        if line:
            card.addresses.append((clean_text(props_of(address).get("name")), line))
        else:
            skipped.append(Skipped(f"{where}, address {index}", "it is empty"))
    for note in own_records(contact, "note"):
        body = props_of(note).get("body")
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
    if is_true(value.get("is_age_based")):
        return None, year
    if is_true(value.get("is_year_unknown")):
        return typed_dates.parse_yearly(f"--{month:02d}-{day:02d}"), None
    return typed_dates.parse_yearly(f"{year:04d}-{month:02d}-{day:02d}"), None


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
        shown = typed_dates.format_yearly(None, month, day)
        notes.append(f"Died on {shown} (Monica did not know the year).")
        return
    card.deceased_on = f"{year:04d}-{month:02d}-{day:02d}"


def _fields(card: Card, contact: dict[str, Any], where: str, skipped: list[Skipped],
            ctx: ExportContext) -> None:
    for index, record in enumerate(own_records(contact, "contact_field"), start=1):
        props = props_of(record)
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
        label = clean_text(kind.get("name"))
        if kind.get("type") == "email":
            card.emails.append(("", value))
        elif kind.get("type") == "phone":
            card.phones.append(("", value))
        else:
            card.urls.append((label, value))


def _address(props: dict[str, Any]) -> str:
    region = " ".join(clean_text(props.get(k)) for k in ("province", "postal_code")
                      if clean_text(props.get(k)))
    parts = [clean_text(props.get("street")), clean_text(props.get("city")), region,
             clean_text(props.get("country"))]
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
             ctx: ExportContext) -> None:
    for uid in own_records(contact, "activity"):
        activity = ctx.activities.get(uid) if isinstance(uid, str) else None
        if activity is None:
            skipped.append(Skipped(f"{where}, activity",
                                   "it is not in the file's activities; the rest was read"))
            continue
        people = ctx.participants.get(uid, [])
        props = props_of(activity)
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
    for index, call in enumerate(own_records(contact, "call"), start=1):
        props = props_of(call)
        at = _moment(props.get("called_at"))
        if not at:
            skipped.append(Skipped(f"{where}, call {index}", "it has no date; the rest was read"))
            continue
        content = props.get("content")
        note = content.strip() if isinstance(content, str) else ""
        initiator = "in" if is_true(props.get("contact_called")) else "out"
        card.touches.append(CardTouch(at, "call", note, initiator))
    for index, conversation in enumerate(own_records(contact, "conversation"), start=1):
        props = props_of(conversation)
        at = _moment(props.get("happened_at"))
        if not at:
            skipped.append(Skipped(f"{where}, conversation {index}",
                                   "it has no date; the rest was read"))
            continue
        messages = [m for m in as_list(props.get("messages")) if isinstance(m, dict)]
        lines = [props_of(m).get("content") for m in messages]
        note = "\n".join(t.strip() for t in lines if isinstance(t, str) and t.strip())
        first = props_of(messages[0]) if messages else {}
        initiator = "out" if is_true(first.get("written_by_me", True)) else "in"
        card.touches.append(CardTouch(at, "message", note, initiator))


def _gifts(card: Card, contact: dict[str, Any], where: str, skipped: list[Skipped],
           ctx: ExportContext) -> None:
    for index, gift in enumerate(own_records(contact, "gift"), start=1):
        props = props_of(gift)
        name = clean_text(props.get("name"))
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
        parts += [clean_text(props.get(k)) for k in ("comment", "url") if clean_text(props.get(k))]
        on = _moment(props.get("date"))
        card.gifts.append(CardGift(" — ".join(parts), status, on[:10] if on else None))
