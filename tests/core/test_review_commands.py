"""Saving the weekly review is one command (core/commands/review.py): one journal entry, and
an undo that puts back every row it wrote, the Review row and the open loops its commitments
made, whether the save was the week's first or a second one.

"Exactly" is checked twice: on the whole JSON backup document (as test_commands.py does) and
on every stored row of the tables a save writes (review, openloop, undoentry), read with a
plain cursor so a changed timestamp or JSON text shows.
"""

from __future__ import annotations

import pendulum
import pytest
import time_machine
from test_undo import TODAY, document, network

from connecttui.core import planning, snapshots, undo
from connecttui.core.commands import review as reviews
from connecttui.core.errors import NotFound, UserError
from connecttui.core.review_saved import Commitment
from connecttui.core.store.models import OpenLoop, Review, UndoEntry

WEEK = pendulum.Date(2026, 11, 23)  # Mon 23 – Sun 29 Nov 2026, the week of TODAY
FIRST = pendulum.datetime(2026, 11, 27, 17, tz="UTC")
LATER = FIRST.add(hours=2)


@pytest.fixture
def net(db) -> dict[str, int]:
    return network()


def stored() -> dict[str, list[dict]]:
    """Every row, as stored, of the tables a save writes."""
    return {model._meta.table_name: snapshots.rows(model, model.id > 0)
            for model in (Review, OpenLoop, UndoEntry)}


def save(commitments, reflection="", at=FIRST) -> Review:
    with time_machine.travel(at, tick=False):
        return reviews.save_review(WEEK, commitments, reflection, TODAY)


def test_a_first_save_journals_once_and_its_undo_removes_the_record_and_its_loops(net):
    before, rows = document(), stored()
    save([Commitment("call about the engine", net["ada"]), Commitment("", net["bob"]),
          Commitment("sort the photos")], "a good week")
    assert Review.select().count() == 1
    made = OpenLoop.select().where(OpenLoop.created_at == FIRST)
    assert sorted((loop.contact_id, loop.text) for loop in made) == [
        (net["ada"], "call about the engine"), (net["bob"], "get in touch")]
    assert UndoEntry.select().count() == len(rows["undoentry"]) + 1  # one change, one entry

    assert undo.undo_last() == (
        "undid: saved the weekly review of Mon 23 Nov – Sun 29 Nov 2026, with 2 open loops")
    assert stored() == rows
    assert document() == before


def test_saving_the_week_again_then_undo_gives_back_the_first_save(net):
    save([Commitment("call", net["ada"]), Commitment("write", net["bob"])], "first")
    after_first, document_after_first = stored(), document()
    # "call" is kept (its loop stays), "write" is dropped (its loop stays too), "visit" is new
    save([Commitment("call", net["ada"]), Commitment("visit", net["cid"])], "second", at=LATER)
    second = Review.get()
    assert (second.reflection, second.saved_at) == ("second", LATER)
    assert OpenLoop.select().count() == len(after_first["openloop"]) + 1

    assert undo.undo_last() == (
        "undid: saved the weekly review of Mon 23 Nov – Sun 29 Nov 2026 again, with 1 open loop")
    assert stored() == after_first
    assert document() == document_after_first
    assert undo.undo_last().startswith("undid: saved the weekly review of Mon 23 Nov")
    assert Review.select().count() == 0


def test_undoing_a_save_again_keeps_the_loops_the_first_save_made_even_when_done(net):
    save([Commitment("call", net["ada"])], "first")
    kept = OpenLoop.get(OpenLoop.text == "call").id
    planning.close_open_loop(kept)  # done since the first save (not journaled here)
    after_close = stored()
    save([Commitment("call", net["ada"])], "second", at=LATER)
    assert OpenLoop.select().count() == len(after_close["openloop"])  # the same loop, no twin
    assert undo.undo_last() == (
        "undid: saved the weekly review of Mon 23 Nov – Sun 29 Nov 2026 again")
    assert stored() == after_close
    assert OpenLoop.get_by_id(kept).done_at is not None


def test_a_refused_save_stores_nothing_and_journals_nothing(net):
    rows = stored()
    with pytest.raises(UserError, match="up to three"):
        save([Commitment(f"thing {n}", net["ada"]) for n in range(4)])
    with pytest.raises(UserError, match="hasn't started yet"):
        reviews.save_review(WEEK.add(weeks=1), [], "", TODAY)
    with pytest.raises(NotFound):  # the second commitment's person is gone: the first's loop too
        save([Commitment("fine", net["ada"]), Commitment("gone", 9999)])
    assert stored() == rows


def test_undo_after_the_record_went_is_a_clear_error_and_changes_nothing(net):
    save([Commitment("call", net["ada"])])
    Review.delete().execute()  # e.g. a backup restored meanwhile
    rows = stored()
    with pytest.raises(UserError, match="that review no longer exists"):
        undo.undo_last()
    assert stored()["openloop"] == rows["openloop"]  # its loop was not deleted either
    assert UndoEntry.select().count() == len(rows["undoentry"]) - 1  # dropped: next one next
