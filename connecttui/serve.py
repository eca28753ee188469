"""`connecttui serve`: the same TUI in a browser, so a phone needs no second app.

textual-serve does the bridging: each browser session gets its own `connecttui --db ...`
process on this machine, and the browser only receives the screen over a websocket. What this
module adds is what textual-serve leaves out:

- A token on every route (page, static files, websocket, downloads). The TUI shows every
  note in the database, and `--host` puts it on the network, so nothing is served without
  it. It comes once in the URL (`/?token=...`, printed at start) and then from an HttpOnly,
  SameSite=Strict cookie, which the page's own websocket and assets carry.
- The websocket URL is built from the request's Host, not from the bound address, so a
  server on 0.0.0.0 works from another machine (textual-serve would send `ws://0.0.0.0`).
- No font from Google: the page is textual-serve's own, less its Google Fonts link, so
  opening it tells no third party (the terminal falls back to a local monospace font).
- One line for a busy port or a bad address, no request log (it would print the token on
  every request), and Ctrl+C closes every session before it exits.

Nothing in the core or the TUI imports this module; only `connecttui serve` does.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hmac
import ipaddress
import logging
import os
import re
import secrets
import shlex
import signal
import socket
import sys
import weakref
from pathlib import Path
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from connecttui.core.errors import UserError

TOKEN_ENV = "CONNECTTUI_SERVE_TOKEN"
"""Fixes the token (tests, or a phone's bookmark); it is removed from the sessions' env."""

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9._~-]{8,}")
"""What a chosen token may be: long enough to guess badly, and safe in a URL and a cookie."""

OK = 200
MISSING = 401
WRONG = 403

REFUSALS = {
    MISSING: "connecttui: this page needs its token. Open the full URL that "
             "`connecttui serve` printed (it ends with ?token=...).\n",
    WRONG: "connecttui: wrong token (the server may have restarted with a new one). Open "
           "the URL that `connecttui serve` printed last.\n",
}

log = logging.getLogger("textual-serve")


def new_token() -> str:
    """A fresh token: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def check_token(token: str) -> str:
    """A token given with `--token` or CONNECTTUI_SERVE_TOKEN, or a UserError saying why not."""
    if not TOKEN_PATTERN.fullmatch(token):
        raise UserError("the token needs 8 or more letters, digits or . _ ~ -")
    return token


def verdict(query_token: str | None, cookie_token: str | None, token: str) -> int:
    """OK, MISSING (401) or WRONG (403) for a request's token from the URL or the cookie.

    The URL wins when both are there: a new URL after a restart must replace an old cookie.
    compare_digest takes the same time wherever the strings differ, so timing tells nothing.
    """
    given = query_token if query_token is not None else cookie_token
    if not given:
        return MISSING
    if hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        return OK
    return WRONG


def absolute_db(path_or_url: str) -> str:
    """The database for the sessions: a path made absolute (they may not share our cwd), or
    a URL of another scheme passed on as it is."""
    if path_or_url.startswith("sqlite:///"):
        path_or_url = path_or_url[len("sqlite:///"):]
    elif "://" in path_or_url:
        return path_or_url
    return str(Path(path_or_url).expanduser().absolute())


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url(host: str, port: int, token: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={quote(token, safe='')}"


def _lan_address() -> str | None:
    """This machine's address on the local network, to print for a phone. A UDP "connect"
    only picks the route; no packet is sent."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: any routed address will do
            return probe.getsockname()[0]
    except OSError:
        return None


def banner(host: str, port: int, token: str) -> list[str]:
    """The lines printed once listening: a warning first when others can reach the port."""
    lines = []
    if not is_loopback(host):
        lines.append(f"warning: listening on {host}: anyone on the network who has the "
                     "token gets in")
    if host in ("0.0.0.0", "::", ""):
        lines.append(_url("127.0.0.1", port, token))
        lan = _lan_address()
        if lan and not is_loopback(lan):
            lines.append(_url(lan, port, token))
    else:
        lines.append(_url(host, port, token))
    return lines


def _page_template() -> str:
    """textual-serve's page without its Google Fonts stylesheet."""
    page = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    return re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>\s*", "", page.read_text("utf-8"))


class ConnectServer(Server):
    """textual-serve's Server with a token on every route and Host-relative URLs."""

    def __init__(self, db: str, *, host: str, port: int, token: str) -> None:
        argv = [sys.executable, "-m", "connecttui", "--db", db]
        # `exec`: the shell textual-serve starts it with gives way to the TUI itself.
        super().__init__("exec " + shlex.join(argv), host=host, port=port, title="connecttui")
        self.db = db
        self.token = token
        self.cookie = f"connecttui_token_{port}"
        """Cookies ignore the port: a name per port keeps two servers on one host apart."""
        self.sockets: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()

    # ----- the guard ------------------------------------------------------------------
    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        from_query = request.query.get("token")
        found = verdict(from_query, request.cookies.get(self.cookie), self.token)
        if found != OK:
            return web.Response(status=found, text=REFUSALS[found],
                                headers={"Cache-Control": "no-store"})
        if request.path == "/ws" and not _same_origin(request):
            return web.Response(status=WRONG, text="connecttui: websocket from another site\n")
        response = await handler(request)
        if from_query is not None and not response.prepared:
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict",
                                path="/")
        return response

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": _page_template()}))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_shutdown.append(self.on_shutdown)
        return app

    # ----- the page and the sessions ----------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.Response:
        """The page, with URLs built from the Host the browser used to reach us."""
        base = f"{request.scheme}://{request.host}"
        websocket = ("wss://" if request.scheme == "https" else "ws://") + request.host
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": websocket + str(request.app.router["websocket"].url_for()),
            "config": {"static": {"url": base + "/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, plus a register of open sockets for a prompt shutdown."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        session: AppService | None = None
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)
            session = AppService(
                self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=websocket.close, download_manager=self.download_manager,
            )
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one session's failure must not stop the server
            log.exception(error)
        finally:
            if session is not None:
                await session.stop()  # asks the TUI to quit and waits for it
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every session's socket, so each TUI is told to quit now, not at a timeout."""
        await asyncio.gather(
            *(ws.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")
              for ws in list(self.sockets)),
            return_exceptions=True,
        )

    # ----- running --------------------------------------------------------------------
    def serve(self, debug: bool = False) -> None:
        with contextlib.suppress(KeyboardInterrupt):  # a Ctrl+C before the handler is set
            asyncio.run(self._run())
        print("connecttui serve: stopped", flush=True)

    async def _run(self) -> None:
        runner = web.AppRunner(await self._make_app(), access_log=None, handle_signals=False,
                               shutdown_timeout=5)
        await runner.setup()
        try:
            try:
                await web.TCPSite(runner, self.host, self.port).start()
            except OSError as error:
                raise UserError(_listen_failure(error, self.host, self.port)) from None
            for line in banner(self.host, self.port, self.token):
                print(f"connecttui serve: {line}", flush=True)
            print(f"connecttui serve: database {self.db}; Ctrl+C stops", flush=True)
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for number in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):  # Windows: KeyboardInterrupt
                    loop.add_signal_handler(number, stop.set)
            await stop.wait()
        finally:
            await runner.cleanup()


def _same_origin(request: web.Request) -> bool:
    """A browser names the page that opened a websocket; only our own page may. (Clients
    that send no Origin are not browsers, and still need the token.)"""
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.host


def _listen_failure(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"port {port} is already in use: pick another with --port"
    if isinstance(error, socket.gaierror):
        return f"cannot listen on {host!r}: unknown host name"
    return f"cannot listen on {host}:{port}: {error.strerror or error}"


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None) -> None:
    """Check the database opens (its errors are one line, before anything listens), then
    serve until Ctrl+C."""
    from connecttui.core.store.db import close_db, open_db

    target = absolute_db(db)
    token = check_token(token) if token else new_token()
    open_db(target)
    close_db()
    os.environ.pop(TOKEN_ENV, None)  # the sessions need no token
    logging.basicConfig(level=logging.WARNING, format="connecttui serve: %(message)s")
    ConnectServer(target, host=host, port=port, token=token).serve()
