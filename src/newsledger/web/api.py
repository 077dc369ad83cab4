"""The JSON API under ``/api``: thin routes over :mod:`newsledger.query` and the pipeline.

Lists are paged: ``limit`` rows and an opaque ``cursor``; each answer is ``{"items": [...],
"next": cursor | null}``, and following ``next`` until it is null yields every row once.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from newsledger import query
from newsledger.web.app import decode_cursor, encode_cursor

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page.")]
Cursor = Annotated[
    str | None, Query(max_length=64, description="The `next` value of the previous page.")
]
Page = dict[str, Any]


def _store(request: Request) -> Any:
    return request.app.state.stores.get()


def _page(
    fetch: Callable[[int, int], list[dict[str, Any]]], limit: int, cursor: str | None
) -> Page:
    """One page of rows: fetch one row more than asked to know whether a next page exists."""
    try:
        offset = decode_cursor(cursor)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    rows = fetch(limit + 1, offset)
    more = len(rows) > limit
    return {"items": rows[:limit], "next": encode_cursor(offset + limit) if more else None}


def _filtered(
    fetch: Callable[[int, int], list[dict[str, Any]]], limit: int, cursor: str | None
) -> Page:
    """A page of a filtered query: an unknown actor name is an empty result, a bad date a 422."""
    try:
        return _page(fetch, limit, cursor)
    except query.UnknownActorError:
        return {"items": [], "next": None}
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


@router.get("/articles")
def articles(request: Request, limit: Limit = 50, cursor: Cursor = None) -> Page:
    """Stored articles, newest first, with counts of attributions, numbers and events."""
    store = _store(request)
    return _page(lambda n, o: query.articles(store, limit=n, offset=o), limit, cursor)


@router.get("/articles/{article_id:path}")
def article(request: Request, article_id: str) -> dict[str, Any]:
    """One article (with its text) and all its records, and the story it belongs to."""
    from newsledger.extract import iter_records
    from newsledger.link.stories import story_of

    store = _store(request)
    art = store.article(article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return {
        "article": art,
        "records": list(iter_records(store.layers(article_id))),
        "story": story_of(store, article_id),
    }


@router.get("/quotes")
def quotes(
    request: Request,
    speaker: Annotated[str | None, Query(description="Speaker name or actor id.")] = None,
    status: Annotated[
        str | None, Query(description="confirmed, stated, claimed, alleged, reported, ...")
    ] = None,
    about: Annotated[str | None, Query(description="Words the content contains.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page:
    """Attributions across the store (as `newsledger quotes`)."""
    store = _store(request)
    return _filtered(
        lambda n, o: query.quotes(
            store, speaker=speaker, status=status, about=about, limit=n, offset=o
        ),
        limit,
        cursor,
    )


@router.get("/numbers")
def numbers(
    request: Request,
    unit: Annotated[str | None, Query(description="What is counted (substring).")] = None,
    about: Annotated[str | None, Query(description="Words the number's phrase contains.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page:
    """Numbers the texts assert (as `newsledger numbers`)."""
    store = _store(request)
    return _filtered(
        lambda n, o: query.numbers(store, unit=unit, about=about, limit=n, offset=o),
        limit,
        cursor,
    )


@router.get("/events")
def events(
    request: Request,
    type: Annotated[str | None, Query(description="PLOVER type, e.g. MOBILIZE.")] = None,
    actor: Annotated[str | None, Query(description="Actor name or id (any role).")] = None,
    since: Annotated[str | None, Query(description="Dated on or after (YYYY-MM-DD).")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page:
    """PLOVER events (as `newsledger events`), with readable actor names."""
    store = _store(request)

    def fetch(n: int, o: int) -> list[dict[str, Any]]:
        rows = query.events(store, type_=type, actor=actor, since=since, limit=n, offset=o)
        query.with_actor_names(store, rows)
        return rows

    return _filtered(fetch, limit, cursor)


@router.get("/actors")
def actors(
    request: Request,
    kind: Annotated[
        str | None, Query(description="country, person, org, group, media or document.")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page:
    """Canonical actors: mentions, articles, times quoted (as `newsledger actors`)."""
    store = _store(request)
    return _page(lambda n, o: query.actors(store, kind=kind, limit=n, offset=o), limit, cursor)


@router.get("/actors/{actor_id:path}")
def actor(request: Request, actor_id: str) -> dict[str, Any]:
    """One actor."""
    found = query.actor(_store(request), actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return found


@router.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words (all must occur).")],
    limit: Limit = 20,
    cursor: Cursor = None,
) -> Page:
    """Full-text search over titles and texts (as `newsledger search`)."""
    store = _store(request)
    return _filtered(lambda n, o: query.search(store, q, limit=n, offset=o), limit, cursor)


@router.get("/stories")
def stories(request: Request, limit: Limit = 50, cursor: Cursor = None) -> Page:
    """Stories (articles about one development), most recently active first."""
    from newsledger.link.stories import list_stories

    store = _store(request)
    return _page(lambda n, o: list_stories(store)[o : o + n], limit, cursor)


def _story(store: Any, story_id: str) -> dict[str, Any]:
    from newsledger.link.stories import list_stories

    found = list_stories(store, story_id=story_id)
    if not found:
        raise HTTPException(404, f"no story {story_id!r}")
    return found[0]


@router.get("/stories/{story_id:path}/estimates")
def story_estimates(request: Request, story_id: str) -> Any:
    """How the story's numbers were estimated over time, by whom (the estimate series)."""
    store = _store(request)
    _story(store, story_id)
    from newsledger.link.estimates import estimates

    return estimates(store, story=story_id)


