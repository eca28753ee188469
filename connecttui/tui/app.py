"""ConnectApp: the TUI face on the core. It opens the database, shows the main screen,
and keeps it current (other processes' writes, the turn of the day) without busy timers.
On start and at each new day it announces the day's occasions and the lead times that start
(one notification each, at most once a day), and on Friday offers the weekly review.

Nothing fails silently or ends the app (tui/failures.py): one Worker.StateChanged handler
tells of any worker that failed, and `run_action`, which every key, palette command and
button goes through, turns a database that fails under it (a server gone) into a notice."""

from __future__ import annotations

import asyncio
import sys
from typing import ClassVar

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.worker import Worker

from connecttui.core import clock
from connecttui.core.store.db import DB_ERRORS, ChangeWatcher, close_db, open_db, reading
from connecttui.settings import config
from connecttui.tui import compat
from connecttui.tui.commands import ConnectCommands
from connecttui.tui.failures import Failures
from connecttui.tui.gc_pacing import GcPacer
from connecttui.tui.key_order import KeysInOrder
from connecttui.tui.lookout import Lookout
from connecttui.tui.messages import DataChanged
from connecttui.tui.themes import apply_theme, save_theme

MAX_TOASTS = 3
"""Start-up notices shown one by one; more than this (dozens on a day at 10k contacts) come
as one toast naming the first few and how many more there are."""
READ_ONLY_WORKERS = frozenset({"contacts", "timeline", "upcoming", "notices", "keymap",
                               "log-who", "search"})
"""Worker groups that only read: quitting may abandon them mid-read (see action_quit)."""

SWITCH_INTERVAL = 0.001
"""How long a thread may hold the interpreter lock while another waits (Python's default:
5 ms). A frame is written by Textual's output thread while our reader threads (Upcoming:
100 ms of Python at 10k) run; at 5 ms each write of the frame waited up to a slice for the
lock: the frame after the log dialog's `enter` reached the terminal 4-14 ms after it was
drawn (the log dialog's `enter` to shown, benchmarks/probe.py, two alternating runs of six:
35-37 -> 27-28 ms median)."""


