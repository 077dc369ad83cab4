"""Throughput of ``newsledger extract`` vs bare spaCy ``nlp.pipe``, and of ``ingest`` into SQLite.

Each measurement is a whole process (model load included), run on the same texts with the same
model: the bundled demo corpus (89 VOA stories). Peak RSS is the largest sum of resident memory over
the process and its worker processes, sampled every 20 ms from /proc.

The two are run in pairs, one right after the other and in alternating order (bare first, then
newsledger first, ...), so that load from other users of the machine falls on both alike; the
figure is the median over the pairs of bare time / newsledger time (1.0: as fast as bare spaCy).
``--profile`` runs one ``newsledger extract`` under cProfile and prints where the time goes;
``--lean-bare`` imports bare spaCy the way newsledger does (``newsledger._imports``: no torch
through thinc, no spaCy command line) and runs its attribute ruler and lemmatizer as newsledger
does (``newsledger.spacy_fast``: the same annotations, faster), so that the ratio shows the
extractors' cost alone.
``--split`` measures, in CPU seconds and without a profiler's overhead, one process each of bare
spaCy, newsledger's pipeline with its extractors switched off, and the whole pipeline (batches of
16, as ``extract`` runs them): start-up (imports, model, tables) apart from the parse, so that
what the extractors cost per article shows.

    python benchmarks/throughput.py [--workers 1 2] [--pairs 5] [--corpus PATH] [--profile]
    python benchmarks/throughput.py --workers 1 --no-ingest --lean-bare
    python benchmarks/throughput.py --split [--pairs 3]

Figures only; nothing here is a test.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from newsledger import config
from newsledger.scale.proctree import process_tree, rss_kb

BARE = """
import json, sys
if len(sys.argv) > 4:  # --lean-bare: spaCy imported as newsledger imports it
    from newsledger import _imports
import spacy
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
nlp = spacy.load(sys.argv[2])
if len(sys.argv) > 4:  # ... and its attribute ruler and lemmatizer run as newsledger runs them
    from newsledger.spacy_fast import speed_up
    speed_up(nlp)
n = 0
for doc in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=16):
    n += len(doc)
print(n)
"""


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over ``root`` and all its descendants."""
    return sum(rss_kb(pid) for pid in process_tree(root))


LAST_CPU: list[float] = [0.0]  # CPU seconds of the last run() (process + reaped children)


def run(cmd: list[str]) -> tuple[float, int, str]:
    """Run ``cmd``; return wall seconds, peak tree RSS (KiB) and stdout."""
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.02)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU[0] = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    if proc.returncode not in (0,):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    return wall, peak, stdout


SPLIT = """
import json, sys, time
t0 = time.process_time()
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
mode = sys.argv[2]
if mode != "bare":
    import newsledger  # first, as the CLI does: spaCy then comes without torch or its CLI
import spacy
if mode == "bare":
    nlp = spacy.load(sys.argv[3])
    items, kw, off = [r["text"] for r in rows], {}, []
else:
    from newsledger.nlp import build_pipeline
    nlp = build_pipeline()
    items = [(r["text"], {"published": r.get("published", "")[:10], "id": r["id"]}) for r in rows]
    kw = {"as_tuples": True}
    off = [n for n in nlp.pipe_names if n.startswith("newsledger.")] if mode == "off" else []
    # the extractors' tables load at their first article: count that as start-up
    with nlp.select_pipes(disable=off):
        next(nlp.pipe([items[0]], **kw))
t1 = time.process_time()
with nlp.select_pipes(disable=off):
    for _ in nlp.pipe(items, batch_size=16, **kw):
        pass
t2 = time.process_time()
print(f"{t1 - t0:.3f} {t2 - t1:.3f}")
"""


