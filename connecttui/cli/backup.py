"""Backups from the command line: `backup`, `backups` and `restore FILE`.

Registered on the `connecttui` group by importing this module (cli/root.py does).
"""

from __future__ import annotations

import click

from connecttui.cli.root import db_option, fail, main, opened
from connecttui.core.text import printable


def _target(db: str | None):
    from connecttui.core.backups import POSTGRES_HINT
    from connecttui.core.errors import UserError
    from connecttui.core.store.db import is_postgres_url, sqlite_path
    from connecttui.settings import paths

    chosen = paths.resolve_db(db)
    if is_postgres_url(chosen):
        raise UserError(POSTGRES_HINT)
    return sqlite_path(chosen)


@main.command()
@db_option
def backup(db):
    """Make a backup of the database now (kept until you delete it); print its path."""
    from connecttui.core import backups

    opened(db)
    click.echo(printable(str(backups.snapshot("manual"))))


@main.command(name="backups")
@db_option
def list_backups(db):
    """List the database's backups, newest first, with their size and reason."""
    from connecttui.core import backups, clock
    from connecttui.settings import paths

    found = backups.backups(_target(db))
    if not found:
        click.echo(f"no backups yet (they go in {printable(str(paths.backups_dir()))})")
        return
    for info in found:
        when = info.when.in_timezone(clock.local_tz()).format("YYYY-MM-DD HH:mm")
        click.echo(f"{when}  {info.reason:<9}  {_size(info.size):>8}  "
                   f"{printable(str(info.path))}")


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


@main.command()
@click.argument("file", type=click.Path())
@click.option("--yes", is_flag=True, help="Don't ask for confirmation.")
@db_option
def restore(file, yes, db):
    """Replace the database with a backup FILE; the current one is kept as a backup first."""
    from connecttui.core import backups
    from connecttui.core.store.db import close_db, open_db

    target = _target(db)
    backups.check_backup(file, target)
    question = (f"Replace {printable(str(target))} with {printable(file)}? "
                "The current database is kept as a backup first.")
    if not yes and not click.confirm(question, default=False):
        fail("restore cancelled: nothing changed")
    close_db()
    kept = backups.restore(file, target)
    open_db(target)  # a backup from an older connecttui is migrated now
    click.echo(f"restored {printable(file)} into {printable(str(target))}")
    if kept is not None:
        from connecttui.core.commands import restores

        restores.record_file_restore(file, kept)  # `connecttui undo` puts `kept` back
        click.echo(f"the previous database is kept as {printable(str(kept))} "
                   "(`connecttui undo` puts it back)")
