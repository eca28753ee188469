"""The command line: the bare command opens the TUI; subcommands print plain text.

Textual is imported only by the commands that open the TUI, so `connecttui log` and
`connecttui upcoming` start fast and work over SSH or from scripts.
"""

from __future__ import annotations

import functools
import os
import sys

import click

from connecttui import __version__
from connecttui.cli.entry import (  # noqa: F401 (fail: for cli_*)
    COMPLETE_VAR,
    after_changes,
    fail,
    need_terminal,
    one_line_errors,
    run_tui,
)
from connecttui.core.errors import UserError
from connecttui.core.kinds import KIND_LETTERS
from connecttui.core.text import printable

COMMANDS = {
    "add": "root", "log": "root", "show": "root", "upcoming": "root", "search": "root",
    "where": "root", "demo": "root", "completion": "root",
    "backup": "backup", "backups": "backup", "restore": "backup",
    "circles": "circles", "circle": "circles", "move": "circles",
    "export": "interop", "import": "interop", "sync": "interop",
    "fact": "practices", "family": "practices", "gift": "practices",
    "cards": "practices", "intro": "practices", "done": "practices",
    "snooze": "practices", "loop": "practices",
    "review": "review", "plan": "review",
    "trash": "trash", "undelete": "trash", "purge": "trash", "undo": "trash",
    "serve": "serve", "config": "configure", "copy-to": "copy",
    "deceased": "deceased",
}
"""The one table of commands: every command and the module of connecttui/cli that defines
it. A module other than this one is imported only when its command is named (or listed by
--help): `connecttui log` should not pay for the vCard reader or the review."""


class Group(click.Group):
    """Turns user errors into one line and an exit status, never a traceback; imports a
    command's module only when that command runs."""

    def list_commands(self, ctx):
        return sorted(set(self.commands) | set(COMMANDS))

    def get_command(self, ctx, name):
        if name not in self.commands and COMMANDS.get(name, "root") != "root":
            import importlib

            importlib.import_module(f"connecttui.cli.{COMMANDS[name]}")  # registers on main
        return self.commands.get(name)

    def invoke(self, ctx):
        with one_line_errors():
            result = super().invoke(ctx)
            after_changes()
            return result


def db_option(function):
    """`--db PATH_OR_URL` on every command (also CONNECTTUI_DB)."""

    @click.option("--db", "db", default=None, metavar="PATH_OR_URL",
                  help="Database file (default: in the data folder; also CONNECTTUI_DB).")
    @functools.wraps(function)
    def wrapper(*args, db=None, **kwargs):
        ctx = click.get_current_context()
        chosen = db or (ctx.find_root().params.get("db"))
        return function(*args, db=chosen, **kwargs)

    return wrapper


def complete_names(ctx: click.Context, param, incomplete: str) -> list[str]:
    """Shell completion of contact names (the last of a comma-separated list), as NAME
    arguments match them; nothing at all when the database can't be opened."""
    head, _, last = incomplete.rpartition(",")
    try:
        from connecttui.core.store import drivers
        from connecttui.settings import paths

        url = paths.resolve_db(ctx.find_root().params.get("db"))
        if not drivers.is_postgres_url(url) and not os.path.exists(url.removeprefix("sqlite:///")):
            return []  # a tab press never creates a database
        opened(url)
        from connecttui.core import people

        names = [match.name for match in people.match_name(last)] if last.strip() else []
    except Exception:
        return []
    prefix = f"{head}," if head else ""
    if os.environ.get(COMPLETE_VAR, "").startswith("bash"):
        # bash inserts a completion as typed (zsh and fish quote it themselves), and click's
        # bash script reads each line with `read` (no -r), which eats one backslash: escape
        # twice so "Ada Lovelace" arrives as Ada\ Lovelace, one argument.
        import re

        return [re.sub(r"([^\w,./@+-])", r"\\\\\1", prefix + name) for name in names[:50]]
    return [prefix + name for name in names[:50]]


def opened(db: str | None):
    """Open the chosen database (created and migrated on first use)."""
    from connecttui.core.store import drivers
    from connecttui.settings import paths

    url = paths.resolve_db(db)
    drivers.prepare(url)
    from connecttui.core.store.db import open_db

    return open_db(url)


@click.group(cls=Group, invoke_without_command=True)
@click.option("--db", "db", default=None, metavar="PATH_OR_URL",
              help="Database file (default: in the data folder; also CONNECTTUI_DB).")
@click.version_option(__version__, prog_name="connecttui")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """connecttui: keep in touch with the people you care about."""
    from connecttui.settings import config

    config.hand_to_core()  # the core's policy and time zone come from the settings
    if ctx.invoked_subcommand is None:
        from connecttui.settings import paths

        run_tui(paths.resolve_db(db))


