"""The six practices' keys in the TUI (issue 3), driven only with keys.

As in test_main_flows.py: build the data with the core API, start the real app on that file,
press keys as a user would, then check what is STORED (the models) and what is SHOWN (the
rows of a list, the briefing's text, the notifications), so a screen that looks right but
stores the wrong thing fails, and so does a store that the screen does not show.
"""

from __future__ import annotations

import pendulum
import time_machine
from helpers.tui import pane, run_palette, settle
from textual.widgets import Input, Static

from connecttui.core import cards, facts, gifts, occasions, people, planning
from connecttui.core.store.models import (
    Contact,
    Fact,
    FamilyMember,
    Gift,
    HolidayCard,
    OpenLoop,
    Snooze,
    Touch,
    TouchContact,
)
from connecttui.tui.modals.confirm import Confirm
from connecttui.tui.modals.log_touch import LogTouch
from connecttui.tui.modals.loop_done import LoopDone
from connecttui.tui.modals.snooze import SnoozeForm
from connecttui.tui.screens.briefing import BriefingScreen
from connecttui.tui.screens.cards import CardsScreen
from connecttui.tui.screens.help import HelpScreen
from connecttui.tui.screens.main import MainScreen
from connecttui.tui.widgets.kinds import KindPicker

SIZE = (120, 36)
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")
"""The frozen moment: Friday 27 Nov 2026, 10:00 in London."""


def suggestions(app) -> list[tuple[str, str]]:
    return [(item.kind, item.snooze_ref) for item in pane(app, "upcoming").rows]


def card_text(app) -> str:
    return str(app.screen.query_one("#card", Static).visual)


def links(touch_id: int) -> set[int]:
    return {link.contact_id for link in TouchContact.select().where(TouchContact.touch == touch_id)}


def notices(app) -> list[tuple[str, str]]:
    return [(n.message, n.severity) for n in app._notifications]


async def focus_suggestion(app, pilot, kind: str, ref: str) -> None:
    """Focus Upcoming and move the cursor down to the suggestion (kind, ref)."""
    await pilot.press("3")
    upcoming = pane(app, "upcoming")
    for _ in range(len(upcoming.rows)):
        if (upcoming.current.kind, upcoming.current.snooze_ref) == (kind, ref):
            return
        await pilot.press("j")
    raise AssertionError(f"no {kind} {ref} in Upcoming: {suggestions(app)}")


# ----- z: snooze ------------------------------------------------------------------------
async def test_z_snoozes_the_highlighted_suggestion(app_on, today):
    ada = people.add_contact("Ada Lovelace", birthday=(None, 11, 30))
    grace = people.add_contact("Grace Hopper")
    loop = planning.add_open_loop(grace.id, "send the book", today)
    birthday = occasions.coming(today, contact_id=ada.id)[0].occasion_id
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert ("occasion", str(birthday)) in suggestions(app)
        await focus_suggestion(app, pilot, "occasion", str(birthday))

        await pilot.press("z")
        assert isinstance(app.screen, SnoozeForm)
        await pilot.press("escape")
        await settle(app, pilot)
        assert Snooze.select().count() == 0
        assert ("occasion", str(birthday)) in suggestions(app)

        await pilot.press("z", "7")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        snoozed = Snooze.get()
        assert (snoozed.kind, snoozed.ref) == ("occasion", str(birthday))
        assert snoozed.until == pendulum.Date(2026, 12, 4)
        assert ("occasion", str(birthday)) not in suggestions(app)
        assert ("loop", str(loop.id)) in suggestions(app)


async def test_z_1_snoozes_for_14_days(app_on, today):
    grace = people.add_contact("Grace Hopper")
    loop = planning.add_open_loop(grace.id, "send the book", today)
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await focus_suggestion(app, pilot, "loop", str(loop.id))
        await pilot.press("z", "1")
        await settle(app, pilot)

        snoozed = Snooze.get()
        assert (snoozed.kind, snoozed.ref, snoozed.until) == (
            "loop", str(loop.id), pendulum.Date(2026, 12, 11),
        )
        assert suggestions(app) == []
        assert OpenLoop.get_by_id(loop.id).done_at is None


