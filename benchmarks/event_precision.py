"""Event precision on whole articles: the hand-labelled sample ``tests/gold/events/sample.json``.

Usage::

    python benchmarks/event_precision.py            # precision and type accuracy of the sample
    python benchmarks/event_precision.py --todo     # sampled events that still need a label
    python benchmarks/event_precision.py --agreement  # a second, blind labeller against the first
    python benchmarks/event_precision.py --synthetic  # invented articles, development/check halves

The demo corpus (``data/demo/voa_stories.jsonl``, without the three stories kept for independent
measurement) runs through the whole pipeline. An event's **slice** is the SHA-1 of its key
``article:offset:trigger`` modulo ``RATE``; the event is **in the sample** when its slice is one of
``SLICES``. The sample is random, fixed, and survives rule changes (an event that a new rule finds
is in the sample or not by its own key, so new sampled events show up under ``--todo`` for
labelling). Slices 0, 1, 3 and 4 are **development** slices, read by the rule writers: slice 0 is
the one the precision rules were written from, slice 1 was labelled second, slices 3 and 4 were
added later as more development data. Slices 2, 5, 6, 7 and 8 are **held out**
(``HELD_OUT_SLICES``): labelled while new rules were being written from the development slices,
and seen by nobody writing rules, so only their figures are reported (6, 7 and 8 were labelled on
the ``evlab678`` branch from the rules of main's 759f100).

Each label says ``keep`` (an event an event coder keeps, of the right type), ``type`` (an event,
wrong type: ``correct`` gives the type) or ``no`` (not an event: opinion, hypothetical, report,
personal help, ...; rules in ``tests/gold/README.md``).

* **precision**: sampled events found now whose label is keep or type / those labelled;
* **type accuracy**: kept events whose type found now equals the right type / kept events.

Both are printed for the whole sample, for the held-out slices together, for the development
slices (all others) together and for each slice, with a 95% Wilson interval.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "newsledger" / "data" / "demo" / "voa_stories.jsonl"
SAMPLE = ROOT / "tests" / "gold" / "events" / "sample.json"
SECOND = ROOT / "tests" / "gold" / "events" / "second_labels.json"
SYNTHETIC = ROOT / "tests" / "gold" / "events" / "synthetic"
HELD_OUT = {"7677701", "8010842", "8007760"}
RATE = 9  # an event's slice is its key's SHA-1 modulo RATE
# development: 0, 1, 3, 4 (rule writers read them); held out: 2, 5, 6, 7, 8
SLICES = (0, 1, 2, 3, 4, 5, 6, 7, 8)
HELD_OUT_SLICES = (2, 5, 6, 7, 8)  # never shown to anyone writing rules


def event_key(article: str, ev: dict[str, Any], text: str) -> str:
    """``article:offset:trigger`` for an event record of an article text."""
    s, e = ev["span"]
    return f"{article}:{s}:{text[s:e]}"


def hash_slice(key: str, rate: int = RATE) -> int:
    """The slice of an event key: its SHA-1 modulo ``rate``."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % rate


def slice_of(key: str, label: dict[str, Any] | None = None) -> int:
    """An event's slice: its label's ``slice`` where the label keeps one, else its key's.

    A label keeps the slice of the key it was labelled under when a fix of the trigger span
    (not of the rules) changed the key, so that no event moves between development and
    held-out slices.
    """
    if label is not None and "slice" in label:
        return int(label["slice"])
    return hash_slice(key)


def sampled(key: str) -> bool:
    """Whether an event key is in the fixed random sample."""
    return hash_slice(key) in SLICES


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval (95% by default) of a proportion ``k / n``."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    mid = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, mid - half), min(1.0, mid + half))


def found_events(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every event the pipeline finds in the articles, with its key, sentence and type."""
    from newsledger.article import Article
    from newsledger.nlp import build_pipeline, parse_article

    nlp = build_pipeline()
    out = []
    for story in articles:
        art = Article(text=story["text"], published=story["published"][:10], id=story["id"])
        doc = parse_article(nlp, art.text, art.meta())
        for ev in (doc._.newsledger or {}).get("event", []):
            s, e = ev["sentence"]
            out.append(
                {
                    "key": event_key(story["id"], ev, art.text),
                    "article": story["id"],
                    "offset": ev["span"][0],
                    "trigger": art.text[ev["span"][0] : ev["span"][1]],
                    "event": ev["event"],
                    "actor": ev.get("actor_text") or ev.get("actor"),
                    "recipient": ev.get("recipient_text") or ev.get("recipient"),
                    "sentence": art.text[s:e],
                }
            )
    return out


def score(
    found: list[dict[str, Any]],
    labels: dict[str, dict[str, Any]],
    slices: tuple[int, ...] = SLICES,
) -> dict[str, Any]:
    """Precision and type accuracy of the found events in ``slices`` that carry a label."""
    n = kept = right = 0
    todo = []
    for ev in found:
        lab = labels.get(ev["key"])
        if slice_of(ev["key"], lab) not in slices:
            continue
        if lab is None:
            todo.append(ev)
            continue
        n += 1
        if lab["judgement"] in ("keep", "type"):
            kept += 1
            correct = lab.get("correct") or lab["event"]
            right += ev["event"] == correct
    return {
        "labelled": n,
        "precision": kept / n if n else 0.0,
        "kept": kept,
        "right": right,
        "type_accuracy": right / kept if kept else 0.0,
        "todo": todo,
    }


def load_labels(path: Path = SAMPLE) -> dict[str, dict[str, Any]]:
    """The labels by key."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        f"{x['article']}:{x['offset']}:{x['trigger']}": x for x in data["events"] if "article" in x
    }


