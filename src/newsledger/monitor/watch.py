"""Watching sources: feeds polled politely, new and edited items ingested, state in the store.

One *cycle* polls every source once:

* an RSS/Atom feed URL is fetched with the validators of its last fetch (a 304 costs nothing);
  each item's page is then fetched (again conditionally) and read by the HTML reader. An item
  is known by its canonical URL; a page whose text changed since it was stored becomes a new
  version of the same article (see ``store/versions.py``), which is how quiet edits show up;
* a local folder (or file) is read with the ordinary readers; unchanged files cost a hash.

Crash safety: an article is saved in its own transaction before its item's state is written,
and a feed's validators are written only after all its items were handled. A watcher killed
mid-cycle therefore re-fetches that feed next time and skips the items already stored (same
text, same pipeline), so nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsledger.article import Article
from newsledger.ingest import IngestError
from newsledger.ingest.base import clean_field, describe
from newsledger.ingest.feeds import root_element
from newsledger.ingest.html import read_html_bytes
from newsledger.monitor.fetch import Fetcher, Response, absolute

# Query parameters that only track the click, never select the page.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref_src", "cmpid")


def canonical_url(url: str) -> str:
    """The form of a URL items are deduplicated by.

    Lower-case scheme and host, no default port, no fragment, no tracking parameters, the
    remaining query sorted; the path is kept as given (it is case-sensitive on most servers).
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not (
        (parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)
    ):
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    )
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", urlencode(query), ""))


def article_id_for(url: str) -> str:
    """A stable article id for a watched page that has none: from its canonical URL."""
    return "url-" + hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


def expand_sources(sources: Iterable[str]) -> Iterator[str]:
    """Sources as given: URLs and folders as they are; a text file is a list of sources.

    A listing file holds one source a line; blank lines and ``#`` comments are ignored. It is
    read as a list when a line holds a URL or when every line names an existing folder or file.
    A file that is itself a feed or an article (by extension) is a local source.
    """
    for src in sources:
        if "://" in src:
            yield src.strip()
            continue
        path = Path(src)
        if path.is_file() and path.suffix.lower() in (".txt", ".list", ".sources", ""):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            entries = [e for e in (ln.split("#", 1)[0].strip() for ln in lines) if e]
            # A list when some line is a URL, or when every line names an existing folder or
            # file (a list of folders to watch); an article's lines are neither.
            if any("://" in e for e in lines) or (
                entries and all(Path(e).expanduser().exists() for e in entries)
            ):
                yield from entries
                continue
        yield src


@dataclass(slots=True)
class SourceReport:
    """What one source did in one cycle."""

    source: str
    kind: str
    status: str = "ok"
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Cycle:
    """One cycle over all sources."""

    sources: list[SourceReport] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)  # article ids saved this cycle

    @property
    def errors(self) -> int:
        """How many problems were met, over all sources."""
        return sum(len(s.errors) for s in self.sources)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _item_state(store: Any, url: str) -> Any:
    return store.execute(
        "SELECT article_id, etag, last_modified, sha256 FROM watch_items WHERE url = ?", (url,)
    ).fetchone()


def _remember_item(
    store: Any,
    url: str,
    source: str,
    article_id: str | None,
    resp: Response | None,
    sha: str | None,
) -> None:
    now = _now()
    with store.transaction():
        store.execute(
            """INSERT INTO watch_items(url, source, article_id, etag, last_modified, sha256,
                                       first_seen, last_seen)
               VALUES (?,?,?,?,?,?,?,?)
               ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id,
                 etag = excluded.etag, last_modified = excluded.last_modified,
                 sha256 = excluded.sha256, last_seen = excluded.last_seen""",
            (
                url,
                source,
                article_id,
                resp.etag if resp else None,
                resp.last_modified if resp else None,
                sha,
                now,
                now,
            ),
        )


def _touch_item(store: Any, url: str) -> None:
    with store.transaction():
        store.execute("UPDATE watch_items SET last_seen = ? WHERE url = ?", (_now(), url))


