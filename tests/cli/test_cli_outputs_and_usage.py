"""The command line's outputs and usage errors, run in-process through typer's CliRunner.

Real commands over real files and a real SQLite store (ingested here with the real pipeline):
``extract`` as one JSON document and as a CSV of every record field, options that write files,
``--limit``, read-only commands on a missing store, ``--status``/``--type`` values and the help
examples' story ids.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from newsledger import config, query
from newsledger.cli import app
from newsledger.export import record_columns
from newsledger.query import STATUSES, event_types
from newsledger.store import StoreError, open_store

STORY = """Troops massed near the border, officials say

Defence Minister Jane Okafor said on Monday that 2,000 troops had been sent to the border.
"We will not be intimidated," she said.
Russia bombed a power plant in Kharkiv on Sunday, officials said.
"""

OTHER = """Talks resume in Geneva

Negotiators met in Geneva on Tuesday, the foreign ministry said, and 40 delegates attended.
"""

LISTINGS = [
    ["articles"],
    ["actors"],
    ["search", "troops"],
    ["quotes"],
    ["numbers"],
    ["events"],
    ["stories"],
    ["estimates"],
    ["conflicts"],
    ["sources"],
]


def nl(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def usage_error(r: Result, *words: str) -> None:
    """Exit 2 with the words (option, path, problem) on stderr, no traceback, nothing printed."""
    assert r.exit_code == 2, (r.exit_code, r.stdout, r.stderr)
    assert isinstance(r.exception, SystemExit), r.exception  # not a crash
    assert "Traceback" not in r.stderr and r.stdout == ""
    for w in words:
        assert w in r.stderr, (w, r.stderr)


def one_line_error(r: Result, *words: str) -> None:
    """A usage error of newsledger's own: one line on stderr."""
    usage_error(r, *words)
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("inputs")
    a, b = d / "a.txt", d / "b.txt"
    a.write_text(STORY, encoding="utf-8")
    b.write_text(OTHER, encoding="utf-8")
    return a, b


