"""Past one process: batched commits, Parquet output, the Ray engine, kill -9 and resume."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from newsledger import config
from newsledger.article import Article
from newsledger.nlp import parse_article
from newsledger.pipeline import ingest, pipeline_signature
from newsledger.scale.inputs import count_inputs
from newsledger.scale.parquet import SCHEMAS, TABLES, read_table
from newsledger.scale.proctree import process_tree
from newsledger.store.sqlite import SQLiteStore

HAS_RAY = importlib.util.find_spec("ray") is not None
needs_ray = pytest.mark.skipif(not HAS_RAY, reason="ray is not installed (pip install .[scale])")
SRC = Path(__file__).resolve().parents[2] / "src"


def _stories(n: int) -> list[dict[str, Any]]:
    with config.DEMO_CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()][:n]


def _corpus(path: Path, n: int) -> Path:
    path.write_text("\n".join(json.dumps(s) for s in _stories(n)) + "\n", encoding="utf-8")
    return path


def _dump(db: Path) -> dict[str, list[tuple]]:
    """Everything a run stores, in a comparable form (timestamps left out)."""
    con = sqlite3.connect(db)
    try:
        return {
            "articles": sorted(
                con.execute(
                    "SELECT id, sha256, url, path, outlet, title, published, lang, text, pipeline "
                    "FROM articles"
                )
            ),
            "records": sorted(
                con.execute(
                    'SELECT article_id, id, type, extractor, start, "end", data, key1, key2 '
                    "FROM records"
                )
            ),
            "record_actors": sorted(con.execute("SELECT * FROM record_actors")),
            "actors": sorted(con.execute("SELECT * FROM actors")),
        }
    finally:
        con.close()


def _assert_parquet_matches_store(out: Path, db: Path) -> None:
    con = sqlite3.connect(db)
    arts = read_table(out, "articles").to_pylist()
    assert len(arts) == len({a["id"] for a in arts}), "an article written twice"
    stored = {
        r[0]: r[1:] for r in con.execute("SELECT id, sha256, text, pipeline, title FROM articles")
    }
    assert {a["id"]: (a["sha256"], a["text"], a["pipeline"], a["title"]) for a in arts} == stored
    for kind, table in TABLES.items():
        rows = read_table(out, table).to_pylist()
        got = sorted((r["article"], r["id"], r["data"]) for r in rows)
        want = sorted(con.execute("SELECT article_id, id, data FROM records WHERE type=?", (kind,)))
        assert got == want, table
        for r in rows:  # the typed columns agree with the exact contract object
            rec = json.loads(r["data"])
            assert r["extractor"] == rec["extractor"]
            if "span" in r:
                assert r["span"] == rec.get("span")
    con.close()


def test_save_batch_stores_what_save_stores(tmp_path: Path, nlp) -> None:
    items = []
    for s in _stories(3):
        art = Article(text=s["text"], id=s["id"], published=s["published"][:10], title=s["title"])
        items.append((art, parse_article(nlp, art.text, art.meta())._.newsledger))
    sig = pipeline_signature(nlp)
    one, many = SQLiteStore(tmp_path / "one.db"), SQLiteStore(tmp_path / "many.db")
    for art, layers in items:
        one.save(art, layers, sig)
    many.save_batch(items, sig)
    many.save_batch(items, sig)  # a redone batch replaces, never duplicates
    assert _dump(tmp_path / "one.db") == _dump(tmp_path / "many.db")
    assert sum(len(v) for v in _dump(tmp_path / "one.db").values()) > 3 * 10
    assert many.stored_versions([items[0][0].id, "nope"]) == {
        items[0][0].id: (items[0][0].sha256, sig)
    }


def test_a_failed_batch_stores_nothing(tmp_path: Path, nlp) -> None:
    art = Article(text="Officials said 20 people were hurt on Monday.", id="a1")
    layers = parse_article(nlp, art.text, art.meta())._.newsledger
    bad = Article(text="Second story.", id="a2")
    store = SQLiteStore(tmp_path / "x.db")
    # Two records with one primary key: the second insert fails inside the batch.
    dup = {"attribution": [{"type": "attribution", "id": "q1", "content": [0, 3]}] * 2}
    with pytest.raises(sqlite3.IntegrityError):
        store.save_batch([(art, layers), (bad, dup)], "sig")
    assert store.count_articles() == 0


def test_local_engine_parquet_matches_store_and_skips_on_rerun(tmp_path: Path, nlp) -> None:
    src = _corpus(tmp_path / "in.jsonl", 4)
    db, out = tmp_path / "x.db", tmp_path / "out"
    store = SQLiteStore(db)
    first = ingest([src], store, nlp=nlp, out=out, shard_size=3)
    assert (first.stored, first.failed) == (4, 0)
    assert len(list((out / "articles").glob("*.parquet"))) == 2  # shards of 3 + 1
    assert not list(out.rglob("*.tmp"))
    _assert_parquet_matches_store(out, db)
    for name, schema in SCHEMAS.items():
        assert read_table(out, name).schema.equals(schema), name
    again = ingest([src], store, nlp=nlp, out=out)
    assert (again.stored, again.skipped) == (0, 4)
    _assert_parquet_matches_store(out, db)


def test_parquet_is_a_log_and_current_rows_are_what_the_store_holds(tmp_path: Path, nlp) -> None:
    """--force and an edited text append rows; current=True gives each article's latest."""
    src = _corpus(tmp_path / "in.jsonl", 3)
    db, out = tmp_path / "x.db", tmp_path / "out"
    store = SQLiteStore(db)
    ingest([src], store, nlp=nlp, out=out)
    ingest([src], store, nlp=nlp, out=out, force=True)
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    rows[0]["text"] = "A dateline added above.\n\n" + rows[0]["text"]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ingest([src], store, nlp=nlp, out=out)
    assert len(read_table(out, "articles")) == 7  # 3 + 3 (--force) + 1 (the new version)
    current = read_table(out, "articles", current=True).to_pylist()
    assert sorted(a["id"] for a in current) == sorted(r["id"] for r in rows)
    sha = {a["id"]: a["sha256"] for a in current}
    con = sqlite3.connect(db)
    for kind, table in TABLES.items():
        got = read_table(out, table, current=True).to_pylist()
        assert all(r["sha256"] == sha[r["article"]] for r in got), table
        want = sorted(con.execute("SELECT article_id, id, data FROM records WHERE type=?", (kind,)))
        assert sorted((r["article"], r["id"], r["data"]) for r in got) == want, table
    con.close()
    negated = read_table(out, "quantities")["negated"]
    assert negated.type == pa.bool_() and len(negated) > 0