def _source_state(store: Any, source: str) -> Any:
    return store.execute(
        "SELECT etag, last_modified FROM watch_sources WHERE source = ?", (source,)
    ).fetchone()


def _record_source(
    store: Any,
    rep: SourceReport,
    resp: Response | None,
    next_poll: str | None,
    keep_validators: bool,
) -> None:
    etag = resp.etag if (resp and keep_validators) else None
    modified = resp.last_modified if (resp and keep_validators) else None
    with store.transaction():
        store.execute(
            """INSERT INTO watch_sources(source, kind, etag, last_modified, last_fetch,
                 last_status, last_error, new_items, total_items, errors, next_poll)
               VALUES (?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT (source) DO UPDATE SET kind = excluded.kind,
                 etag = COALESCE(excluded.etag, watch_sources.etag),
                 last_modified = COALESCE(excluded.last_modified, watch_sources.last_modified),
                 last_fetch = excluded.last_fetch, last_status = excluded.last_status,
                 last_error = excluded.last_error, new_items = excluded.new_items,
                 total_items = watch_sources.total_items + excluded.new_items,
                 errors = watch_sources.errors + excluded.errors,
                 next_poll = excluded.next_poll""",
            (
                rep.source,
                rep.kind,
                etag,
                modified,
                _now(),
                rep.status,
                rep.errors[-1] if rep.errors else None,
                rep.new + rep.updated,
                rep.new + rep.updated,
                len(rep.errors),
                next_poll,
            ),
        )
        if not keep_validators:
            # A feed whose items were not all handled must be fetched in full next time.
            store.execute(
                "UPDATE watch_sources SET etag = NULL, last_modified = NULL WHERE source = ?",
                (rep.source,),
            )


def list_sources(store: Any) -> list[dict[str, Any]]:
    """Per-source status: last fetch, status, new items last cycle, totals, errors."""
    rows = store.execute(
        """SELECT source, kind, last_fetch, last_status, new_items, total_items, errors,
                  last_error, next_poll FROM watch_sources ORDER BY source"""
    )
    # The SELECT names the columns, in the order the listing shows them.
    return [{k: r[k] for k in r.keys()} for r in rows]


@dataclass(slots=True)
class _Item:
    link: str
    url: str
    title: str | None
    published: Any
    guid: str | None
    outlet: str | None = None


def _feed_items(body: bytes) -> tuple[str | None, list[_Item], str | None, str | None]:
    """The outlet and the items of a feed, or an error; and a warning for malformed XML.

    feedparser recovers what it can from broken XML (a truncated file, a bare ``&``): the items
    it found are kept, and the warning says the rest may be missing, as ``ingest`` says it.
    """
    import xml.sax

    import feedparser  # imported on first use, like the readers do

    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=True, resolve_relative_uris=False)
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version"):
        root = root_element(body)
        where = f"root element <{root}>" if root else "no XML root element"
        why = f"{where}: {describe(exc)}" if exc is not None else where
        return None, [], f"not an RSS/Atom feed ({why})", None
    warning = None
    if isinstance(exc, xml.sax.SAXException):
        warning = f"malformed feed XML, items may be incomplete: {describe(exc)}"
    outlet = clean_field(parsed.feed.get("title"))
    items = []
    for e in parsed.get("entries") or []:
        link = e.get("link")
        if not isinstance(link, str) or not link.strip():
            continue
        items.append(
            _Item(
                link=link,
                url="",
                title=clean_field(e.get("title")),
                published=e.get("published") or e.get("updated"),
                guid=clean_field(e.get("id")),
            )
        )
    if not items and warning:
        return outlet, [], warning, None
    return outlet, items, None, warning


