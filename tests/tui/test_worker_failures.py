"""A reader or a writer that fails in its thread is never silent (issue 15).

The failures are real: another sqlite3 connection renames a table the next read needs
while the app is open (as a damaged or half-migrated file would), a calendar file whose
folder is a plain file, a backups folder that is a plain file. The app then tells in one
line, appends the traceback to its private log under the state folder, and the pane that
could not be read says so (never "Nothing needs you"), until a read of it succeeds; the
other reads go on.
"""

from __future__ import annotations

import sqlite3
import stat

from helpers.tui import pane, settle

from connecttui.core import clock, people, planning, touches
from connecttui.settings import paths
from connecttui.tui import failures
from connecttui.tui.app import make_app

SIZE = (120, 36)


def notices(messages: list) -> list[str]:
    return [m.notification.message for m in messages if type(m).__name__ == "Notify"]


def line(widget, y: int) -> str:
    return "".join(segment.text for segment in widget.render_line(y))


def shown(widget, lines: int = 3) -> str:
    """What a list draws on its first lines, as one line of words."""
    return " ".join(" ".join(line(widget, y) for y in range(lines)).split())


def title(app, name: str) -> str:
    return str(app.screen.query_one(f"#{name}-pane").border_title)


def rename(db_path, old: str, new: str) -> None:
    """Another connection, outside the app, renames a table (committed at once)."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(f'ALTER TABLE "{old}" RENAME TO "{new}"')
        conn.commit()
    finally:
        conn.close()


def logged() -> str:
    log = paths.error_log()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    return log.read_text(encoding="utf-8")


async def test_a_failed_upcoming_read_says_so_instead_of_nothing_needs_you(app_on, db_path):
    touches.log_touch([people.add_contact("Ada Lovelace").id], "call", note="today")
    messages: list = []
    app = app_on()
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        upcoming = pane(app, "upcoming")
        assert line(upcoming, 0).startswith(" Nothing needs you")
        assert not paths.error_log().exists()

        rename(db_path, "openloop", "openloop_away")
        people.add_contact("Grace Hopper")  # read by the contacts reader, which still works
        app.refresh_data()
        await settle(app, pilot)

        told = [n for n in notices(messages) if n.startswith("Upcoming could not be read")]
        assert len(told) == 1, notices(messages)
        assert "no such table: openloop" in told[0] and "\n" not in told[0]
        assert str(paths.error_log()) in told[0]
        assert "Nothing needs you" not in shown(upcoming)
        assert shown(upcoming).startswith("Could not be read: no such table: openloop")
        assert title(app, "upcoming").endswith("could not be read")
        # the failed read did not stall the queue: the contacts were read and shown
        assert [row.name for row in pane(app, "contacts").rows] == ["Ada Lovelace",
                                                                    "Grace Hopper"]
        assert title(app, "contacts") == "1 Contacts (2)"
        text = logged()
        assert "worker upcoming/" in text and "Traceback" in text
        assert "no such table: openloop" in text

        people.add_contact("Alan Turing")  # the next reads go ahead after the failed one
        app.refresh_data()
        await settle(app, pilot)
        assert len(pane(app, "contacts").rows) == 3
        assert len([n for n in notices(messages) if n.startswith("Upcoming")]) == 1  # once
        assert shown(upcoming).startswith("Could not be read")

        rename(db_path, "openloop_away", "openloop")
        app.refresh_data()
        await settle(app, pilot)
        assert title(app, "upcoming") == "3 Upcoming (0)"
        assert line(upcoming, 0).startswith(" Nothing needs you")
        assert app.is_running


async def test_rows_that_could_not_be_read_again_stay_but_are_marked(app_on, db_path, today):
    ada = people.add_contact("Ada Lovelace")
    touches.log_touch([ada.id], "call", note="today")
    loop = planning.add_open_loop(ada.id, "send the book", today.add(days=3))
    messages: list = []
    app = app_on()
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        assert [item.ref_id for item in pane(app, "upcoming").rows] == [loop.id]

        rename(db_path, "touchcontact", "touchcontact_away")  # timeline and upcoming
        app.refresh_data()
        await settle(app, pilot)
        assert any(n.startswith("The timeline could not be read") for n in notices(messages))
        assert title(app, "timeline") == "2 Timeline · Ada Lovelace · could not be read"
        assert [row.note for row in pane(app, "timeline").rows] == ["today"]  # kept, marked

        rename(db_path, "touchcontact_away", "touchcontact")
        app.refresh_data()
        await settle(app, pilot)
        assert title(app, "timeline") == "2 Timeline · Ada Lovelace"
        assert title(app, "upcoming") == "3 Upcoming (1)"


async def test_a_failed_calendar_rewrite_is_told_and_logged(home, db, db_path, frozen):
    blocker = home / "not-a-folder"
    blocker.write_text("a file where the calendar's folder should be\n", encoding="utf-8")
    (home / "config").mkdir()
    (home / "config" / "config.toml").write_text(
        f'ics_path = "{blocker / "connecttui.ics"}"\n', encoding="utf-8")
    people.add_contact("Ada Lovelace")
    messages: list = []
    app = make_app(str(db_path), watch=False)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        app.refresh_data()  # a change: the calendar file is written again
        await settle(app, pilot)
        told = [n for n in notices(messages)
                if n.startswith("The calendar file (ics_path) could not be written")]
        assert len(told) == 1, notices(messages)
        assert "File exists" in told[0]
        assert "FileExistsError" in logged()
        assert app.is_running


async def test_a_failed_daily_backup_is_told_and_logged(home, db, db_path, frozen):
    people.add_contact("Ada Lovelace")
    paths.data_dir(create=True)
    paths.backups_dir().write_text("a file where the backups folder should be\n")
    messages: list = []
    app = make_app(str(db_path), watch=False)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(app, pilot)
        told = [n for n in notices(messages) if n.startswith("Today's backup could not be made")]
        assert len(told) == 1, notices(messages)
        assert "worker backup/" in logged()
        assert clock.today() == frozen.date()


def test_the_log_stays_bounded(home):
    error = ValueError("x" * 1000)
    for _ in range(2 * failures.LOG_LIMIT // 1000 + 10):
        failures.log("a test", error)
    log = paths.error_log()
    older = log.with_name(log.name + ".1")
    assert older.exists() and stat.S_IMODE(older.stat().st_mode) == 0o600
    assert log.stat().st_size <= failures.LOG_LIMIT + 4096
    assert older.stat().st_size <= failures.LOG_LIMIT + 4096
