"""Commands that read across articles: stories, estimate series, contradictions, briefs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from newsledger.cli import (  # the shared app, options and helpers
    DbOpt,
    FmtOpt,
    LimitOpt,
    _check_out_file,
    _fail,
    _row_limit,
    _store,
    _table_cut,
    _write_failed,
    app,
    err,
    out,
)
from newsledger.output import Format, emit

StoryOpt = Annotated[str | None, typer.Option("--story", help="Only this story (its id).")]


def _link_store(db: str | None) -> Any:
    """The store for the cross-article commands; an empty one is a message, not an error.

    They only read: a missing store is an error, never made (``_store(create=False)``).
    """
    store = _store(db, create=False)
    if store.count_articles() == 0:
        err.print("The store holds no articles yet: run [bold]newsledger ingest[/bold] first.")
        raise typer.Exit(0)
    return store


@app.command()
def estimates(
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: LimitOpt = None,
    story: StoryOpt = None,
    about: Annotated[
        str | None, typer.Option("--about", help="Series whose measure or words contain this.")
    ] = None,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Draw the series to FILE.svg or FILE.png.")
    ] = None,
) -> None:
    """Estimate series: a story's figures for one measure, with source, status, date and change.

    Example: [bold]newsledger estimates --story s-8006651 --plot toll.svg[/bold]
    (s-8006651: the demo store's Pakistan train attack; list stories with
    [bold]newsledger stories[/bold])
    """
    from newsledger.link._context import UnknownStoryError
    from newsledger.link.estimates import estimates as find_estimates
    from newsledger.link.estimates import plot_series

    if plot is not None:
        if plot.suffix.lower() not in (".svg", ".png"):
            _fail(f"--plot {plot}: the chart is written as .svg or .png")
        _check_out_file(plot, "--plot")
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
        try:
            plot_series(rows, str(plot))
        except OSError as exc:
            _write_failed("--plot", plot, exc)
        err.print(f"chart → {escape(str(plot))}")
    emit(
        rows[: _row_limit(limit, fmt, 50)],
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
        cut=_table_cut(limit, fmt, 50),
    )


@app.command()
def conflicts(
    db: DbOpt = None,
    fmt: FmtOpt = Format.table,
    limit: LimitOpt = None,
    story: StoryOpt = None,
) -> None:
    """Contradictions: figures that cannot both hold, statements one source denies.

    Example: [bold]newsledger conflicts --story s-8006651 --format json[/bold]
    (s-8006651: the demo store's Pakistan train attack; list stories with
    [bold]newsledger stories[/bold])
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
        rows[: _row_limit(limit, fmt, 50)],
        columns,
        fmt,
        title="Contradictions",
        cut=_table_cut(limit, fmt, 50),
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

    Example: [bold]newsledger brief --story s-8006651 --format html --out brief.html[/bold]
    (s-8006651: the demo store's Pakistan train attack; list stories with
    [bold]newsledger stories[/bold])
    """
    from newsledger.link._context import UnknownStoryError
    from newsledger.link.brief import brief as make_brief

    if fmt not in ("md", "html"):
        _fail(f"--format {fmt!r}: choose md or html")
    if out_file is not None:
        _check_out_file(out_file, "--out")
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
        _write_failed("--out", out_file, exc)
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

    store = _store(db, create=False)
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
        cut=_table_cut(limit, fmt, 50),
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