@router.get("/stories/{story_id:path}/brief")
def story_brief(
    request: Request,
    story_id: str,
    format: Annotated[str, Query(pattern="^(html|md)$", description="html or md.")] = "md",
) -> Any:
    """The story's brief (what is known, who says what, conflicts), as Markdown or HTML."""
    store = _store(request)
    _story(store, story_id)
    from newsledger.link.brief import brief

    return {"format": format, "brief": brief(store, story_id, fmt=format, link_base="/articles/")}


# After the routes above: a story id may hold "/" (it is "s-" + an article id).
@router.get("/stories/{story_id:path}")
def story(request: Request, story_id: str) -> dict[str, Any]:
    """One story with its articles (id, title, date, outlet, url), oldest first."""
    store = _store(request)
    found = _story(store, story_id)
    keep = ("id", "title", "published", "outlet", "url")
    arts = [store.article(a) for a in found["articles"]]
    return {**found, "articles": [{k: a[k] for k in keep} for a in arts if a]}


# -- writing ----------------------------------------------------------------------------------
_FORMATS = {
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl",
}


def _check_token(request: Request, authorization: str | None) -> None:
    expected = request.app.state.token or os.environ.get("NEWSLEDGER_TOKEN") or ""
    if not expected:
        raise HTTPException(403, "writes are disabled: the server has no NEWSLEDGER_TOKEN")
    scheme, _, given = (authorization or "").partition(" ")
    # Compare in constant time whatever was sent, so timing reveals nothing about the token.
    ok = hmac.compare_digest(given.strip().encode(), expected.encode())
    if scheme.lower() != "bearer" or not ok:
        raise HTTPException(
            401,
            "a valid 'Authorization: Bearer TOKEN' header is required",
            {"WWW-Authenticate": "Bearer"},
        )


async def _read_body(request: Request) -> bytes:
    """The request body, refused (413) as soon as it passes the configured limit."""
    cap = request.app.state.max_body
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise HTTPException(413, f"request body over {cap} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise HTTPException(413, f"request body over {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _ingest(request: Request, data: bytes, fmt: str) -> dict[str, Any]:
    from newsledger.article import Article
    from newsledger.ingest import read_bytes
    from newsledger.pipeline import ingest_items

    items = list(read_bytes(data, name="request", fmt=fmt))
    errors = [{"line": e.line, "error": e.reason} for e in items if not isinstance(e, Article)]
    if not any(isinstance(i, Article) for i in items):
        raise HTTPException(
            422,
            "; ".join(
                f"line {e['line']}: {e['error']}" if e["line"] else e["error"] for e in errors
            )
            or "no article in the body",
        )
    state = request.app.state
    done: list[dict[str, str]] = []
    with state.nlp_lock:  # one pipeline, one writer at a time
        if state.nlp is None:
            from newsledger import config
            from newsledger.nlp import build_pipeline

            state.nlp = build_pipeline(config.model_name())
        summary = ingest_items(
            items,
            _store(request),
            nlp=state.nlp,
            on_article=lambda a, what: done.append({"id": a.id, "result": what}),
        )
        # Alerts fire after every ingest, whichever door the articles came in by.
        from newsledger.monitor.alerts import deliver

        delivered = deliver(_store(request))
    # The summary holds the reading errors too (passed through) and the extraction errors.
    errors = [{"line": e.line, "error": e.reason} for e in summary.errors]
    errors += [{"line": None, "error": problem} for problem in delivered.errors]
    return {
        "read": summary.read,
        "stored": summary.stored,
        "skipped": summary.skipped,
        "articles": done,
        "errors": errors,
    }


@router.post("/ingest")
async def ingest(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
) -> dict[str, Any]:
    """Extract and store articles sent as JSON or JSON Lines.

    One JSON article object (or a list of them) as `application/json`, or JSON Lines as
    `application/x-ndjson`.

    Fields: `id`, `text` (or `html`), `url`, `outlet`, `title`, `published`. Needs
    `Authorization: Bearer TOKEN` (the server's `NEWSLEDGER_TOKEN`); unchanged articles are
    skipped. Answers the counts, each article's id and result, and per-line errors.
    """
    _check_token(request, authorization)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = _FORMATS.get(ctype)
    if fmt is None:
        raise HTTPException(415, "send application/json or application/x-ndjson")
    data = await _read_body(request)
    return await run_in_threadpool(_ingest, request, data, fmt)
