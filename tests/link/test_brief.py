"""The brief: every sentence cited, HTML escaped and linked, chart inline."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from newsledger.article import Article
from newsledger.link import brief as brief_module
from newsledger.link._context import UnknownStoryError
from newsledger.link.brief import brief, uncited_sentences
from newsledger.nlp import parse_article


def test_every_sentence_of_every_brief_ends_with_a_citation(series_store, series_gold) -> None:
    for g in series_gold:
        md = brief(series_store, g["story"])
        assert uncited_sentences(md) == [], g["story"]
        cited = set(re.findall(r"\[([^\]§;]+?)(?: §| *[;\]])", md))
        assert cited <= set(g["articles"]), cited - set(g["articles"])
    md = brief(series_store, "pakistan-train")
    for head in ("Latest figures", "Who said what", "Events timeline", "Open contradictions"):
        assert f"## {head}" in md
    assert "“31 people”" in md and "[8011076 §q1]" in md


def test_citation_checker_catches_an_uncited_sentence() -> None:
    ok = "- The toll is “31. people” [8011076 §q1].\n"
    assert uncited_sentences(ok) == []
    bad = ok + "- The toll rose. Officials said so [8011076].\n"
    assert uncited_sentences(bad) == ["The toll rose."]
    assert uncited_sentences("- No citation at all\n") == ["No citation at all"]


def test_html_escapes_hostile_text_links_records_and_inlines_the_chart(store_copy, nlp) -> None:
    hostile = Article(
        text=(
            "Police said <script>alert(1)</script> at least 5 people were killed in the blast "
            "on Monday.\n\nLater, officials said 9 people were killed in the blast."
        ),
        id="hostile-1",
        title="<script>alert('x')</script> Blast",
        outlet="<b>Outlet</b>",
        published="2025-03-12",
    )
    layers = parse_article(nlp, hostile.text, hostile.meta())._.newsledger or {}
    store_copy.save(hostile, layers, "test")
    now = datetime.now(UTC).isoformat()
    with store_copy.transaction():
        store_copy.execute(
            "INSERT INTO stories(id, title, created_at, updated_at) VALUES (?,?,?,?)",
            ("hostile", None, now, now),
        )
        store_copy.execute(
            "INSERT INTO story_articles(article_id, story_id, score, joined_at) VALUES (?,?,?,?)",
            ("hostile-1", "hostile", 1.0, now),
        )
    page = brief(store_copy, "hostile", fmt="html", link_base="/a/")
    assert "<script" not in page.lower().replace("&lt;script", "")
    assert "&lt;script&gt;" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing loaded from outside
    md = brief(store_copy, "hostile")
    assert uncited_sentences(md) == []
    page = brief(store_copy, "pakistan-train", fmt="html", link_base="/a/")
    assert 'href="/a/8011076#rec-q1"' in page
    assert "<svg" in page and "<?xml" not in page


def test_unknown_story_and_bad_format() -> None:
    from newsledger.store.sqlite import SQLiteStore

    store = SQLiteStore(":memory:")
    with pytest.raises(UnknownStoryError):
        brief(store, "nope")
    with pytest.raises(ValueError):
        brief(store, "nope", fmt="pdf")


def test_events_timeline_keeps_the_latest_events_and_cites_the_rest(
    series_store, monkeypatch
) -> None:
    """The story so far ends with its latest events; the earlier ones are counted and cited."""

    def timeline(md: str) -> list[str]:
        section = md.split("## Events timeline", 1)[1].split("\n## ", 1)[0]
        return [ln for ln in section.splitlines() if ln.startswith("- ")]

    monkeypatch.setattr(brief_module, "MAX_EVENTS", 10_000)
    every = timeline(brief(series_store, "pakistan-train"))
    monkeypatch.setattr(brief_module, "MAX_EVENTS", 5)
    md = brief(series_store, "pakistan-train")
    shown = timeline(md)
    assert len(every) > 5
    assert shown[1:] == every[-5:]  # the latest five, in order
    assert shown[0].startswith(f"- {len(every) - 5} earlier event(s) not shown [")
    assert uncited_sentences(md) == []


def test_events_timeline_names_inferred_and_sector_actors_as_such(
    series_store, monkeypatch
) -> None:
    """'Militants attacked a train in Pakistan': rebels in Pakistan, not Pakistan."""
    monkeypatch.setattr(brief_module, "MAX_EVENTS", 10_000)
    md = brief(series_store, "pakistan-train")
    section = md.split("## Events timeline", 1)[1].split("\n## ", 1)[0]
    assert "ASSAULT by rebels in Pakistan" in section
    assert "ASSAULT by Pakistan against" not in section
