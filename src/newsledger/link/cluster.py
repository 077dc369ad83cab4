"""Online story linking: each new article joins the best open story or starts one.

The method follows Miranda et al. 2018 ("Multilingual clustering of streaming news", EMNLP):
articles are taken in publication order and each is scored against the stories that are still
*open* (active within ``window_days`` of its date). A story is summarised by

* the centroid of its articles' title+lede embeddings (:mod:`newsledger.link.embed`),
* a bag of the actors its articles mention (countries, persons, organisations: the ``entity``
  records' canonical actor ids), and
* its date range.

The score of an article against a story is::

    w_cos * cos(v, centroid) + w_act * overlap(actors) + w_time * exp(-gap_days / tau)

where ``overlap`` is the histogram intersection of the two actor bags, each normalised to sum 1,
and ``gap_days`` is how far the article's date lies outside the story's range (0 inside). The
article joins the best story when the score reaches ``threshold``, else it founds a new story.
Weights, ``tau``, the threshold and the window are data (``data/link/stories.json``), chosen on
the gold grouping ``tests/gold/stories/demo.json`` by ``benchmarks/stories.py``.

Ids are stable: a story is ``"s-" + <founding article id>``, its title the founding article's
title, and an article once linked is never moved, so linking again or re-ingesting changes
nothing that was already decided.

Scale: the open stories' centroids sit in one numpy matrix; linking an article costs one
matrix-vector product over the stories whose date range touches its window, plus the actor
overlap for the ``top_k`` most similar of them. The state a story needs (vector sum, actor bag,
dates) is kept in ``story_state`` (migration ``0012``), indexed by its last date, so a batch loads
only the stories open around its dates: the cost per article depends on how many stories are
active at a time, not on the size of the store. Beyond about a million *open* stories (or with
a much wider window) the exact product should give way to an approximate nearest-neighbour
index — hnswlib or FAISS (IVF/HNSW) over the centroids, with centroids updated in place and
closed stories evicted — returning the ``top_k`` candidates that are then rescored as here.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from newsledger import config
from newsledger.link import embed

PARAMS_FILE = config.DATA_DIR / "link" / "stories.json"


@dataclass(slots=True)
class Params:
    """Linking settings (see ``data/link/stories.json``)."""

    w_cos: float = 0.7
    w_act: float = 0.3
    w_time: float = 0.0
    tau_days: float = 3.0
    threshold: float = 0.525
    window_days: float = 21.0
    top_k: int = 20
    actor_kinds: tuple[str, ...] = ("country", "person", "org")

    @classmethod
    def load(cls, path: Any = None) -> Params:
        """Read the settings from a JSON file (the packaged one by default)."""
        data = json.loads((path or PARAMS_FILE).read_text(encoding="utf-8"))
        w = data.get("weights", {})
        return cls(
            w_cos=float(w.get("cosine", cls.w_cos)),
            w_act=float(w.get("actors", cls.w_act)),
            w_time=float(w.get("time", cls.w_time)),
            tau_days=float(data.get("tau_days", cls.tau_days)),
            threshold=float(data.get("threshold", cls.threshold)),
            window_days=float(data.get("window_days", cls.window_days)),
            top_k=int(data.get("top_k", cls.top_k)),
            actor_kinds=tuple(data.get("actor_kinds", cls.actor_kinds)),
        )


def day_number(stamp: str | None) -> float | None:
    """An ISO date or timestamp as days since the epoch (UTC), or None when unreadable."""
    if not stamp:
        return None
    s = stamp.strip().replace(" ", "T")
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        try:
            dt = datetime.fromisoformat(s[:10])
        except ValueError:
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp() / 86400.0


def overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Histogram intersection of two actor bags, each normalised to sum 1 (0 if one is empty)."""
    sa, sb = sum(a.values()), sum(b.values())
    if not sa or not sb:
        return 0.0
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    ss, sbig = (sa, sb) if small is a else (sb, sa)
    return sum(min(c / ss, big[k] / sbig) for k, c in small.items() if k in big)


@dataclass(slots=True)
class Story:
    """A story's linking state."""

    id: str
    n: int
    total: np.ndarray
    actors_json: str | None
    first: float
    last: float
    title: str | None = None
    new: bool = False
    touched: bool = False
    first_stamp: str = ""
    last_stamp: str = ""
    _actors: Counter | None = None

    @property
    def actors(self) -> Counter:
        """The actor bag; a loaded story's JSON is parsed only when it is a candidate."""
        if self._actors is None:
            self._actors = Counter(json.loads(self.actors_json or "{}"))
        return self._actors


