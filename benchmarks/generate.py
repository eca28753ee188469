"""A seeded generator of big connecttui databases (and the same people as a vdir of vCards).

    python benchmarks/generate.py 10000          # builds (or finds) the database, prints its path
    python benchmarks/generate.py 10000 --vdir   # the vdir too

`ensure_db(size, seed)` returns benchmarks/.cache/people-{size}-{seed}-{today}.db and
`ensure_vdir(size, seed)` the folder people-{size}-{seed}-{today}.vdir/ (one vCard 3.0 per
contact, as `connecttui sync` writes them). Both are built when missing and are a function of
(size, seed, today, CONNECTTUI_TZ) only: today matters because drifting, upcoming dates and
open loops are relative to it; the zone because the learned window counts local days.

Proportions: 20 touches per contact on average (10 from 100k contacts up, so 1M touches at
100k), spread over ten years with every kind, ~3% shared with one or two other people;
circles inner 3% / friends 15% / work 25% / resting 12% / none; birthdays for ~70% (a fifth
without a year, a few on Feb 29), anniversaries ~8%, name days ~2%; facts (interests, other,
needs and offers with tags, 1%) for ~40%; open loops for ~6% (some overdue, some done); family
for ~30%; emails ~60%, phones ~65%; no snoozes.

The schema comes from `open_db` (the migrations); rows go in with raw `executemany` in one
transaction (Peewee's insert_many is several times slower). The kept columns on Contact
(last_touch_at, last_full_touch_at, last_social_at, learned_days) are computed as
`core.touches.refresh_kept` does, and both full-text indexes are filled as the write paths
fill them (contact_fts: name, nicknames and how_met/why_care/notes/facts; touch_fts: every
touch's note, empty ones too). tests/test_bench_generate.py checks all of this.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import sqlite3
import sys
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(HERE.parent))

CACHE = HERE / ".cache"
os.environ.setdefault("CONNECTTUI_TZ", "Europe/London")  # the benchmarks' zone, fixed

from connecttui.core import demo_data as data  # noqa: E402
from connecttui.core.store.models import KINDS  # noqa: E402

YEARS = 10
CIRCLES = (("inner", 3), ("friends", 15), ("work", 25), ("resting", 12), ("-", 45))
TOUCH_FACTOR = {"inner": 5.0, "friends": 2.0, "work": 1.0, "resting": 0.6, "-": 0.5}
DRIFT_MEAN = {"inner": 10, "friends": 25, "work": 60, "-": 60}  # mean days since last touch
RELATION_LABEL = {"partner": "Spouse", "child": "Child", "parent": "Parent",
                  "sibling": "Sibling", "other": "Other"}
LOOP_TEXTS = tuple(text for text, _, _ in data.LOOPS) + (
    "ask how the new job is going", "send the photos", "call about the weekend plans",
    "return the book", "ask for the recipe", "check on the move",
)
ACTIVITIES = ("football", "swimming, drawing", "ballet", "chess, guitar", "violin", "dinosaurs",
              "skiing", "handball", "climbing", "piano", "")


def touches_per_contact(size: int) -> int:
    return 20 if size < 100_000 else 10


# --- names ----------------------------------------------------------------------------------


def _name_parts() -> tuple[list[tuple[str, str]], list[str]]:
    """First names (with a pronoun) and family names from the demo's people."""
    firsts: dict[str, str] = {}
    lasts: dict[str, None] = {}
    for line in data.PEOPLE.splitlines():
        _circle, name, _nicks, pronoun, _how, _why = line.split("|")
        words = name.split()
        if len(words) < 2:
            continue
        firsts.setdefault(words[0], pronoun)
        lasts.setdefault(words[-1], None)
    for line in data.FAMILY:
        name = line.split("|")[2]
        if name and " " not in name:
            firsts.setdefault(name, "they")
    return sorted(firsts.items()), sorted(lasts)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in folded if ch.isalnum())


# --- the dataset ------------------------------------------------------------------------------


