"""Vocabulary and RSS of one parsing process over many new texts, with and without memory zones.

    python benchmarks/memory_zone.py --rounds 6            # the engines' path (extract_batch)
    python benchmarks/memory_zone.py --rounds 6 --no-zone  # plain nlp.pipe, as before

``scale.py rss`` repeats the 89 demo texts, so its corpus has no new words after the first 89
articles and cannot show what a memory zone saves. Here every round is the 89 demo texts with
each capitalised word given a suffix of that round (``Kursk`` -> ``Kurskqb``): new names in
every round, as a real news stream has. After each round it prints the size of spaCy's string
store, of the rule lemmatizer's cache, and the process's RSS.

Figures only; nothing here is a test. Run with ``nice``: the machine is shared.
"""

from __future__ import annotations

import sys
from pathlib import Path

# this folder off the path: a module here must never shadow the standard library's.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import string  # noqa: E402

from newsledger import config  # noqa: E402
from newsledger.nlp import build_pipeline, extract_batch  # noqa: E402
from newsledger.scale.proctree import rss_kb  # noqa: E402

_CAPITALISED = re.compile(r"\b([A-Z][a-z]{3,})\b")


def _suffix(n: int) -> str:
    """A letters-only suffix for round ``n`` ("qa", "qb", ..., "qza", ...)."""
    letters = string.ascii_lowercase
    out = ""
    while True:
        out = letters[n % 26] + out
        n //= 26
        if not n:
            return "q" + out


def _rss_mb() -> float:
    return rss_kb(os.getpid()) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--no-zone", action="store_true", help="plain nlp.pipe (the code before)")
    args = ap.parse_args()
    nlp = build_pipeline()
    lemmatizer = nlp.get_pipe("lemmatizer")
    with open(config.DEMO_CORPUS, encoding="utf-8") as fh:
        stories = [json.loads(line) for line in fh if line.strip()]
    done = 0
    for r in range(args.rounds):
        suffix = _suffix(r)
        items = [
            (
                _CAPITALISED.sub(lambda m, s=suffix: m.group(1) + s, s["text"]),
                {"id": f"{s['id']}-{r}", "published": s["published"][:10]},
            )
            for s in stories
        ]
        for start in range(0, len(items), args.batch_size):
            batch = items[start : start + args.batch_size]
            if args.no_zone:
                for doc, _meta in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
                    doc._.newsledger  # noqa: B018 - the records, as the engines read them
            else:
                extract_batch(nlp, batch)
        done += len(items)
        print(
            f"{done:6d} articles  strings {len(nlp.vocab.strings):7d}  "
            f"lemma cache {len(lemmatizer.cache):6d}  RSS {_rss_mb():6.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