@dataclass
class Linker:
    """In-memory online clustering over the open stories (no store access).

    Args:
        params: linking settings.
    """

    params: Params
    stories: list[Story] = field(default_factory=list)
    _centroids: np.ndarray = field(default_factory=lambda: np.zeros((16, embed.DIM), np.float32))
    _first: np.ndarray = field(default_factory=lambda: np.zeros(16))
    _last: np.ndarray = field(default_factory=lambda: np.zeros(16))

    def add_story(self, story: Story) -> int:
        """Register a story (loaded or new); return its row."""
        i = len(self.stories)
        if i == len(self._centroids):
            # Grow by doubling so appending stays amortised O(1) per story.
            self._centroids = np.concatenate([self._centroids, np.zeros_like(self._centroids)])
            self._first = np.concatenate([self._first, np.zeros_like(self._first)])
            self._last = np.concatenate([self._last, np.zeros_like(self._last)])
        self.stories.append(story)
        self._set_row(i)
        return i

    def _set_row(self, i: int) -> None:
        s = self.stories[i]
        norm = float(np.linalg.norm(s.total))
        self._centroids[i] = s.total / norm if norm else s.total
        self._first[i] = s.first
        self._last[i] = s.last

    def score(self, vec: np.ndarray, actors: dict[str, float], day: float) -> tuple[int, float]:
        """The best open story for an article and its score; ``(-1, 0.0)`` when none is open."""
        p = self.params
        n = len(self.stories)
        if not n:
            return -1, 0.0
        open_ = np.flatnonzero(
            (self._last[:n] >= day - p.window_days) & (self._first[:n] <= day + p.window_days)
        )
        if not len(open_):
            return -1, 0.0
        cos = self._centroids[open_] @ vec
        if len(open_) > p.top_k:
            keep = np.argpartition(-cos, p.top_k)[: p.top_k]
            open_, cos = open_[keep], cos[keep]
        best, best_score = -1, -math.inf
        for i, c in zip(open_.tolist(), cos.tolist(), strict=True):
            s = self.stories[i]
            gap = max(0.0, day - s.last, s.first - day)
            sc = p.w_cos * c + p.w_time * math.exp(-gap / p.tau_days)
            if p.w_act:
                sc += p.w_act * overlap(actors, s.actors)
            # Ties go to the older story (lower row) so results do not depend on float noise.
            if sc > best_score:
                best, best_score = i, sc
        return best, float(best_score)

    def link(
        self,
        article_id: str,
        vec: np.ndarray,
        actors: dict[str, float],
        day: float,
        *,
        title: str | None = None,
        stamp: str = "",
    ) -> tuple[str, float, bool]:
        """Link one article: join the best open story above the threshold, else found one.

        Returns:
            ``(story_id, score, founded)``; a founding article's score is 1.0.
        """
        i, sc = self.score(vec, actors, day)
        if i >= 0 and sc >= self.params.threshold:
            s = self.stories[i]
            s.n += 1
            s.total = s.total + vec
            s.actors.update(actors)
            if day < s.first:
                s.first, s.first_stamp = day, stamp
            if day > s.last:
                s.last, s.last_stamp = day, stamp
            s.touched = True
            self._set_row(i)
            return s.id, sc, False
        story = Story(
            id="s-" + article_id,
            n=1,
            total=np.array(vec, dtype=np.float32),
            actors_json=None,
            _actors=Counter(actors),
            first=day,
            last=day,
            title=title,
            new=True,
            touched=True,
            first_stamp=stamp,
            last_stamp=stamp,
        )
        self.add_story(story)
        return story.id, 1.0, True


def _chunks(items: Sequence[Any], size: int = 500) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def article_actors(store: Any, article_ids: Sequence[str], kinds: Sequence[str]) -> dict[str, dict]:
    """Each article's mentioned actors (``entity`` records' actor ids of these kinds), counted."""
    out: dict[str, dict[str, float]] = {aid: {} for aid in article_ids}
    prefixes = tuple(k + ":" for k in kinds)
    for chunk in _chunks(list(article_ids)):
        q = ",".join("?" * len(chunk))
        # record_actors holds one 'mention' row per entity record with an actor; its primary
        # key starts with article_id, so this reads only these articles' rows.
        rows = store.execute(
            f"""SELECT article_id, actor_id, count(*) FROM record_actors
                WHERE article_id IN ({q}) AND role = 'mention'
                GROUP BY article_id, actor_id""",
            list(chunk),
        )
        for r in rows:
            if str(r[1]).startswith(prefixes):
                out[r[0]][r[1]] = float(r[2])
    return out


def _load_open(store: Any, linker: Linker, lo: str, hi: str) -> None:
    """Load the stories whose date range meets [lo, hi] (ISO stamps) into the linker."""
    rows = store.execute(
        """SELECT st.story_id, st.n, st.vector, st.actors, st.first_seen, st.last_seen, s.title
           FROM story_state st JOIN stories s ON s.id = st.story_id
           WHERE st.model = ? AND st.last_seen >= ? AND st.first_seen <= ?
           ORDER BY st.first_seen, st.story_id""",
        (embed.MODEL_NAME, lo, hi),
    )
    for r in rows:
        linker.add_story(
            Story(
                id=r[0],
                n=int(r[1]),
                total=embed.from_blob(r[2]),
                actors_json=r[3],
                first=day_number(r[4]) or 0.0,
                last=day_number(r[5]) or 0.0,
                title=r[6],
                first_stamp=r[4],
                last_stamp=r[5],
            )
        )


