"""Scoring a story grouping against a gold one (pairwise precision, recall, F1)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path


def load_gold(path: str | Path) -> dict[str, str]:
    """A gold grouping file (``tests/gold/stories/*.json``) as ``{article_id: story_label}``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for story in data["stories"]:
        for aid in story["articles"]:
            if aid in out:
                raise ValueError(f"{path}: article {aid} is in two stories")
            out[aid] = story["label"]
    return out


def _pairs(labels: Mapping[str, str], ids: Iterable[str]) -> set[tuple[str, str]]:
    by: dict[str, list[str]] = {}
    for aid in sorted(ids):
        by.setdefault(labels[aid], []).append(aid)
    return {p for members in by.values() for p in combinations(members, 2)}


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """Pairwise scores over the articles both groupings hold.

    A pair of articles is positive when they share a story. P = right pairs / predicted pairs,
    R = right pairs / gold pairs; an empty side scores 1.0 (nothing claimed, nothing missed).

    Returns:
        ``precision``, ``recall``, ``f1``, and the pair counts ``predicted``, ``gold``, ``right``.
    """
    ids = set(predicted) & set(gold)
    pp, gp = _pairs(predicted, ids), _pairs(gold, ids)
    right = len(pp & gp)
    p = right / len(pp) if pp else 1.0
    r = right / len(gp) if gp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "predicted": len(pp),
        "gold": len(gp),
        "right": right,
    }
