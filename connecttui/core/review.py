"""The Friday review: what happened this week, what needs you now, and what you commit to.

Every function answers one step of the review in plain values (the TUI walks the steps, the
CLI prints them). Weeks are LOCAL calendar weeks: touches are stored in UTC, so a call at
23:30 UTC on a Sunday belongs to Monday's week for someone in Tokyo. A week starts on Monday
by default (`first_weekday` 0..6, Monday = 0, like `date.weekday()`; 6 starts on Sunday).

The live steps (drifting, coming up, open loops, unanswered, help) look ahead, so they live
in `weekplan` with the seven-day plan; they are re-exported here so the review's steps read
as one API.
"""

from __future__ import annotations

import calendar
import json
import math
from dataclasses import dataclass, field

import pendulum
from peewee import JOIN

from connecttui.core import dates, planning
from connecttui.core.errors import UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.models import (
    KINDS,
    Circle,
    Contact,
    OpenLoop,
    Review,
    Touch,
    TouchContact,
)
from connecttui.core.suggestion import Suggestion
from connecttui.core.weekplan import (  # the review's live steps, re-exported
    HelpIdea,
    Unanswered,
    coming_up,
    drifting,
    help_ideas,
    local_range,
    loops_due,
    unanswered,
)

STEPS = (
    "This week", "Drifting", "Coming up", "Open loops", "Unanswered", "Help", "Commitments",
    "Done",
)
"""The review's steps, in order, for a progress line ("3/8 Coming up")."""

MAX_COMMITMENTS = 3
NO_CIRCLE = "no circle"
BLOCKS = "▁▂▃▄▅▆▇█"

# --- weeks --------------------------------------------------------------------------------


def week_of(day: pendulum.Date, first_weekday: int = 0) -> tuple[pendulum.Date, pendulum.Date]:
    """The first and last day of the week `day` falls in (Monday..Sunday by default)."""
    if first_weekday not in range(7):
        raise ValueError(f"first_weekday is 0 (Monday) to 6 (Sunday), not {first_weekday!r}")
    start = day.subtract(days=(day.weekday() - first_weekday) % 7)
    return start, start.add(days=6)


def _circle_names() -> list[str]:
    return [c.name for c in Circle.select(Circle.name).order_by(Circle.position, Circle.name)]


@dataclass(frozen=True)
class WeekTouch:
    touch_id: int
    at: pendulum.DateTime  # local time
    day: pendulum.Date  # local day
    kind: str
    initiator: str
    note: str
    names: tuple[str, ...]
    contact_ids: tuple[int, ...]


@dataclass(frozen=True)
class PersonWeek:
    contact_id: int
    name: str
    circle: str  # "" when the contact has no circle
    kinds: dict[str, int]
    touches: tuple[WeekTouch, ...]  # oldest first

    @property
    def count(self) -> int:
        return len(self.touches)


@dataclass(frozen=True)
class WeekSummary:
    """A week's touches. A touch shared by two people is listed under both, and counts once
    for each circle it reached (so circle counts may add up to more than `total`)."""

    week_start: pendulum.Date
    week_end: pendulum.Date
    touches: list[WeekTouch]  # oldest first
    people: list[PersonWeek]  # most touches first, then by name
    by_kind: dict[str, list[WeekTouch]]  # in the log dialog's order, kinds with touches only
    circles: dict[str, int]  # every circle (resting too) in order, then NO_CIRCLE if any

    @property
    def total(self) -> int:
        return len(self.touches)

    @property
    def kinds(self) -> dict[str, int]:
        return {kind: len(rows) for kind, rows in self.by_kind.items()}


