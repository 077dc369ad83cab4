"""Server-rendered pages (Jinja2, autoescaped): home, article, tables, actor, story, search."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from newsledger import query
from newsledger.web.app import decode_cursor, encode_cursor

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 50
Opt = Annotated[str | None, Query(max_length=200)]


def _store(request: Request) -> Any:
    return request.app.state.stores.get()


def _render(request: Request, name: str, **ctx: Any) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, ctx)


def _blank(value: str | None) -> str | None:
    """Empty form fields mean no filter."""
    return value.strip() or None if value else None


def _rows(request: Request, fetch: Any, cursor: str | None) -> tuple[list[dict[str, Any]], str]:
    """One page of a table and the URL of the next page ('' when it is the last)."""
    try:
        offset = decode_cursor(cursor)
    except ValueError:
        raise HTTPException(400, "invalid cursor") from None
    try:
        rows = fetch(PAGE + 1, offset)
    except query.UnknownActorError:
        return [], ""
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    if len(rows) <= PAGE:
        return rows, ""
    # A relative link (path and query only): the Host header is the client's to set.
    nxt = request.url.include_query_params(cursor=encode_cursor(offset + PAGE))
    return rows[:PAGE], f"{quote(nxt.path)}?{nxt.query}"


def _field(value: Any) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


@router.get("/")
def home(request: Request) -> Response:
    """The store at a glance: counts, latest stories and articles, a search box."""
    from newsledger.link.stories import list_stories

    store = _store(request)
    return _render(
        request,
        "home.html",
        counts=query.counts(store),
        stories=list_stories(store)[:10],
        articles=query.articles(store, limit=20),
    )


@router.get("/articles/{article_id:path}")
def article(request: Request, article_id: str) -> Response:
    """One article: its text with records highlighted, a record panel, the record tables."""
    from newsledger.link.stories import story_of
    from newsledger.render import STATUS_COLOURS, highlight_paragraphs, speaker_index

    store = _store(request)
    art = store.article(article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id!r}")
    layers = store.layers(article_id)
    text = art.get("text") or ""
    names = {a["id"]: a.get("name") or a["id"] for a in layers.get("actor", [])}

    def words(rec: dict[str, Any]) -> str:
        span = rec.get("content") or rec.get("span")
        return text[span[0] : span[1]] if span else ""

    panel = []
    for kind in ("attribution", "quantity", "time", "event"):
        for rec in layers.get(kind, []):
            fields = [("words", words(rec))] + [
                (k, _field(v))
                for k, v in rec.items()
                if k not in ("article", "type") and v not in (None, [], "")
            ]
            panel.append({"id": rec["id"], "type": kind, "fields": fields})
    events = [
        {
            **e,
            "actors": ", ".join(names.get(a, a) for a in e.get("actor") or []),
            "recipients": ", ".join(names.get(a, a) for a in e.get("recipient") or []),
            "trigger": words(e),
        }
        for e in layers.get("event", [])
    ]
    url = art.get("url") or ""
    slots = speaker_index(layers)
    speakers = {}
    for a in layers.get("attribution", []):
        key = a.get("speaker") or a.get("speaker_name") or "?"
        speakers.setdefault(key, {"slot": slots[key], "name": a.get("speaker_name") or key})
    return _render(
        request,
        "article.html",
        article=art,
        # Only web links become links: a javascript: or data: URL in the input stays text.
        source_url=url if url.lower().startswith(("http://", "https://")) else None,
        paragraphs=[Markup(p) for p in highlight_paragraphs(text, layers)],
        attributions=sorted(layers.get("attribution", []), key=lambda a: a["content"][0]),
        quantities=layers.get("quantity", []),
        times=layers.get("time", []),
        events=events,
        panel=panel,
        words=words,
        statuses=list(STATUS_COLOURS),
        speakers=list(speakers.values()),
        story=story_of(store, article_id),
    )


@router.get("/quotes")
def quotes(
    request: Request,
    speaker: Opt = None,
    status: Opt = None,
    about: Opt = None,
    cursor: Opt = None,
) -> Response:
    """Attributions with the filters of `newsledger quotes`."""
    store = _store(request)
    f = {"speaker": _blank(speaker), "status": _blank(status), "about": _blank(about)}
    rows, nxt = _rows(request, lambda n, o: query.quotes(store, **f, limit=n, offset=o), cursor)
    return _render(request, "quotes.html", rows=rows, next=nxt, f=f, statuses=query.STATUSES)


@router.get("/numbers")
def numbers(request: Request, unit: Opt = None, about: Opt = None, cursor: Opt = None) -> Response:
    """Numbers with the filters of `newsledger numbers`."""
    store = _store(request)
    f = {"unit": _blank(unit), "about": _blank(about)}
    rows, nxt = _rows(request, lambda n, o: query.numbers(store, **f, limit=n, offset=o), cursor)
    return _render(request, "numbers.html", rows=rows, next=nxt, f=f)


@router.get("/events")
def events(
    request: Request,
    type: Opt = None,
    actor: Opt = None,
    since: Opt = None,
    cursor: Opt = None,
) -> Response:
    """Events with the filters of `newsledger events`."""
    store = _store(request)
    f = {"type": _blank(type), "actor": _blank(actor), "since": _blank(since)}

    def fetch(n: int, o: int) -> list[dict[str, Any]]:
        rows = query.events(
            store, type_=f["type"], actor=f["actor"], since=f["since"], limit=n, offset=o
        )
        query.with_actor_names(store, rows)
        return rows

    rows, nxt = _rows(request, fetch, cursor)
    return _render(request, "events.html", rows=rows, next=nxt, f=f)


@router.get("/actors")
def actors(request: Request, kind: Opt = None, cursor: Opt = None) -> Response:
    """Canonical actors, most present first."""
    store = _store(request)
    f = {"kind": _blank(kind)}
    rows, nxt = _rows(
        request, lambda n, o: query.actors(store, kind=f["kind"], limit=n, offset=o), cursor
    )
    return _render(request, "actors.html", rows=rows, next=nxt, f=f, kinds=query.ACTOR_KINDS)


@router.get("/actors/{actor_id:path}")
def actor(request: Request, actor_id: str, cursor: Opt = None) -> Response:
    """What one actor said, across articles, and the events they take part in."""
    store = _store(request)
    found = query.actor(store, actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    rows, nxt = _rows(
        request, lambda n, o: query.quotes(store, speaker=actor_id, limit=n, offset=o), cursor
    )
    evs = query.events(store, actor=actor_id, limit=PAGE)
    query.with_actor_names(store, evs)
    return _render(request, "actor.html", actor=found, rows=rows, next=nxt, events=evs)


def _story_or_404(store: Any, story_id: str) -> None:
    from newsledger.link.stories import list_stories

    if not list_stories(store, story_id=story_id):
        raise HTTPException(404, f"no story {story_id!r}")


@router.get("/stories/{story_id:path}/chart.svg")
def story_chart(request: Request, story_id: str) -> Response:
    """The story's estimate series drawn as SVG (served as an image: it runs nothing)."""
    import tempfile

    from newsledger.link.estimates import estimates, plot_series

    store = _store(request)
    _story_or_404(store, story_id)
    rows = estimates(store, story=story_id)
    if not rows:
        raise HTTPException(404, f"story {story_id!r} has no estimate series")
    with tempfile.TemporaryDirectory() as tmp:
        path = plot_series(rows, str(Path(tmp) / "chart.svg"))
        svg = Path(path).read_bytes()
    return Response(svg, media_type="image/svg+xml")


