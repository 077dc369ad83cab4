"""Contradictions: figures that cannot both hold, and denials, each with both sides' spans."""

from __future__ import annotations

from newsledger.link.conflicts import conflicts


def _spans_hold(store, side) -> bool:
    text = store.article(side["article"])["text"]
    return text[side["span"][0] : side["span"][1]] == side["text"]


def test_figure_conflict_has_both_spans_and_updates_are_left_out(series_store) -> None:
    found = conflicts(series_store, story="somalia-hotel")
    figures = [c for c in found if c["kind"] == "figures"]
    pair = {(c["a"]["text"], c["b"]["text"]) for c in figures}
    # Local media's "up to 10" against al-Shabab's "more than 10", same article and time.
    assert ("up to 10 fatalities", "more than 10 people") in pair
    for c in found:
        for side in ("a", "b"):
            s = c[side]
            assert {"article", "record", "span", "text", "speaker", "status"} <= s.keys()
            assert _spans_hold(series_store, s)
    train = conflicts(series_store, story="pakistan-train")
    texts = {(c["a"]["text"], c["b"]["text"]) for c in train if c["kind"] == "figures"}
    # The rising toll and the growing count of people freed are updates, not contradictions.
    assert not any("31 people" in p or "354 passengers" in p for p in texts)


def test_denial_is_paired_with_the_claim_it_denies(series_store) -> None:
    found = conflicts(series_store, story="pakistan-train")
    denials = [c for c in found if c["kind"] == "statements"]
    assert denials
    for c in denials:
        assert c["b"]["status"] == "denied"
        assert c["a"]["status"] in ("stated", "confirmed", "claimed", "alleged", "reported")
        assert c["a"]["speaker"] != c["b"]["speaker"]
        assert c["why"]
        assert _spans_hold(series_store, c["a"]) and _spans_hold(series_store, c["b"])
