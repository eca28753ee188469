"""Fixtures shared by every test.

- `home`: an isolated CONNECTTUI_HOME (a tmp folder), the zone pinned to Europe/London and
  CONNECTTUI_DB cleared, so no test ever reads or writes the real user's files.
- `db_path`: where a test's database file lives (it does not exist yet).
- `db`: an open, migrated database at `db_path` (within `home`); closed afterwards.
- `today`: the day the tests pretend it is, Friday 27 Nov 2026 (the PRODUCT.md sketch's day).
  Pass it explicitly to functions that take `today`; freeze the clock with time_machine
  where the code itself reads it (pendulum.now).
"""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from connecttui.core import db as store


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private CONNECTTUI_HOME for this test, with CONNECTTUI_TZ=Europe/London."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("CONNECTTUI_HOME", str(folder))
    monkeypatch.setenv("CONNECTTUI_TZ", "Europe/London")
    monkeypatch.delenv("CONNECTTUI_DB", raising=False)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The test's database file (not created until `open_db`)."""
    return tmp_path / "connecttui.db"


@pytest.fixture
def db(home: Path, db_path: Path):
    """An open, migrated database bound to the models; closed when the test ends."""
    database = store.open_db(db_path)
    try:
        yield database
    finally:
        store.close_db()


@pytest.fixture
def today() -> pendulum.Date:
    """Friday 27 November 2026."""
    return pendulum.Date(2026, 11, 27)
