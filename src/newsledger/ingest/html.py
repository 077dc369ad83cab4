"""HTML pages to articles: trafilatura main-text extraction plus page metadata.

Page furniture (navigation, cookie banners, "most read" boxes, footers) is left out by
trafilatura; paragraphs stay one per line. lxml's parser keeps its depth limit (no
``huge_tree``): libxml2 stops at 256 levels, so absurdly nested pages cannot blow the stack;
they come back as an error saying so.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import json
import re
from dataclasses import dataclass
from string import ascii_lowercase, ascii_uppercase
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from newsledger.article import Article
from newsledger.ingest.base import MAX_HTML_ELEMENTS, IngestError, make_article
from newsledger.ingest.decode import DecodeError, decode_bytes

# libxml2's HTML parser refuses to go deeper than this without huge_tree.
_LIBXML_MAX_DEPTH = 255
# Less text than this from a page is link text or a stub, not an article.
_MIN_TEXT_CHARS = 50
# Share of the extracted text in lines that are whole link texts above which a page is a list of
# links (a section front, an index), not an article.
_LINK_LIST_SHARE = 0.6
_JSONLD = re.compile(
    r"<script[^>]{0,200}?application/ld\+json[^>]{0,100}>(.{0,2000000}?)</script>", re.I | re.S
)
_WS = re.compile(r"\s+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Tags whose content is never article text.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "svg",
    "form",
    # Photo credits and captions in feed items are furniture, as on pages.
    "figcaption",
    "figure",
)
# Tags that end a line when HTML is flattened to text.
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header footer "
    "aside figure figcaption dd dt dl hr address main".split()
)


def _date_params() -> dict[str, Any]:
    # Only structured dates (meta tags, JSON-LD, <time>): a free-text search for any date on
    # the page picks up dates from related-story boxes.
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": _dt.date.today().isoformat(),
    }


def _jsonld_body(html: str) -> str | None:
    """The ``articleBody`` of a schema.org article in the page's JSON-LD, if long enough."""
    for m in _JSONLD.finditer(html):
        try:
            data = json.loads(m.group(1))
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                body = node.get("articleBody")
                if isinstance(body, str) and len(body.strip()) >= _MIN_TEXT_CHARS:
                    return html_to_text(body) if "<" in body else body
                stack.extend(v for v in node.values() if isinstance(v, dict | list))
    return None


def _length(doc: Any) -> int:
    return len((doc.text or "").strip()) if doc is not None else 0


def _shape(tree: Any) -> tuple[int, int]:
    """Element count and maximum depth of a parsed page, in one pass."""
    depth = deepest = count = 0
    for event, _el in lxml.etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            count += 1
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return count, deepest


class _TooComplex(Exception):
    """The page has more elements than trafilatura handles in reasonable time."""


@dataclass
class _Page:
    """What the page itself says besides its text: its canonical link and its links' words."""

    canonical: str | None = None
    anchors: frozenset[str] = frozenset()


_LOWER_CASE = f"translate(concat(@class, ' ', @id), '{ascii_uppercase}', '{ascii_lowercase}')"
_BOX = f"contains({_LOWER_CASE}, '{{}}')"
_OTHER_STORIES_TIME = " | ".join(
    ["//aside//time", "//nav//time", "//footer//time"]
    + [f"//*[{_BOX.format(word)}]//time" for word in ("related", "most-read", "recommend", "promo")]
)


def _page_facts(tree: Any, url: str | None) -> _Page:
    rel = "concat(' ', normalize-space(@rel), ' ')"
    hrefs = tree.xpath(f"//link[contains({rel}, ' canonical ')]/@href")
    canonical = None
    if hrefs and str(hrefs[0]).strip():
        canonical = urljoin(url or "", str(hrefs[0]).strip())
        if urlsplit(canonical).scheme not in ("http", "https"):
            canonical = None
    anchors = frozenset(
        t for a in tree.iter("a") if len(t := _WS.sub(" ", a.text_content()).strip()) > 2
    )
    return _Page(canonical, anchors)


