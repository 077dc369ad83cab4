"""Session store for the cross-article tests: the series gold stories, parsed once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from spacy.language import Language

from newsledger.link.series_gold import load_gold, prepare_store
from newsledger.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "gold" / "series"
SEED_TXT = ROOT.parent / "shared" / "gold" / "seed" / "nk-troops-kursk.txt"


@pytest.fixture(scope="session")
def series_gold() -> list[dict]:
    golds = load_gold(GOLD_DIR)
    if not SEED_TXT.exists():
        golds = [g for g in golds if g["story"] != "nk-troops-kursk"]
    return golds


@pytest.fixture(scope="session")
def series_db(tmp_path_factory: pytest.TempPathFactory, nlp: Language, series_gold) -> Path:
    """A store holding the gold stories' articles (real spaCy, real SQLite), stories from gold."""
    path = tmp_path_factory.mktemp("series") / "series.db"
    store = SQLiteStore(path)
    prepare_store(store, series_gold, nlp, SEED_TXT)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture(scope="session")
def series_store(series_db: Path) -> SQLiteStore:
    """The session store, for tests that only read it."""
    return SQLiteStore(series_db)


@pytest.fixture()
def store_copy(series_db: Path, tmp_path: Path) -> SQLiteStore:
    """A private copy of the session store, for tests that write to it."""
    dst = tmp_path / "copy.db"
    src = sqlite3.connect(series_db)
    out = sqlite3.connect(dst)
    src.backup(out)
    src.close()
    out.close()
    store = SQLiteStore(dst)
    yield store
    store.close()