@dataclass
class Person:
    id: int
    uid: str
    name: str
    given: str
    surname: str
    pronoun: str
    nicknames: str
    circle: str
    how_met: str
    why_care: str
    notes: str
    created: str
    address: str = ""
    fields: list = field(default_factory=list)  # (kind, label, value)
    birthday: tuple | None = None  # (year, month, day, feb29, lead)
    dates: list = field(default_factory=list)  # (kind, label, year, month, day, lead)
    facts: list = field(default_factory=list)  # (kind, text, tags, created)
    loops: list = field(default_factory=list)  # (text, due, done_at, created)
    relatives: list = field(default_factory=list)  # (relation, name, birth_year, activities)
    touches: list = field(default_factory=list)  # (at, kind) of every touch they are in


@dataclass
class Dataset:
    size: int
    seed: int
    today: dt.date
    people: list[Person]
    touches: list[tuple]  # (at, kind, initiator, note, (contact ids...)), by at


def _stamp(day: dt.date, seconds: int) -> str:
    return f"{day.isoformat()} {seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _notes_pool() -> dict:
    """Every note a touch can have, per (work?, pronoun, kind), pre-formatted."""
    pool = {}
    for work in (False, True):
        topics = data.WORK_TOPICS + data.TOPICS[:4] if work else data.TOPICS
        for pronoun, (p, o) in data.PRONOUNS.items():
            for kind in KINDS:
                notes = []
                for template in data.TEMPLATES[kind]:
                    if "{t}" in template:
                        notes += [template.format(t=t, p=p, o=o).format(p=p, o=o) for t in topics]
                    else:
                        notes.append(template.format(p=p, o=o))
                pool[work, pronoun, kind] = notes
    return pool