def agreement(first: dict[str, dict[str, Any]], second: dict[str, dict[str, Any]]) -> dict:
    """Agreement of two labellings on the keys both hold.

    Returns counts, observed agreement and Cohen's kappa on event (keep/type) against no
    event, and how often the two give the same right type to an event both call one.
    """
    keys = [k for k in second if k in first]
    pairs = [(first[k]["judgement"] != "no", second[k]["judgement"] != "no") for k in keys]
    n = len(pairs)
    agree = sum(a == b for a, b in pairs)
    pa = sum(a for a, _ in pairs) / n if n else 0.0
    pb = sum(b for _, b in pairs) / n if n else 0.0
    expected = pa * pb + (1 - pa) * (1 - pb)
    observed = agree / n if n else 0.0
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    events = [k for k in keys if first[k]["judgement"] != "no" and second[k]["judgement"] != "no"]
    same_type = sum(
        (first[k].get("correct") or first[k]["event"])
        == (second[k].get("correct") or second[k]["event"])
        for k in events
    )
    return {
        "n": n,
        "agree": agree,
        "observed": observed,
        "kappa": kappa,
        "first_rate": pa,
        "second_rate": pb,
        "both_events": len(events),
        "same_type": same_type,
    }


def synthetic(folder: Path = SYNTHETIC) -> dict[str, dict[str, Any]]:
    """Precision and type accuracy on the invented articles, per half (development, check).

    ``folder`` holds ``articles.jsonl`` (each article with its ``half``) and ``labels.json``;
    every event found is scored when labelled, and the unlabelled ones are counted.
    """
    articles = read_jsonl(folder / "articles.jsonl")
    labels = load_labels(folder / "labels.json")
    half = {a["id"]: a["half"] for a in articles}
    found = found_events(articles)
    out: dict[str, dict[str, Any]] = {}
    for name in sorted(set(half.values())):
        part = [ev for ev in found if half[ev["article"]] == name]
        out[name] = score(part, labels, SLICES)
    return out


def demo_articles() -> list[dict[str, Any]]:
    """Demo stories, without those kept for independent measurement."""
    return [r for r in read_jsonl(CORPUS) if r["id"] not in HELD_OUT]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines file (blank lines skipped)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--todo", action="store_true", help="print sampled events without a label")
    ap.add_argument("--agreement", action="store_true", help="compare the second, blind labelling")
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    ap.add_argument("--dump", type=Path, default=None, help="write every found event (JSONL)")
    ap.add_argument("--synthetic", action="store_true", help="score the invented articles")
    args = ap.parse_args(argv)
    if args.synthetic:
        for name, res in synthetic().items():
            print(
                f"  synthetic {name}: precision {res['precision']:.3f}"
                f" ({res['kept']}/{res['labelled']}), type accuracy {res['type_accuracy']:.3f}"
                f" ({res['right']}/{res['kept']}); unlabelled {len(res['todo'])}"
            )
        return 0
    if args.agreement:
        a = agreement(load_labels(args.sample), load_labels(SECOND))
        print(
            f"second labeller on {a['n']} events: event/no agreement {a['observed']:.3f}"
            f" ({a['agree']}/{a['n']}), Cohen's kappa {a['kappa']:.3f}; event rate"
            f" {a['first_rate']:.3f} (first) vs {a['second_rate']:.3f} (second); same type on"
            f" {a['same_type']}/{a['both_events']} events both keep"
        )
        return 0
    found = found_events(demo_articles())
    if args.dump is not None:
        args.dump.write_text(
            "".join(json.dumps(ev, ensure_ascii=False) + "\n" for ev in found), encoding="utf-8"
        )
    labels = load_labels(args.sample)
    in_sample = sum(sampled(ev["key"]) for ev in found)
    print(f"events found in demo articles: {len(found)}; in the sample: {in_sample}")
    held = tuple(i for i in SLICES if i in HELD_OUT_SLICES)
    dev = tuple(i for i in SLICES if i not in HELD_OUT_SLICES)
    groups = [
        ("whole", SLICES),
        (f"held out ({', '.join(map(str, held))})", held),
        ("development (all others)", dev),
    ]
    for name, slices in groups + [(f"slice {i}", (i,)) for i in SLICES]:
        res = score(found, labels, slices)
        plo, phi = wilson(res["kept"], res["labelled"])
        tlo, thi = wilson(res["right"], res["kept"])
        print(
            f"  {name:8s} labelled {res['labelled']}: precision {res['precision']:.3f}"
            f" ({res['kept']}/{res['labelled']}, 95% {plo:.3f}-{phi:.3f}),"
            f" type accuracy {res['type_accuracy']:.3f}"
            f" ({res['right']}/{res['kept']}, 95% {tlo:.3f}-{thi:.3f});"
            f" unlabelled {len(res['todo'])}"
        )
    if args.todo:
        for ev in score(found, labels)["todo"]:
            print(json.dumps({"slice": hash_slice(ev["key"]), **ev}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
