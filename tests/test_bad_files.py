"""Bad files: a database path that is not a database, that cannot be read, that is
read-only, or that sits on a full disk gives ONE clear line (`connecttui: ...`, a non-zero
exit, no traceback) and changes nothing: every byte, mode and name in its folder is as it
was, and no new empty database ever appears in place of one the app could not read.

Each case runs the real `python -m connecttui` with a write (`log`), a read (`upcoming`)
and the bare command that opens the TUI (the line must come before the screen is taken).

Permissions as root: root ignores file modes through two capabilities (CAP_DAC_OVERRIDE,
CAP_DAC_READ_SEARCH). When the tests run as root (as in CI), the command runs with those
two dropped from its bounding set (prctl PR_CAPBSET_DROP in preexec_fn; root does not get
them back across exec), so chmod 000 and a 0444 file in a 0555 folder mean for it what they
mean for any user. A probe checks that before relying on it. The full disk is
RLIMIT_FSIZE: no file the command writes may grow past the limit (Python ignores SIGXFSZ,
so the write fails with EFBIG, which SQLite reports as an I/O error).
"""

from __future__ import annotations

import ctypes
import os
import resource
import sqlite3
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from connecttui.core import people, touches
from connecttui.core.store import db as store

ROOT = Path(__file__).resolve().parents[1]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@dataclass
class Run:
    code: int
    out: str
    err: str


