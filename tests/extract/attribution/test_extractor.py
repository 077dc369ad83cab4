"""The attribution extractor as a whole: the seed article's floors and structure, ids and order."""

from __future__ import annotations

from typing import Any

from newsledger.evaluate import by_type, score_attributions

from .helpers import _attrs, _by_content


def test_seed_floors(seed: Any, seed_layers: Any) -> None:
    _art, gold = seed
    sc = score_attributions(by_type(seed_layers), gold)
    # every required gold attribution is found, with its speaker; floors for the rest
    assert sc.spans.recall == 1.0, sc.errors
    assert sc.speaker_accuracy == 1.0, sc.errors
    assert sc.status_accuracy >= 0.95, sc.errors
    assert sc.spans.precision >= 0.95, sc.errors


def test_seed_structure(seed: Any, seed_layers: Any) -> None:
    art, _gold = seed
    text = art.text
    attrs = seed_layers["attribution"]
    ids = [a["id"] for a in attrs]
    assert ids == [f"a{i}" for i in range(1, len(attrs) + 1)]
    starts = [a["content"][0] for a in attrs]
    assert starts == sorted(starts)
    # "Rutte said: 'Today, I can confirm that …'": the inner confirmation nests in the quote
    inner = _by_content(text, attrs, "North Korean military units have been deployed")
    outer = next(a for a in attrs if a["id"] == inner["within"])
    assert outer["kind"] == "direct" and text[outer["content"][0]] == '"'
    assert inner["status"] == "confirmed" and inner["speaker"] == outer["speaker"]
    assert inner["resolved_by"] == "pronoun"
    # follow-on quote paragraphs carry on the speaker without a cue
    cont = [a for a in attrs if a["resolved_by"] == "continuation"]
    assert len(cont) >= 3 and all(a["cue"] is None and a["kind"] == "direct" for a in cont)
    # group and document speakers come with actor records of their own
    kinds = {a["id"]: a["kind"] for a in seed_layers["actor"]}
    speakers = {a["speaker"] for a in attrs if a["speaker"]}
    assert kinds.get("document:reports") == "document" and "document:reports" in speakers
    assert kinds.get("group:western-officials") == "group"


def test_no_text_no_records(run: Any) -> None:
    _text, attrs, _ = _attrs(run, "The river rose by two metres overnight.")
    assert attrs == []
