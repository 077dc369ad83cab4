"""Live Python allocations in an ingest driver over a run: does the driver's Python heap grow?

    python benchmarks/make_corpus.py 5000 /tmp/corpus.jsonl
    python benchmarks/driver_heap.py /tmp/corpus.jsonl /tmp/heap.db --log /tmp/heap.log

Runs ``newsledger ingest CORPUS --db DB --engine ray --workers 2`` in this process with
``tracemalloc`` on (one frame a block); after ``--first`` seconds it takes a base snapshot, then
every ``--every`` seconds writes the traced total and the 12 lines whose allocations changed most
since the base. Only Python allocations are traced: a driver whose RSS grows while the traced
total does not grows in native memory (Ray's C++ core worker, Arrow, torch) or by fragmentation.
The process's RSS under ``tracemalloc`` is not comparable to a normal run's.

Figures only; nothing here is a test. Run with ``nice``: the machine is shared.
"""

from __future__ import annotations

import sys
from pathlib import Path

# this folder off the path: a module here must never shadow the standard library's.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import runpy  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402


def _watch(log: str, first: float, every: float, t0: float) -> None:
    time.sleep(first)
    base = tracemalloc.take_snapshot()
    with open(log, "a", encoding="utf-8") as fh:
        traced = tracemalloc.get_traced_memory()[0] / 1e6
        fh.write(f"base t={time.monotonic() - t0:.0f}s traced {traced:.1f} MB\n")
    while True:
        time.sleep(every)
        stats = tracemalloc.take_snapshot().compare_to(base, "lineno")
        with open(log, "a", encoding="utf-8") as fh:
            traced = tracemalloc.get_traced_memory()[0] / 1e6
            fh.write(f"--- t={time.monotonic() - t0:.0f}s traced {traced:.1f} MB\n")
            fh.writelines(f"  {st}\n" for st in stats[:12])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("db")
    ap.add_argument("--log", default="driver_heap.log")
    ap.add_argument("--first", type=float, default=100.0, help="seconds before the base snapshot")
    ap.add_argument("--every", type=float, default=120.0, help="seconds between snapshots")
    args = ap.parse_args()
    t0 = time.monotonic()
    tracemalloc.start(1)
    threading.Thread(
        target=_watch, args=(args.log, args.first, args.every, t0), daemon=True
    ).start()
    sys.argv = ["newsledger", "ingest", args.corpus, "--db", args.db]
    sys.argv += ["--engine", "ray", "--workers", "2"]
    runpy.run_module("newsledger", run_name="__main__")


if __name__ == "__main__":
    main()