class ConnectApp(KeysInOrder, App):
    TITLE = "connecttui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ConnectCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar = [
        Binding("q", "quit", "quit", id="app.quit", tooltip="Quit"),
        Binding("question_mark", "help", "help", key_display="?", id="app.help",
                tooltip="Help: every key"),
        Binding("ctrl+p", "command_palette", "palette", key_display="^p", id="app.palette",
                show=False, tooltip="Command palette: every action and jump to contact"),
    ]

    blurred: reactive[bool] = reactive(False, init=False)
    """The privacy blur (`b`): notes, facts and family details show as "•••" everywhere."""

    def __init__(self, db_path: str, *, demo: bool = False, watch: bool = True) -> None:
        super().__init__()
        config.hand_to_core()  # the core's policy and time zone come from the settings
        self._init_key_order()
        self.db_path = db_path
        self.demo = demo
        self.watch = watch
        self.watcher: ChangeWatcher | None = None
        self.gc_pacer = GcPacer()
        """Full garbage collections in the user's pauses (from the first frame on)."""
        self.lookout = Lookout(self)
        """The two-second look for other processes' writes, on its own thread."""
        self.failures = Failures(self)
        """Tells of what failed: a worker, or the database under a key (tui/failures.py)."""
        self.day = None
        self.announced: set[tuple] = set()
        """(day, what, id) of every notice already shown: each one at most once a day."""
        if demo:
            self.sub_title = "demo"
        settings = config.load()
        self.setting_problems = list(settings.problems) + apply_theme(self, settings)
        """What is wrong in config.toml, each naming its line: shown once the app is up."""
        self._kept_theme = self.theme
        if settings.keys:
            self.set_keymap(settings.keys)  # checked in check_keymap, off the startup path

    def on_mount(self) -> None:
        from connecttui.tui.screens.main import MainScreen

        sys.setswitchinterval(SWITCH_INTERVAL)
        open_db(self.db_path)
        self.day = clock.today()
        if self.watch:
            self.watcher = ChangeWatcher(self.db_path)
            if self.watcher.pushes:  # PostgreSQL tells (LISTEN): nothing is polled
                from connecttui.tui.live import follow_server

                follow_server(self)
        self.lookout.start()
        self.set_interval(60, self._check_day)
        self.screen_change_signal.subscribe(self, self._mark_blurred)
        self.blurred = config.load().start_blurred
        self.theme_changed_signal.subscribe(self, self._keep_theme)
        self._background_started = False
        # Pushed once Textual's start-up batch is over (call_later: the next turn of the
        # app's queue), not from inside it: a screen pushed here composed and drew its first
        # frame while the batch held every paint back, so that frame was drawn twice, the
        # first one thrown away (spawn to three panes at 10k, ten alternating runs: 504 ->
        # 411 ms median, benchmarks/tui_speed.py's measure). It calls after_first_paint.
        self.call_later(self.push_screen, MainScreen())

    def after_first_paint(self) -> None:
        """What can wait until the main screen is on screen: the settings problems, the
        keymap check, the day's notices and the daily backup (their threads would share the
        interpreter lock with the first frame)."""
        if self._background_started:
            return
        self._background_started = True
        self.gc_pacer.start()  # everything is imported: the full lists load without a pause
        for problem in self.setting_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=15, markup=False)
        if config.load().keys:
            self.check_keymap()
        self.announce()
        self.daily_backup()

    def _keep_theme(self, theme) -> None:
        """A theme chosen with ctrl+p is written to config.toml (its `theme` line only)."""
        if theme.name == self._kept_theme:
            return
        self._kept_theme = theme.name
        try:
            save_theme(theme.name)
        except OSError as error:
            self.notify(f"the theme is not kept for next time: {error}", title="Settings",
                        severity="warning", timeout=15, markup=False)

    @work(thread=True, exclusive=True, group="keymap", exit_on_error=False)
    def check_keymap(self) -> None:
        """Check the [keys] remaps against every binding id (which imports the whole TUI,
        half a second, so not on the startup path); drop the bad ones and say why."""
        from connecttui.tui.keymap import keymap_from

        keymap, problems = keymap_from(config.load())
        if problems:
            self.call_from_thread(self.set_keymap, keymap)
        for problem in problems:
            self.notify(problem, title="Settings", severity="warning", timeout=15, markup=False)

    def action_toggle_blur(self) -> None:
        self.blurred = not self.blurred

    def watch_blurred(self, blurred: bool) -> None:
        for screen in self.screen_stack:
            screen.set_class(blurred, "-blurred")

    def _mark_blurred(self, screen) -> None:
        screen.set_class(self.blurred, "-blurred")

    def _main_screen(self):
        from connecttui.tui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.gc_pacer.input_seen()
        await super().on_event(event)

    @on(Worker.StateChanged)
    def _worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one handler for every worker's end: a failed reader or writer is told."""
        self.failures.worker_changed(event)

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        """Every key binding, palette command and button runs its action here: a database
        that fails under one (the PostgreSQL server gone) is a notice, not the app's end,
        and the same key works again once the database is back."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except DB_ERRORS as error:
            self.failures.cannot(error)
            return True

    def _check_day(self) -> None:
        """At midnight the date, "in N days" and drifting colours move on by themselves."""
        today = clock.today()
        if today != self.day:
            self.day = today
            self.refresh_data()
            self.announce()
            self.daily_backup()

    @work(thread=True, exclusive=True, group="notices", exit_on_error=False)
    def announce(self) -> None:
        """One notification per occasion today and per lead time starting today; on the
        review day, while this week's review is not saved, a line offering it."""
        from connecttui.tui.notices import notices, review_prompt

        today = clock.today()
        with reading():
            found = notices(today)
            prompt = review_prompt(today)
        fresh = []
        for notice in found:
            key = (today.isoformat(), *notice.key)
            if key not in self.announced:
                self.announced.add(key)
                fresh.append(notice.text)
        if len(fresh) > MAX_TOASTS:  # a large network: one toast, not a wall of them
            shown = "; ".join(fresh[:MAX_TOASTS - 1])
            fresh = [f"{shown}; and {len(fresh) - MAX_TOASTS + 1} more: see 3 Upcoming"]
        for text in fresh:
            self.notify(text, title="Today", timeout=30, markup=False)
        if fresh and config.load().bell:
            self.bell()
        if prompt and (today.isoformat(), "review") not in self.announced:
            self.announced.add((today.isoformat(), "review"))
            self.notify(prompt, title="Weekly review", timeout=30, markup=False)

    @work(thread=True, exclusive=True, group="backup", exit_on_error=False)
    def daily_backup(self) -> None:
        """Today's backup of the database, once a day (not for the throwaway demo)."""
        if self.demo:
            return
        from connecttui.core import backups
        from connecttui.core.errors import UserError

        try:
            backups.daily(clock.today())
        except UserError as error:
            self.notify(str(error), title="Backup", severity="warning", timeout=15, markup=False)

    def refresh_data(self) -> None:
        main = self._main_screen()
        if main is not None:
            main.post_message(DataChanged())

    def action_help(self) -> None:
        from connecttui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """`q`: every write is committed as it is made, so quitting waits only for a worker
        that writes (the daily backup, the calendar file), closes the database and leaves
        the terminal as it found it. In a real terminal it then ends the process at once:
        Textual's own shutdown spends about 200 ms waiting on its input thread's polling
        and more closing every widget, with nothing left to save (issue 7)."""
        writing = [worker for worker in self.workers
                   if not worker.is_finished and worker.group not in READ_ONLY_WORKERS]
        if writing:
            await asyncio.gather(*(worker.wait() for worker in writing),
                                 return_exceptions=True)
        driver = compat.driver_to_end_at_once(self)
        if self.demo or config.load().ics_path or driver is None:
            # The demo's folder is removed, and the calendar file written, after run()
            # returns; tests and other terminals take Textual's ordinary way out.
            self.exit()
            return
        self.workers.cancel_all()  # readers only: their rows are not needed any more
        self._close_database()
        compat.end_process_now(driver)

    def _close_database(self) -> None:
        self.lookout.stop()
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
        close_db()

    def on_unmount(self) -> None:
        self._close_database()
        self.gc_pacer.stop()


def make_app(db_path: str, *, demo: bool = False, watch: bool = True) -> ConnectApp:
    """One factory for the CLI, the tests and the screenshot script."""
    return ConnectApp(db_path, demo=demo, watch=watch)
