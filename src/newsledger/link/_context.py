"""What the cross-article modules share: a story's articles and records as read from the store.

Cross-article work reads the store, never re-parses: the records of each article, its text (for
the words around a span) and its publication data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsledger import config


class UnknownStoryError(LookupError):
    """The story id names no stored story."""


@dataclass
class Doc:
    """One stored article with its records, indexed for the lookups the link modules make."""

    id: str
    text: str
    title: str | None
    published: str | None
    outlet: str | None
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def day(self) -> str | None:
        """Publication date (YYYY-MM-DD) or None."""
        return (self.published or "")[:10] or None

    def by_id(self, type_: str, rec_id: str | None) -> dict[str, Any] | None:
        """The record of this type and id, or None."""
        if not rec_id:
            return None
        for r in self.records.get(type_, []):
            if r.get("id") == rec_id:
                return r
        return None

    def words(self, span: list[int] | None) -> str:
        """The article's words at a span ('' when there is none)."""
        if not span:
            return ""
        return self.text[span[0] : span[1]]


def load_doc(store: Any, article_id: str) -> Doc | None:
    """Read one article and its records from the store (None when it is not stored)."""
    art = store.article(article_id)
    if art is None:
        return None
    doc = Doc(
        id=art["id"],
        text=art.get("text") or "",
        title=art.get("title"),
        published=art.get("published"),
        outlet=art.get("outlet"),
    )
    for rec in store.records(article_id):
        doc.records.setdefault(rec["type"], []).append(rec)
    return doc


def story_exists(store: Any, story_id: str) -> bool:
    """True when ``story_id`` names a stored story."""
    return store.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None


def scopes(store: Any, story: str | None) -> list[tuple[str | None, list[str]]]:
    """The groups of articles the link modules compare within: ``(story id, article ids)``.

    With ``story`` given, that story alone (raises :class:`UnknownStoryError` when it does not
    exist). Without, every stored story, then each article that no story holds yet, alone (so
    that numbers are compared within an article before the clustering has run).
    """
    from newsledger.link.stories import story_articles

    if story is not None:
        if not story_exists(store, story):
            raise UnknownStoryError(f"no story {story!r} in the store")
        return [(story, story_articles(store, story))]
    out: list[tuple[str | None, list[str]]] = []
    for (sid,) in store.execute("SELECT id FROM stories ORDER BY id").fetchall():
        out.append((sid, story_articles(store, sid)))
    rows = store.execute(
        """SELECT a.id FROM articles a WHERE NOT EXISTS
           (SELECT 1 FROM story_articles sa WHERE sa.article_id = a.id)
           ORDER BY a.published NULLS FIRST, a.id"""
    ).fetchall()
    out.extend((None, [r[0]]) for r in rows)
    return out


_SENT_END = re.compile(r"[.!?][”\"’']?\s+(?=[“\"‘'(\[]?[A-Z0-9])|\n+")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or paragraph line) around ``[start, end)``, by punctuation: cheap, no parse."""
    lo = 0
    # Search a little past ``start`` so the look-ahead for a capital can see it.
    for m in _SENT_END.finditer(text, 0, min(len(text), start + 3)):
        if m.end() <= start:
            lo = m.end()
    m = _SENT_END.search(text, end)
    hi = m.start() + 1 if m else len(text)
    return lo, min(hi, len(text))


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Function words and reporting verbs, left out of word overlap (data: data/link/stopwords.txt).
_STOP_FILE = config.DATA_DIR / "link" / "stopwords.txt"
STOP = frozenset(
    w
    for line in _STOP_FILE.read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
    for w in line.split()
)


def content_words(text: str) -> set[str]:
    """Lower-cased content words with a light suffix strip, for cheap, explainable overlap."""
    out = set()
    for w in _WORD.findall(text.lower()):
        w = w.replace("’", "'").removesuffix("'s")
        if w in STOP or len(w) < 3:
            continue
        for suf in ("ing", "ed", "es", "s"):
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[: -len(suf)]
                break
        out.add(w)
    return out


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard overlap of two word sets (0 when both are empty)."""
    return len(a & b) / len(a | b) if a and b else 0.0