@lru_cache(maxsize=4)
def build(size: int, seed: int = 7, today: dt.date | None = None) -> Dataset:
    """The whole network in memory: a function of (size, seed, today)."""
    from connecttui.core.facts import _split_tags, parse_tags

    today = today or _today()
    rng = random.Random(f"connecttui-bench-{size}-{seed}")
    firsts, lasts = _name_parts()
    lines = [line.split("|") for line in data.PEOPLE.splitlines()]
    circle_names = [c for c, _ in CIRCLES]
    circle_cum = []
    total = 0
    for _, weight in CIRCLES:
        total += weight
        circle_cum.append(total)
    mean_factor = sum(w * TOUCH_FACTOR[c] for c, w in CIRCLES) / total
    per_contact = touches_per_contact(size)
    kind_cum = {}
    for circle in circle_names:
        running, cum = 0, []
        for weight in data.WEIGHTS[circle]:
            running += weight
            cum.append(running)
        kind_cum[circle] = cum
    notes = _notes_pool()
    first_day = today.toordinal() - YEARS * 365
    interests, others = data.FACTS["interest"], data.FACTS["other"]
    used: set[str] = set()

    def fact_tags(text: str, tags: str) -> str:
        return ",".join(dict.fromkeys(w for w in [*_split_tags(tags), *parse_tags(text)] if w))

    people: list[Person] = []
    for cid in range(1, size + 1):
        given, pronoun = rng.choice(firsts)
        family = rng.choice(lasts)
        name = f"{given} {family}"
        if name in used:
            name = f"{given} {family}-{rng.choice(lasts)}"
        if name in used:
            number = 2
            while f"{name} {number}" in used:
                number += 1
            name = f"{name} {number}"
        used.add(name)
        circle = rng.choices(circle_names, cum_weights=circle_cum)[0]
        source = rng.choice(lines)
        nick = rng.choice(firsts)[0][:4] if rng.random() < 0.12 else ""
        created_day = rng.randint(first_day - 400, today.toordinal() - 7)
        person = Person(
            id=cid, uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)), name=name,
            given=given, surname=family, pronoun=pronoun, nicknames=nick, circle=circle,
            how_met=source[4] if rng.random() < 0.6 else "",
            why_care=source[5] if rng.random() < 0.4 else "",
            notes=rng.choice(data.NOTES) if rng.random() < 0.2 else "",
            created=_stamp(dt.date.fromordinal(created_day), rng.randrange(8 * 3600, 21 * 3600)),
        )
        # contact details
        handle = f"{_ascii(given) or 'contact'}.{_ascii(family) or 'x'}{cid}"
        if rng.random() < 0.6:
            person.fields.append(("email", rng.choice(("home", "work", "")),
                                  f"{handle}@example.com"))
        if rng.random() < 0.65:
            person.fields.append(("phone", rng.choice(("cell", "home", "work")),
                                  f"+44 7700 {cid:06d}"))
        if circle == "work" and rng.random() < 0.8:
            person.fields.append(("org", "", rng.choice(("Nordlicht", "Acme", "Globex", "Initech",
                                                          "Umbrella Labs", "Hooli"))))
            person.fields.append(("title", "", rng.choice(("Engineer", "Designer", "Manager",
                                                            "Founder", "Recruiter"))))
        if rng.random() < 0.05:
            person.address = rng.choice(list(data.ADDRESSES.values()))
        # occasions
        if rng.random() < 0.7:
            if rng.random() < 0.005:
                year, month, day, rule = rng.choice((1980, 1988, 1992, 2000)), 2, 29, rng.choice(
                    ("feb28", "mar1"))
            else:
                moment = dt.date(2001, 1, 1) + dt.timedelta(days=rng.randrange(365))
                year, month, day, rule = rng.randint(1940, 2005), moment.month, moment.day, "feb28"
                if rng.random() < 0.2:
                    year = None
            lead = rng.choice((7, 10)) if circle in ("inner", "friends") and rng.random() < 0.3 \
                else 0
            person.birthday = (year, month, day, rule, lead)
        if rng.random() < 0.08:
            moment = dt.date(2001, 1, 1) + dt.timedelta(days=rng.randrange(365))
            person.dates.append(("anniversary", "wedding anniversary", rng.randint(1975, 2023),
                                 moment.month, moment.day, rng.choice((0, 0, 7))))
        if rng.random() < 0.02:
            moment = dt.date(2001, 1, 1) + dt.timedelta(days=rng.randrange(365))
            person.dates.append(("custom", "name day", None, moment.month, moment.day, 0))
        # facts
        if rng.random() < 0.4:
            for kind in rng.sample(("interest", "interest", "other"), rng.randint(1, 2)):
                text, tags = rng.choice(interests if kind == "interest" else others)
                person.facts.append((kind, text, fact_tags(text, tags), created_day))
        if rng.random() < 0.01:  # needs and offers: few, as in life
            need, need_tags, offer, offer_tags = rng.choice(data.PAIRS)
            if rng.random() < 0.5:
                person.facts.append(("need", need, fact_tags(need, need_tags), created_day))
            else:
                person.facts.append(("offer", offer, fact_tags(offer, offer_tags), created_day))
        # open loops
        if rng.random() < 0.06:
            due = today.toordinal() + rng.randint(-30, 60)
            done = due - rng.randint(0, 2) if due < today.toordinal() and rng.random() < 0.3 \
                else None
            person.loops.append((rng.choice(LOOP_TEXTS), due, done,
                                 min(due, today.toordinal()) - rng.randint(3, 20)))
        # family
        if rng.random() < 0.3:
            if rng.random() < 0.6:
                person.relatives.append(("partner", rng.choice(firsts)[0], None, ""))
            for _ in range(rng.choice((0, 1, 1, 2, 3))):
                person.relatives.append(("child", rng.choice(firsts)[0],
                                      today.year - rng.randint(0, 25), rng.choice(ACTIVITIES)))
            if rng.random() < 0.1:
                person.relatives.append(("parent", rng.choice(firsts)[0],
                                      today.year - rng.randint(55, 90), ""))
        people.append(person)

    # touches: each person's last one placed by their circle, earlier ones spread back
    touches: list[tuple] = []
    for person in people:
        mean = per_contact * TOUCH_FACTOR[person.circle] / mean_factor
        count = min(int(rng.expovariate(1 / mean) + 0.5), int(mean * 8) + 1)
        if count == 0:
            continue
        created_day = dt.date.fromisoformat(person.created[:10]).toordinal()
        if person.circle == "resting":
            gap = rng.randint(365, 1500)
        else:
            gap = int(rng.expovariate(1 / DRIFT_MEAN[person.circle]))
        last = max(today.toordinal() - gap, created_day + 1)
        last = min(last, today.toordinal())
        start = max(created_day, first_day, last - YEARS * 365)
        days = [last] + [rng.randint(start, last) for _ in range(count - 1)]
        kinds = rng.choices(KINDS, cum_weights=kind_cum[person.circle], k=count)
        work = person.circle == "work"
        for day, kind in zip(days, kinds, strict=True):
            initiator = "both" if kind in ("together", "memory") and rng.random() < 0.7 else (
                rng.choices(("out", "in", "both"), (55, 35, 10))[0])
            note = rng.choice(notes[work, person.pronoun, kind])
            at = _stamp(dt.date.fromordinal(day), rng.randrange(7 * 3600, 21 * 3600))
            with_ids = (person.id,)
            if rng.random() < 0.03:
                with_ids += tuple(rng.sample(range(1, size + 1), min(size, rng.randint(1, 2))))
                with_ids = tuple(dict.fromkeys(with_ids))
            touches.append((at, kind, initiator, note, with_ids))
    touches.sort(key=lambda t: t[0])
    for at, kind, _, _, with_ids in touches:
        for cid in with_ids:
            people[cid - 1].touches.append((at, kind))
    return Dataset(size, seed, today, people, touches)


