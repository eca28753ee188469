"""`connecttui serve`: the TUI in a browser, for a phone on the same network.

Registered on `connecttui.cli.root.main` when this module is imported, like cli/backup.py. The web
server (textual-serve, aiohttp) is imported only when the command runs.
"""

from __future__ import annotations

import click

from connecttui.cli.root import db_option, main


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 lets a phone on your network in (with the "
                   "token).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--token", envvar="CONNECTTUI_SERVE_TOKEN", default=None, metavar="TOKEN",
              help="Use this token instead of a new random one (also CONNECTTUI_SERVE_TOKEN, "
                   "which, unlike --token, other users cannot see in `ps`).")
@db_option
def serve(host, port, token, db):
    """Serve the TUI to a web browser, behind a token printed at start."""
    from connecttui.serve import serve as run
    from connecttui.settings import paths

    run(paths.resolve_db(db), host=host, port=port, token=token)
