"""Every version of an article is kept: the store side and the batch side."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from spacy.language import Language

from newsledger.article import Article
from newsledger.pipeline import extract_articles, ingest
from newsledger.store.sqlite import SQLiteStore
from newsledger.store.versions import diff_versions, version_content, versions

FIRST = "Officials said on Tuesday that 12 people were killed in the blast in the port city."
SECOND = "Officials said on Tuesday that 31 people were killed in the blast in the port city."


def _save(store: SQLiteStore, nlp: Language, art: Article) -> None:
    for res in extract_articles([art], nlp=nlp):
        store.save(res.article, res.layers, "p1")


def test_a_changed_text_keeps_its_predecessor_and_its_records(
    tmp_path: Path, nlp: Language
) -> None:
    store = SQLiteStore(tmp_path / "v.db")
    _save(store, nlp, Article(text=FIRST, id="a1", title="Blast"))
    _save(store, nlp, Article(text=FIRST, id="a1", title="Blast"))  # same text: no new version
    assert [v["version"] for v in versions(store, "a1")] == [1]
    _save(store, nlp, Article(text=SECOND, id="a1", title="Blast"))
    vs = versions(store, "a1")
    assert [(v["version"], v["current"]) for v in vs] == [(1, False), (2, True)]
    old_text, old_recs = version_content(store, "a1", 1)
    assert old_text == FIRST and any(r["type"] == "quantity" for r in old_recs)
    assert store.article("a1")["text"] == SECOND  # queries read the latest version
    change = diff_versions(store, "a1", 1, 2)
    kinds = {(c["change"], c["type"]) for c in change["records"]}
    assert ("removed", "quantity") in kinds and ("added", "quantity") in kinds
    assert "-" + FIRST in change["text"] and "+" + SECOND in change["text"]


def test_one_batch_with_two_texts_under_one_id_stores_both_versions(
    tmp_path: Path, nlp: Language
) -> None:
    src = tmp_path / "batch.jsonl"
    rows = [{"id": "b1", "text": FIRST}, {"id": "b1", "text": SECOND}, {"id": "b1", "text": SECOND}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    store = SQLiteStore(tmp_path / "v.db")
    summary = ingest([src], store, nlp=nlp)
    assert (summary.read, summary.stored, summary.skipped) == (3, 2, 1)
    assert [v["sha256"] for v in versions(store, "b1")] == [
        Article(text=FIRST).sha256,
        Article(text=SECOND).sha256,
    ]


def test_an_edit_reverted_in_one_batch_or_the_next_is_the_current_version(
    tmp_path: Path, nlp: Language
) -> None:
    """FIRST, SECOND, FIRST again: the last text is current, in one run and across two."""
    src = tmp_path / "revert.jsonl"
    rows = [{"id": "r1", "text": t} for t in (FIRST, SECOND, FIRST)]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    store = SQLiteStore(tmp_path / "v.db")
    summary = ingest([src], store, nlp=nlp)
    assert (summary.read, summary.stored, summary.skipped) == (3, 3, 0)
    assert store.article("r1")["text"] == FIRST
    assert [v["current"] for v in versions(store, "r1")] == [False, False, True]
    # Next run: the store's current text is FIRST; SECOND then FIRST again are two new versions.
    src.write_text("\n".join(json.dumps(r) for r in rows[1:]) + "\n", encoding="utf-8")
    summary = ingest([src], store, nlp=nlp)
    assert (summary.stored, summary.skipped) == (2, 0)
    assert store.article("r1")["text"] == FIRST
    assert len(versions(store, "r1")) == 5


def test_cli_lists_versions_and_diffs_them(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    for i, text in enumerate((FIRST, SECOND)):
        f = tmp_path / f"v{i}.jsonl"
        f.write_text(json.dumps({"id": "c1", "text": text}) + "\n", encoding="utf-8")
        r = subprocess.run(
            [sys.executable, "-m", "newsledger", "ingest", str(f), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert r.returncode == 0, r.stderr

    def nl(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newsledger", *args, "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=300,
        )

    lines = nl("show", "c1", "--versions", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x)["version"] for x in lines] == [1, 2]
    d = nl("show", "c1", "--diff", "last")
    assert d.returncode == 0 and "31 people" in d.stdout and "12 people" in d.stdout
    bad = nl("show", "c1", "--diff", "1:9")
    assert bad.returncode != 0 and "no version 9" in bad.stderr
