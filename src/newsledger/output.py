"""Writing lists of rows as a terminal table, JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from types import TracebackType
from typing import IO, Any

from rich.console import Console
from rich.table import Table


class Format(StrEnum):
    """Output formats of the listing commands."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class RowWriter:
    """Rows written as they come in one machine format: one JSON array, JSON Lines or one CSV.

    Several batches of rows (the records of one article after another) make one document: a
    single JSON array, a single CSV header. Nothing is held back, so output streams.
    Use it as a context manager, or call :meth:`close`, to end the JSON array.
    """

    def __init__(self, fmt: Format, columns: Sequence[str], out: IO[str] | None = None) -> None:
        """Start writing.

        Args:
            fmt: json, jsonl or csv (the table view is not a stream).
            columns: the CSV header, in order; a row's missing field is an empty cell, fields
                outside ``columns`` are left out. JSON and JSON Lines carry every field.
            out: where to write (default: standard output).

        Raises:
            ValueError: ``fmt`` is the table view.
        """
        if fmt is Format.table:
            raise ValueError("the table view is not written row by row")
        self.fmt = fmt
        self.columns = list(columns)
        self.out = out or sys.stdout
        self.count = 0
        self._closed = False
        self._csv: Any = None
        if fmt is Format.csv:
            self._csv = csv.DictWriter(self.out, fieldnames=self.columns, extrasaction="ignore")
            self._csv.writeheader()

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Write a batch of rows."""
        for row in rows:
            if self.fmt is Format.json:
                # Each element as json.dump(rows, indent=2) would write it: one document
                # in the end, whatever the number of batches.
                item = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n  ")
                self.out.write(("[\n  " if self.count == 0 else ",\n  ") + item)
            elif self.fmt is Format.jsonl:
                self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                self._csv.writerow({c: _cell(row.get(c)) for c in self.columns})
            self.count += 1

    def close(self) -> None:
        """End the document (the JSON array's closing bracket); later calls do nothing."""
        if self._closed:
            return
        self._closed = True
        if self.fmt is Format.json:
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def emit(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    fmt: Format,
    *,
    title: str | None = None,
    out: IO[str] | None = None,
    console: Console | None = None,
    cut: int | None = None,
) -> int:
    """Write ``rows`` in ``fmt``; ``columns`` choose and order the table/CSV columns.

    JSON and JSON Lines carry every field of each row (the full contract record). In the table
    view, ``cut`` rows at most: when there are more, the table says so in its caption.

    Returns:
        The number of rows written.
    """
    out = out or sys.stdout
    rows = list(rows)
    if fmt is not Format.table:
        with RowWriter(fmt, columns, out) as writer:
            writer.write(rows)
        return len(rows)
    note = None
    if cut is not None and len(rows) > cut:
        rows = rows[:cut]
        note = f"first {cut} rows: --limit N for more, --format jsonl|csv|json for every row"
    table = Table(title=title, show_lines=False, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        # Article text is data, never markup: rich would otherwise read "[b]" as a style.
        table.add_row(*[_escape(_cell(row.get(c))) for c in columns])
    console = console or Console(file=out)
    console.print(table)
    if note:  # under the table, not as its caption: a narrow table would wrap it word by word
        console.print(note, style="dim", markup=False)
    return len(rows)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
