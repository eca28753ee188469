"""`connecttui serve`: a real server process, a real headless Chromium, a real database.

The browser opens the page with the token, reads the three panes from xterm.js's own screen
buffer (textual.js keeps its terminal private, so an init script catches it as it is
created), logs a touch with the keyboard, and the touch is then read from the SQLite file.
Without the token, or with a wrong one, every route is refused: the page, a static file,
a download and the websocket (opened with a raw client, as an attacker would).

Chromium is Debian's (/usr/bin/chromium, installed by CI), driven by Playwright; Playwright's
own browser download is never used. A missing Chromium fails the test: it must not pass by
skipping.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import aiohttp
import pytest

from connecttui import serve
from connecttui.core.errors import UserError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # headless: Playwright's default; the profile: a fresh one per launch
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TOKEN = "test-token-0123456789"
NOTE = "walked by the canal"

# Imports cli_serve itself, so the command is there however cli/root.py registers its modules.
LAUNCH = [sys.executable, "-c", "import connecttui.cli.serve; "
          "from connecttui.cli.root import main; main(prog_name='connecttui')"]

CATCH_TERMINAL = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal",
                          {value, writable: true, configurable: true, enumerable: true});
    window.__terminals.push(value);
  },
});
"""
"""textual.js does `this.terminal = new Terminal(...)`: a setter on Object.prototype sees it."""

READ_SCREEN = """() => {
  const t = (window.__terminals || []).find(t => t && t.buffer && t.buffer.active && t.rows);
  if (!t) return "";
  const buffer = t.buffer.active, rows = [];
  for (let i = 0; i < t.rows; i++) {
    const line = buffer.getLine(buffer.viewportY + i);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


# ----- the server ------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(home: Path) -> dict[str, str]:
    """What tests/conftest.py's `home` fixture sets, for a subprocess."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("CONNECTTUI_DB", serve.TOKEN_ENV)}
    env.update(CONNECTTUI_HOME=str(home), CONNECTTUI_TZ="Europe/London")
    return env


class Served:
    """A `connecttui serve` process in its own process group, with its output collected."""

    def __init__(self, tmp: Path, *args: str) -> None:
        self.db = tmp / "connecttui.db"
        self.home = tmp / "home"
        self.home.mkdir(exist_ok=True)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [*LAUNCH, "serve", "--port", str(self.port), "--db", str(self.db), *args],
            env=environment(self.home), cwd=tmp, start_new_session=True, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 20) -> str:
        """The first output line containing `text`; fails with all the output so far."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            self.output.append(line)
            if text in line:
                return line
        pytest.fail(f"no {text!r} from the server; it printed:\n" + "\n".join(self.output))

    def rest(self) -> str:
        """The remaining output, once the process has ended."""
        self.process.wait(timeout=10)
        time.sleep(0.1)
        while not self.lines.empty():
            self.output.append(self.lines.get())
        return "\n".join(self.output)

    def stop(self) -> None:
        """Stop the whole group (the server and the TUIs it started), politely then not."""
        for number in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, number)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                continue
            if number == signal.SIGTERM:
                with contextlib.suppress(ProcessLookupError):  # any TUI left behind
                    os.killpg(self.process.pid, signal.SIGKILL)
            return


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """One server for the module, on a database with Ada Lovelace in it."""
    tmp = tmp_path_factory.mktemp("serve")
    served = None
    try:
        home = tmp / "home"
        home.mkdir()
        subprocess.run([sys.executable, "-m", "connecttui", "--db", str(tmp / "connecttui.db"),
                        "add", "Ada Lovelace"], env=environment(home), check=True,
                       capture_output=True, timeout=60)
        served = Served(tmp, "--token", TOKEN)
        served.wait_for("?token=")
        yield served
    finally:
        if served is not None:
            served.stop()


@pytest.fixture
def browser():
    """Chromium for one test: Playwright's sync API keeps an event loop running in this
    thread while it is open, which the async tests' own loop can't share."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium "
                    "(apt-get install chromium); CI installs it. Never `playwright install`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def touches_with_note(db: Path, note: str) -> list[tuple[str, str]]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT touch.kind, contact.name FROM touch "
            "JOIN touchcontact ON touchcontact.touch_id = touch.id "
            "JOIN contact ON contact.id = touchcontact.contact_id WHERE touch.note = ?",
            (note,),
        ).fetchall()
    finally:
        connection.close()


# ----- the browser -----------------------------------------------------------------------
def test_the_printed_url_carries_the_token(server):
    assert f"http://127.0.0.1:{server.port}/?token={TOKEN}" in "\n".join(server.output)


