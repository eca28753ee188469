"""Persisting patiently: who reached out last, and how many of your reach-outs are unanswered.

The briefing says it in words ("they reached out last: your turn") and never as a score: the
point is to nudge you to reply, or to give someone space after several unanswered messages,
not to keep accounts.
"""

from __future__ import annotations

from dataclasses import dataclass

from connecttui.core.store.models import Touch, TouchContact

GIVE_SPACE_AFTER = 3
"""Unanswered reach-outs of yours after which the briefing suggests giving it space."""


@dataclass(frozen=True)
class ReachOut:
    """Who started the latest touch, and your reach-outs since they last started one."""

    last_started: str | None  # "you", "they", or None (no touch yet, or the last was mutual)
    unanswered: int  # touches you started ("out") since their last "in" or "both"
    they_ever: bool = False  # they started (or shared starting) at least one touch


def reach_out(contact_id: int) -> ReachOut:
    """Walk the contact's touches newest first until one they started (or both did).

    Every kind counts: a comment you left ("social") is you reaching out just as a call is.
    A touch started by both ("both": you met by chance, a shared memory) breaks a streak of
    yours, because it was not one-sided; it names no one as the last to reach out.
    """
    query = (
        Touch.select(Touch.initiator)
        .join(TouchContact)
        .where(TouchContact.contact == contact_id)
        .order_by(Touch.at.desc(), Touch.id.desc())
        .tuples()
    )
    last: str | None = None
    unanswered = 0
    they_ever = False
    for index, (initiator,) in enumerate(query.iterator()):
        if index == 0:
            last = {"out": "you", "in": "they"}.get(initiator)
        if initiator == "out":
            unanswered += 1
            continue
        they_ever = True
        break
    return ReachOut(last, unanswered, they_ever)


def reach_out_line(r: ReachOut) -> str:
    """One line for the briefing, or "" when there is nothing worth saying."""
    if r.last_started == "they":
        return "they reached out last: your turn"
    if r.last_started == "you" and r.unanswered >= GIVE_SPACE_AFTER:
        if r.they_ever:
            return f"you reached out {r.unanswered} times since they last did: give it space"
        return f"you reached out {r.unanswered} times and they haven't yet: give it space"
    if r.last_started == "you":
        return "you reached out last"
    return ""
