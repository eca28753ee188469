"""The `connecttui` command's first step. The bare command (the TUI, maybe with `--db`) starts
without importing click: 25-35 ms of a start-up that is measured against a bare Textual
app (benchmarks/tui_speed.py). Anything else, `--help` and `--version` included, goes to the
click CLI in cli/root.py, which shares these helpers.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from connecttui.core.errors import Ambiguous, NotFound, UserError
from connecttui.core.text import printable

NOT_BARE = object()
"""bare_tui_db's answer for arguments that are not just the bare command."""


COMPLETE_VAR = "_CONNECTTUI_COMPLETE"
"""Set by the shell completion scripts: click answers them (it calls the bare command)."""


def main() -> None:
    db = NOT_BARE if os.environ.get(COMPLETE_VAR) else bare_tui_db(sys.argv[1:])
    if db is NOT_BARE:
        from connecttui.cli.root import main as cli

        cli()
        return
    from connecttui.settings import paths
    from connecttui.tui.gc_pacing import hold_until_first_frame

    hold_until_first_frame()  # the app's first frame gives the collector back (gc_pacing.py)
    with one_line_errors():
        run_tui(paths.resolve_db(db))
        after_changes()
    sys.exit(0)


def bare_tui_db(args: list[str]):
    """`connecttui`, `connecttui --db X` or `connecttui --db=X`: the database named (None for
    the default); NOT_BARE for anything else, which click parses and explains."""
    if not args:
        return None
    if len(args) == 2 and args[0] == "--db" and args[1] and not args[1].startswith("-"):
        return args[1]
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > len("--db="):
        return args[0].removeprefix("--db=")
    return NOT_BARE


def need_terminal() -> None:
    """Piped or redirected, the screen would go to a file and the keys never come: say so
    (`connecttui serve` sets TEXTUAL_DRIVER: its browser is the terminal)."""
    if os.environ.get("TEXTUAL_DRIVER") or (sys.stdin.isatty() and sys.stdout.isatty()):
        return
    raise UserError("the TUI needs a terminal; for plain text try `connecttui upcoming`, "
                    "or see `connecttui --help`")


def run_tui(db_path: str, demo: bool = False) -> None:
    need_terminal()
    from connecttui.settings import config

    config.hand_to_core()  # before open_db: migrating first backs the file up, into its folder
    from connecttui.core.store import drivers

    drivers.prepare(db_path)
    from connecttui.core.store.db import open_db

    open_db(db_path)  # errors surface here as one line, before the screen is taken
    from connecttui.tui.app import make_app

    make_app(db_path, demo=demo).run()


def fail(message: str, code: int = 1, candidates: list[str] | None = None) -> None:
    """One line on stderr (and the candidates, one a line), then the exit status."""
    lines = [f"connecttui: {printable(message)}"]
    lines += [f"  {printable(name)}" for name in candidates or []]
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()
    sys.exit(code)


@contextmanager
def one_line_errors():
    """User errors and database failures as one line and an exit status, never a
    traceback (anything else is a bug, and keeps its traceback)."""
    try:
        yield
    except (NotFound, Ambiguous) as error:
        hint = "did you mean:" if isinstance(error, NotFound) and error.candidates else None
        message = f"{error}" + (f"; {hint}" if hint else (":" if error.candidates else ""))
        fail(message, 2, error.candidates)
    except UserError as error:
        fail(str(error))
    except Exception as error:
        from connecttui.core.store.db import describe_failure

        failure = describe_failure(error)
        if failure is None:
            raise
        fail(f"database error: {failure}")


def after_changes() -> None:
    """After a command that changed something, rewrite the calendar file a calendar app
    subscribes to, when the `ics_path` setting names one."""
    if "connecttui.core.store.db" not in sys.modules:  # no database was opened (where, completion)
        return
    from connecttui.core.store.db import changes_made

    if not changes_made():
        return
    from connecttui.settings import paths

    if not (paths.config_dir() / "config.toml").exists():  # no settings: none to follow
        return
    from connecttui.settings import config

    settings = config.load()
    if settings.ics_path:
        from connecttui.core import clock
        from connecttui.interop.ical import write_subscription

        write_subscription(settings.ics_path, clock.today(), settings.remembrance)
