"""Fixtures shared by every test.

- `home`: an isolated CONNECTTUI_HOME (a tmp folder), the zone pinned to Europe/London and
  CONNECTTUI_DB cleared, so no test ever reads or writes the real user's files.
- `db_path`: where a test's database file lives (it does not exist yet); with
  CONNECTTUI_TEST_ENGINE=postgres, the URL of a fresh PostgreSQL database instead.
- `db`: an open, migrated database at `db_path` (within `home`); closed afterwards.
- `pg_server`: a real PostgreSQL server for this test session (tests/helpers/postgres.py).

The engine: CONNECTTUI_TEST_ENGINE=sqlite (the default) or postgres. On postgres the same
tests run against a throwaway server; tests marked `sqlite_only(reason)` (about the SQLite
file itself) are skipped there, with their reason.
- `today`: the day the tests pretend it is, Friday 27 Nov 2026 (the PRODUCT.md sketch's day).
  Pass it explicitly to functions that take `today`; freeze the clock with time_machine
  where the code itself reads it (pendulum.now).
"""

from __future__ import annotations

import os
from pathlib import Path

import pendulum
import pytest
from helpers.postgres import Missing, Server

from connecttui.core.store import db as store
from connecttui.settings import config as settings_config

settings_config.hand_to_core()  # as every face does: the core gets its policy and zone

ENGINE = os.environ.get("CONNECTTUI_TEST_ENGINE", "sqlite")
if ENGINE not in ("sqlite", "postgres"):
    raise pytest.UsageError(f"CONNECTTUI_TEST_ENGINE must be sqlite or postgres, not {ENGINE}")
POSTGRES = ENGINE == "postgres"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): a test of the SQLite file itself; skipped on PostgreSQL",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list) -> None:
    if not POSTGRES:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
            assert reason, f"{item.nodeid}: sqlite_only needs a reason"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for this session (each xdist worker starts its own). Missing
    binaries fail the tests that need it: CI must install them, a skip would hide that."""
    try:
        server = Server().start()
    except Missing as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield server
    finally:
        server.stop()


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
def db_path(tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """The test's database file (not created until `open_db`); on postgres, the URL of the
    server's test database, emptied back to a new migrated database for this test."""
    if not POSTGRES:
        return tmp_path / "connecttui.db"
    return request.getfixturevalue("pg_server").fresh()


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
