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
