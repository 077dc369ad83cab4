"""Queries across a store, shared by the command line and the HTTP API.

The filters of ``newsledger quotes|numbers|events|actors|search|articles`` live here (resolving a
speaker or actor name to actor ids, merging the rows of several ids, naming event actors), so the
CLI and the API give the same rows for the same filters. Every function takes ``limit`` and
``offset``: the API pages with an opaque cursor over ``offset``; the CLI shows the first page.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from newsledger import config

STATUSES = ("confirmed", "stated", "claimed", "alleged", "reported", "possible", "denied")
ACTOR_KINDS = ("country", "person", "org", "group", "media", "document")


@cache
def event_types() -> tuple[str, ...]:
    """The PLOVER event types, sorted: the types of the packaged CAMEO -> PLOVER table.

    Read from ``data/events/cameo2plover.tsv`` (the table the event lexicon is built from), so
    the list of types the extractor can emit lives in one place.
    """
    table = config.DATA_DIR / "events" / "cameo2plover.tsv"
    types = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if not line.startswith("#") and len(cols) > 1 and cols[1]:
            types.add(cols[1])
    return tuple(sorted(types))


def check_status(status: str | None) -> str | None:
    """``status`` in the store's spelling (lowercase), or None for no filter.

    Raises:
        ValueError: ``status`` is not one of :data:`STATUSES`.
    """
    if status is None:
        return None
    if status.lower() not in STATUSES:
        raise ValueError(f"--status {status!r} is not a status: choose {', '.join(STATUSES)}")
    return status.lower()


def check_event_type(type_: str | None) -> str | None:
    """``type_`` in the store's spelling (uppercase), or None for no filter.

    Raises:
        ValueError: ``type_`` is not one of :func:`event_types`.
    """
    if type_ is None:
        return None
    if type_.upper() not in event_types():
        raise ValueError(
            f"--type {type_!r} is not a PLOVER event type: choose {', '.join(event_types())}"
        )
    return type_.upper()


class UnknownActorError(LookupError):
    """No actor's id or name matches the name given as a filter."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no actor matches {name!r} (try `newsledger actors`)")
        self.name = name


def actor_ids(store: Any, name: str | None) -> list[str] | None:
    """Actor ids a ``--speaker``/``--actor`` filter means.

    Args:
        store: an open store.
        name: an actor id, or part of a canonical name (case-insensitive); None for no filter.

    Returns:
        The matching ids, or None when ``name`` is None (no filter).

    Raises:
        UnknownActorError: nothing matches.
    """
    if name is None:
        return None
    ids = store.find_actors(name)
    if not ids:
        raise UnknownActorError(name)
    return ids


def check_date(value: str | None, what: str = "date") -> None:
    """Raise ValueError unless ``value`` is None or a ``YYYY-MM-DD`` date."""
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


def _upto(limit: int | None, offset: int) -> int | None:
    """How many rows to ask the store for: every row when ``limit`` is None."""
    return None if limit is None else offset + limit


def _page(rows: list[dict[str, Any]], limit: int | None, offset: int) -> list[dict[str, Any]]:
    return rows[offset:] if limit is None else rows[offset : offset + limit]


def _position(rec: dict[str, Any]) -> int:
    span = rec.get("content") or rec.get("span") or [0]
    return span[0] if span[0] is not None else 0


def _merged(
    per_id: list[list[dict[str, Any]]], limit: int | None, offset: int
) -> list[dict[str, Any]]:
    """Rows of several actor ids in the store's order (newest first), each record once."""
    if len(per_id) == 1:
        return _page(per_id[0], limit, offset)
    seen: set[tuple[str, str]] = set()
    rows = []
    for group in per_id:
        for r in group:
            key = (r["article"], r["id"])
            if key not in seen:  # an event can name two matching actors
                seen.add(key)
                rows.append(r)
    # The store's order: published DESC (missing dates last), then article, then position.
    rows.sort(key=lambda r: (r["article"], _position(r)))
    rows.sort(key=lambda r: r.get("published") or "", reverse=True)
    return _page(rows, limit, offset)