# ----- x: done, with a note -----------------------------------------------------------
async def test_x_with_a_note_logs_a_touch_and_closes_the_loop(app_on, today, frozen):
    ada = people.add_contact("Ada Lovelace")
    loop = planning.add_open_loop(ada.id, "ask how the interview went", today)
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await focus_suggestion(app, pilot, "loop", str(loop.id))
        await pilot.press("x")
        assert isinstance(app.screen, LoopDone)
        assert "ask how the interview went" in str(app.screen.query_one("#title").visual)
        await pilot.press(*"she got the job", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        assert OpenLoop.get_by_id(loop.id).done_at == frozen
        touch = Touch.get()
        assert (touch.note, touch.at) == ("she got the job", frozen)
        assert links(touch.id) == {ada.id}
        assert ("loop", str(loop.id)) not in suggestions(app)
        assert [row.note for row in pane(app, "timeline").rows] == ["she got the job"]


async def test_x_then_escape_changes_nothing(app_on, today):
    ada = people.add_contact("Ada Lovelace")
    loop = planning.add_open_loop(ada.id, "send the book", today)
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await focus_suggestion(app, pilot, "loop", str(loop.id))
        await pilot.press("x", *"not yet", "escape")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        assert OpenLoop.get_by_id(loop.id).done_at is None
        assert Touch.select().count() == 0
        assert ("loop", str(loop.id)) in suggestions(app)


# ----- briefing keys: f m g c ------------------------------------------------------------
async def test_briefing_f_adds_a_need_with_tags(app_on):
    ada = people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen)

        await pilot.press("f", "n", *"a tax adviser", "tab", *"Tax, money", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, BriefingScreen)
        fact = Fact.get()
        assert (fact.contact_id, fact.kind, fact.text, fact.tags) == (
            ada.id, "need", "a tax adviser", "tax,money",
        )
        text = card_text(app)
        assert "a tax adviser" in text
        assert "#tax" in text


async def test_briefing_m_adds_a_child_whose_age_is_shown(app_on):
    ada = people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("m", "c", *"Leo", "tab", *"2017", "tab", *"football", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, BriefingScreen)
        member = FamilyMember.get()
        assert (member.contact_id, member.relation, member.name, member.birth_year,
                member.activities) == (ada.id, "child", "Leo", 2017, "football")
        assert "Leo, 9, football" in card_text(app)


async def test_briefing_m_refuses_a_bad_year_and_stores_nothing(app_on):
    people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("m", "p", *"Sam", "tab", *"2099", "enter")
        await settle(app, pilot)

        assert "between" in str(app.screen.query_one("#error").visual)
        assert FamilyMember.select().count() == 0
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert FamilyMember.select().count() == 0
        assert "Sam" not in card_text(app)


async def test_briefing_g_given_twice_warns_and_stores_both(app_on, today):
    ada = people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("g", "g", *"a fountain pen", "enter")
        await settle(app, pilot)
        assert not [n for n in notices(app) if n[1] == "warning"]

        await pilot.press("g", "g", *"Fountain pen!", "enter")
        await settle(app, pilot)

        stored = list(Gift.select().order_by(Gift.id))
        assert [(g.contact_id, g.status, g.text, g.on) for g in stored] == [
            (ada.id, "given", "a fountain pen", today), (ada.id, "given", "Fountain pen!", today),
        ]
        warnings = [message for message, severity in notices(app) if severity == "warning"]
        assert len(warnings) == 1
        assert "already gave" in warnings[0] and "a fountain pen" in warnings[0]
        assert "Fountain pen!" in card_text(app)


