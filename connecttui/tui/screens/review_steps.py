"""What each step of the weekly review shows, as plain values and Content.

The review screen asks the core once (`review_report.report`) and draws the eight steps from it:
step 1 as text (touches by person and by kind, a 12-week sparkline per circle), steps 2 to 7
as rows of one list the keys act on, step 8 as the reflection and the past reviews. User
text always goes in as plain text (Content pieces, `one_line`), never as markup. Under the
privacy blur, notes, open loops, needs and the reflection are drawn as "•••"; names stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.content import Content

from connecttui.core import clock, review_report, review_saved, review_week
from connecttui.core.suggestion import Suggestion
from connecttui.core.text import one_line
from connecttui.tui.blur import MASK, follow, is_blurred, mask, suggestion_text
from connecttui.tui.widgets.lists import DRIFT_CLASS
from connecttui.tui.widgets.rowlist import RowList, fit

DRIFTING, COMING_UP, OPEN_LOOPS, UNANSWERED, HELP, COMMITMENTS, DONE = range(2, 9)
"""Step numbers (1-based, as the progress line shows them); 1 is "This week"."""

HEADS = {
    1: "What happened: every touch, by person and by kind, and each circle's last 12 weeks.",
    DRIFTING: "Past their window, worst first.",
    COMING_UP: "The next 14 days: occasions with their lead times, gifts and cards to prepare.",
    OPEN_LOOPS: "Open loops due today or overdue.",
    UNANSWERED: "They reached out and are waiting for your answer.",
    HELP: "Needs you could meet, and introductions you could make.",
    COMMITMENTS: "Up to three people or actions for next week; each with a person becomes "
                 "their open loop, due {due}.",
    DONE: "A line of reflection, then enter saves the review with this week's counts.",
}
"""The line under the progress title, one per step."""

EMPTY = {
    DRIFTING: "Nobody is drifting: every window is kept.",
    COMING_UP: "Nothing in the next 14 days.",
    OPEN_LOOPS: "No open loops due.",
    UNANSWERED: "Nobody is waiting for you.",
    HELP: "No needs noted: add one from a briefing (f n).",
    COMMITMENTS: "No commitments yet: press a to add one (up to three).",
}


@dataclass(frozen=True)
class StepRow:
    """One row of a step's list: a short first column, the line, and what it is about."""

    id: tuple
    when: str
    text: str
    level: int = 0  # 0 plain, 1 amber, 2 red
    contact_id: int | None = None
    contact_name: str = ""
    item: Any = None  # the Suggestion, Unanswered, HelpIdea or commitment behind the row


class StepList(RowList):
    """The rows of steps 2 to 7; the empty text says what an empty step means."""

    def on_mount(self) -> None:
        follow(self, self.refresh)

    def cells(self, row: StepRow, width: int) -> list[tuple[str, str | None]]:
        klass = DRIFT_CLASS[row.level] if row.level else None
        text = blurred_text(row) if is_blurred(self) else row.text
        return [
            (" " + fit(row.when, 9) + " ", klass or "rowlist--dim"),
            (fit(one_line(text), max(width - 11, 0)), klass),
        ]


def blurred_text(row: StepRow) -> str:
    """A step's row under the privacy blur: who and why, without their words."""
    if isinstance(row.item, Suggestion):
        return suggestion_text(row.item, True)
    if row.id[0] == "in":
        u = row.item
        return (f"{u.name} reached out {clock.in_days(-u.waiting)} ({u.kind})"
                + (f": {MASK}" if u.note.strip() else ""))
    if row.contact_name and row.id[0] != "commitment":
        return f"{row.contact_name}: {MASK}"
    return row.text


def _suggestion_row(item) -> StepRow:
    return StepRow((item.kind, item.snooze_ref), item.when, item.text, item.level,
                   item.contact_id or None, item.contact_name, item)


def _unanswered_row(u) -> StepRow:
    text = f"{u.name} reached out {clock.in_days(-u.waiting)} ({u.kind})"
    if u.note.strip():
        text += f": {u.note}"
    return StepRow(("in", u.touch_id), f"{u.waiting}d", text, 1 if u.waiting >= 7 else 0,
                   u.contact_id, u.name, u)


