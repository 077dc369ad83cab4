"""Scoring estimate series against hand labels (``tests/gold/series/*.json``).

A gold file labels every number of a story's articles, keyed by article id, the number's exact
words and its character offset in the stored text, with its series name or null. Recall: of each
gold series (two members or more), the share found together in the one predicted series that holds
most of them. Purity: of each predicted series, the share that belongs to its most common gold
series (a number labelled null never counts as belonging).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def load_gold(folder: str | Path) -> list[dict[str, Any]]:
    """Every ``*.json`` gold story of a folder, by file name."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.json"))]


@dataclass
class SeriesScore:
    """Counts behind series recall and purity."""

    found: int = 0
    gold: int = 0
    pure: int = 0
    predicted: int = 0

    @property
    def recall(self) -> float:
        """Gold series members found together."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def purity(self) -> float:
        """Predicted series members of the same gold series."""
        return self.pure / self.predicted if self.predicted else 1.0

    def __add__(self, other: SeriesScore) -> SeriesScore:
        return SeriesScore(
            self.found + other.found,
            self.gold + other.gold,
            self.pure + other.pure,
            self.predicted + other.predicted,
        )


def score_story(gold: dict[str, Any], rows: Iterable[dict[str, Any]]) -> SeriesScore:
    """Score the predicted rows of one story against its gold labels."""
    label = {(g["article"], g["start"]): g["series"] for g in gold["labels"]}
    pred: dict[tuple[str, int], str] = {}
    members: dict[str, list[tuple[str, int]]] = {}
    for r in rows:
        key = (r["article"], r["span"][0])
        pred[key] = r["series"]
        members.setdefault(r["series"], []).append(key)
    score = SeriesScore()
    gold_series: dict[str, list[tuple[str, int]]] = {}
    for key, s in label.items():
        if s:
            gold_series.setdefault(s, []).append(key)
    for keys in gold_series.values():
        if len(keys) < 2:
            continue
        hits = Counter(pred[k] for k in keys if k in pred)
        score.gold += len(keys)
        score.found += max(hits.values()) if hits else 0
    for keys in members.values():
        labels = Counter(label.get(k) for k in keys if label.get(k))
        score.predicted += len(keys)
        score.pure += max(labels.values()) if labels else 0
    return score


def prepare_store(store: Any, golds: list[dict[str, Any]], nlp: Any, seed_text: Path) -> None:
    """Ingest a gold set's articles (demo corpus, and the seed article) and store its stories.

    Articles already current in the store are not parsed again; stories are (re)written from
    the gold membership, as the clustering would have stored them.
    """
    from newsledger import config
    from newsledger.article import Article
    from newsledger.ingest import read_paths
    from newsledger.pipeline import extract_articles, pipeline_signature

    wanted = {a for g in golds for a in g["articles"]}
    signature = pipeline_signature(nlp)
    arts = []
    for item in read_paths([config.DEMO_CORPUS], outlet="VOA"):
        if isinstance(item, Article) and item.id in wanted:
            arts.append(item)
    if "nk-troops-kursk" in wanted and seed_text.exists():
        arts.append(
            Article(
                text=seed_text.read_text(encoding="utf-8"),
                id="nk-troops-kursk",
                outlet="The Sun",
                published="2024-10-28",
            )
        )
    fresh = [a for a in arts if not store.is_current(a, signature)]
    for res in extract_articles(fresh, nlp=nlp):
        store.save(res.article, res.layers, signature)
    stored = {r[0] for r in store.execute("SELECT id FROM articles").fetchall()}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        for g in golds:
            ids = [a for a in g["articles"] if a in stored]
            if not ids:
                continue
            store.execute(
                """INSERT INTO stories(id, title, created_at, updated_at) VALUES (?,?,?,?)
                   ON CONFLICT (id) DO UPDATE SET title = excluded.title""",
                (g["story"], g.get("title"), now, now),
            )
            for a in ids:
                store.execute(
                    """INSERT INTO story_articles(article_id, story_id, score, joined_at)
                       VALUES (?,?,?,?) ON CONFLICT (article_id) DO UPDATE
                       SET story_id = excluded.story_id""",
                    (a, g["story"], 1.0, now),
                )
