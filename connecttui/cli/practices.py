"""The command line for the six practices: facts, family, gifts, cards, introductions, open
loops done, and snoozing a drift suggestion.

Kept apart from cli/root.py so the foundation's commands stay short to read; the commands are
registered on the same click group (`connecttui.cli.root.main`) when root.py imports this
module, so they share `--db`, the one-line errors and exit status 2 for unknown or ambiguous names.
"""

from __future__ import annotations

import click

from connecttui.cli.root import complete_names, db_option, main, opened
from connecttui.core.errors import Ambiguous, NotFound, UserError
from connecttui.core.text import one_line, printable

RELATION_OPTIONS = ("partner", "child", "parent", "sibling", "other")


@main.command()
@click.argument("name")
@click.argument("text", nargs=-1, required=True)
@click.option("--interest", "kind", flag_value="interest", help="Something they love.")
@click.option("--need", "kind", flag_value="need", help="Something they need help with.")
@click.option("--offer", "kind", flag_value="offer", help="Something they can help others with.")
@click.option("--other", "kind", flag_value="other", default=True, help="Anything else (default).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for more); #words count too.")
@db_option
def fact(name, text, kind, tags, db):
    """Note a fact about a contact: an interest, a need, an offer, anything else."""
    opened(db)
    from connecttui.core import facts, people

    contact = people.find_contact(name)
    added = facts.add_fact(contact.id, kind, " ".join(text), tags=list(tags))
    shown = f" (tags: {added.tags.replace(',', ', ')})" if added.tags else ""
    click.echo(f"added {kind} for {printable(contact.name)}: {printable(added.text)}"
               f"{printable(shown)}")


@main.command()
@click.argument("name")
@click.option("--partner", metavar="MEMBER", help="Their partner's name.")
@click.option("--child", metavar="MEMBER", help="A child's name.")
@click.option("--parent", metavar="MEMBER", help="A parent's name.")
@click.option("--sibling", metavar="MEMBER", help="A brother's or sister's name.")
@click.option("--other", metavar="MEMBER", help="Anyone else in the family.")
@click.option("--born", type=int, metavar="YEAR", help="Birth year (ages are computed).")
@click.option("--does", "activities", default="", metavar="ACTIVITIES",
              help='What they do: "football, piano".')
@click.option("--contact", "linked", is_flag=True, help="MEMBER names one of your contacts.")
@db_option
def family(name, partner, child, parent, sibling, other, born, activities, linked, db):
    """Add a family member: a name, or with --contact one of your contacts."""
    given = {relation: value for relation, value in zip(
        RELATION_OPTIONS, (partner, child, parent, sibling, other), strict=True) if value}
    if len(given) != 1:
        raise UserError("say who, with one of --partner, --child, --parent, --sibling, --other")
    [(relation, member_name)] = given.items()
    opened(db)
    from connecttui.core import dates, people
    from connecttui.core import family as kin

    contact = people.find_contact(name)
    linked_id = people.find_contact(member_name).id if linked else None
    member = kin.add_member(contact.id, relation, "" if linked else member_name, born,
                            activities, linked_id)
    [shown] = [m for m in kin.members(contact.id, dates.today()) if m.id == member.id]
    click.echo(f"added to {printable(contact.name)}'s family: {printable(kin.describe(shown))}")


def _occasion_for(contact, kind: str) -> int:
    """The contact's birthday or anniversary (shared ones too), for --for."""
    from connecttui.core.store.models import Occasion

    found = Occasion.select(Occasion.id).where(
        (Occasion.kind == kind)
        & ((Occasion.contact == contact.id) | (Occasion.partner == contact.id))
    ).order_by(Occasion.id).scalar()
    if found is None:
        raise UserError(f"no {kind} is stored for {contact.name}: add it first")
    return found


@main.command()
@click.argument("name")
@click.argument("text", nargs=-1, required=True)
@click.option("--given", "status", flag_value="given", help="You gave it.")
@click.option("--received", "status", flag_value="received", help="They gave it to you.")
@click.option("--idea", "status", flag_value="idea", default=True, hidden=True)
@click.option("--on", "on", metavar="DATE", help="When it was given (default: today).")
@click.option("--for", "occasion", type=click.Choice(["birthday", "anniversary"]),
              help="The occasion it is for: an idea then comes up in its lead time.")
@db_option
def gift(name, text, status, on, occasion, db):
    """Note a gift idea, or a gift given or received. Giving one already given warns you."""
    opened(db)
    from connecttui.core import dates, gifts, people

    contact = people.find_contact(name)
    day = dates.parse_day(on, dates.today(), prefer="past") if on else None
    occasion_id = _occasion_for(contact, occasion) if occasion else None
    added, warning = gifts.add_gift(contact.id, " ".join(text), status, occasion_id, day)
    who = printable(contact.name)
    what = printable(added.text) + (f" (for the {occasion})" if occasion else "")
    if status == "idea":
        click.echo(f"added gift idea for {who}: {what}")
    else:
        way = "given to" if status == "given" else "received from"
        click.echo(f"added gift {way} {who} on {added.on.format('D MMM YYYY')}: {what}")
    if warning:
        click.echo(f"connecttui: warning: {printable(warning)}", err=True)


