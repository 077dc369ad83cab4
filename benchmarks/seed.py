"""Score the real pipeline against hand-annotated gold files.

Usage::

    python benchmarks/seed.py                       # the seed article in ../shared/gold/seed/
    python benchmarks/seed.py --gold G.json --text T.txt [--published YYYY-MM-DD]
    python benchmarks/seed.py --voa                 # also every tests/gold/voa/*.gold.json
    python benchmarks/seed.py --voa --errors        # list misses, false alarms, wrong labels

Prints the per-layer figures of :mod:`newsledger.evaluate` for each article and, with ``--voa``,
the micro-averaged totals over the VOA gold set.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder is sys.path[0]; its modules must not
# shadow the standard library for the imports below.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402

from newsledger.article import Article  # noqa: E402
from newsledger.evaluate import (  # noqa: E402
    Scores,
    extract_layers,
    format_scores,
    gold_article,
    load_corpus,
    load_gold,
    score,
    total,
)

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT.parent / "shared" / "gold" / "seed"
VOA_GOLD = ROOT / "tests" / "gold" / "voa"
VOA_CORPUS = ROOT / "src" / "newsledger" / "data" / "demo" / "voa_stories.jsonl"


def score_file(gold_path: Path, text_path: Path, published: str | None) -> Scores:
    """Run the pipeline on ``text_path`` and score it against ``gold_path``."""
    gold = load_gold(gold_path)
    info = gold.get("article", {})
    art = Article(
        text=text_path.read_text(encoding="utf-8"),
        id=text_path.stem,
        outlet=info.get("outlet"),
        published=published or info.get("published"),
    )
    return score(extract_layers(art.text, art.meta()), gold, art.text)


def score_voa(gold_dir: Path, corpus_path: Path, errors: bool) -> list[tuple[str, Scores]]:
    """Score every ``*.gold.json`` in ``gold_dir`` against its story in ``corpus_path``."""
    corpus = load_corpus(corpus_path)
    out = []
    for path in sorted(gold_dir.glob("*.gold.json")):
        gold = load_gold(path)
        text, meta = gold_article(gold, corpus)
        sc = score(extract_layers(text, meta), gold, text)
        out.append((path.name, sc))
        print(format_scores(sc, f"{path.name}  {meta.get('title') or ''}"))
        if errors:
            for err in sc.attributions.errors:
                print("    -", err)
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SEED_DIR / "nk-troops-kursk.gold.json")
    ap.add_argument("--text", type=Path, default=SEED_DIR / "nk-troops-kursk.txt")
    ap.add_argument("--published", default=None, help="override the gold file's published date")
    ap.add_argument("--voa", action="store_true", help="also score tests/gold/voa/*.gold.json")
    ap.add_argument("--voa-gold", type=Path, default=VOA_GOLD)
    ap.add_argument("--corpus", type=Path, default=VOA_CORPUS)
    ap.add_argument("--errors", action="store_true", help="list attribution errors")
    args = ap.parse_args(argv)

    if args.gold.exists() and args.text.exists():
        sc = score_file(args.gold, args.text, args.published)
        print(format_scores(sc, f"seed: {args.gold.name}"))
        if args.errors:
            for err in sc.attributions.errors:
                print("    -", err)
    else:
        print(f"seed gold not found: {args.gold} / {args.text}", file=sys.stderr)
    if args.voa:
        results = score_voa(args.voa_gold, args.corpus, args.errors)
        print(format_scores(total(s for _n, s in results), f"VOA total ({len(results)} articles)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
