"""Event precision on whole articles: the labelled sample ``tests/gold/events/sample.json``.

The real pipeline runs on the demo articles that hold sampled events; events found now that
carry a label are scored as in ``benchmarks/event_precision.py`` (precision: labelled events
found that an event coder keeps; type accuracy: of those, the right type). An event's slice is
the SHA-1 of its key modulo ``RATE``; the sample is slices ``SLICES``: development slices 0 (the
precision rules were written from it), 1, 3 and 4, read by the rule writers, and held-out slices
2, 5, 6, 7 and 8, seen by nobody writing rules (6, 7 and 8 labelled on the evlab678 branch from the
rules of main's 759f100). The same two constants are in the benchmark. Floors sit
just below the figures measured on the whole sample when they were set (commit messages have the
figures).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "gold" / "events" / "sample.json"
CORPUS = ROOT / "src" / "newsledger" / "data" / "demo" / "voa_stories.jsonl"
HELD_OUT = {"7677701", "8010842", "8007760"}
RATE = 9  # an event's slice is its key's SHA-1 modulo RATE
# development: 0, 1, 3, 4; held out: 2, 5, 6, 7, 8 (as in the benchmark)
SLICES = (0, 1, 2, 3, 4, 5, 6, 7, 8)

# FLOORS: measured on the whole sample minus a small margin (2026-12-07, three slices: precision
# .624 on 229, type .902 on 143; slice 0 alone .851 / .877, held-out slice 1 .558 / .958, fresh
# held-out slice 2 .500 / .868). The precision goal is .85: the floor sits under it because the
# held-out slices measure .558 and .500. Raise as the rules improve. With held-out slice 5
# labelled (main's 5a33f1a, four slices): precision .651 on 292, type .884 on 190 (slice 5 alone
# .588 / .800), so the type floor went down from .90 to just under the whole-sample figure.
# Development slices 3 and 4 added (evlab34 branch): whole .627 on 359, type .907 on 225.
# Rules 7-14 (written from the development slices 0, 1, 3, 4): whole .693 on 387 (development
# .754, held out (2, 5) .587), type .888; the precision floor rose from .61 to .67.
# Held-out slices 6, 7, 8 added (evlab678 branch, rules of main's 759f100): whole .670 on 564
# (held out (2, 5, 6, 7, 8) .601 on 321), type .889 on 378; floors unchanged, precision sits at
# its floor (378/564): a rule change that loses one kept sampled event fails it.
# Rules 15-23 and their extensions (written from, and checked on, the development slices only),
# then one look at the held-out slices: whole .718 on 525 (development .761 -> .853, held out
# .601 -> .622 on 307: 14 held-out no-events dropped, 2 kept events lost), type .889 on 377; the
# precision floor rose from .67 to .71. The development/held-out gap (.23) is the rules' fit to
# what their writers read, not label noise (second labelling: kappa .94 on slices 1 and 4).
# With the manual's prison-term and trade-curtailing triggers and two actor fixes after that
# look: whole .720 on 525 (held out .622 unchanged, its type accuracy .874 -> .885), type .897.
# Rounds 4-7 (fresh development sets: PolNeAR train, blind probes, invented articles): whole
# .757 on 511 (held out .629 -> .674 on 291), type .897; the precision floor rose from .71 to .74.
PRECISION_FLOOR = 0.74
TYPE_FLOOR = 0.88
MIN_LABELLED = 100  # the floors mean nothing on a handful of events


def _key(article: str, start: int, trigger: str) -> str:
    return f"{article}:{start}:{trigger}"


def _slice(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % RATE


def _sampled(key: str) -> bool:
    return _slice(key) in SLICES


@pytest.fixture(scope="module")
def labels() -> dict[str, dict[str, Any]]:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return {_key(e["article"], e["offset"], e["trigger"]): e for e in data["events"]}


@pytest.fixture(scope="module")
def scored(run, labels) -> dict[str, Any]:
    stories = {
        json.loads(line)["id"]: json.loads(line)
        for line in CORPUS.read_text(encoding="utf-8").splitlines()
        if line
    }
    n = kept = right = 0
    by_slice = {i: [0, 0, 0] for i in SLICES}  # labelled, kept, right
    unlabelled = []
    for art_id in sorted({e["article"] for e in labels.values()}):
        story = stories[art_id]
        _doc, layers = run(story["text"], published=story["published"][:10], id=art_id)
        from newsledger.article import Article

        text = Article(text=story["text"]).text
        for ev in layers.get("event", []):
            s, e = ev["span"]
            key = _key(art_id, s, text[s:e])
            if not _sampled(key):
                continue
            lab = labels.get(key)
            if lab is None:
                unlabelled.append(key)
                continue
            n += 1
            # a label keeps its slice where a span fix changed its key (benchmark's slice_of)
            counts = by_slice[lab.get("slice", _slice(key))]
            counts[0] += 1
            if lab["judgement"] in ("keep", "type"):
                ok = ev["event"] == (lab.get("correct") or lab["event"])
                kept += 1
                right += ok
                counts[1] += 1
                counts[2] += ok
    res = {"n": n, "kept": kept, "right": right, "unlabelled": unlabelled, "by_slice": by_slice}
    print(
        f"event sample: {n} labelled found, precision {kept / max(n, 1):.3f},"
        f" type accuracy {right / max(kept, 1):.3f}, unlabelled {len(unlabelled)}"
    )
    for i, (sn, sk, sr) in by_slice.items():
        print(
            f"  slice {i}: {sn} labelled, precision {sk / max(sn, 1):.3f},"
            f" type {sr / max(sk, 1):.3f}"
        )
    return res


def test_sample_is_well_formed(labels) -> None:
    """Labels point at trigger text in the normalised article; none from held-out stories."""
    from newsledger.article import Article

    stories = {
        json.loads(line)["id"]: json.loads(line)
        for line in CORPUS.read_text(encoding="utf-8").splitlines()
        if line
    }
    assert len(labels) >= 100
    assert {_slice(key) for key in labels} == set(SLICES)
    for key, lab in labels.items():
        assert lab["article"] not in HELD_OUT, key
        assert lab["judgement"] in ("keep", "type", "no"), key
        assert (lab["judgement"] == "type") == ("correct" in lab), key
        text = Article(text=stories[lab["article"]]["text"]).text
        assert text[lab["offset"] : lab["offset"] + len(lab["trigger"])] == lab["trigger"], key
        assert _sampled(key), key


def test_precision_floor(scored) -> None:
    assert scored["n"] >= MIN_LABELLED, scored
    assert scored["kept"] / scored["n"] >= PRECISION_FLOOR, scored


def test_type_accuracy_floor(scored) -> None:
    assert scored["right"] / max(scored["kept"], 1) >= TYPE_FLOOR, scored


def test_few_unlabelled(scored) -> None:
    """New sampled events get labelled (benchmarks/event_precision.py --todo)."""
    assert len(scored["unlabelled"]) <= 0.1 * max(scored["n"], 1), scored["unlabelled"]


def test_second_labelling_covers_development_events_only(labels) -> None:
    """The blind second labelling (second_labels.json) labels sampled development events."""
    data = json.loads((SAMPLE.parent / "second_labels.json").read_text(encoding="utf-8"))
    keys = [_key(e["article"], e["offset"], e["trigger"]) for e in data["events"]]
    assert len(keys) == len(set(keys)) >= 100
    slices = {e.get("slice", _slice(k)) for e, k in zip(data["events"], keys, strict=True)}
    assert slices <= {0, 1, 3, 4}  # never a held-out slice
    assert all(k in labels for k in keys)
    assert {e["judgement"] for e in data["events"]} <= {"keep", "type", "no"}


SYNTHETIC = ROOT / "tests" / "gold" / "events" / "synthetic"
# Invented VOA-style articles (tests/gold/README.md): a development half read by the rule writer
# and a check half labelled blind and merged unread. Floor set just under the whole set's figure
# (round 6, 12 articles: development .800, check .711, whole .756 on 90 labelled events; round 7,
# 36 articles: development .784 on 153, check .782 on 142, whole .783 on 295).
SYNTHETIC_FLOOR = 0.76


def test_synthetic_articles_precision(run) -> None:
    from newsledger.article import Article

    articles = [
        json.loads(line)
        for line in (SYNTHETIC / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if line
    ]
    data = json.loads((SYNTHETIC / "labels.json").read_text(encoding="utf-8"))
    labels = {_key(e["article"], e["offset"], e["trigger"]): e for e in data["events"]}
    assert {a["half"] for a in articles} == {"development", "check"}
    n = kept = 0
    for art in articles:
        text = Article(text=art["text"]).text
        for lab in (e for e in data["events"] if e["article"] == art["id"]):
            assert text[lab["offset"] : lab["offset"] + len(lab["trigger"])] == lab["trigger"]
        _doc, layers = run(art["text"], published=art["published"], id=art["id"])
        for ev in layers.get("event", []):
            s, e = ev["span"]
            lab = labels.get(_key(art["id"], s, text[s:e]))
            if lab is not None:
                n += 1
                kept += lab["judgement"] != "no"
    assert n >= 250, n
    assert kept / n >= SYNTHETIC_FLOOR, (kept, n)
