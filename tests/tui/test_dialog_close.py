"""Closing a see-through dialog repaints only its box (tui/frames.py): the frames that follow
the log dialog's `enter` are partial updates, the touch is stored and shown, and a dialog
that dims the screen still gets the whole repaint it needs.

What reaches the terminal is read where Textual hands it over (``App._display``): a
``LayoutUpdate`` is the whole screen, a ``ChopsUpdate`` only the regions that changed.
"""

from __future__ import annotations

import time

from helpers.tui import pane, settle
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region
from textual.widget import Widget

from connecttui.core import people
from connecttui.core.store.models import Touch, TouchContact
from connecttui.tui.frames import WHOLE_REPAINTS_OF_A_CLOSE, SteadyFrames
from connecttui.tui.modals.log_touch import LogTouch

SIZE = (120, 36)


def updates_of(app) -> list[object]:
    """Every update the app hands the terminal from now on."""
    seen: list[object] = []
    display = app._display

    def recording(screen, renderable):
        seen.append(renderable)
        return display(screen, renderable)

    app._display = recording
    return seen


async def test_enter_in_the_log_dialog_repaints_its_box_and_the_timeline_not_the_screen(app_on):
    ada = people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l", "c")
        await settle(app, pilot)
        assert isinstance(app.screen, LogTouch)
        box = app.screen.query_one("Vertical").region
        updates = updates_of(app)
        await pilot.press("enter")
        await settle(app, pilot)

        assert not isinstance(app.screen, LogTouch)
        touch = Touch.get()
        assert touch.kind == "call"
        assert [link.contact_id for link in TouchContact.select()] == [ada.id]
        assert pane(app, "timeline").rows[0].touch_id == touch.id
        assert updates, "nothing was painted after the dialog closed"
        assert not [u for u in updates if isinstance(u, LayoutUpdate)], updates
        first = updates[0]
        assert isinstance(first, ChopsUpdate)
        painted = Region.from_union([Region(x0, y, x1 - x0, 1)
                                     for y, x0, x1 in first.spans])
        timeline_pane = app.screen.query_one("#timeline-pane").region
        # the first frame holds the dialog's box and the timeline (the new touch), no more
        assert painted.intersection(box) == box
        timeline = app.screen.query_one("#timeline").region
        newest = Region(timeline.x, timeline.y, timeline.width, 1)  # the touch, in that frame
        assert painted.intersection(newest) == newest
        assert Region.from_union([box, timeline_pane]).contains_region(painted)


async def test_a_dimming_screen_still_gets_the_whole_screen_repainted(app_on):
    """Help dims what is below it: closing it must undim everything."""
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert app.screen.styles.background.a > 0
        updates = updates_of(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert [u for u in updates if isinstance(u, LayoutUpdate)]


async def test_a_close_asks_textual_for_as_many_whole_repaints_as_frames_narrows(app_on,
                                                                              monkeypatch):
    """The box stands in for the whole-screen repaints of one close, as many as Textual asks
    for (WHOLE_REPAINTS_OF_A_CLOSE): a Textual that asks for more fails here (and its extra
    ones would repaint everything, slow but right)."""
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.screen
        await pilot.press("l")
        await settle(app, pilot)
        whole: list[dict] = []
        refresh = SteadyFrames.refresh

        def counting(self, *regions, **options):
            if self is main and not regions:
                whole.append(options)
            return refresh(self, *regions, **options)

        monkeypatch.setattr(SteadyFrames, "refresh", counting)
        await pilot.press("escape")
        await settle(app, pilot)
        assert len(whole) == WHOLE_REPAINTS_OF_A_CLOSE
        assert main._repaint_box is None  # all of them narrowed, none left over


async def test_the_box_stands_in_only_so_many_times_and_only_for_half_a_second(app_on,
                                                                            monkeypatch):
    """A later real whole-screen repaint (a theme, a resize) repaints everything."""
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SteadyFrames)
        asked: list[tuple] = []
        monkeypatch.setattr(Widget, "refresh",
                            lambda self, *regions, **kw: asked.append(regions) or self)
        box = Region(10, 5, 30, 8)
        screen.repaint_box_only(box)
        for _ in range(WHOLE_REPAINTS_OF_A_CLOSE + 1):
            screen.refresh()
        assert asked == [(box,)] * WHOLE_REPAINTS_OF_A_CLOSE + [()]

        asked.clear()
        screen.repaint_box_only(box)
        screen.refresh(Region(0, 0, 2, 2))  # a region of its own is never widened or narrowed
        later = time.monotonic() + 0.6
        monkeypatch.setattr("connecttui.tui.frames.time.monotonic", lambda: later)
        screen.refresh()  # past the half second
        assert asked == [(Region(0, 0, 2, 2),), ()]
