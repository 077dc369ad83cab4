"""Where an ingest's time goes, stage by stage, for one engine and worker count.

    python benchmarks/stages.py --n 200 --engine local --workers 2
    python benchmarks/stages.py --n 200 --engine ray --workers 1

The ingest runs in this process (as ``newsledger ingest`` would) into a fresh SQLite file, while a
sampler reads the CPU time of this process's threads and of every descendant process (forked
parsers; Ray's GCS, raylet, queue, reader and extractor actors) from /proc every 0.25 s. It prints

* wall time and the CPU seconds of each group of processes (parsers = forked workers or Ray's
  ``Extractor`` actors; Ray's daemons; the driver, split into its threads);
* the driver's time in the store (``save_batch``) and in story linking (``link_articles``),
  wall and CPU;
* parser utilisation: parser CPU / (wall after the first result x workers).

CPU seconds are steadier than wall time on a shared machine. Figures only; run with ``nice``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", _HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _stat(path: str) -> tuple[str, int, float] | None:
    """(comm, ppid, CPU seconds) from a /proc stat file."""
    try:
        with open(path, encoding="ascii", errors="replace") as fh:
            raw = fh.read()
    except OSError:
        return None
    comm = raw[raw.index("(") + 1 : raw.rindex(")")]
    f = raw.rsplit(")", 1)[1].split()
    return comm, int(f[1]), (int(f[11]) + int(f[12])) / TICK


def _runq_wait(path: str) -> float:
    """Seconds spent runnable but waiting for a CPU (``schedstat``'s second field)."""
    try:
        with open(path, encoding="ascii") as fh:
            return int(fh.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace")[:120]
    except OSError:
        return ""


class Sampler(threading.Thread):
    """Last-seen CPU seconds of every descendant process and of this process's threads."""

    def __init__(self, timeline: float = 0.0, engine: str = "local") -> None:
        super().__init__(daemon=True)
        self.timeline, self.engine, self.t0 = timeline, engine, time.perf_counter()
        self.stored = lambda: 0
        self.stop = threading.Event()
        # pid -> (name, CPU s, run-queue wait s, first seen, last seen)
        self.procs: dict[int, tuple[str, float, float, float, float]] = {}
        self.threads: dict[int, tuple[str, float]] = {}

    def snap(self) -> None:
        me = os.getpid()
        kids: dict[int, list[int]] = defaultdict(list)
        info = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit() and (s := _stat(f"/proc/{entry}/stat")):
                info[int(entry)] = s
                kids[s[1]].append(int(entry))
        stack = list(kids[me])
        now = time.perf_counter()
        while stack:
            pid = stack.pop()
            stack.extend(kids[pid])
            comm, _, cpu = info[pid]
            name = self.procs.get(pid, ("",))[0] or comm
            if name.startswith(("python", "ray::IDLE")) or name == comm:
                line = _cmdline(pid)
                name = comm if not line.startswith("ray::") else line.split()[0]
            seen = self.procs.get(pid, (0, 0, 0, now))[3]
            self.procs[pid] = (name, cpu, _runq_wait(f"/proc/{pid}/schedstat"), seen, now)
        for tid in os.listdir(f"/proc/{me}/task"):
            if s := _stat(f"/proc/{me}/task/{tid}/stat"):
                self.threads[int(tid)] = (s[0], s[2])

    def parser_cpu(self) -> float:
        return sum(
            p[1] for p in self.procs.values() if _group(p[0], self.engine).startswith("parsers")
        )

    def run(self) -> None:
        last_t, last_cpu = self.t0, 0.0
        while not self.stop.is_set():
            self.snap()
            now = time.perf_counter()
            if self.timeline and now - last_t >= self.timeline:
                cpu = self.parser_cpu()
                print(
                    f"    t={now - self.t0:5.1f}s stored {self.stored():5d} parsers busy "
                    f"{(cpu - last_cpu) / (now - last_t):4.2f} CPUs",
                    flush=True,
                )
                last_t, last_cpu = now, cpu
            time.sleep(0.25)


class Timed:
    """Wraps a callable; adds up its wall and thread CPU seconds."""

    def __init__(self, fn) -> None:
        self.fn, self.wall, self.cpu, self.calls = fn, 0.0, 0.0, 0

    def __call__(self, *a, **kw):
        w, c = time.perf_counter(), time.thread_time()
        try:
            return self.fn(*a, **kw)
        finally:
            self.wall += time.perf_counter() - w
            self.cpu += time.thread_time() - c
            self.calls += 1


def _group(name: str, engine: str) -> str:
    if "Extractor" in name or "MapBatches" in name:
        return "parsers (Extractor actors)"
    if engine == "local" and name.startswith("python"):
        return "parsers (forked workers)"
    if name.startswith("ray::"):
        return f"ray other ({name})"
    return f"ray daemons ({name})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--engine", choices=["local", "ray"], default="local")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--no-link", action="store_true")
    ap.add_argument("--timeline", type=float, default=0.0, help="print parser load every N s")
    args = ap.parse_args()

    import newsledger.link
    from newsledger.ingest import read_paths
    from newsledger.pipeline import ingest_items
    from newsledger.store.sqlite import SQLiteStore

    link = Timed(newsledger.link.link_articles)
    newsledger.link.link_articles = link  # ingest_items imports it from here when it links
    with tempfile.TemporaryDirectory(prefix="nl-stages-") as tmp:
        corpus = str(Path(tmp) / "corpus.jsonl")
        _load("make_corpus").make_corpus(args.n, corpus)
        store = SQLiteStore(str(Path(tmp) / "s.db"))
        save = Timed(store.save_batch)
        store.save_batch = save
        first: list[float] = []
        stored = [0]

        def on_article(_article, state: str) -> None:
            if state == "stored":
                stored[0] += 1
                if not first:
                    first.append(time.perf_counter() - t0)

        sampler = Sampler(args.timeline, args.engine)
        sampler.stored = lambda: stored[0]
        sampler.start()
        t0 = time.perf_counter()
        c0 = time.thread_time()
        summary = ingest_items(
            read_paths([corpus]),
            store,
            workers=args.workers,
            engine=args.engine,
            batch_size=args.batch_size,
            link=not args.no_link,
            on_article=on_article,
        )
        wall = time.perf_counter() - t0
        main_cpu = time.thread_time() - c0
        sampler.stop.set()
        sampler.join()
        sampler.snap()
        store.close()

    groups: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for name, cpu, wait, seen, last in sampler.procs.values():
        groups[_group(name, args.engine)].append((cpu, wait, last - seen))
    t_first = first[0] if first else wall
    print(
        f"{args.engine} w{args.workers} bs{args.batch_size}: {summary.stored} stored, "
        f"wall {wall:.1f}s (first commit at {t_first:.1f}s), "
        f"{summary.stored / wall:.2f} art/s whole, "
        f"{summary.stored / max(wall - t_first, 1e-9):.2f} art/s after the first commit"
    )
    print(f"  driver main thread CPU {main_cpu:6.1f}s")
    for tid, (name, cpu) in sorted(sampler.threads.items(), key=lambda kv: -kv[1][1]):
        if cpu >= 0.1 and tid != threading.get_native_id():
            print(f"  driver thread {name:<20} CPU {cpu:6.1f}s")
    print(f"  store save_batch  {save.calls:4d} calls wall {save.wall:6.1f}s CPU {save.cpu:6.1f}s")
    print(f"  link_articles     {link.calls:4d} calls wall {link.wall:6.1f}s CPU {link.cpu:6.1f}s")
    parsers = 0.0
    for g, rows in sorted(groups.items()):
        cpu, wait, alive = (sum(r[i] for r in rows) for i in range(3))
        print(f"  {g:<40} {len(rows):2d} procs CPU {cpu:6.1f}s", end="")
        if g.startswith("parsers"):
            parsers = cpu
            # Alive = running + runnable (waiting for a CPU other processes held) + asleep
            # (waiting for work: the parsers' idle time this engine is to blame for).
            print(
                f", waiting for a CPU {wait:6.1f}s, asleep {alive - cpu - wait:6.1f}s "
                f"of {alive:.1f}s alive",
                end="",
            )
        print()
    if summary.stored:
        print(f"  parser CPU per article {parsers / summary.stored:.3f}s")
    util = parsers / max((wall - t_first) * args.workers, 1e-9)
    print(f"  parser CPU / (wall after first commit x workers) = {util:.0%} (incl. model load)")


if __name__ == "__main__":
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    main()
