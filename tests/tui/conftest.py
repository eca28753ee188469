"""Fixtures every Pilot test shares: a stopped clock and the real app on the test database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pendulum
import pytest
import time_machine

from connecttui.core.demo import create_demo_db
from connecttui.core.store.db import close_db
from connecttui.tui.app import make_app

FROZEN_AT = pendulum.datetime(2026, 11, 27, 10, 0, tz="UTC")
"""Friday 27 Nov 2026, 10:00 in London (GMT, so also 10:00 UTC)."""


@pytest.fixture
def frozen(home: Path):
    """The clock stopped at FROZEN_AT, with the zone pinned to Europe/London (by `home`)."""
    with time_machine.travel("2026-11-27 10:00 +00:00", tick=False):
        yield FROZEN_AT


@pytest.fixture
def app_on(db, db_path: Path, frozen):
    """A factory for the real app on the test's database (no change watcher)."""
    return lambda: make_app(str(db_path), watch=False)


SNAPSHOT_AT = "2026-11-27 10:30:00 +00:00"
"""The snapshots' frozen moment: Friday 27 Nov 2026, 10:30 in London."""


@pytest.fixture(scope="session")
def built_demo_db(tmp_path_factory) -> Path:
    """The seeded demo, built once per session: rebuilding it for every snapshot test cost
    most of the snapshot files' time, and copying the finished file is nearly free."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONNECTTUI_TZ", "Europe/London")
        patch.setenv("CONNECTTUI_HOME", str(folder))
        with time_machine.travel(SNAPSHOT_AT, tick=False):
            create_demo_db(folder / "demo.db", today=pendulum.Date(2026, 11, 27))
            close_db()
    return folder / "demo.db"


@pytest.fixture
def demo_app(tmp_path, monkeypatch, built_demo_db: Path):
    """The real app on a fresh copy of the seeded demo, made and shown at SNAPSHOT_AT."""
    monkeypatch.setenv("CONNECTTUI_TZ", "Europe/London")
    monkeypatch.setenv("CONNECTTUI_HOME", str(tmp_path))
    path = tmp_path / "demo.db"
    shutil.copyfile(built_demo_db, path)  # closed after building: no -wal file to carry
    with time_machine.travel(SNAPSHOT_AT, tick=False):
        yield make_app(str(path), watch=False)
    close_db()
