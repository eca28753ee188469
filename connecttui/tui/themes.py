"""The two connecttui themes, built on Textual's theme system, and the `theme` setting.

connecttui-dark keeps the look the app always had (Textual's dark palette) with one change:
a brighter red, because the old one fell below a 4.5:1 contrast on the lists' surface once a
256-colour terminal rounded it. connecttui-light is drawn from colours that exist in the
256-colour palette, so they survive the rounding; tests/tui/test_themes.py checks the
contrast of text and of the amber/red drift colours in both, after that rounding.

The app's styles only name roles ($panel-lighten-1 for a list's cursor row, $panel-lighten-2
for pane borders), so the light theme sets those two to greys darker than its panel:
"lighten" would otherwise wash them out on a light background.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from textual.theme import Theme

from connecttui.settings import config

DARK = Theme(
    name="connecttui-dark",
    primary="#0178D4",
    secondary="#004578",
    accent="#FFA62B",
    warning="#FFA62B",  # amber: past the ideal window
    error="#E35D72",  # red: past the maximum
    success="#4EBF71",
    foreground="#E0E0E0",
    dark=True,
)

LIGHT = Theme(
    name="connecttui-light",
    primary="#005FAF",
    secondary="#0087AF",
    accent="#9A5B00",
    warning="#9A5B00",  # a dark amber: a light one is unreadable on white
    error="#AF0000",
    success="#008700",
    foreground="#1C1C1C",
    background="#F5F5F5",
    surface="#FFFFFF",
    panel="#E4E4E4",
    dark=False,
    variables={
        "panel-lighten-1": "#D0D0D0",  # the cursor row of an unfocused list
        "panel-lighten-2": "#A8A8A8",  # pane borders
        "footer-key-foreground": "#005FAF",
    },
)

THEMES = (DARK, LIGHT)


def apply_theme(app, settings: config.Settings) -> list[str]:
    """Register both themes and switch to the configured one; an unknown name is a problem
    (naming its line) and the default theme is used."""
    for theme in THEMES:
        app.register_theme(theme)
    if settings.theme in app.available_themes:
        app.theme = settings.theme
        return []
    app.theme = config.DEFAULT_THEME
    names = ", ".join(sorted(app.available_themes))
    return [f"{settings.line_of('', 'theme')}: unknown theme {settings.theme!r} "
            f"(themes: {names}); using {config.DEFAULT_THEME}"]


_THEME_LINE = re.compile(r"""^(\s*theme\s*=\s*)("[^"\n]*"|'[^'\n]*'|[^\s#]+)(.*)$""")
_TABLE_LINE = re.compile(r"^\s*\[")


def save_theme(name: str, path: Path | None = None) -> None:
    """Keep a theme chosen with ctrl+p: only the file's `theme` line changes (comments and
    everything else stay as the user wrote them); a missing line is added before the first
    table, a missing file is created from the commented default. Raises OSError."""
    from connecttui.settings import file as config_file

    path = path or config.config_file()
    config_file.write_default(path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    value = f'"{name}"'
    position, found = len(lines), False
    for index, line in enumerate(lines):
        if _TABLE_LINE.match(line):
            position = index
            break
        if match := _THEME_LINE.match(line.rstrip("\r\n")):
            ending = line[len(line.rstrip("\r\n")):]
            lines[index] = f"{match[1]}{value}{match[3]}{ending}"
            found = True
            break
    if not found:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines.insert(position, f"theme = {value}\n")
    temporary = path.with_name(path.name + ".tmp")
    mode = path.stat().st_mode & 0o777
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write("".join(lines))
    os.replace(temporary, path)
