"""The weekly review (`r`, palette "Weekly review"): eight steps on one screen, keys only.

`n` or `enter` moves on, `b` goes back, `escape` leaves (asking first only when commitments
or a reflection were typed and not saved). The title says where you are ("3/8 Coming up").
Everything the steps show is read once by a thread worker (`review_report.report`) and read
again after each change made from a step (a touch logged, a loop closed, a suggestion
snoozed). The commitments and the reflection live on this screen until step 8 saves them,
with the week's counts, in one transaction with its undo (`commands.review.save_review`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, Label, Static
from textual.worker import get_current_worker

from connecttui.core import clock, review_report, review_saved, review_week
from connecttui.core.store.db import reading
from connecttui.settings import config
from connecttui.tui.blur import is_blurred
from connecttui.tui.frames import SteadyFrames
from connecttui.tui.modals.commitment import Pending
from connecttui.tui.screens import review_steps as steps
from connecttui.tui.screens.review_actions import ReviewActions
from connecttui.tui.widgets.footer import QuietFooter
from connecttui.tui.widgets.text_input import TextInput
from connecttui.tui.widgets.topbar import TopBar

STEP_ACTIONS = {
    "log": {steps.DRIFTING, steps.COMING_UP, steps.UNANSWERED, steps.HELP},
    "snooze": {steps.DRIFTING, steps.COMING_UP, steps.OPEN_LOOPS},
    "plan": {steps.DRIFTING, steps.COMING_UP, steps.UNANSWERED},
    "done": {steps.OPEN_LOOPS},
    "add": {steps.COMMITMENTS},
    "remove": {steps.COMMITMENTS},
    "save": {steps.DONE},
}
"""The steps on which each step key works (elsewhere it is hidden from the footer)."""


@dataclass
class ReviewLoaded(Message):
    report: Any
    past: list[Any]


class ReviewScreen(SteadyFrames, ReviewActions, Screen):
    # Priority bindings, so `enter` and the letters act on the step whatever has the focus;
    # check_action lets them through to the reflection field while it is being typed in.
    BINDINGS: ClassVar = [
        Binding("n", "next", "next", id="review.next", priority=True, tooltip="Next step"),
        Binding("enter", "enter", "next", id="review.enter", show=False, priority=True,
                tooltip="Next step; on an introduction (Help) log it; on Done save"),
        Binding("b", "back", "back", id="review.back", priority=True,
                tooltip="Back a step"),
        Binding("escape", "leave", "leave", id="review.leave", priority=True,
                tooltip="Leave the review (asks first if commitments or a reflection are "
                        "not saved)"),
        Binding("l", "log", "log", id="review.log", priority=True,
                tooltip="Log a touch with the highlighted person (Help: an introduction, "
                        "or help given)"),
        Binding("z", "snooze", "snooze", id="review.snooze", priority=True,
                tooltip="Snooze the highlighted suggestion for 3, 7 or 14 days"),
        Binding("p", "plan", "plan", id="review.plan", priority=True,
                tooltip="Plan: add an open loop for the highlighted person"),
        Binding("x", "done", "done", id="review.done", priority=True,
                tooltip="Close the highlighted open loop, with an optional note"),
        Binding("a", "add", "add", id="review.add", priority=True,
                tooltip="Add a commitment for next week: who, and what (up to three)"),
        Binding("d", "remove", "remove", id="review.remove", priority=True,
                tooltip="Remove the highlighted commitment"),
        Binding("ctrl+s", "save", "save", key_display="^s", id="review.save", priority=True,
                tooltip="Save the review: counts, commitments (as open loops) and reflection"),
    ]
    DEFAULT_CSS = """
    ReviewScreen #review-pane {
        border: round $accent; border-title-color: $accent; border-title-style: bold;
        margin: 0 1; padding: 0 1;
    }
    ReviewScreen #review-bar { height: 1; margin-bottom: 1; }
    ReviewScreen #review-head { color: $text-muted; width: 100%; height: auto; margin-bottom: 1; }
    ReviewScreen #review-body { height: 1fr; }
    ReviewScreen #week, ReviewScreen #done { height: 1fr; }
    ReviewScreen #reflection-label { color: $text-muted; }
    ReviewScreen #reflection { margin-bottom: 1; }
    ReviewScreen #saved { color: $success; text-style: bold; height: auto; margin-bottom: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.today = clock.today()
        self.week_start, self.week_end = review_week.week_of(self.today, config.load().week_start)
        self.step = 1
        """The step shown, 1 to 8."""
        self.report: review_report.ReviewReport | None = None
        self.commitments: list[Pending] = []
        """Next week's commitments, kept here until the review is saved."""
        self.clean: tuple = ((), "")
        """(commitments, reflection) as last saved or loaded: anything else is unsaved."""
        self.prefilled = False

    def compose(self) -> ComposeResult:
        yield TopBar()
        with Vertical(id="review-pane"):
            yield Static(id="review-bar")
            yield Label(id="review-head")
            with ContentSwitcher(initial="week", id="review-body"):
                with VerticalScroll(id="week"):
                    yield Static("Loading…", id="week-text")
                yield steps.StepList(id="items")
                with VerticalScroll(id="done"):
                    yield Label("Reflection: what went well, what you'd change",
                                id="reflection-label")
                    yield TextInput(placeholder="a line or two (optional)", id="reflection")
                    yield Static("", id="saved")
                    yield Static("", id="past")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.show_step()
        self.reload()

    # ----- reading --------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="review", exit_on_error=False)
    def reload(self) -> None:
        with reading():
            report = review_report.report(self.week_start, self.today,
                                          remembrance=config.load().remembrance)
            past = review_saved.past_reviews()
        if not get_current_worker().is_cancelled:
            self.post_message(ReviewLoaded(report, past))

    @on(ReviewLoaded)
    def _loaded(self, message: ReviewLoaded) -> None:
        self.report = message.report
        saved = message.report.saved
        if saved is not None and not self.prefilled and not self.dirty:
            self.commitments = [Pending(c.contact_id, c.name, c.text) for c in saved.commitments]
            self.query_one("#reflection", Input).value = saved.reflection
            self.clean = self._state()
        self.prefilled = True
        blurred = is_blurred(self)
        self.query_one("#week-text", Static).update(steps.week_content(message.report, blurred))
        self.query_one("#past", Static).update(steps.past_content(message.past, blurred))
        self.show_step(keep_focus=True)

    # ----- showing --------------------------------------------------------------------
    def show_step(self, keep_focus: bool = False) -> None:
        step, name = self.step, review_report.STEPS[self.step - 1]
        pane = self.query_one("#review-pane")
        pane.border_title = f"Weekly review · {step}/{len(review_report.STEPS)} {name}"
        pane.border_subtitle = review_week.week_label(self.week_start, self.week_end)
        self.query_one("#review-bar", Static).update(steps.step_bar(step))
        head = steps.HEADS[step].format(due=self.next_week().format("ddd D MMM"))
        items = self.query_one("#items", steps.StepList)
        if step in steps.EMPTY:
            rows = (steps.commitment_rows(self.commitments) if step == steps.COMMITMENTS
                    else steps.rows_for(step, self.report) if self.report else [])
            items.empty_text = steps.EMPTY[step] if self.report else "Loading…"
            items.set_rows(rows)
            if step == steps.COMMITMENTS:
                head += f" ({len(rows)} of {review_saved.MAX_COMMITMENTS})"
            elif self.report is not None:
                head += f" ({len(rows)})"
        self.query_one("#review-head", Label).update(Content(head))
        body = "week" if step == 1 else ("done" if step == steps.DONE else "items")
        switcher = self.query_one("#review-body", ContentSwitcher)
        moved = switcher.current != body
        switcher.current = body
        if moved or not keep_focus:
            target = {"week": "#week", "items": "#items", "done": "#reflection"}[body]
            self.query_one(target).focus()
        self.refresh_bindings()

    def next_week(self):
        return max(self.week_start.add(days=7), self.today)

    def _state(self) -> tuple:
        return tuple(self.commitments), self.query_one("#reflection", Input).value.strip()

    @property
    def dirty(self) -> bool:
        """Commitments or a reflection typed and not saved."""
        return self.is_mounted and self._state() != self.clean

    def typing(self) -> bool:
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "back", *STEP_ACTIONS) and action != "save" and self.typing():
            return False  # the letter goes into the reflection
        if action == "next":
            return self.step < len(review_report.STEPS)
        if action == "back":
            return self.step > 1
        if action in STEP_ACTIONS:
            return self.step in STEP_ACTIONS[action]
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    # ----- moving between steps -----------------------------------------------------
    def go(self, step: int) -> None:
        self.step = max(1, min(step, len(review_report.STEPS)))
        self.show_step()

    def action_next(self) -> None:
        self.go(self.step + 1)

    def action_back(self) -> None:
        self.go(self.step - 1)

    def action_enter(self) -> None:
        """`enter`: save on Done, log an introduction on Help, else the next step."""
        if self.step == steps.DONE:
            self.action_save()
            return
        row = self.current()
        if self.step == steps.HELP and row is not None and row.item.kind == "intro":
            self.action_log()
            return
        self.action_next()