def split(corpus: str, rounds: int) -> None:
    """CPU seconds of start-up and parse: bare spaCy, extractors off, whole pipeline."""
    model = config.model_name()
    modes = {"bare spaCy": "bare", "newsledger, extractors off": "off", "newsledger": "on"}
    got: dict[str, list[tuple[float, float]]] = {k: [] for k in modes}
    for i in range(rounds):
        order = list(modes) if i % 2 == 0 else list(modes)[::-1]
        for label in order:
            out = subprocess.run(
                [sys.executable, "-c", SPLIT, corpus, modes[label], model],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            got[label].append((float(out[0]), float(out[1])))
    print(f"CPU seconds, median of {rounds} rounds (start-up includes the first article):")
    print(f"  {'':<28}{'start-up':>9}{'parse':>8}{'total':>8}")
    med = {}
    for label, runs in got.items():
        start = statistics.median(r[0] for r in runs)
        parse = statistics.median(r[1] for r in runs)
        med[label] = (start, parse)
        print(f"  {label:<28}{start:>9.2f}{parse:>8.2f}{start + parse:>8.2f}")
    base = med["newsledger, extractors off"][1]
    ext = med["newsledger"][1] - base
    print(
        f"  extractors: {ext:.2f}s ({100 * ext / base:.1f}% of the parse); start-up over bare "
        f"spaCy: {med['newsledger'][0] - med['bare spaCy'][0]:.2f}s"
    )


def profile(corpus: str) -> None:
    """One ``newsledger extract`` in this process under cProfile; time by part (cumulative)."""
    import contextlib
    import io

    from newsledger.cli import app

    prof = cProfile.Profile()
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        prof.enable()
        try:
            app(["extract", corpus, "--format", "jsonl"], standalone_mode=False)
        finally:
            prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    total = sum(tt for (_cc, _nc, tt, _ct, _callers) in stats.values())

    def cum(test) -> float:
        return max((v[3] for k, v in stats.items() if test(k[0], k[2])), default=0.0)

    pipe = cum(lambda f, n: n == "pipe" and f.endswith("spacy/language.py"))
    ours = cum(lambda f, n: n == "__call__" and f.endswith("newsledger/nlp.py"))
    parts = [
        ("model load (build_pipeline)", cum(lambda f, n: n == "build_pipeline")),
        ("nlp.pipe: spaCy's own components", pipe - ours),
        ("nlp.pipe: newsledger extractors", ours),
        ("  records to dicts (to_dict)", cum(lambda f, n: n == "to_dict")),
        ("reading inputs (read_paths)", cum(lambda f, n: n == "_iter_paths")),
        ("JSON Lines out (emit)", cum(lambda f, n: n == "emit" and f.endswith("output.py"))),
    ]
    print(
        f"cProfile of `newsledger extract {corpus} --format jsonl` (in-process, imports left out)"
    )
    for label, sec in parts:
        print(f"  {label:<36}{sec:8.2f}s {100 * sec / total:5.1f}%")
    print(f"  {'total (profiled)':<36}{total:8.2f}s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", default=str(config.DEMO_CORPUS))
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--pairs", type=int, default=4, help="paired runs of bare and newsledger")
    ap.add_argument("--no-ingest", action="store_true", help="leave out the ingest run")
    ap.add_argument("--profile", action="store_true", help="profile one extract and stop")
    ap.add_argument("--split", action="store_true", help="CPU of start-up, parse and extractors")
    ap.add_argument(
        "--lean-bare",
        action="store_true",
        help="bare spaCy imported and its rule components run as newsledger does (no torch, "
        "no spaCy CLI, newsledger.spacy_fast): the ratio is then what the extractors cost",
    )
    args = ap.parse_args()
    if args.profile:
        profile(args.corpus)
        return
    if args.split:
        split(args.corpus, args.pairs)
        return

    with open(args.corpus, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    n_articles = len(texts)
    n_words = sum(len(t.split()) for t in texts)
    model = config.model_name()
    exe = [sys.executable, "-m", "newsledger"]
    print(f"corpus: {args.corpus}: {n_articles} articles, {n_words} words; model {model}")
    for w in args.workers:
        bare = [sys.executable, "-c", BARE, args.corpus, model, str(w)]
        jobs = {
            "bare nlp.pipe": bare + (["lean"] if args.lean_bare else []),
            "newsledger extract": [
                *exe,
                *("extract", args.corpus, "--format", "jsonl", "--workers", str(w)),
            ],
        }
        walls: dict[str, list[float]] = {k: [] for k in jobs}
        peaks: dict[str, int] = dict.fromkeys(jobs, 0)
        ratios, cpu_ratios = [], []
        for i in range(args.pairs):
            order = list(jobs) if i % 2 == 0 else list(jobs)[::-1]
            got, cpu = {}, {}
            for job in order:
                wall, peak, _ = run(jobs[job])
                got[job], cpu[job] = wall, LAST_CPU[0]
                walls[job].append(wall)
                peaks[job] = max(peaks[job], peak)
            ratios.append(got["bare nlp.pipe"] / got["newsledger extract"])
            cpu_ratios.append(cpu["bare nlp.pipe"] / cpu["newsledger extract"])
            print(
                f"  workers {w} pair {i + 1}: bare {got['bare nlp.pipe']:.2f}s "
                f"({cpu['bare nlp.pipe']:.2f}s CPU), newsledger {got['newsledger extract']:.2f}s "
                f"({cpu['newsledger extract']:.2f}s CPU), speed ratio {ratios[-1]:.3f} "
                f"(CPU {cpu_ratios[-1]:.3f})",
                flush=True,
            )
        print(f"{'job':<28}{'workers':>8}{'median s':>9}{'art/s':>8}{'words/s':>9}{'peak RSS':>10}")
        for job in jobs:
            wall = statistics.median(walls[job])
            print(
                f"{job:<28}{w:>8}{wall:>9.2f}{n_articles / wall:>8.1f}{n_words / wall:>9.0f}"
                f"{peaks[job] / 1024:>8.0f}MB"
            )
        if not args.no_ingest:
            with tempfile.TemporaryDirectory() as tmp:
                db = str(Path(tmp) / "bench.db")
                wall, peak, _ = run([*exe, "ingest", args.corpus, "--db", db, "--workers", str(w)])
            print(
                f"{'newsledger ingest (SQLite)':<28}{w:>8}{wall:>9.2f}{n_articles / wall:>8.1f}"
                f"{n_words / wall:>9.0f}{peak / 1024:>8.0f}MB"
            )
        print(
            f"extract speed / bare spaCy, workers {w}: median {statistics.median(ratios):.3f}x "
            f"over {len(ratios)} pairs (range {min(ratios):.3f}-{max(ratios):.3f}); by CPU "
            f"seconds (steadier on a shared machine) {statistics.median(cpu_ratios):.3f}x "
            f"(range {min(cpu_ratios):.3f}-{max(cpu_ratios):.3f})"
        )


if __name__ == "__main__":
    main()
