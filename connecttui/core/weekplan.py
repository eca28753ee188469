"""The week ahead: what needs you now (the review's live steps) and the next seven days.

The live steps reuse `planning.upcoming`, so a suggestion snoozed from the main screen stays
snoozed here too: a snooze is a decision ("not now"), and the review should not overrule it.
The plan lays the same things out by day, so a busy week can be spread out by moving loops.
Days are LOCAL days: touches are stored in UTC and read through `local_range`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pendulum

from connecttui.core import clock, occasions, planning
from connecttui.core.errors import NotFound, UserError
from connecttui.core.store.db import transaction
from connecttui.core.store.models import (
    Circle,
    Contact,
    Fact,
    OpenLoop,
    Review,
    Touch,
    TouchContact,
)
from connecttui.core.suggestion import Suggestion

UNANSWERED_LOOKBACK = 28
"""Days before the reviewed week in which an unanswered touch still shows: a message that
arrived on Saturday must not slip between two Friday reviews, and an older silence is the
window's business (the contact drifts)."""


def local_range(first: pendulum.Date, last: pendulum.Date):
    """UTC moments from local midnight of `first` to local midnight after `last`, so a query
    on the stored UTC column selects exactly those local days (daylight saving included)."""
    zone = clock.local_tz()
    after = last.add(days=1)
    return (
        pendulum.datetime(first.year, first.month, first.day, tz=zone).in_timezone("UTC"),
        pendulum.datetime(after.year, after.month, after.day, tz=zone).in_timezone("UTC"),
    )


def resting_ids() -> set[int]:
    query = Contact.select(Contact.id).join(Circle).where(Circle.resting)
    return {row[0] for row in query.tuples()}


def quiet_ids() -> set[int]:
    """Contacts the review never brings up: the resting ones, and those who have died."""
    from connecttui.core.deceased import deceased_ids

    return resting_ids() | deceased_ids()


def drifting(today: pendulum.Date) -> list[Suggestion]:
    """Contacts past their window, worst first (past the maximum before past the ideal, then
    most days over), each with its reason."""
    items = [s for s in planning.upcoming(today, 0) if s.kind == "drift"]
    return sorted(items, key=lambda s: (-s.level, s.days, s.contact_name))


def coming_up(today: pendulum.Date, days: int = 14, *,
              remembrance: bool = False) -> list[Suggestion]:
    """Occasions in the next `days` (or inside their own lead time), gifts to prepare and
    holiday cards to post, soonest first; a deceased contact's occasions only as
    remembrance, when `remembrance` (the setting) asks."""
    from connecttui.core import cards, gifts, snooze  # lazily: the review's own imports stay few

    items = [s for s in planning.upcoming(today, days, remembrance=remembrance)
             if s.kind in ("occasion", "gift", "card")]
    seen = {(s.kind, s.snooze_ref) for s in items} | snooze.active(today)
    for item in [*gifts.lead_suggestions(today), *cards.card_suggestions(today)]:
        if (item.kind, item.snooze_ref) not in seen:
            seen.add((item.kind, item.snooze_ref))
            items.append(item)
    items.sort(key=lambda s: (s.days, s.contact_name))
    return items


def loops_due(today: pendulum.Date) -> list[Suggestion]:
    """Open loops due today or overdue, most overdue first."""
    return [s for s in planning.upcoming(today, 0) if s.kind == "loop" and s.days <= 0]


@dataclass(frozen=True)
class Unanswered:
    contact_id: int
    name: str
    touch_id: int
    day: pendulum.Date  # local day they reached out
    waiting: int  # days since
    kind: str
    note: str


def unanswered(week_start: pendulum.Date, today: pendulum.Date) -> list[Unanswered]:
    """People whose latest touch up to today was started by them ("in") with nothing logged
    since, from UNANSWERED_LOOKBACK days before the week; longest waiting first. Resting
    and deceased contacts are left out, as everywhere (they are never suggested)."""
    low, high = local_range(week_start.subtract(days=UNANSWERED_LOOKBACK), today)
    candidates = {
        row[0] for row in TouchContact.select(TouchContact.contact).join(Touch)
        .where((Touch.initiator == "in") & (Touch.at >= low) & (Touch.at < high)).tuples()
    } - quiet_ids()
    if not candidates:
        return []
    latest: dict[int, tuple] = {}
    query = (
        Touch.select(TouchContact.contact, Contact.name, Touch.id, Touch.at, Touch.kind,
                     Touch.initiator, Touch.note)
        .join(TouchContact).join(Contact)
        .where(TouchContact.contact.in_(sorted(candidates)) & (Touch.at >= low)
               & (Touch.at < high))
        .order_by(Touch.at, Touch.id)
        .tuples()
    )
    for row in query:
        latest[row[0]] = row
    result = []
    for cid, name, touch_id, at, kind, initiator, note in latest.values():
        if initiator == "in":
            day = clock.local_day(at)
            result.append(Unanswered(cid, name, touch_id, day, clock.days_between(day, today),
                                     kind, note))
    result.sort(key=lambda u: (-u.waiting, u.name.casefold()))
    return result


@dataclass(frozen=True)
class HelpIdea:
    kind: str  # "intro" (a need meets an offer) or "need" (one you could meet yourself)
    contact_id: int  # who has the need
    contact_name: str
    other_id: int | None  # who could help (an introduction), else None
    other_name: str
    text: str
    reason: str
    ref: str  # an intro's snooze ref "need_id:offer_id"; a need's fact id (not snoozable)


def help_ideas(today: pendulum.Date) -> list[HelpIdea]:
    """Introductions you could make (matching.matches) first, then the needs no offer meets,
    which you could meet yourself. A pair you already introduced is not proposed again (nor
    is its need, you did your part); an introduction snoozed from the main screen waits for
    its day. Resting and deceased contacts are left out."""
    from connecttui.core import matching, snooze

    hidden, done = snooze.active(today), matching.introduced_pairs()
    ideas, matched = [], set()
    for m in matching.matches():
        matched.add(m.need_fact_id)
        ref = f"{m.need_fact_id}:{m.offer_fact_id}"
        pair = tuple(sorted((m.need_contact_id, m.offer_contact_id)))
        if pair in done or ("intro", ref) in hidden:
            continue
        text = (f"{matching.phrase(m.need_name, 'needs', m.need_text)}; "
                f"{matching.phrase(m.offer_name, 'offers', m.offer_text)}: introduce them?")
        ideas.append(HelpIdea("intro", m.need_contact_id, m.need_name, m.offer_contact_id,
                              m.offer_name, text, "shared: " + ", ".join(m.shared), ref))
    resting = quiet_ids()
    needs = Fact.select(Fact, Contact).join(Contact).where(Fact.kind == "need").order_by(Fact.id)
    for fact in needs:
        if fact.id in matched or fact.contact.id in resting:
            continue
        name = fact.contact.name
        ideas.append(HelpIdea("need", fact.contact.id, name, None, "",
                              matching.phrase(name, "needs", fact.text), "could you help?",
                              str(fact.id)))
    return ideas


# --- the next seven days ------------------------------------------------------------------


MAX_LEAD = 90
"""The longest lead time an occasion may have (occasions.add_occasion refuses more)."""


@dataclass(frozen=True)
class PlanItem:
    kind: str  # "occasion", "prepare", "commitment", "loop", "gift", "card"
    contact_id: int | None
    contact_name: str
    text: str
    ref_id: int | None  # the occasion, or the open loop (loops and commitments can move)
    overdue: int = 0  # days an open loop is overdue (it is laid on today)

    @property
    def movable(self) -> bool:
        return self.kind in ("loop", "commitment")


@dataclass(frozen=True)
class DayPlan:
    day: pendulum.Date
    items: tuple[PlanItem, ...]


_ORDER = {"occasion": 0, "prepare": 1, "commitment": 2, "loop": 3, "gift": 4, "card": 5}


def commitment_loop_ids() -> set[int]:
    """Open loops that were made from a review's commitments."""
    found = set()
    for (text,) in Review.select(Review.commitments).tuples():
        try:
            items = json.loads(text or "[]")
        except ValueError:
            continue
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("loop_id"), int):
                found.add(item["loop_id"])
    return found


def plan_week(today: pendulum.Date, days: int = 7, *,
              remembrance: bool = False) -> list[DayPlan]:
    """The next `days` days from today, each with its occasions, the lead times that start
    that day ("prepare"), commitments and open loops due. What is already late (an overdue
    loop, a lead time that started before today, gifts and cards to prepare) is laid on
    today, where it can still be done. Snoozes don't hide anything here: this is a calendar.
    Nothing of a deceased contact's is laid out, but their occasions as remembrance when
    `remembrance` (the setting) asks.
    """
    from connecttui.core import cards, gifts

    last = today.add(days=days - 1)
    plan: dict[pendulum.Date, list[PlanItem]] = {today.add(days=i): [] for i in range(days)}
    for c in occasions.coming(today, days - 1 + MAX_LEAD, remembrance=remembrance):
        turning = f" (turns {c.turning})" if c.title == "birthday" and c.turning else ""
        if c.remembrance:
            turning = ", in remembrance"
        if c.date <= last:
            plan[c.date].append(PlanItem("occasion", c.contact_id, c.contact_name,
                                         f"{c.contact_name}: {c.title}{turning}", c.occasion_id))
        start = c.date.subtract(days=c.lead_days)
        if c.lead_days and c.days > 0 and start <= last:
            text = (f"{c.contact_name}'s {c.title} on {c.date.format('ddd D MMM')} "
                    f"({c.lead_days}-day lead time)")
            plan[max(start, today)].append(
                PlanItem("prepare", c.contact_id, c.contact_name, text, c.occasion_id))
    committed = commitment_loop_ids()
    for loop in planning.open_loops():
        if loop.due > last:
            break
        kind = "commitment" if loop.id in committed else "loop"
        late = max(0, clock.days_between(loop.due, today))
        text = f"{loop.contact.name}: {loop.text}" + (
            f" ({planning.loop_reason(loop.due, today)})" if late else "")
        plan[max(loop.due, today)].append(
            PlanItem(kind, loop.contact.id, loop.contact.name, text, loop.id, late))
    for s in [*gifts.lead_suggestions(today), *cards.card_suggestions(today)]:
        plan[today].append(PlanItem(s.kind, s.contact_id or None, s.contact_name, s.text,
                                    s.ref_id))
    return [
        DayPlan(day, tuple(sorted(items, key=lambda i: (_ORDER.get(i.kind, 9), -i.overdue))))
        for day, items in plan.items()
    ]


def move_loop(
    loop_id: int, to_day: pendulum.Date, today: pendulum.Date | None = None
) -> OpenLoop:
    """Give an open loop another due day (one transaction); with `today`, never a past day."""
    if today is not None and to_day < today:
        raise UserError("an open loop can't be moved into the past")
    with transaction():
        loop = OpenLoop.get_or_none(OpenLoop.id == loop_id)
        if loop is None:
            raise NotFound("that open loop no longer exists")
        if loop.done_at is not None:
            raise UserError("that open loop is already done")
        loop.due = to_day
        loop.save()
        return loop
