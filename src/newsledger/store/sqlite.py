"""The SQLite record store: WAL mode, named migrations, one transaction per article."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsledger.article import Article
from newsledger.extract import Layers, iter_records
from newsledger.store.migrations import MIGRATIONS


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


class SQLiteStore:
    """A newsledger database in one SQLite file.

    Args:
        path: database file (created with its schema when missing).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
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
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable newsledger database ({exc})") from exc

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending named migrations; return the names applied now."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations"
            " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            # executescript commits first, so run the statements inside one explicit transaction.
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for stmt in _split_sql(sql):
                    self.conn.execute(stmt)
                self.conn.execute(
                    "INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, _now())
                )
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- portable SQL surface -----------------------------------------------------------------
    # Feature modules (stories, versions, watch state...) talk to the store through these three
    # calls with ``?`` placeholders and SQL that SQLite and PostgreSQL both accept, so the same
    # code runs on either backend; rows support both ``row[0]`` and ``row["name"]``.
    dialect = "sqlite"

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement with ``?`` placeholders; return the cursor (iterable rows)."""
        return self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""
        self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: committed on success, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- writing ----------------------------------------------------------------------------
    def is_current(self, article: Article, pipeline: str) -> bool:
        """True when this article's text was already processed by this pipeline version."""
        row = self.conn.execute(
            "SELECT sha256, pipeline FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        return row is not None and row["sha256"] == article.sha256 and row["pipeline"] == pipeline

    def save(self, article: Article, layers: Layers, pipeline: str) -> None:
        """Store one article and all its records in a single transaction.

        Records of an earlier run for the same article id are replaced, never duplicated; a crash
        mid-way leaves the previous state of this article intact.
        """
        times = {t["id"]: t for t in layers.get("time", [])}
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("DELETE FROM records WHERE article_id = ?", (article.id,))
            c.execute("DELETE FROM record_actors WHERE article_id = ?", (article.id,))
            c.execute(
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
            rows = []
            links = []
            for rec in iter_records(layers):
                if rec["type"] == "actor":
                    c.execute(
                        """INSERT INTO actors(id, name, kind, code) VALUES (?,?,?,?)
                           ON CONFLICT(id) DO NOTHING""",
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
                    )
                )
                links.extend(
                    (article.id, rec["type"], rec["id"], actor, role)
                    for actor, role in _actor_links(rec)
                )
            c.executemany(
                """INSERT INTO records(article_id, id, type, extractor, start, "end", data, key1,
                                       key2) VALUES (?,?,?,?,?,?,?,?,?)""",
                rows,
            )
            c.executemany("INSERT OR IGNORE INTO record_actors VALUES (?,?,?,?,?)", links)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

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

        What :meth:`save` does for one article, with one ``executemany`` per table for the whole
        batch. Either every article of the batch is stored or none is: a run killed mid-batch leaves
        the previous state of all of them, and the batch is simply redone. Written on the
        portable surface (``execute``/``executemany``/``transaction``) so it ports as it is.
        """
        if not items:
            return
        now = _now()
        ids = [(a.id,) for a, _ in items]
        arts, actors, rows, links = [], {}, [], []
        for article, layers in items:
            arts.append(
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
                    now,
                )
            )
            times = {t["id"]: t for t in layers.get("time", [])}
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
                    )
                )
                links.extend(
                    (article.id, rec["type"], rec["id"], actor, role)
                    for actor, role in _actor_links(rec)
                )
        with self.transaction():
            self.executemany("DELETE FROM records WHERE article_id = ?", ids)
            self.executemany("DELETE FROM record_actors WHERE article_id = ?", ids)
            self.executemany(
                """INSERT INTO articles(id, sha256, url, path, outlet, title, published, lang, text,
                                        pipeline, ingested_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?)
                   ON CONFLICT(id) DO UPDATE SET sha256=excluded.sha256, url=excluded.url,
                     path=excluded.path, outlet=excluded.outlet, title=excluded.title,
                     published=excluded.published, lang=excluded.lang, text=excluded.text,
                     pipeline=excluded.pipeline, ingested_at=excluded.ingested_at""",
                arts,
            )
            self.executemany(
                "INSERT INTO actors(id, name, kind, code) VALUES (?,?,?,?) "
                "ON CONFLICT(id) DO NOTHING",
                list(actors.values()),
            )
            self.executemany(
                """INSERT INTO records(article_id, id, type, extractor, start, "end", data, key1,
                                       key2) VALUES (?,?,?,?,?,?,?,?,?)""",
                rows,
            )
            self.executemany(
                "INSERT INTO record_actors(article_id, record_type, record_id, actor_id, role) "
                "VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                links,
            )

    # -- reading ----------------------------------------------------------------------------
    def count_articles(self) -> int:
        """Number of stored articles."""
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles, newest first, with per-type record counts."""
        rows = self.conn.execute(
            """SELECT a.id, a.published, a.outlet, a.title, a.url, a.path, length(a.text) AS chars,
                 (SELECT count(*) FROM records r WHERE r.article_id=a.id
                    AND r.type='attribution') AS attributions,
                 (SELECT count(*) FROM records r WHERE r.article_id=a.id
                    AND r.type='quantity') AS quantities,
                 (SELECT count(*) FROM records r WHERE r.article_id=a.id
                    AND r.type='event') AS events
               FROM articles a ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?""",
            (limit, offset),
        )
        return [dict(r) for r in rows]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article as a contract ``article`` record, or None."""
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
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
        if self.conn.execute("SELECT 1 FROM articles WHERE id=?", (prefix,)).fetchone():
            return [prefix]
        rows = self.conn.execute(
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
        sql += " ORDER BY type, start, id"
        return [json.loads(r[0]) for r in self.conn.execute(sql, args)]

    def layers(self, article_id: str) -> Layers:
        """An article's records grouped by type."""
        out: Layers = {}
        for rec in self.records(article_id):
            out.setdefault(rec["type"], []).append(rec)
        return out

    def actors(self, limit: int = 50, kind: str | None = None) -> list[dict[str, Any]]:
        """Canonical actors with how many mentions and articles refer to them."""
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
        args.append(limit)
        return [dict(r) for r in self.conn.execute(sql, args)]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (FTS5) over titles and texts; ranked, with a snippet."""
        try:
            rows = self.conn.execute(
                """SELECT a.id, a.published, a.title,
                     snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet
                   FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                   WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?""",
                (_fts_query(query), limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise ValueError(f"bad search query {query!r}: {exc}") from exc
        return [dict(r) for r in rows]

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
        limit: int = 100,
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
            limit: most rows returned.

        Returns:
            Contract dicts, each with its article's ``published`` date and ``_text`` (its words).
        """
        sql = """SELECT r.data, r.start, r."end", a.published, a.text
                 FROM records r JOIN articles a ON a.id = r.article_id WHERE r.type = ?"""
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
            sql += """ AND instr(lower(substr(a.text, r.start + 1, r."end" - r.start)), ?) > 0"""
            args.append(about.lower())
        sql += " ORDER BY a.published DESC, r.article_id, r.start LIMIT ?"
        args.append(limit)
        out = []
        for row in self.conn.execute(sql, args):
            rec = json.loads(row[0])
            start, end = row[1], row[2]
            rec["_text"] = row[4][start:end] if start is not None else None
            rec["published"] = row[3]
            out.append(rec)
        return out

    def actor_names(self, ids: Iterable[str]) -> dict[str, str]:
        """Canonical names for actor ids."""
        ids = list(ids)
        if not ids:
            return {}
        q = ",".join("?" * len(ids))
        return {
            r[0]: r[1]
            for r in self.conn.execute(f"SELECT id, name FROM actors WHERE id IN ({q})", ids)
        }

    def find_actors(self, name: str) -> list[str]:
        """Actor ids whose id or name matches ``name`` (exact id, else name substring)."""
        if self.conn.execute("SELECT 1 FROM actors WHERE id=?", (name,)).fetchone():
            return [name]
        rows = self.conn.execute(
            "SELECT id FROM actors WHERE lower(name) LIKE ? ESCAPE '\\'",
            ("%" + _like_escape(name.lower()) + "%",),
        )
        return [r[0] for r in rows]

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` result (``ok`` when sound)."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
