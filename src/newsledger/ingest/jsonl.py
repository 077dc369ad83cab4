"""JSON Lines (the contract's input format) and plain JSON files of article objects."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsledger.article import Article
from newsledger.ingest.base import MAX_BYTES, IngestError, clean_field, make_article
from newsledger.ingest.decode import DecodeError, bom_encoding, decode_bytes, looks_binary
from newsledger.ingest.html import read_html_text

Item = Article | IngestError


def record_to_article(
    obj: Any,
    *,
    path: str,
    line: int | None,
    default_published: str | None = None,
    default_outlet: str | None = None,
) -> Item:
    """Turn one decoded JSON object into an article.

    Keys read: ``id``, ``text`` (or ``html``, extracted like an HTML page), ``url``, ``outlet``,
    ``title``, ``published`` (any common date format, normalised to ``YYYY-MM-DD``); other keys
    are ignored. A given ``id`` is kept so outputs join back to inputs.

    Args:
        obj: the decoded JSON value.
        path: the input file.
        line: its line number (None for a ``.json`` file).
        default_published: ``YYYY-MM-DD`` for records without a readable date.
        default_outlet: outlet for records that name none.

    Returns:
        The article, or an `IngestError` naming the line.
    """
    if not isinstance(obj, dict):
        return IngestError(path, line, f"expected a JSON object, got {type(obj).__name__}")
    text, html = obj.get("text"), obj.get("html")
    common = {
        "path": path,
        "line": line,
        "id": obj.get("id"),
        "url": obj.get("url"),
        "title": obj.get("title"),
        "outlet": obj.get("outlet"),
        "published": obj.get("published"),
        "default_published": default_published,
        "default_outlet": default_outlet,
    }
    if isinstance(text, str) and text.strip():
        return make_article(text, **common)
    if isinstance(html, str) and html.strip():
        for key in ("id", "url", "title", "outlet", "published"):
            common[key] = clean_field(common[key])
        return read_html_text(html, prefer_given_url=True, **common)
    return IngestError(path, line, 'no "text" or "html" in the record')


def _json_problem(exc: json.JSONDecodeError) -> str:
    msg = exc.msg.removesuffix(" at").lower()
    return f"invalid JSON: {msg} at column {exc.colno}"


def _parse_line(raw: str, *, path: str, line: int, **defaults: Any) -> Item | None:
    if not raw.strip():
        return None  # blank lines are allowed between records
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        return IngestError(path, line, _json_problem(exc))
    except RecursionError:
        return IngestError(path, line, "invalid JSON: nested too deeply")
    return record_to_article(obj, path=path, line=line, **defaults)


def read_jsonl_text(
    text: str | Iterable[str],
    *,
    path: str = "<stdin>",
    published: str | None = None,
    outlet: str | None = None,
) -> Iterator[Item]:
    """Read JSON Lines already decoded to text (e.g. standard input).

    Args:
        text: the whole text, or an iterable of lines (such as a text stream).
        path: name used in errors and on the articles.
        published: default ``YYYY-MM-DD`` for records without a date.
        outlet: default outlet.

    Yields:
        One `Article` or `IngestError` per non-blank line.
    """
    lines = text.splitlines() if isinstance(text, str) else text
    for number, raw in enumerate(lines, start=1):
        if len(raw) > MAX_BYTES:
            yield IngestError(path, number, f"line too long (over {MAX_BYTES // 2**20} MB)")
            continue
        item = _parse_line(
            raw, path=path, line=number, default_published=published, default_outlet=outlet
        )
        if item is not None:
            yield item


def _binary_lines(fh: IO[bytes]) -> Iterator[tuple[bytes | None, int]]:
    """Lines of a byte stream, each read with a size cap; None stands for an over-long line."""
    number = 0
    while True:
        raw = fh.readline(MAX_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
            # Skip the rest of the over-long line without holding it in memory.
            while True:
                chunk = fh.readline(1 << 20)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield None, number
            continue
        yield raw, number


def read_jsonl_file(
    fh: IO[bytes],
    *,
    path: str,
    default_published: str | None = None,
    default_outlet: str | None = None,
) -> Iterator[Item]:
    """Stream a JSON Lines file: one article per line, a broken line is one error.

    The file is not size-limited as a whole (corpora are big); each line is, to `MAX_BYTES`.

    Args:
        fh: the file opened in binary mode.
        path: the input file's name.
        default_published: ``YYYY-MM-DD`` for records without a date.
        default_outlet: outlet for records that name none.

    Yields:
        `Article` or `IngestError` per non-blank line.
    """
    defaults = {"default_published": default_published, "default_outlet": default_outlet}
    if not hasattr(fh, "peek"):
        fh = io.BufferedReader(fh)  # type: ignore[arg-type]
    head = fh.peek(4096)[:4096]  # type: ignore[attr-defined]
    if not head.strip() and len(head) < 4096:
        yield IngestError(path, None, "empty file")
        return
    if looks_binary(head):
        yield IngestError(path, None, "binary file (NUL bytes), not text")
        return
    bom = bom_encoding(head)
    if bom and bom[0] != "utf-8":
        # UTF-16/32: lines cannot be split on bytes; decode as a stream.
        codec = codecs.lookup(bom[0]).name
        stream = io.TextIOWrapper(fh, encoding=codec, errors="replace", newline=None)
        stream.read(1)  # the BOM
        yield from read_jsonl_text(
            iter(lambda: stream.readline(MAX_BYTES + 1), ""),
            path=path,
            published=default_published,
            outlet=default_outlet,
        )
        return
    for raw, number in _binary_lines(fh):
        if raw is None:
            yield IngestError(path, number, f"line too long (over {MAX_BYTES // 2**20} MB)")
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            continue
        try:
            line_text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line_text = decode_bytes(raw)
            except DecodeError as exc:
                yield IngestError(path, number, str(exc))
                continue
        item = _parse_line(line_text, path=path, line=number, **defaults)
        if item is not None:
            yield item


def read_json_bytes(
    data: bytes,
    *,
    path: str,
    default_published: str | None = None,
    default_outlet: str | None = None,
) -> Iterator[Item]:
    """Read a ``.json`` file holding one article object or a list of them.

    Args:
        data: the file's bytes.
        path: the input file.
        default_published: ``YYYY-MM-DD`` for records without a date.
        default_outlet: outlet for records that name none.

    Yields:
        `Article` or `IngestError` per object.
    """
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield IngestError(path, None, str(exc))
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if "\n{" in text.strip():
            # Several objects, one per line: it is JSON Lines under a .json name.
            yield from read_jsonl_text(
                text, path=path, published=default_published, outlet=default_outlet
            )
            return
        yield IngestError(path, exc.lineno, _json_problem(exc))
        return
    except RecursionError:
        yield IngestError(path, None, "invalid JSON: nested too deeply")
        return
    items = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(items, start=1):
        result = record_to_article(
            item,
            path=path,
            line=None,
            default_published=default_published,
            default_outlet=default_outlet,
        )
        if isinstance(result, IngestError) and len(items) > 1:
            result.reason = f"item {index}: {result.reason}"
        yield result
