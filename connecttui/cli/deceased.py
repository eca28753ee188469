"""The command line for someone who has died: `connecttui deceased NAME [--date D]`, and
`--clear` for a mistake.

Registered on `connecttui.cli.root.main` when cli/root.py imports this module (COMMANDS), like
cli/trash.py. The change itself is core/deceased.py's, with its undo entry, so
`connecttui undo` (or `u` in the TUI) takes it back.
"""

from __future__ import annotations

import click

from connecttui.cli.root import complete_names, db_option, main, opened
from connecttui.core.text import printable


@main.command()
@click.argument("name", shell_complete=complete_names)
@click.option("--date", "on", metavar="D",
              help="The day they died: 2024-03-03, 3 march 2024, last fri (default: unknown).")
@click.option("--clear", is_flag=True, help="They are not deceased: undo a mistake.")
@db_option
def deceased(name, on, clear, db):
    """Mark a contact deceased: kept in search and on the timeline, never drifting or
    suggested; their birthdays only as remembrance (the `remembrance` setting)."""
    opened(db)
    from connecttui.core import clock, people
    from connecttui.core import deceased as passing
    from connecttui.core.errors import UserError

    if clear and on:
        raise UserError("--clear takes no --date: it says they are not deceased")
    contact = people.find_contact(name)
    who = printable(contact.name)
    if clear:
        passing.clear_deceased(contact.id)
        click.echo(f"{who} is no longer marked deceased")
        return
    today = clock.today()
    marked = passing.mark_deceased(contact.id, passing.read_day(on, today), today)
    line = passing.died_line(marked.contact)
    click.echo(f"{who}: {line[0].lower() + line[1:]}; never drifting or suggested from now on")
    if marked.open_loops:
        loops = f"{marked.open_loops} open loop{'s' if marked.open_loops != 1 else ''}"
        click.echo(f"{loops} kept on their card, no longer due (`connecttui show` lists them)")
