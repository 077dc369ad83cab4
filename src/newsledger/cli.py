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
LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="Most rows shown.")]
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
) -> None:
    from newsledger.pipeline import ingest as do_ingest

    _check_date(published)
    store = _store(db)
    nlp = _nlp()
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task("ingest", total=None, last="")

        def on_article(article: Any, what: str) -> None:
            progress.update(task, advance=1, last=f"{what} {article.id}")

        summary = do_ingest(
            paths,
            store,
            nlp=nlp,
            workers=workers,
            published=published,
            outlet=outlet,
            force=force,
            on_error=_print_error,
            on_article=on_article,
        )
    err.print(
        f"read {summary.read} article(s): stored {summary.stored}, skipped {summary.skipped} "
        f"unchanged, {summary.failed} error(s) → {escape(store.path)} "
        f"({store.count_articles()} article(s) in store)"
    )
    store.close()
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (read recursively).")],
    db: DbOpt = None,
    workers: WorkersOpt = 1,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Re-process unchanged articles.")] = False,
) -> None:
    """Read, extract and store articles; unchanged ones already stored are skipped.

    Example: [bold]newsledger ingest feeds/ pages/*.html --db ukraine.db --workers 2[/bold]
    """
    _run_ingest(paths, db, workers, published, outlet, force)


@app.command()
def articles(db: DbOpt = None, fmt: FmtOpt = Format.table, limit: LimitOpt = 50) -> None:
    """List stored articles with how many attributions, numbers and events each holds.

    Example: [bold]newsledger articles --limit 20[/bold]
    """
    store = _store(db)
    emit(
        store.articles(limit=limit),
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
) -> None:
    """Show one article with its records; --html writes a page with attributions highlighted.

    Example: [bold]newsledger show 8011115 --html story.html[/bold]
    """
    store = _store(db)
    aid = _resolve_article(store, article_id)
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
    limit: LimitOpt = 50,
    kind: Annotated[
        str | None, typer.Option("--kind", help="country, person, org, group, media or document.")
    ] = None,
) -> None:
    """List canonical actors across the store: mentions, articles, times quoted.

    Example: [bold]newsledger actors --kind person[/bold]
    """
    store = _store(db)
    emit(
        store.actors(limit=limit, kind=kind),
        ["id", "name", "kind", "code", "mentions", "articles", "quoted"],
        fmt,
        title="Actors",
    )


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: LimitOpt = 20,
) -> None:
    """Full-text search over stored articles.

    Example: [bold]newsledger search "ceasefire Ukraine"[/bold]
    """
    store = _store(db)
    try:
        rows = store.search(text, limit=limit)
    except ValueError as exc:
        _fail(str(exc))
    emit(rows, ["id", "published", "title", "snippet"], fmt, title=f"Search: {text}")


def _with_actor_names(store: Any, rows: list[dict[str, Any]]) -> None:
    """Add readable ``actors``/``recipients`` columns next to the events' actor id lists."""
    ids = {a for r in rows for f in ("actor", "recipient") for a in r.get(f) or []}
    names = store.actor_names(ids)
    for r in rows:
        r["actors"] = ", ".join(names.get(a, a) for a in r.get("actor") or [])
        r["recipients"] = ", ".join(names.get(a, a) for a in r.get("recipient") or [])


def _actor_filter(store: Any, name: str | None) -> list[str] | None:
    if name is None:
        return None
    ids = store.find_actors(name)
    if not ids:
        _fail(f"no actor matches {name!r} (try `newsledger actors`)")
    return ids


@app.command()
def quotes(
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: LimitOpt = 50,
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
    store = _store(db)
    rows: list[dict[str, Any]] = []
    for sid in _actor_filter(store, speaker) or [None]:
        rows += store.query_records("attribution", key1=sid, key2=status, about=about, limit=limit)
    for r in rows:
        r["content_text"] = r.pop("_text")
    emit(
        rows[:limit],
        ["published", "article", "id", "speaker_name", "status", "kind", "content_text"],
        fmt,
        title="Attributions",
    )


@app.command()
def numbers(
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: LimitOpt = 50,
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
    store = _store(db)
    rows = store.query_records("quantity", key1_like=unit, about=about, limit=limit)
    for r in rows:
        r.pop("_text")
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
    limit: LimitOpt = 100,
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
    _check_date(since)
    store = _store(db)
    rows: list[dict[str, Any]] = []
    for aid in _actor_filter(store, actor) or [None]:
        rows += store.query_records(
            "event", key1=type_.upper() if type_ else None, key2_since=since, actor=aid, limit=limit
        )
    rows = rows[:limit]
    for r in rows:
        r["trigger"] = r.pop("_text")
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
    out.print(
        f"\nNext: [bold]newsledger show <id> --db {escape(store.path)}[/bold], "
        f"[bold]newsledger quotes --db {escape(store.path)} --speaker Trump[/bold], "
        f"[bold]newsledger show <id> --html page.html --db {escape(store.path)}[/bold]"
    )


def main() -> None:
    """Entry point for ``python -m newsledger``."""
    app()
