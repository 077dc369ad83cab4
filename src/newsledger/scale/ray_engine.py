"""The Ray engine: parse and extract on a Ray cluster with Ray Data, one model per actor.

How the data flows (``docs/scale.md`` has the why):

* The **driver** reads the inputs with newsledger's own readers (:func:`newsledger.ingest.
  read_paths`: every format, the same normalisation, the same errors) and skips articles the
  store already holds, so only fresh texts go to the cluster. It puts them, ``batch_size`` at a
  time, on a bounded queue (a Ray actor); a full queue makes the driver wait, so nothing piles up.
* **Ray Data** reads that queue as its source (one read task, no CPU reserved) and runs
  ``map_batches`` over it with an **actor pool** of ``workers`` :class:`Extractor` actors, each
  loading the spaCy pipeline once. Ray Data's streaming executor bounds the blocks in flight;
  an actor that dies is restarted and its batch retried (Ray Data's defaults for actor pools).
* The driver **consumes results as they come** (``iter_batches`` in a helper thread) and hands
  them back in the caller's thread, where the store (one writer) saves them in batches.
* Every :data:`TRIM_EVERY_S` seconds the driver hands the C allocator's free pages back to the
  system (glibc's ``malloc_trim``): without it, free memory held in glibc's main heap grew the
  driver's RSS by ~100-150 MB over a 3,000-article run while its live heap stayed flat.

Only texts and metadata go to the workers and only the records (as JSON) come back; the parsed
``Doc`` never leaves its worker.
"""

from __future__ import annotations

import json
import logging
import os
import queue as _queue
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsledger.article import Article
from newsledger.ingest import IngestError
from newsledger.scale.heap import release_free_heap


class EngineUnavailableError(RuntimeError):
    """Ray is not installed (or cannot be reached)."""


TRIM_EVERY_S = 10.0
"""Seconds between two :func:`release_free_heap` calls in the driver (each takes 1-80 ms)."""


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401 - Ray Data is the part we need
    except ImportError as exc:
        raise EngineUnavailableError(
            "--engine ray needs Ray Data, which is not installed: "
            "pip install 'newsledger[scale]' (or 'ray[data]>=2.9')"
        ) from exc
    return ray


class Extractor:
    """A Ray Data callable class: one actor holds one loaded pipeline for all its batches.

    Args:
        model: spaCy model package (``config.model_name()`` when None).
        batch_size: texts per ``nlp.pipe`` batch.
    """

    def __init__(self, model: str | None = None, batch_size: int = 16) -> None:
        from newsledger.nlp import build_pipeline

        self.nlp = build_pipeline(model)
        self.batch_size = batch_size

    def __call__(self, batch: Any) -> Any:
        """Parse and extract a batch (Arrow: seq, text, meta) → (seq, layers JSON, error).

        Parsed by :func:`newsledger.nlp.process` in this actor, as the local engine parses in
        one process: each ``nlp.pipe`` batch in its own spaCy memory zone (an actor lives for
        the whole run, and without one its vocabulary would keep every new word it parsed).
        """
        import pyarrow as pa

        from newsledger.nlp import process

        seqs = batch["seq"].to_pylist()
        texts = batch["text"].to_pylist()
        metas = [json.loads(m) for m in batch["meta"].to_pylist()]
        pairs = zip(texts, metas, strict=True)
        out_layers: list[str | None] = []
        out_errors: list[str | None] = []
        for layers, _meta in process(self.nlp, pairs, workers=1, batch_size=self.batch_size):
            errors = layers.pop("error", None)
            if errors:
                out_layers.append(None)
                out_errors.append(f"{errors[0]['extractor']} failed: {errors[0]['error']}")
            else:
                out_layers.append(json.dumps(layers, ensure_ascii=False))
                out_errors.append(None)
        return pa.table({"seq": seqs, "layers": out_layers, "error": out_errors})


def _queue_datasource(feed: Any) -> Any:
    """A Ray Data source with one read task that drains ``feed`` (a ``ray.util.queue.Queue``)."""
    import pyarrow as pa
    from ray.data.block import BlockMetadata
    from ray.data.datasource import Datasource, ReadTask

    class QueueDatasource(Datasource):
        def estimate_inmemory_data_size(self) -> int | None:
            return None

        def get_read_tasks(self, parallelism: int, **_kw: Any) -> list[ReadTask]:
            def read() -> Iterator[pa.Table]:
                while True:
                    rows = feed.get()
                    if rows is None:  # the driver's end-of-input mark
                        return
                    yield pa.Table.from_pylist(rows)

            meta = BlockMetadata(num_rows=None, size_bytes=None, input_files=None, exec_stats=None)
            return [ReadTask(read, meta)]

    return QueueDatasource()


