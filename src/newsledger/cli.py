"""The ``newsledger`` command line: it parses arguments and calls the library, nothing more."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from newsledger import config
from newsledger.output import Format, emit

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
        " [default: ./newsledger.db].",
    ),
]
FmtOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        help="Most rows shown [default: a screenful in the table view, every row otherwise].",
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


def _store(db: str | None):
    from newsledger.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        _fail(str(exc))


def _nlp():
    from newsledger.nlp import ModelNotInstalledError, build_pipeline

    try:
        return build_pipeline(config.model_name())
    except ModelNotInstalledError as exc:
        _fail(str(exc))


def _print_error(e: Any) -> None:
    err.print(f"[red]✗[/red] {escape(str(e))}")


def _row_limit(limit: int | None, fmt: Format, default: int) -> int | None:
    """``--limit`` when given; else ``default`` rows in the table view and every row otherwise."""
    if limit is not None:
        return limit
    return default if fmt is Format.table else None


def _check_date(value: str | None) -> None:
    from datetime import date

    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            _fail(f"--published {value!r} is not a date (YYYY-MM-DD)")


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Files or directories to read.")],
    fmt: FmtOpt = Format.jsonl,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave article text out.")] = False,
    workers: WorkersOpt = 1,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
) -> None:
    """Print contract records for every article in FILES (no database).

    Example: [bold]newsledger extract story.html --published 2024-10-28 --format jsonl[/bold]
    """
    from newsledger.extract import iter_records
    from newsledger.ingest import read_paths
    from newsledger.pipeline import extract_articles

    _check_date(published)
    nlp = _nlp()
    errors: list[Any] = []

    def on_error(e: Any) -> None:
        errors.append(e)
        _print_error(e)

    n = 0
    items = read_paths(files, published=published, outlet=outlet)
    for res in extract_articles(items, nlp=nlp, workers=workers, on_error=on_error):
        n += 1
        rows = [res.article.record(with_text=not no_text), *iter_records(res.layers)]
        if fmt is Format.table:
            _show_layers(res.article.record(), res.layers)
        else:
            emit(rows, ["type", "id", "article", "text"], fmt)
    err.print(f"{n} article(s) extracted, {len(errors)} error(s)")
    if errors:
        raise typer.Exit(1)


def _run_ingest(
    paths: list[Path],
    db: str | None,
    workers: int,
    published: str | None,
    outlet: str | None,
    force: bool,
    link: bool = True,
    engine: str = "local",
    address: str | None = None,
    out_dir: Path | None = None,
    commit_every: int = 32,
    shard_size: int = 512,
) -> None:
    from newsledger.pipeline import ingest as do_ingest

    _check_date(published)
    store = _store(db)
    progress = _IngestProgress(paths)
    try:
        with progress:
            summary = do_ingest(
                paths,
                store,
                workers=workers,
                published=published,
                outlet=outlet,
                force=force,
                on_error=_print_error,
                on_article=progress.advance,
                engine=engine,
                address=address,
                out=out_dir,
                commit_every=commit_every,
                shard_size=shard_size,
                link=link,
            )
    except Exception as exc:  # engine missing, model missing: one line, not a traceback
        from newsledger.nlp import ModelNotInstalledError
        from newsledger.scale.ray_engine import EngineUnavailableError

        if isinstance(exc, EngineUnavailableError | ModelNotInstalledError):
            _fail(str(exc))
        raise
    err.print(
        f"read {summary.read} article(s): stored {summary.stored}, skipped {summary.skipped} "
        f"unchanged, {summary.failed} error(s) → {escape(store.path)} "
        f"({store.count_articles()} article(s) in store)"
        + (f"; linked {summary.linked} into stories" if summary.linked else "")
        + (f"; Parquet in {escape(str(out_dir))}" if out_dir else "")
    )
    _deliver_alerts(store)
    store.close()
    if summary.failed:
        raise typer.Exit(1)


def _deliver_alerts(store: Any) -> None:
    from newsledger.monitor.alerts import deliver

    if store.execute("SELECT 1 FROM alerts").fetchone() is None:
        return
    done = deliver(store)
    for problem in done.errors:
        _print_error(problem)
    if done.sent:
        err.print(f"{done.sent} alert(s) delivered")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (read recursively).")],
    db: DbOpt = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Parser processes (local) or extractor actors, one model each (ray).",
        ),
    ] = 1,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Re-process unchanged articles.")] = False,
    link: Annotated[
        bool, typer.Option("--link/--no-link", help="Link the new articles into stories.")
    ] = True,
    engine: Annotated[
        str,
        typer.Option("--engine", help="local (this machine's processes) or ray (Ray Data)."),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(
            "--address", help="Ray cluster: auto, ray://host:10001 [default: a local cluster]."
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Also write Parquet shards here (one table per record type)."),
    ] = None,
    commit_every: Annotated[
        int, typer.Option("--commit-every", min=1, help="Articles per store transaction.")
    ] = 32,
    shard_size: Annotated[
        int,
        typer.Option(
            "--shard-size", min=1, help="Articles per Parquet shard (with --out: per transaction)."
        ),
    ] = 512,
) -> None:
    """Read, extract and store articles; unchanged ones already stored are skipped.

    Example: [bold]newsledger ingest feeds/ pages/*.html --db ukraine.db --workers 2[/bold]
    """
    if engine not in ("local", "ray"):
        _fail(f"--engine must be local or ray, not {engine!r}")
    _run_ingest(
        paths,
        db,
        workers,
        published,
        outlet,
        force,
        link,
        engine,
        address,
        out_dir,
        commit_every,
        shard_size,
    )


@app.command()
def articles(db: DbOpt = None, fmt: FmtOpt = Format.table, limit: LimitOpt = None) -> None:
    """List stored articles with how many attributions, numbers and events each holds.

    Example: [bold]newsledger articles --limit 20[/bold]
    """
    store = _store(db)
    emit(
        store.articles(limit=_row_limit(limit, fmt, 50)),
        ["id", "published", "outlet", "title", "attributions", "quantities", "events"],
        fmt,
        title="Articles",
    )


def _resolve_article(store: Any, article_id: str) -> str:
    ids = store.find_article_ids(article_id)
    if not ids:
        _fail(f"no article {article_id!r} in {store.path}")
    if len(ids) > 1:
        _fail(f"{article_id!r} is ambiguous: " + ", ".join(ids))
    return ids[0]


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    html: Annotated[
        Path | None, typer.Option("--html", help="Write a standalone HTML page to this file.")
    ] = None,
    versions: Annotated[
        bool, typer.Option("--versions", help="List every stored version of the article.")
    ] = False,
    diff: Annotated[
        str | None,
        typer.Option(
            "--diff",
            help="What changed between two versions: OLD:NEW, or 'last' for the last two.",
        ),
    ] = None,
) -> None:
    """Show one article with its records; --html writes a page with attributions highlighted.

    Example: [bold]newsledger show 8011115 --html story.html[/bold];
    [bold]newsledger show url-3f2a --versions[/bold];
    [bold]newsledger show url-3f2a --diff last[/bold]
    """
    store = _store(db)
    aid = _resolve_article(store, article_id)
    if versions or diff:
        _show_versions(store, aid, fmt, diff)
        return
    article = store.article(aid)
    layers = store.layers(aid)
    if html is not None:
        from newsledger.render import render_article_html

        html.write_text(render_article_html(article, layers), encoding="utf-8")
        err.print(f"wrote {escape(str(html))}")
        return
    if fmt is Format.table:
        _show_layers(article, layers)
    else:
        from newsledger.extract import iter_records

        emit([article, *iter_records(layers)], ["type", "id"], fmt)


def _show_versions(store: Any, aid: str, fmt: Format, diff: str | None) -> None:
    from newsledger.store.versions import diff_versions, versions

    rows = versions(store, aid)
    if not diff:
        emit(
            rows,
            [
                "version",
                "current",
                "ingested_at",
                "chars",
                "attributions",
                "quantities",
                "events",
                "sha256",
                "title",
            ],
            fmt,
            title=f"Versions of {aid}",
        )
        return
    if diff == "last":
        if len(rows) < 2:
            err.print(f"article {aid} has one version only: nothing to compare")
            return
        old, new = rows[-2]["version"], rows[-1]["version"]
    else:
        try:
            old, new = (int(x) for x in diff.split(":"))
        except ValueError:
            _fail(f"--diff {diff!r}: give OLD:NEW version numbers (e.g. 1:2) or 'last'")
    try:
        change = diff_versions(store, aid, old, new)
    except KeyError as exc:
        _fail(str(exc.args[0]))
    if fmt is not Format.table:
        emit([change], ["article", "old", "new"], fmt)
        return
    out.rule(Text(f"{aid}: version {old} → {new}", style="bold"))
    for line in change["text"]:
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else "dim"
        out.print(Text(line, style=style))
    if not change["text"]:
        out.print("text unchanged")
    emit(
        [
            {
                "change": c["change"],
                "type": c["type"],
                "text": c["text"][:80],
                "old": c["old"],
                "new": c["new"],
            }
            for c in change["records"]
        ],
        ["change", "type", "text", "old", "new"],
        Format.table,
        title="Records that changed",
        console=out,
    )


STATUS_STYLE = {
    "confirmed": "green",
    "stated": "blue",
    "claimed": "yellow",
    "alleged": "dark_orange",
    "reported": "magenta",
    "possible": "bright_black",
    "denied": "red",
}


def _show_layers(article: dict[str, Any], layers: dict[str, list[dict[str, Any]]]) -> None:
    text = article.get("text") or ""
    out.rule(Text(article.get("title") or article["id"], style="bold"))
    out.print(
        Text(
            " · ".join(
                str(x)
                for x in (
                    article["id"],
                    article.get("outlet"),
                    article.get("published"),
                    article.get("url"),
                )
                if x
            ),
            style="dim",
        )
    )
    body = Text(text)
    for a in layers.get("attribution", []):
        s, e = a["content"]
        body.stylize(f"underline {STATUS_STYLE.get(a.get('status'), 'white')}", s, e)
        if a.get("cue"):
            body.stylize("bold", *a["cue"])
        if a.get("source"):
            body.stylize("bold italic", *a["source"])
    out.print(body)

    def snippet(span: list[int] | None, width: int = 90) -> str:
        if not span:
            return ""
        s = text[span[0] : span[1]]
        return s if len(s) <= width else s[: width - 1] + "…"

    atts = [{**a, "content_text": snippet(a["content"])} for a in layers.get("attribution", [])]
    emit(
        atts,
        ["id", "speaker_name", "status", "kind", "content_text", "within"],
        Format.table,
        title="Attributions",
        console=out,
    )
    emit(
        layers.get("quantity", []),
        ["id", "text", "value", "bound", "unit", "attribution"],
        Format.table,
        title="Numbers",
        console=out,
    )
    emit(
        layers.get("time", []),
        ["id", "text", "start", "end", "granularity"],
        Format.table,
        title="Dates",
        console=out,
    )
    names = {a["id"]: a.get("name") or a["id"] for a in layers.get("actor", [])}
    evs = [
        {
            **e,
            "actors": ", ".join(names.get(a, a) for a in e.get("actor") or []),
            "recipients": ", ".join(names.get(a, a) for a in e.get("recipient") or []),
            "trigger": snippet(e.get("span")),
        }
        for e in layers.get("event", [])
    ]
    emit(
        evs,
        ["id", "event", "mode", "actors", "recipients", "trigger", "status"],
        Format.table,
        title="Events",
        console=out,
    )


@app.command()
def actors(
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: LimitOpt = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="country, person, org, group, media or document.")
    ] = None,
) -> None:
    """List canonical actors across the store: mentions, articles, times quoted.

    Example: [bold]newsledger actors --kind person[/bold]
    """
    store = _store(db)
    emit(
        store.actors(limit=_row_limit(limit, fmt, 50), kind=kind),
        ["id", "name", "kind", "code", "mentions", "articles", "quoted"],
        fmt,
        title="Actors",
    )


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: LimitOpt = None,
) -> None:
    """Full-text search over stored articles.

    Example: [bold]newsledger search "ceasefire Ukraine"[/bold]
    """
    store = _store(db)
    try:
        rows = store.search(text, limit=_row_limit(limit, fmt, 20))
    except ValueError as exc:
        _fail(str(exc))
    emit(rows, ["id", "published", "title", "snippet"], fmt, title=f"Search: {text}")


def _with_actor_names(store: Any, rows: list[dict[str, Any]]) -> None:
    from newsledger.query import with_actor_names

    with_actor_names(store, rows)


def _query(fn: Any, store: Any, **filters: Any) -> list[dict[str, Any]]:
    """Run a query from newsledger.query; a bad filter ends the command with its message."""
    from newsledger.query import UnknownActorError

    try:
        return fn(store, **filters)
    except (UnknownActorError, ValueError) as exc:
        _fail(exc.args[0] if isinstance(exc, ValueError) else str(exc))
        raise


@app.command()
def quotes(
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: LimitOpt = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Speaker name or actor id.")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help="confirmed, stated, claimed, alleged, reported, possible, denied."
        ),
    ] = None,
    about: Annotated[
        str | None, typer.Option("--about", help="Words the content contains.")
    ] = None,
) -> None:
    """Attributions across the store: who said what, how sure.

    Example: [bold]newsledger quotes --speaker Zelensky --status claimed[/bold]
    """
    from newsledger import query

    store = _store(db)
    rows = _query(
        query.quotes,
        store,
        speaker=speaker,
        status=status,
        about=about,
        limit=_row_limit(limit, fmt, 50),
    )
    emit(
        rows,
        ["published", "article", "id", "speaker_name", "status", "kind", "content_text"],
        fmt,
        title="Attributions",
    )


@app.command()
def numbers(
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: LimitOpt = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="What is counted (substring): troops, USD…")
    ] = None,
    about: Annotated[
        str | None, typer.Option("--about", help="Words the number's phrase contains.")
    ] = None,
) -> None:
    """Numbers the texts assert, with bound, unit and who asserts them.

    Example: [bold]newsledger numbers --unit troops[/bold]
    """
    from newsledger import query

    store = _store(db)
    rows = _query(query.numbers, store, unit=unit, about=about, limit=_row_limit(limit, fmt, 50))
    emit(
        rows,
        ["published", "article", "id", "text", "value", "bound", "unit", "attribution"],
        fmt,
        title="Numbers",
    )


@app.command()
def events(
    db: DbOpt = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json, jsonl, csv or plover (PLOVER JSON).")
    ] = "table",
    limit: LimitOpt = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. MOBILIZE.")] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor name or id (any role).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Events dated on or after (YYYY-MM-DD).")
    ] = None,
) -> None:
    """PLOVER events across the store: who did what to whom, where and when.

    Example: [bold]newsledger events --type MOBILIZE --actor "North Korea" --format csv[/bold]
    """
    from newsledger import query

    store = _store(db)
    every = _row_limit(limit, Format.table if fmt == "table" else Format.json, 100)
    rows = _query(query.events, store, type_=type_, actor=actor, since=since, limit=every)
    if fmt in ("plover", "csv"):
        # The exporters take the events' articles, actors and times too (text, names, dates).
        for aid in {r["article"] for r in rows}:
            rows += [store.article(aid), *store.records(aid, "actor"), *store.records(aid, "time")]
    if fmt == "plover":
        from newsledger.export import events_to_plover

        json.dump(events_to_plover(rows), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    try:
        f = Format(fmt)
    except ValueError:
        _fail(f"--format {fmt!r}: choose table, json, jsonl, csv or plover")
    if f is Format.csv:
        from newsledger.export import events_to_csv

        events_to_csv(rows, sys.stdout)
        return
    _with_actor_names(store, rows)
    emit(
        rows,
        [
            "published",
            "article",
            "id",
            "event",
            "mode",
            "actors",
            "recipients",
            "trigger",
            "status",
        ],
        f,
        title="Events",
    )


@app.command()
def demo(
    db: Annotated[
        str,
        typer.Option(
            "--db",
            help="SQLite file to (re)create for the demo, or a postgresql:// URL to ingest into.",
        ),
    ] = "newsledger-demo.db",
    workers: WorkersOpt = 1,
) -> None:
    """Ingest the bundled Voice of America demo corpus into a fresh database and show what it found.

    Example: [bold]newsledger demo --workers 2[/bold]
    """
    from newsledger.store import is_database_url

    # A file store is recreated; a database server's store is ingested into (unchanged
    # articles are skipped), never emptied.
    for suffix in ("", "-wal", "-shm") if not is_database_url(db) else ():
        p = Path(str(db) + suffix)
        if p.exists():
            p.unlink()
    err.print(
        f"Demo corpus: {config.DEMO_CORPUS.name} (Voice of America, public domain; credit VOA)"
    )
    _run_ingest([config.DEMO_CORPUS], str(db), workers, None, "VOA", False)
    store = _store(str(db))
    counts = dict(store.execute("SELECT type, count(*) FROM records GROUP BY type").fetchall())
    out.print(
        f"\n[bold]{store.count_articles()}[/bold] articles → "
        + ", ".join(
            f"{counts.get(k, 0)} {label}"
            for k, label in (
                ("attribution", "attributions"),
                ("quantity", "numbers"),
                ("time", "dates"),
                ("event", "events"),
                ("entity", "entity mentions"),
            )
        )
        + f", {store.execute('SELECT count(*) FROM actors').fetchone()[0]} actors"
    )
    emit(
        store.actors(limit=10),
        ["name", "kind", "mentions", "articles", "quoted"],
        Format.table,
        title="Most present actors",
        console=out,
    )
    rows = store.query_records("attribution", limit=8)
    for r in rows:
        r["content_text"] = (r.pop("_text") or "")[:110]
    emit(
        rows,
        ["article", "speaker_name", "status", "content_text"],
        Format.table,
        title="Who said what (first attributions)",
        console=out,
    )
    rows = store.query_records("quantity", limit=8)
    emit(
        rows,
        ["article", "text", "value", "bound", "unit"],
        Format.table,
        title="Numbers",
        console=out,
    )
    rows = store.query_records("event", limit=8)
    for r in rows:
        r["trigger"] = r.pop("_text")
    _with_actor_names(store, rows)
    emit(
        rows,
        ["article", "event", "actors", "recipients", "trigger", "status"],
        Format.table,
        title="Events",
        console=out,
    )
    _demo_stories(store)
    out.print(
        f"\nNext: [bold]newsledger show <id> --db {escape(store.path)}[/bold], "
        f"[bold]newsledger quotes --db {escape(store.path)} --speaker Trump[/bold], "
        f"[bold]newsledger show <id> --html page.html --db {escape(store.path)}[/bold]"
    )
    _demo_brief(store, db)


def _demo_brief(store: Any, db: Path) -> None:
    """Point at the brief of the demo's featured story (named in data/demo/demo.json)."""
    from newsledger.link.stories import list_stories, story_of

    featured = json.loads((config.DATA_DIR / "demo" / "demo.json").read_text(encoding="utf-8"))
    sid = story_of(store, featured["featured_article"])
    if sid is None:
        return
    n = len(list_stories(store, sid)[0]["articles"])
    out.print(
        f"\nThe story so far of {escape(featured['featured_label'])} ({n} articles, every "
        f"sentence cited): [bold]newsledger brief --story {sid} --format html --out "
        f"brief.html --db {escape(str(db))}[/bold]  (or [bold]newsledger serve --db "
        f"{escape(str(db))}[/bold] and open /stories/{sid})"
    )


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
            _deliver_alerts(store)
            failed = failed or cycle.errors > 0
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
def sources(db: DbOpt = None, fmt: FmtOpt = Format.table, limit: LimitOpt = 50) -> None:
    """Watched sources: last fetch, status, new items last cycle, totals and errors.

    Example: [bold]newsledger sources[/bold]
    """
    from newsledger.monitor.watch import list_sources

    rows = list_sources(_store(db))
    if not rows:
        err.print("no sources watched yet: try [bold]newsledger watch FEED-URL --once[/bold]")
        return
    if fmt is Format.table:
        rows = rows[:limit]
    emit(
        rows,
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
    )


alert_app = typer.Typer(
    help="Alerts: rules whose new matches are delivered once.", no_args_is_help=True
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
    """List alerts with how many matches each has delivered."""
    from newsledger.monitor.alerts import list_alerts

    rows = list_alerts(_store(db))
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
    """Remove an alert and its delivery log."""
    from newsledger.monitor.alerts import remove_alert

    if not remove_alert(_store(db), name):
        _fail(f"no alert named {name!r}")
    err.print(f"alert {name!r} removed")


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


StoryOpt = Annotated[str | None, typer.Option("--story", help="Only this story (its id).")]
AllLimitOpt = Annotated[
    int | None,
    typer.Option("--limit", "-n", help="Most rows (table: 50 unless given; others: all)."),
]


def _link_store(db: str | None) -> Any:
    """The store for the cross-article commands; an empty one is a message, not an error."""
    store = _store(db)
    if store.count_articles() == 0:
        err.print("The store holds no articles yet: run [bold]newsledger ingest[/bold] first.")
        raise typer.Exit(0)
    return store


def _limited(rows: list[dict[str, Any]], fmt: Format, limit: int | None) -> list[dict[str, Any]]:
    if limit is not None:
        return rows[:limit]
    return rows[:50] if fmt is Format.table else rows


@app.command()
def estimates(
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: AllLimitOpt = None,
    story: StoryOpt = None,
    about: Annotated[
        str | None, typer.Option("--about", help="Series whose measure or words contain this.")
    ] = None,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Draw the series to FILE.svg or FILE.png.")
    ] = None,
) -> None:
    """Estimate series: a story's figures for one measure, with source, status, date and change.

    Example: [bold]newsledger estimates --story pakistan-train --plot toll.svg[/bold]
    """
    from newsledger.link._context import UnknownStoryError
    from newsledger.link.estimates import estimates as find_estimates
    from newsledger.link.estimates import plot_series

    if plot is not None and plot.suffix.lower() not in (".svg", ".png"):
        _fail(f"--plot {plot}: the chart is written as .svg or .png")
    store = _link_store(db)
    try:
        rows = find_estimates(store, story=story, about=about)
    except UnknownStoryError as exc:
        _fail(f"{exc} (see newsledger stories)")
    if not rows:
        err.print("No estimate series found" + (f" about {about!r}" if about else "") + ".")
    for r in rows:
        r["day"] = (r["published"] or "")[:10]
        r["source"] = r["speaker_name"] or r["speaker"] or r["outlet"]
    if plot is not None and rows:
        plot_series(rows, str(plot))
        err.print(f"chart → {escape(str(plot))}")
    emit(
        _limited(rows, fmt, limit),
        ["day", "article", "measure", "text", "source", "status", "change"]
        if fmt is Format.table
        else [
            "series",
            "measure",
            "story",
            "day",
            "article",
            "quantity",
            "text",
            "value",
            "low",
            "high",
            "bound",
            "unit",
            "speaker",
            "source",
            "status",
            "change",
        ],
        fmt,
        title="Estimates",
    )


@app.command()
def conflicts(
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: AllLimitOpt = None,
    story: StoryOpt = None,
) -> None:
    """Contradictions: figures that cannot both hold, statements one source denies.

    Example: [bold]newsledger conflicts --story pakistan-train --format json[/bold]
    """
    from newsledger.link._context import UnknownStoryError
    from newsledger.link.conflicts import conflicts as find_conflicts

    store = _link_store(db)
    try:
        rows = find_conflicts(store, story=story)
    except UnknownStoryError as exc:
        _fail(f"{exc} (see newsledger stories)")
    if not rows:
        err.print("No contradictions found.")
    if fmt is Format.table:
        for r in rows:
            for side in ("a", "b"):
                x = r[side]
                who = x["speaker_name"] or x["speaker"] or "the outlet"
                r[side] = (
                    f"“{x['text'][:90]}” — {who} ({x['status']}) [{x['article']} §{x['record']}]"
                )
        columns = ["story", "kind", "measure", "a", "b", "why"]
    else:
        for r in rows:
            for side in ("a", "b"):
                for k in ("article", "record", "text", "speaker", "status"):
                    r[f"{side}_{k}"] = r[side][k]
        columns = [
            "story",
            "kind",
            "measure",
            "a_article",
            "a_record",
            "a_speaker",
            "a_status",
            "a_text",
            "b_article",
            "b_record",
            "b_speaker",
            "b_status",
            "b_text",
            "why",
        ]
    emit(
        _limited(rows, fmt, limit),
        columns,
        fmt,
        title="Contradictions",
    )


@app.command()
def brief(
    story: Annotated[str, typer.Option("--story", help="The story's id.")],
    db: DbOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to FILE (default: print).")
    ] = None,
    link_base: Annotated[
        str, typer.Option("--link-base", help="Where citations link an article (HTML).")
    ] = "/articles/",
) -> None:
    """The story so far: latest figures, who said what, events, contradictions; all cited.

    Example: [bold]newsledger brief --story pakistan-train --format html --out brief.html[/bold]
    """
    from newsledger.link._context import UnknownStoryError
    from newsledger.link.brief import brief as make_brief

    if fmt not in ("md", "html"):
        _fail(f"--format {fmt!r}: choose md or html")
    store = _link_store(db)
    try:
        text = make_brief(store, story, fmt=fmt, link_base=link_base)
    except UnknownStoryError as exc:
        _fail(f"{exc} (see newsledger stories)")
    if out_file is None:
        sys.stdout.write(text)
        return
    try:
        out_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"--out {out_file}: {exc.strerror or exc}")
    err.print(f"brief → {escape(str(out_file))}")


def _story_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Table-view columns for stories: dates as one range, article count, outlets joined."""
    return [
        {
            **r,
            "dates": r["first"] if r["first"] == r["last"] else f"{r['first']} – {r['last']}",
            "n": len(r["articles"]),
            "outlets": ", ".join(r["outlets"]),
        }
        for r in rows
    ]


def _demo_stories(store: Any) -> None:
    from newsledger.link import list_stories

    rows = [r for r in list_stories(store) if len(r["articles"]) > 1]
    rows.sort(key=lambda r: (-len(r["articles"]), r["id"]))
    emit(
        _story_rows(rows[:8]),
        ["id", "dates", "n", "title"],
        Format.table,
        title="Stories told by several articles (newsledger stories)",
        console=out,
    )


@app.command()
def stories(
    db: DbOpt = None,
    story: Annotated[str | None, typer.Option("--story", help="Only this story (its id).")] = None,
    fmt: FmtOpt = Format.table,
    limit: LimitOpt = None,
) -> None:
    """Stories: articles about the same development, grouped as they arrive.

    One row per story (most recently active first): id, dates, articles, outlets, title.
    With --story, the table view also lists the story's articles.

    Example: [bold]newsledger stories --format jsonl[/bold]
    """
    from newsledger.link import list_stories

    store = _store(db)
    rows = list_stories(store, story)
    if story is not None and not rows:
        _fail(f"no story {story!r} in {store.path} (list them with `newsledger stories`)")
    if not rows:
        n = store.count_articles()
        if n:
            err.print(
                f"no stories yet in {store.path}: {n} article(s), none linked; run "
                "`newsledger link`"
            )
        else:
            err.print(
                f"no articles in {store.path}: ingest some first (`newsledger ingest "
                "FILES` or `newsledger demo`)"
            )
        return
    n_rows = _row_limit(limit, fmt, 50)
    rows = rows[:n_rows] if n_rows is not None else rows
    if fmt is not Format.table:
        emit(rows, ["id", "title", "articles", "first", "last", "outlets"], fmt)
        return
    emit(
        _story_rows(rows),
        ["id", "dates", "n", "outlets", "title"],
        Format.table,
        title="Stories",
        console=out,
    )
    if story is not None:
        arts = [store.article(a) for a in rows[0]["articles"]]
        emit(
            [a for a in arts if a],
            ["id", "published", "outlet", "title"],
            Format.table,
            title=f"Articles of {story}",
            console=out,
        )


@app.command()
def link(db: DbOpt = None) -> None:
    """Link stored articles that are in no story yet (e.g. ingested with --no-link).

    Example: [bold]newsledger link --db ukraine.db[/bold]
    """
    from newsledger.link import link_articles

    store = _store(db)
    links = link_articles(store)
    founded = sum(1 for aid, sid, _ in links if sid == "s-" + aid)
    err.print(
        f"linked {len(links)} article(s): {len(links) - founded} joined a story, "
        f"{founded} started one → {escape(store.path)}"
    )


class _IngestProgress:
    """Ingest progress: a rich bar on a terminal, else a line every 10 seconds (logs, CI).

    Both show articles done of the total (when the inputs can be counted), articles stored per
    second and the time left; skipped articles count as done but not in the speed.
    """

    def __init__(self, paths: list[Path]) -> None:
        import time

        from newsledger.scale.inputs import count_inputs

        self.clock = time.monotonic
        self.total = count_inputs(paths)
        self.done = self.stored = 0
        self.start = self.clock()
        self.first_stored: float | None = None
        self.last_line = self.start
        self.bar = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        )
        self.task = self.bar.add_task("ingest", total=self.total, rate="")

    def __enter__(self) -> _IngestProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)
        if not err.is_terminal and self.done:
            err.print(self.line())

    def line(self) -> str:
        """``120/1000 (12%), 8.3 articles/s, 1m46s left``."""
        now = self.clock()
        rate = 0.0
        if self.first_stored is not None and now > self.first_stored:
            rate = self.stored / (now - self.start)
        text = f"{self.done}/{self.total}" if self.total else f"{self.done}"
        if self.total:
            text += f" ({100 * self.done / max(self.total, 1):.0f}%)"
        text += f", {rate:.1f} articles/s"
        if self.total and rate > 0 and self.done < self.total:
            left = int((self.total - self.done) / rate)
            text += f", {left // 60}m{left % 60:02d}s left"
        return text

    def advance(self, article: Any, what: str) -> None:
        """``on_article`` callback of :func:`newsledger.pipeline.ingest`."""
        self.done += 1
        if what == "stored":
            self.stored += 1
            if self.first_stored is None:
                self.first_stored = self.clock()
        now = self.clock()
        if err.is_terminal:
            self.bar.update(self.task, advance=1, rate=self.line().split(", ", 1)[-1])
        elif now - self.last_line >= 10:
            self.last_line = now
            err.print(f"ingest: {self.line()}")


def main() -> None:
    """Entry point for ``python -m newsledger``."""
    app()
