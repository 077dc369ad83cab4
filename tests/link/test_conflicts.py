"""Contradictions: figures that cannot both hold, and denials, each with both sides' spans."""

from __future__ import annotations

from newsledger.link.conflicts import conflicts
from newsledger.link.estimates import estimates
from newsledger.store.sqlite import SQLiteStore


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


def test_denial_is_paired_with_the_claim_it_denies(demo_db) -> None:
    store = SQLiteStore(demo_db)
    try:
        denials = [c for c in conflicts(store) if c["kind"] == "statements"]
        assert denials
        for c in denials:
            assert c["b"]["status"] == "denied"
            assert c["a"]["status"] in ("stated", "confirmed", "claimed", "alleged", "reported")
            assert c["a"]["speaker"] != c["b"]["speaker"]
            assert c["why"]
            assert _spans_hold(store, c["a"]) and _spans_hold(store, c["b"])
        # Rights advocates say the Uyghurs still held are at risk of deportation; the government
        # denies planning to repatriate any of them.
        assert any("Uyghurs" in c["a"]["text"] and "repatriate" in c["b"]["text"] for c in denials)
    finally:
        store.close()


def test_a_claim_with_no_claimant_or_one_shared_word_contradicts_no_one(series_store) -> None:
    """'Both Pakistan and China reject the claims that ...': the claims are nobody's.

    And a denial sharing one word with a statement (a name, 'arrest') is no contradiction.
    """
    for story in ("pakistan-train", "somalia-hotel", "guantanamo", "us-tariffs"):
        for c in conflicts(series_store, story=story):
            if c["kind"] != "statements":
                continue
            assert c["a"]["speaker"] or c["a"]["status"] not in ("claimed", "alleged", "reported")
            assert "event of the same type" in c["why"] or c["why"].count(",") >= 1


def test_figures_counting_different_nouns_do_not_conflict(series_store) -> None:
    """'all six attackers' killed in the raid and '50 militants' killed by airstrikes: two sets."""
    found = conflicts(series_store, story="somalia-hotel")
    figures = [c for c in found if c["kind"] == "figures"]
    assert figures  # the real one ("up to 10" against "more than 10") stays
    assert not any("attackers" in c["a"]["text"] + c["b"]["text"] for c in figures)
    rows = estimates(series_store, story="somalia-hotel")
    six = [r for r in rows if r["text"] == "all six attackers"]
    assert six and all(r["change"] != "conflict" for r in six)