async def test_briefing_g_idea_for_an_occasion(app_on):
    ada = people.add_contact("Ada Lovelace", birthday=(1986, 12, 10))
    birthday = occasions.coming(pendulum.Date(2026, 11, 27), contact_id=ada.id)[0].occasion_id
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("g", "i", *"a scarf", "tab", "b", "enter")
        await settle(app, pilot)

        gift = Gift.get()
        assert (gift.status, gift.text, gift.occasion_id, gift.on) == (
            "idea", "a scarf", birthday, None,
        )
        assert "a scarf  (for birthday)" in card_text(app)


async def test_briefing_c_toggles_this_years_card(app_on):
    ada = people.add_contact("Ada Lovelace")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "not on this year's list" in card_text(app)

        await pilot.press("c")
        await settle(app, pilot)
        card = HolidayCard.get()
        assert (card.contact_id, card.year, card.sent_at) == (ada.id, 2026, None)
        assert "on this year's list · not sent yet" in card_text(app)

        await pilot.press("c")
        await settle(app, pilot)
        assert HolidayCard.select().count() == 0
        assert "not on this year's list" in card_text(app)


# ----- introductions ---------------------------------------------------------------------
async def test_palette_introduce_logs_an_intro_with_two_people(app_on):
    ada = people.add_contact("Ada Lovelace")
    grace = people.add_contact("Grace Hopper")
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert pane(app, "contacts").current.id == ada.id
        await run_palette(app, pilot, "Introduce", "Introduce")

        assert isinstance(app.screen, LogTouch)
        assert app.screen.query_one("#kind", KindPicker).kind == "intro"
        assert app.focused.id == "who"
        await pilot.press(*"Grace", "shift+tab", *"you both build compilers", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        touch = Touch.get()
        assert (touch.kind, touch.note, touch.initiator) == (
            "intro", "you both build compilers", "out",
        )
        assert links(touch.id) == {ada.id, grace.id}


async def test_enter_on_an_intro_suggestion_logs_the_introduction(app_on):
    frances = people.add_contact("Frances Allen")
    omar = people.add_contact("Omar Khayyam")
    need = facts.add_fact(frances.id, "need", "a tax adviser", "tax")
    offer = facts.add_fact(omar.id, "offer", "knows tax law", "tax")
    ref = f"{need.id}:{offer.id}"
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await focus_suggestion(app, pilot, "intro", ref)
        await pilot.press("enter")
        await settle(app, pilot)

        assert isinstance(app.screen, LogTouch)
        assert app.screen.query_one("#kind", KindPicker).kind == "intro"
        assert app.focused.id == "note"
        await pilot.press(*"over coffee", "enter")
        await settle(app, pilot)

        assert isinstance(app.screen, MainScreen)
        touch = Touch.get()
        assert (touch.kind, touch.note) == ("intro", "over coffee")
        assert links(touch.id) == {frances.id, omar.id}
        assert ("intro", ref) not in suggestions(app)


# ----- holiday cards ----------------------------------------------------------------------
async def test_holiday_cards_screen_ticks_sent_and_removes(app_on, frozen):
    ada = people.add_contact("Ada Lovelace", address="12 St James's Square, London")
    grace = people.add_contact("Grace Hopper")
    ada_card = cards.add_card(ada.id, 2026)
    grace_card = cards.add_card(grace.id, 2026)
    cards.add_card(grace.id, 2025)
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await run_palette(app, pilot, "Holiday cards", "Holiday cards")
        assert isinstance(app.screen, CardsScreen)
        rows = app.screen.query_one("#cards").rows
        assert [(row.name, row.address, row.sent) for row in rows] == [
            ("Ada Lovelace", "12 St James's Square, London", False), ("Grace Hopper", "", False),
        ]

        await pilot.press("x")
        await settle(app, pilot)
        assert HolidayCard.get_by_id(ada_card.id).sent_at == frozen
        await pilot.press("j", "space")
        await settle(app, pilot)
        assert HolidayCard.get_by_id(grace_card.id).sent_at == frozen
        await pilot.press("space")
        await settle(app, pilot)
        assert HolidayCard.get_by_id(grace_card.id).sent_at is None
        assert [row.sent for row in app.screen.query_one("#cards").rows] == [True, False]

        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(app, pilot)
        assert HolidayCard.get_or_none(HolidayCard.id == grace_card.id) is None
        assert HolidayCard.select().where(HolidayCard.year == 2025).count() == 1
        assert [row.name for row in app.screen.query_one("#cards").rows] == ["Ada Lovelace"]

        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


# ----- contact form: address ---------------------------------------------------------------
async def test_contact_form_stores_the_address(app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a", *"Barbara Liskov")
        for _ in range(7):
            await pilot.press("tab")
        assert app.focused.id == "address"
        await pilot.press(*"545 Technology Square, Cambridge MA", "enter")
        await settle(app, pilot)

        barbara = Contact.get()
        assert (barbara.name, barbara.address) == (
            "Barbara Liskov", "545 Technology Square, Cambridge MA",
        )

        await pilot.press("e")
        assert app.screen.query_one("#address", Input).value == barbara.address
        await pilot.press("escape")


# ----- notifications -----------------------------------------------------------------------
async def test_start_announces_todays_birthday_and_lead_times_once(app_on, today):
    people.add_contact("Ada Lovelace", birthday=(1986, 11, 27))
    grace = people.add_contact("Grace Hopper")
    occasions.add_occasion(grace.id, "birthday", 12, 7, lead_days=10)
    alan = people.add_contact("Alan Turing", birthday=(None, 12, 8))
    gifts.add_gift(alan.id, "a chess set", "idea",
                   occasion_id=occasions.coming(today, contact_id=alan.id)[0].occasion_id)
    people.add_contact("Resting Rita", circle="resting", birthday=(None, 11, 27))
    app = app_on()
    sent: list[str] = []
    notify = app.notify

    def recording(message, **options):
        if options.get("title") != "Weekly review":  # Friday's prompt: test_review_flow.py
            sent.append(message)
        notify(message, **options)

    app.notify = recording  # every notification, even after its toast has expired
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Ada Lovelace's birthday today (turns 40)" in [m for m, _ in notices(app)]
        assert sent[0] == "Ada Lovelace's birthday today (turns 40)"
        assert sent[1].startswith("Grace Hopper's birthday in 10 days")
        assert len(sent) == 2  # not Rita (resting), not the chess set (its lead starts tomorrow)

        app.announce()  # again the same day: nothing new
        await settle(app, pilot)
        assert len(sent) == 2

        with time_machine.travel("2026-11-28 10:00 +00:00", tick=False):
            app._check_day()
            await settle(app, pilot)
        assert sent[2:] == ["Alan Turing's birthday in 10 days: gift idea: a chess set"]


async def test_many_occasions_today_make_one_toast_not_a_wall(app_on, today):
    names = ["Ada Lovelace", "Alan Turing", "Barbara Liskov", "Grace Hopper", "Linus Pauling"]
    for name in names:
        people.add_contact(name, birthday=(None, 11, 27))
    app = app_on()
    sent: list[str] = []
    notify = app.notify

    def recording(message, **options):
        if options.get("title") == "Today":
            sent.append(message)
        notify(message, **options)

    app.notify = recording
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
    assert len(sent) == 1
    assert sent[0] == ("Ada Lovelace's birthday today; Alan Turing's birthday today; "
                       "and 3 more: see 3 Upcoming")


# ----- help --------------------------------------------------------------------------------
async def test_help_lists_the_new_keys(app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).visual)
        main = text.split("Main screen", 1)[1].split("\n\n", 1)[0]
        keys = {line.split()[0]: line.lower() for line in main.strip().splitlines()}
        assert "snooze" in keys["z"]
        assert "note" in keys["x"]
        brief = text.split("Briefing", 1)[1].split("\n\n", 1)[0]
        keys = {line.split()[0]: line.lower() for line in brief.strip().splitlines()}
        assert "fact" in keys["f"] and "family" in keys["m"] and "gift" in keys["g"]
        assert "holiday card" in keys["c"]
        assert "Holiday cards" in text
