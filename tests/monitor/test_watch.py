from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from newsledger.monitor import make_watcher
from newsledger.monitor.alerts import AlertError, add_alert, deliver, list_alerts, remove_alert
from newsledger.monitor.fetch import FetchSettings
from newsledger.monitor.watch import article_id_for, canonical_url, list_sources
from newsledger.store.sqlite import SQLiteStore
from newsledger.store.versions import diff_versions, versions

from .conftest import Site, feed_xml, page_html

FAST = FetchSettings(timeout=1.0, retries=1, backoff=0.05, min_interval=0.0)


def serve_stories(site: Site, demo: list[dict[str, Any]], n: int) -> list[str]:
    paths = []
    for i, row in enumerate(demo[:n]):
        path = f"/news/{i}"
        site.pages[path] = page_html(row["title"], row["text"])
        paths.append(path)
    site.feeds["/feed.xml"] = feed_xml(site, [(p, demo[i]["title"]) for i, p in enumerate(paths)])
    return paths


def test_cycle_stores_new_items_and_reports_bad_sources(
    tmp_path: Path, site: Site, nlp: Language, demo_texts: list[dict[str, Any]]
) -> None:
    paths = serve_stories(site, demo_texts, 2)
    site.pages["/news/menu"] = "<html><body><a href='/'>Home</a></body></html>"
    site.feeds["/feed.xml"] = feed_xml(
        site, [(p, "t") for p in paths] + [("/news/gone", "404"), ("/news/menu", "not an article")]
    )
    site.feeds["/broken.xml"] = "<html><body>this is not a feed</body></html>"
    site.feeds["/cut.xml"] = "<rss><channel><title>Broken"  # truncated: no items at all
    store = SQLiteStore(tmp_path / "w.db")
    watcher, fetcher = make_watcher(store, nlp, settings=FAST)
    with fetcher:
        cycle = watcher.cycle(
            [
                site.base + "/feed.xml",
                site.base + "/broken.xml",
                "http://127.0.0.1:9/feed",
                site.base + "/cut.xml",
            ]
        )
    feed, broken, dead, cut = cycle.sources
    assert cut.status == "error" and "malformed feed XML" in cut.errors[0]
    assert "root element <html>" in broken.errors[0]
    assert feed.new == 2 and feed.status == "partial" and len(feed.errors) == 2
    assert any("HTTP 404" in e for e in feed.errors)
    assert any("no article text" in e for e in feed.errors)
    assert broken.status == "error" and "not an RSS/Atom feed" in broken.errors[0]
    assert dead.status == "error" and dead.errors
    ids = sorted(cycle.stored)
    assert ids == sorted(article_id_for(site.base + p) for p in paths)
    art = store.article(ids[0])
    assert art["url"] == canonical_url(art["url"]) and "utm_source" not in art["url"]
    assert art["outlet"] == "Loopback News"
    status = {r["source"]: r for r in list_sources(store)}
    assert status[site.base + "/feed.xml"]["new_items"] == 2
    assert status[site.base + "/broken.xml"]["last_status"] == "error"


def test_second_cycle_is_conditional_and_catches_quiet_edits(
    tmp_path: Path, site: Site, nlp: Language, demo_texts: list[dict[str, Any]]
) -> None:
    paths = serve_stories(site, demo_texts, 2)
    store = SQLiteStore(tmp_path / "w.db")
    watcher, fetcher = make_watcher(store, nlp, settings=FAST)
    with fetcher:
        first = watcher.cycle([site.base + "/feed.xml"])
        assert first.sources[0].new == 2
        n_before = len(site.requests)
        second = watcher.cycle([site.base + "/feed.xml"])
        assert second.sources[0].status == "not modified" and second.sources[0].new == 0
        # Every request of the second cycle was conditional and answered without a body.
        later = site.requests[n_before:]
        assert later and all("If-None-Match" in h for _, p, h in later if p != "/robots.txt")
        # The outlet quietly revises a figure in one story, without touching the feed.
        row = demo_texts[0]
        edited = row["text"] + "\nCorrection: at least 250 people were killed in the attack."
        site.pages[paths[0]] = page_html(row["title"], edited)
        third = watcher.cycle([site.base + "/feed.xml"])
    assert third.sources[0].updated == 1 and third.stored == [article_id_for(site.base + paths[0])]
    aid = third.stored[0]
    vs = versions(store, aid)
    assert [v["version"] for v in vs] == [1, 2] and vs[-1]["current"] and not vs[0]["current"]
    change = diff_versions(store, aid, 1, 2)
    assert any(line.startswith("+Correction: at least 250") for line in change["text"])
    assert any(c["change"] == "added" and "250" in c["text"] for c in change["records"])


