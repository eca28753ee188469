"""PostgreSQL as the store, checked on every run (the SQLite run too): the same data gives
the same search results and the same JSON export on both engines, a server that can't be
reached is one line, and a password never shows.

The server is a real one, started by the `pg_server` fixture (tests/helpers/postgres.py);
without PostgreSQL's binaries these tests fail and say what to install.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pendulum
import psycopg
import pytest
import time_machine
from helpers import postgres as pg_helper
from helpers.postgres import free_port

from connecttui.core import facts, people, search, touches
from connecttui.core.errors import UserError
from connecttui.core.store import db as store
from connecttui.core.store import migrations
from connecttui.core.store.models import Contact, SchemaVersion
from connecttui.interop import backup

ROOT = Path(__file__).resolve().parents[2]
AT = pendulum.datetime(2026, 11, 20, 10, tz="UTC")
NEWEST = migrations.available()[-1].VERSION


@pytest.fixture
def pg_url(pg_server) -> str:
    """A new PostgreSQL database of its own (copied from the migrated template)."""
    url = pg_server.new_database()
    yield url
    store.close_db()
    pg_server.drop(url)


@pytest.fixture
def both(home, tmp_path, pg_url) -> dict[str, str]:
    return {"sqlite": str(tmp_path / "same.db"), "postgres": pg_url}


WORDS = ["ada", "lovelace", "café", "Cafe", "CAFÉ", "naïve", "über", "straße", "Zoë", "José",
         "Martí", "poetry", "poet", "engine", "analytical", "Ångström", "łódź", "yılmaz",
         "日本語", "テスト", "x_y", "o'connor", "well-known", "e-mail", "a.b@c.org", "ǅemal",
         "number42", "42", "İstanbul", "ΆΣΤΡΟ", "hello", "help", "helper", "he"]


def seed(rng: random.Random) -> None:
    """The same contacts, facts and touches, whatever the engine (the clock is frozen)."""
    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    ids = []
    for n in range(30):
        contact = people.add_contact(
            f"{rng.choice(WORDS).title()} {text(1)} {n}", nicknames=text(rng.randrange(3)),
            how_met=text(rng.randrange(6)), notes=text(rng.randrange(12)),
        )
        ids.append(contact.id)
        if n % 3 == 0:
            facts.add_fact(contact.id, "interest", text(3))
    for n in range(40):
        people_in = rng.sample(ids, rng.choice([1, 1, 2]))
        touches.log_touch(people_in, "call", at=AT.add(hours=n), note=text(rng.randrange(10)))


def on(url: str, work):
    store.open_db(url)
    try:
        return work()
    finally:
        store.close_db()


QUERIES = [
    *WORDS, "ada poet", "caf", "CAF", "cafe engine", "he", "h", "e", "ü", "u", "strasse",
    "lodz", "x", "y", "x_y", "x_", "_y", "o connor", "well known", "ast", "astro", "zoe",
    "İ", "i", "ı", "日本", "42", "4", "number", "", "   ", '"', "'", "(", ")", "AND", "OR",
    "NOT", "NEAR(ada poet)", "*", "-", "^", ":", "col:x", "name:ada", '"unterminated', "\x00",
    "\\", "%", "_", "😀", "¯\\_(ツ)_/¯", "DROP TABLE contact;--", "x" * 600, "word " * 300,
    "(" * 500 + ")" * 500, "' OR 1=1 --", "a:*", "a & b", "!ada", "ada <-> poet",
]


def test_the_same_search_results_on_both_engines(both):
    frozen = pendulum.datetime(2026, 11, 27, 9, tz="UTC")
    results = {}
    for engine, url in both.items():
        with time_machine.travel(frozen, tick=False):
            on(url, lambda: seed(random.Random(7)))
        results[engine] = on(url, lambda: {q: search.search(q) for q in QUERIES})
    assert sum(len(hits) for hits in results["sqlite"].values()) > 100  # a real comparison
    for query in QUERIES:
        assert results["postgres"][query] == results["sqlite"][query], query


def test_the_same_json_export_on_both_engines(both, monkeypatch):
    """Seeded separately through the core on each engine (same clock, same UIDs): the
    exports are the same bytes (row order, moments to the microsecond, booleans)."""
    frozen = pendulum.datetime(2026, 11, 27, 9, 30, 15, 123456, tz="UTC")
    exports = {}
    for engine, url in both.items():
        uids = (uuid.UUID(int=n) for n in range(1, 1000))
        monkeypatch.setattr(uuid, "uuid4", lambda uids=uids: next(uids))
        with time_machine.travel(frozen, tick=False):
            on(url, lambda: seed(random.Random(11)))

        def export():
            stream = io.StringIO()
            backup.export_json(stream)
            return stream.getvalue()

        exports[engine] = on(url, export)
    assert len(exports["sqlite"]) > 10_000  # a real comparison: every table has rows
    assert exports["postgres"] == exports["sqlite"]


def test_a_json_backup_restored_on_postgres_keeps_ids_and_new_rows_get_free_ones(both):
    def export():
        stream = io.StringIO()
        backup.export_json(stream)
        return stream.getvalue()

    on(both["sqlite"], lambda: seed(random.Random(3)))
    document = on(both["sqlite"], export)
    store.open_db(both["postgres"])
    try:
        backup.restore(backup.load_json(io.StringIO(document)))
        assert export() == document
        newest = Contact.select().order_by(Contact.id.desc()).first().id
        added = people.add_contact("Grace Hopper")  # the sequence was moved past the ids
        assert added.id == newest + 1
        touch = touches.log_touch([added.id], "call", at=AT, note="compilers")
        assert [h.touch_id for h in search.search("compil")] == [touch.id]
    finally:
        store.close_db()


def test_a_server_that_is_not_running_is_one_line(home):
    port = free_port()
    with pytest.raises(UserError) as caught:
        store.open_db(f"postgresql://someone@127.0.0.1:{port}/crm")
    message = str(caught.value)
    assert message.startswith(f"cannot reach the database at 127.0.0.1:{port}: ")
    assert "\n" not in message
    assert "refused" in message.lower()


def test_an_unknown_database_is_one_line_and_the_password_never_shows(pg_server, home):
    secret = "s3cret-Pa55word"
    url = f"postgresql://postgres:{secret}@127.0.0.1:{pg_server.port}/no_such_database"
    with pytest.raises(UserError) as caught:
        store.open_db(url)
    message = str(caught.value)
    assert "\n" not in message and secret not in message
    assert 'database "no_such_database" does not exist' in message
    down = f"postgres://postgres:{secret}@127.0.0.1:{free_port()}/crm"
    with pytest.raises(UserError) as caught:
        store.open_db(down)
    assert secret not in str(caught.value) and "\n" not in str(caught.value)


def cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    env.pop("CONNECTTUI_DB", None)
    return subprocess.run([sys.executable, "-m", "connecttui", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=60)


def test_the_cli_says_an_unreachable_server_in_one_line_without_the_password(home):
    secret = "hunter2-very-secret"
    run = cli(home, "upcoming", "--db",
              f"postgresql://me:{secret}@127.0.0.1:{free_port()}/crm")
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.startswith("connecttui: cannot reach the database at 127.0.0.1:")
    assert secret not in run.stderr + run.stdout


def test_the_cli_runs_on_postgres_and_backup_points_to_pg_dump(home, pg_url):
    assert cli(home, "add", "Ada Lovelace", "--db", pg_url).returncode == 0
    run = cli(home, "log", "ada", "call", "talked", "about", "engines", "--db", pg_url)
    assert run.returncode == 0, run.stderr
    run = cli(home, "search", "engin", "--db", pg_url)
    assert run.returncode == 0 and "Ada Lovelace" in run.stdout, run.stderr
    for args in (["backup"], ["backups"], ["restore", "some.db", "--yes"]):
        run = cli(home, *args, "--db", pg_url)
        assert run.returncode == 1, run.stderr
        assert run.stderr.count("\n") == 1 and "pg_dump" in run.stderr, run.stderr


def test_a_newer_schema_is_refused_and_nothing_is_written(home, pg_url):
    store.open_db(pg_url)
    SchemaVersion.create(version=NEWEST + 98, applied_at=AT)
    people.add_contact("Ada Lovelace")
    store.close_db()
    with psycopg.connect(pg_url) as conn:
        before = conn.execute("SELECT version, applied_at FROM schemaversion ORDER BY 1"
                              ).fetchall()
    with pytest.raises(UserError, match=rf"newer connecttui \(schema {NEWEST + 98}"):
        store.open_db(pg_url)
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT version, applied_at FROM schemaversion ORDER BY 1"
                            ).fetchall() == before
        assert conn.execute("SELECT name FROM contact").fetchall() == [("Ada Lovelace",)]


def test_every_write_is_one_transaction_on_postgres(home, pg_url):
    store.open_db(pg_url)
    try:
        ada = people.add_contact("Ada Lovelace")
        with pytest.raises(UserError):
            touches.log_touch([ada.id, 999], "call", note="never stored")
        assert touches.timeline(ada.id) == []
        failure = None
        try:
            people.add_contact("Ada Lovelace", nicknames="x" * 10)  # same name is fine
            store.database.execute_sql("SELECT * FROM no_such_table")
        except store.DB_ERRORS as error:
            failure = store.describe_failure(error)
        assert failure is not None and "\n" not in failure and "no_such_table" in failure
    finally:
        store.close_db()


def test_thread_workers_get_their_own_connection_and_the_watcher_sees_writes(home, pg_url):
    store.open_db(pg_url)
    watcher = store.ChangeWatcher(pg_url)
    try:
        assert watcher.changed() is False
        people.add_contact("Ada Lovelace")
        assert watcher.changed() is True
        assert watcher.changed() is False
        seen = []

        def worker():
            with store.reading():
                seen.append([c.name for c in Contact.select()])
            store.close_db()

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert seen == [["Ada Lovelace"]]
    finally:
        watcher.close()
        store.close_db()


def test_missing_server_binaries_are_a_clear_failure_not_a_skip(monkeypatch):
    """What the pg_server fixture turns into pytest.fail: CI must install the package."""
    monkeypatch.setattr(pg_helper.shutil, "which", lambda name: None)
    monkeypatch.setattr(pg_helper.glob, "glob", lambda pattern: [])
    with pytest.raises(pg_helper.Missing, match="apt-get install -y postgresql"):
        pg_helper.Server()
