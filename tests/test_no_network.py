"""connecttui opens no network connection: the command line and the TUI run with the network
forbidden and must both work and try nothing.

A `sitecustomize.py` in a temporary folder, first on PYTHONPATH, is imported by every Python
the test starts before any connecttui code. It replaces `socket.socket` (for AF_INET and
AF_INET6; AF_UNIX stays, since asyncio's event loop may make a socketpair for its self-pipe),
`socket.create_connection` and the name lookups (`getaddrinfo`, `gethostbyname`...) with
functions that write what was tried, and from where, to a log file, then raise. A program
that caught the error and went on would still leave its line in the log: the log must stay
empty. A first run checks that the guard is in place (a connection to 127.0.0.1 is refused
and logged), so a guard that silently failed to load can't make the test pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

GUARD = '''
import os
import socket
import traceback

_LOG = os.environ["CONNECTTUI_NET_LOG"]
_INET = {socket.AF_INET, getattr(socket, "AF_INET6", socket.AF_INET)}


def _refuse(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{what} pid={os.getpid()}\\n{''.join(traceback.format_stack(limit=12))}\\n")
    raise OSError(f"network forbidden by the test: {what}")


class _GuardedSocket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and (socket.AF_INET if family == -1 else family) in _INET:
            _refuse(f"socket.socket({family!r}, {type!r})")
        super().__init__(family, type, proto, fileno)


def _forbidden(name):
    def refuse(*args, **kwargs):
        _refuse(f"socket.{name}{args!r}")
    return refuse


socket.socket = _GuardedSocket
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
              "gethostbyaddr", "getnameinfo", "getfqdn", "create_server"):
    setattr(socket, _name, _forbidden(_name))
'''

TUI_SESSION = '''
import asyncio
import sys

from connecttui.core.store.models import Touch
from connecttui.tui.app import make_app

sys.path.insert(0, "tests")  # run from the repository (cwd=ROOT): the tests' helpers
from helpers.tui import workers_done  # noqa: E402


async def session(path):
    app = make_app(path, watch=True)
    async with app.run_test(size=(120, 36)) as pilot:
        async def settle():
            await pilot.pause()
            await workers_done(app)
            await pilot.pause()

        await settle()
        await pilot.press("l", "c", *"no network", "enter")  # log a call
        await settle()
        await pilot.press("enter")  # the briefing
        await settle()
        await pilot.press("escape", "slash", *"ada")  # search
        await settle()
        await pilot.press("escape", "ctrl+p", *"jump")  # the palette
        await settle()
        await pilot.press("escape", "r")  # the weekly review
        await settle()
        await pilot.press("escape")
        await settle()
        await pilot.press("b", "question_mark")  # blur, help
        await settle()
        await pilot.press("escape")
        await asyncio.sleep(2.5)  # one look for other processes' writes
        await settle()
        logged = Touch.select().where(Touch.note == "no network").count()
    print(f"TUI-OK {logged}")


asyncio.run(session(sys.argv[1]))
'''


@pytest.fixture
def guarded(home: Path, tmp_path: Path):
    """`guarded(argv)`: run argv with the network forbidden; returns the completed run."""
    folder = tmp_path / "guard"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    env = {**os.environ, "CONNECTTUI_HOME": str(home), "CONNECTTUI_TZ": "Europe/London",
           "CONNECTTUI_NET_LOG": str(log),
           "PYTHONPATH": os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")])}
    env.pop("CONNECTTUI_DB", None)

    def run(argv: list[str], timeout: int = 60) -> subprocess.CompletedProcess:
        return subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout)

    run.log = log
    return run


def attempts(log: Path) -> str:
    return log.read_text(encoding="utf-8") if log.exists() else ""


def test_the_guard_refuses_and_records_a_connection(guarded):
    probe = textwrap.dedent("""
        import socket
        try:
            socket.create_connection(("127.0.0.1", 9), timeout=1)
        except OSError as error:
            print("refused:", error)
        try:
            socket.socket(socket.AF_INET6)
        except OSError:
            print("refused too")
        a, b = socket.socketpair()  # AF_UNIX: allowed (asyncio's self-pipe)
        a.close(); b.close()
    """)
    done = guarded([sys.executable, "-c", probe])
    assert done.returncode == 0, done.stderr
    assert "refused: network forbidden" in done.stdout and "refused too" in done.stdout
    assert "create_connection" in attempts(guarded.log)
    assert "socket.socket(" in attempts(guarded.log)


def test_the_command_line_opens_no_socket(guarded, tmp_path: Path):
    db = str(tmp_path / "net.db")
    vcards = FIXTURES / "vcards" / "google-30-spouse-anniversary-folded-note.vcf"
    commands = [
        ["add", "Ada Lovelace", "--birthday", "12-10", "--every", "14"],
        ["log", "Ada", "-k", "c", "talked about engines"],
        ["fact", "Ada", "--interest", "engines"],
        ["show", "Ada"],
        ["upcoming"],
        ["search", "engines"],
        ["import", str(vcards)],
        ["export", "--format", "json", "-o", str(tmp_path / "all.json")],
        ["export", "--format", "ics", "-o", str(tmp_path / "all.ics")],
        ["sync", str(tmp_path / "vdir")],
        ["review"],
        ["plan"],
        ["cards", "--add", "Ada"],
        ["backup"],
        ["where"],
    ]
    for args in commands:
        done = guarded([sys.executable, "-m", "connecttui", "--db", db, *args])
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        assert attempts(guarded.log) == "", (args, attempts(guarded.log))


def test_the_tui_opens_no_socket(guarded, tmp_path: Path):
    db = str(tmp_path / "net.db")
    for args in (["add", "Ada Lovelace", "--birthday", "11-28"],
                 ["log", "Ada", "-k", "m", "a note to search"]):
        done = guarded([sys.executable, "-m", "connecttui", "--db", db, *args])
        assert done.returncode == 0, done.stderr
    script = tmp_path / "tui_session.py"
    script.write_text(TUI_SESSION, encoding="utf-8")
    done = guarded([sys.executable, str(script), db], timeout=120)
    assert done.returncode == 0, done.stderr
    assert "TUI-OK 1" in done.stdout, (done.stdout, done.stderr)
    assert attempts(guarded.log) == "", attempts(guarded.log)
