"""The command line for the six practices: facts, family, gifts, cards, introductions, open
loops done, and snoozing a drift suggestion.

Every change goes through a core command (core/commands/), so each can be undone with
`connecttui undo` or `u` in the TUI. Facts, family members and gifts are also listed,
edited and deleted here: `--list` numbers them, and `--edit WHICH` / `--delete WHICH` take
that number or the first words (core/detail_list.py).

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


def _which_options(what: str):
    """`--list`, `--edit WHICH` and `--delete WHICH`, shared by fact, family and gift."""
    def decorate(function):
        function = click.option("--delete", "delete", metavar="WHICH",
                                help=f"Delete a {what}: its number in --list or first words.")(
            function)
        function = click.option("--edit", "edit", metavar="WHICH",
                                help=f"Change a {what}: its number in --list or first words.")(
            function)
        return click.option("--list", "listing", is_flag=True,
                            help=f"List their {what}s, numbered.")(function)
    return decorate


def _chosen(contact, kind: str, what: str, which: str):
    """The fact, family member or gift WHICH names, among the contact's."""
    from connecttui.core import clock, detail_list

    return detail_list.pick(detail_list.details_of(contact.id, clock.today(), (kind,)),
                            which, f"{what} of {contact.name}")


def _list(contact, kind: str, what: str) -> None:
    from connecttui.core import clock, detail_list

    found = detail_list.details_of(contact.id, clock.today(), (kind,))
    if not found:
        click.echo(f"{printable(contact.name)} has no {what}s")
    for number, detail in enumerate(found, 1):
        click.echo(f"{number:>3}  {printable(detail.text)}")


def _one_action(text, listing: bool, edit, delete, needs_text: bool = True) -> None:
    if sum(1 for given in (listing, edit, delete) if given) > 1:
        raise UserError("say one of --list, --edit, --delete")
    if delete and text:
        raise UserError("--delete takes no text: just WHICH")
    if needs_text and not listing and not delete and not " ".join(text).strip():
        raise UserError("say what, in a few words" + (" (the new words)" if edit else ""))


@main.command()
@click.argument("name")
@click.argument("text", nargs=-1)
@click.option("--interest", "kind", flag_value="interest", help="Something they love.")
@click.option("--need", "kind", flag_value="need", help="Something they need help with.")
@click.option("--offer", "kind", flag_value="offer", help="Something they can help others with.")
@click.option("--other", "kind", flag_value="other", help="Anything else (the default).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for more); #words count too.")
@_which_options("fact")
@db_option
def fact(name, text, kind, tags, listing, edit, delete, db):
    """Note a fact about a contact: an interest, a need, an offer, anything else; or list,
    edit or delete one."""
    _one_action(text, listing, edit, delete)
    opened(db)
    from connecttui.core import people
    from connecttui.core.commands import details
    from connecttui.core.store.models import Fact

    contact = people.find_contact(name)
    if listing:
        return _list(contact, "fact", "fact")
    if delete:
        chosen = _chosen(contact, "fact", "fact", delete)
        details.delete_fact(chosen.id)
        return click.echo(f"deleted from {printable(contact.name)}: {printable(chosen.text)}")
    if edit:
        before = Fact.get_by_id(_chosen(contact, "fact", "fact", edit).id)
        added = details.edit_fact(before.id, kind or before.kind, " ".join(text),
                                  list(tags) if tags else before.tags)
        click.echo(f"changed {printable(before.kind)} for {printable(contact.name)}: "
                   f"{printable(before.text)} -> {printable(added.text)}")
        return
    kind = kind or "other"
    added = details.add_fact(contact.id, kind, " ".join(text), tags=list(tags))
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
@click.option("--contact", "linked", is_flag=True,
              help="MEMBER names one of your contacts, whose card gets the relation back.")