def week_summary(week_start: pendulum.Date) -> WeekSummary:
    """Every touch of the seven local days from `week_start`, grouped by person and kind."""
    week_end = week_start.add(days=6)
    low, high = local_range(week_start, week_end)
    rows = list(
        Touch.select(Touch.id, Touch.at, Touch.kind, Touch.initiator, Touch.note)
        .where((Touch.at >= low) & (Touch.at < high))
        .order_by(Touch.at, Touch.id)
        .tuples()
    )
    links: dict[int, list[tuple[int, str, str]]] = {}
    if rows:
        query = (
            TouchContact.select(TouchContact.touch, Contact.id, Contact.name, Circle.name)
            .join(Contact).join(Circle, on=(Contact.circle == Circle.id), join_type=JOIN.LEFT_OUTER)
            .where(TouchContact.touch.in_([row[0] for row in rows]))
            .order_by(Contact.name)
        )
        for touch_id, cid, name, circle in query.tuples():
            links.setdefault(touch_id, []).append((cid, name, circle or ""))
    touches, people, circles = [], {}, dict.fromkeys(_circle_names(), 0)
    for touch_id, at, kind, initiator, note in rows:
        local = at.in_timezone(dates.local_tz())
        who = links.get(touch_id, [])
        touch = WeekTouch(touch_id, local, local.date(), kind, initiator, note,
                          tuple(n for _, n, _ in who), tuple(c for c, _, _ in who))
        touches.append(touch)
        for circle in {c or NO_CIRCLE for _, _, c in who}:
            circles[circle] = circles.get(circle, 0) + 1
        for cid, name, circle in who:
            people.setdefault((cid, name, circle), []).append(touch)
    people_rows = [
        PersonWeek(cid, name, circle, _count_kinds(rows), tuple(rows))
        for (cid, name, circle), rows in people.items()
    ]
    people_rows.sort(key=lambda p: (-p.count, p.name.casefold(), p.contact_id))
    by_kind = {kind: [t for t in touches if t.kind == kind] for kind in KINDS}
    by_kind = {kind: rows for kind, rows in by_kind.items() if rows}
    return WeekSummary(week_start, week_end, touches, people_rows, by_kind, circles)


def _count_kinds(rows: list[WeekTouch]) -> dict[str, int]:
    counts = {kind: sum(1 for t in rows if t.kind == kind) for kind in KINDS}
    return {kind: n for kind, n in counts.items() if n}


def trend(week_start: pendulum.Date, weeks: int = 12) -> dict[str, list[int]]:
    """Touches per circle per week for the `weeks` weeks ending with the one starting at
    `week_start`, oldest first. Same counting as the summary; the circle is the contact's
    circle today (circles keep no history)."""
    first = week_start.subtract(weeks=weeks - 1)
    low, high = local_range(first, week_start.add(days=6))
    query = (
        Touch.select(Touch.id, Touch.at, Circle.name)
        .join(TouchContact).join(Contact)
        .join(Circle, on=(Contact.circle == Circle.id), join_type=JOIN.LEFT_OUTER)
        .where((Touch.at >= low) & (Touch.at < high))
        .tuples()
    )
    seen: set[tuple[int, int, str]] = set()
    for touch_id, at, circle in query:
        index = dates.days_between(first, dates.local_day(at)) // 7
        if 0 <= index < weeks:
            seen.add((index, touch_id, circle or NO_CIRCLE))
    result = {name: [0] * weeks for name in _circle_names()}
    for index, _, circle in seen:
        result.setdefault(circle, [0] * weeks)[index] += 1
    return result


def sparkline(values: list[int], top: int | None = None) -> str:
    """One block per value, scaled to `top` (default: the largest value).

    Zero (and anything below) is the lowest block "▁" so the line keeps its width; any
    positive value is at least "▂", so a quiet week is never mistaken for an empty one, and
    the top value is "█". All zeros give all "▁".
    """
    top = max(values, default=0) if top is None else top
    if top <= 0:
        return BLOCKS[0] * len(values)
    steps = len(BLOCKS) - 1
    return "".join(
        BLOCKS[0] if v <= 0 else BLOCKS[min(steps, max(1, math.ceil(v * steps / top)))]
        for v in values
    )


# --- commitments and the saved record ---------------------------------------------------


@dataclass(frozen=True)
class Commitment:
    """Something to do next week: with a person (it becomes their open loop) or not."""

    text: str = ""
    contact_id: int | None = None
    due: pendulum.Date | None = None  # default: the first day of the week after the review


