"""The pages in a real browser: Debian's Chromium driven by Playwright, the real server on loopback.

Screenshots land in tests/artifacts/ (gitignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from .conftest import HOSTILE

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        # --no-sandbox: the tests may run as root in a container, where Chromium's sandbox can't.
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; any JavaScript dialog (alert, confirm, prompt) fails the test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    dialogs: list[str] = []
    problems: list[str] = []

    def on_dialog(d: Any) -> None:
        dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    # A CSP violation means our own page tried to use an inline script or style.
    pg.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield pg
    ctx.close()
    assert dialogs == [], f"a script ran: {dialogs}"
    assert problems == []


def first_record(server: str, article: str, type_: str) -> dict[str, Any]:
    recs = httpx.get(f"{server}/api/articles/{article}").json()["records"]
    return next(r for r in recs if r["type"] == type_)


def test_article_page_highlights_and_click_shows_record(
    page: Any, server: str, artifacts: Path
) -> None:
    page.goto(f"{server}/articles/okafor")
    assert page.locator(".text .att").count() >= 2
    assert page.locator(".text mark.num").count() >= 1
    assert page.locator(".text mark.date").count() >= 1
    att = first_record(server, "okafor", "attribution")
    panel = page.locator(f'#panel .rec-fields[data-for="{att["id"]}"]')
    assert panel.is_hidden()
    page.locator(f"#rec-{att['id']}").click()
    assert panel.is_visible()
    assert att["status"] in panel.inner_text() and att["speaker_name"] in panel.inner_text()
    page.screenshot(path=str(artifacts / "article-okafor.png"), full_page=True)


def test_keyboard_tab_and_enter_show_a_record(page: Any, server: str) -> None:
    page.goto(f"{server}/articles/okafor")
    for _ in range(80):
        page.keyboard.press("Tab")
        rec = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e && e.closest('.text') ? e.getAttribute('data-rec') : null; }"
        )
        if rec:
            break
    else:
        pytest.fail("no highlighted record is reachable with Tab")
    # The focused highlight shows a visible focus ring.
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.press("Enter")
    assert page.locator(f'#panel .rec-fields[data-for="{rec}"]').is_visible()


def test_record_link_targets_and_selects(page: Any, server: str) -> None:
    q = first_record(server, "okafor", "quantity")
    page.goto(f"{server}/articles/okafor#rec-{q['id']}")
    assert page.evaluate(f"() => document.querySelector('#rec-{q['id']}').matches(':target')")
    fields = page.locator(f'#panel .rec-fields[data-for="{q["id"]}"]')
    assert fields.is_visible() and q["text"] in fields.inner_text()


def test_quotes_table_filters_by_status(page: Any, server: str, artifacts: Path) -> None:
    page.goto(f"{server}/quotes")
    cells = page.locator("#quotes tbody td[data-status]")
    before = set(cells.evaluate_all("tds => tds.map(td => td.dataset.status)"))
    assert len(before) > 1  # unfiltered, the page shows several statuses
    page.select_option("#status", "stated")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/quotes?*status=stated*")
    statuses = cells.evaluate_all("tds => tds.map(td => td.dataset.status)")
    api = httpx.get(f"{server}/api/quotes", params={"status": "stated", "limit": 50}).json()
    assert statuses and set(statuses) == {"stated"}
    assert len(statuses) == len(api["items"])
    page.screenshot(path=str(artifacts / "quotes-stated.png"))


def test_hostile_corpus_renders_as_text_and_runs_nothing(
    page: Any, server: str, artifacts: Path
) -> None:
    h1, h2 = HOSTILE
    page.goto(f"{server}/articles/{h1['id']}")
    assert page.locator("h1").inner_text() == h1["title"]
    body = page.locator(".text").inner_text()
    for literal in ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</textarea>"]:
        assert literal in body
    # The right-to-left override is shown as a code instead of reversing what follows.
    assert "[U+202E]evil.exe[U+202C]" in body and "\u202e" not in body
    assert page.get_by_text("<img src=x onerror=alert(1)>").first.is_visible()
    # The javascript: URL is shown as text, never made a link; no element came from the text.
    assert page.locator('a[href^="javascript"]').count() == 0
    assert h1["url"] in page.locator(".meta").first.inner_text()
    assert page.locator(".text script, .text img, .text b, main img, main svg").count() == 0
    page.screenshot(path=str(artifacts / "hostile-article.png"), full_page=True)

    page.goto(f"{server}/articles/{quote(h2['id'], safe='')}")
    assert page.locator("h1").inner_text() == h2["title"]
    assert '<a href="javascript:alert(4)">click</a>' in page.locator(".text").inner_text()
    assert page.locator("main svg, main a[href^='javascript']").count() == 0
    # Its https URL is a link, with the quote characters kept inside the attribute.
    assert page.locator("a", has_text="source").get_attribute("href") == h2["url"]

    for path in ["/", "/search?q=alert", "/quotes", "/numbers", "/events", "/actors"]:
        page.goto(server + path)
        assert page.locator("main script, main img, main svg").count() == 0
        if path in ("/", "/search?q=alert"):  # both list the hostile titles, as text
            assert h1["title"] in page.locator("main").inner_text()


def test_phone_width_is_readable(browser: Any, server: str, artifacts: Path) -> None:
    ctx = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=1)
    pg = ctx.new_page()
    for path in ["/", "/articles/okafor", "/quotes", "/events"]:
        pg.goto(server + path)
        overflow = pg.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= 375, f"{path} scrolls sideways ({overflow}px)"
    pg.goto(server + "/articles/okafor")
    pg.screenshot(path=str(artifacts / "article-375px.png"))
    ctx.close()


def test_unknown_ids_get_the_404_page(page: Any, server: str) -> None:
    for path in ["/articles/nope", "/actors/nope", "/stories/nope"]:
        r = page.goto(server + path)
        assert r.status == 404
        assert page.locator("h1").inner_text() == "Not found"
