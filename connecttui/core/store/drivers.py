"""Keep peewee from loading PostgreSQL's driver in processes that only use SQLite.

peewee imports every database driver it can find when it is first imported. With psycopg
installed (for PostgreSQL) that costs about 0.35 s on this machine, more than peewee and
pendulum together, on every `connecttui log` and every start of the TUI. A process that
opens only SQLite files imports peewee with psycopg hidden; a process that opens a
PostgreSQL URL (or both, like `copy-to`) imports it normally. The choice is made once, before
the first import of peewee; later imports of psycopg by other code are unaffected.
"""

from __future__ import annotations

import os
import sys

POSTGRES_SCHEMES = ("postgresql://", "postgres://")

HIDDEN = ("psycopg", "psycopg2")
"""The drivers peewee probes at import time that SQLite never needs."""


def is_postgres_url(url: str | os.PathLike | None) -> bool:
    """Is this database named by a PostgreSQL URL (else an SQLite file)? The one spelling of
    the question: it lives here, where nothing is imported, for the fast paths."""
    return bool(url) and os.fspath(url).startswith(POSTGRES_SCHEMES)


def prepare(*urls: str | None) -> None:
    """Import peewee for these databases: without the PostgreSQL driver when none of them
    is a PostgreSQL URL. Does nothing once peewee is imported."""
    if "peewee" in sys.modules or any(is_postgres_url(url) for url in urls):
        return
    hidden = {name: sys.modules.get(name) for name in HIDDEN}
    for name in HIDDEN:
        sys.modules[name] = None  # an import of it now raises ImportError at once
    try:
        import peewee  # noqa: F401
    finally:
        for name, module in hidden.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