@pytest.fixture(scope="module")
def db(files: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "x.db"
    r = nl("ingest", *map(str, files), "--db", str(path), "--published", "2024-10-28")
    assert r.exit_code == 0, r.stderr
    return path


# -- 1. extract --format json: one document --------------------------------------------------
def test_extract_json_of_several_files_is_one_array(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    a, b = files
    r = nl("extract", str(a), str(empty), str(b), "--format", "json")
    assert r.exit_code == 1  # the empty file is an error; the others are still one document
    records = json.loads(r.stdout)
    assert [x["path"] for x in records if x["type"] == "article"] == [str(a), str(b)]
    jsonl = nl("extract", str(a), str(b), "--format", "jsonl")
    assert records == [json.loads(line) for line in jsonl.stdout.splitlines()]
    nothing = nl("extract", str(empty), "--format", "json")
    assert json.loads(nothing.stdout) == []


# -- 2. extract --format csv: every record field ---------------------------------------------
def test_extract_csv_carries_every_record_field(files: tuple[Path, Path]) -> None:
    jsonl = nl("extract", *map(str, files), "--format", "jsonl")
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    r = nl("extract", *map(str, files), "--format", "csv")
    assert r.exit_code == 0, r.stderr
    reader = csv.DictReader(io.StringIO(r.stdout))
    rows = list(reader)
    header = reader.fieldnames or []
    assert header == record_columns() and len(set(header)) == len(header)
    assert {k for rec in records for k in rec} <= set(header)  # no field is lost
    assert len(rows) == len(records)
    assert {rec["type"] for rec in records} >= {"article", "attribution", "quantity", "event"}
    for rec, row in zip(records, rows, strict=True):
        for field in header:
            value = rec.get(field)
            if value is None:
                assert row[field] == "", (rec["type"], field)  # a field the type lacks, or null
            elif isinstance(value, list | dict):
                assert json.loads(row[field]) == value, (rec["type"], field)
            else:
                assert row[field] == str(value), (rec["type"], field)
    quantity = next(row for row in rows if row["type"] == "quantity" and row["value"] == "2000")
    assert json.loads(quantity["span"]) and quantity["unit"] and quantity["extractor"]


def test_show_csv_has_the_same_columns(db: Path) -> None:
    aid = json.loads(nl("articles", "--db", str(db), "--format", "json").stdout)[0]["id"]
    r = nl("show", aid, "--db", str(db), "--format", "csv")
    reader = csv.DictReader(io.StringIO(r.stdout))
    rows = list(reader)
    assert reader.fieldnames == record_columns()
    assert rows[0]["type"] == "article" and any(x["content"] for x in rows)


# -- 3. options that write files ------------------------------------------------------------
def test_files_written_to_a_missing_folder_or_a_folder_are_usage_errors(
    db: Path, files: tuple[Path, Path], tmp_path: Path
) -> None:
    aid = json.loads(nl("articles", "--db", str(db), "--format", "json").stdout)[0]["id"]
    missing = tmp_path / "no" / "such"
    story = json.loads(nl("stories", "--db", str(db), "--format", "json").stdout)[0]["id"]
    folder_svg = tmp_path / "chart.svg"
    folder_svg.mkdir()
    cases = [
        (["show", aid, "--html", str(missing / "p.html")], "--html", "does not exist"),
        (["show", aid, "--html", str(tmp_path)], "--html", "is a folder"),
        (["estimates", "--plot", str(missing / "p.svg")], "--plot", "does not exist"),
        (["estimates", "--plot", str(folder_svg)], "--plot", "is a folder"),
        (["brief", "--story", story, "--out", str(missing / "b.md")], "--out", "does not exist"),
        (["brief", "--story", story, "--out", str(tmp_path)], "--out", "is a folder"),
    ]
    for args, option, problem in cases:
        one_line_error(nl(*args, "--db", str(db)), option, problem)
    a_file = files[0]
    r = nl("ingest", str(a_file), "--db", str(tmp_path / "new.db"), "--out", str(a_file / "pq"))
    one_line_error(r, "--out", "is a file, not a folder")
    assert not missing.parent.exists()


# -- 4. --limit ------------------------------------------------------------------------------
@pytest.mark.parametrize("cmd", LISTINGS, ids=lambda c: c[0])
def test_negative_limit_is_a_usage_error(db: Path, cmd: list[str]) -> None:
    for limit in ("-1", "-5"):
        usage_error(nl(*cmd, "--db", str(db), "--limit", limit, "--format", "json"), "--limit")
    zero = nl(*cmd, "--db", str(db), "-n", "0", "--format", "jsonl")
    assert zero.exit_code == 0 and zero.stdout == ""  # 0 stays what it was: no row


# -- 5. read-only commands on a missing store -------------------------------------------------
READERS = [
    *LISTINGS,
    ["show", "x"],
    ["brief", "--story", "x"],
    ["alert", "list"],
    ["alert", "remove", "x"],
]


@pytest.mark.parametrize("cmd", READERS, ids=lambda c: "-".join(c[:2]))
def test_read_only_commands_make_no_store(tmp_path: Path, cmd: list[str]) -> None:
    path = tmp_path / "sub" / "missing.db"
    (tmp_path / "sub").mkdir()
    one_line_error(nl(*cmd, "--db", str(path)), f"no store at {path}")
    assert list((tmp_path / "sub").iterdir()) == []


def test_open_store_for_reading_makes_no_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(path), create=False)
    with pytest.raises(StoreError, match="no store at"):
        open_store(f"sqlite:///{path}", create=False)
    assert not path.exists()
    open_store(str(path)).close()  # the default still creates it (ingest, demo, watch...)
    open_store(str(path), create=False).close()


def test_commands_that_write_still_make_the_store(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    r = nl("link", "--db", str(path))
    assert r.exit_code == 0, r.stderr
    assert path.exists()
    assert nl("articles", "--db", str(path), "--format", "json").stdout.strip() == "[]"


# -- 6. --status and --type values -------------------------------------------------------------
def test_unknown_status_and_event_type_are_usage_errors(db: Path) -> None:
    one_line_error(nl("quotes", "--db", str(db), "--status", "bogus"), "'bogus'", *STATUSES)
    one_line_error(nl("events", "--db", str(db), "--type", "BOGUS"), "'BOGUS'", *event_types())
    assert {"ASSAULT", "MOBILIZE", "THREATEN"} <= set(event_types()) and len(event_types()) == 16
    stated = nl("quotes", "--db", str(db), "--status", "stated", "--format", "json")
    any_case = nl("quotes", "--db", str(db), "--status", "Stated", "--format", "json")
    assert json.loads(stated.stdout) and any_case.stdout == stated.stdout
    events = nl("events", "--db", str(db), "--type", "assault", "--format", "json")
    assert [e["event"] for e in json.loads(events.stdout)] == ["ASSAULT"]
    # The filters live in newsledger.query, so the HTTP API rejects the same values (a 422).
    store = open_store(str(db), create=False)
    try:
        with pytest.raises(ValueError, match="not a status"):
            query.quotes(store, status="bogus")
        with pytest.raises(ValueError, match="not a PLOVER event type"):
            query.events(store, type_="bogus")
    finally:
        store.close()


# -- 7. help examples --------------------------------------------------------------------------
def test_help_examples_name_a_demo_store_story() -> None:
    demo_ids = {
        json.loads(line)["id"]
        for line in config.DEMO_CORPUS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    for cmd in ("estimates", "conflicts", "brief"):
        text = nl(cmd, "--help").stdout
        ids = re.findall(r"--story (\S+)", text)
        assert ids, cmd
        # A story's id is "s-" and the id of the article that started it.
        assert all(s.startswith("s-") and s[2:] in demo_ids for s in ids), (cmd, ids)


def test_a_cut_table_says_so_and_a_whole_one_does_not(db: Path) -> None:
    """The table view shows the first rows; when there are more it says how to get them."""
    import io

    from newsledger.output import Format, emit

    rows = [{"n": i} for i in range(60)]
    buf = io.StringIO()
    assert emit(rows, ["n"], Format.table, out=buf, cut=50) == 50
    assert "first 50 rows: --limit N for more" in buf.getvalue() and "│ 50 │" not in buf.getvalue()
    buf = io.StringIO()
    assert emit(rows[:50], ["n"], Format.table, out=buf, cut=50) == 50
    assert "first 50 rows" not in buf.getvalue()
    buf = io.StringIO()
    assert emit(rows, ["n"], Format.jsonl, out=buf, cut=50) == 60  # only tables are cut
    # a small store: its whole listing, and no note
    r = nl("numbers", "--db", str(db))
    assert r.exit_code == 0 and "first 50 rows" not in r.stdout


def test_every_command_and_subcommand_has_an_example() -> None:
    """README: 'Every command has --help with an example' - all of them, found from the app."""
    import typer.main

    def walk(cmd: Any, path: list[str]) -> list[list[str]]:
        out = [path] if path else []
        for name, sub in (getattr(cmd, "commands", None) or {}).items():  # a group's commands
            out += walk(sub, [*path, name])
        return out

    paths = walk(typer.main.get_command(app), [])
    assert len(paths) > 20 and ["alert", "remove"] in paths
    for path in paths:
        r = nl(*path, "--help")
        assert r.exit_code == 0 and "Example" in r.stdout, path
