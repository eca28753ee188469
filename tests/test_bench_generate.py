"""The benchmark generator (benchmarks/generate.py) at a tiny size: the database it writes
with raw inserts is one the core reads exactly as if every row had come through the core
(kept columns, search indexes), it is a function of (size, seed, today), and its vdir is
one khard and connecttui's own reader list. No timing here: timings are not tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from connecttui.core import planning, search, touches
from connecttui.core.store import db as store
from connecttui.core.store.models import Contact, database

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks import generate  # noqa: E402

SIZE = 150
TODAY = dt.date(2026, 11, 27)
KEPT = "SELECT id, last_touch_at, last_full_touch_at, last_social_at, learned_days " \
       "FROM contact ORDER BY id"


@pytest.fixture
def built(home, tmp_path):
    path = generate.ensure_db(SIZE, 3, folder=tmp_path / "cache", today=TODAY, quiet=True)
    database_ = store.open_db(path)
    try:
        yield path, generate.build(SIZE, 3, TODAY)
    finally:
        store.close_db()
        del database_


def rows(sql: str) -> list[tuple]:
    return list(database.execute_sql(sql).fetchall())


def count(table: str) -> int:
    return rows(f"SELECT COUNT(*) FROM {table}")[0][0]


def test_counts_are_in_proportion(built):
    _, dataset = built
    assert count("contact") == SIZE
    assert count("touch") == len(dataset.touches)
    assert 0.6 * SIZE * 20 < count("touch") < 1.5 * SIZE * 20
    assert count("touchcontact") > count("touch")  # some touches are shared
    birthdays = count("occasion WHERE kind = 'birthday'")
    assert 0.55 * SIZE < birthdays < 0.85 * SIZE
    assert count("occasion WHERE kind = 'birthday' AND year IS NULL") > 0
    assert count("fact") > 0 and count("openloop") > 0 and count("familymember") > 0
    assert count("contactfield") > 0 and count("snooze") == 0
    kinds = {kind for (kind,) in rows("SELECT DISTINCT kind FROM touch")}
    assert kinds == set(touches.KINDS)
    assert rows("PRAGMA foreign_key_check") == []
    assert rows("PRAGMA integrity_check") == [("ok",)]


def test_kept_columns_are_what_the_core_computes(built):
    before = rows(KEPT)
    assert any(row[4] is not None for row in before)  # some learned windows
    with store.transaction():
        touches.refresh_kept([cid for (cid,) in rows("SELECT id FROM contact")])
    assert rows(KEPT) == before


def test_search_indexes_are_what_the_write_paths_write(built):
    index = "SELECT rowid, name, nicknames, body FROM contact_fts ORDER BY rowid"
    notes = "SELECT rowid, note FROM touch_fts ORDER BY rowid"
    before_contacts, before_touches = rows(index), rows(notes)
    assert len(before_contacts) == SIZE
    with store.transaction():
        search.rebuild()
    assert rows(index) == before_contacts
    assert rows(notes) == before_touches
    someone = Contact.get_by_id(SIZE // 2)
    hits = search.search(someone.name)
    assert someone.id in {hit.contact_id for hit in hits if hit.kind == "contact"}
    assert any(hit.kind == "touch" for hit in search.search("talked"))


def test_the_core_reads_it(built):
    import pendulum

    today = pendulum.Date(TODAY.year, TODAY.month, TODAY.day)
    listed = touches.contact_rows(today)
    assert len(listed) == SIZE
    assert any(row.drift for row in listed)
    assert planning.upcoming(today, 30)


def _digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        text = "\n".join(conn.iterdump())
    finally:
        conn.close()
    return hashlib.sha256(text.encode()).hexdigest()


def test_the_same_size_seed_and_day_give_the_same_database(home, tmp_path):
    first = generate.ensure_db(40, 5, folder=tmp_path / "a", today=TODAY, quiet=True)
    generate.build.cache_clear()
    second = generate.ensure_db(40, 5, folder=tmp_path / "b", today=TODAY, quiet=True)
    other = generate.ensure_db(40, 6, folder=tmp_path / "c", today=TODAY, quiet=True)
    store.close_db()
    assert _digest(first) == _digest(second)
    assert _digest(first) != _digest(other)


def test_khard_and_connecttui_read_the_vdir(home, tmp_path):
    from connecttui.interop import importing

    folder = generate.ensure_vdir(SIZE, 3, folder=tmp_path / "cache", today=TODAY, quiet=True)
    dataset = generate.build(SIZE, 3, TODAY)
    expected = sorted([p.uid, p.name] for p in dataset.people)
    cards, skipped = importing.read(folder, "vcard")
    assert not skipped
    assert sorted([c.uid, c.name] for c in cards) == expected
    by_uid = {c.uid: c for c in cards}
    for person in dataset.people:
        card = by_uid[person.uid]
        assert card.birthday == (person.birthday[:3] if person.birthday else None)

    khard = Path(sys.executable).parent / "khard"
    if not khard.exists():
        pytest.skip("khard is not installed beside this Python")
    conf = tmp_path / "khard.conf"
    conf.write_text(f"[addressbooks]\n[[people]]\npath = {folder}\n"
                    "[general]\neditor = /bin/false\nmerge_editor = /bin/false\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "KHARD"))}
    env |= {"HOME": str(tmp_path), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    listed = subprocess.run([str(khard), "-c", str(conf), "list", "--parsable"],
                            capture_output=True, text=True, env=env, timeout=60, check=True)
    assert "error" not in listed.stderr.lower()
    assert sorted(line.split("\t")[:2] for line in listed.stdout.splitlines()
                  if line.strip()) == expected
    birthdays = subprocess.run([str(khard), "-c", str(conf), "birthdays", "--parsable"],
                               capture_output=True, text=True, env=env, timeout=60, check=True)
    with_birthday = sum(1 for p in dataset.people if p.birthday)
    assert len([line for line in birthdays.stdout.splitlines() if line.strip()]) == with_birthday
