"""The ``newsledger`` command line: it parses arguments and calls the library, nothing more.

The commands live in modules by theme and register themselves on :data:`app` when imported:
``records`` (extract, ingest, the listings, show, demo), ``across`` (stories, estimates,
conflicts, briefs), ``monitor`` (watch, sources, alerts) and ``serve``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from newsledger import config
from newsledger.output import Format

app = typer.Typer(
    help="newsledger: who said what, how sure, how many, when and what happened — from news.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="NEWSLEDGER_DB",
        help="SQLite database file, or a postgresql://user@host/dbname URL"
        " \\[default: ./newsledger.db].",
    ),
]
FmtOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=0,
        help="Most rows shown \\[default: a screenful in the table view, every row otherwise].",
    ),
]
WorkersOpt = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Parser processes (spaCy n_process).")
]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs lacking one."),
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Outlet for inputs lacking one.")]


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(code)


def _store(db: str | None, *, create: bool = True):
    """The store at ``--db``; ``create=False`` for commands that only read (no empty store made)."""
    from newsledger.store import StoreError, open_store

    try:
        return open_store(db, create=create)
    except StoreError as exc:
        _fail(str(exc))


def _check_out_file(path: Path, option: str) -> None:
    """End the command unless ``path`` can be a file to write: its folder exists, it is no folder.

    Checked before any work, so that a typo in the path costs nothing (the write itself may still
    fail, e.g. on permissions: :func:`_write_failed`).
    """
    if path.is_dir():
        _fail(f"{option} {path}: is a folder; give a file name")
    parent = path.parent
    if not parent.is_dir():
        _fail(f"{option} {path}: folder {parent} does not exist")


def _check_out_dir(path: Path, option: str) -> None:
    """End the command unless ``path`` is a folder or can be made one (missing folders are made)."""
    for p in (path, *path.parents):
        if p.exists():
            if not p.is_dir():
                _fail(f"{option} {path}: {p} is a file, not a folder")
            return


def _write_failed(option: str, path: Path, exc: OSError) -> None:
    """End the command on a write that failed: one line naming the option and the file."""
    _fail(f"{option} {path}: {exc.strerror or exc}")


def _nlp():
    from newsledger.nlp import ModelNotInstalledError, build_pipeline

    try:
        return build_pipeline(config.model_name())
    except ModelNotInstalledError as exc:
        _fail(str(exc))


def _print_error(e: Any) -> None:
    err.print(f"[red]✗[/red] {escape(str(e))}")


def _row_limit(limit: int | None, fmt: Format, default: int) -> int | None:
    """Rows to fetch: ``--limit`` when given, else every row or (table view) ``default`` + 1.

    One more than the table shows, so that :func:`emit` can say the table was cut.
    """
    if limit is not None:
        return limit
    return default + 1 if fmt is Format.table else None


def _table_cut(limit: int | None, fmt: Format, default: int) -> int | None:
    """Rows the table view shows when ``--limit`` is not given (``emit``'s ``cut``), else None."""
    return default if limit is None and fmt is Format.table else None


def _check_date(value: str | None) -> None:
    from datetime import date

    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            _fail(f"--published {value!r} is not a date (YYYY-MM-DD)")


def _deliver_alerts(store: Any) -> bool:
    """Deliver pending alerts, print what failed; True when every delivery went through."""
    from newsledger.monitor.alerts import deliver

    done = deliver(store)
    for problem in done.errors:
        _print_error(problem)
    if done.sent:
        err.print(f"{done.sent} alert(s) delivered")
    return not done.errors


def main() -> None:
    """Entry point for ``python -m newsledger``."""
    app()


# Imported last: each module registers its commands on ``app`` (the order is --help's order).
from newsledger.cli import records, across, monitor, serve  # noqa: E402, F401, I001
