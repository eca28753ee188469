"""The whole Friday review as one report: its steps, what each shows for a week, and the
report rendered as plain text (the terminal) or markdown (to paste into a journal).

The TUI walks the steps of one `report`, the CLI prints it; both read it in one go so a
step never disagrees with another. The week's figures come from `review_week`, the saved
record and last week's commitments from `review_saved`; the live steps (drifting, coming
up, open loops, unanswered, help) look ahead, so they are `weekplan`'s, shared with the
seven-day plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pendulum

from connecttui.core import clock
from connecttui.core.errors import UserError
from connecttui.core.review_saved import ReviewRow, commitments_line, previous_review, review_for
from connecttui.core.review_week import WeekSummary, sparkline, trend, week_label, week_summary
from connecttui.core.suggestion import Suggestion
from connecttui.core.weekplan import (
    HelpIdea,
    Unanswered,
    coming_up,
    drifting,
    help_ideas,
    loops_due,
    unanswered,
)

STEPS = (
    "This week", "Drifting", "Coming up", "Open loops", "Unanswered", "Help", "Commitments",
    "Done",
)
"""The review's steps, in order, for a progress line ("3/8 Coming up")."""


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
    previous = previous_review(week_start)
    last = ([c.label for c in previous.commitments], previous.done, len(previous.commitments)
            ) if previous else ([], 0, 0)
    live = clock.days_between(week_start, today) < 14
    base = dict(week_start=week_start, week_end=week_start.add(days=6), today=today,
                summary=week_summary(week_start), trend=trend(week_start), live=live,
                last=last, saved=review_for(week_start))
    if not live:
        return ReviewReport(**base)
    coming = coming_up(today, days, remembrance=remembrance)
    return ReviewReport(**base, drifting=drifting(today), coming_up=coming,
                        loops_due=loops_due(today), unanswered=unanswered(week_start, today),
                        help_ideas=help_ideas(today))


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
            ("Unanswered", [f"{esc(u.name)} reached out {clock.in_days(-u.waiting)} ({u.kind})"
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