def drop_root_powers() -> None:
    """preexec_fn: give up root's power to ignore file modes (see the module docstring)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def as_a_user():
    """The preexec_fn that makes file modes count for the command, or skip if none can."""
    if not IS_ROOT:
        return None
    probe = subprocess.run(
        [sys.executable, "-c", "import os; os.stat('/')"],
        preexec_fn=drop_root_powers, capture_output=True, text=True,
    )
    if probe.returncode != 0:
        pytest.skip("running as root, and root's file-mode capabilities cannot be dropped "
                    f"here, so file modes cannot be tested: {probe.stderr.strip()[-200:]}")
    return drop_root_powers


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    variables = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London"}
    variables.pop("CONNECTTUI_DB", None)
    return variables


@pytest.fixture
def cli(env):
    def run(path: Path, *args: str, preexec=None) -> Run:
        # The bare command as `connecttui serve` runs it (TEXTUAL_DRIVER: no terminal
        # needed, else it would stop at "needs a terminal"): the database's line must still
        # come before the screen is taken.
        here = env if args else {**env, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
        result = subprocess.run(
            [sys.executable, "-m", "connecttui", "--db", str(path), *args],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, env=here, cwd=ROOT,
            timeout=60, preexec_fn=preexec,
        )
        return Run(result.returncode, result.stdout, result.stderr)

    return run


@pytest.fixture
def place(tmp_path: Path):
    """The folder the bad database sits in; its modes are put back afterwards for cleanup."""
    folder = tmp_path / "place"
    folder.mkdir()
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o700)


def state(folder: Path) -> dict[str, tuple]:
    """Every name under the folder: its kind, mode and bytes (or link target)."""
    seen: dict[str, tuple] = {}
    for path in sorted([folder, *folder.rglob("*")]):
        info = path.lstat()
        name = str(path.relative_to(folder))
        if stat.S_ISLNK(info.st_mode):
            seen[name] = ("link", os.readlink(path))
        elif stat.S_ISDIR(info.st_mode):
            seen[name] = ("folder", stat.S_IMODE(info.st_mode))
        else:
            seen[name] = ("file", stat.S_IMODE(info.st_mode), _bytes(path))
    return seen


def _bytes(path: Path) -> bytes:
    mode = stat.S_IMODE(path.stat().st_mode)
    path.chmod(mode | stat.S_IRUSR)  # the test itself may read even an unreadable file
    try:
        return path.read_bytes()
    finally:
        path.chmod(mode)


def one_line(run: Run) -> str:
    """A user error: non-zero exit, exactly one `connecttui:` line, no traceback, and
    nothing on stdout (so the TUI never took the screen)."""
    assert run.code != 0, run.out
    assert "Traceback" not in run.err, run.err
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("connecttui: "), run.err
    assert run.out == ""
    return lines[0]


def real_database(path: Path) -> None:
    store.open_db(path)
    try:
        ada = people.add_contact("Ada Lovelace")
        touches.log_touch([ada.id], "call", note="the analytical engine")
    finally:
        store.close_db()


COMMANDS = {
    "write": ("log", "Ada", "hello"),
    "read": ("upcoming",),
    "tui": (),
}


def check(cli, folder: Path, path: Path, words: list[str], preexec=None,
          sqlite_leftovers: bool = False) -> None:
    """Each command on the bad path: one line naming the path and the problem, no change.

    `sqlite_leftovers`: SQLite itself may leave its empty write-ahead log and shared-memory
    index beside a file it found damaged (it cannot tidy a WAL database it cannot read); the
    file itself must still be untouched, and the log empty.
    """
    before = state(folder)
    for args in COMMANDS.values():
        message = one_line(cli(path, *args, preexec=preexec))
        assert path.name in message
        for word in words:
            assert word in message.lower(), message
        after = state(folder)
        if sqlite_leftovers:
            assert after.pop(f"{path.name}-wal", ("file", 0o600, b""))[2] == b""
            after.pop(f"{path.name}-shm", None)
        assert after == before, f"{args} changed the folder"


# ----- not a database -----------------------------------------------------------------
def test_a_text_file_is_refused_and_left_alone(cli, place: Path):
    path = place / "crm.db"
    path.write_text("milk\neggs\nbread\n")
    check(cli, place, path, ["not a connecttui database"])


def test_a_damaged_database_is_refused_and_left_alone(cli, place: Path):
    path = place / "crm.db"
    real_database(path)
    whole = path.read_bytes()
    path.write_bytes(whole[:100] + b"\xa5" * (len(whole) - 100))  # the header survived
    check(cli, place, path, ["malformed"], sqlite_leftovers=True)


# ----- nothing readable there: never a new empty database in its place ---------------------
def test_a_folder_at_the_path_is_refused_and_left_alone(cli, place: Path):
    path = place / "crm.db"
    path.mkdir()
    (path / "notes.txt").write_text("mine")
    check(cli, place, path, ["directory"])


@pytest.mark.parametrize("target", ["gone.db", "unmounted/drive/crm.db"])
def test_a_broken_link_is_refused_and_nothing_is_created(cli, place: Path, target: str):
    path = place / "crm.db"
    path.symlink_to(target)
    check(cli, place, path, [target, "does not exist"])
    assert not (place / target).exists()


def test_an_unreadable_database_is_refused_and_left_alone(cli, place: Path):
    preexec = as_a_user()
    path = place / "crm.db"
    real_database(path)
    path.chmod(0o000)
    check(cli, place, path, ["permission denied"], preexec=preexec)


def test_a_read_only_database_is_refused_and_left_alone(cli, place: Path):
    preexec = as_a_user()
    path = place / "crm.db"
    real_database(path)
    path.chmod(0o444)
    place.chmod(0o555)
    check(cli, place, path, ["read"], preexec=preexec)


def test_a_database_in_an_unreadable_folder_is_not_created_anew(cli, place: Path):
    preexec = as_a_user()
    inner = place / "private"
    inner.mkdir()
    real_database(inner / "crm.db")
    inner.chmod(0o000)
    check(cli, place, inner / "crm.db", ["permission denied"], preexec=preexec)


# ----- a full disk -------------------------------------------------------------------
def write_vcards(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        for number in range(count):
            stream.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"FN:Person {number:04d} Example\r\nN:Example;Person {number:04d};;;\r\n"
                f"EMAIL:person{number}@example.org\r\nNOTE:{'a long note ' * 200}\r\n"
                "END:VCARD\r\n"
            )


def test_a_full_disk_stores_nothing_and_says_so(cli, place: Path, tmp_path: Path):
    path = place / "crm.db"
    real_database(path)
    cards = tmp_path / "cards.vcf"
    write_vcards(cards, 120)
    before = state(place)
    # Room for the file as it is and a little more (a backup copy fits), not for the import.
    limit = path.stat().st_size + 32 * 1024

    def full_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    message = one_line(cli(path, "import", str(cards), preexec=full_disk))
    assert "is the disk full?" in message, message
    assert state(place) == before
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT name FROM contact").fetchall() == [("Ada Lovelace",)]
    finally:
        conn.close()
    # With room again, the database takes writes as before.
    done = cli(path, "log", "Ada", "room again")
    assert done.code == 0, done.err


def test_a_full_disk_for_a_new_database_says_so_and_leaves_it_usable(cli, place: Path):
    path = place / "crm.db"

    def full_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    message = one_line(cli(path, "add", "Ada Lovelace", preexec=full_disk))
    assert "is the disk full?" in message, message
    assert str(path) in message
    # What the failed first open left (an empty file at most) is no obstacle with room again.
    done = cli(path, "add", "Ada Lovelace")
    assert done.code == 0, done.err
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT name FROM contact").fetchall() == [("Ada Lovelace",)]
    finally:
        conn.close()
