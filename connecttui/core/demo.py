"""A believable sample network for `connecttui demo`, screenshots and trying things out.

Everything is derived from `today` and a seed, never from the clock or the global random, so
the same (today, seed) always gives the same database: snapshot tests and bug reports about
the demo can rely on it. Rows are written through the core functions, so the search indexes
and the kept `last_touch_at` columns are exactly what real use would produce.
"""

from __future__ import annotations

import os
import random
import uuid
from dataclasses import dataclass

import pendulum

from connecttui.core import dates
from connecttui.core.db import open_db, sqlite_path, transaction
from connecttui.core.errors import UserError
from connecttui.core.facts import add_fact
from connecttui.core.models import KINDS, Contact, Fact, Occasion, OpenLoop, Touch
from connecttui.core.occasions import add_occasion
from connecttui.core.people import add_contact
from connecttui.core.planning import add_open_loop
from connecttui.core.touches import contact_rows, log_touch

# circle|name|nicknames|pronoun|how you met|why you care ("-" is no circle)
PEOPLE = """\
inner|Ana Ferreira|Aninha|she|flatmates in Porto, 2011|calls me out kindly when I'm wrong
inner|Tomás Ibáñez|Tomi|he|climbing gym in Madrid|the friend who shows up with soup
inner|Priya Raman||she|my brother's wife; met at their engagement|makes family things feel easy
inner|Jonas Becker||he|first week of university|twenty years of honest advice
inner|林美玲|Meiling, Mei|she|exchange semester in Taipei|taught me to slow down and cook
inner|Kofi Mensah||he|same team at my first job|always ready to think out loud with me
inner|Sam Okafor|Sammy|they|neighbours on Elm Street|we raised our kids side by side
inner|Rose Whitfield|Gran|she|my grandmother|her stories are the family's memory
friends|Léa Moreau||she|book club at the Librairie du Port|lends me books that change my mind
friends|Mateus Costa|Teu|he|five-a-side football on Tuesdays|most generous player on the pitch
friends|田中 由紀|Yuki|she|language exchange in Lisbon|patient teacher, funny storyteller
friends|Ahmed Hassan||he|Ana's wedding, at the kids' table|gets me out of the house
friends|Małgorzata Wiśniewska|Gosia|she|pottery class|no small talk, ever
friends|Αλέξανδρος Παπαδόπουλος|Alex, Alexandros|he|hostel in Thessaloniki|an open door in Greece
friends|Юлия Смирнова|Yulia, Julia|she|Jonas introduced us at a party|brilliant, and quietly kind
friends|Chloé Martin||she|the Thursday choir|sings harmony to my melody, literally
friends|Diego Álvarez||he|surf camp in Ericeira|brings out the adventurous me
friends|Fatima Zahra Benali|Fatz|she|master's programme in Lyon|we got through the thesis together
friends|Liam O'Connor||he|pub quiz team|makes every room laugh
friends|Ingrid Solberg||she|hiking club|knows every trail in Norway
friends|Ravi Kapoor||he|Priya's cousin|great cook, greater listener
friends|Emma Schulz||she|parents' group when the kids were babies|we survived the sleepless year
friends|Nikhil Joshi|Nik|he|coworking space in Lisbon|sharp on startups, generous with time
friends|Zoë van Dijk||she|cycling trip along the Rhine|an optimist on the worst days
friends|Kwame Asante||he|Kofi's brother|
friends|Isabel García||she|Spanish class|
friends|Björn Lindqvist||he|sauna club in Stockholm|calm, thoughtful, fiercely loyal
friends|Hannah Cohen||she|next desk at the library, 2014|writes the best letters
work|Karin Berg||she|my manager at Nordlicht|championed me when no one else did
work|김민준|Minjun, MJ|he|PyCon Korea, 2019|the best code reviewer I know
work|Laura Rossi||she|design sprint with her agency|sees the user in every meeting
work|Marcus Webb||he|colleague at Nordlicht|honest about the industry
work|Sofia Lindgren||she|panel at Web Summit|opens doors for others
work|Arjun Mehta||he|client project, 2022|
work|Claire Dupont||she|mentoring programme|my mentor: asks the hard question
work|Oluwaseun Adeyemi|Seun|he|remote hackathon with a Lagos team|builds things fast and well
work|Nadia Petrova||she|recruiter who placed me at Nordlicht|knows who is hiring, everywhere
work|Tom Fischer||he|open-source maintainers' call|
work|Beatriz Santos|Bia|she|Lisbon tech meetup|runs the meetup I love
work|Ethan Brooks||he|investor intro via Nikhil|straight talk about money
work|Aisha Khan||she|data team at the old job|taught me SQL properly
work|Pieter de Vries||he|conference in Amsterdam|
work|Camille Laurent||she|co-wrote a conference talk|a great writing partner
work|佐藤 浩|Hiroshi|he|supplier in Osaka|patient with my Japanese
work|Rachel Adler||she|former client|gave me my first freelance job
work|Mohammed Al-Farsi||he|accelerator cohort|
work|Julia Novak||she|legal adviser on the contracts|explains law without jargon
work|Felipe Ríos||he|speakers' dinner in Madrid|
resting|Kevin Doyle||he|old flatmate in Dublin|
resting|Sarah Mitchell||she|ex-colleague, moved to Sydney|
resting|Gustavo Pereira||he|football in Porto|good memories of the Porto years
resting|Elif Yılmaz||she|Erasmus in Istanbul|
resting|Patrick Murphy||he|Liam's old friend|
resting|Anja Kovač||she|summer job in Split|
resting|Ben Carter||he|my first startup|taught me what not to do
resting|Lucía Fernández||she|salsa lessons|
-|Noor Haddad||she|climate tech meetup last week|
-|Jamie Quinn||they|next-door neighbour|waters the plants when we travel
-|Viktor Horváth||he|our landlord|fair, and fixes things fast
-|Amara Eze||she|Emma's birthday party|
"""

