"""A believable sample network for `connecttui demo`, screenshots and trying things out.

Everything is derived from `today` and a seed, never from the clock or the global random, so
the same (today, seed) always gives the same database: snapshot tests and bug reports about
the demo can rely on it. Rows are written through the core functions, so the search indexes
and the kept `last_touch_at` columns are exactly what real use would produce.

Whatever the day, the demo shows every practice: people drifting (on a circle's window and
on one learned from their rhythm), an unanswered streak and a "your turn", needs that meet
offers, memories made on this date, family with ages, a shared anniversary, a gift idea
inside its lead time and a half-posted holiday card list. The words are in demo_data.py.
"""

from __future__ import annotations

import calendar
import os
import random
import uuid
from dataclasses import dataclass

import pendulum

from connecttui.core import clock, matching, memories, touches, yearly
from connecttui.core import demo_data as data
from connecttui.core.cards import add_card, mark_sent
from connecttui.core.errors import UserError
from connecttui.core.facts import add_fact
from connecttui.core.family import add_member
from connecttui.core.gifts import add_gift
from connecttui.core.occasions import add_occasion
from connecttui.core.people import add_contact, update_contact
from connecttui.core.planning import add_open_loop
from connecttui.core.store.db import open_db, sqlite_path, transaction
from connecttui.core.store.models import (
    KINDS,
    Contact,
    Fact,
    FamilyMember,
    Gift,
    HolidayCard,
    Occasion,
    OpenLoop,
    Touch,
)
from connecttui.core.touches import contact_rows


@dataclass
class Person:
    id: int
    short: str
    circle: str
    pronoun: str
    last: pendulum.Date | None = None
    role: str = ""  # "streak": 3 unanswered reach-outs; "turn": they wrote last
    gaps: tuple[int, int] | None = None  # days between touches, when not the circle's rhythm


def log_touch(contact_ids: list[int], kind: str, **fields):
    """The demo's touches: today's fall at a plausible hour, which may be later than now."""
    return touches.log_touch(contact_ids, kind, future=True, **fields)


def _moment(day: pendulum.Date, rng: random.Random, lo: int = 8, hi: int = 21):
    """An aware moment on `day` at a plausible local hour: the user's zone, like real logs."""
    return pendulum.datetime(day.year, day.month, day.day, rng.randint(lo, hi),
                             rng.randrange(60), tz=clock.local_tz())


def _note(rng: random.Random, kind: str, person: Person, template: str | None = None) -> str:
    topics = data.WORK_TOPICS if person.circle == "work" and rng.random() < 0.8 else data.TOPICS
    p, o = data.PRONOUNS[person.pronoun]
    text = (template or rng.choice(data.TEMPLATES[kind])).format(t=rng.choice(topics), p=p, o=o)
    return text.format(p=p, o=o)


def _add_people(rng: random.Random) -> list[Person]:
    people = []
    for line in data.PEOPLE.splitlines():
        circle, name, nicks, pronoun, how_met, why = line.split("|")
        notes = rng.choice(data.NOTES) if rng.random() < 0.2 else ""
        contact = add_contact(name, nicknames=nicks, circle=None if circle == "-" else circle,
                              how_met=how_met, why_care=why, notes=notes)
        latin = ord(name[0]) < 0x250  # "林美玲" is "Meiling" in notes; "Ana Ferreira" is "Ana"
        short = name.split()[0] if latin or not nicks else nicks.split(",")[0]
        people.append(Person(contact.id, short, circle, pronoun))
    return people


