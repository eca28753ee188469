"""Keys land where the focus is once the keys before them are handled.

Textual routes a key by posting it to the focused widget's queue; a binding such as `tab`
(focus the next field) runs only when that key has bubbled back up to the app. Keys that
arrive in one burst (a paste without bracketed paste, a fast typist, a macro, a terminal
read holding several keys) are all routed before the first has bubbled back, so in the add
dialog `tab` then "Tomi" put "Tomi" at the end of the name and left the nicknames empty
(issue 15). Here the app holds each key until the one before it has been handled all the
way, its bindings included, and only then routes it, to whatever has the focus by then.

A key is handled when it comes back to the app (its bindings run there) or when a widget
stopped it. A stopped key never comes back; the look for that runs on a short timer and
hands the next key over through the app's own queue, behind the key itself should it be
on its way back after all. A key that is neither (its widget went away mid-way) lets the
next one go after HOLD_AT_MOST seconds.
"""

from __future__ import annotations

import time
from collections import deque

from textual import events

from connecttui.tui import compat

LOOK_EVERY = 0.002
"""Seconds between looks at a key that has not come back (only while keys are held)."""
HOLD_AT_MOST = 0.25
"""A key whose widget went away mid-way holds the next one no longer than this."""


class KeysInOrder:
    """Mixed into the App (before App): one key in flight at a time."""

    def _init_key_order(self) -> None:
        self._key_in_flight: events.Key | None = None
        self._key_sent_at = 0.0
        self._keys_held: deque[events.Key] = deque()
        self._key_look = None

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key):
            await super().on_event(event)
            return
        if event.is_forwarded:  # a routed key on its way back up: its bindings run now
            await super().on_event(event)
            if event is self._key_in_flight:
                await self._key_landed()
            return
        if self._key_in_flight is not None or self._keys_held:
            self._keys_held.append(event)
            self._look_at_key_in_flight()  # long since stopped: the held key goes at once
            if self._key_look is None:  # a timer only while keys wait: none when typing
                self._key_look = self.set_interval(LOOK_EVERY, self._look_at_key_in_flight)
            return
        await self._route(event)

    async def _route(self, event: events.Key) -> None:
        await super().on_event(event)  # a priority binding, or routed to the focus
        if event.is_forwarded:
            self._key_in_flight = event
            self._key_sent_at = time.monotonic()

    async def _key_landed(self) -> None:
        self._key_in_flight = None
        while self._keys_held and self._key_in_flight is None:
            await self._route(self._keys_held.popleft())
        if not self._keys_held and self._key_look is not None:
            self._key_look.stop()
            self._key_look = None

    def _look_at_key_in_flight(self) -> None:
        key = self._key_in_flight
        if key is None:
            return
        if compat.message_stopped(key) or time.monotonic() - self._key_sent_at > HOLD_AT_MOST:
            self.call_later(self._release, key)  # behind the key, were it coming back

    async def _release(self, key: events.Key) -> None:
        if key is self._key_in_flight:
            await self._key_landed()