def test_a_browser_with_the_token_logs_a_touch(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        assert page.goto(server.base + "/").status == 401
        assert "token" in page.inner_text("body")
        assert page.goto(server.base + "/?token=not-the-token").status == 403

        page.add_init_script(CATCH_TERMINAL)
        assert page.goto(f"{server.base}/?token={TOKEN}").status == 200
        cookie, = (c for c in context.cookies() if c["name"].startswith("connecttui_token"))
        assert (cookie["httpOnly"], cookie["sameSite"]) == (True, "Strict")

        wanted = ["1 Contacts", "2 Timeline", "3 Upcoming", "Ada Lovelace"]
        page.wait_for_function(
            f"() => {{ const s = ({READ_SCREEN})(); "
            f"return {wanted!r}.every(w => s.includes(w)); }}", timeout=30_000)

        page.focus("textarea.xterm-helper-textarea")  # where xterm.js takes the keys
        page.keyboard.press("l")
        page.keyboard.press("c")
        page.keyboard.type(NOTE)
        page.keyboard.press("Enter")

        deadline = time.monotonic() + 15
        while not (found := touches_with_note(server.db, NOTE)) and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert found == [("call", "Ada Lovelace")]
        page.wait_for_function(f"() => ({READ_SCREEN})().includes({NOTE!r})", timeout=10_000)
    finally:
        context.close()


# ----- refusals, with a raw client -------------------------------------------------------
async def handshake_status(url: str, **options) -> int:
    """The websocket handshake's status: 101 when it opened (and the TUI drew something)."""
    async with aiohttp.ClientSession(**options.pop("session", {})) as session:
        try:
            async with session.ws_connect(url, **options) as ws:
                message = await ws.receive(timeout=30)
                assert message.type == aiohttp.WSMsgType.BINARY, message
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


async def test_every_route_needs_the_token(server):
    async with aiohttp.ClientSession() as session:
        for path in ("/", "/static/js/textual.js", "/download/anything"):
            async with session.get(server.base + path) as response:
                assert response.status == 401, path
                assert "token" in await response.text()
        async with session.get(server.base + "/?token=wrong-token-123") as response:
            assert response.status == 403
    good = {"session": {"cookies": {f"connecttui_token_{server.port}": TOKEN}}}
    async with (aiohttp.ClientSession(**good["session"]) as session,
                session.get(server.base + "/static/js/textual.js") as response):
        assert response.status == 200  # the cookie alone is enough

    ws = server.base.replace("http", "ws") + "/ws"
    assert await handshake_status(ws) == 401
    assert await handshake_status(ws + "?token=wrong-token-123") == 403
    assert await handshake_status(
        ws, session={"cookies": {f"connecttui_token_{server.port}": "stale-token-456"}}) == 403
    assert await handshake_status(ws + f"?token={TOKEN}",
                                  origin="http://evil.example") == 403
    assert await handshake_status(ws, **good) == 101


async def test_the_page_points_its_websocket_at_the_host_the_browser_used(server):
    """With --host 0.0.0.0 a phone reaches us by the LAN address: the page must say that
    address, not the one the server is bound to."""
    headers = {"Host": f"phone-sees.example:{server.port}"}
    async with (aiohttp.ClientSession() as session,
                session.get(f"{server.base}/?token={TOKEN}", headers=headers) as response):
        page = await response.text()
    assert f'data-session-websocket-url="ws://phone-sees.example:{server.port}/ws"' in page
    assert "googleapis" not in page


# ----- start and stop --------------------------------------------------------------------
async def test_ctrl_c_stops_the_server_and_its_sessions(tmp_path):
    served = Served(tmp_path, "--token", TOKEN)
    try:
        served.wait_for("?token=")
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(served.base.replace("http", "ws") + f"/ws?token={TOKEN}")
            assert (await ws.receive(timeout=30)).type == aiohttp.WSMsgType.BINARY
            os.killpg(served.process.pid, signal.SIGINT)  # what Ctrl+C in a terminal does
            assert served.process.wait(timeout=15) == 0
        output = served.rest()
        assert "connecttui serve: stopped" in output
        assert "Traceback" not in output
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the session's TUI is gone too
            try:
                os.killpg(served.process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            pytest.fail("a process of the server's group outlived it")
    finally:
        served.stop()


def test_a_busy_port_is_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [*LAUNCH, "serve", "--port", str(port), "--db", str(tmp_path / "x.db")],
            env=environment(tmp_path), capture_output=True, text=True, timeout=60,
        )
    assert result.returncode != 0
    assert result.stderr.strip() == (
        f"connecttui: port {port} is already in use: pick another with --port")


# ----- units -----------------------------------------------------------------------------
def test_verdict():
    token = serve.new_token()
    assert len(token) >= 32 and token != serve.new_token()
    assert serve.verdict(token, None, token) == serve.OK
    assert serve.verdict(None, token, token) == serve.OK
    assert serve.verdict(None, None, token) == serve.MISSING
    assert serve.verdict("", None, token) == serve.MISSING
    assert serve.verdict(token[:-1], None, token) == serve.WRONG
    assert serve.verdict(None, token + "x", token) == serve.WRONG
    assert serve.verdict("wrong", token, token) == serve.WRONG  # the URL wins over a cookie
    assert serve.verdict("é", None, token) == serve.WRONG  # not ASCII: no TypeError


def test_a_weak_token_is_refused():
    with pytest.raises(UserError, match="8 or more"):
        serve.check_token("1234")
    with pytest.raises(UserError):
        serve.check_token("has space in it")
    assert serve.check_token(TOKEN) == TOKEN


def test_banner_warns_only_off_loopback():
    local = serve.banner("127.0.0.1", 8000, "abc")
    assert local == ["http://127.0.0.1:8000/?token=abc"]
    everywhere = serve.banner("0.0.0.0", 8000, "abc")
    assert everywhere[0].startswith("warning: listening on 0.0.0.0")
    assert "http://127.0.0.1:8000/?token=abc" in everywhere
    assert serve.banner("::1", 9000, "abc") == ["http://[::1]:9000/?token=abc"]


def test_the_sessions_get_an_absolute_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert serve.absolute_db("my.db") == str(tmp_path / "my.db")
    assert serve.absolute_db("sqlite:///my.db") == str(tmp_path / "my.db")
    assert serve.absolute_db("sqlite:////srv/x.db") == "/srv/x.db"
    assert serve.absolute_db("postgresql://me@host/crm") == "postgresql://me@host/crm"
