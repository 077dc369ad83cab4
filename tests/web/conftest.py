"""A store made with the real pipeline, and the real server on a loopback port, per session."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from spacy.language import Language

from newsledger import config
from newsledger.ingest import read_bytes
from newsledger.pipeline import ingest_items
from newsledger.store import open_store
from newsledger.web import create_app

TOKEN = "test-token-0123456789abcdef"
DEMO_IDS = ("8011115",)  # plus the next few demo stories, read below

STORY = (
    "Troops massed near the border, officials say\n\n"
    "Defence Minister Jane Okafor said on Monday that 2,000 troops had been sent to the border.\n"
    '"We will not be intimidated," she said.\n'
    "Rebels allegedly shelled the town of Kharkiv on Sunday, officials said.\n"
    "The government denied that 300 soldiers had been killed.\n"
)

# Text that a careless page would run or break on: every one must show as plain text.
HOSTILE = [
    {
        "id": "hostile-1",
        "title": "<script>alert(1)</script> Minister speaks",
        "url": "javascript:alert(1)",
        "outlet": "<img src=x onerror=alert(1)>",
        "published": "2024-10-29",
        "text": (
            "<script>alert(1)</script> The minister said on Tuesday that 500 troops had "
            "arrived.\n"
            '"<img src=x onerror=alert(1)> is not a threat," she said.\n'
            "Officials said </textarea><b>bold</b> and \u202eevil.exe\u202c were found, "
            "according to a report.\n"
        ),
    },
    {
        "id": 'hostile/2"><svg onload=alert(1)>',  # a slash too
        "title": "</title><script>alert(2)</script>",
        "url": 'https://example.org/a?x="><script>alert(3)</script>',
        "published": "2024-10-30",
        "text": (
            'Police said on Wednesday that <a href="javascript:alert(4)">click</a> was '
            "posted by 20 people.\n"
        ),
    },
]


def demo_lines(n: int = 4) -> list[str]:
    lines = config.DEMO_CORPUS.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip()][:n]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> str:
    """A store with a few demo stories, a short story and the hostile corpus (real pipeline)."""
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    body = "\n".join(
        [
            *demo_lines(),
            json.dumps(
                {"id": "okafor", "text": STORY, "published": "2024-10-28", "outlet": "Wire"}
            ),
            *(json.dumps(h) for h in HOSTILE),
        ]
    )
    store = open_store(db)
    # Not linked into stories: the tests write the one story they need (test_pages.py).
    summary = ingest_items(
        read_bytes(body.encode(), name="web.jsonl", fmt="jsonl"), store, nlp=nlp, link=False
    )
    store.close()
    assert summary.failed == 0 and summary.stored == len(demo_lines()) + 1 + len(HOSTILE)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(web_db: str) -> Iterator[str]:
    """uvicorn serving the store in a background thread on a free loopback port; its base URL."""
    port = free_port()
    app = create_app(web_db, token=TOKEN)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=15)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/artifacts/ (gitignored), created at run time, for screenshots."""
    path = Path(__file__).resolve().parents[1] / "artifacts"
    path.mkdir(exist_ok=True)
    return path
