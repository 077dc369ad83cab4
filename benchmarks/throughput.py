"""Throughput of ``newsledger extract`` vs bare spaCy ``nlp.pipe``, and of ``ingest`` into SQLite.

Each measurement is a whole process (model load included), run on the same texts with the same
model: the bundled demo corpus (89 VOA stories). Peak RSS is the largest sum of resident memory over
the process and its worker processes, sampled every 20 ms from /proc.

    python benchmarks/throughput.py [--workers 2] [--repeat 2] [--corpus PATH]

Figures only; nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from newsledger import config

BARE = """
import json, sys, spacy
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
nlp = spacy.load(sys.argv[2])
n = 0
for doc in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=16):
    n += len(doc)
print(n)
"""


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over ``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def run(cmd: list[str]) -> tuple[float, int, str]:
    """Run ``cmd``; return wall seconds, peak tree RSS (KiB) and stdout."""
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
    if proc.returncode not in (0,):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    return wall, peak, stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", default=str(config.DEMO_CORPUS))
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=2, help="runs of each; the fastest is kept")
    args = ap.parse_args()

    with open(args.corpus, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    n_articles = len(texts)
    n_words = sum(len(t.split()) for t in texts)
    model = config.model_name()
    exe = [sys.executable, "-m", "newsledger"]
    print(f"corpus: {args.corpus}: {n_articles} articles, {n_words} words; model {model}")
    print(f"{'job':<28}{'workers':>8}{'seconds':>9}{'art/s':>8}{'words/s':>9}{'peak RSS':>10}")
    for w in args.workers:
        best: dict[str, tuple[float, int]] = {}
        for _ in range(args.repeat):
            for job, cmd in (
                ("bare nlp.pipe", [sys.executable, "-c", BARE, args.corpus, model, str(w)]),
                (
                    "newsledger extract",
                    [*exe, "extract", args.corpus, "--format", "jsonl", "--workers", str(w)],
                ),
            ):
                wall, peak, _ = run(cmd)
                if job not in best or wall < best[job][0]:
                    best[job] = (wall, max(peak, best.get(job, (0, 0))[1]))
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "bench.db")
            wall, peak, _ = run([*exe, "ingest", args.corpus, "--db", db, "--workers", str(w)])
            best["newsledger ingest (SQLite)"] = (wall, peak)
        for job, (wall, peak) in best.items():
            print(
                f"{job:<28}{w:>8}{wall:>9.2f}{n_articles / wall:>8.1f}{n_words / wall:>9.0f}"
                f"{peak / 1024:>8.0f}MB"
            )
        ratio = best["bare nlp.pipe"][0] / best["newsledger extract"][0]
        print(f"{'extract speed / bare spaCy':<28}{w:>8}{ratio:>9.2f}x")


if __name__ == "__main__":
    main()
