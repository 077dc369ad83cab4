"""The library's main jobs: extract records from files, and ingest them into a store.

The CLI and any API are thin layers over :func:`extract_articles` and :func:`ingest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsledger import __version__
from newsledger.article import Article
from newsledger.extract import registry
from newsledger.ingest import IngestError, read_paths
from newsledger.nlp import build_pipeline, process
from newsledger.records import Layers
from newsledger.store.base import BaseStore


@dataclass(slots=True)
class Extracted:
    """One processed article and its records by type."""

    article: Article
    layers: Layers


@dataclass(slots=True)
class Summary:
    """What a batch did: counts and the one-line errors."""

    read: int = 0
    stored: int = 0
    skipped: int = 0
    linked: int = 0
    errors: list[IngestError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many files, lines or articles failed."""
        return len(self.errors)


# A long batch links its articles in chunks, so stories appear while it runs; each chunk is
# linked in publication order.
LINK_EVERY = 500


def pipeline_signature(nlp: Language) -> str:
    """Identifies what produced a record set: model, its version, extractor versions."""
    meta = nlp.meta
    names = ",".join(spec.name for spec in registry())
    model = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
    return f"newsledger {__version__}; {model}; {names}"


def extract_articles(
    items: Iterable[Article | IngestError],
    *,
    nlp: Language | None = None,
    workers: int = 1,
    batch_size: int = 16,
    on_error: Callable[[IngestError], None] | None = None,
) -> Iterator[Extracted]:
    """Parse and extract a stream of articles, in order; errors go to ``on_error``.

    Args:
        items: articles (and ingestion errors, passed straight to ``on_error``).
        nlp: the pipeline (built once from the configured model when None).
        workers: processes for spaCy's ``n_process``.
        batch_size: texts per batch.
        on_error: called with each ingestion or extraction error.

    Yields:
        One :class:`Extracted` per article that was processed without error.
    """
    nlp = nlp or build_pipeline()
    pending: dict[int, Article] = {}

    def feed() -> Iterator[tuple[str, dict[str, Any]]]:
        for seq, item in enumerate(items):
            if isinstance(item, IngestError):
                if on_error:
                    on_error(item)
                continue
            pending[seq] = item
            meta = item.meta()
            meta["_seq"] = seq
            yield item.text, meta

    for layers, meta in process(nlp, feed(), workers=workers, batch_size=batch_size):
        article = pending.pop(meta["_seq"])
        errors = layers.pop("error", None)
        if errors:
            if on_error:
                first = errors[0]
                on_error(
                    IngestError(
                        article.path or article.id,
                        None,
                        f"article {article.id}: {first['extractor']} failed: {first['error']}",
                    )
                )
            continue
        yield Extracted(article, layers)


def ingest(
    paths: Iterable[str | Path],
    store: BaseStore,
    *,
    nlp: Language | None = None,
    workers: int = 1,
    batch_size: int = 16,
    published: str | None = None,
    outlet: str | None = None,
    force: bool = False,
    on_error: Callable[[IngestError], None] | None = None,
    on_article: Callable[[Article, str], None] | None = None,
    link: bool = True,
) -> Summary:
    """Read files and directories, extract every article, store each in its own transaction.

    Articles whose text was already processed by this pipeline version are skipped, so an
    interrupted batch can simply be run again.

    Args:
        paths: files or directories (read recursively).
        store: the open store.
        nlp: the pipeline (built when None).
        workers: processes for spaCy's ``n_process``.
        batch_size: texts per batch.
        published: publication date for inputs that lack one.
        outlet: outlet for inputs that lack one.
        force: re-process articles even when they are current.
        on_error: called with each error as it happens.
        on_article: called with ``(article, "stored" | "skipped")``.
        link: link the articles read into stories (:func:`newsledger.link.link_articles`),
            every ``LINK_EVERY`` stored articles and at the end of the batch; articles already in
            a story keep it, and skipped ones that are in none yet (a batch killed before it
            linked) are linked too.

    Returns:
        The batch :class:`Summary`.
    """
    return ingest_items(
        read_paths(paths, published=published, outlet=outlet),
        store,
        nlp=nlp,
        workers=workers,
        batch_size=batch_size,
        force=force,
        on_error=on_error,
        on_article=on_article,
        link=link,
    )


def ingest_items(
    items: Iterable[Article | IngestError],
    store: BaseStore,
    *,
    nlp: Language | None = None,
    workers: int = 1,
    batch_size: int = 16,
    force: bool = False,
    on_error: Callable[[IngestError], None] | None = None,
    on_article: Callable[[Article, str], None] | None = None,
    link: bool = True,
) -> Summary:
    """Extract and store articles already read (by any reader in :mod:`newsledger.ingest`).

    :func:`ingest` reads files with this; the HTTP API reads a request body with the same readers
    and stores it with this.

    Args:
        items: articles and reading errors, e.g. from :func:`newsledger.ingest.read_bytes`.
        store: the open store.
        nlp: the pipeline (built when None).
        workers: processes for spaCy's ``n_process``.
        batch_size: texts per batch.
        force: re-process articles even when they are current.
        on_error: called with each error as it happens.
        on_article: called with ``(article, "stored" | "skipped")``.
        link: link the articles into stories, as :func:`ingest` does.

    Returns:
        The batch :class:`Summary`.
    """
    nlp = nlp or build_pipeline()
    signature = pipeline_signature(nlp)
    summary = Summary()

    def error(err: IngestError) -> None:
        summary.errors.append(err)
        if on_error:
            on_error(err)

    def fresh() -> Iterator[Article | IngestError]:
        # (id, text hash) pairs met in this batch: the same text twice is stored once, but a
        # second, different text under the same id is a new version and is stored after it.
        seen: set[tuple[str, str]] = set()
        for item in items:
            if isinstance(item, IngestError):
                yield item
                continue
            summary.read += 1
            key = (item.id, item.sha256)
            if key in seen or (not force and store.is_current(item, signature)):
                summary.skipped += 1
                if link and key not in seen:
                    unlinked.append(item.id)
                if on_article:
                    on_article(item, "skipped")
                continue
            seen.add(key)
            yield item

    unlinked: list[str] = []

    def link_pending() -> None:
        if link and unlinked:
            from newsledger.link import link_articles

            summary.linked += len(link_articles(store, unlinked))
            unlinked.clear()

    for result in extract_articles(
        fresh(), nlp=nlp, workers=workers, batch_size=batch_size, on_error=error
    ):
        store.save(result.article, result.layers, signature)
        summary.stored += 1
        if link:
            unlinked.append(result.article.id)
            if len(unlinked) >= LINK_EVERY:
                link_pending()
        if on_article:
            on_article(result.article, "stored")
    link_pending()
    return summary
