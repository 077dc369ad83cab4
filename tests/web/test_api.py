"""The JSON API over a real store (FastAPI's TestClient: the app in process, no network)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from newsledger import query
from newsledger.store import open_store
from newsledger.web import create_app

from .conftest import HOSTILE, TOKEN


@pytest.fixture(scope="module")
def client(web_db: str) -> TestClient:
    return TestClient(create_app(web_db, token=TOKEN))


def walk(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list, following `next` to the end."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        r = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) == {"items", "next"}
        items += body["items"]
        cursor = body["next"]
        if cursor is None:
            return items
    raise AssertionError("pagination never ended")


def test_pagination_walks_every_row_exactly_once(client: TestClient, web_db: str) -> None:
    store = open_store(web_db)
    every = query.quotes(store, limit=100_000)
    arts = query.articles(store, limit=100_000)
    store.close()
    assert len(every) > 7  # several pages at limit=3
    got = walk(client, "/api/quotes", limit=3)
    keys = [(r["article"], r["id"]) for r in got]
    assert len(keys) == len(set(keys))
    assert keys == [(r["article"], r["id"]) for r in every]
    got = walk(client, "/api/articles", limit=2)
    assert [a["id"] for a in got] == [a["id"] for a in arts]
    # A page of exactly the remaining rows ends the walk (no empty page after it).
    r = client.get("/api/articles", params={"limit": len(arts)}).json()
    assert len(r["items"]) == len(arts) and r["next"] is None


def test_filters_match_the_library_and_the_cli(client: TestClient, web_db: str) -> None:
    stated = walk(client, "/api/quotes", status="stated", limit=50)
    assert stated and all(r["status"] == "stated" for r in stated)
    store = open_store(web_db)
    assert len(stated) == len(query.quotes(store, status="stated", limit=10_000))
    store.close()
    okafor = walk(client, "/api/quotes", speaker="Okafor")
    assert okafor and all("Okafor" in r["speaker_name"] for r in okafor)
    assert all(r["content_text"] for r in okafor)
    assert walk(client, "/api/quotes", speaker="Nobody Atall") == []
    troops = walk(client, "/api/numbers", unit="troop")
    assert troops and all("troop" in r["unit"].lower() for r in troops)
    about = walk(client, "/api/quotes", about="intimidated")
    assert [r["article"] for r in about] == ["okafor"]
    people = walk(client, "/api/actors", kind="person")
    assert people and all(a["kind"] == "person" for a in people)
    evs = walk(client, "/api/events", since="2024-10-01")
    assert all((r["published"] or "") >= "2024-10-01" or r.get("time") for r in evs)
    # The CLI gives the same rows for the same filter: both call newsledger.query.
    cli = subprocess.run(
        [sys.executable, "-m", "newsledger", "quotes", "--db", web_db, "--status", "stated"]
        + ["--format", "json", "--limit", "1000"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert cli.returncode == 0, cli.stderr
    assert [(r["article"], r["id"]) for r in json.loads(cli.stdout)] == [
        (r["article"], r["id"]) for r in stated
    ]


def test_article_with_records_and_404(client: TestClient) -> None:
    r = client.get("/api/articles/okafor")
    assert r.status_code == 200
    body = r.json()
    assert body["article"]["id"] == "okafor" and "Okafor" in body["article"]["text"]
    types = {rec["type"] for rec in body["records"]}
    assert {"attribution", "quantity", "time"} <= types
    # Ids may hold any character, a slash included.
    odd = HOSTILE[1]["id"]
    r = client.get("/api/articles/" + quote(odd, safe=""))
    assert r.status_code == 200 and r.json()["article"]["id"] == odd
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404 and r.json() == {"error": "no article 'no-such-article'"}
    r = client.get("/api/stories/no-such-story")
    assert r.status_code == 404 and "error" in r.json()
    assert client.get("/api/stories").json() == {"items": [], "next": None}


def test_search(client: TestClient) -> None:
    hits = walk(client, "/api/search", q="intimidated")
    assert [h["id"] for h in hits] == ["okafor"]
    r = client.get("/api/search")
    assert r.status_code == 422 and r.json()["error"] == "invalid request"
    assert walk(client, "/api/search", q='"unbalanced ( * quote') == []


def test_bad_requests_get_json_errors(client: TestClient) -> None:
    for path, code in [
        ("/api/quotes?cursor=%%%", 400),
        ("/api/quotes?cursor=Zm9v", 400),  # "foo"
        ("/api/quotes?limit=0", 422),
        ("/api/quotes?limit=abc", 422),
        ("/api/events?since=yesterday", 422),
    ]:
        r = client.get(path)
        assert r.status_code == code, path
        assert r.headers["content-type"].startswith("application/json")
        assert r.json()["error"]


def test_crash_is_json_500_without_internals(web_db: str) -> None:
    app = create_app(web_db)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    r = TestClient(app, raise_server_exceptions=False).get("/api/boom")
    assert r.status_code == 500
    assert r.json() == {"error": "internal server error"}
    assert "secret" not in r.text and "Traceback" not in r.text


def test_openapi_and_offline_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ["/api/articles", "/api/quotes", "/api/search", "/api/ingest", "/api/stories"]:
        assert path in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/quotes" in docs.text
    # Nothing loaded from elsewhere (the default FastAPI docs pull Swagger UI from a CDN).
    assert "http://" not in docs.text and "https://" not in docs.text
    assert "script-src 'self'" in docs.headers["content-security-policy"]


# -- writes -----------------------------------------------------------------------------------
@pytest.fixture()
def writer(tmp_path: Any, nlp: Language) -> TestClient:
    app = create_app(str(tmp_path / "w.db"), token=TOKEN, max_body=4000)
    app.state.nlp = nlp  # the session's pipeline, instead of loading the model again
    return TestClient(app)


ARTICLE = {
    "id": "posted-1",
    "text": "The mayor said on Friday that 40 families had been evacuated.",
    "published": "2024-11-01",
    "outlet": "Wire",
    "title": "Families evacuated",
}


def test_writes_refused_without_a_server_token(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSLEDGER_TOKEN", raising=False)
    c = TestClient(create_app(str(tmp_path / "x.db")))
    r = c.post("/api/ingest", json=ARTICLE, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "NEWSLEDGER_TOKEN" in r.json()["error"]


def test_token_is_required_and_compared_whole(writer: TestClient) -> None:
    for header in [
        None,
        "",
        "Bearer",
        "Bearer ",
        f"Basic {TOKEN}",
        f"Bearer {TOKEN[:-1]}",  # a prefix
        f"Bearer {TOKEN[:-1]}X",  # same length, last byte differs
        f"Bearer {TOKEN}extra",
        "Bearer \u00e9\u00e9".encode(),  # non-ASCII bytes must not crash the comparison
    ]:
        headers = {"Authorization": header} if header is not None else {}
        r = writer.post("/api/ingest", json=ARTICLE, headers=headers)
        assert r.status_code == 401, header
        assert r.json()["error"] and r.headers["www-authenticate"] == "Bearer"
    assert writer.get("/api/articles/posted-1").status_code == 404  # nothing was written


def test_oversize_malformed_and_wrong_type(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {**ARTICLE, "text": "word " * 2000}
    r = writer.post("/api/ingest", json=big, headers=auth)
    assert r.status_code == 413 and "over 4000 bytes" in r.json()["error"]
    r = writer.post(
        "/api/ingest",
        content=b'{"id": "x", "text": ',
        headers={**auth, "Content-Type": "application/json"},
    )
    assert r.status_code == 422 and "invalid JSON" in r.json()["error"]
    r = writer.post(
        "/api/ingest", content=b'{"id": "x"}', headers={**auth, "Content-Type": "application/json"}
    )
    assert r.status_code == 422 and 'no "text"' in r.json()["error"]
    r = writer.post("/api/ingest", content=b"hello", headers={**auth, "Content-Type": "text/plain"})
    assert r.status_code == 415 and r.json()["error"]


def test_ingest_then_read_back(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/ingest", json=ARTICLE, headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == 1 and r.json()["articles"] == [
        {"id": "posted-1", "result": "stored"}
    ]
    body = writer.get("/api/articles/posted-1").json()
    assert body["article"]["title"] == "Families evacuated"
    assert any(rec["type"] == "quantity" and rec["value"] == 40 for rec in body["records"])
    # A JSON Lines batch: one good line, one broken line, one unchanged article.
    batch = "\n".join(
        [
            json.dumps({"id": "posted-2", "text": "Police said 12 people were arrested."}),
            '{"id": broken',
            json.dumps(ARTICLE),
        ]
    )
    r = writer.post(
        "/api/ingest",
        content=batch.encode(),
        headers={**auth, "Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 200, r.text
    out = r.json()
    assert (out["read"], out["stored"], out["skipped"]) == (2, 1, 1)
    assert out["errors"] == [{"line": 2, "error": out["errors"][0]["error"]}]
    assert "invalid JSON" in out["errors"][0]["error"]
    ids = [a["id"] for a in walk(writer, "/api/articles")]
    assert sorted(ids) == ["posted-1", "posted-2"]


def test_ingest_over_http_delivers_alerts(tmp_path: Path) -> None:
    from newsledger.monitor.alerts import add_alert
    from newsledger.store import open_store

    db = str(tmp_path / "alerts.db")
    out = tmp_path / "alerts.jsonl"
    store = open_store(db)
    add_alert(store, "evacuations", "about", "families", str(out))
    store.close()
    client = TestClient(create_app(db, token=TOKEN))
    r = client.post("/api/ingest", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json()["errors"] == []
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert lines and all(x["article"]["id"] == "posted-1" for x in lines)
    assert all("families" in x["text"].lower() for x in lines)
