"""Plain-text files: the whole file is one article."""

from __future__ import annotations

import re

from newsledger.article import Article
from newsledger.ingest.base import IngestError, make_article
from newsledger.ingest.decode import DecodeError, decode_bytes

_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30
# A line ending like a sentence is body text, not a headline.
_SENTENCE_END = re.compile(r"""[.,;:…]["'”’)\]]*$""")


def headline(text: str) -> str | None:
    """The first line of a text if it reads as a headline (short, no closing period), else None.

    A text of a single line has no headline: the line is the article.

    Args:
        text: the decoded file.

    Returns:
        The headline, stripped, or None.
    """
    lines = [ln.strip() for ln in text.strip().splitlines()]
    lines = [ln for ln in lines if ln]
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) > _MAX_TITLE_CHARS or len(first.split()) > _MAX_TITLE_WORDS:
        return None
    if _SENTENCE_END.search(first) or not any(ch.isalpha() for ch in first):
        return None
    return first


def read_text_bytes(
    data: bytes,
    *,
    path: str,
    default_published: str | None = None,
    default_outlet: str | None = None,
) -> Article | IngestError:
    """Read a plain-text file as one article; a headline-like first line becomes the title.

    The headline stays in the text as well: it is part of what the outlet published.

    Args:
        data: the file's bytes.
        path: the input file.
        default_published: ``YYYY-MM-DD`` from ``--published``.
        default_outlet: from ``--outlet``.

    Returns:
        The article, or an `IngestError`.
    """
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        return IngestError(path, None, str(exc))
    return make_article(
        text,
        path=path,
        title=headline(text),
        default_published=default_published,
        default_outlet=default_outlet,
    )
