"""Export event records as PLOVER JSON records or as a flat CSV table; the CSV layout of records.

Input is a stream of contract dicts (``newsledger extract`` output, store rows): ``event``
records plus, where available, the ``article``, ``actor`` and ``time`` records of the same
articles, which give the text, actor names and dates. Records of several articles may be mixed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import fields
from typing import IO, Any

# The article record's fields after ``type`` and ``id`` (``Article.record``), in contract order.
ARTICLE_FIELDS = ("url", "path", "outlet", "title", "published", "lang", "sha256", "text")


def record_columns() -> list[str]:
    """The CSV header of records of every type (``extract``/``show --format csv``).

    ``type``, ``id``, ``article``, then the article record's fields, then each record type's
    fields in contract order (actor, entity, attribution, quantity, time, event, with
    newsledger's added fields where the type declares them), each name once, and ``extractor``
    last. A field shared by several types (``text``, ``span``, ``status``...) is one column;
    a type lacking a field leaves its cell empty (docs/records.md, "Records as CSV").
    """
    # Imported here: the event extractor (spaCy) declares the event records' PLOVER fields,
    # and only the CSV header needs them.
    from newsledger.extract.events import PloverEvent
    from newsledger.records import RECORD_TYPES, Event

    columns = ["type", "id", "article", *ARTICLE_FIELDS]
    for cls in (*(c for c in RECORD_TYPES if c is not Event), PloverEvent):
        columns += [f.name for f in fields(cls) if f.name not in columns]
    columns.append("extractor")
    return columns


CSV_FIELDS = (
    "id",
    "article",
    "date",
    "event",
    "mode",
    "aux",
    "actor",
    "actor_name",
    "actor_code",
    "actor_sector",
    "recipient",
    "recipient_name",
    "recipient_code",
    "recipient_sector",
    "location",
    "lat",
    "lon",
    "location_country",
    "time",
    "status",
    "attribution",
    "trigger",
    "text",
)


def _entities(ev: dict[str, Any], role: str, names: dict[str, str]) -> list[dict[str, Any]]:
    ids = ev.get(role) or []
    codes = ev.get(f"{role}_code") or []
    sectors = ev.get(f"{role}_sector") or []
    texts = ev.get(f"{role}_text") or []
    out = []
    for i, actor in enumerate(ids):
        code = codes[i] if i < len(codes) else None
        if code is None and isinstance(actor, str) and actor.startswith("country:"):
            code = actor.split(":", 1)[1]
        text = texts[i] if i < len(texts) and texts[i] else names.get(actor, actor)
        entry = {"actorText": text, "code": code, "actor": actor, "name": names.get(actor)}
        sector = sectors[i] if i < len(sectors) else None
        if sector:
            entry["sector"] = sector
        out.append(entry)
    return out


def events_to_plover(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """PLOVER JSON records (the shape of the PLOVER gold-standard records) for event records.

    Args:
        records: contract dicts; ``event`` records are exported, ``article``/``actor``/``time``
            records of the same articles supply text, names and dates.

    Returns:
        One dict per event: ``id`` (``<article>-<event id>``), ``date`` (the event's time
        record start, else the article's publication date), ``source``/``target`` (lists of
        ``{actorText, code, sector, actor, name}``), ``event``, ``mode``, ``text`` (the
        sentence, when the article text is available), ``eventText`` (the trigger),
        ``eventLoc``, and newsledger's ``time``, ``aux``, ``status``, ``attribution``,
        ``article``, ``span``.
    """
    recs = list(records)
    names: dict[str, str] = {}
    texts: dict[str, str] = {}
    published: dict[str, str | None] = {}
    times: dict[tuple[str, str], dict[str, Any]] = {}
    for r in recs:
        kind = r.get("type")
        if kind == "actor":
            names[r["id"]] = r.get("name") or r["id"]
        elif kind == "article":
            if r.get("text") is not None:
                texts[r["id"]] = r["text"]
            published[r["id"]] = r.get("published")
        elif kind == "time":
            times[(r.get("article") or "", r["id"])] = r
    out = []
    for ev in recs:
        if ev.get("type") != "event":
            continue
        art = ev.get("article") or ""
        text = texts.get(art)
        t = times.get((art, ev.get("time") or ""))
        date = (t or {}).get("start") or (t or {}).get("end") or published.get(art)
        sent, span = ev.get("sentence") or [], ev.get("span") or []
        rec: dict[str, Any] = {
            "id": f"{art}-{ev['id']}" if art else ev["id"],
            "date": date,
            "source": _entities(ev, "actor", names),
            "target": _entities(ev, "recipient", names),
            "event": ev.get("event"),
            "mode": ev.get("mode") or "",
            "text": text[sent[0] : sent[1]] if text and len(sent) == 2 else None,
            "eventText": text[span[0] : span[1]] if text and len(span) == 2 else None,
            "eventLoc": ev.get("location"),
            "time": ev.get("time"),
            "aux": ev.get("aux"),
            "status": ev.get("status"),
            "attribution": ev.get("attribution"),
            "article": art or None,
            "span": span,
        }
        out.append(rec)
    return out


def events_to_csv(records: Iterable[dict[str, Any]], file: IO[str]) -> int:
    """Write events as CSV, one row per event; list fields are joined with ``|``.

    Args:
        records: contract dicts as for :func:`events_to_plover`.
        file: a text stream opened with ``newline=""``.

    Returns:
        The number of rows written.
    """
    writer = csv.DictWriter(file, fieldnames=CSV_FIELDS)
    writer.writeheader()
    n = 0
    for p in events_to_plover(records):
        loc = p.get("eventLoc") or {}

        def join(role: str, key: str, p: dict[str, Any] = p) -> str:
            return "|".join(str(e.get(key) or "") for e in p[role])

        writer.writerow(
            {
                "id": p["id"],
                "article": p["article"] or "",
                "date": p["date"] or "",
                "event": p["event"],
                "mode": p["mode"],
                "aux": p["aux"] or "",
                "actor": join("source", "actor"),
                "actor_name": join("source", "name"),
                "actor_code": join("source", "code"),
                "actor_sector": join("source", "sector"),
                "recipient": join("target", "actor"),
                "recipient_name": join("target", "name"),
                "recipient_code": join("target", "code"),
                "recipient_sector": join("target", "sector"),
                "location": loc.get("name") or "",
                "lat": "" if loc.get("lat") is None else loc["lat"],
                "lon": "" if loc.get("lon") is None else loc["lon"],
                "location_country": loc.get("country") or "",
                "time": p.get("time") or "",
                "status": p["status"] or "",
                "attribution": p["attribution"] or "",
                "trigger": p["eventText"] or "",
                "text": p["text"] or "",
            }
        )
        n += 1
    return n
