"""A real HTTP server on loopback that plays news sites, feeds and a webhook receiver."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from newsledger.config import DEMO_CORPUS


@dataclass
class Site:
    """What the server serves (tests change it between cycles) and what it saw."""

    pages: dict[str, str] = field(default_factory=dict)  # path -> HTML
    feeds: dict[str, str] = field(default_factory=dict)  # path -> XML
    robots: str = "User-agent: *\nDisallow: /private/\n"
    requests: list[tuple[float, str, dict[str, str]]] = field(default_factory=list)
    hooks: list[tuple[dict[str, Any], dict[str, str]]] = field(default_factory=list)
    fail_first: dict[str, int] = field(default_factory=dict)  # path -> 500s before success
    slow: float = 3.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def hits(self, path: str) -> list[tuple[float, str, dict[str, str]]]:
        with self.lock:
            return [r for r in self.requests if r[1] == path]


def _etag(body: str) -> str:
    return '"%x"' % (hash(body) & 0xFFFFFFFF)


def _take_failure(site: Site, path: str) -> bool:
    """Whether ``path`` still owes a failure (``site.fail_first``); counts it down if so."""
    with site.lock:
        left = site.fail_first.get(path, 0)
        if left:
            site.fail_first[path] = left - 1
    return bool(left)


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def _send(self, code: int, body: bytes, ctype: str, headers: dict[str, str] | None = None):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path = self.path.split("?", 1)[0]
            with site.lock:
                site.requests.append((time.monotonic(), path, dict(self.headers)))
            if path == "/robots.txt":
                if _take_failure(site, path):
                    return self._send(503, b"down", "text/plain")
                return self._send(200, site.robots.encode(), "text/plain")
            if path == "/big":
                return self._send(200, b"<html>" + b"x" * 3_000_000 + b"</html>", "text/html")
            if path.startswith("/loop"):
                n = int(path.removeprefix("/loop") or 0)
                self.send_response(302)
                self.send_header("Location", f"/loop{(n + 1) % 2}")
                self.end_headers()
                return None
            if path == "/slow":
                time.sleep(site.slow)
                return self._send(200, b"<html><body>late</body></html>", "text/html")
            if _take_failure(site, path):
                return self._send(500, b"busy", "text/plain")
            if path in site.feeds:
                body = site.feeds[path]
                ctype = "application/rss+xml"
            elif path in site.pages:
                body = site.pages[path]
                ctype = "text/html; charset=utf-8"
            else:
                return self._send(404, b"not found", "text/plain")
            tag = _etag(body)
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return None
            return self._send(200, body.encode("utf-8"), ctype, {"ETag": tag})

        def do_POST(self) -> None:  # noqa: N802
            n = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(n) or b"{}")
            with site.lock:
                site.hooks.append((payload, dict(self.headers)))
            self._send(204, b"", "text/plain")

    return Handler


@pytest.fixture()
def site() -> Iterator[Site]:
    """A fresh site on a free loopback port, stopped after the test."""
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(s))
    server.daemon_threads = True
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def demo_texts() -> list[dict[str, Any]]:
    """A few real demo articles (VOA, public domain) to serve as pages."""
    rows = []
    with open(DEMO_CORPUS, encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) == 6:
                break
    return rows


def page_html(title: str, text: str) -> str:
    """An article page the HTML reader will extract."""
    paras = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        f"<html><head><title>{escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{paras}</article>"
        "</body></html>"
    )


def feed_xml(site: Site, items: list[tuple[str, str]]) -> str:
    """An RSS feed of (path, title) items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{site.base}{p}?utm_source=rss</link>"
        f"<pubDate>Wed, 12 Mar 2025 10:00:00 GMT</pubDate><description>x</description></item>"
        for p, t in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title>'
        f"<link>{site.base}/</link><description>test</description>{entries}</channel></rss>"
    )
