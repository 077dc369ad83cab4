"""The command line, run as a user runs it (a real process, real files, real SQLite)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

STORY = """Troops massed near the border, officials say

Defence Minister Jane Okafor said on Monday that 2,000 troops had been sent to the border.
"We will not be intimidated," she said.
Russia bombed a power plant in Kharkiv on Sunday, officials said.
"""


def nl(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("cli")
    story = d / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    db = d / "x.db"
    r = nl("ingest", str(story), "--db", str(db), "--published", "2024-10-28", "--outlet", "Wire")
    assert r.returncode == 0, r.stderr
    assert "stored 1" in r.stderr
    return db, story


def test_help_on_every_command_has_an_example() -> None:
    top = nl("--help")
    assert top.returncode == 0
    for cmd in [
        "extract",
        "ingest",
        "articles",
        "show",
        "actors",
        "search",
        "demo",
        "quotes",
        "numbers",
        "events",
    ]:
        assert cmd in top.stdout
        r = nl(cmd, "--help")
        assert r.returncode == 0, cmd
        assert "Example" in r.stdout, cmd


def test_extract_prints_contract_jsonl(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    r = nl("extract", str(story), "--published", "2024-10-28", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    art = recs[0]
    assert art["type"] == "article" and art["published"] == "2024-10-28"
    assert art["path"] == str(story)
    text = art["text"]
    for rec in recs[1:]:
        assert rec["article"] == art["id"]
        assert rec["extractor"].startswith("newsledger.")
        span = rec.get("span") or rec.get("content")
        if span:
            assert 0 <= span[0] < span[1] <= len(text)
            if "text" in rec:
                assert text[span[0] : span[1]] == rec["text"]
    no_text = nl("extract", str(story), "--no-text")
    assert "text" not in json.loads(no_text.stdout.splitlines()[0])


def test_extract_bad_input_exits_nonzero_naming_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    r = nl("extract", str(empty), str(good))
    assert r.returncode == 1
    assert "empty.txt" in r.stderr and "Traceback" not in r.stderr
    assert json.loads(r.stdout.splitlines()[0])["type"] == "article"
    bad_date = nl("extract", str(good), "--published", "yesterday")
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr


def test_listing_commands_and_formats(stored: tuple[Path, Path]) -> None:
    db, _ = stored
    r = nl("articles", "--db", str(db), "--format", "json")
    rows = json.loads(r.stdout)
    assert len(rows) == 1 and rows[0]["outlet"] == "Wire"
    r = nl("articles", "--db", str(db), "--format", "csv")
    assert next(csv.DictReader(io.StringIO(r.stdout)))["id"] == rows[0]["id"]
    r = nl("search", "troops border", "--db", str(db), "--format", "jsonl")
    assert json.loads(r.stdout.splitlines()[0])["id"] == rows[0]["id"]
    r = nl("actors", "--db", str(db), "--format", "json")
    assert r.returncode == 0
    r = nl("show", rows[0]["id"][:8], "--db", str(db))
    assert r.returncode == 0 and "Okafor" in r.stdout
    r = nl("show", "no-such-article", "--db", str(db))
    assert r.returncode == 2 and "no article" in r.stderr


def test_show_html_writes_a_page(stored: tuple[Path, Path], tmp_path: Path) -> None:
    db, _ = stored
    aid = json.loads(nl("articles", "--db", str(db), "--format", "json").stdout)[0]["id"]
    page = tmp_path / "p.html"
    r = nl("show", aid, "--db", str(db), "--html", str(page))
    assert r.returncode == 0, r.stderr
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Okafor" in html


def test_quotes_numbers_events_over_the_store(stored: tuple[Path, Path]) -> None:
    db, _ = stored
    r = nl("quotes", "--db", str(db), "--format", "json")
    quotes = json.loads(r.stdout)
    assert any("intimidated" in (q["content_text"] or "") for q in quotes)
    r = nl("quotes", "--db", str(db), "--speaker", "Okafor", "--format", "json")
    assert json.loads(r.stdout) and all(q["speaker_name"] for q in json.loads(r.stdout))
    r = nl("quotes", "--db", str(db), "--status", "denied", "--format", "json")
    assert json.loads(r.stdout) == []
    r = nl("numbers", "--db", str(db), "--unit", "troops", "--format", "json")
    nums = json.loads(r.stdout)
    assert [n["value"] for n in nums] == [2000]
    r = nl("events", "--db", str(db), "--format", "json", "--type", "assault")
    assert [(e["event"], e["actors"]) for e in json.loads(r.stdout)] == [("ASSAULT", "Russia")]
    r = nl("events", "--db", str(db), "--actor", "Russia", "--since", "2024-10-28")
    assert r.returncode == 0 and "ASSAULT" not in r.stdout  # it happened on Sunday the 27th
    r = nl("events", "--db", str(db), "--format", "csv", "--actor", "Russia")
    row = next(csv.DictReader(io.StringIO(r.stdout)))
    assert (row["date"], row["actor_name"], row["location"]) == ("2024-10-27", "Russia", "Kharkiv")
    r = nl("events", "--db", str(db), "--format", "plover", "--type", "ASSAULT")
    plover = json.loads(r.stdout)
    assert plover[0]["source"][0]["code"] == "RUS" and "Kharkiv" in plover[0]["text"]
