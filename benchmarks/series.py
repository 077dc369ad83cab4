"""Estimate series benchmark: series recall and purity on the hand-labelled stories.

Usage::

    python benchmarks/series.py [--gold tests/gold/series] [--db FILE] [--errors]

The gold stories' articles (from the bundled demo corpus, and the seed article from
``../shared/gold/seed``) are ingested into a store (``--db``, reused when current; a temporary
file otherwise), stories are written from the gold membership (the clustering is scored by its
own benchmark), and ``newsledger.link.estimates.estimates`` is run per story.

* **recall**: of each gold series with two members or more, the share of its members found
  together in the one predicted series that holds most of them (micro-averaged).
* **purity**: of each predicted series, the share of its members that belong to its most common
  gold series (numbers labelled null never belong).

Stories marked ``"heldout": true`` were labelled after the rules were written and never used to
change them; they are reported apart.

``--errors`` prints each predicted series with its members' gold labels, and the gold members
that no series holds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

# A module here must never shadow the standard library (benchmarks/numbers.py once shadowed
# ``numbers``, which numpy imports): keep this script's own folder off the import path.
if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

from newsledger.link.estimates import estimates  # noqa: E402
from newsledger.link.series_gold import SeriesScore, load_gold, prepare_store, score_story  # noqa: E402
from newsledger.nlp import build_pipeline  # noqa: E402
from newsledger.store.sqlite import SQLiteStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "tests" / "gold" / "series"))
    ap.add_argument(
        "--seed", default=str(ROOT.parent / "shared" / "gold" / "seed" / "nk-troops-kursk.txt")
    )
    ap.add_argument("--db", default=None)
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    golds = load_gold(args.gold)
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(args.db or Path(tmp) / "series.db")
        prepare_store(store, golds, build_pipeline(), Path(args.seed))
        total, held = SeriesScore(), SeriesScore()
        print(f"{'story':<18} {'gold':>5} {'pred':>5} {'recall':>7} {'purity':>7}")
        for g in golds:
            rows = estimates(store, story=g["story"])
            s = score_story(g, rows)
            if g.get("heldout"):
                held += s
            else:
                total += s
            tag = " (held out)" if g.get("heldout") else ""
            print(
                f"{g['story']:<18} {s.gold:>5} {s.predicted:>5} {s.recall:>7.3f} "
                f"{s.purity:>7.3f}{tag}"
            )
            if args.errors:
                _errors(g, rows)
        print(
            f"{'overall':<18} {total.gold:>5} {total.predicted:>5} "
            f"{total.recall:>7.3f} {total.purity:>7.3f} (stories the rules were read from)"
        )
        if held.gold or held.predicted:
            print(
                f"{'held out':<18} {held.gold:>5} {held.predicted:>5} "
                f"{held.recall:>7.3f} {held.purity:>7.3f}"
            )
        store.close()


def _errors(gold: dict, rows: list[dict]) -> None:
    label = {(x["article"], x["start"]): x["series"] for x in gold["labels"]}
    seen = set()
    for r in rows:
        key = (r["article"], r["span"][0])
        seen.add(key)
        print(
            f"   {r['series']:<40} {r['change']:<8} {key[0]}@{key[1]:<5} {r['text']!r:<40} "
            f"gold={label.get(key)}"
        )
    for key, s in label.items():
        if s and key not in seen:
            print(f"   MISSED {s:<33} {key[0]}@{key[1]}")


if __name__ == "__main__":
    main()
