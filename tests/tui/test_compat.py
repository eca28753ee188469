"""Each private part of Textual that connecttui leans on (connecttui/tui/compat.py) is
still there and still means what we think: these fail on the Textual upgrade that changes
one, before a user's keys go astray."""

from __future__ import annotations

from textual import events

from connecttui.tui import compat


def test_a_stopped_message_is_seen_as_stopped():
    key = events.Key("a", "a")
    assert not compat.message_stopped(key)
    key.stop()
    assert compat.message_stopped(key)
