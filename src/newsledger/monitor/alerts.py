"""Alerts: rules over the store whose new matches are delivered once, to a file or a webhook.

A rule matches records: attributions by a speaker (``--speaker``), records whose words mention
a text (``--about``), numbers of an estimate series (``--series``), or contradictions
(``--conflicts``, optionally within one story). Each match has a key (the rule, the article, the
record and its content), so a match is delivered once however often the rule is evaluated;
a revised record (a changed number in a new version of an article) is a new match.

When a rule is added, what already matches is recorded as the *baseline* and not delivered: an
alert tells what happens from now on.

Delivery is made safe against a crash in the middle (``kill -9``) by writing the delivery as
*pending* before sending it and as *delivered* after:

* to a JSON Lines file, a pending delivery found at start-up is looked up in the file by its
  ``delivery`` id and re-sent only when missing: exactly once;
* to a webhook, a pending delivery is re-sent with the same ``Idempotency-Key`` header (and
  ``delivery`` id in the body): at least once, and exactly once for a receiver that honours the
  key, which is the only guarantee HTTP allows.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

KINDS = ("speaker", "about", "series", "conflicts")


class AlertError(ValueError):
    """A rule cannot be added or evaluated (bad name, kind, target)."""


@dataclass(slots=True)
class Delivered:
    """What one delivery round did."""

    sent: int = 0
    errors: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _check_target(target: str) -> None:
    if target.startswith(("http://", "https://")):
        return
    if "://" in target:
        raise AlertError(f"alert target {target!r}: only http(s) webhooks or .jsonl files")
    if not target.endswith(".jsonl"):
        raise AlertError(f"alert target {target!r}: a file target must end in .jsonl")
    parent = Path(target).resolve().parent
    if not parent.is_dir():
        raise AlertError(f"alert target {target!r}: folder {parent} does not exist")


def add_alert(
    store: Any, name: str, kind: str, value: str | None, target: str, story: str | None = None
) -> int:
    """Add a rule and record its current matches as the baseline.

    Args:
        store: the open store.
        name: a unique name.
        kind: ``speaker``, ``about``, ``series`` or ``conflicts``.
        value: the speaker name or id, the text, or the series id (None for conflicts).
        target: a ``.jsonl`` file or an http(s) webhook URL.
        story: limit ``conflicts`` (and others) to one story.

    Returns:
        How many existing matches form the baseline.

    Raises:
        AlertError: a bad name, kind, value or target, or the name is taken.
    """
    if not name or not name.strip():
        raise AlertError("an alert needs a name")
    if kind not in KINDS:
        raise AlertError(f"unknown alert kind {kind!r} (one of {', '.join(KINDS)})")
    if kind != "conflicts" and not (value and value.strip()):
        article = "an" if kind[0] in "aeiou" else "a"
        raise AlertError(f"{article} {kind} alert needs a value")
    _check_target(target)
    if not target.startswith(("http://", "https://")):
        # Kept absolute: a watcher started from another folder writes where the rule said.
        target = str(Path(target).resolve())
    if store.execute("SELECT 1 FROM alerts WHERE name = ?", (name,)).fetchone():
        raise AlertError(f"an alert named {name!r} exists already")
    rule = {"name": name, "kind": kind, "value": value, "story": story, "target": target}
    baseline = [key for key, _ in _matches(store, rule)]
    now = _now()
    with store.transaction():
        store.execute(
            """INSERT INTO alerts(name, kind, value, story, target, created_at)
               VALUES (?,?,?,?,?,?)""",
            (name, kind, value, story, target, now),
        )
        store.executemany(
            """INSERT INTO alert_deliveries(alert, key, state, payload, updated_at)
               VALUES (?,?,?,?,?) ON CONFLICT (alert, key) DO NOTHING""",
            [(name, key, "baseline", None, now) for key in baseline],
        )
    return len(baseline)


def list_alerts(store: Any) -> list[dict[str, Any]]:
    """The rules, with how many matches each delivered and has pending."""
    rows = store.execute(
        """SELECT a.name, a.kind, a.value, a.story, a.target, a.created_at,
             (SELECT count(*) FROM alert_deliveries d WHERE d.alert = a.name
                AND d.state = 'delivered') AS delivered,
             (SELECT count(*) FROM alert_deliveries d WHERE d.alert = a.name
                AND d.state = 'pending') AS pending
           FROM alerts a ORDER BY a.name"""
    )
    return [{k: r[k] for k in r.keys()} for r in rows]


def remove_alert(store: Any, name: str) -> bool:
    """Remove a rule and its delivery log; False when there is no such rule."""
    with store.transaction():
        found = store.execute("SELECT 1 FROM alerts WHERE name = ?", (name,)).fetchone()
        store.execute("DELETE FROM alert_deliveries WHERE alert = ?", (name,))
        store.execute("DELETE FROM alerts WHERE name = ?", (name,))
    return found is not None


# -- matching ---------------------------------------------------------------------------------
def _key(rule: dict[str, Any], *parts: Any) -> str:
    blob = json.dumps([rule["name"], *parts], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


# What a record says, for its delivery key: its words and what they mean, not where they
# stand. An edit that moves a quote (a dateline added above it) changes its spans and ids but
# not the match; an edit of its words ("spend more" -> "spend less") is a new match.
_MEANING = (
    "kind", "speaker", "speaker_name", "status", "value", "low", "high", "bound", "unit",
    "counted", "happened", "event", "mode", "actor", "recipient",
)  # fmt: skip


def _record_match(store: Any, rule: dict[str, Any], rec: dict[str, Any]) -> tuple[str, dict]:
    content = {k: v for k, v in rec.items() if k not in ("_text", "published")}
    meaning = {k: rec.get(k) for k in _MEANING if rec.get(k) is not None}
    key = "w:" + _key(rule, rec["article"], rec["type"], rec.get("_text"), meaning)
    match = {"record": content, "article": rec["article"], "text": rec.get("_text")}
    # The key the matches had before (by record id and spans): a delivery made under it is
    # not made again when newsledger is upgraded.
    match["_legacy_key"] = _key(rule, rec["article"], rec["type"], rec["id"], content)
    return key, match


def _story_articles(store: Any, story: str | None) -> set[str] | None:
    if not story:
        return None
    from newsledger.link.stories import story_articles

    return set(story_articles(store, story))


def _matches(store: Any, rule: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every current match of a rule: (key, payload without delivery fields)."""
    kind, value = rule["kind"], rule["value"]
    within = _story_articles(store, rule.get("story"))
    if kind == "speaker":
        ids = store.find_actors(value)
        recs: list[dict[str, Any]] = []
        for actor in ids:
            recs.extend(store.query_records("attribution", key1=actor, limit=None))
        low = value.lower()
        for r in store.query_records("attribution", limit=None):
            if not r.get("speaker") and low in (r.get("speaker_name") or "").lower():
                recs.append(r)
        for r in recs:
            if within is None or r["article"] in within:
                yield _record_match(store, rule, r)
    elif kind == "about":
        for type_ in ("attribution", "quantity", "event"):
            for r in store.query_records(type_, about=value, limit=None):
                if within is None or r["article"] in within:
                    yield _record_match(store, rule, r)
    elif kind == "series":
        from newsledger.link.estimates import estimates

        for row in estimates(store, story=rule.get("story")):
            if row.get("series") == value:
                key = _key(
                    rule,
                    row.get("article"),
                    row.get("quantity"),
                    row.get("value"),
                    row.get("low"),
                    row.get("high"),
                    row.get("bound"),
                )
                yield (
                    key,
                    {
                        "record": row,
                        "article": row.get("article"),
                        "text": row.get("text"),
                        "anchor": row.get("quantity"),
                    },
                )
    elif kind == "conflicts":
        from newsledger.link.conflicts import conflicts

        for c in conflicts(store, story=rule.get("story")):
            # A contradiction is known by its two sides' records and words, not its wording.
            a, b = c.get("a") or {}, c.get("b") or {}
            sides = [(s.get("article"), s.get("record"), s.get("text")) for s in (a, b)]
            key = _key(rule, c.get("kind"), sorted(sides, key=str))
            yield (
                key,
                {
                    "record": c,
                    "article": b.get("article"),
                    "text": c.get("why"),
                    "anchor": b.get("record"),
                },
            )


