"""Writing lists of rows as a terminal table, JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
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


def emit(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    fmt: Format,
    *,
    title: str | None = None,
    out: IO[str] | None = None,
    console: Console | None = None,
) -> int:
    """Write ``rows`` in ``fmt``; ``columns`` choose and order the table/CSV columns.

    JSON and JSON Lines carry every field of each row (the full contract record).

    Returns:
        The number of rows written.
    """
    out = out or sys.stdout
    rows = list(rows)
    if fmt is Format.json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt is Format.jsonl:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
    else:
        table = Table(title=title, show_lines=False, expand=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in rows:
            # Article text is data, never markup: rich would otherwise read "[b]" as a style.
            table.add_row(*[_escape(_cell(row.get(c))) for c in columns])
        (console or Console(file=out)).print(table)
    return len(rows)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