def quotes(
    store: Any,
    *,
    speaker: str | None = None,
    status: str | None = None,
    about: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Attributions across the store, newest first.

    Args:
        store: an open store.
        speaker: speaker actor id or part of a name.
        status: one of :data:`STATUSES` (any case).
        about: words the content contains (case-insensitive substring).
        limit: most rows (None: every row).
        offset: rows skipped first.

    Returns:
        Attribution records with ``published`` and ``content_text`` (the words said).

    Raises:
        ValueError: ``status`` is not a status.
        UnknownActorError: ``speaker`` matches no actor.
    """
    status = check_status(status)
    groups = [
        store.query_records(
            "attribution", key1=sid, key2=status, about=about, limit=_upto(limit, offset)
        )
        for sid in actor_ids(store, speaker) or [None]
    ]
    rows = _merged(groups, limit, offset)
    for r in rows:
        r["content_text"] = r.pop("_text")
    return rows


def numbers(
    store: Any,
    *,
    unit: str | None = None,
    about: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Numbers the texts assert, newest first.

    Args:
        store: an open store.
        unit: part of what is counted (case-insensitive): ``troops``, ``USD``...
        about: words the number's phrase contains.
        limit: most rows (None: every row).
        offset: rows skipped first.

    Returns:
        Quantity records with ``published``.
    """
    rows = store.query_records("quantity", key1_like=unit, about=about, limit=_upto(limit, offset))
    rows = _page(rows, limit, offset)
    for r in rows:
        r.pop("_text")
    return rows


def events(
    store: Any,
    *,
    type_: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """PLOVER events across the store, newest first.

    Args:
        store: an open store.
        type_: PLOVER type (any case), e.g. ``MOBILIZE``.
        actor: actor id or part of a name, in any role.
        since: events dated on or after this ``YYYY-MM-DD``.
        limit: most rows (None: every row).
        offset: rows skipped first.

    Returns:
        Event records with ``published`` and ``trigger`` (the trigger's words).

    Raises:
        ValueError: ``type_`` is not a PLOVER type, or ``since`` is not a date.
        UnknownActorError: ``actor`` matches no actor.
    """
    type_ = check_event_type(type_)
    check_date(since, "--since")
    groups = [
        store.query_records(
            "event",
            key1=type_,
            key2_since=since,
            actor=aid,
            limit=_upto(limit, offset),
        )
        for aid in actor_ids(store, actor) or [None]
    ]
    rows = _merged(groups, limit, offset)
    for r in rows:
        r["trigger"] = r.pop("_text")
    return rows


def with_actor_names(store: Any, rows: list[dict[str, Any]]) -> None:
    """Add readable ``actors``/``recipients`` columns next to the events' actor id lists."""
    ids = {a for r in rows for f in ("actor", "recipient") for a in r.get(f) or []}
    names = store.actor_names(ids)
    for r in rows:
        r["actors"] = ", ".join(names.get(a, a) for a in r.get("actor") or [])
        r["recipients"] = ", ".join(names.get(a, a) for a in r.get("recipient") or [])


def actors(
    store: Any, *, kind: str | None = None, limit: int | None = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Canonical actors with mentions, articles and times quoted, most present first."""
    return store.actors(limit=_upto(limit, offset), kind=kind)[offset:]


def articles(store: Any, *, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stored articles, newest first, with counts of attributions, numbers and events."""
    return store.articles(limit=limit, offset=offset)


def search(store: Any, text: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Full-text search over titles and texts, best first, with a snippet.

    Raises:
        ValueError: the store rejects the query.
    """
    return store.search(text, limit=_upto(limit, offset))[offset:]


def actor(store: Any, actor_id: str) -> dict[str, Any] | None:
    """One actor (``id``, ``name``, ``kind``, ``code``), or None when unknown."""
    row = store.execute("SELECT id, name, kind, code FROM actors WHERE id = ?", (actor_id,))
    row = row.fetchone()
    if row is None:
        return None
    return {"id": row[0], "name": row[1], "kind": row[2], "code": row[3]}


def counts(store: Any) -> dict[str, int]:
    """How many articles, actors and records of each type the store holds."""
    out = {"articles": store.count_articles()}
    out["actors"] = store.execute("SELECT count(*) FROM actors").fetchone()[0]
    for row in store.execute("SELECT type, count(*) FROM records GROUP BY type"):
        out[row[0]] = row[1]
    return out
