"""Alerts on estimate series and contradictions (monitor/alerts.py over link/)."""

from __future__ import annotations

import json
from pathlib import Path

from newsledger.link.conflicts import conflicts
from newsledger.link.estimates import estimates
from newsledger.monitor.alerts import add_alert, deliver
from newsledger.store.sqlite import SQLiteStore


def _forget_baseline(store: SQLiteStore, name: str) -> None:
    # As if every current match had appeared after the rule was added.
    with store.transaction():
        store.execute("DELETE FROM alert_deliveries WHERE alert = ?", (name,))


def test_series_alert_delivers_each_figure_once_with_a_link(
    store_copy: SQLiteStore, tmp_path: Path
) -> None:
    rows = estimates(store_copy)
    series = max({r["series"] for r in rows}, key=lambda s: sum(r["series"] == s for r in rows))
    members = [r for r in rows if r["series"] == series]
    out = tmp_path / "s.jsonl"
    assert add_alert(store_copy, "toll", "series", series, str(out)) == len(members)
    assert deliver(store_copy).sent == 0
    _forget_baseline(store_copy, "toll")
    assert deliver(store_copy, base_url="http://x.test").sent == len(members)
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert sorted(x["record"]["quantity"] for x in lines) == sorted(r["quantity"] for r in members)
    assert all(
        x["link"] == f"http://x.test/articles/{x['article']['id']}#rec-{x['record']['quantity']}"
        for x in lines
    )
    assert deliver(store_copy).sent == 0


def test_conflicts_alert_names_both_sides(store_copy: SQLiteStore, tmp_path: Path) -> None:
    found = conflicts(store_copy)
    assert found, "the gold stories hold at least one contradiction"
    out = tmp_path / "c.jsonl"
    assert add_alert(store_copy, "cx", "conflicts", None, str(out)) == len(found)
    _forget_baseline(store_copy, "cx")
    assert deliver(store_copy).sent == len(found)
    line = json.loads(out.read_text().splitlines()[0])
    assert line["record"]["a"]["text"] and line["record"]["b"]["text"]
    assert line["article"]["id"] == line["record"]["b"]["article"]
    assert line["text"] == line["record"]["why"]
