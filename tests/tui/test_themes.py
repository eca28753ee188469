"""The two connecttui themes: chosen from config.toml or with ctrl+p (and kept), every
$variable the app's styles use resolves in both, and text and the drift colours stay
readable once a 256-colour terminal has rounded them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.tui import settle
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color
from textual.command import CommandPalette
from textual.widgets import Input

from connecttui.settings import config
from connecttui.settings.file import DEFAULT_TEXT
from connecttui.tui import themes
from connecttui.tui.keymap import bindings_by_owner
from connecttui.tui.screens.help import HelpScreen
from connecttui.tui.screens.main import MainScreen

SIZE = (120, 36)
TUI = Path(themes.__file__).parent
THEME_NAMES = ("connecttui-dark", "connecttui-light")


def write_config(home, text: str) -> Path:
    folder = home / "config"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_ctrl_p_switches_theme_and_keeps_only_the_theme_line(home, app_on):
    path = write_config(home, DEFAULT_TEXT.replace("bell = false", "bell = true  # ding"))
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == "connecttui-dark"
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"theme")
        await settle(app, pilot)
        await pilot.press("enter")  # the "Theme" command: a palette of every theme
        await settle(app, pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"connecttui-light")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.theme == "connecttui-light"
        assert isinstance(app.screen, MainScreen)
    expected = DEFAULT_TEXT.replace("bell = false", "bell = true  # ding").replace(
        'theme = "connecttui-dark"', 'theme = "connecttui-light"')
    assert path.read_text(encoding="utf-8") == expected
    assert config.load().theme == "connecttui-light"


async def test_the_configured_theme_is_used_and_an_unknown_one_is_named(home, app_on):
    write_config(home, 'theme = "connecttui-light"\n')
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == "connecttui-light"
    path = write_config(home, 'bell = false\ntheme = "solarised-purple"\n')
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == "connecttui-dark"
        messages = [n.message for n in app._notifications if n.title == "Settings"]
        assert len(messages) == 1
        assert messages[0].startswith("config.toml line 2: unknown theme 'solarised-purple'")
        assert "connecttui-light" in messages[0] and "nord" in messages[0]
    assert "solarised-purple" in path.read_text(encoding="utf-8")  # the file is left alone


def test_save_theme_changes_only_that_line_or_adds_it(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("# mine\nbell = true\ntheme = 'nord'   # dark, please\n[keys]\n",
                    encoding="utf-8")
    themes.save_theme("connecttui-light", path)
    assert path.read_text(encoding="utf-8") == (
        '# mine\nbell = true\ntheme = "connecttui-light"   # dark, please\n[keys]\n')
    path.write_text("bell = true\n[windows]\ntheme = 3\n", encoding="utf-8")
    themes.save_theme("nord", path)  # a "theme" inside a table is not the setting
    assert path.read_text(encoding="utf-8") == (
        'bell = true\ntheme = "nord"\n[windows]\ntheme = 3\n')
    path.write_text("bell = true", encoding="utf-8")
    themes.save_theme("nord", path)
    assert path.read_text(encoding="utf-8") == 'bell = true\ntheme = "nord"\n'
    missing = tmp_path / "new" / "config.toml"
    themes.save_theme("connecttui-light", missing)
    assert config.parse(missing.read_text(encoding="utf-8")).theme == "connecttui-light"
    assert missing.stat().st_mode & 0o777 == 0o600


def styles_in_the_app() -> str:
    """app.tcss and every DEFAULT_CSS in connecttui.tui."""
    texts = [(TUI / "app.tcss").read_text(encoding="utf-8")]
    import importlib
    import pkgutil

    import connecttui.tui as tui

    for info in pkgutil.walk_packages(tui.__path__, "connecttui.tui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                css = vars(value).get("DEFAULT_CSS")
                if isinstance(css, str):
                    texts.append(css)
    bindings_by_owner()  # (the same walk: every module is imported)
    return "\n".join(texts)


@pytest.mark.parametrize("name", THEME_NAMES)
async def test_every_variable_the_styles_use_resolves(name, home, app_on):
    write_config(home, f'theme = "{name}"\n')
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == name
        await pilot.press("question_mark")  # a modal with its own styles
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        variables = app.get_css_variables()
    styles = styles_in_the_app()
    defined = set(re.findall(r"^\s*\$([\w-]+)\s*:", styles, re.MULTILINE))
    used = set(re.findall(r"\$([\w-]+)", styles)) - defined
    assert used, "no $variables found: the scan is broken"
    assert sorted(used - set(variables)) == []


def rounded(css_color: str, background: str) -> tuple[int, int, int]:
    """A colour as a 256-colour terminal shows it ("auto 60%" text worked out as Textual
    does, over `background`)."""
    base = Color.parse(background)
    if css_color.startswith("auto"):
        alpha = float(css_color.split()[1].rstrip("%")) / 100
        color = base + base.get_contrast_text(alpha)
    else:
        color = base + Color.parse(css_color)
    triplet = RichColor.from_rgb(color.r, color.g, color.b).downgrade(
        ColorSystem.EIGHT_BIT).get_truecolor()
    return triplet.red, triplet.green, triplet.blue


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """WCAG contrast ratio, 1 to 21."""

    def luminance(rgb):
        def channel(value):
            value /= 255
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(v) for v in rgb)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


MINIMUM = {"text": 7.0, "text-muted": 4.5, "warning": 4.5, "error": 4.5, "accent": 4.5}
"""Text reads at AAA; dimmed text, the amber and red drift colours and accents at AA."""


def readability(theme) -> list[str]:
    variables = theme.to_color_system().generate()
    failures = []
    for background in ("background", "surface"):
        for role, minimum in MINIMUM.items():
            ratio = contrast(rounded(variables[role], variables[background]),
                             rounded(variables[background], variables[background]))
            if ratio < minimum:
                failures.append(f"{theme.name}: {role} on {background} {ratio:.2f} < {minimum}")
    amber = rounded(variables["warning"], variables["surface"])
    red = rounded(variables["error"], variables["surface"])
    if amber == red:
        failures.append(f"{theme.name}: amber and red are the same colour in 256 colours")
    return failures


@pytest.mark.parametrize("theme", themes.THEMES, ids=THEME_NAMES)
def test_text_and_drift_colours_are_readable_in_256_colours(theme):
    assert readability(theme) == []


def test_the_readability_check_can_fail():
    from textual.theme import BUILTIN_THEMES

    failures = readability(BUILTIN_THEMES["textual-light"])  # a light amber on light grey
    assert any("warning on surface" in failure for failure in failures)
    assert any("error on surface" in failure for failure in readability(
        BUILTIN_THEMES["textual-dark"]))  # the red connecttui-dark brightened


async def test_both_themes_are_offered_by_the_palette(home, app_on):
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert set(THEME_NAMES) <= set(app.available_themes)
        app.search_themes()
        await settle(app, pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"connecttui")
        assert palette.query_one(Input).value == "connecttui"
        options = palette.query_one("CommandList")
        names: list[str] = []
        for _ in range(100):  # the palette searches in the background: wait for its list
            await pilot.pause(0.02)
            names = [str(options.get_option_at_index(i).prompt)
                     for i in range(options.option_count)]
            if set(THEME_NAMES) <= set(names):
                break
        assert sorted(names) == sorted(THEME_NAMES)
