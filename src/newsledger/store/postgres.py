"""The PostgreSQL record store (psycopg 3): the same migrations and interface as SQLite.

The store code and feature modules write SQL once, with ``?`` placeholders, in the subset both
backends accept (see docs/records.md, "Store"). This module adapts it to PostgreSQL:

- ``execute`` turns ``?`` into ``%s`` and a literal ``%`` into ``%%`` (psycopg's placeholder
  syntax), leaving string literals, quoted identifiers and comments alone; the text of the
  statement is never built from parameter values.
- rows answer ``row[0]`` and ``row["name"]`` and ``dict(row)``, like ``sqlite3.Row``.
- the connection is in autocommit mode; ``transaction()`` is a real BEGIN/COMMIT/ROLLBACK, and a
  nested one is a savepoint.
- ``numeric`` results (``sum`` of integers, ``avg``) come back as ``int`` or ``float``, as
  SQLite returns them, not as ``Decimal``.
- portable migration scripts get the type names PostgreSQL wants (``pg_ddl``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.adapt import Loader

from newsledger.store.base import BaseStore, StoreError

__all__ = ["PostgresStore", "Row", "pg_ddl", "redact_url", "to_pyformat"]

# Held while migrating so that two processes opening a new database don't both create it.
_MIGRATION_LOCK = 0x6E65_7773  # "news"


# -- placeholders ------------------------------------------------------------------------------
@lru_cache(maxsize=1024)
def to_pyformat(sql: str) -> str:
    """Rewrite a statement with ``?`` placeholders into psycopg's ``%s`` style.

    ``?`` outside string literals, quoted identifiers and comments becomes ``%s``; every ``%``
    becomes ``%%`` (psycopg reads ``%`` as a placeholder anywhere in the text, literals too).

    Args:
        sql: the statement as written for the portable surface.

    Returns:
        The statement for ``psycopg.Cursor.execute`` with a parameter sequence.
    """
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c == "?":
            out.append("%s")
            i += 1
        elif c == "%":
            out.append("%%")
            i += 1
        elif c in "'\"":
            # A literal or quoted identifier; a doubled quote inside it is an escaped quote.
            j = i + 1
            while j < n:
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            out.append(sql[i : j + 1].replace("%", "%%"))
            i = j + 1
        elif c == "-" and sql.startswith("--", i):
            j = sql.find("\n", i)
            j = n if j < 0 else j
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        elif c == "/" and sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        else:
            # Copy a run of ordinary characters at once.
            j = i + 1
            while j < n and sql[j] not in "?%'\"-/":
                j += 1
            out.append(sql[i:j])
            i = j
    return "".join(out)


# -- rows --------------------------------------------------------------------------------------
class Row(tuple):
    """A result row read by position (``row[0]``) or column name (``row["id"]``).

    Like ``sqlite3.Row`` it has ``keys()``, so ``dict(row)`` maps names to values, and it is a
    tuple, so it unpacks and compares like one.
    """

    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:  # noqa: D105
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._index[key])
            except KeyError:
                idx = self._index.get(key.lower())
                if idx is None:
                    raise IndexError(f"no column {key!r}") from None
                return tuple.__getitem__(self, idx)
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """Column names, in order."""
        return list(self._names)


@lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # the first of two equal names wins, as in sqlite3.Row
        index.setdefault(name.lower(), i)
    return type("Row", (Row,), {"_names": names, "_index": index, "__slots__": ()})


def _row_factory(cursor: psycopg.Cursor[Any]) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    cls = _row_class(tuple(c.name for c in desc))
    return lambda values: tuple.__new__(cls, values)


class _NumericLoader(Loader):
    """``numeric`` as SQLite would return it: ``int`` when integral text, else ``float``."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode("ascii")
        if text.lstrip("-").isdigit():
            return int(text)
        return float(text)


