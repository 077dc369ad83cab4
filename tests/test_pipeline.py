"""The library jobs end to end: ingest into SQLite, crash safety, re-runs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger import config
from newsledger.pipeline import ingest
from newsledger.store.sqlite import SQLiteStore


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_kill_9_during_ingest_then_rerun_stores_each_article_once(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    corpus = config.DEMO_CORPUS
    n_corpus = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
    cmd = [sys.executable, "-m", "newsledger", "ingest", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while _count(db) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_before = _count(db)
    assert 3 <= stored_before < n_corpus

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {stored_before} unchanged" in rerun.stderr

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [r[0] for r in con.execute("SELECT id FROM articles")]
    expected = {json.loads(line)["id"] for line in corpus.open(encoding="utf-8") if line.strip()}
    assert len(ids) == len(set(ids)) == n_corpus
    assert set(ids) == expected
    # Every article has its records: none was stored half-way.
    per_article = dict(con.execute("SELECT article_id, count(*) FROM records GROUP BY article_id"))
    assert set(per_article) == expected


def test_rerun_skips_unchanged_and_force_reprocesses(tmp_path: Path, nlp) -> None:
    src = tmp_path / "in.jsonl"
    stories = [json.loads(line) for line in config.DEMO_CORPUS.open(encoding="utf-8")][:3]
    src.write_text("\n".join(json.dumps(s) for s in stories) + "\n", encoding="utf-8")
    store = SQLiteStore(tmp_path / "x.db")
    first = ingest([src], store, nlp=nlp)
    assert (first.stored, first.skipped, first.failed) == (3, 0, 0)
    records = store.conn.execute("SELECT count(*) FROM records").fetchone()[0]
    second = ingest([src], store, nlp=nlp)
    assert (second.stored, second.skipped) == (0, 3)
    forced = ingest([src], store, nlp=nlp, force=True)
    assert forced.stored == 3
    assert store.conn.execute("SELECT count(*) FROM records").fetchone()[0] == records
    assert store.count_articles() == 3


def test_batch_goes_on_past_bad_files(tmp_path: Path, nlp) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = inputs / "good.txt"
    good.write_text("Officials said 20 people were hurt in the blast on Monday.", encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "bad.jsonl").write_text('{"id": "x1", "text": "Fine."}\n{broken\n', "utf-8")
    store = SQLiteStore(tmp_path / "x.db")
    summary = ingest([inputs], store, nlp=nlp)
    assert summary.stored == 2
    assert summary.failed == 2
    messages = [str(e) for e in summary.errors]
    assert any("empty.txt" in m for m in messages)
    assert any("bad.jsonl:2" in m for m in messages)


@pytest.mark.parametrize("batch_size", [2, 4])
def test_worker_processes_give_the_same_records_in_the_same_order(nlp, batch_size: int) -> None:
    from newsledger.nlp import process

    # Seven texts in chunks of 2 or 4 (one chunk is one nlp.pipe batch in a worker): more
    # chunks than workers, a short last chunk, results gathered back in input order.
    stories = [json.loads(line) for line in config.DEMO_CORPUS.open(encoding="utf-8")][:7]
    items = [(s["text"], {"id": s["id"], "published": s["published"][:10]}) for s in stories]
    one = list(process(nlp, items, workers=1))
    two = list(process(nlp, items, workers=2, batch_size=batch_size))
    assert [m["id"] for _, m in two] == [s["id"] for s in stories]
    assert [layers for layers, _ in two] == [layers for layers, _ in one]
    assert sum(len(layers.get("attribution", [])) for layers, _ in one) > 0


def _new_words_batch(k: int, n: int = 4) -> list[tuple[str, dict[str, str]]]:
    """``n`` texts full of made-up names and words no earlier batch had (batch ``k``)."""
    return [
        (
            f"Minister Varolzek Quenthar{k}x{i} told reporters in Brastovia{k}x{i} on Monday "
            f"that {1000 + 37 * k + i} troops had crossed the Zelmarine{k}x{i} river, "
            f"according to the Orvandi{k}x{i} ministry.",
            {"id": f"zone-{k}-{i}", "published": "2024-10-28"},
        )
        for i in range(n)
    ]


def test_vocabulary_does_not_grow_across_batches_of_new_words(nlp) -> None:
    """Each engine's batch runs in a spaCy memory zone: new words leave no strings behind.

    Without the zone every batch of new names and numbers adds its strings to the vocabulary
    for good, and a long run's memory grows with the corpus. The records built inside the zone
    must still hold those words afterwards (plain data, not views of the freed strings).
    """
    from newsledger.nlp import process

    list(process(nlp, _new_words_batch(0), workers=1, batch_size=4))  # first-use strings
    size = len(nlp.vocab.strings)
    for k in (1, 2, 3):
        out = list(process(nlp, _new_words_batch(k), workers=1, batch_size=4))
        assert len(nlp.vocab.strings) == size, f"batch {k} left strings in the vocabulary"
        assert f"Quenthar{k}x0" in json.dumps([layers for layers, _ in out])
    assert "Quenthar3x0" not in nlp.vocab.strings


def test_ray_extractor_batch_leaves_no_strings_behind(nlp) -> None:
    """The Ray engine's actor callable, called directly (no cluster): same zone per batch."""
    pa = pytest.importorskip("pyarrow")
    from newsledger.scale.ray_engine import Extractor

    actor = Extractor.__new__(Extractor)  # the session's pipeline, not a second model load
    actor.nlp, actor.batch_size = nlp, 2

    def call(k: int) -> list[str]:
        pairs = _new_words_batch(k)
        table = pa.table(
            {
                "seq": list(range(len(pairs))),
                "text": [text for text, _ in pairs],
                "meta": [json.dumps(meta) for _, meta in pairs],
            }
        )
        result = actor(table)
        assert result["error"].to_pylist() == [None] * len(pairs)
        return result["layers"].to_pylist()

    call(10)
    size = len(nlp.vocab.strings)
    for k in (11, 12):
        layers = call(k)
        assert len(nlp.vocab.strings) == size, f"batch {k} left strings in the vocabulary"
        assert f"Quenthar{k}x3" in layers[3]


