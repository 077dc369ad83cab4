from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.store import StoreError, open_store
from newsledger.store.migrations import MIGRATIONS
from newsledger.store.sqlite import SQLiteStore

TEXT = (
    "Nato Secretary-General Mark Rutte said on Monday that 3,000 troops had arrived.\n"
    "“We continue to monitor the situation,” he said."
)


def _layers(run, text: str = TEXT):
    _doc, layers = run(text, published="2024-10-28")
    return layers


def test_migrations_are_named_recorded_and_applied_once(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    store = SQLiteStore(db)
    assert store.migrations() == [name for name, _ in MIGRATIONS]
    store.close()
    again = SQLiteStore(db)
    assert again.migrate() == []
    assert again.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_save_twice_stores_once_and_replaces_records(tmp_path: Path, run) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    art = Article(text=TEXT, published="2024-10-28")
    layers = _layers(run)
    store.save(art, layers, "p1")
    first = store.records(art.id)
    store.save(art, layers, "p1")
    assert store.count_articles() == 1
    assert store.records(art.id) == first
    assert len(first) == sum(len(v) for v in layers.values())
    assert store.is_current(art, "p1")
    assert not store.is_current(art, "p2")
    changed = Article(text=TEXT + " More.", id=art.id)
    assert not store.is_current(changed, "p1")


def test_failed_save_leaves_previous_state(tmp_path: Path, run) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    art = Article(text=TEXT, published="2024-10-28")
    store.save(art, _layers(run), "p1")
    before = store.records(art.id)
    broken = {"entity": [{"type": "entity", "span": [0, 4]}]}  # no id: the insert fails
    with pytest.raises(KeyError):
        store.save(art, broken, "p2")
    assert store.records(art.id) == before
    assert store.is_current(art, "p1")


def test_fulltext_search_and_hostile_queries(tmp_path: Path, run) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    store.save(Article(text=TEXT, title="Troops"), _layers(run), "p")
    store.save(Article(text="Floods hit the coast of Mozambique."), {}, "p")
    hits = store.search("rutte troops")
    assert len(hits) == 1 and "[Rutte]" in hits[0]["snippet"]
    assert store.search("mozambique")[0]["id"] != hits[0]["id"]
    for query in ['"unbalanced', "NEAR(", "a AND OR", "*", "title:"]:
        store.search(query)  # user text never reaches FTS5 as syntax
    assert store.search("absent-word-xyz") == []


def test_queries_by_type_and_keys(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    art = Article(text="Rutte said 3,000 troops arrived.", published="2024-10-28")
    rec = {
        "type": "attribution",
        "id": "a1",
        "article": art.id,
        "kind": "indirect",
        "content": [11, 32],
        "speaker": "person:mark-rutte",
        "status": "stated",
        "extractor": "t",
    }
    actor = {"type": "actor", "id": "person:mark-rutte", "name": "Mark Rutte", "kind": "person"}
    store.save(art, {"actor": [actor], "attribution": [rec]}, "p")
    rows = store.query_records("attribution", key1="person:mark-rutte", key2="stated")
    assert [r["id"] for r in rows] == ["a1"]
    assert rows[0]["_text"] == "3,000 troops arrived."
    assert store.query_records("attribution", key2="denied") == []
    assert store.query_records("attribution", about="TROOPS")[0]["id"] == "a1"
    assert store.find_actors("rutte") == ["person:mark-rutte"]
    assert store.actors()[0]["quoted"] == 1


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="x.db"):
        open_store(str(bad))
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "x.db"))
    with pytest.raises(StoreError, match="only SQLite"):
        open_store("mysql://localhost/x")


def test_integrity_after_many_writes(tmp_path: Path, run) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    layers = _layers(run)
    for i in range(20):
        store.save(Article(text=TEXT, id=f"art-{i}"), layers, "p")
    assert store.count_articles() == 20
    assert store.integrity_check() == "ok"
    con = sqlite3.connect(tmp_path / "a.db")
    assert con.execute("SELECT count(DISTINCT article_id) FROM records").fetchone()[0] in (0, 20)


def test_portable_surface_commits_and_rolls_back(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "p.db")
    with store.transaction():
        store.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
        store.executemany("INSERT INTO t VALUES (?, ?)", [(1, "x"), (2, "y")])
    with pytest.raises(RuntimeError), store.transaction():
        store.execute("INSERT INTO t VALUES (?, ?)", (3, "z"))
        raise RuntimeError("boom")
    rows = store.execute("SELECT a, b FROM t ORDER BY a").fetchall()
    assert [(r[0], r["b"]) for r in rows] == [(1, "x"), (2, "y")]


def test_listing_walks_the_order_index_and_stops_at_the_limit(tmp_path: Path, run) -> None:
    # The newest-first listings (quotes, numbers, events) read records in records_order: no
    # sort of every record of the type (what made a page of 50 cost ~20 ms at 1,000 articles).
    store = SQLiteStore(tmp_path / "a.db")
    layers = _layers(run)
    for day in ("2024-10-27", "2024-10-29", None):
        art = Article(text=TEXT + f" ({day})", published=day)
        store.save(art, layers, "p1")
    dates = [r[0] for r in store.conn.execute("SELECT DISTINCT published FROM records")]
    assert sorted(d or "" for d in dates) == ["", "2024-10-27", "2024-10-29"]
    rows = store.query_records("attribution", limit=50)
    assert [r["published"] for r in rows][:2] == ["2024-10-29", "2024-10-29"]
    assert rows[-1]["published"] is None  # undated articles last
    plan = " ".join(
        str(r[-1])
        for r in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM records r WHERE r.type = ?"
            " ORDER BY r.published DESC NULLS LAST, r.article_id, r.start NULLS FIRST, r.id"
            " LIMIT 50",
            ("attribution",),
        )
    )
    assert "records_order" in plan and "TEMP B-TREE" not in plan, plan