class Watcher:
    """Polls sources and stores what is new or changed.

    Args:
        store: the open store (watch state lives in it).
        fetcher: the polite HTTP fetcher.
        store_articles: called with a list of `Article` to extract and save (returns the ids
            saved); it is the ingest pipeline, passed in so the watcher owns no NLP.
        max_items: at most this many items per feed and cycle.
        threads: pages fetched at once (per-host limits still apply).
        recheck_days: when a feed is unchanged, pages of its items seen this recently are
            fetched again (conditionally) to catch quiet edits.
    """

    def __init__(
        self,
        store: Any,
        fetcher: Fetcher,
        store_articles: Callable[[list[Article]], list[str]],
        *,
        ingest_paths: Callable[[list[str]], tuple[list[str], list[str]]] | None = None,
        max_items: int = 100,
        threads: int = 4,
        recheck_days: float = 3.0,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.store_articles = store_articles
        self.ingest_paths = ingest_paths
        self.max_items = max_items
        self.threads = threads
        self.recheck_days = recheck_days

    def cycle(self, sources: Iterable[str], every: timedelta | None = None) -> Cycle:
        """Poll every source once; one bad source never stops the others."""
        out = Cycle()
        self.fetcher.new_cycle()  # a host that was down last cycle is tried again
        next_poll = (datetime.now(UTC) + every).isoformat(timespec="seconds") if every else None
        for src in expand_sources(sources):
            if "://" in src:
                rep = self._feed(src, out, next_poll)
            else:
                rep = self._local(src, out, next_poll)
            out.sources.append(rep)
        return out

    # -- local folders and files ----------------------------------------------------------------
    def _local(self, src: str, out: Cycle, next_poll: str | None) -> SourceReport:
        rep = SourceReport(src, "folder" if Path(src).is_dir() else "file")
        if not Path(src).exists():
            rep.status, rep.errors = "error", [f"{src}: no such file or folder"]
        elif self.ingest_paths is None:
            rep.status, rep.errors = "error", ["local sources need an ingest function"]
        else:
            stored, errors = self.ingest_paths([src])
            rep.new = len(stored)
            rep.errors = errors
            rep.status = "ok" if not errors else "partial"
            out.stored.extend(stored)
        _record_source(self.store, rep, None, next_poll, keep_validators=True)
        return rep

    # -- feeds ------------------------------------------------------------------------------
    def _feed(self, src: str, out: Cycle, next_poll: str | None) -> SourceReport:
        rep = SourceReport(src, "feed")
        state = _source_state(self.store, src)
        resp = self.fetcher.get(
            src,
            etag=state["etag"] if state else None,
            last_modified=state["last_modified"] if state else None,
        )
        if resp.not_modified:
            # The feed is the same, but an outlet edits stories without touching its feed:
            # look at the pages of recent items again (conditionally, so it is cheap).
            rep.status = "not modified"
            todo = self._recent_items(src)
            self._handle_all(src, None, todo, rep, out)
            _record_source(self.store, rep, resp, next_poll, keep_validators=True)
            return rep
        if not resp.ok:
            rep.status = "error"
            rep.errors.append(f"{src}: {resp.error}")
            _record_source(self.store, rep, None, next_poll, keep_validators=True)
            return rep
        outlet, items, problem, warning = _feed_items(resp.body)
        if warning:
            rep.errors.append(f"{src}: {warning}")
        if problem:
            rep.status = "error"
            rep.errors.append(f"{src}: {problem}")
            _record_source(self.store, rep, None, next_poll, keep_validators=False)
            return rep
        seen: set[str] = set()
        todo = []
        for it in items:
            link = absolute(resp.url, it.link)
            if not link:
                continue
            it.link, it.url = link, canonical_url(link)
            if it.url not in seen:
                seen.add(it.url)
                todo.append(it)
        todo = todo[: self.max_items]
        complete = self._handle_all(src, outlet, todo, rep, out)
        rep.status = "ok" if not rep.errors else "partial"
        _record_source(self.store, rep, resp, next_poll, keep_validators=complete)
        return rep

    def _handle_all(
        self, src: str, outlet: str | None, todo: list[_Item], rep: SourceReport, out: Cycle
    ) -> bool:
        """Fetch the items' pages (in parallel) and store them in order; True if all settled."""
        # The store is read here, in the caller's thread (an SQLite connection is not shared
        # between threads); only the HTTP requests run in the pool.
        states = [_item_state(self.store, it.url) for it in todo]
        complete = True
        with ThreadPoolExecutor(max_workers=self.threads) as pool:
            # Results come in feed order as soon as each page is in: an item is stored while
            # later pages are still being fetched, so a crash loses at most the item in hand.
            pages = pool.map(self._fetch_item, todo, states)
            for it, page, state_row in zip(todo, pages, states, strict=True):
                done = self._handle_item(src, outlet, it, page, state_row, rep, out)
                complete = complete and done
        return complete

    def _recent_items(self, src: str) -> list[_Item]:
        since = (datetime.now(UTC) - timedelta(days=self.recheck_days)).isoformat(
            timespec="seconds"
        )
        rows = self.store.execute(
            """SELECT w.url, a.title, a.published, a.outlet FROM watch_items w
               LEFT JOIN articles a ON a.id = w.article_id
               WHERE w.source = ? AND w.last_seen >= ? ORDER BY w.last_seen DESC LIMIT ?""",
            (src, since, self.max_items),
        )
        return [
            _Item(link=r[0], url=r[0], title=r[1], published=r[2], guid=None, outlet=r[3])
            for r in rows
        ]

    def _fetch_item(self, it: _Item, state: Any) -> Response:
        return self.fetcher.get(
            it.link,
            etag=state["etag"] if state else None,
            last_modified=state["last_modified"] if state else None,
        )

    def _handle_item(
        self,
        src: str,
        outlet: str | None,
        it: _Item,
        page: Response,
        state: Any,
        rep: SourceReport,
        out: Cycle,
    ) -> bool:
        """Store one item's page if new or changed; True when the item is settled."""
        if page.not_modified:
            rep.unchanged += 1
            _touch_item(self.store, it.url)
            return True
        if not page.ok:
            rep.errors.append(f"{it.link}: {page.error}")
            return False
        article_id = (state["article_id"] if state else None) or self._known_id(it.url)
        art = read_html_bytes(
            page.body,
            path=it.link,
            charset=page.charset,
            url=it.url,
            prefer_given_url=True,
            id=article_id or article_id_for(it.url),
            title=it.title,
            published=it.published,
            outlet=it.outlet or outlet,
        )
        if isinstance(art, IngestError):
            rep.errors.append(str(art))
            _remember_item(self.store, it.url, src, None, page, None)
            return True  # an HTML page that is no article stays that way: settled
        if state is not None and state["sha256"] == art.sha256:
            rep.unchanged += 1
            _remember_item(self.store, it.url, src, art.id, page, art.sha256)
            return True
        twin = self._same_text(art)
        if twin and twin != art.id:
            # The same text under another URL (a syndicated copy): one article, not two.
            rep.unchanged += 1
            _remember_item(self.store, it.url, src, twin, page, art.sha256)
            return True
        stored = self.store_articles([art])
        if art.id in stored:
            out.stored.append(art.id)
            if state is not None and state["sha256"]:
                rep.updated += 1
            else:
                rep.new += 1
        else:
            rep.unchanged += 1
        _remember_item(self.store, it.url, src, art.id, page, art.sha256)
        return True

    def _known_id(self, url: str) -> str | None:
        row = self.store.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def _same_text(self, art: Article) -> str | None:
        row = self.store.execute(
            "SELECT id FROM articles WHERE sha256 = ? AND id <> ?", (art.sha256, art.id)
        ).fetchone()
        return row[0] if row else None


def parse_every(text: str) -> timedelta:
    """``15m``, ``2h``, ``30s``, ``1d`` (or plain seconds) as a timedelta.

    Raises:
        ValueError: not a duration.
    """
    text = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        if text and text[-1] in units:
            seconds = float(text[:-1]) * units[text[-1]]
        else:
            seconds = float(text)
    except ValueError:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 2h)") from None
    if seconds <= 0:
        raise ValueError(f"not a positive duration: {text!r}")
    return timedelta(seconds=seconds)
