"""Commands over single articles and the record store: extract, ingest, listings, show, demo."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from newsledger import config
from newsledger.cli import (  # the shared app, options and helpers
    DbOpt,
    FmtOpt,
    LimitOpt,
    OutletOpt,
    PublishedOpt,
    WorkersOpt,
    _check_date,
    _check_out_dir,
    _check_out_file,
    _deliver_alerts,
    _fail,
    _nlp,
    _print_error,
    _row_limit,
    _store,
    _table_cut,
    _write_failed,
    app,
    err,
    out,
)
from newsledger.output import Format, RowWriter, emit


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

    json is one array of every file's records, jsonl one record a line, csv one table whose
    columns are every record type's fields (docs/records.md).

    Example: [bold]newsledger extract story.html --published 2024-10-28 --format jsonl[/bold]
    """
    from newsledger.export import record_columns
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
    # One writer for every article: the output is one document (a JSON array, a CSV table),
    # written as each article is extracted.
    writer = None if fmt is Format.table else RowWriter(fmt, record_columns())
    try:
        for res in extract_articles(items, nlp=nlp, workers=workers, on_error=on_error):
            n += 1
            if writer is None:
                _show_layers(res.article.record(), res.layers)
            else:
                writer.write([res.article.record(with_text=not no_text), *iter_records(res.layers)])
    finally:
        if writer is not None:
            writer.close()
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
            "--address", help="Ray cluster: auto, ray://host:10001 \\[default: a local cluster]."
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
    if out_dir is not None:
        _check_out_dir(out_dir, "--out")
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
    store = _store(db, create=False)
    emit(
        store.articles(limit=_row_limit(limit, fmt, 50)),
        ["id", "published", "outlet", "title", "attributions", "quantities", "events"],
        fmt,
        title="Articles",
        cut=_table_cut(limit, fmt, 50),
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
    if html is not None:
        _check_out_file(html, "--html")
    store = _store(db, create=False)
    aid = _resolve_article(store, article_id)
    if versions or diff:
        _show_versions(store, aid, fmt, diff)
        return
    article = store.article(aid)
    layers = store.layers(aid)
    if html is not None:
        from newsledger.render import render_article_html

        try:
            html.write_text(render_article_html(article, layers), encoding="utf-8")
        except OSError as exc:
            _write_failed("--html", html, exc)
        err.print(f"wrote {escape(str(html))}")
        return
    if fmt is Format.table:
        _show_layers(article, layers)
    else:
        from newsledger.export import record_columns
        from newsledger.extract import iter_records

        emit([article, *iter_records(layers)], record_columns(), fmt)


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
    store = _store(db, create=False)
    emit(
        store.actors(limit=_row_limit(limit, fmt, 50), kind=kind),
        ["id", "name", "kind", "code", "mentions", "articles", "quoted"],
        fmt,
        title="Actors",
        cut=_table_cut(limit, fmt, 50),
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
    store = _store(db, create=False)
    try:
        rows = store.search(text, limit=_row_limit(limit, fmt, 20))
    except ValueError as exc:
        _fail(str(exc))
    emit(
        rows,
        ["id", "published", "title", "snippet"],
        fmt,
        title=f"Search: {text}",
        cut=_table_cut(limit, fmt, 20),
    )


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

    store = _store(db, create=False)
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
        cut=_table_cut(limit, fmt, 50),
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

    store = _store(db, create=False)
    rows = _query(query.numbers, store, unit=unit, about=about, limit=_row_limit(limit, fmt, 50))
    emit(
        rows,
        ["published", "article", "id", "text", "value", "bound", "unit", "attribution"],
        fmt,
        title="Numbers",
        cut=_table_cut(limit, fmt, 50),
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

    store = _store(db, create=False)
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
        cut=_table_cut(limit, f, 100),
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
    from newsledger.cli.across import _demo_stories

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
