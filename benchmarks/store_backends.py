"""Store speed on SQLite and PostgreSQL side by side: saves, reads, record queries, search.

The demo corpus is parsed once; its articles and records are then saved again and again under
new ids (``--articles`` in all) into a fresh SQLite file and a fresh PostgreSQL database, one
transaction per article as ``newsledger ingest`` does, and the same reads are timed on both.
PostgreSQL is ``--pg-url`` (a server whose user may create databases), else a throwaway cluster.

    python -P benchmarks/store_backends.py [--articles 500] [--pg-url postgresql://...]

(``-P`` keeps this folder off the import path, so that no module here shadows the standard
library.)

Figures only; nothing here is a test. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsledger import config
from newsledger.article import Article
from newsledger.nlp import build_pipeline, parse_article
from newsledger.store import open_store


def _timed(fn: Callable[[], Any], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _rename(layers: dict[str, list[dict[str, Any]]], aid: str) -> dict[str, list[dict[str, Any]]]:
    return {k: [dict(r, article=aid) for r in v] for k, v in layers.items()}


def run(store: Any, parsed: list[tuple[Article, dict[str, Any]]], n: int) -> dict[str, float]:
    t = time.perf_counter()
    for i in range(n):
        art, layers = parsed[i % len(parsed)]
        copy = replace(art, id=f"{art.id}-{i}")
        store.save(copy, _rename(layers, copy.id), "bench")
    saved = time.perf_counter() - t
    aid = f"{parsed[0][0].id}-0"
    return {
        "save ms/article": 1000 * saved / n,
        "articles(50) ms": 1000 * _timed(lambda: store.articles(limit=50)),
        "show article ms": 1000 * _timed(lambda: (store.article(aid), store.layers(aid))),
        "quotes(100) ms": 1000 * _timed(lambda: store.query_records("attribution", limit=100)),
        "quotes about ms": 1000 * _timed(lambda: store.query_records("attribution", about="war")),
        "actors(50) ms": 1000 * _timed(lambda: store.actors(limit=50)),
        "search ms": 1000 * _timed(lambda: store.search("president said")),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--corpus", type=Path, default=config.DEMO_CORPUS)
    ap.add_argument("--pg-url", default=None)
    args = ap.parse_args()

    nlp = build_pipeline()
    parsed = []
    for line in args.corpus.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        day = (row.get("published") or "")[:10] or None
        art = Article(text=row["text"], id=row["id"], title=row.get("title"), published=day)
        parsed.append((art, parse_article(nlp, art.text, art.meta())._.newsledger or {}))
    print(f"{len(parsed)} parsed articles, saved {args.articles} times under new ids")

    cluster = None
    if args.pg_url is None:
        from newsledger.store.pgcluster import ThrowawayCluster

        cluster = ThrowawayCluster()
        args.pg_url = cluster.start()
    try:
        from newsledger.store.pgcluster import create_database, drop_database

        results = {}
        with tempfile.TemporaryDirectory() as d:
            sqlite = open_store(str(Path(d) / "bench.db"))
            results["sqlite"] = run(sqlite, parsed, args.articles)
            sqlite.close()
        url = create_database(args.pg_url, prefix="nl_bench_")
        pg = open_store(url)
        results["postgresql"] = run(pg, parsed, args.articles)
        pg.close()
        drop_database(url, args.pg_url)
    finally:
        if cluster is not None:
            cluster.stop()
    print(f"{'':18}{'sqlite':>10}{'postgresql':>12}")
    for key in results["sqlite"]:
        print(f"{key:18}{results['sqlite'][key]:10.2f}{results['postgresql'][key]:12.2f}")


if __name__ == "__main__":
    main()
