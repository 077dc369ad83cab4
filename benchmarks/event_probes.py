"""Event types on the probe sentences written from the PLOVER manual (``tests/gold/events``).

Usage::

    python benchmarks/event_probes.py                 # every probe file, figures only
    python benchmarks/event_probes.py --show dev      # also the misses of the development files

Each file in ``tests/gold/events/probes_*.tsv`` holds lines ``TYPE<TAB>sentence``: one realis
event with named participants per sentence, its type as the PLOVER manual's definitions and
coding notes give it. Two figures: the sentence's **main**
event (the trigger closest to the dependency root, as in ``benchmarks/events.py``) has the
probe's type, and the probe's type is among the events found (what the test's floors use). The
files differ in who wrote them and who may read them (``tests/gold/README.md``):
``probes_blind_heldout.tsv`` was written by someone who never saw the extractor and is never shown
to rule writers, so ``--show`` refuses it.

Sentences typed ``NONE`` (``probes_none_*.tsv``) hold no event a coder keeps (opinions,
hypotheticals, negations, reports, standing states, sports and business news): their figure is
the share with **no event found**.

Figures only; the floors are in ``tests/extract/test_event_probes.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

_HERE = Path(__file__).resolve().parent
ROOT = _HERE.parent
PROBES = ROOT / "tests" / "gold" / "events"
HELD_OUT = ("blind_heldout", "blind2_heldout", "none_heldout")  # never shown


def _load(name: str) -> Any:
    """A sibling benchmark as a module (this folder is not on ``sys.path``: see above)."""
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", _HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# the gsr benchmark's choice of a sentence's main event, so both score alike
main_event = _load("events").main_event


def load(path: Path) -> list[tuple[str, str]]:
    """``(type, sentence)`` pairs of a probe file."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        etype, sep, sentence = line.partition("\t")
        if not sep:
            raise ValueError(f"{path}:{n}: expected TYPE<TAB>sentence")
        rows.append((etype.strip(), sentence.strip()))
    return rows


def score(nlp: Any, rows: list[tuple[str, str]]) -> dict[str, Any]:
    """Accuracy of the main event's type over probe rows, per type, and the misses."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    among = 0
    for etype, sentence in rows:
        doc, events = _parse(nlp, sentence)
        main = main_event(doc, events)
        got = main["event"] if main else None
        per[etype][1] += 1
        among += etype in {e["event"] for e in events}
        if got == etype:
            per[etype][0] += 1
        else:
            misses.append(f"{etype} -> {got or '-'} [{_found(events, sentence)}] {sentence}")
    right = sum(a for a, _ in per.values())
    return {
        "right": right,
        "among": among,
        "n": len(rows),
        "per_type": dict(per),
        "misses": misses,
    }


def score_none(nlp: Any, rows: list[tuple[str, str]]) -> dict[str, Any]:
    """How many sentences with no event a coder keeps yield no event, and the misses."""
    right, misses = 0, []
    for _t, sentence in rows:
        _doc, events = _parse(nlp, sentence)
        if not events:
            right += 1
        else:
            misses.append(f"NONE -> [{_found(events, sentence)}] {sentence}")
    return {"right": right, "n": len(rows), "misses": misses}


def _parse(nlp: Any, sentence: str) -> tuple[Any, list[dict[str, Any]]]:
    """A probe sentence's Doc and the event records found in it."""
    from newsledger.article import Article
    from newsledger.nlp import parse_article

    art = Article(text=sentence, id="probe", published="2025-01-01")
    doc = parse_article(nlp, art.text, art.meta())
    return doc, (doc._.newsledger or {}).get("event", [])


def _found(events: list[dict[str, Any]], sentence: str) -> str:
    """The events found, as "TYPE:trigger" pairs (for a miss's line)."""
    return ", ".join(f"{e['event']}:{sentence[e['span'][0] : e['span'][1]]}" for e in events)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dir", type=Path, default=PROBES, help="folder of probes_*.tsv files")
    ap.add_argument("--show", nargs="*", default=[], help="print the misses of these files")
    ap.add_argument(
        "--heldout", action="store_true", help="also score the held-out file (figures only)"
    )
    args = ap.parse_args(argv)
    from newsledger.nlp import build_pipeline

    nlp = build_pipeline()
    for path in sorted(args.dir.glob("probes_*.tsv")):
        name = path.stem.removeprefix("probes_")
        if name in HELD_OUT and not args.heldout:
            continue  # scored only when asked: a figure looked at after every change is tuned on
        rows = load(path)
        if rows and all(t == "NONE" for t, _s in rows):
            none = score_none(nlp, rows)
            k, n = none["right"], none["n"]
            print(f"{name}: no event found {k / n:.3f} ({k}/{n})")
            if name in args.show and name not in HELD_OUT:
                for m in none["misses"]:
                    print(f"  miss: {m}")
            continue
        res = score(nlp, rows)
        acc = res["right"] / res["n"] if res["n"] else 0.0
        print(
            f"{name}: main event's type {acc:.3f} ({res['right']}/{res['n']}); "
            f"type among the events found {res['among'] / max(1, res['n']):.3f} "
            f"({res['among']}/{res['n']})"
        )
        per = "  ".join(f"{t} {a}/{n}" for t, (a, n) in sorted(res["per_type"].items()))
        print(f"  per type: {per}")
        if name in args.show:
            if name in HELD_OUT:
                print("  (held out: misses are not shown)")
                continue
            for m in res["misses"]:
                print(f"  miss: {m}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
