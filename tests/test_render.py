"""The standalone HTML page: escaped text, highlights, and a real browser renders it."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.render import render_article_html

HOSTILE = (
    'Officials said the <script>alert("x")</script> & <b>bold</b> claims were false.\n'
    "“We will respond,” he said. <img src=x onerror=alert(1)>"
)


def _page(run) -> tuple[str, dict]:
    _doc, layers = run(HOSTILE, published="2024-10-28")
    art = Article(text=HOSTILE, title="<i>Title</i> & more", url="javascript:alert(1)")
    return render_article_html(art.record(), layers), layers


def test_every_piece_of_text_is_escaped(run) -> None:
    page, _ = _page(run)
    assert "<script>" not in page
    assert "<img" not in page
    assert "<b>bold</b>" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;i&gt;Title&lt;/i&gt; &amp; more" in page
    assert "javascript:" not in page  # only http(s) links are made


def test_attributions_are_highlighted(run) -> None:
    page, layers = _page(run)
    n = len(layers.get("attribution", []))
    assert n >= 2  # "Officials said ..." and the direct quote
    assert page.count('class="att"') >= n
    assert page.count("<tr><td>a") == n


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_chromium_renders_the_page_without_running_article_text(run, tmp_path: Path) -> None:
    page, _ = _page(run)
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", f.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    # The browser parsed the page: the article's markup is shown as text, never as elements.
    shown = html.unescape(re.sub(r"<[^>]+>", "", dom))
    assert 'Officials said the <script>alert("x")</script> & <b>bold</b>' in shown
    assert "<script" not in dom and "<img" not in dom and "<b>bold" not in dom
    shot = tmp_path / "page.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--screenshot={shot}",
            "--window-size=1000,800",
            f.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 5000
