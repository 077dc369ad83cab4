"""Estimate series against the hand-labelled stories (tests/gold/series), floors pinned.

Measured with ``python benchmarks/series.py`` (see the README of tests/gold for the labelling
rules and which story each rule was written from). Floors sit a little under the measured
figures so that a regression fails and noise in the parse does not.
"""

from __future__ import annotations

import pytest

from newsledger.link.estimates import estimates
from newsledger.link.series_gold import SeriesScore, score_story

# story: (recall floor, purity floor); measured .900/.898 overall on 2026-12-07 (before quant's
# fields), .920/.918 after the key read them (pakistan-train .903/.933, the others unchanged).
FLOORS = {
    "pakistan-train": (0.87, 0.90),
    "somalia-hotel": (0.85, 0.70),
    "guantanamo": (0.95, 0.95),
    "nk-troops-kursk": (0.95, 0.95),
}
OVERALL = (0.88, 0.88)


def test_series_recall_and_purity_floors(series_store, series_gold) -> None:
    total = SeriesScore()
    for g in series_gold:
        if g.get("heldout"):
            continue  # reported by benchmarks/series.py, not pinned: the rules never saw it
        s = score_story(g, estimates(series_store, story=g["story"]))
        total += s
        rec, pur = FLOORS[g["story"]]
        assert s.recall >= rec, (g["story"], s)
        assert s.purity >= pur, (g["story"], s)
    assert total.recall >= OVERALL[0] and total.purity >= OVERALL[1], total


def test_seed_troop_figures_are_one_series_with_nothing_else(series_store, series_gold) -> None:
    if not any(g["story"] == "nk-troops-kursk" for g in series_gold):
        pytest.skip("shared seed not available")
    rows = estimates(series_store, story="nk-troops-kursk")
    texts = {r["series"]: [] for r in rows}
    for r in rows:
        texts[r["series"]].append(r["text"])
    troop = [t for t in texts.values() if "some 10,000 troops" in t]
    assert troop == [
        [
            "some 10,000 troops",
            "the first 2,600 North Koreans",
            "around 3,000 North Korean troops",
            "a total of 10,000 soldiers",
        ]
    ]
    everything = [t for ts in texts.values() for t in ts]
    for other in (
        "Over 600,000 Russian soldiers",
        "nearly 200 defectors",
        "32 national ambassadors",
    ):
        assert other not in everything


def test_gold_labels_point_at_the_stored_text(series_store, series_gold) -> None:
    # Labels are keyed by article + words + offset: the stored text must still hold them there.
    for g in series_gold:
        for label in g["labels"]:
            text = series_store.article(label["article"])["text"]
            start = label["start"]
            assert text[start : start + len(label["text"])] == label["text"], label
