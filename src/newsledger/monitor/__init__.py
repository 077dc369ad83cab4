"""Monitoring: watch sources (``watch``), keep every version of an article, alert on change.

* ``fetch``  — the polite HTTP fetcher (robots.txt, rate limit, validators, retries, size cap).
* ``watch``  — one polling cycle over feeds and folders, its state kept in the store.
* ``alerts`` — rules whose new matches are delivered once to a JSON Lines file or a webhook.
* Versions live with the store: ``newsledger.store.versions``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language

from newsledger.article import Article
from newsledger.ingest import IngestError
from newsledger.monitor.fetch import Fetcher, FetchSettings
from newsledger.monitor.watch import Watcher


def make_watcher(
    store: Any,
    nlp: Language,
    *,
    settings: FetchSettings | None = None,
    max_items: int = 100,
    on_error: Callable[[IngestError], None] | None = None,
) -> tuple[Watcher, Fetcher]:
    """A watcher whose new articles go through the ordinary ingest pipeline into ``store``.

    Returns:
        The watcher and its fetcher (close the fetcher when done).
    """
    from newsledger.pipeline import Summary, ingest, ingest_items

    def stored_by(
        run: Callable[[Callable[[Article, str], None]], Summary],
    ) -> tuple[list[str], list[str]]:
        """Run an ingest; the ids it stored (and linked into stories) and its errors."""
        stored: list[str] = []

        def on_article(article: Article, what: str) -> None:
            if what == "stored":
                stored.append(article.id)

        summary = run(on_article)
        return stored, [str(e) for e in summary.errors]

    def store_articles(articles: list[Article]) -> list[str]:
        # The ordinary pipeline: unchanged articles skipped, versions kept, stories linked.
        return stored_by(
            lambda cb: ingest_items(articles, store, nlp=nlp, on_article=cb, on_error=on_error)
        )[0]

    def ingest_paths(paths: list[str]) -> tuple[list[str], list[str]]:
        # No on_error here: a folder's errors come back in the source's report, which the
        # caller prints (passing them to on_error too printed each of them twice).
        return stored_by(lambda cb: ingest(paths, store, nlp=nlp, on_article=cb))

    fetcher = Fetcher(settings)
    watcher = Watcher(
        store, fetcher, store_articles, ingest_paths=ingest_paths, max_items=max_items
    )
    return watcher, fetcher
