"""The saved reviews: what you commit to at the end of a review, the record kept for each
week (its counts, commitments and reflection), and reading those records back.

Kept apart from the week's figures (`review_week`) because this is the review's only
write: a commitment with a person becomes their open loop, and the record remembers which,
so next week's review can say what got done. The faces save through the command
(`core/commands/review.py`), which journals the save so it can be undone.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass

import pendulum

from connecttui.core import planning
from connecttui.core.errors import UserError
from connecttui.core.review_week import week_of, week_summary
from connecttui.core.store.db import transaction
from connecttui.core.store.models import Contact, OpenLoop, Review
from connecttui.core.weekplan import drifting, loops_due

MAX_COMMITMENTS = 3


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


def previous_review(week_start: pendulum.Date) -> ReviewRow | None:
    """The latest review saved for a week before the one starting `week_start`."""
    record = (Review.select().where(Review.week_start < week_start)
              .order_by(Review.week_start.desc()).first())
    return _row(record) if record else None


def last_commitments(
    today: pendulum.Date, first_weekday: int = 0
) -> tuple[list[str], int, int]:
    """The commitments of the latest review before this week: (labels, done, total)."""
    previous = previous_review(week_of(today, first_weekday)[0])
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
