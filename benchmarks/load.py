# ruff: noqa: E402 - the import path is fixed before the imports (see below)
"""Load benchmark of ``newsledger serve``: concurrent clients on loopback for a fixed time.

Usage::

    python benchmarks/load.py [--db URL] [--articles 1000] [--clients 100] [--seconds 30]

Builds (once) a store of at least ``--articles`` articles at ``--db`` (default
``/tmp/newsledger-load.db``; any store URL ``open_store`` accepts, so PostgreSQL too): the
bundled demo stories are extracted once with the real pipeline into ``--source`` (default
``/tmp/newsledger-load-source.db``), then their stored records are copied under new ids
(``<id>-c<n>``) instead of parsed again. Then it starts the server in a child process on a free
loopback port, runs ``--clients`` concurrent httpx clients for ``--seconds`` over article and list
endpoints (API and pages), stops the server, and prints requests/s, p50/p99 latency and errors
per endpoint. This is a benchmark, not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder comes first on the import path, where a module named like a
# stdlib one would shadow it (benchmarks/numbers.py did, for decimal, fractions and rich).
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse
import asyncio
import copy
import random
import socket
import subprocess
import time
from collections import defaultdict
from typing import Any

import httpx

from newsledger import config
from newsledger.article import Article
from newsledger.store import open_store

ENDPOINTS = {
    "GET /api/articles/{id}": lambda ids: f"/api/articles/{random.choice(ids)}",
    "GET /articles/{id} (page)": lambda ids: f"/articles/{random.choice(ids)}",
    "GET /api/articles": lambda ids: "/api/articles?limit=50",
    "GET /api/quotes": lambda ids: "/api/quotes?limit=50",
    "GET /api/quotes?status=claimed": lambda ids: "/api/quotes?status=claimed&limit=50",
    "GET /api/numbers": lambda ids: "/api/numbers?limit=50",
    "GET /api/events": lambda ids: "/api/events?limit=50",
    "GET /quotes (page)": lambda ids: "/quotes",
}


def build_source(path: str) -> None:
    """Extract the demo corpus with the real pipeline (once)."""
    from newsledger.pipeline import ingest

    store = open_store(path)
    if store.count_articles() == 0:
        print(f"extracting the demo corpus into {path} (once) ...", file=sys.stderr)
        ingest([config.DEMO_CORPUS], store, outlet="VOA")
    store.close()


def build_store(db: str, source: str, want: int) -> list[str]:
    """Fill ``db`` with copies of the source's articles and records until it has ``want``."""
    store = open_store(db)
    have = store.count_articles()
    if have < want:
        src = open_store(source)
        originals = [a["id"] for a in src.articles(limit=100_000)]
        docs = [(src.article(a), src.layers(a)) for a in originals]
        src.close()
        n, copy_no = have, 0
        t0 = time.perf_counter()
        while n < want:
            copy_no += 1
            for art, layers in docs:
                new_id = f"{art['id']}-c{copy_no}"
                if store.article(new_id) is not None:
                    continue
                new_layers = copy.deepcopy(layers)
                for recs in new_layers.values():
                    for rec in recs:
                        rec["article"] = new_id
                store.save(
                    Article(
                        text=art["text"],
                        id=new_id,
                        url=art["url"],
                        outlet=art["outlet"],
                        title=art["title"],
                        published=art["published"],
                    ),
                    new_layers,
                    "load-benchmark copy",
                )
                n += 1
        print(f"copied {n - have} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    ids = [a["id"] for a in store.articles(limit=100_000)]
    store.close()
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """``newsledger serve`` in a child process (its own interpreter, as a user runs it)."""
    cmd = [sys.executable, "-m", "newsledger", "serve", "--db", db, "--port", str(port)]
    return subprocess.Popen([*cmd, "--workers", str(workers)])


async def wait_ready(base: str, proc: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient(base_url=base) as c:
        for _ in range(600):
            if proc.poll() is not None:
                raise SystemExit("the server exited while starting")
            try:
                if (await c.get("/api/articles?limit=1")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("the server did not start in 60 s")


async def hammer(base: str, ids: list[str], clients: int, seconds: float) -> dict[str, Any]:
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    kinds: dict[str, int] = defaultdict(int)  # what went wrong: HTTP status or exception name
    names = list(ENDPOINTS)
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(10.0)  # a request slower than this counts as an error

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as c:

        async def client(n: int) -> None:
            rng = random.Random(n)
            while time.perf_counter() < deadline:
                name = rng.choice(names)
                url = ENDPOINTS[name](ids)
                t = time.perf_counter()
                try:
                    r = await c.get(url)
                    problem = None if r.status_code == 200 else f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    problem = type(exc).__name__
                if problem is None:
                    lat[name].append(time.perf_counter() - t)
                else:
                    errors[name] += 1
                    kinds[problem] += 1

        t0 = time.perf_counter()
        # Bounded in time twice over: each client stops at the deadline, and the whole run is
        # cancelled if a request hangs past it.
        await asyncio.wait_for(
            asyncio.gather(*(client(n) for n in range(clients))), timeout=seconds + 30
        )
        elapsed = time.perf_counter() - t0
    return {"lat": lat, "errors": errors, "kinds": kinds, "elapsed": elapsed}


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/newsledger-load.db", help="store file or URL")
    ap.add_argument("--source", default="/tmp/newsledger-load-source.db")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=1, help="server processes")
    args = ap.parse_args()

    build_source(args.source)
    ids = build_store(args.db, args.source, args.articles)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(args.db, port, args.workers)
    try:
        asyncio.run(wait_ready(base, proc))
        res = asyncio.run(hammer(base, ids, args.clients, args.seconds))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    lat, errors, elapsed = res["lat"], res["errors"], res["elapsed"]
    everything = [x for v in lat.values() for x in v]
    total_err = sum(errors.values())
    print(
        f"store {args.db}: {len(ids)} articles; {args.clients} clients for {elapsed:.1f} s "
        f"on loopback ({args.workers} server process(es))"
    )
    print(f"{'endpoint':34} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name in ENDPOINTS:
        v = lat.get(name, [])
        print(
            f"{name:34} {len(v):>9} {len(v) / elapsed:>8.1f} {pct(v, 50) * 1000:>8.1f} "
            f"{pct(v, 99) * 1000:>8.1f} {errors.get(name, 0):>7}"
        )
    print(
        f"{'all':34} {len(everything):>9} {len(everything) / elapsed:>8.1f} "
        f"{pct(everything, 50) * 1000:>8.1f} {pct(everything, 99) * 1000:>8.1f} {total_err:>7}"
    )
    if res["kinds"]:
        print("errors: " + ", ".join(f"{k} ×{n}" for k, n in sorted(res["kinds"].items())))


if __name__ == "__main__":
    main()
