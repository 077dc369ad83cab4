"""How many articles a set of inputs holds, cheaply, for a progress bar's total and ETA."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from newsledger.ingest import _walk, detect_format

_ONE_ARTICLE = frozenset({"text", "html"})


def _count_lines(path: Path) -> int:
    n, last = 0, b"\n"
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """An estimate of the articles in ``paths`` (lines of JSONL, one per text/HTML file).

    Blank or bad lines are counted too; the figure only sizes a progress bar.

    Returns:
        The count, or None when an input's count is unknown without parsing it (WARC, feeds,
        JSON lists, compressed files).
    """
    total = 0
    for given in paths:
        p = Path(given)
        files = _walk(p) if p.is_dir() else [p]
        for f in files:
            try:
                with f.open("rb") as fh:
                    head = fh.read(8192)
            except OSError:
                continue
            fmt = detect_format(f.name, head)
            if fmt in _ONE_ARTICLE:
                total += 1
            elif fmt == "jsonl" and not head.startswith(b"\x1f\x8b"):
                total += _count_lines(f)
            else:
                return None
    return total