def _today() -> dt.date:
    from connecttui.core import clock

    day = clock.today()
    return dt.date(day.year, day.month, day.day)


# --- the kept columns, as core.touches.refresh_kept computes them ----------------------------


def kept_columns(person: Person, local_day) -> tuple:
    """(last_touch_at, last_full_touch_at, last_social_at, learned_days)."""
    from connecttui.core.touches import RHYTHM_TOUCHES, learned_gap

    mine = person.touches  # sorted by at, oldest first
    if not mine:
        return None, None, None, None
    recent = [at for at, _ in mine[-RHYTHM_TOUCHES:]]
    full = next((at for at, kind in reversed(mine) if kind != "social"), None)
    social = next((at for at, kind in reversed(mine) if kind == "social"), None)
    return recent[-1], full, social, learned_gap([local_day(at) for at in recent])


def _local_day_function():
    """A stored UTC text -> the user's local date (cached per hour: zones move by hours)."""
    from connecttui.core import clock

    zone = clock.local_tz()
    cache: dict[str, dt.date] = {}

    def local_day(text: str) -> dt.date:
        key = text[:13]
        day = cache.get(key)
        if day is None:
            moment = dt.datetime.fromisoformat(key + ":00:00").replace(tzinfo=dt.UTC)
            day = cache[key] = moment.astimezone(zone).date()
        return day

    return local_day


# --- writing the database ---------------------------------------------------------------------


def write_db(dataset: Dataset, path: Path) -> None:
    """Create the schema with the migrations, then insert everything in one transaction."""
    from connecttui.core.store.db import close_db, open_db

    path = Path(path)
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    db = open_db(path)
    circles = dict(db.execute_sql("SELECT name, id FROM circle").fetchall())
    close_db()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        # A partial file is thrown away on failure: no journal, no syncs, a big cache. (A huge
        # transaction in WAL mode slows down as the WAL grows.) WAL again at the end.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -500000")
        conn.execute("BEGIN IMMEDIATE")
        _insert_all(conn, dataset, circles)
        conn.execute("UPDATE schemaversion SET applied_at = ?",  # the wall clock, made fixed
                     (f"{dataset.today.isoformat()} 00:00:00",))
        conn.execute("COMMIT")
        conn.execute("PRAGMA optimize")
        conn.execute("PRAGMA journal_mode = WAL")  # as open_db leaves it
    finally:
        conn.close()


