"""The estimates, conflicts and brief commands, run as a user runs them (real processes)."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from newsledger.link.estimates import estimates
from newsledger.store.sqlite import SQLiteStore


def nl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args], capture_output=True, text=True, timeout=600
    )


def test_estimates_jsonl_prints_every_row_and_plots(series_db: Path, tmp_path: Path) -> None:
    chart = tmp_path / "train.svg"
    r = nl("estimates", "--db", str(series_db), "--format", "jsonl", "--plot", str(chart))
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    store = SQLiteStore(series_db)
    assert len(lines) == len(estimates(store)) > 0
    store.close()
    assert {"series", "measure", "story", "quantity", "speaker", "status", "change"} <= set(
        lines[0]
    )
    assert ET.parse(chart).getroot().tag.endswith("svg")
    r = nl("estimates", "--db", str(series_db), "--format", "jsonl", "--limit", "3")
    assert len(r.stdout.splitlines()) == 3


def test_unknown_story_is_an_error(series_db: Path) -> None:
    for cmd in (["estimates"], ["conflicts"], ["brief"]):
        r = nl(*cmd, "--db", str(series_db), "--story", "no-such-story")
        assert r.returncode != 0
        assert "no story 'no-such-story'" in r.stderr


def test_empty_store_is_a_message_not_an_error(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    SQLiteStore(db).close()  # an empty store (a missing one is an error: no store at PATH)
    for cmd in (["estimates"], ["conflicts"], ["brief", "--story", "x"]):
        r = nl(*cmd, "--db", db)
        assert r.returncode == 0, r.stderr
        assert "no articles" in r.stderr
        assert r.stdout.strip() == ""


def test_brief_of_a_one_article_story_and_to_a_file(series_db: Path, tmp_path: Path) -> None:
    r = nl("brief", "--db", str(series_db), "--story", "nk-troops-kursk")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# ") and "[nk-troops-kursk" in r.stdout
    out = tmp_path / "b.html"
    r = nl(
        "brief",
        "--db",
        str(series_db),
        "--story",
        "pakistan-train",
        "-f",
        "html",
        "--out",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = nl("brief", "--db", str(series_db), "--story", "pakistan-train", "-f", "pdf")
    assert r.returncode != 0 and "md or html" in r.stderr


def test_conflicts_json_has_both_sides(series_db: Path) -> None:
    r = nl("conflicts", "--db", str(series_db), "--story", "somalia-hotel", "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and all(row["a"]["span"] and row["b"]["span"] for row in rows)
