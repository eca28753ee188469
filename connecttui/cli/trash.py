"""The command line for the trash and undo: `trash`, `undelete NAME`, `purge`, `undo`.

Registered on `connecttui.cli.root.main` when cli/root.py imports this module, like cli/circles.py.
A deleted contact stays in the trash until purged; `undo` takes back the last change made in
the TUI (the journal is kept in the database, so it works from another process too).
"""

from __future__ import annotations

import click

from connecttui.cli.root import db_option, main, opened
from connecttui.core.errors import UserError
from connecttui.core.text import one_line, printable


def _touches(count: int) -> str:
    return f"{count} touch{'' if count == 1 else 'es'}"


@main.command("trash")
@db_option
def list_trash(db):
    """Deleted contacts, most recent first: `undelete NAME` brings one back."""
    opened(db)
    from connecttui.core import clock, undo

    items = undo.trash()
    if not items:
        click.echo("the trash is empty")
        return
    names = [one_line(item.name) for item in items]
    width = max(len(name) for name in names)
    for name, item in zip(names, items, strict=True):
        when = item.deleted_at.in_timezone(clock.local_tz()).format("YYYY-MM-DD HH:mm")
        click.echo(f"{name:<{width}}  deleted {when}  {_touches(item.touches)}")


@main.command()
@click.argument("name")
@db_option
def undelete(name, db):
    """Bring back the most recently deleted contact with this name, with all that was theirs."""
    opened(db)
    from connecttui.core import undo
    from connecttui.core.commands import contacts

    item = undo.find_trashed(name)
    contacts.undelete(item.id)  # `connecttui undo` sends them back to the trash
    click.echo(f"restored {one_line(item.name)} ({_touches(item.touches)})")


@main.command()
@click.option("--older-than", "days", type=click.IntRange(0), metavar="DAYS",
              help="Only contacts deleted more than DAYS days ago.")
@click.option("--all", "everything", is_flag=True, help="Everything in the trash.")
@db_option
def purge(days, everything, db):
    """Delete contacts in the trash for good."""
    if days is None and not everything:
        raise UserError("purge what? give --older-than DAYS or --all")
    if days is not None and everything:
        raise UserError("give --older-than DAYS or --all, not both")
    opened(db)
    from connecttui.core import undo

    count = undo.purge(older_than_days=days)
    click.echo(f"purged {count} contact{'' if count == 1 else 's'} from the trash")


@main.command("undo")
@db_option
def undo_last(db):
    """Undo the last change, made here or in the TUI (add, edit, log, delete, done, fact,
    family, gift, loop, snooze, ...)."""
    opened(db)
    from connecttui.core import undo
    from connecttui.core.commands import restores

    swapped = restores.undo_file_restore()  # a restore from a file: the file goes back
    if swapped is not None:
        done, kept = swapped
        click.echo(one_line(done))
        click.echo(f"the database as it was is kept as {printable(str(kept))}")
        return
    done = undo.undo_last()
    click.echo(one_line(done) if done else "nothing to undo")
