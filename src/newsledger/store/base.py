"""What every record store does, written once against the portable SQL surface.

A backend (``SQLiteStore``, ``PostgresStore``) supplies the connection and the dialect bits:
``execute``/``executemany`` with ``?`` placeholders, ``transaction()``, how a migration script
runs, and full-text search. Everything else — saving an article with its records, the reads
and the record queries — lives here, in SQL that SQLite and PostgreSQL both accept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from newsledger.article import Article
from newsledger.records import Layers, iter_records
from newsledger.store.migrations import MIGRATIONS, Migration
from newsledger.store.versions import archive_previous


class StoreError(RuntimeError):
    """The store cannot be opened or is not a newsledger database."""


def _keys(rec: dict[str, Any], published: str | None, times: dict[str, dict[str, Any]]) -> tuple:
    """Denormalised lookup keys per record type (see migration 0003)."""
    kind = rec["type"]
    if kind == "attribution":
        return rec.get("speaker"), rec.get("status")
    if kind == "quantity":
        return rec.get("unit"), rec.get("bound")
    if kind == "event":
        # The event's date: its time record's start, else the publication date.
        t = times.get(rec.get("time") or "")
        return rec.get("event"), (t or {}).get("start") or published
    if kind == "entity":
        return rec.get("actor"), rec.get("label")
    if kind == "time":
        return rec.get("start"), rec.get("end")
    return None, None


def _span(rec: dict[str, Any]) -> tuple[int | None, int | None]:
    span = rec.get("span") or rec.get("content")
    if span:
        return span[0], span[1]
    return None, None


def _actor_links(rec: dict[str, Any]) -> Iterator[tuple[str, str]]:
    kind = rec["type"]
    if kind == "entity" and rec.get("actor"):
        yield rec["actor"], "mention"
    elif kind == "attribution" and rec.get("speaker"):
        yield rec["speaker"], "speaker"
    elif kind == "event":
        for a in rec.get("actor") or []:
            yield a, "actor"
        for a in rec.get("recipient") or []:
            yield a, "recipient"


class BaseStore:
    """The dialect-neutral part of a newsledger store.

    Subclasses set ``dialect`` and ``path`` (a printable location) and implement ``execute``,
    ``executemany``, ``transaction``, ``close``, ``_run_migration``, ``_has_table``,
    ``_lock_migrations`` and ``search``.
    """

    dialect: str = ""
    path: str = ""

    # -- the portable SQL surface (implemented by each backend) ----------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement with ``?`` placeholders; return the cursor (iterable rows)."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        """One write transaction: committed on success, rolled back on any exception.

        Transactions nest: an inner one is a savepoint, so ``save`` may run inside a caller's
        batch transaction and a failed inner block rolls back only its own writes.
        """
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError

    def search(self, query: str, limit: int | None = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and texts: ``id``, ``published``, ``title``, ``snippet``."""
        raise NotImplementedError

    def limit_param(self, limit: int | None) -> int | None:
        """The parameter for ``LIMIT ?``: None means no limit (SQLite wants -1, PostgreSQL NULL)."""
        if limit is None:
            return -1 if self.dialect == "sqlite" else None
        return limit

    def _run_migration(self, sql: str, portable: bool) -> None:
        """Run one migration script inside a transaction.

        Args:
            sql: the script for this dialect.
            portable: the script is the portable one shared by all dialects (not a dict entry).
        """
        raise NotImplementedError

    def _has_table(self, name: str) -> bool:
        """True when the table ``name`` exists."""
        raise NotImplementedError

    def _lock_migrations(self) -> None:
        """Keep other processes from migrating at the same time (inside a transaction)."""

    def __enter__(self) -> BaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending named migrations; return the names applied now."""
        if not self._has_table("migrations"):
            # Only a new database takes a write lock here: opening one stays a read.
            with self.transaction():
                self._lock_migrations()
                self.execute(
                    "CREATE TABLE IF NOT EXISTS migrations"
                    " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
        done = {r[0] for r in self.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                self._lock_migrations()
                # Another process may have applied it since we looked.
                if self.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue
                self._run_migration(migration_sql(sql, self.dialect), isinstance(sql, str))
                self.execute(
                    "INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, _now())
                )
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [r[0] for r in self.execute("SELECT name FROM migrations ORDER BY name")]

    # -- writing ----------------------------------------------------------------------------
    def is_current(self, article: Article, pipeline: str) -> bool:
        """True when this article's text was already processed by this pipeline version."""
        row = self.execute(
            "SELECT sha256, pipeline FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        return row is not None and row["sha256"] == article.sha256 and row["pipeline"] == pipeline

    def stored_versions(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``{id: (sha256, pipeline)}`` for those of ``ids`` already stored: one query per 500.

        Batch ingestion asks this once per chunk of inputs instead of one :meth:`is_current`
        per article, so an unchanged corpus is skipped before anything is parsed.
        """
        ids = list(dict.fromkeys(ids))
        out: dict[str, tuple[str, str]] = {}
        for i in range(0, len(ids), 500):  # under every backend's bound-parameter limit
            part = ids[i : i + 500]
            q = ",".join("?" * len(part))
            for row in self.execute(
                f"SELECT id, sha256, pipeline FROM articles WHERE id IN ({q})", part
            ):
                out[row[0]] = (row[1], row[2])
        return out

    def save_batch(self, items: Sequence[tuple[Article, Layers]], pipeline: str) -> None:
        """Store several articles and their records in one transaction.

        Each article is saved as :meth:`save` saves it (its earlier version kept when its text
        changed), as a savepoint of the batch's transaction: either every article of the batch
        is stored or none is, so a run killed mid-batch leaves the previous state of all of them
        and the batch is simply redone. Two texts under one id in a batch are two versions.
        """
        if not items:
            return
        with self.transaction():
            for article, layers in items:
                self.save(article, layers, pipeline)

    def save(self, article: Article, layers: Layers, pipeline: str) -> None:
        """Store one article and all its records in a single transaction.

        Records of an earlier run for the same article id are replaced, never duplicated; a crash
        mid-way leaves the previous state of this article intact. When the text itself changed,
        the previous text and its records are kept as an earlier version (``store.versions``).
        Inside a caller's ``transaction()`` the article is a savepoint of that transaction.
        """
        times = {t["id"]: t for t in layers.get("time", [])}
        # Build every row first: a malformed record fails before anything is written.
        actors: dict[str, tuple[Any, ...]] = {}
        rows = []
        links: dict[tuple[Any, ...], None] = {}
        for rec in iter_records(layers):
            if rec["type"] == "actor":
                actors.setdefault(
                    rec["id"],
                    (
                        rec["id"],
                        rec.get("name") or rec["id"],
                        rec.get("kind") or "org",
                        rec.get("code"),
                    ),
                )
            start, end = _span(rec)
            k1, k2 = _keys(rec, article.published, times)
            rows.append(
                (
                    article.id,
                    rec["id"],
                    rec["type"],
                    rec.get("extractor", ""),
                    start,
                    end,
                    json.dumps(rec, ensure_ascii=False),
                    k1,
                    k2,
                    article.published,
                )
            )
            for actor, role in _actor_links(rec):
                links[(article.id, rec["type"], rec["id"], actor, role)] = None
        with self.transaction():
            # A changed text keeps its predecessor: the ledger never loses a version.
            archive_previous(self, article.id, article.sha256)
            self.execute("DELETE FROM records WHERE article_id = ?", (article.id,))
            self.execute("DELETE FROM record_actors WHERE article_id = ?", (article.id,))
            self.execute(
                """INSERT INTO articles(id, sha256, url, path, outlet, title, published, lang, text,
                                        pipeline, ingested_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?)
                   ON CONFLICT(id) DO UPDATE SET sha256=excluded.sha256, url=excluded.url,
                     path=excluded.path, outlet=excluded.outlet, title=excluded.title,
                     published=excluded.published, lang=excluded.lang, text=excluded.text,
                     pipeline=excluded.pipeline, ingested_at=excluded.ingested_at""",
                (
                    article.id,
                    article.sha256,
                    article.url,
                    article.path,
                    article.outlet,
                    article.title,
                    article.published,
                    article.lang,
                    article.text,
                    pipeline,
                    _now(),
                ),
            )
            if actors:
                # Sorted: concurrent writers then take row locks in the same order.
                self.executemany(
                    "INSERT INTO actors(id, name, kind, code) VALUES (?,?,?,?)"
                    " ON CONFLICT(id) DO NOTHING",
                    sorted(actors.values()),
                )
            if rows:
                self.executemany(
                    """INSERT INTO records(article_id, id, type, extractor, start, "end", data,
                                           key1, key2, published) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                    rows,
                )
            if links:
                self.executemany(
                    "INSERT INTO record_actors(article_id, record_type, record_id, actor_id, role)"
                    " VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                    list(links),
                )

    # -- reading ----------------------------------------------------------------------------
    def count_articles(self) -> int:
        """Number of stored articles."""
        return self.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles, newest first, with per-type record counts (``limit=None``: all)."""
        rows = self.execute(
            """SELECT a.id, a.published, a.outlet, a.title, a.url, a.path, length(a.text) AS chars,
                 (SELECT count(*) FROM records r WHERE r.article_id=a.id
                    AND r.type='attribution') AS attributions,
                 (SELECT count(*) FROM records r WHERE r.article_id=a.id
                    AND r.type='quantity') AS quantities,
                 (SELECT count(*) FROM records r WHERE r.article_id=a.id
                    AND r.type='event') AS events
               FROM articles a ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?""",
            (self.limit_param(limit), offset),
        )
        return [dict(r) for r in rows]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article as a contract ``article`` record, or None."""
        row = self.execute(
            """SELECT id, url, path, outlet, title, published, lang, sha256, text
               FROM articles WHERE id = ?""",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return {
            "type": "article",
            "id": row["id"],
            "url": row["url"],
            "path": row["path"],
            "outlet": row["outlet"],
            "title": row["title"],
            "published": row["published"],
            "lang": row["lang"],
            "sha256": row["sha256"],
            "text": row["text"],
        }

    def find_article_ids(self, prefix: str) -> list[str]:
        """Article ids equal to, else starting with, ``prefix``."""
        if self.execute("SELECT 1 FROM articles WHERE id = ?", (prefix,)).fetchone():
            return [prefix]
        rows = self.execute(
            "SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 10",
            (_like_escape(prefix) + "%",),
        )
        return [r[0] for r in rows]

    def records(self, article_id: str, type_: str | None = None) -> list[dict[str, Any]]:
        """An article's records (contract dicts), by type then position."""
        sql = "SELECT data FROM records WHERE article_id = ?"
        args: list[Any] = [article_id]
        if type_:
            sql += " AND type = ?"
            args.append(type_)
        sql += " ORDER BY type, start NULLS FIRST, id"
        return [json.loads(r[0]) for r in self.execute(sql, args)]

    def layers(self, article_id: str) -> Layers:
        """An article's records grouped by type."""
        out: Layers = {}
        for rec in self.records(article_id):
            out.setdefault(rec["type"], []).append(rec)
        return out

    def actors(self, limit: int | None = 50, kind: str | None = None) -> list[dict[str, Any]]:
        """Canonical actors with how many mentions and articles refer to them (``None``: all)."""
        sql = """SELECT ac.id, ac.name, ac.kind, ac.code,
                   count(*) FILTER (WHERE ra.role='mention') AS mentions,
                   count(DISTINCT ra.article_id) AS articles,
                   count(*) FILTER (WHERE ra.role='speaker') AS quoted
                 FROM actors ac JOIN record_actors ra ON ra.actor_id = ac.id"""
        args: list[Any] = []
        if kind:
            sql += " WHERE ac.kind = ?"
            args.append(kind)
        sql += " GROUP BY ac.id ORDER BY articles DESC, mentions DESC, ac.id LIMIT ?"
        args.append(self.limit_param(limit))
        return [dict(r) for r in self.execute(sql, args)]

    def query_records(
        self,
        type_: str,
        *,
        key1: str | None = None,
        key1_like: str | None = None,
        key2: str | None = None,
        key2_since: str | None = None,
        actor: str | None = None,
        about: str | None = None,
        limit: int | None = 100,
    ) -> list[dict[str, Any]]:
        """Records of one type across articles, filtered by their lookup keys.

        Args:
            type_: record type (``attribution``, ``quantity``, ``event``...).
            key1: exact first key (speaker id, unit, event type).
            key1_like: case-insensitive substring of the first key.
            key2: exact second key (status, bound).
            key2_since: second key ≥ this (event date).
            actor: an actor id linked to the record (any role).
            about: case-insensitive substring of the record's text in its article.
            limit: most rows returned (None: all).

        Returns:
            Contract dicts, each with its article's ``published`` date and ``_text`` (its words).
        """
        # r.published is the article's date copied onto its records (migration 0060), so that
        # the order below is one index walk (records_order) that stops at the LIMIT
        sql = """SELECT r.data, r.article_id, r.start, r."end", r.id, r.published
                 FROM records r WHERE r.type = ?"""
        args: list[Any] = [type_]
        if key1 is not None:
            sql += " AND r.key1 = ?"
            args.append(key1)
        if key1_like is not None:
            sql += " AND lower(r.key1) LIKE ? ESCAPE '\\'"
            args.append("%" + _like_escape(key1_like.lower()) + "%")
        if key2 is not None:
            sql += " AND r.key2 = ?"
            args.append(key2)
        if key2_since is not None:
            sql += " AND r.key2 >= ?"
            args.append(key2_since)
        if actor is not None:
            sql += """ AND EXISTS (SELECT 1 FROM record_actors ra WHERE ra.article_id=r.article_id
                        AND ra.record_type=r.type AND ra.record_id=r.id AND ra.actor_id=?)"""
            args.append(actor)
        if about is not None:
            sql += """ AND EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id
                        AND lower(substr(a.text, r.start + 1, r."end" - r.start))
                        LIKE ? ESCAPE '\\')"""
            args.append("%" + _like_escape(about.lower()) + "%")
        sql += " ORDER BY r.published DESC NULLS LAST, r.article_id, r.start NULLS FIRST, r.id"
        sql += " LIMIT ?"
        args.append(self.limit_param(limit))
        # The record's words are cut out in SQL (substr counts characters on both backends, as
        # Python offsets do) for the rows kept only: the article's whole text never travels
        # once per record, and is not unpacked for rows the LIMIT drops.
        sql = f"""SELECT q.data, substr(a.text, q.start + 1, q."end" - q.start), q.published
                  FROM ({sql}) AS q JOIN articles a ON a.id = q.article_id
                  ORDER BY q.published DESC NULLS LAST, q.article_id, q.start NULLS FIRST, q.id"""
        out = []
        for row in self.execute(sql, args):
            rec = json.loads(row[0])
            rec["_text"] = row[1]
            rec["published"] = row[2]
            out.append(rec)
        return out

    def actor_names(self, ids: Iterable[str]) -> dict[str, str]:
        """Canonical names for actor ids."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        q = ",".join("?" * len(ids))
        return {
            r[0]: r[1] for r in self.execute(f"SELECT id, name FROM actors WHERE id IN ({q})", ids)
        }

    def find_actors(self, name: str) -> list[str]:
        """Actor ids whose id or name matches ``name`` (exact id, else name substring)."""
        if self.execute("SELECT 1 FROM actors WHERE id = ?", (name,)).fetchone():
            return [name]
        rows = self.execute(
            "SELECT id FROM actors WHERE lower(name) LIKE ? ESCAPE '\\' ORDER BY id",
            ("%" + _like_escape(name.lower()) + "%",),
        )
        return [r[0] for r in rows]


def migration_sql(sql: Migration, dialect: str) -> str:
    """The script of one migration for ``dialect``.

    Args:
        sql: a portable script, or a dict with one script per dialect.
        dialect: ``sqlite`` or ``postgresql``.

    Raises:
        StoreError: the migration has no script for this dialect.
    """
    if isinstance(sql, str):
        return sql
    try:
        return sql[dialect]
    except KeyError:
        raise StoreError(f"migration has no {dialect} script") from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