def test_alerts_are_delivered_once_to_file_and_webhook(
    tmp_path: Path, site: Site, nlp: Language, demo_texts: list[dict[str, Any]]
) -> None:
    store = SQLiteStore(tmp_path / "w.db")
    out = tmp_path / "alerts.jsonl"
    word = _a_word_in_numbers(nlp, demo_texts[1]["text"])
    # Baseline: what matches before the rule exists is not delivered.
    assert add_alert(store, "nums", "about", word, str(out)) == 0
    assert add_alert(store, "hook", "about", word, site.base + "/hook") == 0
    with pytest.raises(AlertError):
        add_alert(store, "nums", "about", "x", str(out))
    with pytest.raises(AlertError):
        add_alert(store, "bad", "about", "x", "ftp://example.org/x")
    serve_stories(site, demo_texts, 2)
    watcher, fetcher = make_watcher(store, nlp, settings=FAST)
    with fetcher:
        watcher.cycle([site.base + "/feed.xml"])
    first = deliver(store, base_url="http://example.test")
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert first.sent == 2 * len(lines) and lines and not first.errors
    one = lines[0]
    assert word.lower() in one["text"].lower()
    assert one["link"].startswith("http://example.test/articles/") and "#rec-" in one["link"]
    assert one["article"]["title"] and one["record"]["type"] in ("attribution", "quantity", "event")
    assert len({line["delivery"] for line in lines}) == len(lines)
    hooks = site.hooks
    assert len(hooks) == len(lines)
    assert all(h[1].get("Idempotency-Key") == h[0]["delivery"] for h in hooks)
    # Evaluating again delivers nothing new.
    assert deliver(store).sent == 0 and len(out.read_text().splitlines()) == len(lines)
    listed = {a["name"]: a for a in list_alerts(store)}
    assert listed["nums"]["delivered"] == len(lines) and listed["nums"]["pending"] == 0
    assert remove_alert(store, "hook") and not remove_alert(store, "hook")


def _a_word_in_numbers(nlp: Language, text: str) -> str:
    """A word from a number the pipeline finds in this text (so the rule has matches)."""
    from newsledger.nlp import parse_article

    layers = parse_article(nlp, text, {"id": "x"})._.newsledger or {}
    q = layers["quantity"][0]
    return text[q["span"][0] : q["span"][1]]


def test_pending_delivery_found_in_file_is_not_sent_again(
    tmp_path: Path, nlp: Language, demo_texts: list[dict[str, Any]]
) -> None:
    from newsledger.article import Article
    from newsledger.pipeline import extract_articles

    store = SQLiteStore(tmp_path / "w.db")
    out = tmp_path / "a.jsonl"
    word = _a_word_in_numbers(nlp, demo_texts[1]["text"])
    add_alert(store, "nums", "about", word, str(out))
    art = Article(text=demo_texts[1]["text"], id="a1", title="t")
    for res in extract_articles([art], nlp=nlp):
        store.save(res.article, res.layers, "p")
    deliver(store)
    n = len(out.read_text().splitlines())
    assert n >= 1
    # A crash after writing the file but before marking it delivered leaves it pending.
    store.execute("UPDATE alert_deliveries SET state = 'pending' WHERE state = 'delivered'")
    again = deliver(store)
    assert again.sent == 0 and len(out.read_text().splitlines()) == n
    assert list_alerts(store)[0]["pending"] == 0


def _cli(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsledger", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_watcher_killed_mid_cycle_loses_nothing_and_alerts_once(
    tmp_path: Path, site: Site, demo_texts: list[dict[str, Any]]
) -> None:
    import sqlite3

    paths = serve_stories(site, demo_texts, 5)
    db = tmp_path / "k.db"
    alerts = tmp_path / "alerts.jsonl"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    add = _cli(
        "alert", "add", "all-the", "--about", "the", "--to", str(alerts), "--db", str(db), env=env
    )
    assert add.wait(120) == 0, add.stderr.read()
    feed = site.base + "/feed.xml"
    # A slow rate limit keeps the cycle long enough to kill it in the middle.
    args = ("watch", feed, "--once", "--db", str(db), "--min-interval", "0.7")
    proc = _cli(*args, env=env)
    deadline = time.monotonic() + 180
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            con = sqlite3.connect(db)
            stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            continue
        if stored >= 2:
            break
    assert proc.poll() is None, "the watcher finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 2 <= stored < len(paths)
    again = _cli(*args, env=env)
    assert again.wait(300) == 0, again.stderr.read()
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM articles")]
    versions_kept = con.execute("SELECT count(*) FROM article_versions").fetchone()[0]
    deliveries = con.execute(
        "SELECT count(*) FROM alert_deliveries WHERE state = 'delivered'"
    ).fetchone()[0]
    con.close()
    assert sorted(ids) == sorted(article_id_for(site.base + p) for p in paths)
    assert versions_kept == 0
    lines = [json.loads(line) for line in alerts.read_text().splitlines()]
    assert lines and len({x["delivery"] for x in lines}) == len(lines) == deliveries


