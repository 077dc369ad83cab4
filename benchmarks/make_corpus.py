"""A synthetic corpus for scale benchmarks: the demo texts repeated with new ids.

    python benchmarks/make_corpus.py 10000 /tmp/corpus-10k.jsonl [--source PATH]

Article ``i`` is demo story ``i % 89`` with id ``syn-<i>-<demo id>``: parsing cost per article is
that of the demo corpus, and every article is a distinct id to store. Written line by line.
"""

from __future__ import annotations

import argparse
import json

from newsledger import config


def make_corpus(n: int, out: str, source: str = str(config.DEMO_CORPUS)) -> int:
    """Write ``n`` articles to ``out`` (JSON Lines); return ``n``."""
    with open(source, encoding="utf-8") as fh:
        stories = [json.loads(line) for line in fh if line.strip()]
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            s = dict(stories[i % len(stories)])
            s["id"] = f"syn-{i:07d}-{s['id']}"
            fh.write(json.dumps(s, ensure_ascii=False) + "\n")
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--source", default=str(config.DEMO_CORPUS))
    args = ap.parse_args()
    make_corpus(args.n, args.out, args.source)
    print(f"wrote {args.n} articles to {args.out}")


if __name__ == "__main__":
    main()
