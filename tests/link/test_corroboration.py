"""Corroboration: independent sources per claim; wire copies detected and not counted twice."""

from __future__ import annotations

from datetime import UTC, datetime

from newsledger.article import Article
from newsledger.link.corroboration import claims, same_figure
from newsledger.link.syndication import detect_duplicates, signature
from newsledger.store.sqlite import SQLiteStore


def _add_to_story(store, article_id: str, story: str) -> None:
    now = datetime.now(UTC).isoformat()
    with store.transaction():
        store.execute(
            "INSERT INTO story_articles(article_id, story_id, score, joined_at) VALUES (?,?,?,?)",
            (article_id, story, 1.0, now),
        )


def _counts(store) -> dict[str, int]:
    return {
        c["text"]: c["sources"]
        for c in claims(store, story="pakistan-train")
        if c["kind"] == "figure"
    }


def test_wire_copy_does_not_add_an_independent_source(store_copy) -> None:
    before = _counts(store_copy)
    orig = store_copy.article("8007760")
    copy = Article(
        text=orig["text"],
        id="wire-8007760",
        outlet="Another Wire",
        published="2025-03-12 18:00:00Z",
        title=orig["title"],
    )
    store_copy.save(copy, store_copy.layers("8007760"), "test")
    _add_to_story(store_copy, copy.id, "pakistan-train")
    found = detect_duplicates(store_copy)
    assert {"article": "wire-8007760", "original": "8007760"} in [
        {"article": d["article"], "original": d["original"]} for d in found
    ]
    after = _counts(store_copy)
    # Every claim keeps its count; figures the copy repeats twice over come from one source.
    assert {k: after[k] for k in before} == before
    assert all(n == 1 for k, n in after.items() if k not in before)
    cs = claims(store_copy, story="pakistan-train")
    assert any("wire-8007760" in c["copies"] for c in cs)


def test_an_independent_outlet_does_add_a_source(store_copy) -> None:
    """The control: the same figures under a different text do count as a new source."""
    before = _counts(store_copy)
    orig = store_copy.article("8007760")
    layers = store_copy.layers("8007760")
    # Different words around the same records: not a wire copy (offsets stay valid because the
    # added text goes after the article's end).
    other = Article(
        text=orig["text"] + "\n" + " ".join(f"word{i}" for i in range(3000)),
        id="indep-8007760",
        outlet="Independent Daily",
        published="2025-03-12 19:00:00Z",
    )
    store_copy.save(other, layers, "test")
    _add_to_story(store_copy, other.id, "pakistan-train")
    after = _counts(store_copy)
    assert any(after.get(k, 0) > v for k, v in before.items())


def test_minhash_separates_copies_from_different_texts() -> None:
    a = "The military said on Friday that 31 people lost their lives in the attack on the train."
    b = a.replace("Friday", "Friday,")  # punctuation only: the same shingles
    c = "Officials in another country announced a new trade agreement on steel and aluminium."
    assert signature(a).jaccard(signature(b)) > 0.9
    assert signature(a).jaccard(signature(c)) < 0.2


def _fig(value=None, bound="=", low=None, high=None) -> dict:
    return {"value": value, "bound": bound, "low": low, "high": high}


def test_same_figure_is_the_same_number_not_merely_a_compatible_one() -> None:
    assert same_figure(_fig(5, ">="), _fig(5, ">="))  # "at least five" twice
    assert same_figure(_fig(37, ">="), _fig(37))  # "at least 37" and "37"
    assert same_figure(_fig(450, "~"), _fig(450))  # "roughly 450" and "450"
    assert same_figure(_fig(low=10, high=20), _fig(low=10, high=20))
    # compatible (both can hold) but not the same figure: no corroboration
    assert not same_figure(_fig(7), _fig(5, ">="))  # "seven" vs "at least five"
    assert not same_figure(_fig(10, "<="), _fig(6, ">="))  # "up to 10" vs "at least six"
    assert not same_figure(_fig(190), _fig(200, "~"))  # "190" vs "close to 200"
    assert not same_figure(_fig(37, ">="), _fig(37, "<="))  # opposite bounds
    assert not same_figure(_fig(low=10, high=20), _fig(15))
    assert not same_figure(_fig(None), _fig(None))  # vague: nothing to agree on


def test_demo_claims_join_only_records_that_give_the_same_numbers(demo_db) -> None:
    store = SQLiteStore(demo_db)
    try:
        cs = claims(store)
        layers = {}
        for c in cs:
            if c["kind"] == "figure":
                continue
            nums = []
            for m in c["members"]:
                if m["article"] not in layers:
                    layers[m["article"]] = store.layers(m["article"])
                recs = layers[m["article"]]
                att = next(a for a in recs["attribution"] if a["id"] == m["record"])
                s, e = att["content"]
                nums.append(
                    sorted(
                        str(q.get("value"))
                        for q in recs.get("quantity", [])
                        if q.get("span") and s <= q["span"][0] and q["span"][1] <= e
                    )
                )
            assert all(n == nums[0] for n in nums), (c["text"], nums)
        # the toll that rose from 16 to 33 killed is two claims, not one given by three sources
        texts = [{m["text"] for m in c["members"]} for c in cs if c["kind"] == "statement"]
        assert not any(
            any("16 terrorists" in t for t in group) and any("33" in t for t in group)
            for group in texts
        )
    finally:
        store.close()


def test_narration_repeating_an_attributed_figure_adds_no_source(demo_db) -> None:
    """An article's own narration of a figure it attributes to a speaker is that speaker's."""
    store = SQLiteStore(demo_db)
    try:
        checked = 0
        for c in claims(store):
            if len(c["articles"]) != 1:
                continue
            speakers = {m["speaker"] for m in c["members"]}
            if None in speakers and len(speakers) > 1:
                checked += 1
                assert c["sources"] == len(speakers - {None}), c
        assert checked  # the demo has such claims ("200%": Trump, then the narration)
    finally:
        store.close()