NOTES = (
    "Prefers texts to calls.", "Lives two streets away; spare key in the blue pot.",
    "Working nights at the hospital until March.", "Big Liverpool fan: not on match days.",
    "Vegetarian. Loves Ethiopian food.", "Kids: Leo (9) and Mila (6).",
    "Moved house in the spring: new address in the vCard.", "Hates surprise parties.",
)
PRONOUNS = {"she": ("her", "her"), "he": ("his", "him"), "they": ("their", "them")}
TOPICS = (
    "{p} move to Lisbon", "{p} new job", "{p} marathon training", "{p} dad's surgery",
    "the kids' school", "{p} trip to Japan", "{p} allotment", "the wedding plans",
    "{p} sister's baby", "{p} thesis defence", "house hunting", "{p} band's first gig",
)
WORK_TOPICS = ("{p} conference talk", "the reorg", "{p} promotion", "hiring for {p} team",
               "the Q3 launch", "{p} startup idea", "remote work", "{p} side project")
TEMPLATES = {  # "" is a touch logged without a note, as people often do
    "call": ("talked about {t}", "long catch-up about {t}", "quick call about {t}", ""),
    "message": ("texted about {t}", "voice notes about {t}", "asked about {t}", "sent a meme", ""),
    "together": ("coffee, talked about {t}", "lunch near {p} office", "dinner at {p} place",
                 "walk along the river", ""),
    "social": ("commented on {p} post about {t}", "liked {p} photos from the trip",
               "reshared {p} article", "commented on {p} conference talk"),
    "help": ("helped {o} move boxes", "reviewed {p} CV", "lent {o} the drill",
             "proofread {p} cover letter"),
    "intro": ("introduced {o} to a recruiter I know", "connected {o} with a friend in Berlin"),
    "gift": ("sent flowers", "gave {o} Piranesi", "brought {o} tea from Kyoto"),
    "card": ("postcard from Lisbon", "thank-you card", "a card for no reason"),
    "memory": ("hiked the ridge together", "the night the power went out at {p} party",
               "Khruangbin concert"),
    "other": ("bumped into {o} at the market", "saw {o} at a wedding", ""),
}
WEIGHTS = {  # kind weights in KINDS order: closer circles call and meet more
    "inner": (22, 35, 20, 5, 5, 1, 3, 2, 6, 1), "friends": (15, 35, 15, 15, 5, 2, 2, 3, 6, 2),
    "work": (15, 35, 10, 20, 6, 8, 1, 1, 2, 3), "resting": (15, 40, 10, 25, 2, 1, 1, 2, 2, 2),
    "-": (10, 40, 20, 10, 10, 1, 1, 1, 1, 6),
}
EVERY = {"inner": 9, "friends": 30, "work": 55, "resting": 60, "-": 90}  # mean days apart
WINDOW = {"inner": (14, 30), "friends": (30, 60), "work": (60, 120)}  # as in m0001
SHARED = (
    ("together", "dinner at mine, everyone stayed till 1am"), ("together", "board game night"),
    ("memory", "weekend in the mountains, snowed in"), ("together", "picnic in the park"),
    ("memory", "the wedding in Porto"), ("together", "brunch at the new Lebanese place"),
    ("memory", "Khruangbin at the Coliseu"), ("call", "group call to plan the reunion"),
)
INTROS = ("both working on climate tech", "one is hiring, the other looking",
          "both into open source", "same question about design systems", "both moving to Berlin")
