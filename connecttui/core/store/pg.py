"""A PostgreSQL server as the store, for more than one machine (`--db postgresql://...`).

The same models and migrations run on it; this module holds what only PostgreSQL needs:
opening a URL with psycopg 3, saying a refused connection in one line with the password
masked, sorting text like SQLite, getting over a server that went away and came back, and
telling the TUI when another connection wrote (LISTEN/NOTIFY, see Listener).
"""

from __future__ import annotations

import re
import threading
import time

from peewee import OperationalError, PostgresqlDatabase

from connecttui.core.errors import UserError

CONNECT_TIMEOUT = 10
"""Seconds to wait for a server that does not answer (a firewall that drops packets)."""

CHANNEL = "connecttui"
"""What every committed write notifies (migration 6's triggers) and the TUI listens to."""

KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
              "keepalives_count": 3}
"""TCP keepalives for the listening connection: a machine that vanishes without closing
the connection (a laptop that sleeps, a cable pulled) is noticed within about 25 s, where
the kernel alone would wait for hours."""


def normalized(url: str) -> str:
    """`postgres://` is the common short form; psycopg and peewee want `postgresql://`."""
    return "postgresql://" + url.split("://", 1)[1] if url.startswith("postgres://") else url


def _password(url: str) -> str | None:
    try:
        from psycopg.conninfo import conninfo_to_dict

        return conninfo_to_dict(normalized(url)).get("password")
    except Exception:  # a URL psycopg cannot read has no password we could leak
        return None


def masked(url: str) -> str:
    """The URL as it may be shown: any password replaced by `***`."""
    text = re.sub(r"^(\w+://[^:/@]*):[^@/]*@", r"\1:***@", str(url))
    return re.sub(r"([?&]password=)[^&]*", r"\1***", text)


def mask_text(text: str, url: str) -> str:
    """A message with the URL's password (and the URL itself) never in it."""
    text = text.replace(url, masked(url))
    password = _password(url)
    if password:  # where it stands on its own (a short one may be part of a word)
        text = re.sub(rf"(?<![\w]){re.escape(password)}(?![\w])", "***", text)
    return text


def where(url: str) -> str:
    """"host:port" of a URL, for messages."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        parts = conninfo_to_dict(normalized(url))
    except Exception:
        return masked(url)
    host = parts.get("host") or parts.get("hostaddr") or "localhost"
    return f"{host}:{parts.get('port') or 5432}"


def one_line(text: str) -> str:
    """libpq's multi-line messages ("connection to server at ... failed: ...\\n\\tIs the
    server running ...?") as one line, without the parts that repeat the address."""
    text = re.sub(r"^connection failed:\s*", "", text.strip())
    text = re.sub(r'connection to server (at|on socket) "[^"]*"(, port \d+)? failed:\s*', "",
                  text)
    text = re.sub(r"\bFATAL:\s*", "", text)
    parts = [" ".join(part.split()) for part in text.splitlines()]
    return "; ".join(part for part in parts if part) or "no answer"


def unreachable(url: str, error: BaseException) -> str:
    """"cannot reach the database at host:port: why", in one line, no password."""
    text = mask_text(one_line(str(error)), url)
    return text if text.startswith("cannot reach") else (
        f"cannot reach the database at {where(url)}: {text}")


class Postgres(PostgresqlDatabase):
    """PostgresqlDatabase that counts the statements that changed something, so the CLI can
    tell whether a command wrote (SQLite's `total_changes`), and that gets over a lost
    connection.

    peewee keeps one connection per thread and would go on using a dead one after the
    server restarted (or the network came back): every later statement would fail. Here a
    thread's connection that psycopg reports closed or broken is dropped before the next
    transaction or statement outside one, so that one opens a new connection: it fails in
    one line while the server is away and works once it is back. A transaction that starts
    on a connection that died while idle (found out only by trying) is started again on a
    new one: BEGIN changed nothing. So is a read outside a transaction. Nothing else is
    retried: a write whose connection died may or may not have been committed, so it fails
    and says so, and the user decides."""

    def __init__(self, url: str, **kwargs) -> None:
        super().__init__(normalized(url), prefer_psycopg3=True,
                         connect_timeout=CONNECT_TIMEOUT, **kwargs)
        self.url = url
        self.writes = 0

    def _connect(self):
        import psycopg

        try:
            return super()._connect()
        except psycopg.OperationalError as error:  # peewee's wrapper keeps the message
            raise psycopg.OperationalError(unreachable(self.url, error)) from None

    def _lost(self) -> bool:
        """Did this thread's connection die (psycopg knows once a statement failed on it)?"""
        if self._state.closed:
            return False
        conn = self._state.conn
        return bool(conn.closed or conn.broken)

    def _forget_lost(self) -> None:
        if self._lost():
            self._state.reset()  # the next statement connects again (autoconnect)

    def begin(self, *args, **kwargs):
        self._forget_lost()
        try:
            return super().begin(*args, **kwargs)
        except OperationalError:
            if not self._lost():
                raise
            self._forget_lost()
            return super().begin(*args, **kwargs)

    def rollback(self):
        """A dead connection has nothing to roll back (the server ended its transaction):
        the error that killed it is the one to tell, not "the connection is lost"."""
        if self._lost():
            return None
        return super().rollback()

    def execute_sql(self, sql, params=None, *args, **kwargs):
        head = sql.lstrip()[:6].upper()
        if head in ("INSERT", "UPDATE", "DELETE"):
            self.writes += 1
        if self.in_transaction():
            return super().execute_sql(sql, params, *args, **kwargs)
        self._forget_lost()
        try:
            return super().execute_sql(sql, params, *args, **kwargs)
        except OperationalError:
            if head != "SELECT" or not self._lost():
                raise
            self._forget_lost()
            return super().execute_sql(sql, params, *args, **kwargs)