def connect(address: str | None, workers: int) -> bool:
    """Join the cluster at ``address`` (``auto``, ``ray://…``), else start a local one.

    Returns:
        True when this call started Ray (and the caller should shut it down).
    """
    ray = _import_ray()
    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "configure_logging": False,
    }
    if address:
        try:
            ray.init(address=address, **kwargs)
        except ConnectionError as exc:
            raise EngineUnavailableError(f"no Ray cluster at {address!r}: {exc}") from exc
    else:
        # A local cluster: one CPU per worker actor (at least), the queue and reader take none.
        # Its worker processes inherit this environment (PYTHONPATH included).
        ray.init(num_cpus=max(workers, os.cpu_count() or 1), **kwargs)
    return True


def extract_articles_ray(
    items: Iterable[Article | IngestError],
    *,
    workers: int = 2,
    address: str | None = None,
    batch_size: int = 16,
    model: str | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> Iterator[tuple[Article, dict[str, list[dict[str, Any]]]]]:
    """Parse and extract a stream of articles on Ray; yields ``(article, layers)`` as they finish.

    Results come in completion order, not input order. Every item of ``items`` is pulled in the
    caller's thread (the caller's generator may use a database connection).

    Args:
        items: articles (and ingestion errors, passed straight to ``on_error``).
        workers: extractor actors (each loads the model once and takes one CPU).
        address: cluster address (``auto``, ``ray://host:10001``); None starts a local cluster.
        batch_size: articles per Ray batch (and per ``nlp.pipe`` batch).
        model: spaCy model package.
        on_error: called with each ingestion or extraction error.

    Raises:
        EngineUnavailableError: Ray is not installed.
    """
    ray = _import_ray()
    from ray.util.queue import Empty, Full, Queue

    from newsledger.pipeline import numbered  # the driver only: the actors need none of it

    started = connect(address, workers)
    ctx = ray.data.DataContext.get_current()
    # Ray Data merges what a read task yields into blocks of up to 128 MiB before passing them
    # on: that would hold back the whole input. A block of about one batch keeps it streaming.
    ctx.target_max_block_size = max(64 * 1024, batch_size * 8 * 1024)
    ctx.enable_progress_bars = False  # the CLI shows its own progress
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message=".*minimum number of concurrent actors.*")
    feed = Queue(maxsize=2 * workers + 2, actor_options={"num_cpus": 0})
    ds = ray.data.read_datasource(_queue_datasource(feed), num_cpus=0, override_num_blocks=1)
    ds = ds.map_batches(
        Extractor,
        fn_constructor_kwargs={"model": model, "batch_size": batch_size},
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )
    results: _queue.Queue[Any] = _queue.Queue()
    done = object()

    def consume() -> None:  # Ray only in this thread: never the caller's store
        try:
            for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
                results.put(batch)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            results.put(exc)
        results.put(done)

    pending: dict[int, Article] = {}
    finished = False
    trimmed = time.monotonic()

    def drain(block: bool) -> Iterator[tuple[Article, dict[str, list[dict[str, Any]]]]]:
        nonlocal finished, trimmed
        while not finished:
            try:
                got = results.get(timeout=0.05) if block else results.get_nowait()
            except _queue.Empty:
                return
            if got is done:
                finished = True
                return
            if isinstance(got, BaseException):
                raise got
            if time.monotonic() - trimmed >= TRIM_EVERY_S:
                release_free_heap()
                trimmed = time.monotonic()
            for seq, layers, error in zip(
                got["seq"].to_pylist(),
                got["layers"].to_pylist(),
                got["error"].to_pylist(),
                strict=True,
            ):
                article = pending.pop(seq)
                if error is not None:
                    if on_error:
                        on_error(
                            IngestError(
                                article.path or article.id, None, f"article {article.id}: {error}"
                            )
                        )
                    continue
                yield article, json.loads(layers)
            block = False  # one blocking wait per call, then only what is ready

    def put(rows: list[dict[str, Any]] | None) -> Iterator[Any]:
        while True:
            try:
                feed.put(rows, timeout=0.05)
                return
            except Full:
                yield from drain(block=False)

    thread = threading.Thread(target=consume, name="newsledger-ray-results", daemon=True)
    thread.start()
    try:
        chunk: list[dict[str, Any]] = []
        for seq, item in numbered(items, pending, on_error):
            chunk.append({"seq": seq, "text": item.text, "meta": json.dumps(item.meta())})
            if len(chunk) >= batch_size:
                yield from put(chunk)
                chunk = []
            yield from drain(block=False)
        if chunk:
            yield from put(chunk)
        yield from put(None)
        while not finished:
            yield from drain(block=True)
    finally:
        if not finished:
            try:
                feed.put_nowait(None)
            except (Full, Empty, Exception):  # noqa: BLE001 - best effort on the way out
                pass
        if started:
            ray.shutdown()