def test_count_inputs(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    _corpus(d / "a.jsonl", 5)
    (d / "b.txt").write_text("One story.", encoding="utf-8")
    (d / "logo.png").write_bytes(b"\x89PNG")
    assert count_inputs([d]) == 6
    (d / "c.warc").write_bytes(b"WARC/1.0\r\n")
    assert count_inputs([d]) is None


def _run_cli(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        **kw,
    )


def test_engine_ray_without_ray_is_a_clear_error(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in.jsonl", 1)
    code = (
        "import sys; sys.modules['ray'] = None; sys.argv = ['newsledger'] + sys.argv[1:];"
        "from newsledger.cli import main; main()"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    res = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "ingest",
            str(src),
            "--db",
            str(tmp_path / "x.db"),
            "--engine",
            "ray",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert res.returncode == 2
    assert "pip install 'newsledger[scale]'" in res.stderr
    assert "Traceback" not in res.stderr


@pytest.mark.skipif(
    not (sys.platform.startswith("linux") and os.confstr("CS_GNU_LIBC_VERSION")),
    reason="malloc_trim is glibc's",
)
def test_release_free_heap_hands_freed_pages_back() -> None:
    import ctypes

    from newsledger.scale.heap import release_free_heap

    def anon_kb() -> int:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("RssAnon:"))

    # 64 MiB in 64 KiB chunks: below glibc's mmap threshold, so they come from its heap; the
    # last one kept stops glibc from shrinking the heap by itself once the rest are freed.
    malloc, free = ctypes.CDLL(None).malloc, ctypes.CDLL(None).free
    malloc.restype, malloc.argtypes, free.argtypes = (
        ctypes.c_void_p,
        [ctypes.c_size_t],
        [ctypes.c_void_p],
    )
    chunks = [malloc(64 * 1024) for _ in range(1024)]
    for p in chunks:
        ctypes.memset(p, 1, 64 * 1024)
    for p in chunks[:-1]:
        free(p)
    held = anon_kb()
    assert release_free_heap()
    assert held - anon_kb() > 32 * 1024
    free(chunks[-1])


@pytest.fixture
def ray_cluster():
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install .[scale])")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


@needs_ray
def test_ray_engine_gives_the_local_records(tmp_path: Path, nlp, ray_cluster) -> None:
    src = _corpus(tmp_path / "in.jsonl", 10)
    local_db, ray_db, out = tmp_path / "local.db", tmp_path / "ray.db", tmp_path / "out"
    local = ingest([src], SQLiteStore(local_db), nlp=nlp)
    store = SQLiteStore(ray_db)
    on_ray = ingest([src], store, engine="ray", workers=2, out=out, batch_size=4)
    assert (local.stored, on_ray.stored, on_ray.failed) == (10, 10, 0)
    a, b = _dump(local_db), _dump(ray_db)
    assert a == b
    assert len(a["records"]) > 100
    _assert_parquet_matches_store(out, ray_db)
    # Nothing reaches the cluster on a re-run of unchanged inputs.
    again = ingest([src], store, engine="ray", workers=2)
    assert (again.stored, again.skipped) == (0, 10)


def _descendants(root: int) -> list[int]:
    return process_tree(root)[1:]


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@needs_ray
def test_ray_ingest_killed_and_rerun_stores_each_article_once(tmp_path: Path, nlp) -> None:
    n = 30
    src = _corpus(tmp_path / "in.jsonl", n)
    db, out = tmp_path / "x.db", tmp_path / "out"
    args = ["ingest", str(src), "--db", str(db), "--engine", "ray", "--workers", "2"]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    # With --out, one store commit is one Parquet shard: 4 articles each here.
    cmd = [sys.executable, "-m", "newsledger", *args, "--shard-size", "4", "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    pids: set[int] = set()
    deadline = time.monotonic() + 300
    try:
        while _count(db) == 0 and time.monotonic() < deadline and proc.poll() is None:
            pids.update(_descendants(proc.pid))
            time.sleep(0.05)
        assert proc.poll() is None, "ingest finished before it could be killed"
        pids.update(_descendants(proc.pid))
        os.kill(proc.pid, signal.SIGKILL)  # the driver, mid-run
        proc.wait()
        stored_before = _count(db)
        assert 0 < stored_before < n
    finally:
        for pid in pids:  # the killed driver's Ray processes, should any outlive it
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    rerun = _run_cli(*args, "--out", str(out))
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert f"skipped {stored_before} unchanged" in rerun.stderr

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [r[0] for r in con.execute("SELECT id FROM articles")]
    assert len(ids) == len(set(ids)) == n
    con.close()
    ref = tmp_path / "ref.db"
    ingest([src], SQLiteStore(ref), nlp=nlp)
    assert _dump(db) == _dump(ref)
    _assert_parquet_matches_store(out, db)


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


@needs_ray
def test_ray_worker_killed_mid_run_loses_nothing(tmp_path: Path, nlp) -> None:
    n = 24
    src = _corpus(tmp_path / "in.jsonl", n)
    db = tmp_path / "x.db"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    cmd = [sys.executable, "-m", "newsledger", "ingest", str(src), "--db", str(db)]
    cmd += ["--engine", "ray", "--workers", "2", "--commit-every", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    killed = None
    pids: set[int] = set()
    deadline = time.monotonic() + 300
    try:
        while killed is None and time.monotonic() < deadline and proc.poll() is None:
            pids.update(_descendants(proc.pid))
            if _count(db) > 0:
                actors = [p for p in _descendants(proc.pid) if "MapWorker" in _cmdline(p)]
                if actors:
                    killed = actors[0]
                    os.kill(killed, signal.SIGKILL)  # one extractor actor, mid-run
            time.sleep(0.05)
        assert killed is not None, "no extractor actor seen before the run ended"
        _, stderr = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert proc.returncode == 0, stderr[-3000:]
    ref = tmp_path / "ref.db"
    ingest([src], SQLiteStore(ref), nlp=nlp)
    assert _dump(db) == _dump(ref)


def test_extract_and_ingest_import_no_heavy_modules(tmp_path: Path) -> None:
    # spaCy's import would pull in torch through thinc and spaCy's own command line (both
    # stopped by newsledger._imports), and nothing on the extract/ingest path may import the
    # web or embedding stacks, or Ray.
    code = (
        "import sys, newsledger.cli, newsledger.pipeline\n"
        "from newsledger.nlp import build_pipeline\n"
        "build_pipeline()\n"
        "heavy = ('torch', 'sentence_transformers', 'fastapi', 'uvicorn', 'ray', 'matplotlib',\n"
        "         'spacy.cli.download', 'weasel')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("NEWSLEDGER_THINC_TORCH", None)
    env.pop("NEWSLEDGER_SPACY_CLI", None)
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.strip() == ""


def test_shards_from_before_a_column_existed_still_read(tmp_path: Path) -> None:
    """A shard written without ``sha256`` and with ``negated`` as text reads in today's schema."""
    import pyarrow.parquet as pq

    schema = SCHEMAS["quantities"]
    old = [f for f in schema if f.name != "sha256"]
    old = pa.schema([pa.field(f.name, pa.string()) if f.name == "negated" else f for f in old])
    row = {f.name: None for f in old} | {"article": "a1", "id": "q1", "negated": "true"}
    (tmp_path / "quantities").mkdir()
    pq.write_table(pa.Table.from_pylist([row], schema=old), tmp_path / "quantities" / "p.parquet")
    got = read_table(tmp_path, "quantities")
    assert got.schema.equals(schema)
    assert got.to_pylist()[0]["negated"] is True and got.to_pylist()[0]["sha256"] is None
