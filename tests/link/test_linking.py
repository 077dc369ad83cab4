"""Story linking with the real embedding model and real SQLite stores."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from newsledger import config
from newsledger.link import embed, link_articles, list_stories, story_articles, story_of
from newsledger.link.gold import load_gold, pairwise
from newsledger.pipeline import ingest
from newsledger.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "stories" / "demo.json"
TRAIN = ["8006651", "8007760", "8009314", "8009976", "8011076"]
TARIFFS = ["8004380", "8006924", "8009495"]
# Train attack, tariffs, Guantanamo: a handful from three developments, in no particular order.
HANDFUL = ["8011076", "8006924", "8009314", "8008349", "8006651", "8009495", "8010057"]

# Measured: pairwise P 1.000 R .944 F1 .971 (benchmarks/stories.py); floors leave a pair's slack.
F1_FLOOR = 0.94
PRECISION_FLOOR = 0.94


def nl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args], capture_output=True, text=True, timeout=600
    )


def groups(store: SQLiteStore) -> list[list[str]]:
    return sorted(sorted(s["articles"]) for s in list_stories(store))


def test_train_attack_articles_share_a_story_and_tariffs_stay_apart(demo_db: Path) -> None:
    store = SQLiteStore(demo_db)
    train = {story_of(store, a) for a in TRAIN}
    assert len(train) == 1 and None not in train
    [sid] = train
    assert story_articles(store, sid) == TRAIN  # oldest first
    assert sid == "s-8006651"  # founded by the first article of the attack
    assert story_of(store, "8006924") not in train
    assert story_of(store, "8006924") == story_of(store, "8009495")


def test_gold_pairwise_floor(demo_db: Path) -> None:
    store = SQLiteStore(demo_db)
    gold = load_gold(GOLD)
    assert set(gold) == {r[0] for r in store.execute("SELECT id FROM articles")}
    predicted = {
        r[0]: r[1] for r in store.execute("SELECT article_id, story_id FROM story_articles")
    }
    s = pairwise(predicted, gold)
    assert s["f1"] >= F1_FLOOR, s
    assert s["precision"] >= PRECISION_FLOOR, s


def test_a_handful_links_the_same_one_at_a_time_and_in_one_batch(
    demo_db: Path, tmp_path: Path, copy_articles: Callable[..., None]
) -> None:
    batch = SQLiteStore(tmp_path / "batch.db")
    copy_articles(demo_db, batch, HANDFUL)
    links = link_articles(batch)
    # Publication order (the demo's dates are days; the id breaks ties).
    assert [a for a, _, _ in links] == sorted(
        HANDFUL, key=lambda a: (batch.article(a)["published"], a)
    )
    got = groups(batch)
    assert sorted(["8006651", "8009314", "8011076"]) in got
    assert sorted(["8006924", "8009495"]) in got
    assert sorted(["8008349", "8010057"]) in got

    # Arriving one by one in publication order gives the same stories with the same ids.
    one = SQLiteStore(tmp_path / "one.db")
    for aid, _, _ in links:
        copy_articles(demo_db, one, [aid])
        [(a, _, _)] = link_articles(one)
        assert a == aid
    assert groups(one) == got
    assert {s["id"] for s in list_stories(one)} == {s["id"] for s in list_stories(batch)}


def test_a_late_arrival_joins_and_the_first_linked_keeps_the_id(
    demo_db: Path, tmp_path: Path, copy_articles: Callable[..., None]
) -> None:
    store = SQLiteStore(tmp_path / "late.db")
    copy_articles(demo_db, store, ["8009314"])  # eyewitnesses' accounts, 13 March
    assert link_articles(store) == [("8009314", "s-8009314", 1.0)]
    # The attack's first report (12 March) arrives after the later one was linked: it joins that
    # story, whose id (given by its first linked article) does not change.
    copy_articles(demo_db, store, ["8006651"])
    [(aid, sid, score)] = link_articles(store)
    assert (aid, sid) == ("8006651", "s-8009314") and 0 < score < 1
    [s] = list_stories(store)
    assert s["articles"] == ["8006651", "8009314"] and s["first"] == "2025-03-12"


def test_ids_are_stable_across_relinking_and_reingest(
    demo_db_copy: Path, nlp: Language, tmp_path: Path
) -> None:
    store = SQLiteStore(demo_db_copy)
    before = dict(store.execute("SELECT article_id, story_id FROM story_articles").fetchall())
    titles = dict(store.execute("SELECT id, title FROM stories").fetchall())
    assert link_articles(store) == []  # nothing left to link
    # Re-ingest (forced re-extraction) of two stored articles: nothing moves or is renumbered.
    lines = [
        line
        for line in config.DEMO_CORPUS.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["id"] in ("8009976", "8006924")
    ]
    src = tmp_path / "two.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = ingest([src], store, nlp=nlp, outlet="VOA", force=True)
    assert summary.stored == 2 and summary.linked == 0
    after = dict(store.execute("SELECT article_id, story_id FROM story_articles").fetchall())
    assert after == before
    assert dict(store.execute("SELECT id, title FROM stories").fetchall()) == titles
    n = store.execute("SELECT count(*) FROM article_embeddings").fetchone()[0]
    assert n == 89


def test_embeddings_are_cached_by_text_and_unit_length(demo_db_copy: Path) -> None:
    store = SQLiteStore(demo_db_copy)
    vecs = embed.article_vectors(store, ["8006651", "8011076"])
    assert all(v.dtype == np.float32 and v.shape == (384,) for v in vecs.values())
    assert all(abs(float(np.linalg.norm(v)) - 1) < 1e-4 for v in vecs.values())
    old = store.execute(
        "SELECT sha256 FROM article_embeddings WHERE article_id = '8006651'"
    ).fetchone()[0]
    with store.transaction():
        store.execute("UPDATE articles SET title = 'Something else' WHERE id = '8006651'")
    again = embed.article_vectors(store, ["8006651", "8011076"])
    new = store.execute(
        "SELECT sha256 FROM article_embeddings WHERE article_id = '8006651'"
    ).fetchone()[0]
    assert new != old and not np.allclose(again["8006651"], vecs["8006651"])
    assert np.array_equal(again["8011076"], vecs["8011076"])


def test_lede_is_the_first_two_sentences_capped() -> None:
    text = "First one here. Second one, quoted “yes.” Third one. Fourth."
    assert embed.lede(text) == "First one here. Second one, quoted “yes.”"
    assert len(embed.lede("word " * 500).split()) == 60


def test_cli_stories_jsonl_and_errors(demo_db: Path, tmp_path: Path) -> None:
    r = nl("stories", "--db", str(demo_db), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == len({r["id"] for r in rows}) > 50  # every story, not a first page
    assert sum(len(r["articles"]) for r in rows) == 89
    for row in rows:
        assert {"id", "title", "articles", "first", "last", "outlets"} <= set(row)
    train = next(r for r in rows if "8011076" in r["articles"])
    assert (train["first"], train["last"], train["outlets"]) == (
        "2025-03-12",
        "2025-03-14",
        ["VOA"],
    )

    r = nl("stories", "--db", str(demo_db), "--story", "s-8011218")  # a story of one article
    assert r.returncode == 0 and "Guinea-Bissau" in r.stdout, r.stderr

    r = nl("stories", "--db", str(demo_db), "--story", "s-nope")
    assert r.returncode != 0 and "no story 's-nope'" in r.stderr

    SQLiteStore(tmp_path / "empty.db").close()
    r = nl("stories", "--db", str(tmp_path / "empty.db"))
    assert r.returncode == 0 and "no articles" in r.stderr and not r.stdout
    r = nl("stories", "--db", str(tmp_path / "missing.db"))
    assert r.returncode == 2 and "no store at" in r.stderr
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize(
    ("command", "fmt"),
    [("articles", "jsonl"), ("quotes", "jsonl"), ("numbers", "csv"), ("actors", "json")],
)
def test_listings_print_every_row_unless_limited(demo_db: Path, command: str, fmt: str) -> None:
    store = SQLiteStore(demo_db)
    expected = {
        "articles": store.count_articles(),
        "quotes": store.execute("SELECT count(*) FROM records WHERE type='attribution'").fetchone()[
            0
        ],
        "numbers": store.execute("SELECT count(*) FROM records WHERE type='quantity'").fetchone()[
            0
        ],
        "actors": len(store.actors(limit=None)),
    }[command]
    assert expected > 50

    def count(out: str) -> int:
        if fmt == "json":
            return len(json.loads(out))
        return len(out.splitlines()) - (fmt == "csv")

    r = nl(command, "--db", str(demo_db), "--format", fmt)
    assert r.returncode == 0, r.stderr
    assert count(r.stdout) == expected
    r = nl(command, "--db", str(demo_db), "--format", fmt, "--limit", "7")
    assert count(r.stdout) == 7


def test_ingest_no_link_then_a_rerun_links_the_skipped(nlp: Language, tmp_path: Path) -> None:
    lines = [
        line
        for line in config.DEMO_CORPUS.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["id"] in ("8009314", "8006651")
    ]
    src = tmp_path / "two.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = SQLiteStore(tmp_path / "s.db")
    first = ingest([src], store, nlp=nlp, outlet="VOA", link=False)
    assert first.stored == 2 and first.linked == 0 and list_stories(store) == []
    # Unchanged articles are skipped, but those in no story yet (as after a killed batch) are
    # linked: the attack's first report founds the story, the eyewitnesses' accounts join it.
    again = ingest([src], store, nlp=nlp, outlet="VOA")
    assert again.skipped == 2 and again.linked == 2
    assert groups(store) == [["8006651", "8009314"]]
    assert list_stories(store)[0]["id"] == "s-8006651"
