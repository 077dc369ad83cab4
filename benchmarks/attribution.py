"""Benchmark the attribution extractor on PolNeAR (brat standoff).

Usage::

    python benchmarks/attribution.py [--path DIR] [--limit N] [--errors FILE]

``DIR`` is a PolNeAR compartment (default ``../shared/eval/polnear/dev`` relative to the repo
root) holding ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann``. Where several
annotators annotated one text, the annotation file whose name sorts first is used.

Gold: every ``E`` line is one attribution; its ``Content``, ``Cue`` and optional ``Source``
arguments point to ``T`` lines (possibly discontinuous, ``s e;s e``). ``Discuss``/``Discard`` spans
are ignored. Beliefs and intentions are gold attributions too: they count against recall.

Offsets: the texts are run through :class:`newsledger.article.Article`, which normalises the
text (blank lines between paragraphs collapse to one newline, runs of spaces collapse, lines are
stripped). Gold offsets refer to the raw file, so each raw offset is mapped onto the normalised
text by aligning the two strings character by character (normalisation only deletes characters
or turns a whitespace run into one space/newline, so a greedy alignment is exact); the script
checks that every mapped gold span reads the same, modulo whitespace, as in the raw text.

Scores (micro-averaged over all documents):

* **content**: predicted records are first merged where PolNeAR annotates one attribution
  with a discontinuous content (see :func:`group`: a quote split around its cue, a quote
  paragraph continuing without a cue). A (merged) prediction matches a gold attribution when
  their contents overlap (any fragments); matching is one-to-one, greedily by largest overlap.
  P = matched / predicted, R = matched / gold. PolNeAR is univocal (each token belongs to
  at most one attribution), so of two nested attributions it can hold at most one: a
  prediction with ``within`` set that matches no gold attribution is left out of every score
  (neither right nor wrong); one that matches counts like any other.
* **cue**: exact span match, one-to-one, of predicted cue spans against gold cue spans (a
  discontinuous gold cue matches either its first fragment or its full extent). Predictions
  without a cue (continuations) are not counted.
* **source**: over content-matched pairs, the source is right when the predicted source span
  overlaps the gold source span. P = right / predicted attributions that have a source span,
  R = right / gold attributions that have a source span.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder comes first on sys.path; a sibling module named like a stdlib
# one would then shadow it for numpy and spaCy (benchmarks/numbers.py did: now newsquant.py).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

from newsledger.evaluate import greedy_pairs  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "polnear" / "dev"

Span = tuple[int, int]


@dataclass
class GoldAttr:
    """One gold attribution (normalised-text offsets)."""

    content: list[Span]
    cue: list[Span]
    source: list[Span] = field(default_factory=list)


def parse_ann(text: str) -> list[tuple[list[Span], list[Span], list[Span]]]:
    """Gold attributions of one ``.ann`` file as raw-offset fragment lists."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[str] = []
    for line in text.splitlines():
        if line.startswith("T") and line.count("\t") >= 1:
            tid, info = line.split("\t")[:2]
            label, offs = info.split(" ", 1)
            frags = []
            for part in offs.split(";"):
                s, e = part.split()
                frags.append((int(s), int(e)))
            spans[tid] = (label, frags)
        elif line.startswith("E") and "\t" in line:
            events.append(line.split("\t", 1)[1])
    out = []
    for ev in events:
        content: list[Span] = []
        cue: list[Span] = []
        source: list[Span] = []
        for arg in ev.split():
            role, tid = arg.split(":", 1)
            if tid not in spans:
                continue
            frags = spans[tid][1]
            if role.startswith("Content"):
                content.extend(frags)
            elif role == "Cue":
                cue.extend(frags)
            elif role == "Source":
                source.extend(frags)
        if content:
            out.append((content, cue, source))
    return out


def align(raw: str, norm: str) -> list[int]:
    """Map every raw offset (0..len(raw)) to an offset in ``norm``.

    Deleted raw characters map to the next kept position.
    """
    mapping = [0] * (len(raw) + 1)
    j = 0
    for i, ch in enumerate(raw):
        mapping[i] = j
        if j < len(norm) and (ch == norm[j] or (ch.isspace() and norm[j].isspace())):
            j += 1
    mapping[len(raw)] = j
    return mapping


