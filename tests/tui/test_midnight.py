"""The turn of the day: the header date, "in N days", the drift colours and the upcoming pane
move on by themselves, with no timer firing more than once a minute.

The clock is frozen with time_machine and moved across midnight (an ordinary one and a year
end). The app's own 60-second day check is what notices: the test shortens that interval
(and only that one) so the real timer fires within the test instead of a minute later, then
waits for the screen to change. It never calls the check itself.
"""

from __future__ import annotations

import pendulum
import time_machine
from helpers.tui import settle, workers_done
from textual.widgets import Label

from connecttui.core import people, touches
from connecttui.tui.app import make_app
from connecttui.tui.lookout import WATCH_SECONDS

SIZE = (120, 36)


def header_day(app) -> str:
    return str(app.screen.query_one("#today", Label).visual)


def upcoming_text(app) -> list[str]:
    return [f"{row.text} | {row.reason}" for row in app.screen.query_one("#upcoming").rows]


def drift_of(app, contact_id: int) -> int:
    return next(row.drift for row in app.screen.query_one("#contacts").rows
                if row.id == contact_id)


def drawn_contact_line(app, name: str) -> str:
    contacts = app.screen.query_one("#contacts")
    for y in range(contacts.size.height):
        text = "".join(segment.text for segment in contacts.render_line(y))
        if name in text:
            return text
    raise AssertionError(f"{name} is not drawn")


def app_with_a_fast_day_check(db_path, seconds: float = 0.05):
    """The real app, whose 60 s day-check interval runs every `seconds` instead."""
    app = make_app(str(db_path), watch=False)
    set_interval = app.set_interval

    def shorter(interval, callback=None, **options):
        if callback == app._check_day:
            assert interval == 60  # what the app really uses
            interval = seconds
        return set_interval(interval, callback, **options)

    app.set_interval = shorter
    return app


async def wait_for(pilot, condition) -> None:
    for _ in range(200):
        await pilot.pause(0.02)
        await workers_done(pilot.app)
        if condition():
            return


async def test_the_year_end_turns_over_by_itself(home, db, db_path):
    with time_machine.travel("2026-12-17 12:00 +00:00", tick=False):
        ada = people.add_contact("Ada Lovelace", birthday=(1815, 1, 1))
        grace = people.add_contact("Grace Hopper", ideal_days=14, max_days=30)
        touches.log_touch([grace.id], "call")  # 14 days before Dec 31: still in touch
        touches.log_touch([ada.id], "call")
    with time_machine.travel("2026-12-31 23:59:30 +00:00", tick=False) as clock:
        app = app_with_a_fast_day_check(db_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert header_day(app) == "Thu 31 Dec 2026"
            assert any("birthday tomorrow" in line for line in upcoming_text(app))
            assert drift_of(app, grace.id) == 0
            assert " ● " not in drawn_contact_line(app, "Grace Hopper")
            await pilot.pause(0.2)  # several checks run: nothing changes before midnight
            assert header_day(app) == "Thu 31 Dec 2026"

            clock.move_to("2027-01-01 00:00:30 +00:00")
            await wait_for(pilot, lambda: header_day(app) != "Thu 31 Dec 2026")
            await wait_for(pilot, lambda: drift_of(app, grace.id) == 1)
            assert header_day(app) == "Fri 1 Jan 2027"
            assert any("birthday today" in line for line in upcoming_text(app))
            assert not any("tomorrow" in line for line in upcoming_text(app))
            assert drift_of(app, grace.id) == 1  # the window ran out at midnight: amber
            assert " ● " in drawn_contact_line(app, "Grace Hopper")
            assert any("birthday" in n.message and "Ada" in n.message
                       for n in app._notifications)  # the new day's notice


async def test_an_ordinary_midnight_moves_in_n_days(home, db, db_path):
    with time_machine.travel("2026-11-27 23:59:30 +00:00", tick=False) as clock:
        people.add_contact("Alan Turing", birthday=(1912, 11, 30))
        app = app_with_a_fast_day_check(db_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert header_day(app) == "Fri 27 Nov 2026"
            assert any("birthday in 3 days" in line for line in upcoming_text(app))
            clock.move_to("2026-11-28 00:00:30 +00:00")
            await wait_for(pilot, lambda: header_day(app) == "Sat 28 Nov 2026")
            await wait_for(pilot, lambda: any("in 2 days" in line
                                              for line in upcoming_text(app)))
            assert header_day(app) == "Sat 28 Nov 2026"
            assert any("birthday in 2 days" in line for line in upcoming_text(app))


async def test_the_header_uses_the_date_format_setting(home, db, db_path):
    (home / "config").mkdir()
    (home / "config" / "config.toml").write_text('date_format = "iso"\n', encoding="utf-8")
    with time_machine.travel("2026-12-31 23:59:30 +00:00", tick=False) as clock:
        app = app_with_a_fast_day_check(db_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert header_day(app) == "2026-12-31"
            clock.move_to(pendulum.datetime(2027, 1, 1, 0, 0, 30, tz="UTC"))
            await wait_for(pilot, lambda: header_day(app) == "2027-01-01")
            assert header_day(app) == "2027-01-01"


def timers_of(app) -> list:
    nodes = [app, *app.screen_stack]
    for screen in app.screen_stack:
        nodes.extend(screen.walk_children(with_self=False))
    return [timer for node in nodes for timer in node._timers]


async def test_no_timer_of_ours_fires_more_than_once_a_minute(home, db, db_path):
    with time_machine.travel("2026-11-27 10:00 +00:00", tick=False):
        people.add_contact("Ada Lovelace")
        app = make_app(str(db_path), watch=True)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            ours = {}
            for timer in timers_of(app):
                function = getattr(timer._callback, "__func__", timer._callback)
                if getattr(function, "__module__", "").startswith("connecttui"):
                    ours[function.__name__] = timer._interval  # Textual's own are left out
            lookout = (app.lookout.running, app.lookout.every)
    assert ours == {"_check_day": 60}  # the two-second look is a thread: it never wakes the UI
    assert lookout == (True, WATCH_SECONDS)
    assert WATCH_SECONDS == 2.0  # the change watcher: one tiny PRAGMA data_version
