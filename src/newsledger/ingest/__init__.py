"""Ingestion: files in every common news format in, `Article` objects out.

`read_path` / `read_paths` yield `Article` or `IngestError` items and never raise for bad
input: an empty, binary, undecodable, oversized, truncated or malformed file becomes one
`IngestError` with a one-line reason, and reading goes on with the next file.

Formats (by extension, else sniffed from the first bytes):

* ``.txt`` ``.text`` ``.md``: one article per file; a headline-like first line is the title.
* ``.html`` ``.htm`` ``.xhtml``: main text and metadata by trafilatura.
* ``.jsonl`` ``.ndjson``: one contract article object per line; ``.json``: one object or a list.
* ``.rss`` ``.atom`` ``.xml`` ``.rdf``: RSS/Atom feeds, one article per item.
* ``.warc`` ``.warc.gz`` ``.arc`` ``.arc.gz``: HTTP 200 HTML responses.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from newsledger.article import Article
from newsledger.ingest.base import (
    MAX_ARTICLE_CHARS,
    MAX_BYTES,
    MAX_HTML_ELEMENTS,
    IngestError,
    describe,
    normalise_date,
)
from newsledger.ingest.decode import looks_binary
from newsledger.ingest.feeds import looks_like_feed, read_feed_bytes
from newsledger.ingest.html import read_html_bytes
from newsledger.ingest.jsonl import read_json_bytes, read_jsonl_file, read_jsonl_text
from newsledger.ingest.text import read_text_bytes
from newsledger.ingest.warc import read_warc_file

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_BYTES",
    "MAX_HTML_ELEMENTS",
    "IngestError",
    "detect_format",
    "read_bytes",
    "read_jsonl_text",
    "read_path",
    "read_paths",
]

Item = Article | IngestError

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".json": "json",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".rdf": "feed",
    ".warc": "warc",
    ".arc": "warc",
}
# Formats read as a stream (record by record), so a big file is fine; MAX_BYTES caps each
# line/record instead of the file.
_STREAMED = frozenset({"jsonl", "warc"})
# Files inside a directory that are never articles (saved pages carry these alongside).
_ASSET_EXTENSIONS = frozenset(
    ".png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .avif .css .js .mjs .map .woff .woff2 "
    ".ttf .otf .eot .mp3 .mp4 .webm .ogg .wav .pdf .zip .tar .7z .pyc .db .sqlite".split()
)
_COMPRESSED_SUFFIXES = (
    (".warc.gz", "warc"),
    (".arc.gz", "warc"),
    (".warc.gzip", "warc"),
    (".jsonl.gz", "jsonl"),
    (".ndjson.gz", "jsonl"),
)
_GZIP_MAGIC = b"\x1f\x8b"
_HEAD_BYTES = 8192


def detect_format(name: str, head: bytes) -> str | None:
    """The reader for a file: by extension, else by sniffing its first bytes.

    Args:
        name: the file name (only its extension is used).
        head: the first few KB of the file.

    Returns:
        ``"text"``, ``"html"``, ``"jsonl"``, ``"json"``, ``"feed"`` or ``"warc"``; None when the
        bytes are gzip data that is not a web archive.
    """
    lower = name.lower()
    for suffix, fmt in _COMPRESSED_SUFFIXES:
        if lower.endswith(suffix):
            return fmt
    ext = os.path.splitext(lower)[1]
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    return _sniff(head)


def _sniff(head: bytes) -> str | None:
    if head.startswith(_GZIP_MAGIC):
        try:
            inner = _gunzip_head(head)
        except Exception:  # noqa: BLE001 - a broken gzip head is simply "not a WARC"
            return None
        if inner.startswith((b"WARC/", b"filedesc://")):
            return "warc"
        return "jsonl" if inner.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else None
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    low = stripped[:2048].lower()
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"<"):
        if looks_like_feed(stripped):
            return "feed"
        if b"<html" in low or b"<!doctype html" in low or b"<body" in low or b"<p" in low:
            return "html"
        if stripped.startswith(b"<?xml"):
            return "feed"  # the feed reader says clearly when XML is not a feed
        return "html"
    return "text"


def _gunzip_head(head: bytes) -> bytes:
    return zlib.decompressobj(wbits=31).decompress(head, 64)


def _read_file(path: Path, name: str, published: str | None, outlet: str | None) -> Iterator[Item]:
    try:
        st = path.stat()
    except FileNotFoundError:
        yield IngestError(name, None, "no such file or directory")
        return
    except OSError as exc:
        yield IngestError(name, None, f"cannot read: {describe(exc)}")
        return
    if not path.is_file():
        yield IngestError(name, None, "not a regular file")
        return
    if st.st_size == 0:
        yield IngestError(name, None, "empty file")
        return
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield IngestError(name, None, f"cannot read: {describe(exc)}")
        return
    with fh:
        head = fh.read(_HEAD_BYTES)
        fmt = detect_format(path.name, head)
        if fmt is None:
            yield IngestError(name, None, "gzip file that is neither a WARC nor JSON Lines")
            return
        if fmt not in _STREAMED and st.st_size > MAX_BYTES:
            # Refused from its size alone: never read it into memory.
            yield IngestError(name, None, _too_large(st.st_size))
            return
        fh.seek(0)
        defaults = {"default_published": published, "default_outlet": outlet}
        if fmt == "jsonl":
            yield from _read_jsonl_maybe_gzipped(fh, head, name, defaults)
            return
        if fmt == "warc":
            yield from read_warc_file(fh, path=name, **defaults)
            return
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # the file grew after stat()
        yield IngestError(name, None, _too_large(len(data)))
        return
    yield from _read_data(data, fmt, name, published, outlet)


def _read_jsonl_maybe_gzipped(
    fh: IO[bytes], head: bytes, name: str, defaults: dict[str, str | None]
) -> Iterator[Item]:
    if not head.startswith(_GZIP_MAGIC):
        yield from read_jsonl_file(fh, path=name, **defaults)
        return
    # Corpora often ship as .jsonl.gz: decompress as a stream, never all at once.
    stream = io.BufferedReader(gzip.GzipFile(fileobj=fh, mode="rb"))
    try:
        yield from read_jsonl_file(stream, path=name, **defaults)
    except (EOFError, OSError, zlib.error) as exc:
        yield IngestError(name, None, f"truncated or corrupt gzip data: {describe(exc)}")


def _read_data(
    data: bytes, fmt: str, name: str, published: str | None, outlet: str | None
) -> Iterator[Item]:
    defaults = {"default_published": published, "default_outlet": outlet}
    if fmt == "text":
        yield read_text_bytes(data, path=name, **defaults)
    elif fmt == "html":
        yield read_html_bytes(data, path=name, **defaults)
    elif fmt == "json":
        yield from read_json_bytes(data, path=name, **defaults)
    elif fmt == "feed":
        if looks_binary(data[:_HEAD_BYTES]):
            yield IngestError(name, None, "binary file (NUL bytes), not text")
        elif not data.strip():
            yield IngestError(name, None, "empty file")
        else:
            yield from read_feed_bytes(data, path=name, **defaults)
    elif fmt == "jsonl":
        buffer = io.BufferedReader(io.BytesIO(data))
        yield from _read_jsonl_maybe_gzipped(buffer, data[:_HEAD_BYTES], name, defaults)
    elif fmt == "warc":
        yield from read_warc_file(io.BytesIO(data), path=name, **defaults)
    else:  # pragma: no cover - detect_format returns only the formats above
        yield IngestError(name, None, f"unknown format {fmt!r}")


def _too_large(size: int) -> str:
    return f"file too large ({size / 2**20:.1f} MB > {MAX_BYTES // 2**20} MB)"


def _guarded(items: Iterable[Item], name: str) -> Iterator[Item]:
    """Turn any unexpected failure inside a reader into one `IngestError`, never a traceback."""
    try:
        yield from items
    except RecursionError:
        yield IngestError(name, None, "input nested too deeply to process")
    except MemoryError:
        yield IngestError(name, None, "out of memory reading this input")
    except Exception as exc:  # noqa: BLE001 - bad input must never stop a batch
        yield IngestError(name, None, f"unexpected error: {describe(exc)}")


def _check_default_date(published: str | None) -> str | None:
    if published is None or published == "":
        return None
    date = normalise_date(published)
    if date is None:
        raise ValueError(f"published must be a date such as 2024-10-28, got {published!r}")
    return date


def read_path(
    path: str | os.PathLike[str],
    *,
    published: str | None = None,
    outlet: str | None = None,
) -> Iterator[Item]:
    """Read one file (or, recursively, a directory) into articles.

    Args:
        path: the file or directory.
        published: ``YYYY-MM-DD`` for articles whose input gives no date (``--published``).
        outlet: outlet for articles whose input names none (``--outlet``).

    Returns:
        An iterator of `Article` and `IngestError` items, in file order.

    Raises:
        ValueError: at once, if ``published`` is not a date.
    """
    return read_paths([path], published=published, outlet=outlet)


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: str | None = None,
    outlet: str | None = None,
) -> Iterator[Item]:
    """Read files and directories (recursively, sorted, hidden entries skipped) into articles.

    In a directory, files with asset extensions (images, CSS, JS, fonts, PDFs...) are skipped
    silently; every other file is read by extension or sniffing. Files named explicitly are
    always read.

    Args:
        paths: files and directories.
        published: ``YYYY-MM-DD`` for articles whose input gives no date.
        outlet: outlet for articles whose input names none.

    Returns:
        An iterator of `Article` and `IngestError` items.

    Raises:
        ValueError: at once, if ``published`` is not a date.
    """
    date = _check_default_date(published)
    default_outlet = outlet.strip() if outlet and outlet.strip() else None
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not an iterable of characters
    return _iter_paths(list(paths), date, default_outlet)


def _iter_paths(
    paths: list[str | os.PathLike[str]], published: str | None, outlet: str | None
) -> Iterator[Item]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                yield from _guarded(_read_file(file, str(file), published, outlet), str(file))
        else:
            name = os.fspath(given)
            yield from _guarded(_read_file(path, name, published, outlet), name)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in sorted order, hidden files/directories and assets skipped."""
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():  # no symlink loops
            yield from _walk(entry)
        elif entry.is_file() and entry.suffix.lower() not in _ASSET_EXTENSIONS:
            yield entry


