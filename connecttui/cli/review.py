"""The command line for the Friday review and the week ahead: `review` and `plan`.

Kept apart from cli/root.py (which imports this module at its end) so the foundation's commands
stay short to read; the commands hang on the same click group, so they share `--db`, the
one-line user errors and their exit status. Both only read: a review is saved from the TUI.
"""

from __future__ import annotations

import click

from connecttui.cli.root import db_option, main, opened, printable
from connecttui.settings import config


@main.command()
@click.option("--week", "week", metavar="DATE",
              help="Any day of the week to review: 'last fri', '2 weeks ago', '2026-11-20' "
                   "(default: this week).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True, help="markdown is clean enough to paste into a journal.")
@db_option
def review(week, fmt, db):
    """The weekly review of this week, or of any past week."""
    opened(db)
    from connecttui.core import clock, review_report, review_week, typed_dates

    today = clock.today()
    day = typed_dates.parse_day(week, today, prefer="past") if week else today
    settings = config.load()
    report = review_report.report(review_week.week_of(day, settings.week_start)[0], today,
                                  remembrance=settings.remembrance)
    render = review_report.render_markdown if fmt == "markdown" else review_report.render_text
    click.echo(printable(render(report)), nl=False)


@main.command()
@db_option
def plan(db):
    """The next seven days: occasions, lead times to act on, commitments and open loops."""
    opened(db)
    from connecttui.core import clock, weekplan

    today = clock.today()
    week = weekplan.plan_week(today, remembrance=config.load().remembrance)
    for index, day in enumerate(week):
        label = "today" if index == 0 else ("tomorrow" if index == 1 else "")
        click.echo(f"{day.day.format('ddd D MMM')}" + (f"  ({label})" if label else ""))
        for item in day.items:
            click.echo(f"  {item.kind:<10} {printable(' '.join(item.text.split()))}")
        if not day.items:
            click.echo("  -")
