"""The SQLite record store: WAL mode, named migrations, one transaction per article."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsledger.store.base import (  # the helpers are re-exported for older imports
    BaseStore,
    StoreError,
    _actor_links,
    _keys,
    _like_escape,
    _now,
    _span,
)

__all__ = ["SQLiteStore", "StoreError", "_actor_links", "_keys", "_like_escape", "_now", "_span"]


class SQLiteStore(BaseStore):
    """A newsledger database in one SQLite file.

    Args:
        path: database file (created with its schema when missing).
    """

    dialect = "sqlite"

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        self._depth = 0
        if self.path != ":memory:":
            parent = Path(self.path).resolve().parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: folder {parent} does not exist")
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            # SQLite's own lower() knows only ASCII letters; PostgreSQL's knows them all.
            self.conn.create_function("lower", 1, _lower, deterministic=True)
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable newsledger database ({exc})") from exc

    def _run_migration(self, sql: str, portable: bool) -> None:
        # executescript would commit first; run the statements inside the open transaction.
        for stmt in _split_sql(sql):
            self.conn.execute(stmt)

    def _has_table(self, name: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    # -- portable SQL surface -----------------------------------------------------------------
    # Feature modules (stories, versions, watch state...) talk to the store through these three
    # calls with ``?`` placeholders and SQL that SQLite and PostgreSQL both accept, so the same
    # code runs on either backend; rows support both ``row[0]`` and ``row["name"]``.
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement with ``?`` placeholders; return the cursor (iterable rows)."""
        return self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""
        self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: committed on success, rolled back on any exception.

        Nested calls are savepoints of the outer transaction.
        """
        depth = self._depth
        point = f"nl_sp{depth}"
        self.conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {point}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth = depth
            if depth == 0:
                # SQLite itself may have rolled back already (e.g. on a full disk).
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
            else:
                self.conn.execute(f"ROLLBACK TO {point}")
                self.conn.execute(f"RELEASE {point}")
            raise
        self._depth = depth
        self.conn.execute("COMMIT" if depth == 0 else f"RELEASE {point}")

    # -- dialect bits -----------------------------------------------------------------------
    def search(self, query: str, limit: int | None = 20) -> list[dict[str, Any]]:
        """Full-text search (FTS5) over titles and texts; ranked, with a snippet (``None``: all)."""
        try:
            rows = self.conn.execute(
                """SELECT a.id, a.published, a.title,
                     snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet
                   FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                   WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?""",
                (_fts_query(query), self.limit_param(limit)),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise ValueError(f"bad search query {query!r}: {exc}") from exc
        return [dict(r) for r in rows]

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` result (``ok`` when sound)."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _fts_query(text: str) -> str:
    """Plain words become an AND of quoted terms, so user text never breaks FTS5 syntax."""
    terms = [t for t in text.replace('"', " ").split() if t]
    return " ".join(f'"{t}"' for t in terms) or '""'


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    stmts, buf, depth = [], [], 0
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        buf.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            depth += 1
        if stripped.endswith(";"):
            if depth and upper.startswith("END"):
                depth -= 1
            if depth == 0:
                stmts.append("\n".join(buf))
                buf = []
    if buf:
        stmts.append("\n".join(buf))
    return stmts