def connect(url: str) -> Postgres:
    """A database object for the URL, connected in this thread; a server that cannot be
    reached (down, a wrong password, no such database) is one UserError line."""
    db = Postgres(url)
    try:
        db.connect(reuse_if_open=True)
    except Exception as error:
        raise UserError(unreachable(url, error)) from None
    return db


def collate_like_sqlite(db) -> None:
    """Make every text column compare by code point (COLLATE "C") and have no length limit,
    as in SQLite: ORDER BY name then gives the same order as on SQLite whatever locale the
    server was created with, and a long circle name or vCard UID is stored, not refused."""
    cursor = db.execute_sql(
        """
        SELECT c.table_name, c.column_name
        FROM information_schema.columns AS c
        JOIN information_schema.tables AS t
          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying')
          AND (c.data_type <> 'text' OR c.collation_name IS DISTINCT FROM 'C')
        ORDER BY c.table_name, c.ordinal_position
        """
    )
    for table, column in cursor.fetchall():
        db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE TEXT COLLATE "C"')


class Watcher:
    """Tells whether any connection committed a write since the last look: the server's next
    transaction id moves only when a transaction that wrote was given one. Its own
    connection, in autocommit, one tiny query per look."""

    def __init__(self, url: str) -> None:
        import psycopg

        try:
            self._conn = psycopg.connect(normalized(url), autocommit=True,
                                         connect_timeout=CONNECT_TIMEOUT)
        except psycopg.Error as error:
            raise UserError(
                f"cannot reach the database at {where(url)}: "
                f"{mask_text(one_line(str(error)), url)}"
            ) from None
        self._version = self._read()

    def _read(self) -> int:
        return self._conn.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text"
                                  ).fetchone()[0]

    def changed(self) -> bool:
        version = self._read()
        if version != self._version:
            self._version = version
            return True
        return False

    def close(self) -> None:
        self._conn.close()


def snapshot_xmax(db) -> str:
    """The server's next transaction id: it moves when a transaction that wrote began."""
    return db.execute_sql("SELECT pg_snapshot_xmax(pg_current_snapshot())::text").fetchone()[0]


def notify_on_write(db, *tables: str) -> None:
    """Make every statement that writes one of these tables notify CHANNEL. pg_notify runs
    inside the writer's transaction, so the news is delivered when it commits and never for
    one rolled back; the payload is always the same, so a transaction that writes a hundred
    rows sends one notification. A migration that adds a table calls this for it."""
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION connecttui_notify() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
    )
    for table in tables:
        db.execute_sql(f'DROP TRIGGER IF EXISTS connecttui_notify ON "{table}"')
        db.execute_sql(
            f'CREATE TRIGGER connecttui_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
            f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION connecttui_notify()'
        )


class Listener:
    """Tells the TUI, from its own thread and connection, when any connection committed a
    write (LISTEN CHANNEL), and when the server went away or came back.

    `on_change()` is called at most once per `coalesce` seconds: a burst of writes (an
    import, another app's quick edits) is one reload, the last one after the burst. When the
    connection is lost, `on_offline(why)` is called once, and a new connection is tried
    every `retry` seconds (the thread sleeps in between); when one works, `on_online()`.
    The callbacks run in the listener's thread: they must only hand the news over.

    `since` is the server's next transaction id read before the app first loaded its rows
    (snapshot_xmax): a write committed before LISTEN took effect is not lost, it is one
    `on_change()` as soon as the listener is up.
    """

    WAKE = 1.0
    """Seconds between looks at the stop flag while nothing arrives (no query is sent)."""

    def __init__(self, url: str, *, on_change, on_offline, on_online, since: str | None = None,
                 retry: float = 2.0, coalesce: float = 0.3) -> None:
        self.url = url
        self.on_change, self.on_offline, self.on_online = on_change, on_offline, on_online
        self.since = since
        self.retry, self.coalesce = retry, coalesce
        self.offline = False
        self.listening = threading.Event()
        """Set while LISTEN is in effect (tests wait for it instead of sleeping)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="connecttui-listener",
                                        daemon=True)

    def start(self) -> Listener:
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop listening; the thread ends (and closes its connection) within WAKE seconds.
        Not waited for: quitting never waits on the network."""
        self._stop.set()

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                conn = psycopg.connect(normalized(self.url), autocommit=True,
                                       connect_timeout=CONNECT_TIMEOUT, **KEEPALIVES)
            except psycopg.Error as error:
                self._went_offline(error)
                self._stop.wait(self.retry)
                continue
            try:
                self._listen(conn)
            except psycopg.Error as error:
                self._went_offline(error)
            finally:
                self.listening.clear()
                conn.close()
            self._stop.wait(self.retry)  # returns at once when closed

    def _went_offline(self, error: BaseException) -> None:
        if not self.offline:
            self.offline = True
            why = re.sub(r"^consuming input failed:\s*", "", one_line(str(error)))
            self.on_offline(mask_text(why.split("; ")[0], self.url))

    def _listen(self, conn) -> None:
        conn.execute(f"LISTEN {CHANNEL}")
        self.listening.set()
        pending = False
        if self.offline:  # back: what changed meanwhile is read again
            self.offline = False
            self.on_online()
        elif self.since is not None:
            pending = conn.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text"
                                   ).fetchone()[0] != self.since
        self.since = None
        last = float("-inf")
        while not self._stop.is_set():
            wait = max(0.0, last + self.coalesce - time.monotonic()) if pending else self.WAKE
            for _ in conn.notifies(timeout=wait, stop_after=1):
                pending = True
            if pending and time.monotonic() - last >= self.coalesce and not self._stop.is_set():
                pending = False
                last = time.monotonic()
                self.on_change()
