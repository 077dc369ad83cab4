"""Commands that follow sources: watch, sources, alerts."""

from __future__ import annotations

from typing import Annotated

import typer

from newsledger.cli import (  # the shared app, options and helpers
    DbOpt,
    FmtOpt,
    LimitOpt,
    _deliver_alerts,
    _fail,
    _nlp,
    _print_error,
    _row_limit,
    _store,
    _table_cut,
    app,
    err,
)
from newsledger.output import Format, emit


@app.command()
def watch(
    sources: Annotated[
        list[str],
        typer.Argument(help="Feed URLs, local folders, or text files listing sources."),
    ],
    db: DbOpt = None,
    every: Annotated[str, typer.Option("--every", help="Time between cycles: 30s, 15m, 2h.")] = (
        "15m"
    ),
    once: Annotated[bool, typer.Option("--once", help="Run one cycle and stop.")] = False,
    max_items: Annotated[
        int, typer.Option("--max-items", min=1, help="Most items per feed and cycle.")
    ] = 100,
    min_interval: Annotated[
        float, typer.Option("--min-interval", min=0.0, help="Seconds between requests to a host.")
    ] = 1.0,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds per request.")] = (
        15.0
    ),
) -> None:
    """Watch feeds and folders: store new items and edited versions, then deliver alerts.

    Politeness: robots.txt, a per-host rate limit, conditional requests, retries with backoff,
    a size cap; state (what was seen, validators) lives in the store, so a restart goes on.

    Example: [bold]newsledger watch feeds.txt --every 15m[/bold]
    """
    import time

    from newsledger.monitor import make_watcher
    from newsledger.monitor.fetch import FetchSettings
    from newsledger.monitor.watch import parse_every

    try:
        period = parse_every(every)
    except ValueError as exc:
        _fail(str(exc))
    store = _store(db)
    nlp = _nlp()
    settings = FetchSettings(timeout=timeout, min_interval=min_interval)
    watcher, fetcher = make_watcher(
        store, nlp, settings=settings, max_items=max_items, on_error=_print_error
    )
    failed = False
    try:
        while True:
            cycle = watcher.cycle(sources, every=None if once else period)
            for rep in cycle.sources:
                for problem in rep.errors:
                    _print_error(problem)
            emit(
                [
                    {
                        "source": r.source,
                        "status": r.status,
                        "new": r.new,
                        "updated": r.updated,
                        "unchanged": r.unchanged,
                        "errors": len(r.errors),
                    }
                    for r in cycle.sources
                ],
                ["source", "status", "new", "updated", "unchanged", "errors"],
                Format.table,
                title="Watch cycle",
                console=err,
            )
            delivered = _deliver_alerts(store)
            # --once exits 1 when a source or a delivery failed (it was 0 for deliveries)
            failed = failed or cycle.errors > 0 or not delivered
            if once:
                break
            time.sleep(period.total_seconds())
    except KeyboardInterrupt:
        err.print("stopped")
    finally:
        fetcher.close()
        store.close()
    if once and failed:
        raise typer.Exit(1)


@app.command()
def sources(db: DbOpt = None, fmt: FmtOpt = Format.table, limit: LimitOpt = None) -> None:
    """Watched sources: last fetch, status, new items last cycle, totals and errors.

    Example: [bold]newsledger sources[/bold]
    """
    from newsledger.monitor.watch import list_sources

    rows = list_sources(_store(db, create=False))
    if not rows:
        err.print("no sources watched yet: try [bold]newsledger watch FEED-URL --once[/bold]")
        return
    emit(
        rows[: _row_limit(limit, fmt, 50)],
        [
            "source",
            "kind",
            "last_fetch",
            "last_status",
            "new_items",
            "total_items",
            "errors",
            "last_error",
        ],
        fmt,
        title="Sources",
        cut=_table_cut(limit, fmt, 50),
    )


alert_app = typer.Typer(
    help=(
        "Alerts: rules whose new matches are delivered once.\n\n"
        "Example: [bold]newsledger alert add killed --about killed --to alerts.jsonl[/bold]"
    ),
    no_args_is_help=True,
)
app.add_typer(alert_app, name="alert")


@alert_app.command("add")
def alert_add(
    name: Annotated[str, typer.Argument(help="A name for the rule.")],
    to: Annotated[str, typer.Option("--to", help="A .jsonl file or an http(s) webhook URL.")],
    speaker: Annotated[str | None, typer.Option("--speaker", help="Attributions by X.")] = None,
    about: Annotated[str | None, typer.Option("--about", help="Records mentioning TEXT.")] = None,
    series: Annotated[str | None, typer.Option("--series", help="Numbers of a series.")] = None,
    conflicts_: Annotated[bool, typer.Option("--conflicts", help="New contradictions.")] = False,
    story: Annotated[str | None, typer.Option("--story", help="Only within this story.")] = None,
    db: DbOpt = None,
) -> None:
    """Add an alert; what matches already is the baseline, only new matches are delivered.

    Example: [bold]newsledger alert add rutte --speaker Rutte --to alerts.jsonl[/bold]
    """
    from newsledger.monitor.alerts import AlertError, add_alert

    chosen = [
        (k, v)
        for k, v in (("speaker", speaker), ("about", about), ("series", series))
        if v is not None
    ]
    if conflicts_:
        chosen.append(("conflicts", None))
    if len(chosen) != 1:
        _fail("give exactly one of --speaker, --about, --series, --conflicts")
    kind, value = chosen[0]
    store = _store(db)
    try:
        n = add_alert(store, name, kind, value, to, story=story)
    except AlertError as exc:
        _fail(str(exc))
    err.print(f"alert {name!r} added ({n} existing match(es) form its baseline)")


@alert_app.command("list")
def alert_list(db: DbOpt = None, fmt: FmtOpt = Format.table) -> None:
    """List alerts with how many matches each has delivered.

    Example: [bold]newsledger alert list --format jsonl[/bold]
    """
    from newsledger.monitor.alerts import list_alerts

    rows = list_alerts(_store(db, create=False))
    if not rows and fmt is Format.table:
        err.print(
            "no alerts: add one with [bold]newsledger alert add NAME --about TEXT --to "
            "alerts.jsonl[/bold]"
        )
        return
    emit(
        rows,
        ["name", "kind", "value", "story", "target", "delivered", "pending"],
        fmt,
        title="Alerts",
    )


@alert_app.command("remove")
def alert_remove(
    name: Annotated[str, typer.Argument(help="The alert's name.")], db: DbOpt = None
) -> None:
    """Remove an alert and its delivery log.

    Example: [bold]newsledger alert remove rutte[/bold]
    """
    from newsledger.monitor.alerts import remove_alert

    # Nothing to remove from a store that does not exist: say so rather than make one.
    if not remove_alert(_store(db, create=False), name):
        _fail(f"no alert named {name!r}")
    err.print(f"alert {name!r} removed")