# -- delivery ---------------------------------------------------------------------------------
def _article_info(store: Any, article_id: str | None) -> dict[str, Any] | None:
    if not article_id:
        return None
    row = store.execute(
        "SELECT id, title, url, outlet, published FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None
    return {k: row[k] for k in ("id", "title", "url", "outlet", "published")}


def _payload(
    store: Any, rule: dict[str, Any], key: str, match: dict[str, Any], base_url: str
) -> dict[str, Any]:
    rec = match["record"]
    aid = match.get("article")
    link = None
    if aid:
        link = f"{base_url.rstrip('/')}/articles/{aid}"
        anchor = match.get("anchor") or (rec.get("id") if rec.get("type") else None)
        if anchor:
            link += f"#rec-{anchor}"
    return {
        "alert": rule["name"],
        "kind": rule["kind"],
        "delivery": key,
        "record": rec,
        "article": _article_info(store, aid),
        "text": match.get("text"),
        "link": link,
        "delivered_at": _now(),
    }


def _in_file(path: str) -> set[str]:
    ids: set[str] = set()
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    ids.add(json.loads(line)["delivery"])
                except (ValueError, KeyError, TypeError):
                    continue  # a torn last line from a crash is not a delivery
    except FileNotFoundError:
        pass
    return ids


def _send(target: str, payload: dict[str, Any], client: Any) -> str | None:
    """Deliver one payload; None on success, else a one-line error."""
    if target.startswith(("http://", "https://")):
        try:
            r = client.post(target, json=payload, headers={"Idempotency-Key": payload["delivery"]})
        except Exception as exc:  # noqa: BLE001 - any transport failure is reported, not raised
            return f"{target}: {type(exc).__name__}: {exc}"
        return None if 200 <= r.status_code < 300 else f"{target}: HTTP {r.status_code}"
    line = json.dumps(payload, ensure_ascii=False, default=str) + "\n"
    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:  # a folder removed, a full disk: pending, retried next round
        return f"{target}: {exc.strerror or exc}"
    return None


def _mark(store: Any, alert: str, key: str, state: str, payload: dict | None) -> None:
    with store.transaction():
        store.execute(
            """INSERT INTO alert_deliveries(alert, key, state, payload, updated_at)
               VALUES (?,?,?,?,?)
               ON CONFLICT (alert, key) DO UPDATE SET state = excluded.state,
                 payload = COALESCE(excluded.payload, alert_deliveries.payload),
                 updated_at = excluded.updated_at""",
            (alert, key, state, json.dumps(payload, default=str) if payload else None, _now()),
        )


def deliver(store: Any, *, base_url: str | None = None, timeout: float = 10.0) -> Delivered:
    """Evaluate every rule and deliver its new matches once (pending ones first).

    Args:
        store: the open store.
        base_url: where the article pages are served (``NEWSLEDGER_BASE_URL``, else
            ``http://127.0.0.1:8000``), for the link in each alert.
        timeout: seconds per webhook request.

    Returns:
        How many were sent, and the errors (a failed delivery stays pending and is retried
        on the next round).
    """
    result = Delivered()
    rules = [
        {k: r[k] for k in r.keys()}
        for r in store.execute("SELECT name, kind, value, story, target FROM alerts")
    ]
    if not rules:
        return result  # the common case: nothing to evaluate, nothing to connect to
    import httpx

    base_url = base_url or os.environ.get("NEWSLEDGER_BASE_URL", "http://127.0.0.1:8000")
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for rule in rules:
            target = rule["target"]
            known = {
                r[0]: (r[1], r[2])
                for r in store.execute(
                    "SELECT key, state, payload FROM alert_deliveries WHERE alert = ?",
                    (rule["name"],),
                )
            }
            on_file = None if target.startswith("http") else _in_file(target)
            todo: list[tuple[str, dict[str, Any]]] = []
            for key, (state, payload) in known.items():
                if state == "pending" and payload:
                    todo.append((key, json.loads(payload)))
            try:
                for key, match in _matches(store, rule):
                    legacy = match.pop("_legacy_key", None)
                    old = known.get(legacy) if legacy else None
                    if key not in known and old and old[0] in ("delivered", "baseline"):
                        _mark(store, rule["name"], key, old[0], None)
                        known[key] = (old[0], None)
                    if key not in known:
                        todo.append((key, _payload(store, rule, key, match, base_url)))
                        known[key] = ("new", None)
            except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
                result.errors.append(f"alert {rule['name']}: {type(exc).__name__}: {exc}")
            failed = False
            for i, (key, payload) in enumerate(todo):
                if on_file is not None and key in on_file:
                    _mark(store, rule["name"], key, "delivered", None)  # sent before a crash
                    continue
                _mark(store, rule["name"], key, "pending", payload)
                if failed:
                    continue  # the target failed this round: the rest wait for the next one
                problem = _send(target, payload, client)
                if problem:
                    # One failure per target and round: a webhook that hangs costs one
                    # timeout, not one per pending alert.
                    failed = True
                    waiting = len(todo) - i - 1
                    more = f" ({waiting} more wait for the next round)" if waiting > 0 else ""
                    result.errors.append(f"alert {rule['name']}: {problem}{more}")
                    continue
                _mark(store, rule["name"], key, "delivered", None)
                result.sent += 1
    return result