@dataclass(frozen=True)
class SavedCommitment:
    text: str
    contact_id: int | None
    name: str  # the contact's name when saved ("" without one)
    loop_id: int | None  # None without a contact: an open loop needs a person
    done: bool  # its open loop is closed (a deleted loop counts as not done)

    @property
    def label(self) -> str:
        return f"{self.name}: {self.text}" if self.name else self.text


@dataclass(frozen=True)
class ReviewRow:
    id: int
    week_start: pendulum.Date
    week_end: pendulum.Date
    saved_at: pendulum.DateTime
    counts: dict
    commitments: list[SavedCommitment]
    reflection: str

    @property
    def done(self) -> int:
        return sum(1 for c in self.commitments if c.done)


def _loads(text: str, default):
    """Stored JSON (possibly restored from a backup someone edited): unreadable is empty."""
    try:
        value = json.loads(text or "")
    except ValueError:
        return default
    return value if isinstance(value, type(default)) else default


def _row(review: Review) -> ReviewRow:
    raw = [c for c in _loads(review.commitments, []) if isinstance(c, dict)]
    ids = [c.get("loop_id") for c in raw if isinstance(c.get("loop_id"), int)]
    closed = {row[0] for row in OpenLoop.select(OpenLoop.id).where(
        OpenLoop.id.in_(ids) & OpenLoop.done_at.is_null(False)).tuples()} if ids else set()
    commitments = [
        SavedCommitment(str(c.get("text", "")), c.get("contact_id"), str(c.get("name", "")),
                        c.get("loop_id"), c.get("loop_id") in closed)
        for c in raw
    ]
    return ReviewRow(review.id, review.week_start, review.week_start.add(days=6),
                     review.saved_at, _loads(review.counts, {}), commitments, review.reflection)


def save_review(
    week_start: pendulum.Date,
    commitments: list[Commitment],
    reflection: str,
    today: pendulum.Date,
) -> Review:
    """Save the review of the week starting `week_start`, in one transaction.

    Each commitment with a person becomes that person's open loop, due on the first day of
    the next week (never before today). Saving a week again replaces its record, but never
    deletes loops already created: they may be closed or moved by now. A commitment saved
    again unchanged (same words, same person) keeps its loop instead of making a twin.
    """
    commitments = list(commitments)
    if len(commitments) > MAX_COMMITMENTS:
        raise UserError("up to three commitments: keep the ones that matter most")
    if week_start > today:
        raise UserError("that week hasn't started yet: review it once it has")
    default_due = max(week_start.add(days=7), today)
    with transaction():
        record = Review.get_or_none(Review.week_start == week_start)
        earlier = {
            (c.text, c.contact_id): c.loop_id for c in (_row(record).commitments if record else [])
            if c.loop_id is not None and OpenLoop.get_or_none(OpenLoop.id == c.loop_id)
        }
        stored = []
        for item in commitments:
            text = (item.text or "").strip() or (
                "get in touch" if item.contact_id is not None else "")
            if not text:
                raise UserError("a commitment needs a person or a few words")
            name, loop_id = "", None
            if item.contact_id is not None:
                loop_id = earlier.pop((text, item.contact_id), None)
                if loop_id is None:
                    loop_id = planning.add_open_loop(
                        item.contact_id, text, item.due or default_due).id
                name = Contact.get_by_id(item.contact_id).name
            stored.append({"text": text, "contact_id": item.contact_id, "name": name,
                           "loop_id": loop_id})
        summary = week_summary(week_start)
        counts = {
            "total": summary.total, "people": len(summary.people), "kinds": summary.kinds,
            "circles": summary.circles, "drifting": len(drifting(today)),
            "loops_due": len(loops_due(today)),
        }
        fields = {
            "saved_at": pendulum.now("UTC"), "counts": json.dumps(counts, ensure_ascii=False),
            "commitments": json.dumps(stored, ensure_ascii=False),
            "reflection": (reflection or "").strip(),
        }
        if record is None:
            return Review.create(week_start=week_start, **fields)
        for key, value in fields.items():
            setattr(record, key, value)
        record.save()
        return record