def _map(frags: list[Span], m: list[int]) -> list[Span]:
    out = []
    for s, e in frags:
        a, b = m[s], m[e]
        if b > a:
            out.append((a, b))
    return out


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def load(path: Path, limit: int | None = None) -> list[tuple[str, str, list[GoldAttr]]]:
    """Documents as ``(name, normalised text, gold attributions)``."""
    from newsledger.article import Article

    by_text: dict[str, Path] = {}
    for ann in sorted((path / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        by_text.setdefault(name, ann)
    docs = []
    bad = 0
    for name, ann in sorted(by_text.items()):
        txt = path / "text" / f"{name}.txt"
        if not txt.exists():
            continue
        raw = txt.read_text(encoding="utf-8")
        norm = Article(text=raw).text
        m = align(raw, norm)
        gold = []
        for content, cue, source in parse_ann(ann.read_text(encoding="utf-8")):
            g = GoldAttr(_map(content, m), _map(cue, m), _map(source, m))
            for (rs, re_), (ns, ne) in zip(content, g.content, strict=False):
                if "".join(raw[rs:re_].split()) != "".join(norm[ns:ne].split()):
                    bad += 1
            if g.content:
                gold.append(g)
        docs.append((name, norm, gold))
        if limit and len(docs) >= limit:
            break
    if bad:
        print(f"warning: {bad} gold spans did not align", file=sys.stderr)
    return docs


def group(preds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge predicted records that PolNeAR annotates as one attribution.

    Our contract gives one record per contiguous content span: a quote split around its cue
    ("“A,” he said, “B.”") is two records with the same cue, and a quote paragraph that goes on
    without a cue is a ``continuation`` record. PolNeAR annotates each as one attribution with a
    discontinuous content. Records sharing a cue span, and a continuation with the record it
    continues (the closest earlier one with the same speaker), are merged; the merged record's
    content is the list of its pieces (``frags``).
    """
    groups: list[dict[str, Any]] = []
    by_cue: dict[tuple[int, int], dict[str, Any]] = {}
    for p in sorted(preds, key=lambda r: r["content"][0]):
        frag = (p["content"][0], p["content"][1])
        target = None
        if p.get("cue"):
            target = by_cue.get(tuple(p["cue"]))
        elif p.get("resolved_by") == "continuation":
            for g in reversed(groups):
                if g["speaker"] == p.get("speaker") and g["within"] is None:
                    target = g
                    break
        if target is not None:
            target["frags"].append(frag)
            continue
        g = dict(p)
        g["frags"] = [frag]
        groups.append(g)
        if p.get("cue"):
            by_cue[tuple(p["cue"])] = g
    return groups


def match(preds: list[dict[str, Any]], gold: list[GoldAttr]) -> list[tuple[int, int]]:
    """One-to-one content matching by largest overlap (``preds`` from :func:`group`)."""
    cands = []
    for i, p in enumerate(preds):
        for j, g in enumerate(gold):
            ov = sum(_overlap(pf, f) for pf in p["frags"] for f in g.content)
            if ov > 0:
                cands.append((-ov, i, j))
    return greedy_pairs(cands)


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the scores."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--path", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--errors", type=Path, default=None, help="write misses/false alarms here")
    args = ap.parse_args(argv)

    from newsledger.article import Article
    from newsledger.nlp import build_pipeline, process

    docs = load(args.path, args.limit)
    nlp = build_pipeline()
    t0 = time.perf_counter()
    items = [(text, Article(text=text, id=name).meta()) for name, text, _ in docs]
    results = list(process(nlp, items, workers=args.workers))
    elapsed = time.perf_counter() - t0
    preds_by_doc = [r[0].get("attribution", []) for r in results]
    print(f"documents: {len(docs)}")
    failed = [(m.get("id"), e["error"]) for layers, m in results for e in layers.get("error", [])]
    if failed:
        # an extractor that raised leaves its layer empty for that article: say so loudly
        print(f"extractor errors: {len(failed)} (first: {failed[0][0]}: {failed[0][1]})")
    report(docs, preds_by_doc, args.errors)
    print(f"pipeline time: {elapsed:.1f}s")
    return 0


def report(
    docs: list[tuple[str, str, list[GoldAttr]]],
    preds_by_doc: list[list[dict[str, Any]]],
    errors: Path | None = None,
) -> dict[str, tuple[float, float, float]]:
    """Score predictions against gold, print the figures and return them."""
    n_pred = n_gold = n_match = 0
    cue_tp = cue_pred = cue_gold = 0
    src_tp = src_pred = src_gold = 0
    err_lines: list[str] = []
    for (name, text, gold), records in zip(docs, preds_by_doc, strict=True):
        # PolNeAR is univocal (a token belongs to at most one attribution), so it cannot hold
        # both of two nested attributions: a nested prediction that matches no gold one is
        # left out (neither right nor wrong); one that matches counts
        preds = group(records)
        pairs = match(preds, gold)
        matched = {i for i, _ in pairs}
        keep = [i for i, p in enumerate(preds) if i in matched or not p.get("within")]
        renum = {old: new for new, old in enumerate(keep)}
        preds = [preds[i] for i in keep]
        pairs = [(renum[i], j) for i, j in pairs]
        n_pred += len(preds)
        n_gold += len(gold)
        n_match += len(pairs)
        # cues: exact, one-to-one
        gold_cues = []
        for g in gold:
            if g.cue:
                gold_cues.append({g.cue[0], (g.cue[0][0], g.cue[-1][1])})
        cue_gold += len(gold_cues)
        free = list(range(len(gold_cues)))
        for p in preds:
            if not p.get("cue"):
                continue
            cue_pred += 1
            pc = tuple(p["cue"])
            for k in free:
                if pc in gold_cues[k]:
                    cue_tp += 1
                    free.remove(k)
                    break
        # sources over matched pairs
        src_pred += sum(1 for p in preds if p.get("source"))
        src_gold += sum(1 for g in gold if g.source)
        for i, j in pairs:
            ps, gs = preds[i].get("source"), gold[j].source
            if ps and gs and any(_overlap(tuple(ps), f) > 0 for f in gs):
                src_tp += 1
        if errors:
            mp = {i for i, _ in pairs}
            mg = {j for _, j in pairs}
            err_lines.append(f"##### {name}")
            for j, g in enumerate(gold):
                if j not in mg:
                    cue = " ".join(text[s:e] for s, e in g.cue)
                    src = " ".join(text[s:e] for s, e in g.source)
                    c = " ".join(text[s:e] for s, e in g.content)
                    err_lines.append(f"MISS cue={cue!r} src={src!r} :: {c[:160]!r}")
            for i, p in enumerate(preds):
                if i not in mp:
                    s, e = p["content"]
                    cue = text[p["cue"][0] : p["cue"][1]] if p.get("cue") else None
                    err_lines.append(f"FA   cue={cue!r} {p['kind']} :: {text[s:e][:160]!r}")
            for i, j in pairs:
                p, g = preds[i], gold[j]
                ps, gs = p.get("source"), g.source
                if gs and not (ps and any(_overlap(tuple(ps), f) > 0 for f in gs)):
                    psrc = text[ps[0] : ps[1]] if ps else None
                    err_lines.append(
                        f"SRC  pred={psrc!r} gold={' '.join(text[s:e] for s, e in gs)!r}"
                    )
    if errors:
        errors.write_text("\n".join(err_lines) + "\n", encoding="utf-8")

    figures = {
        "content": prf(n_match, n_pred, n_gold),
        "cue": prf(cue_tp, cue_pred, cue_gold),
        "source": prf(src_tp, src_pred, src_gold),
    }
    print(f"gold attributions: {n_gold}  predicted: {n_pred}")
    for label, key in (
        ("content (overlap)", "content"),
        ("cue (exact)", "cue"),
        ("source (overlap, matched)", "source"),
    ):
        p, r, f = figures[key]
        print(f"{label:<27} P={p:.3f} R={r:.3f} F1={f:.3f}")
    return figures


if __name__ == "__main__":
    sys.exit(main())