def _insert_all(conn: sqlite3.Connection, dataset: Dataset, circles: dict) -> None:
    today = dataset.today
    local_day = _local_day_function()
    day_text = lambda ordinal: dt.date.fromordinal(ordinal).isoformat()  # noqa: E731
    contacts, fields, occasions, facts, loops, family, index = [], [], [], [], [], [], []
    fact_id = 0
    for p in dataset.people:
        last, full, social, learned = kept_columns(p, local_day)
        updated = max(p.created, last or p.created)
        contacts.append((
            p.id, p.uid, p.name, p.nicknames, circles.get(p.circle), p.how_met, p.why_care,
            p.notes, None, None, last, p.created, updated, full, social, learned, p.address,
            "", "",
        ))
        for position, (kind, label, value) in enumerate(p.fields):
            fields.append((p.id, kind, label, value, position))
        if p.birthday:
            year, month, day, rule, lead = p.birthday
            occasions.append((p.id, "birthday", "", month, day, year, rule, lead, None))
        for kind, label, year, month, day, lead in p.dates:
            occasions.append((p.id, kind, label, month, day, year, "feb28", lead, None))
        for kind, text, tags, created in p.facts:
            fact_id += 1
            facts.append((fact_id, p.id, kind, text,
                          _stamp(dt.date.fromordinal(min(created + 30, today.toordinal())),
                                 43200), tags))
        for text, due, done, created in p.loops:
            loops.append((p.id, text, day_text(due),
                          None if done is None else _stamp(dt.date.fromordinal(done), 61200),
                          _stamp(dt.date.fromordinal(created), 36000)))
        for relation, name, birth_year, activities in p.relatives:
            family.append((p.id, relation, name, birth_year, activities, None))
        body = "\n".join([p.how_met, p.why_care, p.notes, *(f[1] for f in p.facts)])
        index.append((p.id, p.name, p.nicknames, body))
    conn.executemany(
        "INSERT INTO contact (id, uid, name, nicknames, circle_id, how_met, why_care, notes,"
        " ideal_days, max_days, last_touch_at, created_at, updated_at, last_full_touch_at,"
        " last_social_at, learned_days, address, tags, vcard_extra, deceased)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)", contacts)
    conn.executemany("INSERT INTO contactfield (contact_id, kind, label, value, position)"
                     " VALUES (?,?,?,?,?)", fields)
    conn.executemany("INSERT INTO occasion (contact_id, kind, label, month, day, year, feb29,"
                     " lead_days, partner_id) VALUES (?,?,?,?,?,?,?,?,?)", occasions)
    conn.executemany("INSERT INTO fact (id, contact_id, kind, text, created_at, tags)"
                     " VALUES (?,?,?,?,?,?)", facts)
    conn.executemany("INSERT INTO openloop (contact_id, text, due, done_at, created_at)"
                     " VALUES (?,?,?,?,?)", loops)
    conn.executemany("INSERT INTO familymember (contact_id, relation, name, birth_year,"
                     " activities, linked_id) VALUES (?,?,?,?,?,?)", family)
    conn.executemany("INSERT INTO contact_fts (rowid, name, nicknames, body) VALUES (?,?,?,?)",
                     index)
    conn.executemany(
        "INSERT INTO touch (id, at, kind, initiator, note, created_at) VALUES (?,?,?,?,?,?)",
        ((i, at, kind, initiator, note, at)
         for i, (at, kind, initiator, note, _) in enumerate(dataset.touches, 1)))
    conn.executemany(
        "INSERT INTO touchcontact (touch_id, contact_id) VALUES (?,?)",
        ((i, cid) for i, t in enumerate(dataset.touches, 1) for cid in t[4]))
    conn.executemany("INSERT INTO touch_fts (rowid, note) VALUES (?,?)",
                     ((i, t[3]) for i, t in enumerate(dataset.touches, 1)))


# --- writing the vdir -------------------------------------------------------------------------