def test_lemma_cache_is_bounded_and_emptying_it_changes_no_record(nlp) -> None:
    """spaCy's lemmatizer memoises every word form it meets; past the limit it is emptied."""
    from newsledger.nlp import bound_caches, process

    lemmatizer = nlp.get_pipe("lemmatizer")
    batch = _new_words_batch(20)
    before = list(process(nlp, batch, workers=1, batch_size=4))
    assert lemmatizer.cache  # spaCy's memo, outside any memory zone
    bound_caches(nlp, limit=len(lemmatizer.cache))
    assert lemmatizer.cache  # at the limit: kept
    bound_caches(nlp, limit=0)
    assert not lemmatizer.cache
    assert list(process(nlp, batch, workers=1, batch_size=4)) == before


def test_parsing_process_settles_its_collector_and_frees_later_garbage(nlp) -> None:
    """After a batch the model and tables are frozen out of the collector; new cycles still go."""
    import gc
    import weakref

    from newsledger.nlp import GC_YOUNG_THRESHOLD, process

    list(process(nlp, _new_words_batch(4), workers=1, batch_size=4))
    assert gc.get_freeze_count() > 10_000  # the model and the extractors' tables at least
    assert gc.get_threshold()[0] >= GC_YOUNG_THRESHOLD

    class Node:
        pass

    # a reference cycle made after settling is still collected
    a, b = Node(), Node()
    a.other, b.other = b, a  # type: ignore[attr-defined]
    gone = weakref.ref(a)
    del a, b
    gc.collect()
    assert gone() is None