LOOPS = (  # (text, days from today, done)
    ("ask how the interview went", -4, False), ("send the book I promised", -9, False),
    ("call about the move to Lisbon", 0, False), ("return the camping stove", 0, False),
    ("check in after the surgery", 2, False), ("send the intro we talked about", 5, False),
    ("book a table for the birthday dinner", 8, False), ("ask about the Berlin offer", 13, False),
    ("share the photos from the wedding", 21, False), ("follow up on the grant", 40, False),
    ("thank-you note for the gift", -30, True), ("ask about the new flat", -12, True),
    ("send the sourdough article", -3, True),
)
FACTS = {  # needs and offers pair up by position, so the demo shows matches
    "need": ("a tax adviser", "a flat in Berlin", "a physiotherapist", "a reference for a UX job",
             "a co-founder with sales experience", "a cat sitter in August"),
    "offer": ("knows tax law", "knows the Berlin rental market", "physiotherapist",
              "hires UX designers", "sold SaaS for ten years", "loves cats; works from home"),
    "interest": ("bouldering", "natural wine", "woodblock prints", "sourdough", "chess", "jazz",
                 "Formula 1", "birdwatching", "sci-fi", "trail running", "board games", "pottery"),
    "other": ("doesn't drink", "allergic to nuts", "prefers voice notes", "night owl",
              "learning Portuguese", "training for a triathlon"),
}


@dataclass
class Person:
    id: int
    short: str
    circle: str
    pronoun: str
    last: pendulum.Date | None = None


def _moment(day: pendulum.Date, rng: random.Random, lo: int = 8, hi: int = 21):
    """An aware moment on `day` at a plausible local hour: the user's zone, like real logs."""
    return pendulum.datetime(day.year, day.month, day.day, rng.randint(lo, hi),
                             rng.randrange(60), tz=dates.local_tz())


def _note(rng: random.Random, kind: str, person: Person) -> str:
    topics = WORK_TOPICS if person.circle == "work" and rng.random() < 0.8 else TOPICS
    p, o = PRONOUNS[person.pronoun]
    text = rng.choice(TEMPLATES[kind]).format(t=rng.choice(topics), p=p, o=o)
    return text.format(p=p, o=o)


