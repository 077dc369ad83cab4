from __future__ import annotations

from pathlib import Path

from newsledger.article import Article
from newsledger.link.stories import list_stories, story_articles, story_of
from newsledger.store.sqlite import SQLiteStore


def test_story_tables_read_back_in_date_order(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    for i, day in [("b", "2025-03-12"), ("a", "2025-03-11"), ("c", "2025-03-14")]:
        art = Article(text=f"Text {i}.", id=i, published=day, outlet=f"Outlet {i}")
        store.save(art, {}, "test")
    with store.transaction():
        store.execute(
            "INSERT INTO stories(id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            ("s1", "Train attack", "t", "t"),
        )
        store.executemany(
            "INSERT INTO story_articles(article_id, story_id, score, joined_at) VALUES (?,?,?,?)",
            [("b", "s1", 0.9, "t"), ("a", "s1", 1.0, "t")],
        )
    assert story_articles(store, "s1") == ["a", "b"]
    assert story_of(store, "b") == "s1" and story_of(store, "c") is None
    [s] = list_stories(store)
    assert s["articles"] == ["a", "b"] and (s["first"], s["last"]) == ("2025-03-11", "2025-03-12")
    assert s["outlets"] == ["Outlet a", "Outlet b"]
    assert list_stories(store, "nope") == []