def _stamp(day: float) -> str:
    return datetime.fromtimestamp(day * 86400.0, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def link_articles(
    store: Any,
    article_ids: Sequence[str] | None = None,
    *,
    params: Params | None = None,
) -> list[tuple[str, str, float]]:
    """Link stored articles that are in no story yet, oldest first.

    Args:
        store: an open store (migrations 0010–0012 applied).
        article_ids: only these articles (default: every article not yet linked). Articles
            already in a story keep it and are not returned.
        params: linking settings (default: ``data/link/stories.json``).

    Returns:
        ``(article_id, story_id, score)`` for each article linked now, in linking order; the
        founding article of a new story has score 1.0.
    """
    params = params or Params.load()
    if article_ids is None:
        rows = store.execute(
            """SELECT a.id, a.title, a.published, a.ingested_at FROM articles a
               WHERE NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = a.id)"""
        ).fetchall()
    else:
        rows = []
        for chunk in _chunks(list(dict.fromkeys(article_ids))):
            q = ",".join("?" * len(chunk))
            rows += store.execute(
                f"""SELECT a.id, a.title, a.published, a.ingested_at FROM articles a
                    WHERE a.id IN ({q}) AND NOT EXISTS
                      (SELECT 1 FROM story_articles sa WHERE sa.article_id = a.id)""",
                list(chunk),
            ).fetchall()
    if not rows:
        return []
    items = []
    for r in rows:
        day = day_number(r[2])
        if day is None:
            day = day_number(r[3]) or 0.0
        items.append((day, r[0], r[1]))
    items.sort()
    ids = [aid for _, aid, _ in items]
    vectors = embed.article_vectors(store, ids)
    actors = article_actors(store, ids, params.actor_kinds)

    linker = Linker(params)
    lo = _stamp(items[0][0] - params.window_days)
    hi = _stamp(items[-1][0] + params.window_days)
    _load_open(store, linker, lo, hi)

    links: list[tuple[str, str, float]] = []
    for day, aid, title in items:
        sid, sc, _ = linker.link(
            aid, vectors[aid], actors.get(aid, {}), day, title=title, stamp=_stamp(day)
        )
        links.append((aid, sid, round(sc, 4)))

    now = datetime.now(UTC).isoformat(timespec="seconds")
    touched = [s for s in linker.stories if s.touched]
    with store.transaction():
        store.executemany(
            """INSERT INTO stories(id, title, created_at, updated_at) VALUES (?,?,?,?)
               ON CONFLICT (id) DO NOTHING""",
            [(s.id, s.title, now, now) for s in touched if s.new],
        )
        store.executemany(
            "UPDATE stories SET updated_at = ? WHERE id = ?",
            [(now, s.id) for s in touched if not s.new],
        )
        store.executemany(
            """INSERT INTO story_articles(article_id, story_id, score, joined_at)
               VALUES (?,?,?,?) ON CONFLICT (article_id) DO NOTHING""",
            [(aid, sid, sc, now) for aid, sid, sc in links],
        )
        store.executemany(
            """INSERT INTO story_state(story_id, model, n, vector, actors, first_seen, last_seen)
               VALUES (?,?,?,?,?,?,?)
               ON CONFLICT (story_id) DO UPDATE SET model=excluded.model, n=excluded.n,
                 vector=excluded.vector, actors=excluded.actors,
                 first_seen=excluded.first_seen, last_seen=excluded.last_seen""",
            [
                (
                    s.id,
                    embed.MODEL_NAME,
                    s.n,
                    embed.to_blob(s.total),
                    json.dumps(dict(s.actors), sort_keys=True),
                    s.first_stamp,
                    s.last_stamp,
                )
                for s in touched
            ],
        )
    return links


def group(
    items: Sequence[tuple[float, str, np.ndarray, dict[str, float]]], params: Params
) -> dict[str, str]:
    """Run the online linking in memory over ``(day, article_id, vector, actors)`` items.

    Used by the benchmarks and tests to try settings without writing to a store.

    Returns:
        ``{article_id: story_id}``.
    """
    linker = Linker(params)
    out: dict[str, str] = {}
    for day, aid, vec, actors in sorted(items, key=lambda x: (x[0], x[1])):
        out[aid] = linker.link(aid, vec, actors, day)[0]
    return out


def stored_items(
    store: Any, article_ids: Sequence[str] | None = None, params: Params | None = None
) -> list[tuple[float, str, np.ndarray, dict[str, float]]]:
    """``(day, article_id, vector, actors)`` of stored articles (default all), for :func:`group`."""
    params = params or Params.load()
    rows = store.execute("SELECT id, published, ingested_at FROM articles").fetchall()
    wanted = set(article_ids) if article_ids is not None else None
    days = {
        r[0]: day_number(r[1]) or day_number(r[2]) or 0.0
        for r in rows
        if wanted is None or r[0] in wanted
    }
    ids = sorted(days)
    vecs = embed.article_vectors(store, ids)
    acts = article_actors(store, ids, params.actor_kinds)
    return [(days[a], a, vecs[a], acts.get(a, {})) for a in ids]
