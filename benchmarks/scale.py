"""Scale figures for ``newsledger ingest``: engines, workers, peak memory, re-run time.

    python benchmarks/scale.py speed --n 300 --pairs 2      # local w2 vs ray w1 vs ray w2
    python benchmarks/scale.py rss --sizes 1000 3000        # peak RSS of the process tree
    python benchmarks/scale.py rerun --n 10000              # a re-run that skips everything

Every run is a whole ``newsledger ingest`` process on a synthetic corpus (benchmarks/
make_corpus.py) into a fresh SQLite file. Peak RSS is the largest sum of VmRSS over the process
and all its descendants (Ray's raylet, GCS, workers and actors included), sampled every 100 ms
from /proc. With ``--trace N`` every N seconds prints the tree's RSS, then its PSS (shared pages,
such as Ray's object store mapped into several processes, counted once) and each process over
40 MB split into anonymous, file and shared memory: the split says where a growth is.

The speed runs are interleaved (A B C, A B C, ...) so that load from other users of the machine
falls on all engines alike; each reports the whole-process rate, the steady rate
(articles stored after the first commit / time after it: model load and Ray start left out) and
the mid-run rate (from 10% to 90% of the articles stored: the final linking left out too, so the
parsers' own scaling with workers; ``benchmarks/stages.py`` splits a run by stage).

``rerun`` fills the store with the records of a real run of the 89 demo texts, copied to the
corpus ids (the same text gives the same records), instead of parsing 10,000 articles first:
a skip never parses, so what it costs depends only on what the store holds.

Figures only; nothing here is a test. Run with ``nice``: the machine is shared.
"""

from __future__ import annotations

import sys
from pathlib import Path

# this folder off the path: a module here must never shadow the standard library's.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import copy  # noqa: E402
import importlib.util  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

from newsledger.scale.proctree import process_tree, rss_kb  # noqa: E402


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", _HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


make_corpus = _load("make_corpus").make_corpus


def _count(db: str, tries: int = 1) -> int:
    for i in range(tries):
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
            try:
                return con.execute("SELECT count(*) FROM articles").fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error:
            if os.path.exists(db) and i + 1 < tries:
                time.sleep(0.5)  # the writer may be checkpointing as it closes
    return 0


def _label(pid: int, root: int) -> str:
    """A process's role in the tree: driver, parser worker, extractor actor, or Ray's own."""
    if pid == root:
        return "driver"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            argv = fh.read().split(b"\0")
    except OSError:
        return "?"
    name = argv[0].decode(errors="replace").rsplit("/", 1)[-1]
    if "Extractor" in name:
        return "extractor actor"
    if b"newsledger" in argv:  # the local engine's forked parsers keep the driver's argv
        return "parser worker"
    return "ray (other)"


def _tree_rss_by_pid(root: int) -> dict[int, int]:
    """VmRSS in KiB of ``root`` and each of its descendants (those still readable)."""
    return {pid: kb for pid in process_tree(root) if (kb := rss_kb(pid))}


def _by_role(rss: dict[int, int], labels: dict[int, str]) -> str:
    """``rss`` (KiB by pid) grouped by role, in MB: each process of a role, Ray's others summed."""
    roles: dict[str, list[float]] = {}
    for pid, kb in sorted(rss.items()):
        roles.setdefault(labels.get(pid, "?"), []).append(kb / 1024)
    parts = []
    for role, mbs in sorted(roles.items()):
        if role == "ray (other)":
            parts.append(f"{role} {sum(mbs):.0f} ({len(mbs)} processes)")
        else:
            parts.append(f"{role} " + " / ".join(f"{mb:.0f}" for mb in mbs))
    return ", ".join(parts)


def _proc_memory(pid: int, root: int) -> dict[str, Any] | None:
    """One process's name and memory in MB: RSS split into anon/file/shmem, and its PSS."""
    mem: dict[str, Any] = {}
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            argv = fh.read().split(b"\0")
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                    mem[key] = int(rest.split()[0]) / 1024
        # PSS shares each shared page (Ray's object store, the model's mapped files) among
        # the processes that map it; the sum of RSS counts such a page once per process.
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    mem["Pss"] = int(line.split()[1]) / 1024
    except OSError:
        return None
    label = _label(pid, root)
    name = argv[0].decode(errors="replace").rsplit("/", 1)[-1] if label == "ray (other)" else label
    mem["name"] = name[:40]
    return mem if "VmRSS" in mem else None


