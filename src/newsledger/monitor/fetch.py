"""A polite HTTP fetcher for watching sources (httpx).

What makes it polite, and why each piece is here:

* a ``User-Agent`` naming newsledger, so an outlet's operators can see who polls them;
* robots.txt obeyed per host (kept for a day once read; an unreachable or failing one blocks
  the host until the next watch cycle, :meth:`Fetcher.new_cycle`, not for the process's life);
* a per-host minimum interval between requests (the rate limit) and a per-host cap on
  concurrent requests, so many items of one feed never hammer one server;
* conditional requests (``If-None-Match`` / ``If-Modified-Since``): an unchanged feed or page
  costs the server a 304 and no body;
* timeouts, a bounded number of retries with exponential backoff on transient failures (5xx,
  429, timeouts, connection errors), never on 4xx;
* a size cap per response, enforced while streaming, so a huge body is cut off, not buffered;
* a bounded number of redirects (a redirect loop is an error, not a hang).
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from newsledger import __version__

USER_AGENT = f"newsledger/{__version__} (+https://github.com/newsledger/newsledger; news monitor)"


@dataclass(slots=True)
class FetchSettings:
    """Limits of one fetcher (defaults suit polling news sites)."""

    timeout: float = 15.0
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    min_interval: float = 1.0  # seconds between two requests to one host
    per_host: int = 2  # concurrent requests to one host
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    robots_ttl: float = 86_400.0  # seconds a robots.txt read is kept (RFC 9309: at most a day)


@dataclass(slots=True)
class Response:
    """What a fetch came back with; ``error`` is set (and ``status`` may be 0) on failure."""

    url: str
    status: int = 0
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    charset: str | None = None
    error: str | None = None
    attempts: int = 0

    @property
    def ok(self) -> bool:
        """A 200 with a body."""
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        """The server said 304: nothing changed since the validators we sent."""
        return self.error is None and self.status == 304


class _TooLarge(Exception):
    pass


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    slots: threading.Semaphore | None = None
    last: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_error: str | None = None
    robots_until: float = 0.0  # monotonic time after which robots.txt is read (again)


class Fetcher:
    """Fetches URLs politely; safe to share between threads.

    Args:
        settings: limits (defaults: :class:`FetchSettings`).
        client: an httpx client to use (one is made and owned otherwise).
    """

    def __init__(self, settings: FetchSettings | None = None, client: httpx.Client | None = None):
        self.settings = settings or FetchSettings()
        self._own = client is None
        self.client = client or httpx.Client(
            timeout=self.settings.timeout,
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
            headers={"User-Agent": self.settings.user_agent},
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def new_cycle(self) -> None:
        """Forget the hosts whose robots.txt could not be read, so that this cycle tries again.

        A host down when ``watch`` started was otherwise blocked for the whole process.
        """
        with self._hosts_lock:
            hosts = list(self._hosts.values())
        for host in hosts:
            with host.lock:
                if host.robots_error is not None:
                    host.robots_until = 0.0

    def close(self) -> None:
        """Close the client if this fetcher made it."""
        if self._own:
            self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness ---------------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            host = self._hosts.get(key)
            if host is None:
                host = _Host(slots=threading.Semaphore(self.settings.per_host))
                self._hosts[key] = host
            return host

    def _wait_turn(self, host: _Host) -> None:
        """Sleep until this host's minimum interval since its last request has passed."""
        with host.lock:
            now = time.monotonic()
            wait = host.last + self.settings.min_interval - now
            if wait > 0:
                time.sleep(wait)
            host.last = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets newsledger fetch it.

        A missing robots.txt (4xx) allows everything; an unreachable one or a server error
        disallows the host (the conservative reading of RFC 9309) until :meth:`new_cycle`. A
        read is kept for ``settings.robots_ttl`` seconds.
        """
        host = self._host(url)
        with host.lock:
            done = time.monotonic() < host.robots_until
        if not done:
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            parser = urllib.robotparser.RobotFileParser(robots_url)
            resp = self._get(robots_url, {})
            problem = None
            if resp.status == 200:
                parser.parse(resp.body.decode("utf-8", "replace").splitlines())
            elif 400 <= resp.status < 500:
                parser.allow_all = True
            else:
                parser.disallow_all = True
                problem = f"host unreachable or failing (robots.txt: {resp.error})"
            with host.lock:
                host.robots, host.robots_error = parser, problem
                host.robots_until = time.monotonic() + self.settings.robots_ttl
        robots = host.robots
        return robots is None or robots.can_fetch(self.settings.user_agent, url)

    # -- fetching -----------------------------------------------------------------------------
    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """Fetch one URL with validators, retries and the size cap; never raises for HTTP trouble.

        Args:
            url: absolute http(s) URL.
            etag: the ETag seen last time (sent as ``If-None-Match``).
            last_modified: the Last-Modified seen last time (``If-Modified-Since``).

        Returns:
            A :class:`Response`; ``error`` says what went wrong in one line.
        """
        if urlsplit(url).scheme not in ("http", "https"):
            return Response(url, error=f"not an http(s) URL: {url}")
        if not self.allowed(url):
            reason = self._host(url).robots_error or "disallowed by robots.txt"
            return Response(url, error=reason)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers)

    def _get(self, url: str, headers: dict[str, str]) -> Response:
        host = self._host(url)
        delay = self.settings.backoff
        resp = Response(url)
        assert host.slots is not None
        for attempt in range(1, self.settings.retries + 2):
            resp = Response(url, attempts=attempt)
            with host.slots:
                self._wait_turn(host)
                try:
                    resp = self._once(url, headers, attempt)
                except httpx.TooManyRedirects:
                    return Response(url, error="too many redirects", attempts=attempt)
                except _TooLarge:
                    return Response(
                        url,
                        error=f"response larger than {self.settings.max_bytes:,} bytes",
                        attempts=attempt,
                    )
                except httpx.TimeoutException:
                    resp.error = f"timed out after {self.settings.timeout:g} s"
                except httpx.HTTPError as exc:
                    resp.error = f"{type(exc).__name__}: {exc}"
            transient = resp.error is not None or resp.status == 429 or resp.status >= 500
            if not transient or attempt > self.settings.retries:
                break
            time.sleep(delay)
            delay *= 2
        if resp.error is None and resp.status >= 400:
            resp.error = f"HTTP {resp.status}"
        return resp

    def _once(self, url: str, headers: dict[str, str], attempt: int) -> Response:
        with self.client.stream("GET", url, headers=headers) as r:
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.settings.max_bytes:
                raise _TooLarge
            chunks, size = [], 0
            if r.status_code == 200:
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > self.settings.max_bytes:
                        raise _TooLarge
                    chunks.append(chunk)
            ctype = r.headers.get("content-type")
            return Response(
                url=str(r.url),
                status=r.status_code,
                body=b"".join(chunks),
                etag=r.headers.get("etag"),
                last_modified=r.headers.get("last-modified"),
                content_type=ctype,
                charset=r.charset_encoding if ctype else None,
                attempts=attempt,
            )


def absolute(base: str, link: Any) -> str | None:
    """An item link made absolute against its feed's URL, or None."""
    if not isinstance(link, str) or not link.strip():
        return None
    return urljoin(base, link.strip())
