"""`connecttui config`: where the settings file is and what is in effect; `--edit` opens it.

Registered on the `connecttui` group by importing this module (cli/root.py does). No Textual
here: the theme and binding ids are checked when the app starts, which names the line too.
"""

from __future__ import annotations

import os
import shlex
import subprocess

import click

from connecttui.cli.root import fail, main
from connecttui.core.text import printable


@main.command(name="config")
@click.option("--edit", is_flag=True,
              help="Open the file in $VISUAL or $EDITOR (vi), creating it with comments first.")
@click.option("--print-default", is_flag=True, help="Print the commented default file.")
def config_command(edit, print_default):
    """Show the settings file's path and the settings in effect."""
    from connecttui.settings import config
    from connecttui.settings import file as config_file

    if print_default:
        click.echo(config_file.DEFAULT_TEXT, nl=False)
        return
    path = config.config_file()
    if edit:
        if config_file.write_default(path):
            click.echo(f"created {printable(str(path))}")
        _open_editor(str(path))
    click.echo(f"# {printable(str(path))}" + ("" if path.exists() else " (not created yet)"))
    settings = config.load()
    for line in describe(settings):
        click.echo(printable(line))
    for problem in settings.problems:
        click.echo(f"connecttui: {printable(problem)}", err=True)


def _open_editor(path: str) -> None:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        subprocess.run([*shlex.split(command), path], check=False)
    except (OSError, ValueError) as error:
        fail(f'cannot start the editor "{command}" ({error}): set $EDITOR, or edit {path}')


def describe(settings) -> list[str]:
    """The settings in effect, written as the file would hold them."""
    from connecttui.settings import config

    lines = [
        f"theme = {_quoted(settings.theme)}",
        f"date_format = {_quoted(settings.date_format)}"
        f"  # today: {config.format_day(_today(), settings.date_format)}",
        f"week_start = {_quoted(config.WEEKDAYS[settings.week_start])}",
        f"review_day = {_quoted(config.WEEKDAYS[settings.review_day])}",
        f"bell = {str(settings.bell).lower()}",
        f"start_blurred = {str(settings.start_blurred).lower()}",
        f"remembrance = {str(settings.remembrance).lower()}",
        f"ics_path = {_quoted(settings.ics_path)}",
        "", "[windows]",
        *(f"{_quoted(name)} = \"{ideal}/{maximum}\""
          for name, (ideal, maximum) in settings.windows.items()),
        "", "[lead_times]",
        *(f"{kind} = {days}" for kind, days in settings.lead_times.items()),
        "", "[keys]",
        *(f"{_quoted(binding)} = {_quoted(keys)}" for binding, keys in settings.keys.items()),
    ]
    return lines


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _today():
    from connecttui.core import clock

    return clock.today()
