"""Shared fixtures for cross-article tests: the demo corpus ingested (and linked) once."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from spacy.language import Language

from newsledger import config
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
