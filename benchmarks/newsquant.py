"""NewsQuant benchmark for the quantities extractor.

Usage::

    python benchmarks/newsquant.py [--path ../shared/eval/newsquant/dev.json] [--errors N]

Each sentence of the NewsQuant file is run through the full newsledger pipeline
(``build_pipeline()`` then ``nlp.pipe`` with article metadata as context); the quantity
records it yields are compared with the gold quantities of that sentence.

Matching (per sentence, one-to-one, greedy in text order of the gold list):

* **value**: a prediction matches a gold quantity when the values are equal (relative
  tolerance 1e-6). A gold range such as ``"160.0-180.0"`` matches a prediction whose
  ``low``/``high`` are those two numbers (in either order); a gold single value matches a
  prediction's ``value``. Vague magnitudes ("thousands") are ranges on both sides.
* **value+bound**: the values match as above and the bound maps:
  gold ``=`` <-> ``=``; ``~`` <-> ``~``; ``>`` <-> ``>``/``>=``; ``<`` <-> ``<``/``<=``.
  Gold ``up``/``down`` mark a number that is the size of a change ("rose 64 points");
  the change itself is an exact amount, so they map to bound ``=`` (the direction is
  ignored here; it is scored separately below).
* **value+bound+direction** (stricter, reported for honesty): as value+bound, except
  that gold ``up``/``down`` need the prediction's ``change`` field to be that direction
  (its bound is then not checked), and gold ``=``/``~``/``>``/``<`` need ``change`` null.

Precision is matches / predictions, recall is matches / gold quantities, F1 their
harmonic mean, all micro-averaged over sentences. The script also prints a unit
agreement rate (a loose check: the gold unit or normalised unit shares a word stem with
ours) over the value matches, and, with ``--errors``, sentences with misses.
"""

from __future__ import annotations

import os
import sys

# This file is named like the standard library's ``numbers`` module, which numpy (through
# spaCy) imports: keep the script's own folder off the import path.
if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import re  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "newsquant" / "dev.json"

_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*$")


def gold_value(text: str) -> tuple[float, ...]:
    """A gold value as a 1-tuple, or a sorted 2-tuple for a range."""
    m = _RANGE.match(text)
    if m:
        a, b = float(m.group(1)), float(m.group(2))
        return tuple(sorted((a, b)))
    return (float(text),)


def pred_value(q: dict[str, Any]) -> tuple[float, ...] | None:
    """A predicted value in the same shape as :func:`gold_value`."""
    if q.get("low") is not None and q.get("high") is not None:
        return tuple(sorted((float(q["low"]), float(q["high"]))))
    if q.get("value") is not None:
        return (float(q["value"]),)
    return None


def _close(a: tuple[float, ...], b: tuple[float, ...] | None) -> bool:
    if b is None or len(a) != len(b):
        return False
    return all(math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9) for x, y in zip(a, b, strict=True))


_BOUND_OK = {"=": {"="}, "~": {"~"}, ">": {">", ">="}, "<": {"<", "<="}, "up": {"="}, "down": {"="}}


def bound_ok(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """value+bound mapping (direction of change ignored)."""
    return pred.get("bound") in _BOUND_OK.get(gold["change"], set())


def direction_ok(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """value+bound+direction mapping."""
    g = gold["change"]
    if g in ("up", "down"):
        return pred.get("change") == g
    return pred.get("change") is None and bound_ok(gold, pred)


def match(
    golds: list[dict[str, Any]],
    preds: list[dict[str, Any]],
    extra: Callable[[dict[str, Any], dict[str, Any]], bool] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one greedy matching: (gold index, prediction index) pairs."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(golds):
        gv = gold_value(g["value"])
        for pi, p in enumerate(preds):
            if pi in used or not _close(gv, pred_value(p)):
                continue
            if extra is not None and not extra(g, p):
                continue
            used.add(pi)
            pairs.append((gi, pi))
            break
    return pairs


def _stem(w: str) -> str:
    w = w.lower().strip("$ ")
    return w[:4]


def unit_agrees(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Loose unit agreement: any word stem shared between gold and predicted unit."""
    pu = (pred.get("unit") or "").lower()
    if not pu:
        return gold["unit"] in ("-", "")
    aliases = {"usd": "$ dollar", "percent": "% percentage percent", "years": "year-old year"}
    pu = pu + " " + aliases.get(pu, "")
    pw = {_stem(w) for w in re.split(r"[\s/-]+", pu) if w}
    gw = {
        _stem(w)
        for w in re.split(r"[\s/-]+", f"{gold['unit']} {gold['normalized_unit']}".lower())
        if w and w != "-"
    }
    return bool(pw & gw)


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the scores."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--path", type=Path, default=DEFAULT)
    ap.add_argument("--errors", type=int, default=0, help="print up to N sentences with errors")
    args = ap.parse_args(argv)
    if not args.path.exists():
        print(f"no data at {args.path}", file=sys.stderr)
        return 2
    from newsledger.nlp import build_pipeline

    data = json.loads(args.path.read_text(encoding="utf-8"))
    nlp = build_pipeline()
    items = [(d["text"], {"id": f"s{i}", "published": None}) for i, d in enumerate(data)]
    n_gold = n_pred = tp_v = tp_b = tp_d = unit_ok = 0
    shown = 0
    for d, (doc, _ctx) in zip(data, nlp.pipe(items, as_tuples=True), strict=True):
        preds = (doc._.newsledger or {}).get("quantity", [])
        golds = d["quantities"]
        n_gold += len(golds)
        n_pred += len(preds)
        pv = match(golds, preds)
        tp_v += len(pv)
        pb = match(golds, preds, bound_ok)
        tp_b += len(pb)
        tp_d += len(match(golds, preds, direction_ok))
        unit_ok += sum(unit_agrees(golds[g], preds[p]) for g, p in pv)
        if args.errors and shown < args.errors and (len(pb) < len(golds) or len(pb) < len(preds)):
            shown += 1
            print("##", d["text"])
            for g in golds:
                print(f"   gold {g['change']:>4} {g['value']:<22} {g['unit']}")
            for p in preds:
                val = p["value"] if p["value"] is not None else f"{p['low']}-{p['high']}"
                print(
                    f"   pred {p['bound']:>4} {val!s:<22} {p['unit']}"
                    f"  [{p['text']}] {p.get('change')}"
                )
    print(f"sentences {len(data)}  gold {n_gold}  predicted {n_pred}")
    for name, tp in (("value", tp_v), ("value+bound", tp_b), ("value+bound+direction", tp_d)):
        p, r, f = f1(tp, n_pred, n_gold)
        print(f"{name:<24} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"unit agreement on value matches: {unit_ok / tp_v if tp_v else 0:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
