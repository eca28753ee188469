"""Textual's private parts that connecttui relies on, in one place.

Each one is used through a function (or small class) here that checks it is still there and
falls back to Textual's public behaviour when it is not, and tests/tui/test_compat.py fails
when Textual changes underneath, so an upgrade shows what to look at instead of breaking at
a user's desk. The clever paths (the frame timer, the quiet footer, the fast quit) also need
a Textual version they were tested with: on any other they step aside until checked again.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from functools import lru_cache
from typing import Any

import textual
from textual import _time, keys
from textual.app import App
from textual.message import Message
from textual.reactive import Reactive
from textual.timer import EventTargetGone, Timer
from textual.widgets import Footer

TESTED_TEXTUAL = frozenset({"8.2.8"})
"""The Textual versions every shim here was read against (pyproject.toml pins one)."""

SCREEN_UPDATE = "screen_update"
"""The name Textual's Screen gives its repaint timer (textual/screen.py, ``_update_timer``)."""


@lru_cache(maxsize=1)
def textual_is_tested() -> bool:
    """Is the running Textual one the shims were read against? (asked once)."""
    return textual_version() in TESTED_TEXTUAL


def textual_version() -> str:
    """The installed Textual's version, read from the name of its `.dist-info` folder beside
    the package, which is where importlib.metadata reads it too; `textual.__version__`
    imports importlib.metadata and searches every path entry for it, 6 ms of a start-up
    whose first frame (the footer) asks. That search is the fallback for an install that
    keeps no such folder beside the package."""
    from pathlib import Path

    beside = Path(textual.__file__).resolve().parent.parent
    found = [folder.name.removeprefix("textual-").removesuffix(".dist-info")
             for folder in beside.glob("textual-*.dist-info")]
    return found[0] if len(found) == 1 else textual.__version__


def message_stopped(message: Message) -> bool:
    """Did a handler stop the message bubbling (`Message.stop()`)? Textual has no public
    question for it; False when the flag is gone (the caller then waits its fallback)."""
    return bool(getattr(message, "_stop_propagation", False))


def key_name(character: str) -> str:
    """The key name Textual gives a typed character ("?" is "question_mark"), as
    ``textual.keys._character_to_key`` does for bindings; the keymap compares remaps with
    it. Without that function, the same rule by hand (a test keeps the two in step)."""
    convert = getattr(keys, "_character_to_key", None)
    return convert(character) if convert is not None else key_name_by_hand(character)


def key_name_by_hand(character: str) -> str:
    """`_character_to_key`'s rule with public parts: the Unicode name, Textual's renames."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        name = getattr(keys, "ASCII_KEY_NAMES", {}).get(character, character)
    return getattr(keys, "KEY_NAME_REPLACEMENTS", {}).get(name, name)


def mark_footer_bindings_ready(footer: Footer) -> bool:
    """Set ``Footer._bindings_ready``, the reactive Textual's ``Footer.compose`` waits for
    (its own ``bindings_changed`` sets it), so QuietFooter can replace that method. False,
    with nothing set, when the flag is gone or Textual untested: the caller then uses
    Textual's own ``bindings_changed`` (a recompose each time, slower but right)."""
    if not (textual_is_tested()
            and isinstance(Footer.__dict__.get("_bindings_ready"), Reactive)):
        return False
    footer._bindings_ready = True
    return True


def driver_to_end_at_once(app: App) -> Any | None:
    """The app's driver (``App._driver``) when it is a LinuxDriver whose input thread
    (``_key_thread``) end_process_now can leave unjoined; None otherwise (Pilot's headless
    driver, other terminals, an untested Textual): the caller then takes ``App.exit()``."""
    driver = getattr(app, "_driver", None)
    if (driver is None or not textual_is_tested()
            or type(driver).__name__ != "LinuxDriver" or not hasattr(driver, "_key_thread")):
        return None
    return driver


def end_process_now(driver: Any) -> None:
    """Put the terminal back and end the process, without Textual's shutdown. The input
    thread is dropped (``driver._key_thread = None``) so ``disable_input`` does not join it:
    the join waits out its polling (about 200 ms) and the process ends with it anyway.
    ``os._exit`` skips interpreter teardown; everything has been saved by then (issue 7)."""
    driver._key_thread = None  # not joined: the process ends with it
    driver.stop_application_mode()  # mouse, paste, line wrap, alt screen, tty modes
    driver.close()  # its writer thread flushes what is queued, then stops
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def next_tick(start: float, interval: float, now: float) -> int:
    """The count of the first grid point ``start + count * interval`` at or after ``now``
    (Textual's loop adds one more interval: the skipped frame)."""
    elapsed = (now - start) / interval
    count = int(elapsed)
    return count if count == elapsed else count + 1


def frame_timer_fits() -> bool:
    """Can FrameTimer stand in for Timer? It copies ``Timer._run`` (read in the tested
    versions) and leans on ``_start``, ``_tick`` and the owner's ``_timers`` set."""
    return textual_is_tested() and all(
        hasattr(Timer, name) for name in ("_run", "_start", "_tick", "_active"))


class FrameTimer(Timer):
    """Textual's Timer loop (timer.py, ``_run``) with one change: a late timer waits for the
    next grid point, not the one after (tui/frames.py says why)."""

    async def _run(self) -> None:
        count = 0
        repeat = self._repeat
        interval = self._interval
        self._active  # noqa: B018 (creates the Event in this thread, as Textual does)
        await self._active.wait()
        start = _time.get_time()
        while repeat is None or count <= repeat:
            next_timer = start + (count + 1) * interval
            now = _time.get_time()
            if self._skip and next_timer < now:
                count = next_tick(start, interval, now) - 1
                continue
            await _time.sleep(max(0, next_timer - _time.get_time()))
            count += 1
            await self._active.wait()
            if self._reset:
                start = _time.get_time()
                count = 0
                self._reset = False
                continue
            try:
                await self._tick(next_timer=next_timer, count=count)
            except EventTargetGone:
                break


def forget_screen_repaints(screen: Any) -> bool:
    """Drop what a screen under a closing see-through dialog holds to repaint of itself
    (``Widget._dirty_regions`` and ``_repaint_regions``): the whole screen, marked when the
    dialog opened (``App.push_screen``), and what changed below it since, which the dialog
    already painted through. Its widgets' own changes stay marked on them. Then a close
    repaints only the dialog's box, not the whole screen that Textual's pop (``App.
    _replace_screen``, ``Screen._on_screen_resume``) and the dialog's removal (``App._prune``)
    ask for: 12-15 ms of composing and 5-10 ms of writing at 160x50. False, with nothing
    dropped, on an untested Textual or when the sets are gone: the caller repaints whole."""
    if not textual_is_tested():
        return False
    dirty = getattr(screen, "_dirty_regions", None)
    repaint = getattr(screen, "_repaint_regions", None)
    if not (isinstance(dirty, set) and isinstance(repaint, set)):
        return False
    dirty.clear()
    repaint.clear()
    return True


def start_owned_timer(owner: Any, timer: Timer) -> Timer:
    """Start a timer and give it to its owner, as ``MessagePump._set_timer`` does
    (``Timer._start`` and the owner's ``_timers``, which stops it on unmount)."""
    timer._start()
    owner._timers.add(timer)
    return timer