def _add_people(rng: random.Random) -> list[Person]:
    people = []
    for line in PEOPLE.splitlines():
        circle, name, nicks, pronoun, how_met, why = line.split("|")
        notes = rng.choice(NOTES) if rng.random() < 0.2 else ""
        contact = add_contact(name, nicknames=nicks, circle=None if circle == "-" else circle,
                              how_met=how_met, why_care=why, notes=notes)
        latin = ord(name[0]) < 0x250  # "林美玲" is "Meiling" in notes; "Ana Ferreira" is "Ana"
        short = name.split()[0] if latin or not nicks else nicks.split(",")[0]
        people.append(Person(contact.id, short, circle, pronoun))
    return people


def _place_last_touches(rng: random.Random, people: list[Person], today: pendulum.Date) -> None:
    """Decide each person's last touch first, so drifting is by design, not by chance:
    eight people past their window (three past the maximum), resting ones a year ago."""
    active = [p for p in people if p.circle in WINDOW]
    drifting = rng.sample([p for p in active if p.circle == "inner"], 1) + rng.sample(
        [p for p in active if p.circle == "friends"], 4
    ) + rng.sample([p for p in active if p.circle == "work"], 3)
    red = {p.id for p in rng.sample(drifting, 3)}
    amber = {p.id for p in drifting} - red
    for person in people:
        if person.circle == "resting":
            gap = rng.randint(365, 480)
        elif person.circle == "-":
            gap = None if person.short == "Noor" else rng.randint(3, 90)
        else:
            ideal, maximum = WINDOW[person.circle]
            if person.id in red:
                gap = rng.randint(maximum + 3, maximum + 45)
            elif person.id in amber:
                gap = rng.randint(ideal + 2, maximum - 1)
            else:
                gap = rng.randint(1, max(2, ideal * 2 // 3))
        person.last = None if gap is None else today.subtract(days=gap)


def _log_history(rng: random.Random, people: list[Person], start: pendulum.Date) -> None:
    """Walk back from each last touch to two years ago, at the circle's rhythm."""
    for person in people:
        day, mean = person.last, EVERY[person.circle]
        while day is not None and day >= start:
            kind = rng.choices(KINDS, WEIGHTS[person.circle])[0]
            initiator = "both" if kind in ("together", "memory") and rng.random() < 0.7 else (
                rng.choices(("out", "in", "both"), (55, 35, 10))[0]
            )
            log_touch([person.id], kind, at=_moment(day, rng), initiator=initiator,
                      note=_note(rng, kind, person))
            day = day.subtract(days=rng.randint(max(1, mean // 3), mean * 5 // 3))


def _log_shared(rng: random.Random, people: list[Person], start: pendulum.Date) -> None:
    """Dinners and trips with two or three close people, and introductions between work
    contacts: always before everyone's last touch, so the designed drift stays true."""
    close = [p for p in people if p.circle in ("inner", "friends")]
    work = [p for p in people if p.circle == "work"]
    events = [(rng.sample(close, rng.randint(2, 3)), kind, note, "both") for kind, note in SHARED]
    for reason in INTROS:
        a, b = rng.sample(work, 2)
        events.append(([a, b], "intro", f"introduced {a.short} and {b.short}: {reason}", "out"))
    for group, kind, note, initiator in events:
        latest = min(p.last for p in group).toordinal()
        day = start.add(days=rng.randint(0, max(0, latest - start.toordinal())))
        log_touch([p.id for p in group], kind, at=_moment(day, rng, 11, 20), initiator=initiator,
                  note=note)


def _add_occasions(rng: random.Random, people: list[Person], today: pendulum.Date) -> None:
    """~45 birthdays (three within two weeks, one today, one on Feb 29, ten without a year),
    six anniversaries, two name days; close people get lead times and birthday wishes."""
    holders = rng.sample([p for p in people if p.short != "Noor"], 45)
    no_year = {p.id for p in rng.sample(holders[4:], 10)}
    for i, person in enumerate(holders):
        year = None if person.id in no_year else rng.randint(1966, 1999)
        feb29 = "feb28"
        if i < 3:
            day = today.add(days=(0, 3, 9)[i])
        elif i == 3:
            day, year, feb29 = pendulum.Date(2000, 2, 29), 1992, "mar1"
        else:
            day = pendulum.Date(2001, 1, 1).add(days=rng.randrange(365))
        year = 1941 if person.short == "Rose" and year else year  # Gran
        lead = {"inner": 10, "friends": 7}.get(person.circle, 0) if rng.random() < 0.6 else 0
        add_occasion(person.id, "birthday", day.month, day.day, year=year, feb29=feb29,
                     lead_days=lead)
        _wish(rng, person, day.month, day.day, lead, today)
    couples = rng.sample([p for p in people if p.circle in ("inner", "friends")], 6)
    for i, person in enumerate(couples):
        day = today.add(days=6) if i == 0 else pendulum.Date(2001, 1, 1).add(
            days=rng.randrange(365))
        add_occasion(person.id, "anniversary", day.month, day.day, year=rng.randint(1995, 2022),
                     label="wedding anniversary", lead_days=7 if i < 3 else 0)
    by_short = {p.short: p for p in people}
    add_occasion(by_short["Małgorzata"].id, "custom", 7, 13, label="name day", lead_days=7)
    add_occasion(by_short["Alex"].id, "custom", 8, 30, label="name day")


def _wish(rng, person: Person, month: int, day: int, lead: int, today) -> None:
    """Birthday wishes in past years for close people: a gift, a card or a message."""
    if person.circle not in ("inner", "friends") or person.last is None:
        return
    kind, wish = {10: ("gift", "a present"), 7: ("card", "a card")}.get(lead, ("message", "wishes"))
    for year in (today.year - 2, today.year - 1, today.year):
        leap_day = (month, day) == (2, 29) and year % 4  # the Feb 29 birthday is on mar1
        moment = pendulum.Date(year, 3, 1) if leap_day else pendulum.Date(year, month, day)
        if today.subtract(days=730) <= moment <= person.last:
            log_touch([person.id], kind, at=_moment(moment, rng), note=f"{wish} for the birthday")


def _add_loops_and_facts(rng: random.Random, people: list[Person], today) -> list:
    """Open loops around today and facts for about thirty people; returns (row, day) pairs
    whose created/done stamps are set from `today` afterwards."""
    stamped = []
    active = [p for p in people if p.circle in ("inner", "friends", "work")]
    for text, offset, done in LOOPS:
        loop = add_open_loop(rng.choice(active).id, text, today.add(days=offset))
        stamped.append((loop, today.add(days=min(0, offset) - rng.randint(3, 20)), done))
    chosen = rng.sample([p for p in people if p.short != "Noor"], 30)
    for i, person in enumerate(chosen):
        kinds = ["need"] if i < 6 else ["offer"] if i < 12 else []
        kinds += rng.sample(["interest", "interest", "other"], rng.randint(1, 2))
        for kind in kinds:
            pool = FACTS[kind]
            text = pool[i % 6] if kind in ("need", "offer") else rng.choice(pool)
            fact = add_fact(person.id, kind, text)
            stamped.append((fact, today.subtract(days=rng.randint(1, 600)), False))
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
    for row, day, done in stamped:
        model = type(row)
        values = {model.created_at: _moment(day, rng)}
        if done:
            values[OpenLoop.done_at] = _moment(row.due.subtract(days=rng.randint(0, 2)), rng)
        model.update(values).where(model.id == row.id).execute()


def counts(today: pendulum.Date) -> dict[str, int]:
    """What the database holds, for the demo command to say and tests to check."""
    tables = {"contacts": Contact, "touches": Touch, "occasions": Occasion,
              "open_loops": OpenLoop, "facts": Fact}
    result = {name: model.select().count() for name, model in tables.items()}
    result["birthdays"] = Occasion.select().where(Occasion.kind == "birthday").count()
    result["drifting"] = sum(1 for row in contact_rows(today) if row.drift)
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
        _add_occasions(rng, people, today)
        stamped = _add_loops_and_facts(rng, people, today)
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
    return populate(today or dates.today(), seed)