def card_text(p: Person) -> str:
    """One vCard 3.0, shaped as interop/vcard_write.py writes it (what `sync` puts in a vdir)."""
    from connecttui.interop.vcard_fields import PLACEHOLDER_YEAR
    from connecttui.interop.vcard_write import PRODID, escape, fold

    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}", f"UID:{p.uid}",
             f"FN:{escape(p.name)}"]
    words = p.name.split()
    lines.append(f"N:{escape(words[-1])};{escape(' '.join(words[:-1]))};;;")
    if p.nicknames:
        lines.append(f"NICKNAME:{escape(p.nicknames)}")
    item = 0

    def labelled(name: str, value: str, label: str, params: str = "") -> None:
        nonlocal item
        item += 1
        lines.append(f"item{item}.{name}{params}:{value}")
        lines.append(f"item{item}.X-ABLabel:{label}")

    props = {"email": "EMAIL", "phone": "TEL", "org": "ORG", "title": "TITLE"}
    for kind, label, value in p.fields:
        if label and kind not in ("org", "title"):
            lines.append(f"{props[kind]};TYPE={label}:{escape(value)}")
        else:
            lines.append(f"{props[kind]}:{escape(value)}")
    if p.address:
        lines.append(f"ADR:;;{escape(p.address)};;;;")
    if p.notes.strip():
        lines.append(f"NOTE:{escape(p.notes.strip())}")

    def date(year, month, day) -> tuple[str, str]:
        if year is None:
            return (f";X-APPLE-OMIT-YEAR={PLACEHOLDER_YEAR}",
                    f"{PLACEHOLDER_YEAR}-{month:02d}-{day:02d}")
        return "", f"{year:04d}-{month:02d}-{day:02d}"

    if p.birthday:
        params, value = date(*p.birthday[:3])
        lines.append(f"BDAY{params}:{value}")
    anniversaries = [d for d in p.dates if d[0] == "anniversary"]
    for _kind, _label, year, month, day, _lead in anniversaries[:1]:
        params, value = date(year, month, day)
        lines.append(f"ANNIVERSARY{params}:{value}")
        lines.append(f"X-ANNIVERSARY{params}:{value}")
        labelled("X-ABDATE", value, "_$!<Anniversary>!$_", params)
    for kind, label, year, month, day, _lead in p.dates:
        if kind == "custom":
            params, value = date(year, month, day)
            labelled("X-ABDATE", value, escape(label), params)
    for relation, name, _year, _activities in p.relatives:
        labelled("X-ABRELATEDNAMES", escape(name), f"_$!<{RELATION_LABEL[relation]}>!$_")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_vdir(dataset: Dataset, folder: Path) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for p in dataset.people:
        (folder / f"{p.uid}.vcf").write_bytes(card_text(p).encode("utf-8"))


# --- the cache ---------------------------------------------------------------------------------


def _cache_name(size: int, seed: int, today: dt.date) -> str:
    return f"people-{size}-{seed}-{today.isoformat()}"


def ensure_db(size: int, seed: int = 7, *, folder: Path | None = None,
              today: dt.date | None = None, quiet: bool = False) -> Path:
    """The cached database for (size, seed, today), built when missing."""
    today = today or _today()
    folder = Path(folder or CACHE)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_cache_name(size, seed, today)}.db"
    if path.exists():
        return path
    started = time.perf_counter()
    gc.disable()  # millions of small tuples: the collector would walk them again and again
    try:
        dataset = build(size, seed, today)
        built = time.perf_counter()
        partial = folder / f".partial-{os.getpid()}-{path.name}"
        write_db(dataset, partial)
    finally:
        gc.enable()
    os.replace(partial, path)
    if not quiet:
        print(f"generated {path.name}: {size} contacts, {len(dataset.touches)} touches "
              f"in {time.perf_counter() - started:.1f} s (data {built - started:.1f} s, "
              f"database {time.perf_counter() - built:.1f} s)", file=sys.stderr)
    return path


def ensure_vdir(size: int, seed: int = 7, *, folder: Path | None = None,
                today: dt.date | None = None, quiet: bool = False) -> Path:
    """The cached vdir (one .vcf per contact) for the same people as `ensure_db`."""
    today = today or _today()
    folder = Path(folder or CACHE)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_cache_name(size, seed, today)}.vdir"
    if path.exists():
        return path
    started = time.perf_counter()
    partial = folder / f".partial-{os.getpid()}-{path.name}"
    if partial.exists():
        import shutil

        shutil.rmtree(partial)
    write_vdir(build(size, seed, today), partial)
    os.replace(partial, path)
    if not quiet:
        print(f"generated {path.name}: {size} vCards in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
    return path


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--vdir", action="store_true", help="also the vdir of vCards")
    args = parser.parse_args(argv)
    print(ensure_db(args.size, args.seed))
    if args.vdir:
        print(ensure_vdir(args.size, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
