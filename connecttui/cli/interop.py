"""Commands that meet other programs: import, export, and vdir sync.

Registered on the `connecttui` group by importing this module (cli/root.py does).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from connecttui.cli.root import db_option, main, opened
from connecttui.core.errors import UserError
from connecttui.core.private_files import open_private
from connecttui.core.text import printable

EXPORT_FORMATS = ["json", "vcard", "ics", "markdown"]
IMPORT_FORMATS = ["vcard", "google-csv", "monica", "json"]


def _private_output(output: str):
    """A file only its owner can read (0600), even when it already existed."""
    try:
        fd = open_private(output, os.O_WRONLY | os.O_TRUNC)
    except OSError as error:
        raise UserError(f"cannot write {output}: {error.strerror}") from None
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


@main.command(name="export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option("--vcard-version", type=click.Choice(["4.0", "3.0"]), default="4.0",
              show_default=True, help="vCard 3.0 for older clients.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File (default: stdout).")
@db_option
def export_(fmt, vcard_version, output, db):
    """Export: json is the complete backup that `import` restores exactly; vcard and ics are
    for other programs; markdown is a readable dump with the holiday-card list."""
    opened(db)
    write = _exporter(fmt, vcard_version)
    if output is None:
        write(sys.stdout)
        return
    with _private_output(output) as stream:
        what = write(stream)
    click.echo(f"exported {what} to {output}", err=True)


def _exporter(fmt: str, vcard_version: str):
    """The writer for a format: a function of the stream that says what it wrote."""
    from connecttui.core import clock

    if fmt == "markdown":
        from connecttui.interop.markdown import export_markdown

        return lambda stream: f"{export_markdown(stream, clock.today())} contacts as markdown"
    if fmt == "vcard":
        from connecttui.interop.vcard import export_vcards

        return lambda stream: (
            f"{export_vcards(stream, version=vcard_version)} contacts as vCard {vcard_version}"
        )
    if fmt == "ics":
        from connecttui.interop.ical import export_ics
        from connecttui.settings import config

        remembrance = config.load().remembrance
        return lambda stream: (
            f"{export_ics(stream, clock.today(), remembrance)} occasions as iCalendar")
    from connecttui.interop import backup

    def write_json(stream) -> str:
        counts = backup.export_json(stream)
        return f"{counts['contact']} contacts and {counts['touch']} touches"

    return write_json


@main.command(name="import")
@click.argument("path", type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(IMPORT_FORMATS), default=None,
              help="Default: told from the file.")
@click.option("--dry-run", is_flag=True, help="Show what would be added, merged and skipped.")
@db_option
def import_(path, fmt, dry_run, db):
    """Import vCards (a file or a folder), a Google CSV, a Monica export or a JSON backup,
    with a report of what was added, merged and skipped (with the reason for each)."""
    opened(db)
    from connecttui.interop import importing

    fmt = fmt or importing.detect_format(Path(path))
    if fmt == "json":
        _restore_json(path, dry_run)
        return
    report = importing.import_path(Path(path), fmt, dry_run=dry_run)
    click.echo(importing.report_text(report))


def _restore_json(path: str, dry_run: bool) -> None:
    from connecttui.interop import backup

    if Path(path).is_dir():
        raise UserError(f"{path} is a folder: a JSON backup is one file")
    with open(path, encoding="utf-8") as stream:
        doc = backup.load_json(stream)
    counts = {name: len(rows) for name, rows in doc["tables"].items()}
    if dry_run:
        if not backup.is_empty():
            raise UserError("the database already has contacts: restore into an empty database")
        click.echo("would add: " + _counts(counts))
        return
    from connecttui.core import backups

    backups.snapshot("import")
    backup.restore_undoably(doc, Path(path).name)  # `connecttui undo` takes it back
    click.echo("added: " + _counts(counts))


def _counts(counts: dict[str, int]) -> str:
    names = {"contact": "contacts", "touch": "touches", "openloop": "open loops",
             "occasion": "occasions", "fact": "facts", "circle": "circles"}
    return ", ".join(f"{counts.get(key, 0)} {label}" for key, label in names.items())


@main.command()
@click.argument("vdir", type=click.Path(file_okay=False))
@db_option
def sync(vdir, db):
    """Keep a vdir (a folder of .vcf files, as khard and vdirsyncer use) in step, both ways."""
    opened(db)
    from connecttui.interop.vdir import sync as sync_vdir

    report = sync_vdir(Path(vdir))
    for line in report.lines():
        click.echo(printable(line))
