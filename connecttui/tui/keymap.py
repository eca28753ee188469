"""Key remapping: the config file's [keys] table, applied through Textual's keymap.

Every binding in the TUI has an id ("main.log"); `App.set_keymap` swaps the key of the
binding with that id wherever it is bound, so the footer and the help screen (which read
the bindings) show the new key. An id the TUI does not have, or a key already taken by
another binding on the same screen, is a problem naming its line, and that remap is skipped.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from textual.binding import Binding

from connecttui.settings import config
from connecttui.tui import compat


@lru_cache(maxsize=1)
def bindings_by_owner() -> dict[str, tuple[Binding, ...]]:
    """Every class in connecttui.tui that has bindings with ids: qualified name -> bindings.
    Imports the whole TUI package, so it is only called when the file remaps a key."""
    import connecttui.tui as tui

    owners: dict[str, tuple[Binding, ...]] = {}
    for info in pkgutil.walk_packages(tui.__path__, "connecttui.tui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                found = tuple(b for b in getattr(value, "BINDINGS", ()) or ()
                              if isinstance(b, Binding) and b.id)
                if found:
                    owners[f"{value.__module__}.{value.__qualname__}"] = found
    return owners


def binding_ids() -> set[str]:
    return {binding.id for found in bindings_by_owner().values() for binding in found}


def keymap_from(settings: config.Settings) -> tuple[dict[str, str], list[str]]:
    """The keymap to give Textual, and the problems with the file's [keys] (each naming
    its line)."""
    if not settings.keys:
        return {}, []
    known = binding_ids()
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in settings.keys.items():
        where = settings.line_of("keys", binding_id)
        if binding_id not in known:
            problems.append(f"{where}: no key has the id {binding_id!r} (`?` lists the keys); "
                            "ignored")
            continue
        taken = _taken_by(binding_id, keys, settings.keys)
        if taken:
            problems.append(f"{where}: {keys!r} is already the key for {taken!r}; ignored")
            continue
        keymap[binding_id] = keys
    return keymap, problems


def _taken_by(binding_id: str, keys: str, remaps: dict[str, str]) -> str | None:
    """Another binding next to this one (same screen or widget) that keeps one of `keys`."""
    wanted = {_long(key) for key in keys.split(",")}
    for found in bindings_by_owner().values():
        if not any(binding.id == binding_id for binding in found):
            continue
        for other in found:
            if other.id == binding_id:
                continue
            other_keys = remaps.get(other.id) or other.key
            if wanted & {_long(key) for key in other_keys.split(",")}:
                return other.id
    return None


def _long(key: str) -> str:
    """"?" and "question_mark" are the same key, as Textual normalises them."""
    key = key.strip()
    return compat.key_name(key) if len(key) == 1 else key
