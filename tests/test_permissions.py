"""Every file connecttui writes holds private data, so it is created 0600 and the folders it
creates for them 0700: the database (and SQLite's -wal/-shm beside it), backups, exports
(`-o`), the vdir written by `sync` and the calendar file of the `ics_path` setting.

The commands run as a user runs them (`python -m connecttui` in a subprocess) with the
umask at 000, so any file or folder made without an explicit private mode shows up as
world-readable (0666 / 0777) and fails the test, whatever the machine's own umask is.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def run(home: Path):
    """`run("add", "Ada")`: the real command line, umask 000, in the test's home."""
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    env.pop("CONNECTTUI_DB", None)

    def command(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "connecttui", *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60, umask=0)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout + done.stderr

    return command


def private(path: Path) -> None:
    """A file 0600 or a folder 0700, with a message naming it."""
    want = 0o700 if path.is_dir() else 0o600
    assert mode(path) == want, f"{path} is {oct(mode(path))}, not {oct(want)}"


def test_the_database_and_its_folder_are_private(run, home: Path, tmp_path: Path):
    run("add", "Ada Lovelace")  # the default database, in the data folder
    data = home / "data"
    private(data)
    private(data / "connecttui.db")
    run("log", "Ada", "a private note")
    for side in data.glob("connecttui.db-*"):  # -wal, -shm while they exist
        private(side)

    elsewhere = tmp_path / "elsewhere" / "db"  # --db into a folder that does not exist yet
    run("--db", str(elsewhere / "mine.db"), "add", "Grace Hopper")
    private(elsewhere)
    private(elsewhere / "mine.db")


def test_backups_are_private(run, home: Path):
    from connecttui.settings import paths

    run("add", "Ada Lovelace")
    printed = run("backup").strip().splitlines()[-1]
    made = Path(printed)
    assert made.parent == paths.backups_dir()
    assert made.exists()
    private(made.parent)
    for backup in made.parent.iterdir():
        private(backup)


def test_a_backup_of_a_database_elsewhere_makes_the_data_folder_private(run, home: Path,
                                                                      tmp_path: Path):
    from connecttui.settings import paths

    mine = tmp_path / "mine.db"
    run("--db", str(mine), "add", "Ada Lovelace")
    assert not (home / "data").exists()
    made = Path(run("--db", str(mine), "backup").strip().splitlines()[-1])
    private(made)
    private(paths.backups_dir())
    private(paths.data_dir())  # made for the backups; the default database goes here too


def test_exports_are_private_even_over_an_existing_open_file(run, tmp_path: Path):
    run("add", "Ada Lovelace", "--birthday", "12-10")
    run("log", "Ada", "a private note")
    out = tmp_path / "out"
    out.mkdir()
    for fmt, name in (("json", "all.json"), ("vcard", "all.vcf"), ("ics", "all.ics"),
                      ("markdown", "all.md")):
        run("export", "--format", fmt, "-o", str(out / name))
        private(out / name)
        assert (out / name).stat().st_size > 0
    shared = out / "was-shared.json"
    shared.write_text("old")
    shared.chmod(0o644)
    run("export", "--format", "json", "-o", str(shared))
    private(shared)


def test_the_vdir_written_by_sync_is_private(run, tmp_path: Path):
    run("add", "Ada Lovelace")
    run("add", "Grace Hopper")
    vdir = tmp_path / "cards" / "contacts"
    run("sync", str(vdir))
    private(vdir)
    written = list(vdir.iterdir())
    assert len([p for p in written if p.suffix == ".vcf"]) == 2, written
    for path in written:
        private(path)


def test_the_calendar_file_of_ics_path_is_private(run, home: Path, tmp_path: Path):
    calendar = tmp_path / "calendars" / "connecttui.ics"
    (home / "config").mkdir()
    (home / "config" / "config.toml").write_text(f'ics_path = "{calendar}"\n')
    run("add", "Ada Lovelace", "--birthday", "12-10")
    assert "BEGIN:VCALENDAR" in calendar.read_text()
    private(calendar.parent)
    private(calendar)
    run("add", "Grace Hopper", "--birthday", "12-09")  # rewritten, still private
    private(calendar)
    assert [p.name for p in calendar.parent.iterdir()] == ["connecttui.ics"]
