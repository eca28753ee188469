"""Hypothesis settings for the property tests, and a fast way to get many fresh databases.

The "connecttui" profile is what CI runs: a fixed seed (derandomize), a modest number of
examples and no example database, so a run is reproducible, quick and leaves no files in
the repository. `CONNECTTUI_HYPOTHESIS=explore` runs far more, randomly, to hunt for new
counterexamples by hand (a failure it finds should become an `@example` in the test).
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from connecttui.core.store import db as store

_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "connecttui", max_examples=100, deadline=None, derandomize=True, database=None,
    suppress_health_check=_QUIET, print_blob=True,
)
settings.register_profile(
    "explore", max_examples=3000, deadline=None, database=None, suppress_health_check=_QUIET,
)
settings.load_profile(os.environ.get("CONNECTTUI_HYPOTHESIS", "connecttui"))


@pytest.fixture
def fresh_db(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
             ) -> Callable[[], Path]:
    """`fresh_db()` opens a new, migrated, empty database and returns its path.

    Migrating costs ~60 ms, too much for a hundred examples: the first database is migrated
    once and closed, and every call opens a copy of that file (a few ms). The previous
    database is closed first; the last one is closed when the test ends. These databases
    are thrown away, so they skip fsync (synchronous=off): what is tested here is what is
    stored, not how durably (the crash tests do that).
    """
    monkeypatch.setitem(store.PRAGMAS, "synchronous", "off")
    template = tmp_path / "template.db"
    store.open_db(template)
    store.close_db()
    numbers = itertools.count()

    def new() -> Path:
        store.close_db()
        for old in tmp_path.glob("fresh-*"):
            old.unlink()  # a hundred examples would otherwise leave a hundred files
        path = tmp_path / f"fresh-{next(numbers)}.db"
        shutil.copyfile(template, path)
        store.open_db(path)
        return path

    try:
        yield new
    finally:
        store.close_db()
