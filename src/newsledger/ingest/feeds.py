"""RSS and Atom feeds: one article per item, full content where the feed carries it."""

from __future__ import annotations

import html as _html
import io
import re
import time
import xml.sax
from collections.abc import Iterator
from typing import Any

from newsledger.article import Article
from newsledger.ingest.base import IngestError, clean_field, describe, make_article
from newsledger.ingest.html import html_to_text

Item = Article | IngestError

_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)[\s>/]")
# Lines blogging platforms and feed services append to every item: not the outlet's text.
_BOILERPLATE = re.compile(
    r"(?i)^(?:the post .{1,300} appeared first on .{1,200}"
    r"|(?:continue reading|read more|read the full (?:story|article)|read full article)\b"
    r"[^.!?]{0,80}(?:\.\.\.|…|»|›|→)?"
    r"|\[(?:\.\.\.|…)\]|(?:…|\.\.\.)\s*(?:more|read more)?)$"
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})


def root_element(head: bytes) -> str | None:
    """The name of the first element in an XML document's head (after declarations/comments)."""
    text = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head[:8192], flags=re.S)
    m = _ROOT_TAG.search(text)
    return m.group(1).decode("ascii", "replace") if m else None


def looks_like_feed(head: bytes) -> bool:
    """True when an XML head's root element is ``<rss>``, ``<feed>`` or ``<rdf:RDF>``."""
    root = root_element(head.lstrip(b"\xef\xbb\xbf"))
    return bool(root) and root.lower() in _FEED_ROOTS


def _strip_boilerplate(text: str) -> str:
    """Drop trailing feed boilerplate lines ("The post … appeared first on …", "Read more")."""
    lines = text.rstrip().split("\n")
    while lines and (not lines[-1].strip() or _BOILERPLATE.match(lines[-1].strip())):
        lines.pop()
    # An item that is nothing but such a line keeps it: the caller reports it, not us.
    return "\n".join(lines) if lines else text


def _content_text(entry: Any) -> str:
    # Prefer full content (content:encoded, atom:content) over the summary; take the longest.
    parts = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if parts:
        best = max(parts, key=lambda c: len(c.get("value") or ""))
        value, kind = best.get("value") or "", best.get("type") or "text/html"
    else:
        detail = entry.get("summary_detail") or {}
        value, kind = entry.get("summary") or "", detail.get("type") or "text/html"
    text = html_to_text(value) if "html" in kind else value
    return _strip_boilerplate(text)


def _entry_date(entry: Any) -> Any:
    # The raw string keeps the outlet's calendar date; *_parsed is shifted to UTC.
    for key in ("published", "updated", "created"):
        if entry.get(key):
            return entry[key]
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _plain(value: Any) -> str | None:
    text = clean_field(value)
    if text and "<" in text:
        text = clean_field(html_to_text(text))
    elif text and "&" in text:
        # Entities left after feedparser's own decoding are a feed escaping its titles twice
        # ("Q&amp;amp;A" arrives as "Q&amp;A", "&amp;#8220;" as "&#8220;"): read them once more.
        text = clean_field(_html.unescape(text))
        if text and "<" in text:  # "&lt;em&gt;" was markup: its words only
            text = clean_field(html_to_text(text))
    return text


def read_feed_bytes(
    data: bytes,
    *,
    path: str,
    default_published: str | None = None,
    default_outlet: str | None = None,
) -> Iterator[Item]:
    """Read an RSS 0.9x/1.0/2.0 or Atom feed.

    Each item becomes an article: content (``content:encoded`` / Atom ``content``) if present,
    else the summary, HTML flattened to one block per line; item link → ``url``; date →
    ``published``; the feed's title → ``outlet``. A document that is not a feed is an error.

    Args:
        data: the file's bytes (feedparser handles the XML encoding rules itself).
        path: the input file.
        default_published: ``YYYY-MM-DD`` for items without a date.
        default_outlet: outlet when the feed has no title.

    Yields:
        `Article` or `IngestError` per item.
    """
    import feedparser  # imported on first use, like the other format libraries

    # A stream, never a str: feedparser would treat a URL-like string as something to fetch.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version"):
        root = root_element(data)
        where = f" (root element <{root}>)" if root else ""
        why = ""
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            why = f": {describe(parsed['bozo_exception'])}"
        yield IngestError(path, None, f"not an RSS/Atom feed{where}{why}")
        return
    outlet = _plain(parsed.feed.get("title")) or default_outlet
    entries = parsed.get("entries") or []
    if not entries:
        problem = describe(parsed["bozo_exception"]) if parsed.get("bozo") else "no items"
        yield IngestError(path, None, f"feed has no items ({problem})")
        return
    for number, entry in enumerate(entries, start=1):
        title = _plain(entry.get("title"))
        text = _content_text(entry)
        if not text.strip():
            label = f" {title!r}" if title else ""
            yield IngestError(path, None, f"item {number}{label} has no content or summary")
            continue
        item = make_article(
            text,
            path=path,
            url=entry.get("link"),
            title=title,
            outlet=outlet,
            published=_entry_date(entry),
            default_published=default_published,
            default_outlet=default_outlet,
        )
        if isinstance(item, IngestError):
            item.reason = f"item {number}: {item.reason}"
        yield item
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and isinstance(exc, xml.sax.SAXException):
        # feedparser's lenient parser recovered what it could; say the rest may be missing.
        yield IngestError(
            path, None, f"malformed feed XML, items may be incomplete: {describe(exc)}"
        )