# The brief is a self-contained page with its own inline stylesheet and chart; it holds no
# script (all article text in it is escaped), so it is served with styles allowed and
# nothing else.
BRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


@router.get("/stories/{story_id:path}/brief")
def story_brief_page(request: Request, story_id: str) -> Response:
    """The cited brief as its own page: every sentence links to its article's record."""
    from newsledger.link.brief import brief

    store = _store(request)
    _story_or_404(store, story_id)
    page = brief(store, story_id, fmt="html", link_base="/articles/")
    return HTMLResponse(page, headers={"Content-Security-Policy": BRIEF_CSP})


# After the routes above: a story id may hold "/" (it is "s-" + an article id), and this
# route, declared first, would take "/stories/X/brief" for a story "X/brief".
@router.get("/stories/{story_id:path}")
def story(request: Request, story_id: str) -> Response:
    """A story: its articles, estimate series (chart and table), contradictions and brief."""
    from newsledger.link.conflicts import conflicts
    from newsledger.link.estimates import estimates
    from newsledger.link.stories import list_stories

    store = _store(request)
    found = list_stories(store, story_id=story_id)
    if not found:
        raise HTTPException(404, f"no story {story_id!r}")
    arts = [a for a in (store.article(i) for i in found[0]["articles"]) if a]
    return _render(
        request,
        "story.html",
        story=found[0],
        articles=arts,
        estimates=estimates(store, story=story_id),
        conflicts=conflicts(store, story=story_id),
    )


@router.get("/search")
def search(request: Request, q: Opt = None, cursor: Opt = None) -> Response:
    """Full-text search results."""
    store = _store(request)
    text = _blank(q)
    rows, nxt = (
        _rows(request, lambda n, o: query.search(store, text, limit=n, offset=o), cursor)
        if text
        else ([], "")
    )
    return _render(request, "search.html", rows=rows, next=nxt, q=text or "")