def _place_last_touches(rng: random.Random, people: list[Person], today: pendulum.Date) -> None:
    """Decide each person's last touch first, so drifting is by design, not by chance:
    eight people past their circle's window (three past the maximum), one past the window
    learned from their own rhythm, resting ones a year ago. Two people get a role: an
    unanswered streak of yours, and a message of theirs waiting for your reply."""
    active = [p for p in people if p.circle in data.WINDOW]
    drifting = rng.sample([p for p in active if p.circle == "inner"], 1) + rng.sample(
        [p for p in active if p.circle == "friends"], 4
    ) + rng.sample([p for p in active if p.circle == "work"], 3)
    red = {p.id for p in rng.sample(drifting, 3)}
    amber = {p.id for p in drifting} - red
    streak = rng.choice([p for p in active if p.circle == "friends"])
    turn = rng.choice([p for p in active if p.circle in ("inner", "friends") and p is not streak])
    streak.role, turn.role = "streak", "turn"
    for person in people:
        if person.circle == "resting":
            gap = rng.randint(365, 480)
        elif person.short == "Noor":
            gap = None  # met last week: no touch logged yet
        elif person.short == "Jamie":  # a steady monthly rhythm, now a fortnight late
            gap, person.gaps = 45, (25, 35)
        elif person.circle == "-":  # within the window learned from their rhythm (20+ days)
            gap, person.gaps = rng.randint(3, 10), (20, 100)
        else:
            ideal, maximum = data.WINDOW[person.circle]
            if person.id in red:
                gap = rng.randint(maximum + 3, maximum + 45)
            elif person.id in amber:
                gap = rng.randint(ideal + 2, maximum - 1)
            else:
                gap = rng.randint(1, max(2, ideal * 2 // 3))
        person.last = None if gap is None else today.subtract(days=gap)


def _log_history(rng: random.Random, people: list[Person], start: pendulum.Date) -> None:
    """Walk back from each last touch to two years ago, at the circle's rhythm. The last
    touch is never "social" (half weight would move the designed drift), and only the
    designed streak has two reach-outs of yours in a row at the newest end."""
    for person in people:
        day, mean = person.last, data.EVERY[person.circle]
        lo, hi = person.gaps or (max(1, mean // 3), mean * 5 // 3)
        index, newest = 0, ""
        while day is not None and day >= start:
            kind = rng.choices(KINDS, data.WEIGHTS[person.circle])[0]
            kind = "message" if index == 0 and kind == "social" else kind
            initiator = "both" if kind in ("together", "memory") and rng.random() < 0.7 else (
                rng.choices(("out", "in", "both"), (55, 35, 10))[0]
            )
            template = None
            if person.role == "streak" and index < len(data.STREAK):
                (kind, template), initiator = data.STREAK[index], "out"
            elif (person.role, index) in (("streak", len(data.STREAK)), ("turn", 0)):
                kind, initiator = "message", "in"
            elif index == 1 and newest == initiator == "out":
                initiator = "in"
            newest = newest or initiator
            log_touch([person.id], kind, at=_moment(day, rng), initiator=initiator,
                      note=_note(rng, kind, person, template))
            day = day.subtract(days=rng.randint(lo, hi))
            index += 1


def _log_shared(rng: random.Random, people: list[Person], start: pendulum.Date) -> None:
    """Dinners and trips with two or three close people, and introductions between work
    contacts: always before everyone's last day, so the designed drift (and who reached out
    last) stays true. The unanswered streak is kept out of them."""
    close = [p for p in people if p.circle in ("inner", "friends") and p.role != "streak"]
    work = [p for p in people if p.circle == "work"]
    events = [(rng.sample(close, rng.randint(2, 3)), kind, note, "both")
              for kind, note in data.SHARED]
    for reason in data.INTROS:
        a, b = rng.sample(work, 2)
        events.append(([a, b], "intro", f"introduced {a.short} and {b.short}: {reason}", "out"))
    for group, kind, note, initiator in events:
        latest = min(p.last for p in group).toordinal() - 1
        day = start.add(days=rng.randint(0, max(0, latest - start.toordinal())))
        log_touch([p.id for p in group], kind, at=_moment(day, rng, 11, 20), initiator=initiator,
                  note=note)


def _log_memories(rng: random.Random, people: list[Person], today: pendulum.Date) -> None:
    """Memories made on today's month and day in earlier years, so "on this day" always has
    something (on Feb 29, from the leap years before)."""
    by_short = {p.short: p for p in people}
    leap_day = (today.month, today.day) == (2, 29)
    for years, note, shorts in data.ON_THIS_DAY:
        day = pendulum.Date(today.year - years * (4 if leap_day else 1), today.month, today.day)
        log_touch([by_short[s].id for s in shorts], "memory", at=_moment(day, rng, 11, 20),
                  initiator="both", note=note)


def _add_occasions(rng: random.Random, people: list[Person], today: pendulum.Date) -> dict:
    """~45 birthdays (three within two weeks for active people, one today, one on Feb 29, ten
    without a year), six anniversaries and a couple's shared one, two name days; close people
    get lead times and birthday wishes. Returns the birthdays by person, soonest first."""
    active = [p for p in people if p.circle in data.WINDOW]
    first = rng.sample(active, 4)
    holders = first + rng.sample([p for p in people if p.short != "Noor" and p not in first], 41)
    no_year = {p.id for p in rng.sample(holders[4:], 10)}
    birthdays = {}
    for i, person in enumerate(holders):
        year = None if person.id in no_year else rng.randint(1966, 1999)
        feb29 = "feb28"
        if i < 3:
            day = today.add(days=(0, 3, 9)[i])
        elif i == 3:
            day, year, feb29 = pendulum.Date(2000, 2, 29), 1992, "mar1"
        else:
            day = pendulum.Date(2001, 1, 1).add(days=rng.randrange(365))
        year = _leap_safe(day, 1941 if person.short == "Rose" and year else year)  # Gran: 1941
        lead = {"inner": 10, "friends": 7}.get(person.circle, 0) if rng.random() < 0.6 else 0
        lead = 10 if i in (1, 2) else lead  # gift ideas for these two are due now
        birthdays[person.short] = add_occasion(person.id, "birthday", day.month, day.day,
                                               year=year, feb29=feb29, lead_days=lead)
        _wish(rng, person, day.month, day.day, lead, today)
    couples = rng.sample([p for p in people if p.circle in ("inner", "friends")
                          and p.short not in data.COUPLE], 6)
    for i, person in enumerate(couples):
        day = today.add(days=6) if i == 0 else pendulum.Date(2001, 1, 1).add(
            days=rng.randrange(365))
        add_occasion(person.id, "anniversary", day.month, day.day,
                     year=_leap_safe(day, rng.randint(1995, 2022)), label="wedding anniversary",
                     lead_days=7 if i < 3 else 0)
    by_short = {p.short: p for p in people}
    soon = today.add(days=rng.randint(2, 12))
    add_occasion(by_short[data.COUPLE[0]].id, "anniversary", soon.month, soon.day,
                 year=_leap_safe(soon, rng.randint(2012, 2018)), label="wedding anniversary",
                 lead_days=7, feb29="mar1", partner_id=by_short[data.COUPLE[1]].id)
    add_occasion(by_short["Małgorzata"].id, "custom", 7, 13, label="name day", lead_days=7)
    add_occasion(by_short["Alex"].id, "custom", 8, 30, label="name day")
    return birthdays


def _leap_safe(day: pendulum.Date, year: int | None) -> int | None:
    """A year in which `day`'s month and day exist: a Feb 29 date needs a leap year."""
    if year is None or (day.month, day.day) != (2, 29) or calendar.isleap(year):
        return year
    return year - year % 4


def _wish(rng, person: Person, month: int, day: int, lead: int, today) -> None:
    """Birthday wishes in past years for close people: a gift, a card or a message."""
    if person.circle not in ("inner", "friends") or person.last is None:
        return
    kind, wish = {10: ("gift", "a present"), 7: ("card", "a card")}.get(lead, ("message", "wishes"))
    for year in (today.year - 2, today.year - 1, today.year):
        moment = yearly.occurs_on(month, day, year, "mar1")  # the Feb 29 birthday is on mar1
        if today.subtract(days=730) <= moment < person.last:
            log_touch([person.id], kind, at=_moment(moment, rng), note=f"{wish} for the birthday")


def _add_family(people: list[Person], today: pendulum.Date) -> None:
    """Partners, children with ages and what they do, a parent, two brothers; the couple
    are each other's linked partner."""
    ids = {p.short: p.id for p in people}
    for line in data.FAMILY:
        short, relation, name, age, activities, linked = line.split("|")
        add_member(ids[short], relation, name, today.year - int(age) if age else None,
                   activities, ids[linked] if linked else None)


def _add_loops_and_facts(rng: random.Random, people: list[Person], today) -> list:
    """Open loops around today; needs meeting offers between six pairs of people who are not
    resting (one pair already introduced); interests and more for about thirty people.
    Returns (row, {field: day}) pairs whose stamps are set from `today` afterwards."""
    stamped = []
    active = [p for p in people if p.circle in ("inner", "friends", "work")]
    for text, offset, done in data.LOOPS:
        loop = add_open_loop(rng.choice(active).id, text, today.add(days=offset))
        days = {"created_at": today.add(days=min(0, offset) - rng.randint(3, 20))}
        if done:
            days["done_at"] = loop.due.subtract(days=rng.randint(0, 2))
        stamped.append((loop, days))
    awake = [p for p in people if p.circle != "resting" and p.short not in ("Noor", "Jamie")]
    holders = rng.sample(awake, 2 * len(data.PAIRS))
    for i, (need, need_tags, offer, offer_tags) in enumerate(data.PAIRS):
        asks, knows = holders[2 * i], holders[2 * i + 1]
        for person, kind, text, tags in ((asks, "need", need, need_tags),
                                         (knows, "offer", offer, offer_tags)):
            fact = add_fact(person.id, kind, text, tags)
            stamped.append((fact, {"created_at": today.subtract(days=rng.randint(1, 300))}))
        if i == data.PAIR_INTRODUCED:
            day = min(asks.last, knows.last).subtract(days=rng.randint(1, 30))
            log_touch([asks.id, knows.id], "intro", at=_moment(day, rng), initiator="out",
                      note=f"introduced {asks.short} to {knows.short}: {need} -> {offer}")
    for person in rng.sample([p for p in people if p.short != "Noor"], 30):
        for kind in rng.sample(["interest", "interest", "other"], rng.randint(1, 2)):
            text, tags = rng.choice(data.FACTS[kind])
            fact = add_fact(person.id, kind, text, tags)
            stamped.append((fact, {"created_at": today.subtract(days=rng.randint(1, 600))}))
    return stamped


def _add_gifts(rng: random.Random, people: list[Person], birthdays: dict, today) -> list:
    """Ideas for the two birthdays inside their lead time and a few more; gifts given on last
    year's birthdays; a few received. Returns (row, {field: day}) pairs like the facts."""
    stamped = []
    soon = list(birthdays)[1:3]  # the birthdays in 3 and 9 days
    others = [p for p in people if p.circle in ("inner", "friends") and p.short not in soon]
    later = rng.choice([p for p in others if p.short in birthdays])
    ideas = rng.sample(data.GIFT_IDEAS, 5)
    tied = [(short, birthdays[short].id) for short in [*soon, later.short]]
    tied += [(p.short, None) for p in rng.sample([p for p in others if p is not later], 2)]
    ids = {p.short: p.id for p in people}
    for (short, occasion_id), text in zip(tied, ideas, strict=True):
        gift, _ = add_gift(ids[short], text, "idea", occasion_id)
        stamped.append((gift, {"created_at": today.subtract(days=rng.randint(5, 200))}))
    given = data.GIFTS_GIVEN
    for person, text in zip(rng.sample(others, len(given)), given, strict=True):
        occasion = birthdays.get(person.short)
        on = (yearly.occurs_on(occasion.month, occasion.day, today.year - 1, occasion.feb29)
              if occasion else today.subtract(days=rng.randint(30, 700)))
        gift, _ = add_gift(person.id, text, "given", occasion.id if occasion else None, on)
        stamped.append((gift, {"created_at": on}))
    for person, text in zip(rng.sample(others, len(data.GIFTS_RECEIVED)), data.GIFTS_RECEIVED,
                            strict=True):
        on = today.subtract(days=rng.randint(10, 400))
        gift, _ = add_gift(person.id, text, "received", None, on)
        stamped.append((gift, {"created_at": on}))
    return stamped


def _add_cards(rng: random.Random, people: list[Person], today) -> list:
    """Postal addresses; this year's holiday card list (twelve, some posted) and last
    year's (all posted). Returns (row, {field: day}) pairs for the sent stamps."""
    ids = {p.short: p.id for p in people}
    for short, address in data.ADDRESSES.items():
        update_contact(ids[short], address=address)
    listed = [short for short in data.ADDRESSES if short not in (data.COUPLE[1], "Claire")]
    stamped = []
    for short in rng.sample(listed, 10):
        card = mark_sent(add_card(ids[short], today.year - 1).id)
        stamped.append((card, {"sent_at": pendulum.Date(today.year - 1, 12, rng.randint(5, 18))}))
    first_day = pendulum.Date(today.year, 1, 1)
    for short in listed:
        card = add_card(ids[short], today.year)
        if short in data.CARDS_SENT:
            mark_sent(card.id)
            sent = max(first_day, today.subtract(days=rng.randint(1, 12)))
            stamped.append((card, {"sent_at": sent}))
    return stamped


def _fix_stamps(rng: random.Random, people: list[Person], stamped: list, today) -> None:
    """The core stamps rows with the wall clock and uids with uuid4; rewrite both from
    `today` and the seed, so the whole database is a function of (today, seed)."""
    start = today.subtract(days=730)
    for person in people:
        created = today.subtract(days=6) if person.last is None else start.subtract(
            days=rng.randint(1, 900))
        updated = created.add(days=rng.randint(0, today.toordinal() - created.toordinal()))
        Contact.update(
            uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            created_at=_moment(created, rng), updated_at=_moment(updated, rng),
        ).where(Contact.id == person.id).execute()
    Touch.update(created_at=Touch.at).execute()
    for row, days in stamped:
        model = type(row)
        values = {getattr(model, name): _moment(day, rng) for name, day in days.items()}
        model.update(values).where(model.id == row.id).execute()


def counts(today: pendulum.Date) -> dict[str, int]:
    """What the database holds, for the demo command to say and tests to check."""
    tables = {"contacts": Contact, "touches": Touch, "occasions": Occasion,
              "open_loops": OpenLoop, "facts": Fact, "family": FamilyMember, "gifts": Gift,
              "cards": HolidayCard}
    result = {name: model.select().count() for name, model in tables.items()}
    result["birthdays"] = Occasion.select().where(Occasion.kind == "birthday").count()
    result["drifting"] = sum(1 for row in contact_rows(today) if row.drift)
    result["matches"] = len(matching.matches())
    result["memories"] = len(memories.on_this_day(today))
    return result


def populate(today: pendulum.Date, seed: int = 2026) -> dict[str, int]:
    """Fill the open, empty database with about sixty people and two years of life, all in
    one transaction (fast, and all or nothing); return what was made."""
    rng = random.Random(seed)
    start = today.subtract(days=730)
    with transaction():
        people = _add_people(rng)
        _place_last_touches(rng, people, today)
        _log_history(rng, people, start)
        _log_shared(rng, people, start)
        _log_memories(rng, people, today)
        birthdays = _add_occasions(rng, people, today)
        _add_family(people, today)
        stamped = _add_loops_and_facts(rng, people, today)
        stamped += _add_gifts(rng, people, birthdays, today)
        stamped += _add_cards(rng, people, today)
        _fix_stamps(rng, people, stamped, today)
    return counts(today)


def create_demo_db(
    path: str | os.PathLike, today: pendulum.Date | None = None, seed: int = 2026
) -> dict[str, int]:
    """Open a new database at `path` with the demo in it; it stays open and bound.

    An existing file with anything in it is refused: the demo must never mix with real data.
    """
    file = sqlite_path(path)
    if file.exists() and file.stat().st_size > 0:
        raise UserError(f"{file} already exists: the demo needs a new, empty file")
    open_db(file)
    return populate(today or clock.today(), seed)
