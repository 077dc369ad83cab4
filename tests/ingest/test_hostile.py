"""Hostile input: every bad file is one one-line IngestError and the batch goes on."""

import json
import os

import pytest

from newsledger.article import Article
from newsledger.ingest import MAX_ARTICLE_CHARS, MAX_BYTES, IngestError, read_paths

STORY = "The mayor said the bridge would reopen in March after repairs, officials confirmed."


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def _read_with_sentinel(tmp_path, bad):
    """Read a bad file followed by a good one: exactly one error, then the good article."""
    good = _write(tmp_path, "zz_good.txt", STORY)
    items = list(read_paths([bad, good]))
    assert isinstance(items[-1], Article) and items[-1].text == STORY, items
    errors = items[:-1]
    assert len(errors) == 1 and isinstance(errors[0], IngestError), errors
    msg = str(errors[0])
    assert msg.startswith(f"{bad}:") and "\n" not in msg and "Traceback" not in msg
    return errors[0]


@pytest.mark.parametrize(
    "name", ["empty.txt", "empty.html", "empty.rss", "empty.jsonl", "empty.warc"]
)
def test_empty_files(tmp_path, name):
    err = _read_with_sentinel(tmp_path, _write(tmp_path, name, b""))
    assert err.reason == "empty file"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("blob.txt", "binary file (NUL bytes), not text"),
        ("blob.html", "binary file (NUL bytes), not text"),
        ("blob.xml", "binary file (NUL bytes), not text"),
        ("blob.jsonl", "binary file (NUL bytes), not text"),
        ("blob", "binary file (NUL bytes), not text"),
        ("blob.warc", "not a WARC/ARC archive (ArchiveLoadFailed: Unknown archive format)"),
    ],
)
def test_binary_files(tmp_path, name, reason):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4000)
    err = _read_with_sentinel(tmp_path, _write(tmp_path, name, data))
    assert err.reason == reason


def test_undecodable(tmp_path):
    err = _read_with_sentinel(tmp_path, _write(tmp_path, "junk.txt", bytes(range(128, 256)) * 20))
    assert err.reason.startswith("undecodable")


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.xml", "big.json"])
def test_big_file_refused_by_size(tmp_path, name):
    path = tmp_path / name
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs, never written out
    err = _read_with_sentinel(tmp_path, path)
    assert err.reason == "file too large (50.0 MB > 20 MB)"


def test_streamed_formats_cap_each_line(tmp_path):
    # JSONL is streamed (corpora are big); an over-long line is one error, the rest goes on.
    path = tmp_path / "huge_line.jsonl"
    with path.open("w") as fh:
        fh.write('{"id": "huge", "text": "' + "x" * (MAX_BYTES + 10) + '"}\n')
        fh.write(json.dumps({"id": "ok", "text": STORY}) + "\n")
    items = list(read_paths([path]))
    assert str(items[0]) == f"{path}:1: line too long (over 20 MB)"
    assert isinstance(items[1], Article) and items[1].id == "ok"


def test_article_too_long(tmp_path):
    path = _write(tmp_path, "long.txt", "Word " * (MAX_ARTICLE_CHARS // 5 + 100))
    err = _read_with_sentinel(tmp_path, path)
    assert err.reason.startswith("article text too long (")
    assert err.reason.endswith(f"chars > {MAX_ARTICLE_CHARS:,})")


def test_absurdly_nested_html(tmp_path):
    n = 100_000
    page = "<html><body>" + "<div>" * n + f"<p>{STORY * 5}</p>" + "</div>" * n + "</body></html>"
    err = _read_with_sentinel(tmp_path, _write(tmp_path, "deep.html", page))
    assert err.reason.startswith("HTML nested too deeply")


def test_moderately_nested_html_still_read(tmp_path):
    page = (
        "<html><head><title>Bridge</title></head><body>"
        + "<div>" * 150
        + f"<article><p>{STORY}</p><p>{STORY}</p><p>{STORY}</p></article>"
        + "</div>" * 150
        + "</body></html>"
    )
    (art,) = list(read_paths([_write(tmp_path, "deepish.html", page)]))
    assert isinstance(art, Article) and STORY in art.text


def test_html_with_too_many_elements(tmp_path):
    page = "<html><body>" + "<div><span>x</span></div>" * 30_000 + "</body></html>"
    err = _read_with_sentinel(tmp_path, _write(tmp_path, "soup.html", page))
    assert err.reason.startswith("HTML too complex (")


def test_deeply_nested_json_line(tmp_path):
    path = _write(tmp_path, "deep.jsonl", "[" * 200_000 + "]" * 200_000 + "\n")
    err = _read_with_sentinel(tmp_path, path)
    assert (err.line, err.reason) == (1, "invalid JSON: nested too deeply")


def test_gzip_that_is_not_a_warc(tmp_path):
    import gzip

    err = _read_with_sentinel(tmp_path, _write(tmp_path, "notes.gz", gzip.compress(b"hello")))
    assert err.reason == "gzip file that is neither a WARC nor JSON Lines"


def test_missing_path(tmp_path):
    err = _read_with_sentinel(tmp_path, tmp_path / "nope.txt")
    assert err.reason == "no such file or directory"


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = _write(tmp_path, "locked.txt", STORY)
    path.chmod(0)
    err = _read_with_sentinel(tmp_path, path)
    assert err.reason.startswith("cannot read: PermissionError")