def review_for(week_start: pendulum.Date) -> ReviewRow | None:
    record = Review.get_or_none(Review.week_start == week_start)
    return _row(record) if record else None


def past_reviews() -> list[ReviewRow]:
    """Every saved review, newest week first."""
    return [_row(r) for r in Review.select().order_by(Review.week_start.desc())]


def _previous(week_start: pendulum.Date) -> ReviewRow | None:
    record = (Review.select().where(Review.week_start < week_start)
              .order_by(Review.week_start.desc()).first())
    return _row(record) if record else None


def last_commitments(
    today: pendulum.Date, first_weekday: int = 0
) -> tuple[list[str], int, int]:
    """The commitments of the latest review before this week: (labels, done, total)."""
    previous = _previous(week_of(today, first_weekday)[0])
    if previous is None:
        return [], 0, 0
    return [c.label for c in previous.commitments], previous.done, len(previous.commitments)


def commitments_line(labels: list[str], done: int, total: int) -> str:
    """"last week you committed to: call Ada; send the book: done 1 of 2" ("" for none)."""
    if not total:
        return ""
    return f"last week you committed to: {'; '.join(labels)}: done {done} of {total}"


def due_review_prompt(
    today: pendulum.Date, review_weekday: int = 4, first_weekday: int = 0
) -> str | None:
    """A gentle line on the review day (Friday by default) while this week has no saved
    review; None on other days and once it is saved."""
    if today.weekday() != review_weekday:
        return None
    if Review.get_or_none(Review.week_start == week_of(today, first_weekday)[0]):
        return None
    return f"It's {calendar.day_name[review_weekday]}: five minutes for the weekly review?"


# --- the whole review, for the CLI and a journal -------------------------------------------


@dataclass(frozen=True)
class ReviewReport:
    """Everything one review shows. `live` is False for a week more than a week gone: what
    needs you *now* says little about it, so only what happened (and was saved) is shown."""

    week_start: pendulum.Date
    week_end: pendulum.Date
    today: pendulum.Date
    summary: WeekSummary
    trend: dict[str, list[int]]
    live: bool
    last: tuple[list[str], int, int]
    saved: ReviewRow | None
    drifting: list[Suggestion] = field(default_factory=list)
    coming_up: list[Suggestion] = field(default_factory=list)
    loops_due: list[Suggestion] = field(default_factory=list)
    unanswered: list[Unanswered] = field(default_factory=list)
    help_ideas: list[HelpIdea] = field(default_factory=list)


def report(week_start: pendulum.Date, today: pendulum.Date, days: int = 14, *,
           remembrance: bool = False) -> ReviewReport:
    if week_start > today:
        raise UserError("that week hasn't started yet: review it once it has")
    previous = _previous(week_start)
    last = ([c.label for c in previous.commitments], previous.done, len(previous.commitments)
            ) if previous else ([], 0, 0)
    live = dates.days_between(week_start, today) < 14
    base = dict(week_start=week_start, week_end=week_start.add(days=6), today=today,
                summary=week_summary(week_start), trend=trend(week_start), live=live,
                last=last, saved=review_for(week_start))
    if not live:
        return ReviewReport(**base)
    coming = coming_up(today, days, remembrance=remembrance)
    return ReviewReport(**base, drifting=drifting(today), coming_up=coming,
                        loops_due=loops_due(today), unanswered=unanswered(week_start, today),
                        help_ideas=help_ideas(today))


def week_label(start: pendulum.Date, end: pendulum.Date) -> str:
    """"Mon 23 Nov – Sun 29 Nov 2026", with both years when the week spans the new year."""
    first = start.format("ddd D MMM" + (" YYYY" if start.year != end.year else ""))
    return f"{first} – {end.format('ddd D MMM YYYY')}"


