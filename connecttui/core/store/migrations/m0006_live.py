"""Schema 6, live updates: on PostgreSQL every statement that writes a table notifies the
`connecttui` channel (a statement-level trigger calling pg_notify, see pg.notify_on_write),
so an app open on another machine reloads as soon as the write commits, whoever wrote it:
the TUI, the CLI, or any other client. Nothing changes on SQLite, where apps on the one
machine see each other's commits through data_version."""

from connecttui.core.store.models import TABLES

VERSION = 6


def apply(db) -> None:
    from connecttui.core.store.dialect import is_postgres

    if not is_postgres(db):
        return
    from connecttui.core.store import pg

    pg.notify_on_write(db, *(model._meta.table_name for model in TABLES))
