"""How the main screen fits the terminal and greets a new user, mixed into MainScreen.

- Narrow terminals (under 100 columns, the `-narrow` breakpoint class) show one pane at a
  time: the one last focused (`pane`), chosen with `1` `2` `3`, `tab`, or a click on the
  pane strip. Wide ones show all three; very wide ones (`-roomy`) give contacts more room.
- An empty database (`-empty`) shows the Welcome panel with its three ways in instead of
  three empty panes; `open_demo` is the third way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from textual import events, work
from textual.content import Content

from connecttui.core import clock
from connecttui.core.text import one_line
from connecttui.tui.failures import UNREAD
from connecttui.tui.messages import DataChanged
from connecttui.tui.widgets.rowlist import RowList

PANE_ORDER = ("contacts", "timeline", "upcoming")

DEMO_SCRIPT = (
    "import sys, pendulum\n"
    "from connecttui.core.demo import create_demo_db\n"
    "create_demo_db(sys.argv[1], today=pendulum.parse(sys.argv[2]).date())\n"
)
"""Run in a child process: seeding takes seconds, and doing it here would rebind the app's
database under its feet while the user can still type."""


class MainLayout:
    """Mixed into MainScreen: which panes show, where focus goes, and the first start."""

    # ----- titles: a pane whose last read failed says so ----------------------------
    def _read_failed(self, name: str, reason: str) -> None:
        self._unread[name] = reason
        self._title(name)

    def _title(self, name: str, title: str | None = None, *, read: bool = False) -> None:
        """Set a pane's title (or show the last one again); `read`: its rows are current."""
        if title is not None:
            self._titles[name] = title
        if read and self._unread.pop(name, None) is None and title is None:
            return
        reason = self._unread.get(name)
        rows = self.query_one(f"#{name}", RowList)
        if reason is not None:
            rows.empty_text = f"{UNREAD}: {reason}"  # in place of "Nothing needs you"
            rows.refresh()
        elif "empty_text" in vars(rows):
            del rows.empty_text  # the list's own empty text again
            rows.refresh()
        shown = self._titles[name] + (" · could not be read" if reason is not None else "")
        self.query_one(f"#{name}-pane").border_title = Content(shown)  # never markup

    # ----- panes ---------------------------------------------------------------------
    def action_focus_pane(self, name: str) -> None:
        """`1` `2` `3`: show (in a narrow terminal) and focus a pane."""
        if self.has_class("-empty"):
            return  # nothing to show yet: the welcome keeps the focus
        self.pane = name
        self.query_one(f"#{name}").focus()

    def action_next_pane(self, step: int) -> None:
        """`tab` / `shift+tab`: the next or previous pane, wide or narrow."""
        if self.has_class("-empty"):
            return
        focused = self.focused.id if self.focused is not None else None
        index = PANE_ORDER.index(focused) if focused in PANE_ORDER else -step
        self.action_focus_pane(PANE_ORDER[(index + step) % len(PANE_ORDER)])

    def on_resize(self, event: events.Resize) -> None:
        """A narrow footer drops the gaps between keys so more of them fit, and leaves out
        the palette key it would otherwise draw over them (`?` still lists it)."""
        from textual.widgets import Footer

        footer = self.query_one(Footer)
        footer.compact = event.size.width < 100
        footer.show_command_palette = event.size.width >= 100

    def watch_pane(self, pane: str) -> None:
        for name in PANE_ORDER:
            self.query_one(f"#{name}-pane").set_class(name == pane, "-shown")
        self.query_one("#pane-tabs").show(pane)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Focus that arrives another way (a search jump, a click) shows its pane too."""
        if event.widget.id in PANE_ORDER:
            self.pane = event.widget.id

    def on_click(self, event: events.Click) -> None:
        """A click on a pane's border or title focuses its list, like a click in it."""
        widget = event.widget
        while widget is not None and widget is not self:
            if widget.has_class("pane"):
                self.action_focus_pane(widget.id.removesuffix("-pane"))
                return
            widget = widget.parent

    # ----- the first start -----------------------------------------------------------
    def show_welcome(self, empty: bool) -> None:
        """Swap the three panes for the welcome panel while there is no one, and back. The
        panel is mounted the first time it is needed: most starts never show it, and its
        buttons' styles and widgets cost the first frame about 10 ms."""
        was_empty = self.has_class("-empty")
        self.set_class(empty, "-empty")
        if empty and not was_empty:
            if not self.query("#welcome"):
                from connecttui.tui.widgets.welcome import Welcome

                self.mount(Welcome(id="welcome"), before=self.query_one("#panes"))
            self.query_one("#welcome").focus()
        elif was_empty and not empty:
            self.pane = "contacts"
            self.query_one("#contacts").focus()

    def action_open_demo(self) -> None:
        """`D` on the first start: seed the demo in a throwaway folder and switch to it."""
        if not self.has_class("-empty") or getattr(self.app, "demo", False):
            return
        if getattr(self, "_demo_pending", False):
            return  # already on its way
        self._demo_pending = True
        self.query_one("#welcome").busy("Opening the demo… (a few seconds)")
        folder = tempfile.TemporaryDirectory(prefix="connecttui-demo-")
        self._seed_demo(folder, os.path.join(folder.name, "demo.db"), clock.today().isoformat())

    @work(thread=True, exclusive=True, group="demo", exit_on_error=False)
    def _seed_demo(self, folder, path: str, today: str) -> None:
        done = subprocess.run([sys.executable, "-c", DEMO_SCRIPT, path, today],
                              capture_output=True, text=True, check=False)
        problem = "" if done.returncode == 0 else one_line(
            (done.stderr.strip().splitlines() or ["the demo could not be made"])[-1])
        self.app.call_from_thread(self._demo_ready, folder, path, problem)

    def _demo_ready(self, folder, path: str, problem: str) -> None:
        """Point the app at the demo database: the user's own file is closed, not touched."""
        from connecttui.core.errors import UserError
        from connecttui.core.store.db import ChangeWatcher, close_db, open_db

        self._demo_pending = False
        self.query_one("#welcome").busy("")
        if not problem:
            close_db()
            try:
                open_db(path)
            except UserError as error:
                problem = str(error)
                open_db(self.app.db_path)
        if problem:
            folder.cleanup()
            self.notify(f"No demo: {problem}", severity="error", markup=False)
            return
        app = self.app
        app.demo_folder = folder  # deleted with the app (TemporaryDirectory's finalizer)
        app.db_path, app.demo, app.sub_title = path, True, "demo"
        self.query_one("TopBar").show_title()  # the header says "demo" from now on
        if app.watcher is not None:
            app.watcher.close()
            app.watcher = ChangeWatcher(path)
        self.notify("This is the demo, in a throwaway database: your own data is untouched. "
                    "Quit and start connecttui again to get back to it.", title="Demo",
                    timeout=15, markup=False)
        self.post_message(DataChanged())
