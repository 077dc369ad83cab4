"""Shared fixtures for cross-article tests.

The demo corpus ingested (and linked) once; the series gold stories parsed once."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from spacy.language import Language

from newsledger import config
from newsledger.link.series_gold import load_gold, prepare_store
from newsledger.pipeline import ingest
from newsledger.store.sqlite import SQLiteStore


@pytest.fixture(scope="session")
def demo_db(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store file holding the 89 demo articles, ingested and linked into stories.

    Shared by the whole session: treat it as read-only (use ``demo_db_copy`` to change it).
    """
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = SQLiteStore(path)
    summary = ingest([config.DEMO_CORPUS], store, nlp=nlp, outlet="VOA")
    assert summary.stored == 89 and summary.linked == 89, summary
    store.close()
    return path


@pytest.fixture
def demo_db_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of ``demo_db`` that a test may change."""
    dst = tmp_path / "demo.db"
    shutil.copyfile(demo_db, dst)
    return dst


@pytest.fixture(scope="session")
def copy_articles() -> Callable[[Path, SQLiteStore, Iterable[str]], None]:
    """``copy_articles(src_path, dst_store, ids)``: stored articles and their records, copied."""
    return _copy_articles


def _copy_articles(src: Path, dst: SQLiteStore, ids: Iterable[str]) -> None:
    """Copy stored articles with their records from ``src`` into ``dst`` (no re-parsing)."""
    s = SQLiteStore(src)
    try:
        with dst.transaction():
            for aid in ids:
                row = s.execute("SELECT * FROM articles WHERE id = ?", (aid,)).fetchone()
                cols = row.keys()
                dst.execute(
                    f"INSERT INTO articles({', '.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                    tuple(row),
                )
                for table in ("records", "record_actors"):
                    rows = s.execute(f"SELECT * FROM {table} WHERE article_id = ?", (aid,))
                    rows = [tuple(r) for r in rows]
                    if rows:
                        q = ",".join("?" * len(rows[0]))
                        dst.executemany(f"INSERT INTO {table} VALUES ({q})", rows)
    finally:
        s.close()


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