def _mostly_links(text: str, anchors: frozenset[str]) -> bool:
    """Whether the extracted text is a list of links (a section or index page), not a story.

    A line that is a whole link's words (a headline teaser, a menu item), or a bare date or
    "Next page" between them, is a link line; an article's paragraphs are not whole links.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not anchors or len(lines) < 3:
        return False
    linked = sum(len(ln) for ln in lines if ln in anchors)
    return linked >= _LINK_LIST_SHARE * sum(len(ln) for ln in lines)


def _extract(html: str, url: str | None, favor_recall: bool) -> tuple[Any, int, _Page]:
    # Imported on first use: trafilatura takes a quarter of a second to import, and a batch of
    # JSON Lines or text never needs it.
    import trafilatura
    from trafilatura import load_html

    tree = load_html(html)
    if tree is None:
        return None, 0, _Page()
    # Inline SVG/MathML is never text, and icon-heavy pages carry thousands of its elements.
    for graphic in list(tree.iter("svg", "math")):
        graphic.drop_tree()
    count, depth = _shape(tree)
    if count > MAX_HTML_ELEMENTS:
        # trafilatura's time grows faster than linearly with the tree: refuse up front.
        raise _TooComplex(f"HTML too complex ({count:,} elements > {MAX_HTML_ELEMENTS:,})")
    facts = _page_facts(tree, url)  # before trafilatura, which prunes the tree it is given
    # A <time> in an aside, a nav, a footer or a related-stories box dates another story:
    # htmldate reads every <time> of the page, and an undated story took a teaser's date.
    for when in tree.xpath(_OTHER_STORIES_TIME):
        when.drop_tree()
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_recall=favor_recall,
        date_extraction_params=_date_params(),
    )
    return doc, depth, facts


def read_html_text(
    html: str,
    *,
    path: str,
    line: int | None = None,
    url: str | None = None,
    prefer_given_url: bool = False,
    id: str | None = None,  # noqa: A002 - the contract's field name
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    default_published: str | None = None,
    default_outlet: str | None = None,
) -> Article | IngestError:
    """Extract the main text and metadata of one HTML page.

    Metadata given by the caller (a JSONL record's title/published/outlet) wins over what the
    page says; the page's canonical URL wins over ``url`` unless ``prefer_given_url``.

    Args:
        html: the page as text.
        path: the input file.
        line: line number for errors (JSONL).
        url: the URL the page was fetched from, if known.
        prefer_given_url: keep ``url`` even when the page names a canonical URL (WARC).
        id: the article id given by the input, if any.
        title: headline given by the input.
        published: publication date given by the input.
        outlet: outlet given by the input.
        default_published: date used when neither input nor page has one.
        default_outlet: outlet used when neither input nor page names one.

    Returns:
        The article, or an `IngestError` with a one-line reason.
    """
    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return IngestError(path, line, "empty HTML")
    try:
        doc, depth, facts = _extract(html, url, favor_recall=False)
        if _length(doc) < _MIN_TEXT_CHARS:
            # Short pages fall under trafilatura's precision threshold: try once for recall.
            again, depth, facts = _extract(html, url, favor_recall=True)
            if _length(again) > _length(doc):
                doc = again
        if _length(doc) < _MIN_TEXT_CHARS:
            doc = None  # a few words of link text ("Home") are not an article
        elif "\n" not in doc.text.strip():
            # trafilatura falls back to a JSON-LD articleBody on script-rendered pages but
            # joins its paragraphs into one line; take the body with its line breaks.
            body = _jsonld_body(html)
            if body and _WS.sub(" ", body).strip() == _WS.sub(" ", doc.text).strip():
                doc.text = body
    except RecursionError:
        return IngestError(path, line, "HTML nested too deeply to process")
    except _TooComplex as exc:
        return IngestError(path, line, str(exc))
    if doc is None:
        if depth >= _LIBXML_MAX_DEPTH:
            return IngestError(
                path,
                line,
                f"HTML nested too deeply (over {_LIBXML_MAX_DEPTH} levels); no article text found",
            )
        return IngestError(path, line, "no article text found in the HTML")
    if _mostly_links(doc.text, facts.anchors):
        return IngestError(
            path, line, "no article text found in the HTML: a list of links (a section page)"
        )
    # The canonical link is the page's own name for itself; og:url (trafilatura's first
    # choice) is often a share link with tracking parameters.
    page_url = url if (prefer_given_url and url) else (facts.canonical or doc.url or url)
    return make_article(
        doc.text,
        path=path,
        line=line,
        id=id,
        url=page_url,
        title=title or doc.title,
        outlet=outlet or doc.sitename,
        published=published or doc.date,
        default_published=default_published,
        default_outlet=default_outlet,
    )


def read_html_bytes(
    data: bytes, *, path: str, charset: str | None = None, **kwargs: Any
) -> Article | IngestError:
    """Decode an HTML page (BOM, UTF-8, HTTP/``<meta>`` charset, detection) and extract it.

    Args:
        data: the raw page.
        path: the input file.
        charset: a charset named by an HTTP header, if any.
        **kwargs: passed to `read_html_text`.

    Returns:
        The article, or an `IngestError`.
    """
    try:
        text = decode_bytes(data, declared=charset)
    except DecodeError as exc:
        return IngestError(path, kwargs.get("line"), str(exc))
    return read_html_text(text, path=path, **kwargs)


def html_to_text(fragment: str) -> str:
    """Flatten an HTML fragment (a feed item's content) to text, one block per line.

    Unlike page extraction this keeps everything in the fragment: a feed item has no page
    furniture, and trafilatura drops short fragments as too small to be an article.

    Args:
        fragment: HTML markup (or plain text, which comes back unchanged in substance).

    Returns:
        The text, blocks separated by newlines (not yet normalised).
    """
    if "<" not in fragment:
        return _html.unescape(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in list(root.iter(*_DROP_TAGS)):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    return root.text_content()