def rows_for(step: int, rep: review_report.ReviewReport) -> list[StepRow]:
    """The rows of steps 2 to 6 (commitments are the screen's own, see `commitment_rows`)."""
    if step == DRIFTING:
        return [_suggestion_row(s) for s in rep.drifting]
    if step == COMING_UP:
        return [_suggestion_row(s) for s in rep.coming_up]
    if step == OPEN_LOOPS:
        return [_suggestion_row(s) for s in rep.loops_due]
    if step == UNANSWERED:
        return [_unanswered_row(u) for u in rep.unanswered]
    if step == HELP:
        return [StepRow((h.kind, h.ref), h.kind, f"{h.text} ({h.reason})", 0, h.contact_id,
                        h.contact_name, h) for h in rep.help_ideas]
    return []


def commitment_rows(commitments: list) -> list[StepRow]:
    return [
        StepRow(("commitment", index), f"{index + 1} of {review_saved.MAX_COMMITMENTS}",
                c.label, 0, c.contact_id, c.name, c)
        for index, c in enumerate(commitments)
    ]


def _piece(text: str, width: int) -> str:
    return fit(one_line(text), width)


def week_content(rep: review_report.ReviewReport, blurred: bool = False) -> Content:
    """Step 1: last week's commitments, the circles with their trend, kinds, then people."""
    s = rep.summary
    parts: list = []
    line = review_saved.commitments_line(*rep.last)
    if line:
        parts += [(one_line(line[0].upper() + line[1:]), "bold $warning"), "\n\n"]
    people = "person" if len(s.people) == 1 else "people"
    parts += [(f"{s.total} touch{'es' if s.total != 1 else ''} with {len(s.people)} {people}",
               "bold"), "\n\n"]
    weeks = len(next(iter(rep.trend.values()), []))
    parts += [(f"{'Per circle':<22}{'this week':>10}   the last {weeks} weeks", "bold"), "\n"]
    for name, values in rep.trend.items():
        parts += [f"  {_piece(name, 20)}", (f"{s.circles.get(name, 0):>10}", "bold"), "   ",
                  (review_week.sparkline(values), "$accent"),
                  (f"  {sum(values)} in {weeks} weeks", "$text-muted"), "\n"]
    if s.by_kind:
        parts += ["\n", ("By kind", "bold"), "\n"]
        for kind, touches in s.by_kind.items():
            names = sorted({n for t in touches for n in t.names}, key=str.casefold)
            parts += [(f"  {kind:<10}", "$accent"), (f"{len(touches):>3}   ", "bold"),
                      one_line(", ".join(names)), "\n"]
    if s.people:
        parts += ["\n", ("By person", "bold"), "\n"]
    for person in s.people:
        kinds = ", ".join(f"{k} {n}" for k, n in person.kinds.items())
        parts += [f"  {one_line(person.name)}",
                  (f" · {one_line(person.circle)}" if person.circle else "", "$text-muted"),
                  (f"  {person.count}", "bold"), (f"  {kinds}", "$text-muted"), "\n"]
        for t in person.touches:
            note = f"  {mask(one_line(t.note), blurred)}" if t.note.strip() else ""
            parts += [(f"      {t.day.format('ddd D MMM')}  ", "$text-muted"),
                      (f"{t.kind:<9}", "$accent"), (f"{t.initiator:<5}", "$text-muted"),
                      note, "\n"]
    if not s.people:
        parts += ["\n", ("No touches logged this week.", "italic $text-muted"), "\n"]
    return Content.assemble(*parts)


def past_content(past: list[review_saved.ReviewRow], blurred: bool = False) -> Content:
    """Step 8's list of saved reviews, newest first."""
    parts: list = [("Past reviews", "bold"), "\n"]
    if not past:
        parts.append(("  none yet: this will be the first", "italic $text-muted"))
    for row in past:
        total = row.counts.get("total", 0) if isinstance(row.counts, dict) else 0
        parts += [(f"  {review_week.week_label(row.week_start, row.week_end)}", "$accent"),
                  f"  {total} touch{'es' if total != 1 else ''}"]
        if row.commitments:
            parts.append(f" · done {row.done} of {len(row.commitments)}")
        parts.append("\n")
        for c in row.commitments:
            parts += [("      [x] " if c.done else "      [ ] ", "$text-muted"),
                      one_line(c.label), "\n"]
        if row.reflection.strip():
            parts += [("      ", ""), (mask(one_line(row.reflection), blurred), "italic"), "\n"]
    return Content.assemble(*parts)


def step_bar(step: int) -> Content:
    """Every step's name, the current one lit, the ones behind dimmed."""
    parts: list = []
    for number, name in enumerate(review_report.STEPS, start=1):
        style = "bold reverse $accent" if number == step else (
            "$text-muted" if number < step else "")
        parts += [(f" {number} {name} ", style), " "]
    return Content.assemble(*parts)