def read_bytes(
    data: bytes,
    *,
    name: str = "<stdin>",
    fmt: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> Iterator[Item]:
    """Read articles from bytes already in memory (e.g. standard input).

    Args:
        data: the input.
        name: the name errors and ``Article.path`` use.
        fmt: ``"text"``, ``"html"``, ``"jsonl"``, ``"json"``, ``"feed"`` or ``"warc"``; sniffed
            (using ``name``'s extension, if any) when None.
        published: ``YYYY-MM-DD`` default date.
        outlet: default outlet.

    Returns:
        An iterator of `Article` and `IngestError` items.

    Raises:
        ValueError: at once, if ``published`` is not a date.
    """
    date = _check_default_date(published)
    default_outlet = outlet.strip() if outlet and outlet.strip() else None

    def _items() -> Iterator[Item]:
        if not data.strip():
            yield IngestError(name, None, "empty input")
            return
        kind = fmt or detect_format(name, data[:_HEAD_BYTES])
        if kind is None:
            yield IngestError(name, None, "gzip data that is neither a WARC nor JSON Lines")
            return
        if kind not in _STREAMED and len(data) > MAX_BYTES:
            yield IngestError(name, None, _too_large(len(data)))
            return
        yield from _read_data(data, kind, name, date, default_outlet)

    return _guarded(_items(), name)