def _folded(address: str) -> str:
    return ", ".join(one_line(line) for line in address.splitlines() if line.strip())


@main.command()
@click.option("--year", type=click.IntRange(1900, 9999), help="Which year (default: this one).")
@click.option("--add", "adds", multiple=True, metavar="NAME", help="Put someone on the list.")
@click.option("--sent", "sents", multiple=True, metavar="NAME", help="Tick a card as sent.")
@click.option("--address", nargs=2, metavar="NAME ADDRESS", help="Set someone's postal address.")
@db_option
def cards(year, adds, sents, address, db):
    """The holiday card list: who gets a card, their addresses, and which are sent."""
    opened(db)
    from connecttui.core import cards as card_list
    from connecttui.core import dates, people

    year = year or dates.today().year
    if address:
        who, text = address
        people.update_contact(people.find_contact(who).id, address=text)
    for who in adds:
        card_list.add_card(people.find_contact(who).id, year)
    for who in sents:
        contact = people.find_contact(who)
        card = card_list.card_of(contact.id, year)
        if card is None:
            raise UserError(f"{contact.name} is not on the {year} card list: add them with --add")
        card_list.mark_sent(card.id)
    rows = card_list.card_list(year)
    sent = sum(1 for row in rows if row.sent)
    click.echo(f"Holiday cards {year}: {sent} of {len(rows)} sent")
    width = max((len(row.name) for row in rows), default=0)
    for row in rows:
        where = _folded(row.address) or "(no address)"
        click.echo(f"[{'x' if row.sent else ' '}] {printable(row.name):<{width}}  {where}")


@main.command()
@click.argument("names")
@click.argument("note", nargs=-1)
@db_option
def intro(names, note, db):
    """Log an introduction: you connected NAME,NAME[,...], and why."""
    opened(db)
    from connecttui.core import people, touches

    contacts = people.find_contacts(names.split(","))
    if len(contacts) < 2:
        raise UserError("an introduction connects at least two people: NAME,NAME")
    if not " ".join(note).strip():
        raise UserError("say why you introduced them, in a few words")
    touches.log_touch([c.id for c in contacts], "intro", note=" ".join(note))
    click.echo(f"logged intro with {', '.join(printable(c.name) for c in contacts)}")


@main.command()
@click.argument("name", shell_complete=complete_names)
@click.argument("text", nargs=-1, required=True)
@click.option("--due", default="today", show_default=True,
              help="The day to follow up: tomorrow, fri, in 2 weeks, 2026-12-15, 15 dec.")
@db_option
def loop(name, text, due, db):
    """Plan a follow-up with a contact (an open loop): "ask how the interview went"."""
    opened(db)
    from connecttui.core import dates, people, planning

    contact = people.find_contact(name)
    day = dates.parse_day(due, dates.today())
    added = planning.add_open_loop(contact.id, " ".join(text), day)
    click.echo(f"open loop with {printable(contact.name)}, due {day.strftime('%a')} "
               f"{day.day} {day.strftime('%b %Y')}: {printable(added.text)}")


@main.command()
@click.argument("name")
@click.argument("prefix", nargs=-1, metavar="[TEXT_PREFIX]")
@click.option("--note", default="", help="What happened: logged as a touch with them.")
@db_option
def done(name, prefix, note, db):
    """Close a contact's open loop: the only one, or the one whose text starts so."""
    opened(db)
    from connecttui.core import people, planning

    contact = people.find_contact(name)
    loops = planning.open_loops(contact.id)
    start = people.normalize(" ".join(prefix))
    chosen = [loop for loop in loops if people.normalize(loop.text).startswith(start)]
    texts = [loop.text for loop in loops]
    if not loops:
        raise UserError(f"{contact.name} has no open loop")
    if not chosen:
        raise NotFound(f'no open loop of {contact.name} starts with "{" ".join(prefix)}"',
                       texts)
    if len(chosen) > 1:
        raise Ambiguous(f"{contact.name} has {len(chosen)} open loops: say which by its first "
                        "words", [loop.text for loop in chosen])
    closed = planning.close_open_loop(chosen[0].id, note)
    noted = " (the note is logged as a touch)" if note.strip() else ""
    click.echo(f"done: {printable(closed.text)} ({printable(contact.name)}){noted}")


@main.command()
@click.argument("name")
@click.option("--days", type=int, required=True, metavar="3|7|14",
              help="How long to put the suggestion aside.")
@db_option
def snooze(name, days, db):
    """Snooze a contact's drift suggestion for 3, 7 or 14 days."""
    opened(db)
    from connecttui.core import dates, people
    from connecttui.core import snooze as snoozing

    contact = people.find_contact(name)
    if contact.deceased:  # never drifting: a snooze would hide nothing
        raise UserError(f"{contact.name} is marked deceased: never suggested, nothing to snooze")
    row = snoozing.snooze("drift", str(contact.id), days, dates.today())
    click.echo(f"snoozed {printable(contact.name)} until {row.until.format('ddd D MMM')}")