@main.command()
@click.argument("name")
@click.option("--birthday", help="1815-12-10, 12-10 (no year), 10 dec, dec 10.")
@click.option("--circle", help="inner, friends, work, resting, ...")
@click.option("--every", type=int, help="Keep in touch every N days (maximum: twice that).")
@click.option("--nickname", "nicknames", default="", help="Nicknames, comma-separated.")
@db_option
def add(name, birthday, circle, every, nicknames, db):
    """Add a contact."""
    opened(db)
    from connecttui.core import people, typed_dates

    if every is not None and not 0 < every <= people.MAX_WINDOW_DAYS:
        raise UserError(f"--every takes a number of days from 1 to {people.MAX_WINDOW_DAYS}")
    from connecttui.core.commands import contacts

    contact = contacts.add_contact(  # with its undo (`connecttui undo`, `u`)
        name, nicknames=nicknames, circle=circle, ideal_days=every,
        birthday=typed_dates.parse_yearly(birthday) if birthday else None,
    )
    click.echo(f"added {printable(contact.name)}")


@main.command()
@click.argument("names", shell_complete=complete_names)
@click.argument("note", nargs=-1)
@click.option("--kind", "-k", default="other", help="call, message, together, social, help, "
              "intro, gift, card, memory, other (or its letter: c m t s h i g n r o).")
@click.option("--when", "-w", "when", default="now", help="now, yesterday, 2d ago, last fri, ...")
@click.option("--out", "initiator", flag_value="out", default=True, help="You reached out.")
@click.option("--in", "initiator", flag_value="in", help="They reached out.")
@click.option("--both", "initiator", flag_value="both", help="Both at once.")
@click.option("--future", is_flag=True, help="Log it although --when is later than now.")
@db_option
def log(names, note, kind, when, initiator, future, db):
    """Log a touch with one or more people (NAME[,NAME...])."""
    opened(db)
    from connecttui.core import clock, people, typed_dates
    from connecttui.core.commands import timeline
    from connecttui.core.errors import FutureTouch

    kind = KIND_LETTERS.get(kind.lower(), kind.lower())
    at = typed_dates.parse_when(when, clock.now())
    contacts = people.find_contacts(names.split(","))
    try:
        timeline.log_touch([c.id for c in contacts], kind, at=at, initiator=initiator,
                           note=" ".join(note), future=future)
    except FutureTouch as error:
        raise UserError(f"{error}: plan it with `connecttui loop NAME TEXT --due DAY`, or "
                        "log it anyway with --future") from None
    who = ", ".join(printable(c.name) for c in contacts)
    # strftime, not pendulum's format(): its first call loads a locale (20 ms here)
    click.echo(f"logged {kind} with {who}, {at.strftime('%a')} {at.day} {at.strftime('%b %H:%M')}")


@main.command()
@click.argument("name", shell_complete=complete_names)
@db_option
def show(name, db):
    """The briefing of a contact, as text."""
    opened(db)
    from connecttui.core import briefing, clock, people

    contact = people.find_contact(name)
    today = clock.today()
    click.echo(printable(briefing.as_text(briefing.briefing(contact.id, today), today)))


@main.command()
@click.option("--days", default=14, show_default=True, type=click.IntRange(0, 366))
@db_option
def upcoming(days, db):
    """Occasions, open loops due and drifting contacts, with reasons."""
    opened(db)
    from connecttui.core import clock, planning
    from connecttui.settings import config

    items = planning.upcoming(clock.today(), days, remembrance=config.load().remembrance)
    if not items:
        click.echo(f"nothing needs you in the next {days} days")
    if items:  # one write: thousands of lines at 10k contacts
        click.echo("\n".join(f"{item.when:<10} {printable(item.text)}" for item in items))


@main.command()
@click.argument("query", nargs=-1, required=True)
@db_option
def search(query, db):
    """Contacts, notes and touches that match."""
    opened(db)
    from connecttui.core import search as fts

    hits = fts.search(" ".join(query))
    if not hits:
        click.echo("no matches")
        sys.exit(1)
    for hit in hits:
        label = "contact" if hit.kind == "contact" else "touch  "
        detail = f"  {printable(hit.text)}" if hit.text else ""
        click.echo(f"{label}  {printable(hit.contact_name)}{detail}")


@main.command()
@db_option
def where(db):
    """Where the data, config, backups and the log of what failed live."""
    from connecttui.settings import paths

    click.echo(f"database  {paths.resolve_db(db)}")
    click.echo(f"data      {paths.data_dir()}")
    click.echo(f"config    {paths.config_dir()}")
    click.echo(f"backups   {paths.backups_dir()}")
    click.echo(f"log       {paths.error_log()}")


@main.command()
@click.option("--keep", type=click.Path(dir_okay=False), help="Keep the demo database here.")
def demo(keep):
    """Open the TUI on a throwaway database with a sample network."""
    import tempfile

    need_terminal()  # before seeding a demo no one could see

    from connecttui.core.demo import create_demo_db

    with tempfile.TemporaryDirectory(prefix="connecttui-demo-") as folder:
        path = keep or os.path.join(folder, "demo.db")
        create_demo_db(path)
        run_tui(path, demo=True)


@main.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell):
    """Print the shell completion script: eval "$(connecttui completion bash)" in ~/.bashrc,
    the same with zsh in ~/.zshrc, or `connecttui completion fish | source` for fish."""
    from click.shell_completion import get_completion_class

    complete = get_completion_class(shell)(main, {}, "connecttui", COMPLETE_VAR)
    click.echo(complete.source())
