"""One store test-suite, run on every backend (``any_store``: SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from newsledger.article import Article
from newsledger.link.stories import list_stories, story_articles
from newsledger.store import open_store
from newsledger.store.migrations import MIGRATIONS

TEXT = (
    "Nato Secretary-General Mark Rutte said on Monday that 3,000 troops had arrived.\n"
    "“We continue to monitor the situation,” he said."
)


def _reopen(store: Any) -> Any:
    return open_store(store.url if store.dialect == "postgresql" else store.path)


def _attribution(art: Article, rid: str, content: list[int], speaker: str, status: str) -> dict:
    return {
        "type": "attribution",
        "id": rid,
        "article": art.id,
        "kind": "indirect",
        "content": content,
        "speaker": speaker,
        "status": status,
        "extractor": "t",
    }


def _actor(aid: str, name: str, kind: str = "person") -> dict[str, Any]:
    return {"type": "actor", "id": aid, "name": name, "kind": kind}


def _small_store(store: Any) -> tuple[Article, Article]:
    """Two hand-made articles with attributions, quantities, events and times."""
    a = Article(
        text="Rutte said 3,000 troops arrived. Kyiv denied that 40 drones were shot down.",
        id="art-a",
        title="Troops arrive",
        published="2024-10-28",
    )
    b = Article(
        text="Officials said the UN sent 200 tonnes of food to Gaza on Friday.",
        id="art-b",
        title="Aid",
        published="2024-11-02",
    )
    layers_a = {
        "actor": [
            _actor("person:mark-rutte", "Mark Rutte"),
            _actor("country:UKR", "Ukraine", "country"),
        ],
        "entity": [
            {
                "type": "entity",
                "id": "e1",
                "span": [0, 5],
                "actor": "person:mark-rutte",
                "label": "PERSON",
            },
            {
                "type": "entity",
                "id": "e2",
                "span": [33, 37],
                "actor": "country:UKR",
                "label": "GPE",
            },
        ],
        "attribution": [
            _attribution(a, "a1", [11, 32], "person:mark-rutte", "stated"),
            _attribution(a, "a2", [45, 76], "country:UKR", "denied"),
        ],
        "quantity": [
            {
                "type": "quantity",
                "id": "q1",
                "span": [11, 23],
                "value": 3000,
                "unit": "troops",
                "bound": "=",
            },
            {
                "type": "quantity",
                "id": "q2",
                "span": [50, 59],
                "value": 40,
                "unit": "drones",
                "bound": "=",
            },
        ],
        "event": [
            {
                "type": "event",
                "id": "v1",
                "span": [24, 31],
                "event": "MOBILIZE",
                "actor": ["person:mark-rutte"],
                "recipient": ["country:UKR"],
            }
        ],
    }
    layers_b = {
        "actor": [_actor("org:un", "United Nations", "org")],
        "attribution": [
            {
                "type": "attribution",
                "id": "a1",
                "article": b.id,
                "kind": "indirect",
                "content": [15, 64],
                "speaker": None,
                "status": "stated",
                "extractor": "t",
            }
        ],
        "quantity": [
            {
                "type": "quantity",
                "id": "q1",
                "span": [27, 37],
                "value": 200,
                "unit": "tonnes",
                "bound": "=",
            }
        ],
        "time": [
            {
                "type": "time",
                "id": "t1",
                "span": [54, 63],
                "start": "2024-11-01",
                "end": "2024-11-01",
            }
        ],
        "event": [
            {
                "type": "event",
                "id": "v1",
                "span": [22, 26],
                "event": "AID",
                "actor": ["org:un"],
                "recipient": [],
                "time": "t1",
            }
        ],
    }
    store.save(a, layers_a, "p")
    store.save(b, layers_b, "p")
    return a, b


# -- schema --------------------------------------------------------------------------------------
def test_migrations_are_recorded_once(any_store: Any) -> None:
    names = [name for name, _ in MIGRATIONS]
    assert any_store.migrations() == names
    assert any_store.migrate() == []
    again = _reopen(any_store)
    assert again.migrate() == []
    rows = again.execute("SELECT name, count(*) FROM migrations GROUP BY name").fetchall()
    assert sorted((r[0], r[1]) for r in rows) == sorted((n, 1) for n in names)
    again.close()


def test_story_tables_work_on_every_backend(any_store: Any) -> None:
    for aid, day in [("b", "2025-03-12"), ("a", "2025-03-11")]:
        any_store.save(Article(text=f"Text {aid}.", id=aid, published=day, outlet="W"), {}, "t")
    with any_store.transaction():
        any_store.execute(
            "INSERT INTO stories(id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            ("s1", "Train attack", "t", "t"),
        )
        any_store.executemany(
            "INSERT INTO story_articles(article_id, story_id, score, joined_at) VALUES (?,?,?,?)",
            [("b", "s1", 0.9, "t"), ("a", "s1", 1.0, "t")],
        )
    assert story_articles(any_store, "s1") == ["a", "b"]
    [story] = list_stories(any_store)
    assert (story["first"], story["last"]) == ("2025-03-11", "2025-03-12")
    # REAL is a double on both (PostgreSQL's own REAL would round 0.9 to 0.8999999761...).
    score = any_store.execute("SELECT score FROM story_articles WHERE article_id = ?", ("b",))
    assert score.fetchone()[0] == 0.9


# -- writing -------------------------------------------------------------------------------------
def test_save_twice_stores_once_and_replaces_records(any_store: Any, run) -> None:
    _doc, layers = run(TEXT, published="2024-10-28")
    art = Article(text=TEXT, published="2024-10-28")
    any_store.save(art, layers, "p1")
    first = any_store.records(art.id)
    assert len(first) == sum(len(v) for v in layers.values())
    any_store.save(art, layers, "p1")
    assert any_store.count_articles() == 1
    assert any_store.records(art.id) == first
    assert any_store.is_current(art, "p1") and not any_store.is_current(art, "p2")
    assert not any_store.is_current(Article(text=TEXT + " More.", id=art.id), "p1")
    # A later run with fewer records replaces them all.
    any_store.save(art, {"time": layers["time"]}, "p2")
    assert [r["type"] for r in any_store.records(art.id)] == ["time"] * len(layers["time"])
    links = any_store.execute(
        "SELECT count(*) FROM record_actors WHERE article_id = ?", (art.id,)
    ).fetchone()[0]
    assert links == 0


def test_failed_save_leaves_previous_state(any_store: Any) -> None:
    a, _b = _small_store(any_store)
    before = any_store.records(a.id)
    # No id: fails while the rows are built.
    with pytest.raises(KeyError):
        any_store.save(a, {"entity": [{"type": "entity", "span": [0, 4]}]}, "p2")
    # Two records with one key: the database refuses the insert after the old rows were
    # deleted, and the rollback must bring them back.
    dup = {"id": "x1", "type": "entity", "span": [0, 5], "label": "PERSON"}
    with pytest.raises(Exception, match="(?i)unique|duplicate"):
        any_store.save(a, {"entity": [dup, dict(dup)]}, "p2")
    assert any_store.records(a.id) == before
    assert any_store.is_current(a, "p")
    assert any_store.find_actors("rutte") == ["person:mark-rutte"]


def test_saves_inside_an_outer_transaction(any_store: Any) -> None:
    arts = [Article(text=f"Story number {i}.", id=f"s{i}") for i in range(3)]
    with pytest.raises(RuntimeError), any_store.transaction():
        for art in arts:
            any_store.save(art, {}, "p")
        raise RuntimeError("batch fails")
    assert any_store.count_articles() == 0
    with any_store.transaction():
        any_store.save(arts[0], {}, "p")
        dup = {"id": "x1", "type": "entity", "span": [0, 5]}
        with pytest.raises(Exception, match="(?i)unique|duplicate"):
            any_store.save(arts[1], {"entity": [dup, dict(dup)]}, "p")  # its savepoint only
        any_store.save(arts[2], {}, "p")
    assert [r["id"] for r in any_store.articles()] == ["s0", "s2"]


# -- reading -------------------------------------------------------------------------------------
def test_articles_article_and_ids(any_store: Any) -> None:
    a, b = _small_store(any_store)
    any_store.save(Article(text="Undated 100% text.", id="art_c%"), {}, "p")
    rows = any_store.articles()
    assert [r["id"] for r in rows] == ["art-b", "art-a", "art_c%"]  # newest first, undated last
    assert (rows[1]["attributions"], rows[1]["quantities"], rows[1]["events"]) == (2, 2, 1)
    assert rows[1]["chars"] == len(a.text)
    assert [r["id"] for r in any_store.articles(limit=1, offset=1)] == ["art-a"]
    assert [r["id"] for r in any_store.articles(limit=None, offset=1)] == ["art-a", "art_c%"]
    got = any_store.article("art-a")
    assert got is not None and got["text"] == a.text and got["title"] == "Troops arrive"
    assert any_store.article("nope") is None
    assert any_store.find_article_ids("art-a") == ["art-a"]
    assert any_store.find_article_ids("art-") == ["art-a", "art-b"]
    assert any_store.find_article_ids("art_") == ["art_c%"]  # _ is not a wildcard
    assert any_store.find_article_ids("art_c%") == ["art_c%"]
    assert any_store.find_article_ids("x") == []
    assert set(any_store.layers("art-b")) == {"actor", "attribution", "quantity", "time", "event"}
    assert [r["type"] for r in any_store.records("art-b", "time")] == ["time"]


def test_query_filters(any_store: Any) -> None:
    _small_store(any_store)
    q = any_store.query_records
    assert [r["id"] for r in q("attribution", key1="person:mark-rutte")] == ["a1"]
    assert [r["id"] for r in q("attribution", key2="denied")] == ["a2"]
    rows = q("attribution", key1="person:mark-rutte", key2="stated")
    assert rows[0]["_text"] == "3,000 troops arrived." and rows[0]["published"] == "2024-10-28"
    assert q("attribution", key1="person:mark-rutte", key2="denied") == []
    # Newest article first, then by position.
    assert [(r["article"], r["id"]) for r in q("attribution")] == [
        ("art-b", "a1"),
        ("art-a", "a1"),
        ("art-a", "a2"),
    ]
    assert [r["unit"] for r in q("quantity", key1_like="TON")] == ["tonnes"]
    assert q("quantity", key1_like="%") == []  # a wildcard in user text is a literal
    assert [r["event"] for r in q("event", key1="AID")] == ["AID"]
    # An event's date is its time record's start, else the publication date.
    assert [r["event"] for r in q("event", key2_since="2024-11-01")] == ["AID"]
    assert len(q("event", key2_since="2024-10-01")) == 2
    assert [r["id"] for r in q("event", actor="country:UKR")] == ["v1"]
    assert [r["id"] for r in q("attribution", actor="country:UKR")] == ["a2"]
    assert [r["id"] for r in q("attribution", about="DRONES")] == ["a2"]
    assert q("attribution", about="drones_") == []
    assert len(q("quantity", limit=2)) == 2
    assert len(q("quantity", limit=None)) == 3


def test_actors(any_store: Any) -> None:
    _small_store(any_store)
    rows = {r["id"]: r for r in any_store.actors()}
    rutte = rows["person:mark-rutte"]
    assert (rutte["name"], rutte["mentions"], rutte["articles"], rutte["quoted"]) == (
        "Mark Rutte",
        1,
        1,
        1,
    )
    assert [r["id"] for r in any_store.actors(kind="country")] == ["country:UKR"]
    assert len(any_store.actors(limit=None)) == 3 and len(any_store.actors(limit=1)) == 1
    assert any_store.find_actors("person:mark-rutte") == ["person:mark-rutte"]
    assert any_store.find_actors("UNITED") == ["org:un"]
    assert any_store.find_actors("%") == []
    assert any_store.actor_names(["org:un", "country:UKR", "nobody"]) == {
        "org:un": "United Nations",
        "country:UKR": "Ukraine",
    }
    assert any_store.actor_names([]) == {}


def test_fulltext_search_and_hostile_queries(any_store: Any) -> None:
    any_store.save(Article(text=TEXT, title="Troops", id="t1"), {}, "p")
    any_store.save(Article(text="Floods hit the coast of Mozambique.", id="t2"), {}, "p")
    hits = any_store.search("rutte troops")
    assert [h["id"] for h in hits] == ["t1"]
    assert "[Rutte]" in hits[0]["snippet"] and set(hits[0]) == {
        "id",
        "published",
        "title",
        "snippet",
    }
    assert [h["id"] for h in any_store.search("Mozambique", limit=None)] == ["t2"]
    assert any_store.search("mozambique rutte") == []  # every word must match
    for query in ['"unbalanced', "NEAR(", "a AND OR", "*", "title:", "'); DROP TABLE x; --", "?"]:
        any_store.search(query)  # user text never reaches the search engine as syntax
    assert any_store.count_articles() == 2
    assert any_store.search("absent-word-xyz") == []
    # The index follows updates: a new text replaces the old words.
    any_store.save(Article(text="Nothing about floods here.", id="t2"), {}, "p")
    assert any_store.search("mozambique") == []


def test_unicode_text_offsets(any_store: Any) -> None:
    text = "Zelenskyy’s aide 🇺🇦 said «Київ» sent 5 000 drones — “a record,” Ms Łukasz added."
    start = text.index("«")
    end = text.index("drones") + len("drones")
    art = Article(text=text, id="uni", title="Київ 🇺🇦", published="2025-01-01")
    rec = _attribution(art, "a1", [start, end], "person:x", "stated")
    any_store.save(art, {"attribution": [rec]}, "p")
    [row] = any_store.query_records("attribution", about="КИЇВ")
    assert row["_text"] == text[start:end] == "«Київ» sent 5 000 drones"
    assert any_store.query_records("attribution", about="sent 5 000") != []
    assert any_store.query_records("attribution", about="aide") == []  # outside the span
    assert any_store.article("uni")["text"] == text
    assert any_store.articles()[0]["chars"] == len(text)
    assert any_store.records("uni") == [rec]
    hits = any_store.search("Київ")
    assert [h["id"] for h in hits] == ["uni"] and "Київ" in hits[0]["snippet"]


# -- the portable surface ------------------------------------------------------------------------
def test_portable_surface_commits_rolls_back_and_reads_rows(any_store: Any) -> None:
    s = any_store
    assert s.dialect in ("sqlite", "postgresql")
    with s.transaction():
        s.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c REAL)")
        s.executemany("INSERT INTO t(a, b, c) VALUES (?, ?, ?)", [(1, "x", 0.5), (2, "y?", 1.5)])
    with pytest.raises(RuntimeError), s.transaction():
        s.execute("INSERT INTO t(a, b) VALUES (?, ?)", (3, "z"))
        raise RuntimeError("boom")
    rows = s.execute("SELECT a, b, c FROM t ORDER BY a").fetchall()
    assert [(r[0], r["b"], r["c"]) for r in rows] == [(1, "x", 0.5), (2, "y?", 1.5)]
    assert dict(rows[0]) == {"a": 1, "b": "x", "c": 0.5}
    a, b, c = rows[1]
    assert (a, b, c) == (2, "y?", 1.5)
    # '?' and '%' inside literals are text, not placeholders.
    row = s.execute("SELECT '?' AS q, '100%' AS p, ? AS v, 'it''s' AS s", ("v?",)).fetchone()
    assert tuple(row) == ("?", "100%", "v?", "it's")
    assert s.execute("SELECT b FROM t WHERE b LIKE 'y%' AND a > ?", (0,)).fetchone()[0] == "y?"
    # Aggregates come back as SQLite gives them: int sums, float averages.
    agg = s.execute("SELECT sum(a), avg(a), count(*) FROM t").fetchone()
    assert (agg[0], agg[1], agg[2]) == (3, 1.5, 2) and type(agg[0]) is int
    # A nested transaction is a savepoint: its failure leaves the outer writes.
    with s.transaction():
        s.execute("INSERT INTO t(a, b) VALUES (?, ?)", (4, "w"))
        with pytest.raises(RuntimeError), s.transaction():
            s.execute("INSERT INTO t(a, b) VALUES (?, ?)", (5, "v"))
            raise RuntimeError("inner")
    assert [r[0] for r in s.execute("SELECT a FROM t ORDER BY a")] == [1, 2, 4]
    # INTEGER PRIMARY KEY fills itself in when left out (an identity column on PostgreSQL).
    with s.transaction():
        s.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, v TEXT)")
    new_id = s.execute("INSERT INTO u(v) VALUES (?) RETURNING id", ("a",)).fetchone()[0]
    assert isinstance(new_id, int)
    # Upserts in the portable form.
    s.execute(
        "INSERT INTO t(a, b) VALUES (?, ?) ON CONFLICT(a) DO UPDATE SET b = excluded.b", (1, "X")
    )
    s.execute("INSERT INTO t(a, b) VALUES (?, ?) ON CONFLICT DO NOTHING", (2, "ignored"))
    assert [r["b"] for r in s.execute("SELECT b FROM t WHERE a IN (?, ?) ORDER BY a", (1, 2))] == [
        "X",
        "y?",
    ]


def test_bytes_round_trip(any_store: Any) -> None:
    with any_store.transaction():
        any_store.execute("CREATE TABLE blobs (k TEXT PRIMARY KEY, v BLOB)")
    data = bytes(range(256))
    any_store.execute("INSERT INTO blobs VALUES (?, ?)", ("k", data))
    assert bytes(any_store.execute("SELECT v FROM blobs").fetchone()[0]) == data
