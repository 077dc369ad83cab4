import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.article import Article
from newsledger.ingest import IngestError, read_path

PAGE = (Path(__file__).parent / "fixtures" / "news_page.html").read_bytes()
SECOND = (
    b"<html><head><meta charset='windows-1252'>"
    b"<title>Caf\xe9 owners protest rent rise</title></head>"
    b"<body><nav><a href='/'>Home</a> <a href='/local'>Local</a></nav><article>"
    b"<h1>Caf\xe9 owners protest rent rise</h1>"
    + b"<p>Caf\xe9 owners marched to the town hall on Saturday, saying a proposed 30 percent rent "
    b"rise would force many of them to close, organisers said.</p>"
    * 3
    + b"</article><footer>All rights reserved</footer></body></html>"
)


def _build(path: Path, gz: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(rec)

        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        response("https://harbour.example/story", "200 OK", "text/html; charset=utf-8", PAGE)
        response(
            "https://harbour.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\0\0"
        )
        response("https://harbour.example/gone", "404 Not Found", "text/html", b"<p>Not found</p>")
        response("https://harbour.example/cafe", "200 OK", "text/html", SECOND)


@pytest.fixture(params=[False, True], ids=["warc", "warc.gz"])
def warc(request, tmp_path) -> Path:
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    _build(path, request.param)
    return path


def test_only_200_html_responses(warc):
    items = list(read_path(warc))
    assert all(isinstance(i, Article) for i in items), items
    assert [a.url for a in items] == [
        "https://harbour.example/story",
        "https://harbour.example/cafe",
    ]
    story, cafe = items
    assert story.title == "Port strike halts grain exports as talks stall"
    assert story.published == "2024-11-05"
    assert "Most read" not in story.text and "Dock workers" in story.text
    # The page's <meta charset> decodes the cp1252 page.
    assert cafe.title == "Café owners protest rent rise"
    assert "Café owners marched to the town hall" in cafe.text
    assert "All rights reserved" not in cafe.text
    assert all(a.path == str(warc) for a in items)


@pytest.mark.parametrize("keep", [0.4, 0.75, 0.97])
def test_truncated_warc_yields_good_records_then_one_error(warc, keep):
    data = warc.read_bytes()
    cut = warc.with_name("cut" + "".join(warc.suffixes))
    cut.write_bytes(data[: int(len(data) * keep)])
    items = list(read_path(cut))
    errors = [i for i in items if isinstance(i, IngestError)]
    arts = [i for i in items if isinstance(i, Article)]
    assert len(errors) == 1 and items[-1] is errors[0]
    assert str(errors[0]).startswith(f"{cut}: damaged or truncated WARC after ")
    assert "\n" not in str(errors[0])
    # Whatever came before the damage is intact; the cut record is not passed on half-read.
    assert [a.url for a in arts] == ["https://harbour.example/story"][: len(arts)]
    if keep >= 0.75:
        assert len(arts) == 1


def test_garbage_inside_warc(tmp_path):
    path = tmp_path / "bad.warc"
    _build(path, gz=False)
    data = path.read_bytes()
    mid = data.index(b"WARC/1", data.index(b"harbour.example/gone"))  # header of the cafe record
    path.write_bytes(data[:mid] + b"\x99\x12garbage\xff" * 20 + data[mid:])
    items = list(read_path(path))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], IngestError) and "damaged or truncated WARC" in items[-1].reason


def test_a_record_cut_short_mid_archive_is_damage_not_an_article(tmp_path):
    """Half of the story's bytes gone, the records after it intact (a plain .warc): its declared
    Content-Length runs into the next records, which must not end up in an article's text."""
    path = tmp_path / "mid.warc"
    _build(path, gz=False)
    data = path.read_bytes()
    body = data.index(b"<html", data.index(b"harbour.example/story"))
    end = data.index(b"WARC/1", body)  # the next record's header
    path.write_bytes(data[: body + (end - body) // 2] + data[end:])
    items = list(read_path(path))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert len(errors) == 1 and items[-1] is errors[0]
    assert "damaged or truncated WARC after 1 good record" in errors[0].reason
    assert not [i for i in items if isinstance(i, Article)]  # no page stitched from records


def test_warc_without_pages(tmp_path):
    path = tmp_path / "empty.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        writer.write_record(writer.create_warcinfo_record("empty.warc", {"software": "test"}))
    (err,) = list(read_path(path))
    assert str(err) == f"{path}: no HTML responses with HTTP 200 among 1 WARC records"
