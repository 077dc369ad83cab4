"""The story `newsledger demo` ends on: found in the demo store, and its brief is fully cited."""

from __future__ import annotations

import json
from pathlib import Path

from newsledger import config
from newsledger.link.brief import brief, uncited_sentences
from newsledger.link.stories import list_stories, story_of
from newsledger.store.sqlite import SQLiteStore


def test_featured_story_has_several_articles_and_a_cited_brief(demo_db: Path) -> None:
    featured = json.loads((config.DATA_DIR / "demo" / "demo.json").read_text(encoding="utf-8"))
    store = SQLiteStore(demo_db)
    sid = story_of(store, featured["featured_article"])
    assert sid is not None
    [story] = list_stories(store, sid)
    assert len(story["articles"]) >= 3 and featured["featured_article"] in story["articles"]
    md = brief(store, sid, fmt="md")
    assert uncited_sentences(md) == []
    assert f"[{featured['featured_article']}" in md