def _sections(rep: ReviewReport, md: bool) -> list[tuple[str, list[str]]]:
    """(heading, lines) pairs shared by both renderings; `md` escapes user text."""
    esc = _md if md else (lambda text: " ".join(text.split()))
    s = rep.summary
    spark = (lambda line: f"`{line}`") if md else (lambda line: line)
    width = max((len(name) for name in rep.trend), default=0)
    week = [f"{s.total} touch{'es' if s.total != 1 else ''} with {len(s.people)} "
            f"{'person' if len(s.people) == 1 else 'people'}"]
    weeks = len(next(iter(rep.trend.values()), []))
    week.append(f"per circle: this week, and the last {weeks} weeks (oldest first)")
    for name, values in rep.trend.items():
        count, line = s.circles.get(name, 0), spark(sparkline(values))
        week.append(f"  {esc(name)}: {count} {line}" if md
                    else f"  {name:<{width}} {count:>3}  {line}")
    if s.kinds:
        week.append("by kind: " + ", ".join(f"{k} {n}" for k, n in s.kinds.items()))
    for person in s.people:
        who = esc(person.name) if not md else f"**{esc(person.name)}**"
        week.append(f"{who}{f' ({esc(person.circle)})' if person.circle else ''}: {person.count}")
        for t in person.touches:
            note = f": {esc(t.note)}" if t.note.strip() else ""
            week.append(f"  {t.day.format('ddd D MMM')}, {t.kind} ({t.initiator}){note}")
    if rep.saved and not rep.live:
        counts = rep.saved.counts
        week.append(f"at the review: {counts.get('drifting', 0)} drifting, "
                    f"{counts.get('loops_due', 0)} open loops due")
    sections = [("This week", week)]
    if rep.live:
        sections += [
            ("Drifting", [esc(x.text) for x in rep.drifting] or ["nobody is drifting"]),
            ("Coming up", [f"{x.when}: {esc(x.text)}" for x in rep.coming_up] or ["nothing"]),
            ("Open loops due", [esc(x.text) for x in rep.loops_due] or ["none due"]),
            ("Unanswered", [f"{esc(u.name)} reached out {dates.in_days(-u.waiting)} ({u.kind})"
                            + (f": {esc(u.note)}" if u.note.strip() else "")
                            for u in rep.unanswered] or ["nobody is waiting for you"]),
            ("Help", [f"{esc(h.text)} ({esc(h.reason)})" for h in rep.help_ideas]
             or ["no needs noted"]),
        ]
    if rep.saved:
        box = (lambda c: "[x] " if c.done else "[ ] ") if md else (
            lambda c: "done  " if c.done else "open  ")
        sections.append(("Commitments", [box(c) + esc(c.label) for c in rep.saved.commitments]
                         or ["none"]))
        if rep.saved.reflection:  # its paragraphs kept: it is the user's own writing
            sections.append(("Reflection", [esc(line) for line in
                                            rep.saved.reflection.splitlines()]))
    return sections


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md(text: str) -> str:
    """User text in markdown: one line, with the characters that would format escaped."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


def render_markdown(rep: ReviewReport) -> str:
    """The review as markdown to paste into a journal: a title, one `##` section per step,
    lists, and each circle's 12-week sparkline in a code span."""
    out = [f"# Weekly review: {week_label(rep.week_start, rep.week_end)}", ""]
    line = commitments_line(*rep.last)
    if line:
        out += [_md(line[0].upper() + line[1:]) + ".", ""]
    for heading, lines in _sections(rep, md=True):
        out.append(f"## {heading}")
        out.append("")
        if heading == "Reflection":
            out += [f"> {text}".rstrip() for text in lines]
        else:
            out += [("  - " + text[2:]) if text.startswith("  ") else f"- {text}"
                    for text in lines]
        out.append("")
    return "\n".join(out)


def render_text(rep: ReviewReport) -> str:
    """The review as plain text for the terminal."""
    out = [f"Weekly review: {week_label(rep.week_start, rep.week_end)}"]
    line = commitments_line(*rep.last)
    if line:
        out.append(line)
    for heading, lines in _sections(rep, md=False):
        out += ["", heading] + [f"  {text}".rstrip() for text in lines]
    return "\n".join(out) + "\n"
