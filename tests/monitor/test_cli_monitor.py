"""The monitoring commands as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from newsledger.store.sqlite import SQLiteStore

from .conftest import Site


def nl(*args: str, **run: Any) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess; ``run`` goes to ``subprocess.run`` (``cwd=...``)."""
    run.setdefault("timeout", 300)
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args], capture_output=True, text=True, **run
    )


def test_alert_commands_validate_and_list(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    out = str(tmp_path / "a.jsonl")
    assert "exactly one" in nl("alert", "add", "x", "--to", out, "--db", db).stderr
    r = nl(
        "alert", "add", "x", "--about", "ceasefire", "--speaker", "Rutte", "--to", out, "--db", db
    )
    assert r.returncode != 0
    assert nl("alert", "add", "x", "--about", "t", "--to", "nofile.txt", "--db", db).returncode
    ok = nl("alert", "add", "cf", "--about", "ceasefire", "--to", out, "--db", db)
    assert ok.returncode == 0 and "baseline" in ok.stderr
    rows = [
        json.loads(x)
        for x in nl("alert", "list", "--format", "jsonl", "--db", db).stdout.splitlines()
    ]
    assert [(r["name"], r["kind"], r["value"]) for r in rows] == [("cf", "about", "ceasefire")]
    assert nl("alert", "remove", "cf", "--db", db).returncode == 0
    gone = nl("alert", "remove", "cf", "--db", db)
    assert gone.returncode != 0 and "no alert named" in gone.stderr


def test_watch_reports_bad_sources_and_sources_lists_them(tmp_path: Path, site: Site) -> None:
    db = str(tmp_path / "w.db")
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# my feeds\n{site.base}/nofeed.xml\n\n{site.base}/also-missing\n")
    missing = nl("sources", "--db", db)  # a listing only reads: it makes no store
    assert missing.returncode == 2 and "no store at" in missing.stderr
    assert not Path(db).exists()
    SQLiteStore(db).close()
    assert "no sources watched yet" in nl("sources", "--db", db).stderr
    r = nl("watch", str(listing), "--once", "--db", db, "--min-interval", "0")
    assert r.returncode == 1
    assert r.stderr.count("HTTP 404") == 2
    rows = [
        json.loads(x) for x in nl("sources", "--db", db, "--format", "jsonl").stdout.splitlines()
    ]
    assert sorted(x["source"] for x in rows) == [
        f"{site.base}/also-missing",
        f"{site.base}/nofeed.xml",
    ]
    assert all(x["last_status"] == "error" and x["errors"] == 1 for x in rows)
    one = nl("sources", "--db", db, "--format", "jsonl", "--limit", "1").stdout.splitlines()
    assert len(one) == 1  # --limit caps every format, like the other listings
    assert nl("watch", "x", "--every", "soon", "--db", db).returncode == 2


def test_watch_a_folder_prints_each_error_once_and_fails_on_failed_deliveries(
    tmp_path: Path,
) -> None:
    """A folder's bad file is one line; --once exits 1 when an alert could not be delivered."""
    db = str(tmp_path / "w.db")
    news = tmp_path / "news"
    news.mkdir()
    (news / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    (news / "ok.txt").write_text(
        "Officials said on Monday that 12 people were killed in the blast in the port city.\n",
        encoding="utf-8",
    )
    sub = tmp_path / "sub"
    sub.mkdir()
    # A relative target is kept absolute: the watcher may run from another folder.
    add = nl("alert", "add", "k", "--about", "killed", "--to", "out/k.jsonl", "--db", db, cwd=sub)
    assert add.returncode != 0 and "does not exist" in add.stderr  # sub/out is missing
    (sub / "out").mkdir()
    add = nl("alert", "add", "k", "--about", "killed", "--to", "out/k.jsonl", "--db", db, cwd=sub)
    assert add.returncode == 0, add.stderr
    listed = nl("alert", "list", "-f", "jsonl", "--db", db).stdout.splitlines()
    rows = [json.loads(x) for x in listed]
    assert rows[0]["target"] == str(sub / "out" / "k.jsonl")
    (sub / "out").rmdir()  # the target's folder goes away: the delivery fails
    r = nl("watch", str(news), "--once", "--db", db)
    assert r.stderr.count("bad.jsonl") == 1, r.stderr
    assert r.returncode == 1 and "No such file" in r.stderr
