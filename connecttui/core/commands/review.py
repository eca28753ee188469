"""Saving the weekly review, with its undo (`u`, `connecttui undo`).

Why its own inverse and not the plain-row ones (rows.py): one save writes two tables. The
week's Review row is created, or rewritten when the week is saved again, and each new
commitment with a person becomes an open loop. One undo must take all of it back, so the
inverse carries the Review row as it was before (or none, for a first save) and the loops
this save created; loops kept from an earlier save of the week are left alone, as the save
itself leaves them.

(Moving an open loop in the week plan is `plans.move_open_loop`.)
"""

from __future__ import annotations

import pendulum

from connecttui.core import review_saved, snapshots, undo
from connecttui.core.errors import NotFound
from connecttui.core.review_saved import Commitment
from connecttui.core.review_week import week_label
from connecttui.core.store.db import transaction
from connecttui.core.store.models import OpenLoop, Review


def save_review(week_start: pendulum.Date, commitments: list[Commitment], reflection: str,
                today: pendulum.Date) -> Review:
    """Save the week's review (`review_saved.save_review`: the record, and an open loop for
    each commitment with a person); undoing puts the earlier record back, or removes the
    record when it was the week's first save, and deletes the loops this save made."""
    with transaction():
        before = Review.get_or_none(Review.week_start == week_start)
        inverse = {"op": "unsave_review",
                   "before": snapshots.rows(Review, Review.id == before.id)[0] if before else None}
        had = _loop_ids(before) if before else set()
        existed = set(snapshots.ids(OpenLoop, OpenLoop.id.in_(sorted(had)))) if had else set()
        review = review_saved.save_review(week_start, commitments, reflection, today)
        made = sorted(_loop_ids(review) - existed)
        inverse.update(review_id=review.id, loops=made)
        undo.record(_label(week_start, again=before is not None, loops=len(made)), inverse)
    return review


def _loop_ids(review: Review) -> set[int]:
    """The open loops a stored review's commitments point at."""
    return {c.loop_id for c in review_saved.review_for(review.week_start).commitments
            if isinstance(c.loop_id, int)}


def _label(week_start: pendulum.Date, again: bool, loops: int) -> str:
    made = f", with {loops} open loop{'s' if loops != 1 else ''}" if loops else ""
    week = week_label(week_start, week_start.add(days=6))
    return f"saved the weekly review of {week}{' again' if again else ''}{made}"


@undo.undoes("unsave_review")
def _undo_save_review(step: dict) -> None:
    review_id = step["review_id"]
    if not snapshots.exists(Review, review_id):
        raise NotFound("that review no longer exists")
    if step["loops"]:
        OpenLoop.delete().where(OpenLoop.id.in_(step["loops"])).execute()
    if step["before"] is None:
        Review.delete().where(Review.id == review_id).execute()
    else:
        snapshots.update(Review, step["before"])
