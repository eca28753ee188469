"""The hand-built rows of the hot paths (no frozen-dataclass __init__) equal the ordinary
ones, field for field: a field added to the dataclass and not to the fast builder fails here."""

from __future__ import annotations

import dataclasses

from connecttui.core.suggestion import Suggestion, fast_suggestion
from connecttui.core.touches import ContactRow, _row


def test_fast_suggestion_equals_the_dataclass():
    values = dict(kind="drift", contact_id=7, contact_name="[bold]Ada", when="3d over",
                  text="Ada: 3 days past your window (14d)", reason="3 days past", ref_id=7,
                  days=9_997, level=1, ref="")
    fast = fast_suggestion(**values)
    slow = Suggestion(**values)
    assert fast == slow and hash(fast) == hash(slow)
    assert dataclasses.asdict(fast) == dataclasses.asdict(slow)
    assert set(vars(fast)) == {field.name for field in dataclasses.fields(Suggestion)}
    assert fast.snooze_ref == slow.snooze_ref == "7"


def test_fast_suggestion_defaults_match():
    fast = fast_suggestion("loop", 1, "Ada", "due", "Ada: call", "due today", 3, 0)
    assert fast == Suggestion("loop", 1, "Ada", "due", "Ada: call", "due today", 3, 0)


def test_fast_contact_row_equals_the_dataclass():
    fast = _row(3, "Ada", "inner", 5, 1, 14, 28, 20, False)
    fields = {field.name for field in dataclasses.fields(ContactRow)}
    assert set(vars(fast)) == fields
    assert fast == ContactRow(**vars(fast))
