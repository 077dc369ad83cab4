"""Cost of story linking per article as the store grows, against extraction per article.

Usage::

    nice -n 10 python benchmarks/linking_scale.py [--db FILE] [--sizes 100,1000,10000]
        [--arrivals 100] [--extraction-ms MS]

Synthetic stores are made from the demo corpus without re-parsing it: copy ``k`` of a demo
article gets the id ``<id>~k``, its publication date shifted by ``2k`` days, the demo's stored
``entity`` records (actor ids suffixed ``~k``, so copies share no actors), and the demo's
embedding rotated by a random orthogonal matrix ``R_k`` (so similarities *within* a copy are the
demo's own and copies of one text do not merge across copies: each copy is one more world with
the demo's story structure). The vectors are written to the embedding cache, so linking the
synthetic articles encodes nothing; the cost of encoding is measured apart on the demo texts.

For each size N the store holds N linked synthetic articles and the ``--arrivals`` latest
(by date) arrive: they are linked in one call (an ingest batch) and, separately, one article per
call (the worst case: each call reloads the open stories). Printed: ms per article for linking
(vectors cached), for encoding a title+lede, and for extraction (parse + records, measured on the
demo corpus, model load excluded); linking + encoding as a share of extraction.

Measured 2026-12-07 on the shared 2-core machine (load ~25): extraction 159 ms CPU/article;
encoding 27.5 ms CPU; linking a batch of arrivals 0.35 / 0.66 / 0.58 ms CPU per article with
100 / 1,000 / 10,000 articles stored (108 / 382 / 382 open stories): flat once the open set is
full; linking + encoding = 17.7% of extraction (CPU).

Timings are wall-clock and CPU time on a shared machine: noisy. Encoding runs with one torch
thread by default (``--threads``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import math  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from newsledger import config  # noqa: E402
from newsledger.link import embed  # noqa: E402
from newsledger.link.cluster import _stamp, day_number, link_articles  # noqa: E402
from newsledger.store import open_store  # noqa: E402

SHIFT_DAYS = 2.0


def demo_store(db: str | None, tmp: Path):
    from newsledger.pipeline import ingest

    store = open_store(db or str(tmp / "demo.db"))
    if store.count_articles() == 0:
        ingest([config.DEMO_CORPUS], store, outlet="VOA", link=False)
    return store


def extraction_ms() -> tuple[float, float]:
    """Extraction (parse + all extractors) per demo article: (wall ms, CPU ms).

    The model load is excluded.
    """
    from newsledger.ingest import read_paths
    from newsledger.nlp import build_pipeline
    from newsledger.pipeline import extract_articles

    nlp = build_pipeline()
    items = list(read_paths([config.DEMO_CORPUS], outlet="VOA"))
    t, c = time.perf_counter(), time.process_time()
    n = sum(1 for _ in extract_articles(items, nlp=nlp))
    return (time.perf_counter() - t) * 1000 / n, (time.process_time() - c) * 1000 / n


def encode_ms(demo) -> tuple[float, float]:
    """Encoding one title+lede per article (wall ms, CPU ms), the demo corpus in one batch.

    The model load is excluded.
    """
    rows = demo.execute("SELECT title, text FROM articles").fetchall()
    texts = [embed.embedding_text(r[0], r[1]) for r in rows]
    embed.encode(texts[:4])  # load the model outside the timing
    t, c = time.perf_counter(), time.process_time()
    embed.encode(texts)
    n = len(texts)
    return (time.perf_counter() - t) * 1000 / n, (time.process_time() - c) * 1000 / n


def synthetic(demo, path: Path, n: int, arrivals: int, seed: int = 0):
    """A store holding ``n`` synthetic articles (linked) plus the ids of ``arrivals`` more."""
    rng = np.random.default_rng(seed)
    arts = [dict(r) for r in demo.execute("SELECT * FROM articles ORDER BY id").fetchall()]
    vecs = embed.article_vectors(demo, [a["id"] for a in arts])
    ents: dict[str, list] = {}
    for r in demo.execute(
        """SELECT article_id, id, extractor, start, "end", data, key1, key2 FROM records
           WHERE type = 'entity'"""
    ):
        ents.setdefault(r[0], []).append(tuple(r)[1:])
    copies = math.ceil((n + arrivals) / len(arts))
    made = []
    for k in range(copies):
        rot, _ = np.linalg.qr(rng.standard_normal((embed.DIM, embed.DIM)))
        for a in arts:
            day = (day_number(a["published"]) or 0.0) + SHIFT_DAYS * k
            made.append((day, f"{a['id']}~{k}", a, (rot @ vecs[a["id"]]).astype(np.float32), k))
    made.sort(key=lambda m: (m[0], m[1]))
    made = made[-(n + arrivals) :]
    store = open_store(str(path))
    with store.transaction():
        store.executemany(
            """INSERT INTO articles(id, sha256, url, path, outlet, title, published, lang, text,
                 pipeline, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
            [
                (
                    sid,
                    a["sha256"],
                    a["url"],
                    a["path"],
                    a["outlet"],
                    a["title"],
                    _stamp(day),
                    a["lang"],
                    a["text"],
                    a["pipeline"],
                    a["ingested_at"],
                )
                for day, sid, a, _, _ in made
            ],
        )
        store.executemany(
            """INSERT INTO records(article_id, id, type, extractor, start, "end", data, key1,
                 key2) VALUES (?,?,'entity',?,?,?,?,?,?)""",
            [
                (sid, e[0], e[1], e[2], e[3], e[4], f"{e[5]}~{k}" if e[5] else None, e[6])
                for _, sid, a, _, k in made
                for e in ents.get(a["id"], [])
            ],
        )
        store.executemany(
            """INSERT INTO record_actors(article_id, record_type, record_id, actor_id, role)
               VALUES (?,'entity',?,?,'mention')""",
            [
                (sid, e[0], f"{e[5]}~{k}")
                for _, sid, a, _, k in made
                for e in ents.get(a["id"], [])
                if e[5]
            ],
        )
        hashes = {
            a["id"]: embed.text_hash(embed.embedding_text(a["title"], a["text"])) for a in arts
        }
        store.executemany(
            """INSERT INTO article_embeddings(article_id, model, sha256, dim, vector)
               VALUES (?,?,?,?,?)""",
            [
                (sid, embed.MODEL_NAME, hashes[a["id"]], embed.DIM, embed.to_blob(v))
                for _, sid, a, v, _ in made
            ],
        )
    base = [m[1] for m in made[:n]]
    t = time.perf_counter()
    for i in range(0, len(base), 1000):
        link_articles(store, base[i : i + 1000])
    bulk = (time.perf_counter() - t) * 1000 / max(1, len(base))
    return store, [m[1] for m in made[n:]], bulk


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a store that already holds the demo corpus")
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--arrivals", type=int, default=100)
    ap.add_argument(
        "--extraction-ms", type=float, nargs=2, metavar=("WALL", "CPU"), help="skip measuring it"
    )
    ap.add_argument("--threads", type=int, default=1, help="torch threads for encoding")
    args = ap.parse_args()
    import torch

    # On a shared machine, several torch threads contend with other processes and run slower.
    torch.set_num_threads(args.threads)

    tmp = Path(tempfile.mkdtemp(prefix="nl-scale-"))
    demo = demo_store(args.db, tmp)
    ext, ext_cpu = args.extraction_ms or extraction_ms()
    enc, enc_cpu = encode_ms(demo)
    print(
        f"extraction: {ext:.0f} ms/article wall, {ext_cpu:.0f} ms CPU "
        f"(demo corpus, {demo.count_articles()} articles)"
    )
    print(
        f"encoding title+lede: {enc:.1f} ms/article wall, {enc_cpu:.1f} ms CPU "
        f"({args.threads} torch thread(s), the demo corpus in one batch)\n"
    )
    print(
        f"{'store':>7} {'open':>6} {'bulk':>7} {'batch':>7} {'single':>7} {'batch CPU':>9}"
        f" {'link/extr':>9} {'(link+enc)/extr CPU':>20}"
    )
    for n in [int(x) for x in args.sizes.split(",")]:
        store, arriving, bulk = synthetic(demo, tmp / f"scale-{n}.db", n, args.arrivals)
        half = len(arriving) // 2
        t, c = time.perf_counter(), time.process_time()
        link_articles(store, arriving[:half])
        batch = (time.perf_counter() - t) * 1000 / half
        batch_cpu = (time.process_time() - c) * 1000 / half
        t = time.perf_counter()
        for aid in arriving[half:]:
            link_articles(store, [aid])
        single = (time.perf_counter() - t) * 1000 / (len(arriving) - half)
        last = store.execute("SELECT max(last_seen) FROM story_state").fetchone()[0]
        lo = _stamp((day_number(last) or 0.0) - 21)
        open_ = store.execute(
            "SELECT count(*) FROM story_state WHERE last_seen >= ?", (lo,)
        ).fetchone()[0]
        print(
            f"{n:>7} {open_:>6} {bulk:>7.2f} {batch:>7.2f} {single:>7.2f} {batch_cpu:>9.2f}"
            f" {batch / ext:>9.2%} {(batch_cpu + enc_cpu) / ext_cpu:>20.1%}"
        )
        store.close()
    print(
        "\nms per article. store: linked synthetic articles before the arrivals; open: stories "
        "active in the last 21 days;\nbulk: linking the store itself, 1,000 per call; batch: "
        "the arrivals in one call; single: one per call (reloads the open stories each time);\n"
        "link/extr: batch linking (vectors cached) / extraction, wall; (link+enc)/extr CPU: "
        "with encoding, CPU time."
    )


if __name__ == "__main__":
    main()
