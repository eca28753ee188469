"""The command line for circles: list them, add, rename, set a window, rest, delete, and
`move` a contact into one.

Registered on `connecttui.cli.root.main` when root.py imports this module (COMMANDS), so the
commands share `--db`, the one-line errors and exit status 2 for an unknown name (a
circle's too: the circles are listed).
"""

from __future__ import annotations

import click

from connecttui.cli.root import db_option, main, opened
from connecttui.core.errors import UserError
from connecttui.core.text import one_line, printable


def _contacts(count: int) -> str:
    return f"{count} contact{'' if count == 1 else 's'}"


def _described(circle) -> str:
    """"21-42d", "no window, resting"."""
    from connecttui.core import circles

    window = circles.window_text(circle.ideal_days, circle.max_days)
    return window + (", resting" if circle.resting else "")


def _window(every: int | None, window: str | None) -> tuple[int | None, int | None]:
    from connecttui.core import people

    if every is not None and window is not None:
        raise UserError("give --every or --window, not both")
    if every is not None:
        if every <= 0:
            raise UserError("--every takes a number of days above zero")
        return every, every * 2
    return people.parse_window(window or "")


@main.command("circles")
@db_option
def list_circles(db):
    """The circles in order, with their windows and how many contacts each has."""
    opened(db)
    from connecttui.core import circles

    rows = circles.circle_rows()
    if not rows:
        click.echo("no circles: add one with `connecttui circle add NAME`")
        return
    names = [printable(one_line(row.name)) for row in rows]
    width = max(len(name) for name in names)
    window_width = max(len(row.window) for row in rows)
    for name, row in zip(names, rows, strict=True):
        resting = "resting" if row.resting else ""
        click.echo(f"{name:<{width}}  {row.window:<{window_width}}  {resting:<7}  "
                   f"{_contacts(row.contacts)}")


@main.group()
def circle():
    """Add, rename, rest or delete a circle, or set its keep-in-touch window."""


@circle.command("add")
@click.argument("name")
@click.option("--every", type=int, metavar="N", help="Keep in touch every N days (maximum: "
              "twice that).")
@click.option("--window", metavar="IDEAL/MAX", help='Ideal and maximum days: "14/30".')
@click.option("--resting", is_flag=True, help="Its contacts are never suggested or drifting.")
@db_option
def add_circle(name, every, window, resting, db):
    """Add a circle, last in the order."""
    ideal, maximum = _window(every, window)
    opened(db)
    from connecttui.core.commands import circles as commands

    added = commands.add_circle(name, ideal, maximum, resting)
    click.echo(f"added circle {printable(added.name)} ({_described(added)})")


@circle.command("rename")
@click.argument("old")
@click.argument("new")
@db_option
def rename_circle(old, new, db):
    """Rename a circle; its contacts stay in it."""
    opened(db)
    from connecttui.core import circles
    from connecttui.core.commands import circles as commands

    found = circles.find_circle(old)
    before = found.name
    renamed = commands.edit_circle(found.id, new, found.ideal_days, found.max_days,
                                   found.resting)
    click.echo(f"renamed circle {printable(before)} to {printable(renamed.name)}")


@circle.command("window")
@click.argument("name")
@click.argument("window", metavar="IDEAL/MAX|none")
@db_option
def circle_window(name, window, db):
    """Set a circle's keep-in-touch window ("14/30", "14" or "none")."""
    from connecttui.core import people

    text = "" if window.strip().lower() == "none" else window
    if not text.strip():
        ideal, maximum = None, None
    else:
        ideal, maximum = people.parse_window(text)
    opened(db)
    from connecttui.core import circles
    from connecttui.core.commands import circles as commands

    found = circles.find_circle(name)
    changed = commands.edit_circle(found.id, found.name, ideal, maximum, found.resting)
    click.echo(f"{printable(changed.name)}: {circles.window_text(ideal, maximum)}")


@circle.command("rest")
@click.argument("name")
@click.option("--off", is_flag=True, help="Make the circle active again.")
@db_option
def rest_circle(name, off, db):
    """Mark a circle resting: its contacts keep their history but are never suggested."""
    opened(db)
    from connecttui.core import circles
    from connecttui.core.commands import circles as commands

    found = circles.find_circle(name)
    changed = commands.edit_circle(found.id, found.name, found.ideal_days, found.max_days,
                                   not off)
    if changed.resting:
        click.echo(f"{printable(changed.name)} is resting: its contacts are never suggested")
    else:
        click.echo(f"{printable(changed.name)} is active again")


@circle.command("delete")
@click.argument("name")
@db_option
def delete_circle(name, db):
    """Delete a circle; its contacts stay, with all their history, and have no circle
    (`connecttui undo` puts it back, with everyone who was in it)."""
    opened(db)
    from connecttui.core import circles
    from connecttui.core.commands import circles as commands

    found = circles.find_circle(name)
    moved = commands.delete_circle(found.id)
    click.echo(f"deleted circle {printable(found.name)}; "
               f"{_contacts(moved)} {'has' if moved == 1 else 'have'} no circle now")


@main.command()
@click.argument("name")
@click.argument("circle_name", metavar="CIRCLE")
@db_option
def move(name, circle_name, db):
    """Put a contact in a circle (`-` for none)."""
    opened(db)
    from connecttui.core import circles, people
    from connecttui.core.commands import contacts

    contact = people.find_contact(name)
    if circle_name.strip() == circles.NONE_NAME:
        contacts.edit_contact(contact.id, circle=None, label=f"took {contact.name} out of "
                              "their circle")
        click.echo(f"{printable(contact.name)} has no circle now")
        return
    target = circles.find_circle(circle_name)
    contacts.edit_contact(contact.id, circle=target.name,
                          label=f"moved {contact.name} to {target.name}")
    click.echo(f"moved {printable(contact.name)} to {printable(target.name)}")
