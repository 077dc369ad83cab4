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
    from newsledger.pipeline import extract_articles, ingest, pipeline_signature

    signature = pipeline_signature(nlp)

    def store_articles(articles: list[Article]) -> list[str]:
        saved = []
        todo = [a for a in articles if not store.is_current(a, signature)]
        for res in extract_articles(todo, nlp=nlp, on_error=on_error):
            store.save(res.article, res.layers, signature)
            saved.append(res.article.id)
        if saved:
            from newsledger.link import link_articles

            link_articles(store, saved)  # a watched article joins its story like an ingested one
        return saved

    def ingest_paths(paths: list[str]) -> tuple[list[str], list[str]]:
        stored: list[str] = []

        def on_article(article: Article, what: str) -> None:
            if what == "stored":
                stored.append(article.id)

        summary = ingest(paths, store, nlp=nlp, on_article=on_article, on_error=on_error)
        return stored, [str(e) for e in summary.errors]

    fetcher = Fetcher(settings)
    watcher = Watcher(
        store, fetcher, store_articles, ingest_paths=ingest_paths, max_items=max_items
    )
    return watcher, fetcher
