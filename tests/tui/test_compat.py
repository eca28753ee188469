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


def test_textual_is_a_version_the_shims_were_read_against():
    """A new Textual fails here first: read each shim in compat.py against it, then add the
    version to TESTED_TEXTUAL (until then the frame timer, quiet footer and fast quit step
    aside)."""
    import textual

    assert textual.__version__ in compat.TESTED_TEXTUAL
    assert compat.textual_version() == textual.__version__  # the quick read, the same answer
    assert compat.textual_is_tested()


def test_key_names_are_textuals_and_the_fallback_agrees():
    import inspect

    from textual import keys

    assert list(inspect.signature(keys._character_to_key).parameters) == ["character"]
    assert compat.key_name("?") == "question_mark"
    assert compat.key_name("+") == "plus"
    assert compat.key_name("a") == "a"
    for code in range(32, 127):
        character = chr(code)
        assert compat.key_name_by_hand(character) == keys._character_to_key(character)


# Textual's Timer._run, as FrameTimer copies it (sha256 of its dedented source, 8.2.8).
TIMER_RUN_SHA256 = "92f4923ce3b2fa9749eb22c899af84c80ee2bd7df2d6bb63ef460e088561b6e1"


def test_the_timer_loop_frame_timer_copies_is_unchanged():
    """FrameTimer is Timer._run with one line changed: when Textual's loop changes, copy it
    again (tests/tui/test_frames.py checks the skipped frame itself)."""
    import hashlib
    import inspect
    import textwrap

    from textual.message_pump import MessagePump
    from textual.screen import Screen
    from textual.timer import Timer

    source = textwrap.dedent(inspect.getsource(Timer._run))
    assert hashlib.sha256(source.encode()).hexdigest() == TIMER_RUN_SHA256
    assert list(inspect.signature(Timer._tick).parameters) == ["self", "next_timer", "count"]
    init = inspect.getsource(Timer.__init__)
    for name in ("_repeat", "_interval", "_skip", "_reset"):
        assert f"self.{name}" in init
    assert "_active" in vars(Timer) and callable(Timer._start)
    assert "self._timers" in inspect.getsource(MessagePump.__init__)
    assert f'name="{compat.SCREEN_UPDATE}"' in inspect.getsource(Screen)
    assert compat.frame_timer_fits()


def test_footer_bindings_changed_is_still_the_one_quiet_footer_replaces():
    import inspect
    import textwrap

    from textual.reactive import Reactive
    from textual.widgets import Footer

    assert isinstance(vars(Footer)["_bindings_ready"], Reactive)
    assert textwrap.dedent(inspect.getsource(Footer.bindings_changed)) == (
        "def bindings_changed(self, screen: Screen) -> None:\n"
        "    self._bindings_ready = True\n"
        "    if not screen.app.app_focus:\n"
        "        return\n"
        "    if self.is_attached and screen is self.screen:\n"
        "        self.call_after_refresh(self.recompose)\n")
    assert "if not self._bindings_ready:" in inspect.getsource(Footer.compose)


async def test_a_footer_marked_ready_shows_its_keys():
    from textual.app import App
    from textual.widgets import Footer

    class Tiny(App):
        BINDINGS = [("x", "bell", "Ring")]

        def compose(self):
            yield Footer()

    app = Tiny()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        assert footer.children
        footer._bindings_ready = False
        footer.refresh(recompose=True)
        await pilot.pause()
        assert not footer.children  # Footer.compose waits for the flag
        assert compat.mark_footer_bindings_ready(footer)
        footer.refresh(recompose=True)
        await pilot.pause()
        assert footer.children


def test_the_fast_quit_drops_an_input_thread_the_driver_joins_only_when_set():
    import inspect

    from textual.drivers.linux_driver import LinuxDriver

    assert "self._key_thread" in inspect.getsource(LinuxDriver.__init__)
    assert "if self._key_thread is not None:" in inspect.getsource(LinuxDriver.disable_input)
    assert "self.disable_input()" in inspect.getsource(LinuxDriver.stop_application_mode)


async def test_under_pilot_the_app_takes_textuals_way_out():
    from textual.app import App

    app = App()
    async with app.run_test():
        assert app._driver is not None  # the attribute driver_to_end_at_once reads
        assert compat.driver_to_end_at_once(app) is None  # a headless driver: App.exit()


async def test_a_screens_own_repaint_sets_are_what_forget_screen_repaints_clears():
    """forget_screen_repaints clears ``Widget._dirty_regions`` and ``_repaint_regions``: a
    whole-screen refresh must land in both, and nothing else may hold it (the next frame
    then repaints only what is marked afterwards)."""
    from textual.app import App
    from textual.geometry import Region

    class Bare(App):
        pass

    app = Bare()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.refresh()
        assert Region(0, 0, 40, 10) in screen._dirty_regions
        assert Region(0, 0, 40, 10) in screen._repaint_regions
        assert compat.forget_screen_repaints(screen)
        assert not screen._dirty_regions and not screen._repaint_regions
        screen.refresh(Region(1, 1, 3, 3))
        assert screen._exchange_repaint_regions() == {Region(1, 1, 3, 3)}
