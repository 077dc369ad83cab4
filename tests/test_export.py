"""Tests for the PLOVER JSON and CSV event exports, on real pipeline output."""

from __future__ import annotations

import csv
import io
from typing import Any

from newsledger.article import Article
from newsledger.export import events_to_csv, events_to_plover

TEXT = (
    "North Korean troops have been sent to Russia.\n"
    "Israeli troops detained more than 30 Palestinians in Hebron on Sunday."
)


def _records(run: Any) -> list[dict[str, Any]]:
    art = Article(text=TEXT, id="a1", published="2024-10-28")
    _doc, layers = run(TEXT, published="2024-10-28", id="a1")
    article = {"type": "article", "id": art.id, "published": art.published, "text": art.text}
    return [article, *[r for kind in ("actor", "time", "event") for r in layers.get(kind, [])]]


def test_plover_records_have_the_gsr_shape(run: Any) -> None:
    plover = events_to_plover(_records(run))
    assert [p["event"] for p in plover] == ["MOBILIZE", "COERCE"]
    mob, arrest = plover
    assert mob["id"] == "a1-v1" and mob["date"] == "2024-10-28"
    assert mob["source"][0]["code"] == "PRK" and mob["source"][0]["sector"] == "MIL"
    assert mob["source"][0]["name"] == "North Korea"
    assert mob["target"][0]["code"] == "RUS"
    assert mob["text"] == "North Korean troops have been sent to Russia."
    assert mob["eventText"] == "sent" and mob["mode"] == "troops"
    # the event's own date (last Sunday before publication), not the publication date
    assert arrest["date"] == "2024-10-27"
    assert arrest["eventLoc"]["name"] == "Hebron"


def test_plover_without_article_records_still_exports(run: Any) -> None:
    records = [r for r in _records(run) if r["type"] == "event"]
    plover = events_to_plover(records)
    assert len(plover) == 2 and plover[0]["text"] is None and plover[0]["date"] is None


def test_csv_has_one_row_per_event(run: Any) -> None:
    buf = io.StringIO(newline="")
    assert events_to_csv(_records(run), buf) == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [r["event"] for r in rows] == ["MOBILIZE", "COERCE"]
    assert rows[1]["actor_code"] == "ISR" and rows[1]["location_country"] == "PSE"
    assert rows[0]["trigger"] == "sent"
