"""Every version of an article: earlier texts and their records are kept, never overwritten.

The ``articles``/``records`` tables always hold an article's latest version, so every query
reads current data unchanged. When an article comes back with a different text (same id), the
store first copies the version it is about to replace into ``article_versions`` and
``version_records`` (migration ``0031_article_versions``), in the same transaction as the save.
A ledger must not lose what an outlet once published: a quietly revised death toll or a
withdrawn quote is exactly what fact-checkers look for.
"""

from __future__ import annotations

import difflib
import json
from datetime import UTC, datetime
from typing import Any

_ARTICLE_COLUMNS = "sha256, url, path, outlet, title, published, text, pipeline, ingested_at"


def archive_previous(store: Any, article_id: str, new_sha256: str) -> int | None:
    """Copy the stored version of an article into the version tables if its text changes.

    Must run inside the transaction that saves the new version.

    Args:
        store: an open store.
        article_id: the article about to be saved.
        new_sha256: the hash of the text about to be saved.

    Returns:
        The version number given to the archived text, or None when nothing was archived
        (a new article, or the same text again).
    """
    row = store.execute("SELECT sha256 FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None or row[0] == new_sha256:
        return None
    last = store.execute(
        "SELECT max(version) FROM article_versions WHERE article_id = ?", (article_id,)
    ).fetchone()[0]
    version = (last or 0) + 1
    now = datetime.now(UTC).isoformat(timespec="seconds")
    store.execute(
        f"""INSERT INTO article_versions(article_id, version, {_ARTICLE_COLUMNS}, replaced_at)
            SELECT id, ?, {_ARTICLE_COLUMNS}, ? FROM articles WHERE id = ?""",
        (version, now, article_id),
    )
    store.execute(
        """INSERT INTO version_records(article_id, version, type, id, data)
           SELECT article_id, ?, type, id, data FROM records WHERE article_id = ?""",
        (version, article_id),
    )
    return version


def versions(store: Any, article_id: str) -> list[dict[str, Any]]:
    """Every version of an article, oldest first; the last one is the current text.

    Returns:
        Dicts with ``article``, ``version`` (1-based), ``current``, ``sha256``, ``title``,
        ``published``, ``chars``, ``ingested_at``, ``replaced_at`` and per-type record counts.
    """
    out = []
    rows = store.execute(
        """SELECT version, sha256, title, published, text, ingested_at, replaced_at
           FROM article_versions WHERE article_id = ? ORDER BY version""",
        (article_id,),
    ).fetchall()
    for r in rows:
        counts = _counts(store, "version_records", article_id, r["version"])
        out.append(_version_row(article_id, r, r["version"], False, counts))
    cur = store.execute(
        """SELECT sha256, title, published, text, ingested_at FROM articles WHERE id = ?""",
        (article_id,),
    ).fetchone()
    if cur is not None:
        counts = _counts(store, "records", article_id, None)
        out.append(_version_row(article_id, cur, len(rows) + 1, True, counts))
    return out


def _version_row(
    article_id: str, r: Any, version: int, current: bool, counts: dict[str, int]
) -> dict[str, Any]:
    return {
        "type": "version",
        "article": article_id,
        "version": version,
        "current": current,
        "sha256": r["sha256"],
        "title": r["title"],
        "published": r["published"],
        "chars": len(r["text"]),
        "ingested_at": r["ingested_at"],
        "replaced_at": None if current else r["replaced_at"],
        "attributions": counts.get("attribution", 0),
        "quantities": counts.get("quantity", 0),
        "events": counts.get("event", 0),
    }


def _counts(store: Any, table: str, article_id: str, version: int | None) -> dict[str, int]:
    # The table name comes from this module only, never from input.
    sql = f"SELECT type, count(*) FROM {table} WHERE article_id = ?"
    args: list[Any] = [article_id]
    if version is not None:
        sql += " AND version = ?"
        args.append(version)
    sql += " GROUP BY type"
    return {r[0]: r[1] for r in store.execute(sql, args)}


def version_content(store: Any, article_id: str, version: int) -> tuple[str, list[dict[str, Any]]]:
    """The text and records of one version (the current one included).

    Raises:
        KeyError: no such version.
    """
    row = store.execute(
        "SELECT text FROM article_versions WHERE article_id = ? AND version = ?",
        (article_id, version),
    ).fetchone()
    if row is not None:
        recs = store.execute(
            """SELECT data FROM version_records WHERE article_id = ? AND version = ?
               ORDER BY type, id""",
            (article_id, version),
        )
        return row[0], [json.loads(r[0]) for r in recs]
    vs = versions(store, article_id)
    if vs and vs[-1]["version"] == version:
        text = store.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        recs = store.execute(
            "SELECT data FROM records WHERE article_id = ? ORDER BY type, id", (article_id,)
        )
        return text, [json.loads(r[0]) for r in recs]
    raise KeyError(f"article {article_id} has no version {version}")


def _said(rec: dict[str, Any], text: str) -> tuple[str, str] | None:
    """A comparable identity for a record across versions: its type and its words."""
    kind = rec.get("type")
    span = rec.get("content") if kind == "attribution" else rec.get("span")
    if kind not in ("attribution", "quantity", "event", "time") or not span:
        return None
    return kind, text[span[0] : span[1]]


def _summary(rec: dict[str, Any]) -> dict[str, Any]:
    keep = {
        "attribution": ("speaker", "speaker_name", "status", "kind"),
        "quantity": ("value", "low", "high", "bound", "unit"),
        "event": ("event", "actor", "recipient", "status"),
        "time": ("start", "end"),
    }[rec["type"]]
    return {k: rec.get(k) for k in keep}


def diff_versions(store: Any, article_id: str, old: int, new: int) -> dict[str, Any]:
    """What changed between two versions: the text, line by line, and the records.

    Records are matched by type and the words they cover; a record whose words survive but
    whose fields change (a number's value, an attribution's status) is ``changed``.

    Returns:
        ``{"article", "old", "new", "text": [unified diff lines], "records": [{"change":
        "added"|"removed"|"changed", "type", "text", "old", "new"}]}``.
    """
    old_text, old_recs = version_content(store, article_id, old)
    new_text, new_recs = version_content(store, article_id, new)
    text_diff = list(
        difflib.unified_diff(
            old_text.splitlines(),
            new_text.splitlines(),
            fromfile=f"{article_id} v{old}",
            tofile=f"{article_id} v{new}",
            lineterm="",
        )
    )
    before = {k: r for r in old_recs if (k := _said(r, old_text))}
    after = {k: r for r in new_recs if (k := _said(r, new_text))}
    changes = []
    for key, rec in before.items():
        if key not in after:
            changes.append(
                {
                    "change": "removed",
                    "type": key[0],
                    "text": key[1],
                    "old": _summary(rec),
                    "new": None,
                }
            )
        elif _summary(rec) != _summary(after[key]):
            changes.append(
                {
                    "change": "changed",
                    "type": key[0],
                    "text": key[1],
                    "old": _summary(rec),
                    "new": _summary(after[key]),
                }
            )
    for key, rec in after.items():
        if key not in before:
            changes.append(
                {
                    "change": "added",
                    "type": key[0],
                    "text": key[1],
                    "old": None,
                    "new": _summary(rec),
                }
            )
    order = {"quantity": 0, "attribution": 1, "event": 2, "time": 3}
    changes.sort(key=lambda c: (order[c["type"]], c["change"], c["text"]))
    return {"article": article_id, "old": old, "new": new, "text": text_diff, "records": changes}
