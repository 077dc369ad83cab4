"""WARC (and ARC) web archives: every HTTP 200 HTML response through the HTML reader."""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Iterator
from typing import IO, Any

from newsledger.article import Article
from newsledger.ingest.base import MAX_BYTES, IngestError, describe
from newsledger.ingest.html import read_html_bytes

Item = Article | IngestError

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16


def _quiet() -> contextlib.AbstractContextManager[Any]:
    # warcio prints warnings about damaged records straight to stderr; damage is reported
    # as an IngestError instead, so the CLI output stays one line per problem.
    return contextlib.redirect_stderr(io.StringIO())


_CUT_SHORT = "a record does not end where its Content-Length says (cut short or damaged)"


class _Damaged(Exception):
    """The archive ends or breaks inside a record."""


def _content_type(record: Any) -> tuple[str, str | None]:
    header = record.http_headers.get_header("Content-Type") or ""
    mime, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return mime.strip().lower(), charset


def _drain(record: Any) -> None:
    """Read what is left of a record and fail if the archive ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    # warcio's LimitReader counts down from Content-Length; bytes still owed mean truncation.
    if getattr(raw, "limit", 0) > 0:
        raise _Damaged(f"record truncated ({raw.limit:,} of its bytes missing)")


def _read_payload(record: Any) -> bytes | None:
    stream = record.content_stream()
    payload = stream.read(MAX_BYTES + 1)
    if len(payload) > MAX_BYTES:
        return None
    return payload


def read_warc_file(
    fh: IO[bytes],
    *,
    path: str,
    default_published: str | None = None,
    default_outlet: str | None = None,
) -> Iterator[Item]:
    """Stream a WARC/ARC file (plain or gzipped), yielding one article per HTML page.

    Only ``response`` records with HTTP status 200 and an HTML content type are read; the URL
    is the record's ``WARC-Target-URI`` (what was fetched). A damaged or truncated archive
    yields the articles read before the damage, then one `IngestError` saying where.

    Args:
        fh: the file opened in binary mode.
        path: the input file's name.
        default_published: ``YYYY-MM-DD`` for pages without a date.
        default_outlet: outlet for pages that name none.

    Yields:
        `Article` or `IngestError` per HTML response (and one error for damage).
    """
    from warcio.archiveiterator import ArchiveIterator  # imported on first use

    archive = ArchiveIterator(fh, arc2warc=True)
    records = iter(archive)
    seen = pages = 0
    # A record's page is yielded only once the next record has been found where the record
    # said it ends: in a plain .warc a record cut short declares a Content-Length that runs
    # into the records after it, and warcio only notices (``err_count``) at the next header.
    held: Item | None = None
    while True:
        errors = archive.err_count
        try:
            with _quiet():
                record = next(records)
        except StopIteration:
            if archive.err_count > errors:  # bytes after the last record that are none
                yield IngestError(path, None, _damage(seen - 1, _CUT_SHORT))
                return
            break
        except Exception as exc:  # noqa: BLE001 - warcio/zlib raise many kinds on damage
            if seen == 0:
                # warcio's own slips on non-WARC bytes (AttributeError, TypeError) say nothing
                # about the file; its format errors do.
                internal = isinstance(exc, AttributeError | TypeError)
                why = "" if internal else f" ({_short(describe(exc))})"
                yield IngestError(path, None, f"not a WARC/ARC archive{why}")
            else:
                # No record where the last one said it ends: that one is not trusted either.
                good = seen - 1 if held is not None else seen
                yield IngestError(path, None, _damage(good, describe(exc)))
            return
        if archive.err_count > errors:
            yield IngestError(path, None, _damage(seen - 1, _CUT_SHORT))
            return
        if held is not None:
            pages += 1
            yield held
            held = None
        if record.rec_type is None or record.length is None:
            # warcio hands back an empty record when the archive ends inside a header block.
            yield IngestError(path, None, _damage(seen, "record header truncated"))
            return
        seen += 1
        try:
            with _quiet():
                held = _record_item(record, path, default_published, default_outlet)
                _drain(record)
        except _Damaged as exc:
            yield IngestError(path, None, _damage(seen - 1, str(exc)))
            return
        except (OSError, EOFError, ValueError) as exc:
            yield IngestError(path, None, _damage(seen - 1, describe(exc)))
            return
    if held is not None:
        pages += 1
        yield held
    problem = _gzip_problem(fh)
    if problem:
        yield IngestError(path, None, _damage(seen, problem))
        return
    if seen == 0:
        yield IngestError(path, None, "no WARC records found")
    elif pages == 0:
        yield IngestError(path, None, f"no HTML responses with HTTP 200 among {seen} WARC records")


def _damage(good: int, problem: str) -> str:
    records = "record" if good == 1 else "records"
    return f"damaged or truncated WARC after {good} good {records}: {_short(problem)}"


def _short(problem: str) -> str:
    # warcio quotes the unreadable bytes; they are noise in a one-line message.
    return problem.split(", first line:", 1)[0]


def _gzip_problem(fh: IO[bytes]) -> str | None:
    """Why a gzipped archive is incomplete, or None; warcio ends silently on a cut-off member.

    Re-reads the file once through zlib (fast, C), member by member, checking each ends
    properly. Non-gzip or unseekable input is not checked here.
    """
    try:
        fh.seek(0)
        if fh.read(2) != b"\x1f\x8b":
            return None
        fh.seek(0)
    except (OSError, AttributeError, ValueError):
        return None
    member = zlib.decompressobj(wbits=31)
    pending = False  # bytes of an unfinished member have been fed
    while True:
        chunk = fh.read(_CHUNK)
        if not chunk:
            break
        while chunk:
            try:
                member.decompress(chunk, 1 << 20)
                # Drop what was decompressed; we only care that the stream is sound.
                while member.unconsumed_tail:
                    member.decompress(member.unconsumed_tail, 1 << 20)
            except zlib.error as exc:
                return f"corrupt gzip data ({exc})"
            pending = not member.eof
            if member.eof:
                chunk = member.unused_data.lstrip(b"\x00")
                member = zlib.decompressobj(wbits=31)
                pending = bool(chunk)
            else:
                chunk = b""
    return "file ends inside a gzip member" if pending else None


def _record_item(
    record: Any, path: str, default_published: str | None, default_outlet: str | None
) -> Item | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    mime, charset = _content_type(record)
    if mime not in _HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    payload = _read_payload(record)
    if payload is None:
        return IngestError(path, None, f"{url}: page too large (over {MAX_BYTES // 2**20} MB)")
    item = read_html_bytes(
        payload,
        path=path,
        charset=charset,
        url=url,
        prefer_given_url=True,
        default_published=default_published,
        default_outlet=default_outlet,
    )
    if isinstance(item, IngestError):
        item.reason = f"{url}: {item.reason}"
    return item
