"""Undoing a restore (core/commands/restores.py): a JSON backup written into an empty
database is taken back to the rows that were there, journal included; a database file put
back from a backup is undone by putting the file it replaced back (`connecttui undo`),
which `u` in a running TUI refuses, naming that command, and leaves next in the journal.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from test_import_undo import everything, without_journal
from test_undo import network

from connecttui.core import backups, search, undo
from connecttui.core.commands import circles, contacts, restores
from connecttui.core.errors import UserError
from connecttui.core.store import db as store
from connecttui.core.store.models import Contact, UndoEntry
from connecttui.interop import backup


@pytest.fixture
def emptied(db) -> dict:
    """The network as a JSON backup document; the database then emptied, but for a circle
    added with its journal entry (what an "empty" database may hold)."""
    network()
    doc = json.loads(json.dumps(backup.document()))
    for model in reversed(restores.RESTORED):
        model.delete().execute()
    search.rebuild()
    circles.add_circle("book club", 10, 20, False)
    return doc


def test_a_json_restore_then_undo_gives_back_the_empty_database(emptied):
    before = everything()
    counts = backup.restore_undoably(emptied, "backup.json")
    assert counts["contact"] == 3 and Contact.select().count() == 3
    assert undo.undo_last() == "undid: restored backup.json"
    assert everything() == before  # the journal too: the circle's entry is next
    assert undo.undo_last() == "undid: added circle book club"


def test_undoing_a_json_restore_is_refused_when_the_database_changed_since(emptied):
    backup.restore_undoably(emptied, "backup.json")
    Contact.update(notes="changed by hand").where(Contact.name == "Cid Campeador").execute()
    before = without_journal(everything())
    with pytest.raises(UserError, match="can't undo restored backup.json: the database has "
                                        "changed since the restore"):
        undo.undo_last()
    assert without_journal(everything()) == before


def test_restore_alone_journals_nothing(emptied):
    assert UndoEntry.select().count() == 1  # the circle's: replaced by the backup's journal
    backup.restore(emptied)  # what copying a database and the round trip use
    assert backup.document()["tables"]["undoentry"] == emptied["tables"]["undoentry"]


def names(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM contact ORDER BY id")]
    finally:
        conn.close()


def restore_file(made, db_path):
    """What `connecttui restore FILE` does (cli/backup.py)."""
    store.close_db()
    kept = backups.restore(made, db_path)
    store.open_db(db_path)
    restores.record_file_restore(made, kept)
    return kept


@pytest.mark.sqlite_only("a file restore is SQLite's: PostgreSQL is restored with pg_restore")
def test_a_file_restore_is_undone_by_putting_the_replaced_file_back(db, db_path):
    contacts.add_contact("Ada Lovelace")
    made = backups.snapshot("manual")
    contacts.add_contact("Bob Babbage")
    before = everything()
    kept = restore_file(made, db_path)
    assert [c.name for c in Contact.select()] == ["Ada Lovelace"]

    with pytest.raises(UserError, match="run `connecttui undo` from the command line, which "
                                        f"puts back {kept}"):
        undo.undo_last()  # `u` in the TUI
    assert UndoEntry.select().order_by(UndoEntry.id.desc()).first().label == (
        f"restored {made.name}")  # still next

    done, now_kept = restores.undo_file_restore()
    assert done == f"undid: restored {made.name}"
    assert everything() == before  # the journal is the one from before the restore
    assert names(now_kept) == ["Ada Lovelace"]  # what the restore gave is kept in turn
    assert restores.undo_file_restore() is None  # next: an ordinary change
    assert undo.undo_last() == "undid: added Bob Babbage"


@pytest.mark.sqlite_only("a file restore is SQLite's: PostgreSQL is restored with pg_restore")
def test_undoing_a_file_restore_whose_kept_file_is_gone_says_so(db, db_path):
    contacts.add_contact("Ada Lovelace")
    made = backups.snapshot("manual")
    kept = restore_file(made, db_path)
    kept.unlink()
    with pytest.raises(UserError, match=f"the database it replaced was kept as {kept}, "
                                        "which is gone"):
        restores.undo_file_restore()
    assert UndoEntry.select().order_by(UndoEntry.id.desc()).first().label == "added Ada Lovelace"
    assert [c.name for c in Contact.select()] == ["Ada Lovelace"]


def test_a_backup_with_a_journal_restores_over_an_empty_databases_own_journal(db):
    """A backup carries its journal, and an "empty" database may have one of its own (a
    circle added, a contact added and deleted: the trash): the restore replaces both with
    the backup's, and undoing it gives the database's own back."""
    network()
    contacts.add_contact("Dora Journal")  # the backup's journal: an entry with id 1
    doc = json.loads(json.dumps(backup.document()))
    assert doc["tables"]["undoentry"]
    for model in reversed(restores.RESTORED):
        model.delete().execute()
    search.rebuild()
    circles.add_circle("book club", 10, 20, False)  # this database's entry: id 1 again
    gone = contacts.add_contact("Eve Trashed")
    contacts.delete_contact(gone.id)
    before = everything()

    backup.restore_undoably(doc, "backup.json")
    restored = json.loads(json.dumps(backup.document()))
    assert [e["label"] for e in restored["tables"]["undoentry"]] == [
        *(e["label"] for e in doc["tables"]["undoentry"]), "restored backup.json"]
    restored["tables"]["undoentry"] = doc["tables"]["undoentry"]
    assert restored == doc  # the backup's trash and journal, not this database's

    assert undo.undo_last() == "undid: restored backup.json"
    assert everything() == before
