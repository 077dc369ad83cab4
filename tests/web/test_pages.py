"""Pages and the highlighted text, checked in process (no browser needed)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsledger.render import highlight_paragraphs, show_bidi
from newsledger.store import open_store
from newsledger.web import create_app

from .conftest import HOSTILE


@pytest.fixture(scope="module")
def client(web_db: str) -> TestClient:
    return TestClient(create_app(web_db))


@pytest.fixture(scope="module")
def story(web_db: str) -> Iterator[str]:
    """A story linking two articles, written the way the story linker writes its tables."""
    store = open_store(web_db)
    now = "2024-11-01T00:00:00+00:00"
    with store.transaction():
        store.execute(
            "INSERT INTO stories(id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            ("s-test", "<b>Border</b> troops", now, now),
        )
        for aid in ("okafor", "hostile-1"):
            store.execute(
                "INSERT INTO story_articles(article_id, story_id, score, joined_at)"
                " VALUES (?, ?, ?, ?)",
                (aid, "s-test", 1.0, now),
            )
    store.close()
    yield "s-test"
    store = open_store(web_db)
    with store.transaction():
        store.execute("DELETE FROM story_articles WHERE story_id = ?", ("s-test",))
        store.execute("DELETE FROM stories WHERE id = ?", ("s-test",))
    store.close()


def test_highlighted_text_keeps_every_character_and_anchors_each_record(web_db: str) -> None:
    store = open_store(web_db)
    for art in store.articles(limit=100):
        a = store.article(art["id"])
        layers = store.layers(art["id"])
        paragraphs = highlight_paragraphs(a["text"], layers)
        joined = "\n".join(paragraphs)
        # Strip our tags: what is left, unescaped, is the text exactly (no line is lost).
        plain = html.unescape(re.sub(r"<[^>]+>", "", joined))
        lines = [ln for ln in show_bidi(a["text"]).split("\n") if ln]
        assert plain == "\n".join(lines), art["id"]
        ids = re.findall(r'id="rec-([^"]+)"', joined)
        assert len(ids) == len(set(ids))
        wanted = [r["id"] for k in ("attribution", "quantity", "time") for r in layers.get(k, [])]
        assert sorted(ids) == sorted(html.escape(i) for i in wanted)
    store.close()


def test_pages_render_with_security_headers(client: TestClient, story: str) -> None:
    for path in [
        "/",
        "/articles/okafor",
        "/quotes?status=stated",
        "/quotes?speaker=nobody-at-all",
        "/numbers?unit=troops",
        "/events?since=2024-01-01",
        "/actors?kind=person",
        "/search?q=troops",
        "/search",
        f"/stories/{story}",
    ]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        # No inline script or style, and nothing in <head> loaded from elsewhere.
        assert "<script>" not in r.text and " style=" not in r.text
        assert "http" not in r.text.split("</head>")[0]
    assert client.get("/events?since=soon").status_code == 422


def test_story_page_and_api(client: TestClient, story: str) -> None:
    r = client.get(f"/stories/{story}")
    assert "&lt;b&gt;Border&lt;/b&gt; troops" in r.text
    assert 'href="/articles/okafor"' in r.text
    body = client.get(f"/api/stories/{story}").json()
    assert [a["id"] for a in body["articles"]] == ["okafor", "hostile-1"]
    assert client.get("/api/stories").json()["items"][0]["id"] == story
    assert client.get("/api/articles/okafor").json()["story"] == story
    for sub in ("estimates", "brief"):
        assert client.get(f"/api/stories/nope/{sub}").status_code == 404
    # The estimates, the chart and the cited brief of the story.
    rows = client.get(f"/api/stories/{story}/estimates").json()
    assert rows and all(r["story"] == story for r in rows)
    assert 'id="estimates"' in r.text and f'src="/stories/{story}/chart.svg"' in r.text
    first = rows[0]
    assert f'href="/articles/{first["article"]}#rec-{first["quantity"]}"' in r.text
    chart = client.get(f"/stories/{story}/chart.svg")
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert chart.content.lstrip().startswith(b"<?xml") and b"<svg" in chart.content
    page = client.get(f"/stories/{story}/brief")
    assert page.status_code == 200 and "script-src" not in page.headers["content-security-policy"]
    assert "<script" not in page.text and 'href="/articles/okafor#rec-' in page.text
    md = client.get(f"/api/stories/{story}/brief", params={"format": "md"}).json()["brief"]
    assert "[okafor" in md
    for sub in ("chart.svg", "brief"):
        assert client.get(f"/stories/nope/{sub}").status_code == 404


def test_a_story_whose_id_holds_a_slash_opens_and_its_brief_shows_bidi_as_codes(
    client: TestClient, web_db: str
) -> None:
    """Story ids are "s-" + an article id, so they may hold "/", "#" or "..": one segment each."""
    sid = "s-hostile/2/../../quotes?x=1#frag"
    store = open_store(web_db)
    now = "2024-11-01T00:00:00+00:00"
    # The two articles may sit in the module's "s-test" story: borrowed, and given back below.
    before = store.execute(
        "SELECT article_id, story_id, score, joined_at FROM story_articles"
        " WHERE article_id IN ('okafor', 'hostile-1')"
    ).fetchall()
    before = [tuple(row) for row in before]
    with store.transaction():
        store.execute("DELETE FROM story_articles WHERE article_id IN ('okafor', 'hostile-1')")
        store.execute(
            "INSERT INTO stories(id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (sid, "Slash story", now, now),
        )
        for aid in ("okafor", "hostile-1"):
            store.execute(
                "INSERT INTO story_articles(article_id, story_id, score, joined_at)"
                " VALUES (?, ?, ?, ?)",
                (aid, sid, 1.0, now),
            )
    store.close()
    try:
        seg = quote(sid, safe="")
        page = client.get(f"/stories/{seg}")
        assert page.status_code == 200 and "Slash story" in page.text
        assert f'src="/stories/{seg}/chart.svg"' in page.text
        assert client.get(f"/stories/{seg}/chart.svg").status_code == 200
        assert client.get(f"/api/stories/{seg}").json()["id"] == sid
        assert client.get(f"/api/stories/{seg}/estimates").status_code == 200
        brief = client.get(f"/stories/{seg}/brief")
        assert brief.status_code == 200
        assert "\u202e" not in brief.text and "[U+202E]" in brief.text
        home = client.get("/").text
        assert f'href="/stories/{seg}"' in home and "/stories/s-hostile/2/" not in home
    finally:
        store = open_store(web_db)
        with store.transaction():
            store.execute("DELETE FROM story_articles WHERE story_id = ?", (sid,))
            store.execute("DELETE FROM stories WHERE id = ?", (sid,))
            for row in before:
                store.execute(
                    "INSERT INTO story_articles(article_id, story_id, score, joined_at)"
                    " VALUES (?, ?, ?, ?)",
                    row,
                )
        store.close()


def test_next_page_link_is_relative(client: TestClient) -> None:
    """The pager's link never names a host: the Host header is the client's to set."""
    r = client.get("/quotes", headers={"host": "evil.example"})
    links = re.findall(r'<a href="([^"]*)" rel="next"', r.text)
    assert links and all(link.startswith("/quotes?") for link in links)
    assert "evil.example" not in r.text


def test_hostile_text_is_escaped_in_the_html(client: TestClient) -> None:
    r = client.get(f"/articles/{HOSTILE[0]['id']}")
    assert "<script>alert" not in r.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "<img src=x" not in r.text and 'href="javascript' not in r.text
    assert "onerror=alert(1)" in r.text  # as text
    assert "[U+202E]evil.exe" in r.text and "\u202e" not in r.text
    home = client.get("/").text
    assert "<script>alert" not in home and "<img src=x" not in home
    # The home page's link to the article whose id holds a slash and markup leads to it.
    link = re.search(r'href="(/articles/hostile%2F2[^"]*)"', home)
    assert link and client.get(html.unescape(link.group(1))).status_code == 200


def test_actor_page_lists_what_they_said(client: TestClient) -> None:
    rows: Any = client.get("/api/quotes", params={"speaker": "Okafor"}).json()["items"]
    speaker = rows[0]["speaker"]
    r = client.get(f"/actors/{speaker}")
    assert r.status_code == 200 and "We will not be intimidated" in r.text
    assert client.get("/actors/person:nobody").status_code == 404


def test_head_is_answered_like_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/api/articles", "/quotes", "/articles/okafor"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"]
        assert head.headers.get("content-security-policy")  # the same headers
    assert client.head("/articles/no-such-article").status_code == 404
