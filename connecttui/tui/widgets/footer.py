"""The footer, rebuilt only when what it shows changes.

Textual's Footer recomposes every time a screen's bindings are updated: on every focus
change, and when a dialog closes. Each time it mounts new keys and the whole screen is laid
out again: 22 ms of the 24-34 ms frame after `enter` in the log dialog (pyinstrument, 10k
contacts, 160x50). The keys it shows are the same before and after, so this Footer compares
what it would show and recomposes only when that differs.

Dialogs leave the screen below undimmed (tui/frames.py), footer and all: while one is open,
the footer below it fades (`-covered`), so its keys do not read as the keys of the moment.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

from connecttui.tui import compat


class QuietFooter(Footer):
    DEFAULT_CSS = """
    QuietFooter.-covered FooterKey { text-opacity: 40%; }
    """

    _shown: Any = None

    def on_mount(self) -> None:  # Footer's own on_mount runs too (Textual calls each class's)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.app.screen_change_signal.unsubscribe(self)

    def _screen_changed(self, screen: Screen) -> None:
        """Fade when a dialog opens; come back after the frame that closes it (restyling
        the keys then would cost that frame 5 ms: the log dialog's `enter` is timed)."""
        if screen is not self.screen:
            self.add_class("-covered")
        elif self.has_class("-covered"):
            self.call_after_refresh(self.remove_class, "-covered")

    def _what_it_shows(self) -> tuple:
        """Everything Footer.compose reads from the bindings (textual/widgets/_footer.py)."""
        app = self.app
        active = self.screen.active_bindings
        keys = tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action,
             enabled, tooltip, binding.tooltip, binding.group)
            for (_, binding, enabled, tooltip) in active.values() if binding.show
        )
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        palette_shown = None if palette is None else (
            palette[1].key, app.get_key_display(palette[1]), palette[2], palette[3])
        return (keys, palette_shown, self.show_command_palette, app.ENABLE_COMMAND_PALETTE,
                self.compact)

    def bindings_changed(self, screen: Screen) -> None:
        """Textual's own (textual/widgets/_footer.py), recomposing only on a change; Textual's
        as it is when its ready flag cannot be set (tui/compat.py)."""
        if not compat.mark_footer_bindings_ready(self):
            super().bindings_changed(screen)
            return
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            shown = self._what_it_shows()
            if shown == self._shown:
                return
            self._shown = shown
            self.call_after_refresh(self.recompose)
