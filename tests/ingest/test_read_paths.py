import shutil
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.ingest import IngestError, detect_format, read_bytes, read_path, read_paths

FIXTURES = Path(__file__).parent / "fixtures"


def test_ingest_error_is_one_line():
    assert str(IngestError("a.jsonl", 3, "invalid JSON")) == "a.jsonl:3: invalid JSON"
    assert str(IngestError("a.html", None, "no\narticle\ttext")) == "a.html: no article text"


def test_directory_recursive_sorted_hidden_and_assets_skipped(tmp_path):
    root = tmp_path / "in"
    (root / "b_sub").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    shutil.copy(FIXTURES / "minister.txt", root / "c.txt")
    shutil.copy(FIXTURES / "wire.rss", root / "b_sub" / "feed.rss")
    shutil.copy(FIXTURES / "news_page.html", root / "a.html")
    (root / ".secret.txt").write_text("Hidden text that must not be read.")
    (root / ".hidden_dir" / "x.txt").write_text("Also hidden and never read.")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    (root / "style.css").write_text("body { color: red }")
    items = list(read_path(root))
    assert all(isinstance(i, Article) for i in items), items
    assert [Path(a.path).relative_to(root).as_posix() for a in items] == [
        "a.html",
        "b_sub/feed.rss",
        "b_sub/feed.rss",
        "b_sub/feed.rss",
        "c.txt",
    ]


def test_sniffing_without_extension(tmp_path):
    cases = {
        "page": (FIXTURES / "news_page.html").read_bytes(),
        "feed": (FIXTURES / "science.atom").read_bytes(),
        "lines": b'{"id": "s1", "text": "Prices rose 3 percent in May."}\n',
        "plain": b"Prices rose 3 percent in May, the statistics office said.\n",
    }
    expected = {"page": "html", "feed": "feed", "lines": "jsonl", "plain": "text"}
    for name, data in cases.items():
        assert detect_format(name, data) == expected[name]
        (tmp_path / name).write_bytes(data)
    items = list(read_paths(sorted(tmp_path.iterdir())))
    assert all(isinstance(i, Article) for i in items), items
    assert len(items) == 1 + 1 + 2 + 1  # lines, page, feed (2 entries), plain


def test_read_bytes_sniffs_stdin():
    (art,) = list(read_bytes((FIXTURES / "news_page.html").read_bytes(), name="<stdin>"))
    assert art.title == "Port strike halts grain exports as talks stall"
    assert art.path == "<stdin>"
    (err,) = list(read_bytes(b"", name="<stdin>"))
    assert str(err) == "<stdin>: empty input"


def test_single_path_string_is_one_path():
    items = list(read_paths(str(FIXTURES / "minister.txt")))
    assert len(items) == 1 and isinstance(items[0], Article)


def test_published_kwarg_validated_eagerly():
    with pytest.raises(ValueError):
        read_paths([FIXTURES / "minister.txt"], published="not a date")
    (art,) = list(read_path(FIXTURES / "minister.txt", published="2024-11-05T10:00:00Z"))
    assert art.published == "2024-11-05"
