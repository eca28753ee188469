"""The command palette (`ctrl+p`): every action, and "jump to contact" for each person."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from connecttui.core.store.db import DB_ERRORS, reading
from connecttui.core.store.models import Contact
from connecttui.core.text import one_line

ACTIONS = (
    ("Log a touch", "log", "Log a call, coffee, message... with the highlighted contact"),
    ("Add a contact", "add", "Add a person you care about"),
    ("Edit contact", "edit", "Edit the highlighted contact"),
    ("Search", "search", "Search contacts, notes and touches"),
    ("Plan: add an open loop", "plan", "A dated follow-up with the highlighted contact"),
    ("Add an occasion", "occasion", "Birthday, anniversary or a named yearly date"),
    ("Open briefing", "briefing", "The highlighted contact's card"),
    ("Introduce…", "introduce",
     "Log an introduction: the highlighted contact and the people you connected them with"),
    ("Snooze suggestion", "snooze(True)",
     "Put the suggestion highlighted in Upcoming aside for 3, 7 or 14 days"),
    ("Weekly review", "review",
     "The Friday review: this week, drifting, coming up, open loops, commitments (r)"),
    ("Plan the week", "plan_week",
     "The next seven days by day; move open loops and commitments with < and >"),
    ("Import a file…", "import_file",
     "vCards, a Google CSV or a Monica export: preview what is added, merged and skipped"),
    ("Holiday cards", "cards", "This year's card list with addresses: tick them off as sent"),
    ("Circles", "circles",
     "Name your circles, their keep-in-touch windows, which one rests, and their order"),
    ("Delete", "delete", "Delete the highlighted item, after a confirmation"),
    ("Mark as deceased…", "deceased",
     "The highlighted contact has died: kept in search and timelines, never drifting or "
     "suggested again (u undoes it)"),
    ("Not deceased…", "not_deceased",
     "Clear the highlighted contact's deceased mark, put on by mistake"),
    ("Mark open loop done", "done(True)",
     "Close the open loop highlighted in Upcoming, with an optional note (x)"),
    ("Undo", "undo", "Undo the last change (u)"),
    ("Privacy blur", "app.toggle_blur",
     "Hide notes, facts and family details while sharing the screen, or show them (b)"),
    ("Help: every key", "app.help", "Show every key"),
)


def _contact_names() -> list[tuple[int, str]]:
    with reading():
        return list(Contact.select(Contact.id, Contact.name).order_by(Contact.name).tuples())


class ConnectCommands(Provider):
    """Actions of the main screen plus one "Jump to" command per contact."""

    async def startup(self) -> None:
        """The names for "Jump to"; when they can't be read (the database away) the actions
        stay and a notice says why: Textual would log the error and offer no commands."""
        try:
            self.contacts = await asyncio.to_thread(_contact_names)
        except DB_ERRORS as error:
            self.contacts = []
            self.app.failures.cannot(error, "Jump to contact")

    def _main(self):
        from connecttui.tui.screens.main import MainScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

    async def _run(self, action: str) -> None:
        main = self._main()
        here = self.app.screen
        if action.startswith("app."):
            await self.app.run_action(action)
        elif action in getattr(here, "PALETTE_HERE", ()):  # the briefing's own contact
            await here.run_action(action)
        elif main is not None:
            while self.app.screen is not main:
                self.app.pop_screen()
            await main.run_action(action)

    def _jump(self, contact_id: int) -> None:
        main = self._main()
        if main is not None:
            while self.app.screen is not main:
                self.app.pop_screen()
            main.jump_to(contact_id)

    def _commands(self):
        for title, action, help_text in ACTIONS:
            yield title, partial(self._run, action), help_text
        for contact_id, name in self.contacts:
            yield f"Jump to {one_line(name)}", partial(self._jump, contact_id), "Contact"

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, self._highlight(matcher, title), callback, text=title,
                          help=help_text)

    @staticmethod
    def _highlight(matcher, title: str) -> Content:
        """Matcher.highlight parses its text as markup; a name must stay plain text."""
        content = Content(title)
        _, offsets = matcher.fuzzy_search.match(matcher.query, title)
        for offset in offsets:
            content = content.stylize(matcher.match_style, offset, offset + 1)
        return content