@_which_options("family member")
@db_option
def family(name, partner, child, parent, sibling, other, born, activities, linked, listing,
           edit, delete, db):
    """Add a family member: a name, or with --contact one of your contacts; or list, edit
    (--edit WHICH with --born, --does, or a relation option for the new name) or delete one."""
    given = {relation: value for relation, value in zip(
        RELATION_OPTIONS, (partner, child, parent, sibling, other), strict=True) if value}
    _one_action((), listing, edit, delete, needs_text=False)
    if (delete or listing) and (given or born or activities):
        raise UserError("--list and --delete take no other options")
    if not (edit or delete or listing) and len(given) != 1:
        raise UserError("say who, with one of --partner, --child, --parent, --sibling, --other")
    if edit and len(given) > 1:
        raise UserError("--edit takes at most one of --partner, --child, --parent, ...")
    opened(db)
    from connecttui.core import clock, people
    from connecttui.core import family as kin
    from connecttui.core.commands import details
    from connecttui.core.store.models import FamilyMember

    contact = people.find_contact(name)
    if listing:
        return _list(contact, "family", "family member")
    if delete:
        chosen = _chosen(contact, "family", "family member", delete)
        details.delete_member(chosen.id)
        return click.echo(f"deleted from {printable(contact.name)}'s family: "
                          f"{printable(chosen.text)}")
    if edit:
        before = FamilyMember.get_by_id(_chosen(contact, "family", "family member", edit).id)
        [(relation, member_name)] = given.items() or [(before.relation, before.name)]
        member = details.edit_member(
            before.id, relation, member_name, born if born is not None else before.birth_year,
            activities or before.activities)
    else:
        [(relation, member_name)] = given.items()
        linked_id = people.find_contact(member_name).id if linked else None
        member = details.add_member(contact.id, relation, "" if linked else member_name,
                                    birth_year=born, activities=activities,
                                    linked_id=linked_id)
    [shown] = [m for m in kin.members(contact.id, clock.today()) if m.id == member.id]
    done = "changed in" if edit else "added to"
    click.echo(f"{done} {printable(contact.name)}'s family: {printable(kin.describe(shown))}")


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
@click.argument("text", nargs=-1)
@click.option("--given", "status", flag_value="given", help="You gave it.")
@click.option("--received", "status", flag_value="received", help="They gave it to you.")
@click.option("--idea", "status", flag_value="idea", help="Just an idea (the default).")
@click.option("--on", "on", metavar="DATE", help="When it was given (default: today).")
@click.option("--for", "occasion", type=click.Choice(["birthday", "anniversary"]),
              help="The occasion it is for: an idea then comes up in its lead time.")
@_which_options("gift")
@db_option
def gift(name, text, status, on, occasion, listing, edit, delete, db):
    """Note a gift idea, or a gift given or received (giving one already given warns you);
    or list, edit or delete one."""
    _one_action(text, listing, edit, delete)
    opened(db)
    from connecttui.core import clock, people, typed_dates
    from connecttui.core.commands import details
    from connecttui.core.store.models import Gift

    contact = people.find_contact(name)
    if listing:
        return _list(contact, "gift", "gift")
    if delete:
        chosen = _chosen(contact, "gift", "gift", delete)
        details.delete_gift(chosen.id)
        return click.echo(f"deleted from {printable(contact.name)}: {printable(chosen.text)}")
    day = typed_dates.parse_day(on, clock.today(), prefer="past") if on else None
    occasion_id = _occasion_for(contact, occasion) if occasion else None
    if edit:
        before = Gift.get_by_id(_chosen(contact, "gift", "gift", edit).id)
        status = status or before.status
        added, warning = details.edit_gift(
            before.id, " ".join(text), status,
            occasion_id if occasion else before.occasion_id,
            day or (before.on if status != "idea" else None))
    else:
        status = status or "idea"
        added, warning = details.add_gift(contact.id, " ".join(text), status, occasion_id, day)
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
    from connecttui.core import clock, people
    from connecttui.core.commands import cards as card_commands
    from connecttui.core.commands import contacts

    year = year or clock.today().year
    if address:
        who, text = address
        found = people.find_contact(who)
        contacts.edit_contact(found.id, address=text, label=f"set {found.name}'s address")
    for who in adds:
        card_commands.add_card(people.find_contact(who).id, year)
    for who in sents:
        contact = people.find_contact(who)
        card = card_list.card_of(contact.id, year)
        if card is None:
            raise UserError(f"{contact.name} is not on the {year} card list: add them with --add")
        card_commands.mark_sent(card.id)
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
    from connecttui.core import people
    from connecttui.core.commands import timeline

    contacts = people.find_contacts(names.split(","))
    if len(contacts) < 2:
        raise UserError("an introduction connects at least two people: NAME,NAME")
    if not " ".join(note).strip():
        raise UserError("say why you introduced them, in a few words")
    timeline.log_touch([c.id for c in contacts], "intro", note=" ".join(note))
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
    from connecttui.core import clock, people, typed_dates
    from connecttui.core.commands import plans

    contact = people.find_contact(name)
    day = typed_dates.parse_day(due, clock.today())
    added = plans.add_open_loop(contact.id, " ".join(text), day)
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
    from connecttui.core.commands import plans

    closed = plans.close_open_loop(chosen[0].id, note)
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
    from connecttui.core import clock, people
    from connecttui.core.commands import plans

    contact = people.find_contact(name)
    if contact.deceased:  # never drifting: a snooze would hide nothing
        raise UserError(f"{contact.name} is marked deceased: never suggested, nothing to snooze")
    row = plans.snooze_suggestion("drift", str(contact.id), days, clock.today(),
                                  label=f"{contact.name} (drifting)")
    click.echo(f"snoozed {printable(contact.name)} until {row.until.format('ddd D MMM')}")
