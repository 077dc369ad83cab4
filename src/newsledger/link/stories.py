"""Stories: articles about the same development, as stored in ``stories``/``story_articles``.

This module reads and writes the story tables (migration ``0010_stories``); how articles are
grouped is decided by the clustering in this package.
"""

from __future__ import annotations

from typing import Any


def story_articles(store: Any, story_id: str) -> list[str]:
    """Ids of a story's articles, oldest first.

    Args:
        store: an open store.
        story_id: the story's id.

    Returns:
        Article ids (empty when the story does not exist).
    """
    rows = store.execute(
        """SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
           WHERE sa.story_id = ? ORDER BY a.published NULLS FIRST, a.id""",
        (story_id,),
    )
    return [r[0] for r in rows]


def story_of(store: Any, article_id: str) -> str | None:
    """The id of the story an article belongs to, or None when it is not linked yet."""
    row = store.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row[0] if row else None


def list_stories(store: Any, story_id: str | None = None) -> list[dict[str, Any]]:
    """Stories with their articles, dates and outlets, most recently active first.

    Args:
        store: an open store.
        story_id: only this story.

    Returns:
        One dict per story: ``id``, ``title``, ``articles`` (ids, oldest first), ``first``,
        ``last`` (publication dates), ``outlets``.
    """
    sql = """SELECT s.id, s.title, a.id AS article, a.published, a.outlet
             FROM stories s JOIN story_articles sa ON sa.story_id = s.id
             JOIN articles a ON a.id = sa.article_id"""
    args: list[Any] = []
    if story_id is not None:
        sql += " WHERE s.id = ?"
        args.append(story_id)
    sql += " ORDER BY s.id, a.published NULLS FIRST, a.id"
    stories: dict[str, dict[str, Any]] = {}
    for r in store.execute(sql, args):
        s = stories.setdefault(
            r["id"],
            {
                "id": r["id"],
                "title": r["title"],
                "articles": [],
                "first": None,
                "last": None,
                "outlets": [],
            },
        )
        s["articles"].append(r["article"])
        day = (r["published"] or "")[:10] or None
        if day:
            s["first"] = min(s["first"] or day, day)
            s["last"] = max(s["last"] or day, day)
        if r["outlet"] and r["outlet"] not in s["outlets"]:
            s["outlets"].append(r["outlet"])
    return sorted(stories.values(), key=lambda s: (s["last"] or "", s["id"]), reverse=True)