def _store_text(store: SQLiteStore, nlp: Language, text: str, aid: str = "a1") -> None:
    from newsledger.article import Article
    from newsledger.pipeline import extract_articles

    for res in extract_articles([Article(text=text, id=aid, title="t")], nlp=nlp):
        store.save(res.article, res.layers, "p")


def test_an_alert_follows_the_words_not_their_place(tmp_path: Path, nlp: Language) -> None:
    """A paragraph added above a quote moves it: no new alert. Its words changed: a new one."""
    store = SQLiteStore(tmp_path / "w.db")
    out = tmp_path / "a.jsonl"
    body = 'Defence Minister Jane Okafor said on Monday: "We must spend more on defence."\n'
    _store_text(store, nlp, body)
    add_alert(store, "okafor", "speaker", "Okafor", str(out))
    _store_text(store, nlp, "KYIV (VOA) — A dateline and a first paragraph.\n\n" + body)
    assert deliver(store).sent == 0 and not out.exists()
    _store_text(store, nlp, body.replace("spend more", "spend less"))
    sent = deliver(store)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert sent.sent == 1 and len(lines) == 1 and "spend less" in json.dumps(lines[0])


def test_a_failing_target_neither_stops_the_round_nor_waits_once_per_alert(
    tmp_path: Path, nlp: Language, site: Site
) -> None:
    """A removed folder fails in one line and stays pending; a dead webhook costs one try."""
    store = SQLiteStore(tmp_path / "w.db")
    gone = tmp_path / "gone"
    gone.mkdir()
    add_alert(store, "a-file", "about", "killed", str(gone / "x.jsonl"))
    add_alert(store, "b-hook", "about", "killed", "http://127.0.0.1:9/hook")  # nothing listens
    add_alert(store, "c-file", "about", "killed", str(tmp_path / "ok.jsonl"))
    gone.rmdir()
    text = "Officials said 12 people were killed on Monday. Police said 3 more were killed later.\n"
    _store_text(store, nlp, text)
    got = deliver(store, timeout=1.0)
    assert len(got.errors) == 2, got.errors  # one per failing target, not one per match
    assert any("gone" in e and "No such file" in e for e in got.errors)
    assert any("b-hook" in e and "more wait" in e for e in got.errors)
    ok = (tmp_path / "ok.jsonl").read_text().splitlines()
    assert len(ok) >= 2 and got.sent == len(ok)  # the rule after the broken ones ran
    pending = {a["name"]: a["pending"] for a in list_alerts(store)}
    assert pending["a-file"] == len(ok) and pending["b-hook"] == len(ok)
    gone.mkdir()
    again = deliver(store, timeout=1.0)
    assert len((gone / "x.jsonl").read_text().splitlines()) == len(ok)
    assert again.sent == len(ok) and len(again.errors) == 1  # the webhook is still down


def test_deliveries_under_the_old_keys_are_not_sent_again(tmp_path: Path, nlp: Language) -> None:
    """Stores from before the word keys: what was delivered under a record-id key stays so."""
    from newsledger.monitor.alerts import _matches

    store = SQLiteStore(tmp_path / "w.db")
    out = tmp_path / "a.jsonl"
    add_alert(store, "nums", "about", "killed", str(out))
    _store_text(store, nlp, "Officials said 12 people were killed on Monday.\n")
    n = deliver(store).sent
    assert n >= 1
    rule = {"name": "nums", "kind": "about", "value": "killed", "story": None, "target": str(out)}
    with store.transaction():
        for key, match in _matches(store, rule):  # as an older newsledger keyed them
            store.execute(
                "UPDATE alert_deliveries SET key = ? WHERE alert = 'nums' AND key = ?",
                (match["_legacy_key"], key),
            )
    out.unlink()
    assert deliver(store).sent == 0 and not out.exists()
    assert list_alerts(store)[0]["delivered"] >= n


def test_a_list_of_folders_is_a_list_not_an_article(tmp_path: Path) -> None:
    from newsledger.monitor.watch import expand_sources

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    listing = tmp_path / "folders.txt"
    listing.write_text(f"# what to watch\n{a}\n\n{b}  # the second\n", encoding="utf-8")
    assert list(expand_sources([str(listing)])) == [str(a), str(b)]
    article = tmp_path / "story.txt"
    article.write_text("Officials said 12 people were killed.\n", encoding="utf-8")
    assert list(expand_sources([str(article)])) == [str(article)]