# -- schema ------------------------------------------------------------------------------------
_DDL_TYPES = [
    # SQLite's INTEGER PRIMARY KEY fills itself in when omitted; an identity column does that.
    (
        re.compile(r"\bINTEGER\s+PRIMARY\s+KEY\b(?!\s*\()", re.I),
        "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    ),
    (re.compile(r"\bBLOB\b", re.I), "BYTEA"),
    (re.compile(r"\bREAL\b", re.I), "DOUBLE PRECISION"),
]
_SQLITE_ONLY = re.compile(r"\b(AUTOINCREMENT|WITHOUT\s+ROWID|VIRTUAL\s+TABLE)\b", re.I)


def pg_ddl(script: str) -> str:
    """Adapt a portable migration script to PostgreSQL's type names.

    ``BLOB`` → ``BYTEA``, ``REAL`` → ``DOUBLE PRECISION`` (SQLite's REAL is 8 bytes;
    PostgreSQL's is 4), ``INTEGER PRIMARY KEY`` → an identity column. String literals, quoted
    identifiers and comments are left as they are.

    Raises:
        StoreError: the script uses a SQLite-only construct (``AUTOINCREMENT``, ``WITHOUT
            ROWID``, virtual tables), which belongs in a per-dialect migration.
    """
    parts = re.split(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*)", script)
    for i in range(0, len(parts), 2):  # even parts are outside literals and comments
        bad = _SQLITE_ONLY.search(parts[i])
        if bad:
            raise StoreError(
                f"{bad.group(0)} is SQLite-only: give this migration a postgresql script"
            )
        for pattern, repl in _DDL_TYPES:
            parts[i] = pattern.sub(repl, parts[i])
    return "".join(parts)


_DDL_START = re.compile(r"\s*(CREATE|ALTER)\s", re.I)


@lru_cache(maxsize=1024)
def _statement(sql: str) -> str:
    """A portable statement for psycopg: DDL gets PostgreSQL's type names, ``?`` becomes ``%s``."""
    if _DDL_START.match(sql):
        sql = pg_ddl(sql)
    return to_pyformat(sql)


def redact_url(url: str) -> str:
    """The URL with its password (if any) replaced by ``***``, for messages and ``path``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://…"
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    userinfo = (parts.username or "") + ":***"
    return urlunsplit(parts._replace(netloc=f"{userinfo}@{netloc[-1]}"))


# -- the store ---------------------------------------------------------------------------------
class PostgresStore(BaseStore):
    """A newsledger database in PostgreSQL.

    Args:
        url: a libpq connection URL (``postgresql://user@host:5432/dbname``, with
            ``?host=/socket/dir`` for a unix socket); the database must exist and use UTF-8.

    Raises:
        StoreError: the server cannot be reached, refuses the login, or the database is unusable.
    """

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = redact_url(url)
        # One connection, shared: serialise its use by threads (a web server's worker pool).
        self._lock = threading.RLock()
        self._depth = 0
        try:
            self.conn = psycopg.connect(
                url, autocommit=True, row_factory=_row_factory, client_encoding="utf8"
            )
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot connect ({_first_line(exc)})") from exc
        self.conn.adapters.register_loader("numeric", _NumericLoader)
        try:
            encoding = self.conn.execute("SHOW server_encoding").fetchone()[0]
            if encoding.upper() not in ("UTF8", "UTF-8"):
                # Record offsets count characters; other encodings would count differently.
                raise StoreError(f"{self.path}: database encoding is {encoding}, not UTF8")
            self.migrate()
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(
                f"{self.path}: not a usable newsledger database ({_first_line(exc)})"
            ) from exc
        except BaseException:
            self.conn.close()
            raise

    # -- portable SQL surface -----------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement with ``?`` placeholders; return the cursor (iterable rows)."""
        with self._lock:
            return self.conn.execute(_statement(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row (pipelined: one round trip per batch)."""
        with self._lock, self.conn.cursor() as cur:
            cur.executemany(_statement(sql), [tuple(r) for r in rows])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: committed on success, rolled back on any exception.

        Nested calls are savepoints of the outer transaction.
        """
        with self._lock:
            depth = self._depth
            point = f"nl_sp{depth}"
            self.conn.execute("BEGIN" if depth == 0 else f"SAVEPOINT {point}")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth = depth
                if self.conn.closed:
                    raise
                if depth == 0:
                    self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {point}")
                    self.conn.execute(f"RELEASE SAVEPOINT {point}")
                raise
            self._depth = depth
            self.conn.execute("COMMIT" if depth == 0 else f"RELEASE SAVEPOINT {point}")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    # -- dialect bits -----------------------------------------------------------------------
    def _has_table(self, name: str) -> bool:
        return self.execute("SELECT to_regclass(?)", (name,)).fetchone()[0] is not None

    def _lock_migrations(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def _run_migration(self, sql: str, portable: bool) -> None:
        # The whole script in one call (no parameters: PostgreSQL runs several statements).
        with self._lock:
            self.conn.execute(pg_ddl(sql) if portable else sql)

    def search(self, query: str, limit: int | None = 20) -> list[dict[str, Any]]:
        """Full-text search with PostgreSQL's own: every word must match (English stemming).

        The query text is a parameter of ``plainto_tsquery``, never SQL or tsquery syntax;
        results are ranked by ``ts_rank`` and the snippet (``ts_headline``) marks the matched
        words with ``[`` ``]`` like the SQLite store's.
        """
        rows = self.execute(
            """SELECT a.id, a.published, a.title,
                 ts_headline('english', a.text, m.q,
                   'StartSel=[, StopSel=], MaxWords=14, MinWords=6, MaxFragments=1,
                    FragmentDelimiter=…') AS snippet
               FROM (SELECT f.article_id, ts_rank(f.doc, q) AS rank, q
                     FROM articles_fts f, plainto_tsquery('english', ?) AS q
                     WHERE f.doc @@ q
                     ORDER BY rank DESC, f.article_id LIMIT ?) AS m
               JOIN articles a ON a.id = m.article_id
               ORDER BY m.rank DESC, a.id""",
            (query, self.limit_param(limit)),
        ).fetchall()
        return [dict(r) for r in rows]

    def integrity_check(self) -> str:
        """``ok`` when no record or actor link points to a missing article, else what is wrong."""
        orphans = self.execute(
            """SELECT (SELECT count(*) FROM records r
                       WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id)),
                      (SELECT count(*) FROM record_actors ra
                       WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = ra.article_id))"""
        ).fetchone()
        if orphans[0] or orphans[1]:
            return f"{orphans[0]} record(s) and {orphans[1]} actor link(s) without an article"
        return "ok"


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
