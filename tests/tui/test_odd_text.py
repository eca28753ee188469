"""Odd text, stored exactly and shown without breaking the layout.

A name of 100 KB, a name made only of combining marks, Arabic and Hebrew (right to left),
emoji built from zero-width-joiner sequences and flags, and a 100 KB note with all of them:
each is read back from the database exactly as written; the main screen draws every line
of every list at exactly the list's width (a line that came out longer or shorter would
push the panes out of place); the briefing opens and draws every screen line at the
screen's width; the log dialog shows the person in its who field and logs with them; and
`connecttui show` prints each one, in a subprocess, without an error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.tui import settle
from textual.widgets import Input, Static

from connecttui.core import occasions, people, touches
from connecttui.core.store.models import Contact, Touch, TouchContact
from connecttui.core.text import one_line
from connecttui.tui.app import make_app
from connecttui.tui.modals.log_touch import LogTouch
from connecttui.tui.screens.briefing import BriefingScreen
from connecttui.tui.screens.main import MainScreen
from connecttui.tui.widgets.rowlist import RowList

ROOT = Path(__file__).resolve().parents[2]
SIZE = (120, 36)
KB100 = 100 * 1024

MIX = "Ada محمد שרה e\u0301 👩\u200d👩\u200d👧\u200d👦 🇨🇺 ﷽ ｗｉｄｅ "
LONG_NAME = ("Longname " + MIX * (KB100 // len(MIX) + 1))[: KB100 - 1] + "."
LONG_NOTE = "\n".join(f"line {n}: {MIX}" for n in range(KB100 // 40))[: KB100 - 1] + "."
MARKS = "\u0301\u0308\u0327\u20dd\u0361"  # combining marks and nothing to combine with
ARABIC = "محمد بن علي"
HEBREW = "\u200fשרה כהן"
EMOJI = "👩\u200d👩\u200d👧\u200d👦 Family 🏳️\u200d🌈 🇨🇺"

ODD = {  # name: (nicknames, notes, what to type to find them)
    LONG_NAME: ("", LONG_NOTE, "Longname"),
    MARKS: ("marks", "", "marks"),
    ARABIC: ("", "ملاحظة", ARABIC),
    HEBREW: ("", "", HEBREW),
    EMOJI: ("", "🎉\u200d", EMOJI),
}


@pytest.fixture
def odd(db, frozen) -> dict[str, int]:
    """The odd contacts (name -> id), a touch each with an odd note, a coming birthday;
    the long one's touch has the 100 KB note, and they share one with the emoji one."""
    ids = {}
    for index, (name, (nicknames, notes, _)) in enumerate(ODD.items()):
        contact = people.add_contact(name, nicknames=nicknames, notes=notes, ideal_days=7,
                                     why_care=name[:200])
        ids[name] = contact.id
        touches.log_touch([contact.id], "call", at=frozen.subtract(days=10 + index),
                          note=LONG_NOTE if name == LONG_NAME else f"{name} {MIX}")
        occasions.add_occasion(contact.id, "birthday", 11, 28 + index % 3)
    touches.log_touch([ids[LONG_NAME], ids[EMOJI]], "together", at=frozen.subtract(days=1),
                      note=MIX)
    return ids


def test_odd_text_is_stored_exactly(odd):
    for name, (nicknames, notes, _) in ODD.items():
        contact = Contact.get_by_id(odd[name])
        assert (contact.name, contact.nicknames, contact.notes) == (name, nicknames, notes)
    assert len(LONG_NAME) == len(LONG_NOTE) == KB100
    notes = {touch.note for touch in Touch.select()}
    assert LONG_NOTE in notes and MIX in notes


def check_lists(app) -> dict[str, list[str]]:
    """Every line of every list, drawn at exactly the list's width; returns their text."""
    drawn = {}
    for rowlist in app.screen.query(RowList):
        width = rowlist.scrollable_content_region.width
        assert 0 < width <= rowlist.size.width
        lines = []
        for y in range(rowlist.size.height):
            strip = rowlist.render_line(y)
            assert strip.cell_length == width, (rowlist.id, y)
            lines.append(strip.text)
        drawn[rowlist.id] = lines
    return drawn


def check_screen(app) -> str:
    """Every line the screen sends to the terminal is exactly the screen's width."""
    strips = app.screen._compositor.render_strips()
    assert len(strips) == SIZE[1]
    assert all(strip.cell_length == SIZE[0] for strip in strips)
    return "\n".join(strip.text for strip in strips)


async def walk_to(app, pilot, contacts: RowList, contact_id: int) -> None:
    """Move the cursor with j/k to a contact (a touch logged may have reordered the list)."""
    steps = contacts.index_of(contact_id) - contacts.cursor
    if steps:
        await pilot.press(*(["j"] * steps if steps > 0 else ["k"] * -steps))
        await settle(app, pilot)
    assert contacts.current.id == contact_id


async def test_main_screen_briefing_and_log_dialog_hold_odd_text(odd, db_path, frozen):
    app = make_app(str(db_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        drawn = check_lists(app)
        check_screen(app)
        assert {row.id for row in app.screen.query_one("#contacts", RowList).rows} == set(
            odd.values())
        contact_lines = drawn["contacts"]
        for name in (ARABIC, EMOJI):  # short enough to be shown whole
            assert any(one_line(name) in line for line in contact_lines), name
        assert any(" Longname Ada" in line and "…" in line for line in contact_lines)
        timeline = "\n".join(drawn["timeline"])
        assert "line 0: Ada محمد" in timeline and "together" in timeline
        assert any("birthday" in line for line in drawn["upcoming"])

        contacts = app.screen.query_one("#contacts", RowList)
        await pilot.press("home")
        for name in sorted(odd, key=lambda n: contacts.index_of(odd[n])):  # top to bottom
            await walk_to(app, pilot, contacts, odd[name])
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, BriefingScreen)
            card = str(app.screen.query_one("#card", Static).visual)
            assert name in card
            notes = ODD[name][1]
            assert all(line in card for line in notes.splitlines()[:3])
            check_screen(app)
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, MainScreen)

            await pilot.press("l")
            await settle(app, pilot)
            assert isinstance(app.screen, LogTouch)
            assert app.screen.query_one("#who", Input).value == name
            check_screen(app)
            if name in (LONG_NAME, MARKS):  # log with them: the who field is used as is
                await pilot.press("m", *"hi", "enter")
            else:
                await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, MainScreen)
        check_lists(app)

    logged = Touch.select().where(Touch.kind == "message").order_by(Touch.id)
    assert [[link.contact_id for link in TouchContact.select().where(
        TouchContact.touch == touch.id)] for touch in logged] == [[odd[LONG_NAME]], [odd[MARKS]]]
    for name in ODD:  # nothing was changed by showing it
        assert Contact.get_by_id(odd[name]).name == name


def test_show_prints_odd_text(odd, db_path, home):
    """`connecttui show` for each of them, all at once (each is its own process)."""
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London",
           "PYTHONIOENCODING": "utf-8"}
    env.pop("CONNECTTUI_DB", None)
    runs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "connecttui", "show", typed, "--db", str(db_path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
        )
        for name, (_, _, typed) in ODD.items()
    }
    for name, run in runs.items():
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err.decode("utf-8", "replace")[:300]
        assert err == b""
        lines = out.decode("utf-8").splitlines()
        nicknames, notes, _ = ODD[name]
        assert lines[0].startswith(name + (f" ({nicknames})" if nicknames else ""))
        if notes:
            assert lines[lines.index("Notes:") + 1:] == [f"  {line}" for line in
                                                         notes.splitlines()]
