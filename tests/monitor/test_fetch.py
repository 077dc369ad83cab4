from __future__ import annotations

from newsledger.monitor.fetch import USER_AGENT, Fetcher, FetchSettings
from newsledger.monitor.watch import canonical_url, parse_every

from .conftest import Site


def fast(**kw) -> FetchSettings:
    base = {"timeout": 1.0, "retries": 2, "backoff": 0.05, "min_interval": 0.0}
    base.update(kw)
    return FetchSettings(**base)


def test_conditional_request_gets_304_and_names_newsledger(site: Site) -> None:
    site.pages["/a"] = "<html>hello</html>"
    with Fetcher(fast()) as f:
        first = f.get(site.base + "/a")
        assert first.ok and first.etag
        again = f.get(site.base + "/a", etag=first.etag)
    assert again.not_modified and again.body == b""
    hits = site.hits("/a")
    assert hits[-1][2].get("If-None-Match") == first.etag
    assert all(h[2].get("User-Agent") == USER_AGENT for h in hits)


def test_errors_are_reported_not_raised(site: Site) -> None:
    site.slow = 2.0
    with Fetcher(fast(max_bytes=1_000_000, retries=0)) as f:
        assert f.get(site.base + "/missing").error == "HTTP 404"
        assert "larger than" in f.get(site.base + "/big").error
        assert f.get(site.base + "/loop0").error == "too many redirects"
        assert "timed out" in f.get(site.base + "/slow").error
        assert f.get(site.base + "/private/x").error == "disallowed by robots.txt"
        assert "not an http" in f.get("file:///etc/passwd").error


def test_server_errors_are_retried_with_backoff_but_404_is_not(site: Site) -> None:
    site.pages["/flaky"] = "<html>ok</html>"
    site.fail_first["/flaky"] = 2
    with Fetcher(fast(retries=2)) as f:
        r = f.get(site.base + "/flaky")
        assert r.ok and r.attempts == 3
        f.get(site.base + "/gone")
    assert len(site.hits("/flaky")) == 3
    assert len(site.hits("/gone")) == 1


def test_a_host_failing_its_robots_txt_is_tried_again_next_cycle(site: Site) -> None:
    """Blocked for the cycle in which robots.txt failed, not for the life of the watcher."""
    site.pages["/a"] = "<html>hello</html>"
    site.fail_first["/robots.txt"] = 1
    with Fetcher(fast(retries=0)) as f:
        first = f.get(site.base + "/a")
        assert first.error and "robots.txt" in first.error
        assert f.get(site.base + "/a").error == first.error  # same cycle: not asked again
        assert len(site.hits("/robots.txt")) == 1
        f.new_cycle()
        assert f.get(site.base + "/a").ok
        f.new_cycle()  # a robots.txt read is kept: no new request for it
        assert f.get(site.base + "/a").ok
    assert len(site.hits("/robots.txt")) == 2


def test_rate_limit_spaces_requests_to_one_host(site: Site) -> None:
    for i in range(4):
        site.pages[f"/p{i}"] = f"<html>{i}</html>"
    with Fetcher(fast(min_interval=0.3, per_host=2)) as f:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda i: f.get(f"{site.base}/p{i}"), range(4)))
    times = sorted(t for t, path, _ in site.requests if path.startswith("/p"))
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 4 and min(gaps) >= 0.25


def test_canonical_url_drops_tracking_and_fragment() -> None:
    a = canonical_url("HTTPS://News.Example.com:443/a/b?utm_source=x&id=2&b=1#top")
    assert a == "https://news.example.com/a/b?b=1&id=2"
    assert canonical_url("http://h/x?fbclid=1") == "http://h/x"


def test_parse_every() -> None:
    assert parse_every("15m").total_seconds() == 900
    assert parse_every("2h").total_seconds() == 7200
    assert parse_every("45").total_seconds() == 45
    for bad in ("soon", "-5m", "0"):
        try:
            parse_every(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
