"""Shared fixtures: the real spaCy pipeline is loaded once per test session.

Store fixtures: ``pg_url`` (session) is a real PostgreSQL server's URL — ``NEWSLEDGER_TEST_PG_URL``
when set, else a throwaway cluster started here when PostgreSQL's server programs are installed,
else the test is skipped with the reason (fails instead when ``NEWSLEDGER_TEST_PG_REQUIRED`` is
set, as in ``.ci/run``); ``fresh_pg_url`` is an empty database of its own per
test; ``any_store`` runs a test once on SQLite and once on PostgreSQL.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from newsledger.article import Article
from newsledger.nlp import build_pipeline, parse_article
from newsledger.records import Layers

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_TXT = SHARED / "gold" / "seed" / "nk-troops-kursk.txt"
SEED_GOLD = SHARED / "gold" / "seed" / "nk-troops-kursk.gold.json"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline()


@pytest.fixture(scope="session")
def run(nlp: Language):
    """Parse and extract one text: ``run(text, published=None) -> (doc, layers)``."""

    def _run(text: str, published: str | None = None, **meta: Any) -> tuple[Any, Layers]:
        art = Article(text=text, published=published, **meta)
        doc = parse_article(nlp, art.text, art.meta())
        return doc, doc._.newsledger or {}

    return _run


@pytest.fixture(scope="session")
def seed() -> tuple[Article, dict[str, Any]]:
    """The worked example: the seed article and its gold records (skips if shared/ is absent)."""
    if not SEED_TXT.exists():
        pytest.skip("shared seed gold not available")
    art = Article(
        text=SEED_TXT.read_text(encoding="utf-8"),
        id="nk-troops-kursk",
        outlet="The Sun",
        published="2024-10-28",
    )
    return art, json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_layers(nlp: Language, seed: tuple[Article, dict[str, Any]]) -> Layers:
    art, _gold = seed
    return parse_article(nlp, art.text, art.meta())._.newsledger or {}


# -- stores -------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of a PostgreSQL server's ``postgres`` database whose user may create databases."""
    url = os.environ.get("NEWSLEDGER_TEST_PG_URL")
    if url:
        yield url
        return
    from newsledger.store.pgcluster import ThrowawayCluster, find_bindir

    if find_bindir() is None:
        reason = (
            "PostgreSQL not available: set NEWSLEDGER_TEST_PG_URL or install the server "
            "programs (Debian: apt-get install postgresql)"
        )
        if os.environ.get("NEWSLEDGER_TEST_PG_REQUIRED"):  # CI runs both backends, or fails
            pytest.fail(reason)
        pytest.skip(reason)
    cluster = ThrowawayCluster()
    try:
        cluster.start()
    except (OSError, RuntimeError) as exc:
        cluster.stop()
        pytest.fail(f"could not start a throwaway PostgreSQL cluster: {exc}")
    yield cluster.url
    cluster.stop()


@pytest.fixture
def fresh_pg_url(pg_url: str) -> Iterator[str]:
    """URL of a new, empty database on the ``pg_url`` server, dropped after the test."""
    from newsledger.store.pgcluster import create_database, drop_database

    url = create_database(pg_url)
    yield url
    drop_database(url, pg_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An empty store, once on SQLite (a file in tmp_path) and once on PostgreSQL."""
    from newsledger.store import open_store

    if request.param == "sqlite":
        store = open_store(str(tmp_path / "store.db"))
    else:
        store = open_store(request.getfixturevalue("fresh_pg_url"))
    yield store
    store.close()
