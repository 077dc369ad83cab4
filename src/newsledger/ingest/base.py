"""What every reader shares: the error type, the limits and building an `Article` safely."""

from __future__ import annotations

import datetime as _dt
import email.utils
import re
from dataclasses import dataclass
from typing import Any

from newsledger.article import Article

MAX_BYTES = 20 * 1024 * 1024
"""A file (or one JSONL line / WARC record) bigger than this is refused without being read."""

MAX_ARTICLE_CHARS = 500_000
"""An article whose text is longer than this is refused (no news story is that long)."""

MAX_HTML_ELEMENTS = 25_000
"""A page with more elements than this is refused: extraction time grows faster than linearly
(a real news page has a few thousand)."""

_WS = re.compile(r"\s+")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_]|Z)")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")


@dataclass(slots=True)
class IngestError:
    """Why one file, line or record could not be read; the iterator goes on after it.

    Attributes:
        path: the input file (or stream name).
        line: 1-based line number where that means something (JSONL), else None.
        reason: one line, for a person.
    """

    path: str
    line: int | None
    reason: str

    def __post_init__(self) -> None:
        # A reason is printed as one line: exception texts can carry newlines.
        self.reason = one_line(self.reason)

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.reason}"
        return f"{self.path}:{self.line}: {self.reason}"


def one_line(text: str, limit: int = 300) -> str:
    """Collapse whitespace to single spaces and cap the length of a message."""
    text = _WS.sub(" ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(exc: BaseException) -> str:
    """A short one-line description of an exception, for an `IngestError` reason."""
    msg = one_line(str(exc), 200)
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def clean_field(value: Any) -> str | None:
    """A metadata string with whitespace collapsed, or None when empty / not a scalar."""
    if value is None or isinstance(value, dict | list | tuple | set | bool):
        return None
    text = _WS.sub(" ", str(value)).strip()
    return text or None


def normalise_date(value: Any) -> str | None:
    """Turn a published date as feeds and corpora write it into ``YYYY-MM-DD``.

    Handles ISO 8601 ("2025-03-14", "2025-03-14 20:30:26Z", "2025-03-14T20:30:26+01:00"),
    compact ISO ("20250314"), RFC 2822 as in RSS ("Fri, 14 Mar 2025 20:30:26 GMT") and, as a
    last resort, `dateparser` (one call per article, never per sentence). The calendar date is
    taken as written, not shifted to UTC: a story dated Friday evening in New York is Friday's.

    Args:
        value: a string (or `datetime.date`); anything else gives None.

    Returns:
        The date as ``YYYY-MM-DD``, or None when it cannot be read as a real date.
    """
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = clean_field(value)
    if not text or len(text) > 100:
        return None
    for pattern in (_ISO_DATE, _COMPACT_DATE):
        m = pattern.match(text)
        if m:
            return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    if not re.search(r"\d", text):
        return None  # "yesterday" and friends are not a publication date we can trust
    try:
        import dateparser

        found = dateparser.parse(text, settings={"STRICT_PARSING": True})
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        found = None
    return found.date().isoformat() if found else None


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def make_article(
    text: str,
    *,
    path: str,
    line: int | None = None,
    id: str | None = None,  # noqa: A002 - the contract's field name
    url: Any = None,
    outlet: Any = None,
    title: Any = None,
    published: Any = None,
    default_published: str | None = None,
    default_outlet: str | None = None,
    lang: str = "en",
) -> Article | IngestError:
    """Build an `Article`, or say why not (no text, text too long).

    Args:
        text: the article text as extracted (normalised by `Article`).
        path: the input file, kept on the article.
        line: line number for errors (JSONL).
        id: an id given by the input; empty means "hash of the text".
        url: canonical URL.
        outlet: the outlet as the input names it.
        title: the headline.
        published: the publication date in any format `normalise_date` reads.
        default_published: ``YYYY-MM-DD`` used when the input has no readable date.
        default_outlet: used when the input names no outlet.
        lang: language code.

    Returns:
        The article, or an `IngestError`.
    """
    if not isinstance(text, str):
        return IngestError(path, line, "article text is not a string")
    if len(text) > MAX_ARTICLE_CHARS * 2:
        # Far too long even before whitespace is collapsed: don't spend time normalising it.
        return IngestError(path, line, _too_long(len(text)))
    art = Article(
        text=text,
        id=clean_field(id) or "",
        url=clean_field(url),
        path=path,
        outlet=clean_field(outlet) or default_outlet,
        title=clean_field(title),
        published=normalise_date(published) or default_published,
        lang=lang,
    )
    if not art.text:
        return IngestError(path, line, "no article text")
    if len(art.text) > MAX_ARTICLE_CHARS:
        return IngestError(path, line, _too_long(len(art.text)))
    return art


def _too_long(n: int) -> str:
    return f"article text too long ({n:,} chars > {MAX_ARTICLE_CHARS:,})"
