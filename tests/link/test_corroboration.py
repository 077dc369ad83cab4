"""Corroboration: independent sources per claim; wire copies detected and not counted twice."""

from __future__ import annotations

from datetime import UTC, datetime

from newsledger.article import Article
from newsledger.link.corroboration import claims
from newsledger.link.syndication import detect_duplicates, signature


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
