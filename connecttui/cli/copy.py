"""`connecttui copy-to URL`: move a whole database to PostgreSQL (or back to a file).

Registered on the `connecttui` group by importing this module (cli/root.py's COMMANDS).
"""

from __future__ import annotations

import click

from connecttui.cli.root import db_option, main
from connecttui.core.text import printable


@main.command(name="copy-to")
@click.argument("target", metavar="URL_OR_PATH")
@db_option
def copy_to(target, db):
    """Copy the whole database (--db, the source) into a new, empty database: a
    postgresql:// URL, or an SQLite file. Written in one transaction, then every table's
    row count and checksum are checked; if anything differs, nothing is stored."""
    from connecttui.core.store import drivers
    from connecttui.settings import paths

    source = paths.resolve_db(db)
    drivers.prepare(source, target)  # before peewee is imported: it may need psycopg
    from connecttui.interop.copy import copy_database, shown

    report = copy_database(source, target)
    width = max(len(check.name) for check in report.tables)
    for check in report.tables:
        click.echo(f"{check.name:<{width}}  {check.rows:>7} rows  sha256 {check.checksum[:16]}"
                   f"  {'ok' if check.ok else 'DIFFERENT'}")
    for name, rows in report.indexes.items():
        click.echo(f"{name:<{width}}  {rows:>7} rows  rebuilt")
    click.echo(f"copied {report.rows} rows from {printable(shown(source))} to "
               f"{printable(shown(target))}; every table checked")
