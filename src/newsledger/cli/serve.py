"""``newsledger serve``: the HTTP API and pages over a store."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from newsledger import config
from newsledger.cli import (  # the shared app, options and helpers
    DbOpt,
    _store,
    app,
    err,
)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Server processes (SQLite: WAL readers).")
    ] = 1,
) -> None:
    """Serve the store over HTTP: pages for people, a JSON API (/docs) for scripts.

    Writes (POST /api/ingest) need [bold]NEWSLEDGER_TOKEN[/bold] set on the server and sent as
    'Authorization: Bearer TOKEN'.

    Example: [bold]newsledger serve --db newsledger-demo.db --port 8000[/bold]
    """
    import os

    import uvicorn

    from newsledger.web import create_app

    _store(db).close()  # fail early, with a one-line message, on an unusable store
    err.print(f"serving {escape(config.db_path(db))} on http://{host}:{port}/ (Ctrl-C stops)")
    if workers == 1:
        uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
        return
    # Worker processes import the app by name; they find the store in the environment.
    os.environ["NEWSLEDGER_DB"] = config.db_path(db)
    uvicorn.run(
        "newsledger.web.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )
