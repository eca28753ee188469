"""Live updates from a PostgreSQL server, and what the app shows while it is away.

The server pushes the news (core/store/pg.py Listener, in its own thread): a write committed
anywhere reloads the panes; a lost server is one line in the header and one notification,
and everything on screen stays (a reload that fails changes nothing, and a dialog's save
fails in one line with its input kept, see core/store/pg.py Postgres); once the server is back the
header clears, a notification says so and the data is read again.

The listener's callbacks only hand the news over with `call_later`, which posts a message
and is safe from any thread: they never wait for the app, so a closing app never strands
the listener's thread.
"""

from __future__ import annotations

from connecttui.core.store import pg


def follow_server(app) -> None:
    """Start listening (app.watcher is a ChangeWatcher on a PostgreSQL URL)."""
    app.offline_line = ""
    app.watcher.listen(
        on_change=lambda: app.call_later(app.refresh_data),
        on_offline=lambda why: app.call_later(went_offline, app, why),
        on_online=lambda: app.call_later(came_back, app),
    )


def _show(app, line: str) -> None:
    from connecttui.tui.widgets.topbar import TopBar

    app.offline_line = line
    for screen in app.screen_stack:
        for bar in screen.query(TopBar):
            bar.offline = line


def went_offline(app, why: str) -> None:
    where = pg.where(app.db_path)
    _show(app, f"offline: can't reach {where}, retrying")
    app.notify(f"The database at {where} can't be reached ({why}). What is on screen stays; "
               "nothing can be saved until it is back. Trying again every 2 s.",
               title="Offline", severity="error", timeout=30, markup=False)


def came_back(app) -> None:
    _show(app, "")
    app.notify(f"back online: the database at {pg.where(app.db_path)}", title="Online",
               timeout=8, markup=False)
    app.refresh_data()
