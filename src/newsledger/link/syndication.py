"""Wire copies and syndicated duplicates: near-identical article texts, by MinHash.

Each article's text is cut into 5-word shingles and summarised by a MinHash signature
(``datasketch``, 128 permutations), stored in ``article_minhash`` (migration 0020). An LSH
index over the signatures proposes candidate pairs; an article whose estimated Jaccard
similarity to an earlier one is at least the threshold (0.8) is recorded in ``duplicates`` as a
copy of the earliest article of its group. Corroboration counts a group once.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.8
#: Pinned so that stored signatures stay comparable across datasketch versions.
SCHEME = "affine64"
_WORD = re.compile(r"\w+")


def signature(text: str, k: int = SHINGLE) -> MinHash:
    """The MinHash of a text's ``k``-word shingles (lower-cased words)."""
    words = _WORD.findall(text.lower())
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    grams = [" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))]
    for g in grams:
        m.update(g.encode("utf-8"))
    return m


def _load(blob: bytes | memoryview) -> MinHash:
    values = np.frombuffer(bytes(blob), dtype=np.uint64)
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


def _signatures(store: Any) -> list[tuple[str, MinHash]]:
    """Every article's signature, computing and storing those missing or stale; oldest first."""
    stored = {
        r[0]: (r[1], r[2])
        for r in store.execute("SELECT article_id, sha256, signature FROM article_minhash")
    }
    rows = store.execute(
        "SELECT id, sha256, text FROM articles ORDER BY published NULLS FIRST, id"
    ).fetchall()
    out, fresh = [], []
    for aid, sha, text in rows:
        have = stored.get(aid)
        if have and have[0] == sha:
            out.append((aid, _load(have[1])))
            continue
        m = signature(text or "")
        out.append((aid, m))
        fresh.append((aid, sha, m.hashvalues.astype(np.uint64).tobytes()))
    if fresh:
        with store.transaction():
            for aid, sha, blob in fresh:
                store.execute(
                    """INSERT INTO article_minhash(article_id, sha256, signature) VALUES (?,?,?)
                       ON CONFLICT (article_id) DO UPDATE
                       SET sha256 = excluded.sha256, signature = excluded.signature""",
                    (aid, sha, blob),
                )
    return out


def detect_duplicates(store: Any, threshold: float = THRESHOLD) -> list[dict[str, Any]]:
    """Find near-identical articles and record each copy against its group's first article.

    Args:
        store: an open store.
        threshold: least estimated Jaccard similarity of 5-word shingles.

    Returns:
        One dict per copy: ``article``, ``original``, ``similarity``.
    """
    sigs = _signatures(store)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    by_id = dict(sigs)
    root: dict[str, str] = {}
    found = []
    for aid, m in sigs:
        best = None
        for cand in lsh.query(m):
            sim = float(m.jaccard(by_id[cand]))
            if sim >= threshold and (best is None or sim > best[1]):
                best = (cand, sim)
        if best:
            root[aid] = root.get(best[0], best[0])
            found.append({"article": aid, "original": root[aid], "similarity": round(best[1], 3)})
        lsh.insert(aid, m)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        store.execute("DELETE FROM duplicates")
        for d in found:
            store.execute(
                """INSERT INTO duplicates(article_id, original_id, similarity, detected_at)
                   VALUES (?,?,?,?)""",
                (d["article"], d["original"], d["similarity"], now),
            )
    return found


def originals(store: Any) -> dict[str, str]:
    """``{copy article id: original article id}`` as last detected."""
    return {r[0]: r[1] for r in store.execute("SELECT article_id, original_id FROM duplicates")}
