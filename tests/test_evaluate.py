"""Unit tests of the scorer (:mod:`newsledger.evaluate`) on small synthetic records."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from newsledger.evaluate import (
    Counts,
    match_spans,
    norm_name,
    score,
    speaker_matches,
    total,
)

SEED_GOLD = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "gold"
    / "seed"
    / "nk-troops-kursk.gold.json"
)

TEXT = (
    'Nato confirmed the troops arrived. "We are watching," Mark Rutte said on Monday.\n'
    "Some 3,000 soldiers arrived, reports claim. Nearly 200 defectors left in August."
)


def _span(sub: str, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return [start, start + len(sub)]


def _gold() -> dict[str, Any]:
    return {
        "article": {"id": "t", "published": "2024-10-28", "outlet": "Test"},
        "attributions": [
            {
                "id": "a1",
                "kind": "indirect",
                "content": _span("the troops arrived"),
                "speaker": "NATO",
                "status": "confirmed",
            },
            {
                "id": "a2",
                "kind": "direct",
                "content": _span('"We are watching,"'),
                "speaker": "Mark Rutte",
                "status": "stated",
            },
            {
                "id": "a3",
                "kind": "indirect",
                "content": _span("Some 3,000 soldiers arrived"),
                "speaker": "reports (unnamed)",
                "status": "claimed",
                "optional": True,
            },
        ],
        "quantities": [
            {"id": "n1", "span": _span("Some 3,000 soldiers"), "value": 3000, "bound": "~"},
            {
                "id": "n2",
                "span": _span("Nearly 200 defectors"),
                "value": 200,
                "bound": "<",
                "bound_accept": ["<", "~"],
            },
        ],
        "times": [
            {
                "id": "t1",
                "span": _span("on Monday"),
                "start": "2024-10-28",
                "end": "2024-10-28",
                "granularity": "day",
            },
            {
                "id": "t2",
                "span": _span("in August"),
                "start": "2024-08-01",
                "end": "2024-08-31",
                "granularity": "month",
            },
        ],
        "events": [
            {
                "id": "v1",
                "event": "MOBILIZE",
                "actor": ["North Korea"],
                "recipient": ["Russia"],
                "line": 0,
            }
        ],
        "actors": {"NATO": ["Nato", "the alliance"]},
    }


def _perfect() -> dict[str, list[dict[str, Any]]]:
    """Predicted layers that agree with :func:`_gold` on every required entry."""
    return {
        "actor": [
            {"type": "actor", "id": "org:nato", "name": "NATO", "kind": "org"},
            {"type": "actor", "id": "person:mark-rutte", "name": "Mark Rutte", "kind": "person"},
            {"type": "actor", "id": "country:PRK", "name": "North Korea", "kind": "country"},
            {"type": "actor", "id": "country:RUS", "name": "Russia", "kind": "country"},
        ],
        "attribution": [
            {
                "type": "attribution",
                "id": "a1",
                "content": _span("the troops arrived"),
                "speaker": "org:nato",
                "speaker_name": None,
                "status": "confirmed",
            },
            {
                "type": "attribution",
                "id": "a2",
                # Without the quotation marks: still overlaps the gold span.
                "content": _span("We are watching"),
                "speaker": "person:mark-rutte",
                "speaker_name": "Rutte",
                "status": "stated",
            },
        ],
        "quantity": [
            {
                "type": "quantity",
                "id": "q1",
                "span": _span("3,000 soldiers"),
                "value": 3000.0,
                "bound": "~",
            },
            {
                "type": "quantity",
                "id": "q2",
                "span": _span("Nearly 200"),
                "value": 200,
                "bound": "~",
            },
        ],
        "time": [
            {
                "type": "time",
                "id": "t1",
                "span": _span("Monday"),
                "start": "2024-10-28",
                "end": "2024-10-28",
                "granularity": "day",
            },
            {
                "type": "time",
                "id": "t2",
                "span": _span("August"),
                "start": "2024-08-01",
                "end": "2024-08-31",
                "granularity": "month",
            },
        ],
        "event": [
            {
                "type": "event",
                "id": "v1",
                "event": "MOBILIZE",
                "span": _span("arrived"),
                "sentence": _span("Nato confirmed the troops arrived."),
                "actor": ["country:PRK"],
                "recipient": ["country:RUS"],
            },
        ],
    }


def test_perfect_match_scores_one() -> None:
    figs = score(_perfect(), _gold(), TEXT).figures()
    assert all(v == pytest.approx(1.0) for v in figs.values()), figs


def test_flat_record_list_is_accepted() -> None:
    flat = [rec for recs in _perfect().values() for rec in recs]
    assert score(flat, _gold(), TEXT).figures() == score(_perfect(), _gold(), TEXT).figures()


def test_missing_attribution_lowers_recall_not_precision() -> None:
    pred = _perfect()
    pred["attribution"] = pred["attribution"][:1]
    sc = score(pred, _gold(), TEXT)
    assert sc.attributions.spans.recall == pytest.approx(0.5)
    assert sc.attributions.spans.precision == pytest.approx(1.0)
    assert any(e.startswith("missed a2") for e in sc.attributions.errors)


def test_spurious_attribution_lowers_precision() -> None:
    pred = _perfect()
    pred["attribution"].append(
        {
            "type": "attribution",
            "id": "a9",
            "content": _span("defectors left"),
            "speaker": None,
            "status": "stated",
        }
    )
    sc = score(pred, _gold(), TEXT)
    assert sc.attributions.spans.precision == pytest.approx(2 / 3)
    assert sc.attributions.spans.recall == pytest.approx(1.0)
    # the error list names it, so that `seed.py --errors` shows false alarms too
    assert [e for e in sc.attributions.errors if e.startswith("false alarm")] == [
        "false alarm a9: cue_lemma=None"
    ]


def test_optional_gold_matched_is_neutral() -> None:
    pred = _perfect()
    pred["attribution"].append(
        {
            "type": "attribution",
            "id": "a3",
            "content": _span("3,000 soldiers arrived"),
            "speaker": None,
            "speaker_name": "reports",
            "status": "claimed",
        }
    )
    sc = score(pred, _gold(), TEXT)
    # Matched to the optional gold entry: neither a hit nor a false positive.
    assert sc.attributions.spans.pred == 2
    assert sc.attributions.spans.gold == 2
    assert sc.attributions.spans.f1 == pytest.approx(1.0)


def test_unmatched_optional_gold_is_not_missed() -> None:
    sc = score(_perfect(), _gold(), TEXT)
    assert sc.attributions.spans.gold == 2
    assert not any("a3" in e for e in sc.attributions.errors)


def test_one_to_one_matching_prefers_larger_overlap() -> None:
    gold = [[0, 10], [12, 20]]
    pred = [[0, 20], [14, 20]]
    # pred 0 overlaps gold 0 by 10 and gold 1 by 8; pred 1 overlaps gold 1 by 6.
    assert match_spans(gold, pred) == [(0, 0), (1, 1)]
    # A single broad prediction can only match one gold span.
    assert match_spans(gold, [[0, 20]]) == [(0, 0)]


def test_wrong_speaker_and_status_counted_over_matches() -> None:
    pred = _perfect()
    pred["attribution"][0]["speaker"] = "country:RUS"
    pred["attribution"][1]["status"] = "claimed"
    sc = score(pred, _gold(), TEXT)
    assert sc.attributions.spans.recall == pytest.approx(1.0)
    assert sc.attributions.speaker_accuracy == pytest.approx(0.5)
    assert sc.attributions.status_accuracy == pytest.approx(0.5)


def test_wrong_bound_is_not_correct_but_accepted_bound_is() -> None:
    pred = _perfect()
    pred["quantity"][0]["bound"] = ">"  # gold "~" only
    sc = score(pred, _gold(), TEXT)
    assert sc.quantities.recall == pytest.approx(1.0)  # still found
    assert sc.quantities.correct == 1  # q2's "~" is in bound_accept
    assert sc.figures()["number_r"] == pytest.approx(0.5)


def test_wrong_value_is_not_correct() -> None:
    pred = _perfect()
    pred["quantity"][1]["value"] = 20
    assert score(pred, _gold(), TEXT).figures()["number_r"] == pytest.approx(0.5)


def test_time_needs_equal_start_end_granularity() -> None:
    pred = _perfect()
    pred["time"][1]["granularity"] = "day"
    sc = score(pred, _gold(), TEXT)
    assert sc.times.recall == pytest.approx(1.0)
    assert sc.figures()["date_acc"] == pytest.approx(0.5)


def test_event_needs_type_actor_and_recipient() -> None:
    pred = _perfect()
    pred["event"][0]["recipient"] = ["country:UKR"]
    assert score(pred, _gold(), TEXT).figures()["event_r"] == 0.0
    pred = _perfect()
    pred["event"][0]["event"] = "ASSAULT"
    assert score(pred, _gold(), TEXT).figures()["event_r"] == 0.0


def test_event_in_other_paragraph_does_not_count() -> None:
    pred = _perfect()
    pred["event"][0]["span"] = _span("defectors left")
    pred["event"][0]["sentence"] = _span("Nearly 200 defectors left in August.")
    assert score(pred, _gold(), TEXT).figures()["event_r"] == 0.0


def test_empty_prediction_scores_zero() -> None:
    figs = score({}, _gold(), TEXT).figures()
    assert figs["attribution_p"] == 0.0
    assert figs["attribution_r"] == 0.0
    assert figs["speaker_acc"] == 0.0


def test_speaker_rule() -> None:
    assert speaker_matches("Rutte", "Mark Rutte")
    assert speaker_matches("NATO Secretary-General Mark Rutte", "Mark Rutte")
    assert speaker_matches("mark rutte", "Mark Rutte")
    assert speaker_matches("Nato", "NATO", gold={"actors": {"NATO": ["Nato", "the alliance"]}})
    assert speaker_matches("the alliance", "NATO", gold={"actors": {"NATO": ["the alliance"]}})
    assert speaker_matches("reports", "reports (unnamed)")
    assert speaker_matches(None, None)
    assert not speaker_matches("Mark", "Mark Rutte")
    assert not speaker_matches("Volodymyr Zelensky", "Mark Rutte")
    assert not speaker_matches(None, "Mark Rutte")
    assert not speaker_matches("Rutte", None)
    assert norm_name("North Korea’s (DPRK)") == "north korea"


def test_total_sums_counts() -> None:
    a = score(_perfect(), _gold(), TEXT)
    b = score({}, _gold(), TEXT)
    t = total([a, b])
    assert t.articles == 2
    assert t.attributions.spans.gold == 4
    assert t.attributions.spans.recall == pytest.approx(0.5)
    assert Counts(1, 2, 1, 1) + Counts(1, 0, 0, 0) == Counts(2, 2, 1, 1)


def _gold_as_layers(gold: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The gold entries themselves, reshaped into predicted contract records."""
    atts = [
        {"type": "attribution", **a, "speaker": None, "speaker_name": a["speaker"]}
        for a in gold["attributions"]
    ]
    return {
        "attribution": atts,
        "quantity": [{"type": "quantity", **q} for q in gold["quantities"]],
        "time": [{"type": "time", **t} for t in gold["times"]],
    }


def test_seed_gold_scored_against_itself_is_perfect() -> None:
    if not SEED_GOLD.exists():
        pytest.skip("shared seed gold not available")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    figs = score(_gold_as_layers(copy.deepcopy(gold)), gold).figures()
    for key in ("attribution_f1", "speaker_acc", "status_acc", "number_r", "number_p", "date_acc"):
        assert figs[key] == pytest.approx(1.0), (key, figs)
