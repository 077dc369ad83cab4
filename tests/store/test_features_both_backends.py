"""Cross-article and monitoring features on both backends: one store code, the same answers.

Stories, estimate series, contradictions, corroboration, briefs, article versions and alerts are
written once against the store's portable surface; this runs them on SQLite and PostgreSQL over
the same articles and compares what they return.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from newsledger import config
from newsledger.article import Article
from newsledger.link import link_articles
from newsledger.link.brief import brief, uncited_sentences
from newsledger.link.conflicts import conflicts
from newsledger.link.corroboration import claims
from newsledger.link.estimates import estimates
from newsledger.link.stories import list_stories
from newsledger.monitor.alerts import add_alert, deliver
from newsledger.pipeline import ingest_items
from newsledger.store.versions import diff_versions, versions

# Two stories of the demo corpus (the train attack and the hotel siege), four articles.
IDS = ("8006651", "8011076", "8006503", "8008152")


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    rows = [json.loads(x) for x in config.DEMO_CORPUS.read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in rows}
    return [
        Article(
            text=by_id[i]["text"],
            id=i,
            title=by_id[i]["title"],
            published=by_id[i]["published"][:10],
            outlet="VOA",
        )
        for i in IDS
    ]


def _answers(store: Any) -> dict[str, Any]:
    stories = list_stories(store)
    multi = [s for s in stories if len(s["articles"]) > 1]
    rows = estimates(store)
    return {
        "stories": sorted(tuple(s["articles"]) for s in stories),
        "series": sorted((r["series"], r["article"], r["quantity"], r["change"]) for r in rows),
        "conflicts": sorted(
            (c["kind"], c["a"]["record"], c["b"]["record"]) for c in conflicts(store)
        ),
        "claims": sorted((c["sources"], len(c["members"])) for c in claims(store)),
        "briefs": [uncited_sentences(brief(store, s["id"], fmt="md")) for s in multi],
    }


def test_features_agree_on_sqlite_and_postgresql(
    nlp: Language, articles: list[Article], fresh_pg_url: str, tmp_path: Path
) -> None:
    from newsledger.store import open_store

    got = {}
    for name, db in (("sqlite", str(tmp_path / "f.db")), ("postgresql", fresh_pg_url)):
        store = open_store(db)
        out = tmp_path / f"{name}.jsonl"
        add_alert(store, "toll", "about", "killed", str(out))
        summary = ingest_items(iter(articles), store, nlp=nlp)
        assert summary.stored == len(IDS) and summary.linked == len(IDS)
        assert link_articles(store) == []  # everything is linked once
        answers = _answers(store)
        assert answers["briefs"] and all(b == [] for b in answers["briefs"])
        # A revised text is a new version on both backends, and the alert sees its new words.
        first = articles[0]
        revised = Article(
            text=first.text + "\nOfficials later said at least 40 people were killed.",
            id=first.id,
            title=first.title,
            published=first.published,
            outlet="VOA",
        )
        ingest_items(iter([revised]), store, nlp=nlp)
        assert [v["version"] for v in versions(store, first.id)] == [1, 2]
        change = diff_versions(store, first.id, 1, 2)
        answers["diff"] = sorted((c["change"], c["type"], c["text"]) for c in change["records"])
        sent = deliver(store).sent
        lines = [json.loads(x) for x in out.read_text().splitlines()]
        assert sent == len(lines) > 0 and deliver(store).sent == 0
        answers["alerts"] = sorted((x["article"]["id"], x["record"]["id"]) for x in lines)
        got[name] = answers
        store.close()
    assert got["sqlite"] == got["postgresql"]
    assert any(len(s) > 1 for s in got["sqlite"]["stories"])  # the hotel siege, at least