def _breakdown(root: int, min_mb: float = 40.0) -> str:
    """The tree's memory by process (those over ``min_mb`` MB RSS), for ``--trace`` lines."""
    procs = [m for m in (_proc_memory(pid, root) for pid in process_tree(root)) if m]
    pss = sum(m.get("Pss", 0.0) for m in procs)
    shm = sum(m.get("RssShmem", 0.0) for m in procs)
    big = sorted((m for m in procs if m["VmRSS"] >= min_mb), key=lambda m: -m["VmRSS"])
    parts = [
        f"{m['name']} {m['VmRSS']:.0f} (anon {m.get('RssAnon', 0):.0f} "
        f"file {m.get('RssFile', 0):.0f} shm {m.get('RssShmem', 0):.0f})"
        for m in big
    ]
    return f"      tree PSS {pss:.0f} MB, shmem in RSS {shm:.0f} MB; " + "; ".join(parts)


def ingest_run(corpus: str, db: str, extra: list[str], trace: float = 0.0) -> dict[str, float]:
    """One ``newsledger ingest`` process: wall, first-commit time, stored, peak tree RSS."""
    cmd = [sys.executable, "-m", "newsledger", "ingest", corpus, "--db", db, *extra]
    t0 = time.perf_counter()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, first, first_n = 0, None, 0
    # Where the peak is: each process's own highest RSS, and the tree's make-up at its peak.
    proc_peak: dict[int, int] = {}
    at_peak: dict[int, int] = {}
    labels: dict[int, str] = {}
    counts: list[tuple[float, int]] = []  # (seconds, articles stored), about once a second
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, first, first_n, at_peak
        last = counted = 0.0
        while not done.is_set():
            tick = time.perf_counter() - counted >= 1.0
            if tick:
                counted = time.perf_counter()
                counts.append((counted - t0, _count(db)))
            by_pid = _tree_rss_by_pid(proc.pid)
            rss_kb = sum(by_pid.values())
            for pid, kb in by_pid.items():
                # A Ray worker takes its actor's name only once the actor is placed on it.
                if pid not in labels or (tick and labels[pid] == "ray (other)"):
                    labels[pid] = _label(pid, proc.pid)
                proc_peak[pid] = max(proc_peak.get(pid, 0), kb)
            if rss_kb > peak:
                peak, at_peak = rss_kb, by_pid
            if trace and time.perf_counter() - last >= trace:
                last = time.perf_counter()
                print(
                    f"    t={last - t0:6.0f}s stored {_count(db):6d} "
                    f"tree RSS {rss_kb / 1024:6.0f} MB "
                    f"(peak so far {peak / 1024:.0f} MB)",
                    flush=True,
                )
                print(_breakdown(proc.pid), flush=True)
            if first is None:
                n = _count(db)
                if n:
                    first, first_n = time.perf_counter() - t0, n
            time.sleep(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    stored = _count(db, tries=10)
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the process and the children it waited for (not Ray's daemons): on a shared
    # machine a steadier figure than wall time for work done in one process.
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    return {
        "mid": _mid_rate(counts, stored),
        "cpu": cpu,
        "wall": wall,
        "first": first or wall,
        "first_n": first_n,
        "stored": stored,
        "rss_mb": peak / 1024,
        "at_peak": _by_role(at_peak, labels),
        "proc_peaks": _by_role(proc_peak, labels),
    }


def _mid_rate(counts: list[tuple[float, int]], stored: int) -> float:
    """Articles/s from 10% to 90% of the articles stored: no start-up, no final linking."""
    lo = next((c for c in counts if c[1] >= 0.1 * stored), None)
    hi = next((c for c in counts if c[1] >= 0.9 * stored), None)
    if lo is None or hi is None or hi[0] <= lo[0]:
        return 0.0
    return (hi[1] - lo[1]) / (hi[0] - lo[0])


ENGINES = {
    "local w1": ["--engine", "local", "--workers", "1"],
    "local w2": ["--engine", "local", "--workers", "2"],
    "ray w1": ["--engine", "ray", "--workers", "1"],
    "ray w2": ["--engine", "ray", "--workers", "2"],
}


def speed(args: argparse.Namespace, tmp: Path) -> None:
    corpus = str(tmp / "corpus.jsonl")
    make_corpus(args.n, corpus)
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in args.engines}
    for p in range(args.pairs):
        for name in args.engines:
            db = str(tmp / f"{name.replace(' ', '_')}-{p}.db")
            r = ingest_run(corpus, db, ENGINES[name])
            runs[name].append(r)
            steady = (r["stored"] - r["first_n"]) / max(r["wall"] - r["first"], 1e-9)
            print(
                f"pair {p + 1} {name:<9} wall {r['wall']:7.1f}s  {r['stored'] / r['wall']:6.2f} "
                f"art/s whole  {steady:6.2f} art/s steady  "
                f"{r['mid']:6.2f} art/s mid-run  "
                f"{r['cpu'] / max(r['stored'], 1):5.2f} CPU s/art  "
                f"peak RSS {r['rss_mb']:6.0f} MB",
                flush=True,
            )
    print(f"\nmedians over {args.pairs} interleaved runs, {args.n} articles:")
    med = {}
    for name, rs in runs.items():
        whole = statistics.median(r["stored"] / r["wall"] for r in rs)
        steady = statistics.median(
            (r["stored"] - r["first_n"]) / max(r["wall"] - r["first"], 1e-9) for r in rs
        )
        mid = statistics.median(r["mid"] for r in rs)
        med[name] = (whole, steady, mid)
        print(
            f"  {name:<9} {whole:6.2f} art/s whole process   {steady:6.2f} art/s steady   "
            f"{mid:6.2f} art/s mid-run"
        )
    if "ray w1" in med and "ray w2" in med:
        print(
            f"  ray w2 / ray w1: whole {med['ray w2'][0] / med['ray w1'][0]:.2f}x, "
            f"steady {med['ray w2'][1] / med['ray w1'][1]:.2f}x, "
            f"mid-run {med['ray w2'][2] / max(med['ray w1'][2], 1e-9):.2f}x"
        )
    if "ray w2" in med and "local w2" in med:
        print(
            f"  ray w2 / local w2: whole {med['ray w2'][0] / med['local w2'][0]:.2f}x, "
            f"steady {med['ray w2'][1] / med['local w2'][1]:.2f}x, "
            f"mid-run {med['ray w2'][2] / max(med['local w2'][2], 1e-9):.2f}x"
        )


def rss(args: argparse.Namespace, tmp: Path) -> None:
    for n in args.sizes:
        corpus = str(tmp / f"corpus-{n}.jsonl")
        make_corpus(n, corpus)
        for name in args.engines:
            db = str(tmp / f"{name.replace(' ', '_')}-{n}.db")
            r = ingest_run(corpus, db, ENGINES[name], trace=args.trace)
            print(
                f"{n:>6} articles {name:<9} peak RSS {r['rss_mb']:6.0f} MB  "
                f"wall {r['wall']:7.1f}s  stored {r['stored']}",
                flush=True,
            )
            print(f"        at the peak, MB: {r['at_peak']}", flush=True)
            print(f"        each process's own peak, MB: {r['proc_peaks']}", flush=True)


def _prefill(corpus: str, db: str) -> None:
    """Store every corpus article with its demo story's records (real ones, parsed once)."""
    from newsledger.ingest import read_paths
    from newsledger.nlp import build_pipeline
    from newsledger.pipeline import extract_articles, pipeline_signature
    from newsledger.store.sqlite import SQLiteStore

    nlp = build_pipeline()
    sig = pipeline_signature(nlp)
    from newsledger import config

    by_text = {
        r.article.text: r.layers
        for r in extract_articles(read_paths([config.DEMO_CORPUS]), nlp=nlp, workers=2)
    }
    store = SQLiteStore(db)
    batch = []
    for art in read_paths([corpus]):
        layers = copy.deepcopy(by_text[art.text])
        for recs in layers.values():
            for rec in recs:
                rec["article"] = art.id
        batch.append((art, layers))
        if len(batch) == 500:
            store.save_batch(batch, sig)
            batch = []
    store.save_batch(batch, sig)
    store.close()


def rerun(args: argparse.Namespace, tmp: Path) -> None:
    corpus = str(tmp / "corpus.jsonl")
    make_corpus(args.n, corpus)
    db = str(tmp / "prefilled.db")
    t0 = time.perf_counter()
    _prefill(corpus, db)
    print(f"prefilled {_count(db)} articles in {time.perf_counter() - t0:.1f}s")
    for name in args.engines:
        r = ingest_run(corpus, db, ENGINES[name])
        print(
            f"re-run of {args.n} unchanged articles, {name:<9}: {r['wall']:6.2f}s wall, "
            f"{r['cpu']:.2f}s CPU (peak RSS {r['rss_mb']:.0f} MB)",
            flush=True,
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    s = sub.add_parser("speed")
    s.add_argument("--n", type=int, default=300)
    s.add_argument("--pairs", type=int, default=2)
    s.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    r = sub.add_parser("rss")
    r.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    r.add_argument("--engines", nargs="+", default=["local w2", "ray w2"], choices=list(ENGINES))
    r.add_argument("--trace", type=float, default=0.0, help="print RSS every N seconds")
    q = sub.add_parser("rerun")
    q.add_argument("--n", type=int, default=10000)
    q.add_argument("--engines", nargs="+", default=["local w2", "ray w2"], choices=list(ENGINES))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nl-scale-") as tmp:
        {"speed": speed, "rss": rss, "rerun": rerun}[args.what](args, Path(tmp))


if __name__ == "__main__":
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    main()
