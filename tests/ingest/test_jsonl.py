import json
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.ingest import IngestError, read_bytes, read_jsonl_text, read_path

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
VOA_SHARED = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"
VOA_BUNDLED = ROOT / "src" / "newsledger" / "data" / "demo" / "voa_stories.jsonl"


def test_fixture_ids_dates_and_broken_lines():
    items = list(read_path(FIXTURES / "articles.jsonl", outlet="Fallback"))
    name = str(FIXTURES / "articles.jsonl")
    by_id = {i.id: i for i in items if isinstance(i, Article)}
    assert list(by_id) == ["wire-001", "2", "wire-004", "wire-007"]
    first = by_id["wire-001"]
    assert (first.url, first.outlet, first.title, first.published) == (
        "https://example.org/a/1",
        "Example Times",
        "Talks resume",
        "2024-11-01",
    )
    assert first.text == (
        "Negotiators resumed talks on Friday, officials said.\n"
        "A second round is planned for next week."
    )
    assert by_id["2"].published == "2024-11-02"  # RFC 2822 date
    assert by_id["wire-007"].published is None  # unreadable date: no guess
    assert by_id["wire-007"].outlet == "Fallback"
    storm = by_id["wire-004"]  # "html" instead of "text": extracted like a page
    assert storm.text.startswith("Storm hits coast\nA storm brought winds of 150 km/h")
    assert "Home" not in storm.text and "Copyright" not in storm.text
    assert storm.published == "2024-11-04"
    assert all(a.path == name for a in by_id.values())
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert errors == [
        f"{name}:4: invalid JSON: invalid control character at column 75",
        f"{name}:6: expected a JSON object, got list",
        f'{name}:7: no "text" or "html" in the record',
    ]


@pytest.mark.parametrize("path", [VOA_SHARED, VOA_BUNDLED], ids=["shared", "bundled"])
def test_voa_corpus_reads_as_89_articles(path):
    if not path.exists():
        pytest.skip(f"{path} not available")
    items = list(read_path(path))
    assert len(items) == 89
    assert all(isinstance(i, Article) for i in items)
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [a.id for a in items] == [str(r["id"]) for r in raw]
    assert all(a.published and len(a.published) == 10 for a in items)
    assert items[0].published == raw[0]["published"][:10]


def test_same_text_same_id_across_files(tmp_path):
    text = "The council approved the budget on Tuesday, the mayor said."
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": text}) + "\n")
    (tmp_path / "b.txt").write_text(text + "\n")
    a, b = list(read_path(tmp_path))
    assert a.id == b.id and a.id.startswith("sha-")


def test_read_jsonl_text_and_bytes():
    text = '{"id": "x1", "text": "Rain is forecast for Friday."}\n\nnot json\n'
    items = list(read_jsonl_text(text, path="<stdin>"))
    assert items[0].id == "x1" and items[0].path == "<stdin>"
    assert str(items[1]) == "<stdin>:3: invalid JSON: expecting value at column 1"
    items = list(read_bytes(text.encode(), name="<stdin>"))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError"]


def test_utf16_and_cp1252_lines(tmp_path):
    rec = {"id": "u", "text": "The minister said “yes” to the café plan."}
    f16 = tmp_path / "u16.jsonl"
    f16.write_bytes((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-16"))
    (art,) = list(read_path(f16))
    assert art.text == rec["text"]
    cp = tmp_path / "cp.jsonl"
    cp.write_bytes((json.dumps(rec, ensure_ascii=False) + "\n").encode("cp1252"))
    (art,) = list(read_path(cp))
    assert art.text == rec["text"]


def test_json_file_with_a_list(tmp_path):
    f = tmp_path / "batch.json"
    f.write_text(json.dumps([{"id": "a", "text": "Turnout was 61 percent."}, {"id": "b"}]))
    a, err = list(read_path(f))
    assert a.id == "a"
    assert str(err) == f'{f}: item 2: no "text" or "html" in the record'


def test_gzipped_jsonl_streamed_and_truncation_reported(tmp_path):
    import gzip

    lines = "".join(
        json.dumps({"id": f"g{i}", "text": f"Story number {i} was filed on Monday."}) + "\n"
        for i in range(300)
    )
    packed = gzip.compress(lines.encode())
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(packed)
    items = list(read_path(path))
    assert [a.id for a in items] == [f"g{i}" for i in range(300)]
    sniffed = tmp_path / "corpus.gz"
    sniffed.write_bytes(packed)
    assert len(list(read_path(sniffed))) == 300
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    items = list(read_path(cut))
    assert all(isinstance(i, Article) for i in items[:-1]) and len(items) > 2
    assert isinstance(items[-1], IngestError)
    assert items[-1].reason.startswith("truncated or corrupt gzip data")
