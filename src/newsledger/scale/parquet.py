"""Parquet shards of an ingest run: one table per record type (see ``docs/scale.md``).

A shard holds the articles of one store commit and their records, as seven files written side
by side (``articles/``, ``actors/``, ``entities/``, ``attributions/``, ``quantities/``,
``times/``, ``events/`` under the output folder), all named ``part-<run>-<seq>.parquet``.

Exactly once with the store: a shard is first written under a ``.tmp`` name, the store commits
the same articles in one transaction, and only then is the shard renamed into place. A run
killed between the two leaves ``.tmp`` files; the next run (:meth:`ParquetSink.recover`) renames
those whose articles the store holds (the commit happened) and deletes the others (it did not:
those articles are processed again).

The folders are append-only, like a log: an article stored again (``--force``, or a new version
of its text) adds its rows in a later shard. Every record row carries its article's ``sha256``;
:func:`read_table` with ``current=True`` keeps, per article, the rows of the last shard that
holds it, which is what the store holds.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsledger.article import Article
from newsledger.extract import Layers
from newsledger.records import RECORD_TYPES

TABLES: dict[str, str] = {
    "actor": "actors",
    "entity": "entities",
    "attribution": "attributions",
    "quantity": "quantities",
    "time": "times",
    "event": "events",
}
"""Record type → table (folder) name."""

ARTICLE_COLUMNS = (
    "id sha256 url path outlet title published lang text pipeline".split()  # all strings
)

# Field annotation (as written in records.py) → Arrow type. Spans are list<int64>; numbers that
# may be int or float are float64 (the exact value is in ``data``); nested objects are JSON text.
_ARROW_TYPES: dict[str, pa.DataType] = {
    "str": pa.string(),
    "str | None": pa.string(),
    "Span": pa.list_(pa.int64()),
    "Span | None": pa.list_(pa.int64()),
    "float | int | None": pa.float64(),
    "list[str]": pa.list_(pa.string()),
    "dict[str, Any] | None": pa.string(),
    "bool": pa.bool_(),
}


def _record_schema(cls: type) -> pa.Schema:
    # ``sha256``: the article version the record was extracted from (the article's text hash).
    cols = [
        ("article", pa.string()),
        ("sha256", pa.string()),
        ("id", pa.string()),
        ("extractor", pa.string()),
    ]
    for f in fields(cls):
        if f.name == "id":
            continue
        cols.append((f.name, _ARROW_TYPES.get(str(f.type), pa.string())))
    # The contract object exactly as the store keeps it (records.data): fields added later by
    # other extractors, and int-versus-float values, survive here.
    cols.append(("data", pa.string()))
    return pa.schema(cols)


SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([(c, pa.string()) for c in ARTICLE_COLUMNS]),
    **{TABLES[cls.type]: _record_schema(cls) for cls in RECORD_TYPES},
}
"""Table name → Arrow schema of its Parquet files."""


def _cell(value: Any, typ: pa.DataType) -> Any:
    if value is None:
        return None
    if pa.types.is_string(typ):
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if pa.types.is_floating(typ):
        return float(value) if isinstance(value, int | float) else None
    if pa.types.is_boolean(typ):
        return bool(value)
    return value


def shard_tables(items: Sequence[tuple[Article, Layers]], pipeline: str) -> dict[str, pa.Table]:
    """The seven Arrow tables of one shard.

    Args:
        items: processed articles and their records.
        pipeline: the pipeline signature stored with each article.

    Returns:
        Table name → table, every table present (possibly empty).
    """
    cols: dict[str, dict[str, list[Any]]] = {
        name: {f.name: [] for f in schema} for name, schema in SCHEMAS.items()
    }
    art = cols["articles"]
    for article, layers in items:
        values = {**article.meta(), "sha256": article.sha256, "text": article.text}
        values["pipeline"] = pipeline
        for c in ARTICLE_COLUMNS:
            art[c].append(values.get(c))
        for kind, table in TABLES.items():
            schema, out = SCHEMAS[table], cols[table]
            for rec in layers.get(kind, []):
                for f in schema:
                    if f.name == "data":
                        out["data"].append(json.dumps(rec, ensure_ascii=False))
                    elif f.name == "sha256":
                        out["sha256"].append(article.sha256)
                    else:
                        out[f.name].append(_cell(rec.get(f.name), f.type))
    return {
        name: pa.Table.from_pydict(cols[name], schema=schema) for name, schema in SCHEMAS.items()
    }


_SINKS = itertools.count()


class ParquetSink:
    """Writes shards under ``out``; see the module docstring for the exactly-once protocol.

    Args:
        out: the output folder (created).
        compression: Parquet codec.
    """

    def __init__(self, out: str | os.PathLike[str], compression: str = "zstd") -> None:
        self.out = Path(out)
        self.compression = compression
        for name in SCHEMAS:
            (self.out / name).mkdir(parents=True, exist_ok=True)
        # Unique per sink, sortable by start time: shards of a resumed run never collide, nor
        # those of two runs in one process within one second (they overwrote each other).
        now = time.time()
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f"{int(now % 1 * 1000):03d}"
        self.run = f"{stamp}-{os.getpid()}-{next(_SINKS):04d}"
        self.seq = 0
        self.written = 0

    def _paths(self, shard: str, suffix: str) -> list[Path]:
        return [self.out / name / f"{shard}.parquet{suffix}" for name in SCHEMAS]

    def stage(self, items: Sequence[tuple[Article, Layers]], pipeline: str) -> str:
        """Write one shard under temporary names; return its name for :meth:`publish`."""
        shard = f"part-{self.run}-{self.seq:05d}"
        self.seq += 1
        for name, table in shard_tables(items, pipeline).items():
            pq.write_table(
                table, self.out / name / f"{shard}.parquet.tmp", compression=self.compression
            )
        return shard

    def publish(self, shard: str) -> None:
        """Rename a staged shard into place (after the store committed its articles)."""
        for tmp, final in zip(self._paths(shard, ".tmp"), self._paths(shard, ""), strict=True):
            os.replace(tmp, final)
        self.written += 1

    def discard(self, shard: str) -> None:
        """Delete a staged shard whose store commit failed."""
        for tmp in self._paths(shard, ".tmp"):
            tmp.unlink(missing_ok=True)

    def recover(self, committed: Callable[[list[tuple[str, str]]], bool] | None) -> list[str]:
        """Settle the ``.tmp`` shards a killed run left: publish or delete each.

        Args:
            committed: given a shard's ``(article id, sha256)`` pairs, True when the store holds
                all of them (the commit happened); None when there is no store (publish).

        Returns:
            The names of the shards published.
        """
        published = []
        for tmp in sorted((self.out / "articles").glob("*.parquet.tmp")):
            shard = tmp.name.removesuffix(".parquet.tmp")
            try:
                t = pq.read_table(tmp, columns=["id", "sha256"])
                pairs = list(zip(t["id"].to_pylist(), t["sha256"].to_pylist(), strict=True))
                complete = all(p.exists() for p in self._paths(shard, ".tmp"))
            except (OSError, pa.ArrowInvalid):
                pairs, complete = [], False
            if complete and (committed is None or committed(pairs)):
                self.publish(shard)
                published.append(shard)
            else:
                self.discard(shard)
        return published


def read_table(out: str | os.PathLike[str], name: str, *, current: bool = False) -> pa.Table:
    """One table of an output folder, all its published shards together, oldest first.

    Args:
        out: the output folder.
        name: the table (``articles``, ``events``, ...).
        current: per article, only the rows of the last shard that holds it (what the store
            holds); else every row ever written, earlier versions and re-runs included.

    Shards written before a column existed read with that column null.
    """
    files = sorted((Path(out) / name).glob("*.parquet"))
    if not files:
        return SCHEMAS[name].empty_table()
    tables = [_conform(pq.read_table(f), SCHEMAS[name]) for f in files]
    if not current:
        return pa.concat_tables(tables)
    # The shard (file name, the same in every table's folder) that last wrote each article.
    last: dict[str, str] = {}
    for f in sorted((Path(out) / "articles").glob("*.parquet")):
        for aid in pq.read_table(f, columns=["id"])["id"].to_pylist():
            last[aid] = f.name
    key = "id" if name == "articles" else "article"
    kept = [
        t.filter(pa.array([last.get(a) == f.name for a in t[key].to_pylist()], pa.bool_()))
        for f, t in zip(files, tables, strict=True)
    ]
    return pa.concat_tables(kept)


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` in ``schema``: missing columns null, older types cast ("false" -> false)."""
    cols = []
    for f in schema:
        if f.name in table.column_names:
            col = table[f.name]
            cols.append(col if col.type == f.type else col.cast(f.type))
        else:
            cols.append(pa.nulls(len(table), f.type))
    return pa.Table.from_arrays(cols, schema=schema)
