"""Dump every record the extractors make on a set of texts, as canonical JSON, for diffing.

A refactoring that must not change behaviour is checked by dumping the records before and after
and comparing the two files. Parsing is the slow part and does not change, so it is done once:

    python scripts/compare_records.py parse --out /tmp/parsed      # model parse -> DocBin cache
    python scripts/compare_records.py dump --cache /tmp/parsed --out /tmp/before.jsonl
    ... change the code ...
    python scripts/compare_records.py dump --cache /tmp/parsed --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

``pipeline`` runs the demo corpus and the seed (``--groups``) through the real pipeline instead,
parsing included, to check the path the cache skips (components, worker processes).

``parse`` reads the PolNeAR train and dev texts (``--polnear``, as ``benchmarks/attribution.py``
reads them: through :class:`newsledger.article.Article`), the bundled demo corpus and the seed
article, runs the bare spaCy model (no newsledger components) and saves the Docs with their
article metadata. ``dump`` runs every registered extractor in order on each cached Doc, exactly
as the pipeline components do, and writes one line per article: its id and all its records in
contract order, with sorted keys. Per-extractor times go to stderr. Keep the outputs out of the
repository (the eval sets must not be copied into it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _articles(polnear: Path, seed: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """``(group, text, meta)`` for every text to compare."""
    from newsledger.article import Article
    from newsledger.ingest import IngestError, read_paths

    out: list[tuple[str, str, dict[str, Any]]] = []
    for split in ("train", "dev"):
        for txt in sorted((polnear / split / "text").glob("*.txt")):
            art = Article(text=txt.read_text(encoding="utf-8"), id=f"{split}/{txt.stem}")
            out.append(("polnear-" + split, art.text, art.meta()))
    demo = resources.files("newsledger") / "data" / "demo" / "voa_stories.jsonl"
    for item in read_paths([str(demo)]):
        if isinstance(item, IngestError):
            raise SystemExit(f"demo corpus: {item}")
        out.append(("demo", item.text, item.meta()))
    txt = seed / "nk-troops-kursk.txt"
    if txt.exists():
        art = Article(
            text=txt.read_text(encoding="utf-8"),
            id="nk-troops-kursk",
            outlet="The Sun",
            published="2024-10-28",
        )
        out.append(("seed", art.text, art.meta()))
    return out


def parse(args: argparse.Namespace) -> int:
    """Parse every text with the bare model and save the Docs and metadata under ``--out``."""
    from spacy.tokens import DocBin

    from newsledger.nlp import load_model

    items = _articles(Path(args.polnear), Path(args.seed))
    nlp = load_model()
    nlp.max_length = 2_000_000
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    t0 = time.perf_counter()
    for doc in nlp.pipe((text for _g, text, _m in items), batch_size=16):
        bin_.add(doc)
    (out / "docs.spacy").write_bytes(bin_.to_bytes())
    meta = [{"group": g, "meta": m} for g, _t, m in items]
    (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    print(f"parsed {len(items)} texts in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


def dump(args: argparse.Namespace) -> int:
    """Run the extractors on the cached Docs and write canonical JSON lines to ``--out``."""
    from spacy.tokens import DocBin

    from newsledger import extract
    from newsledger.extract import iter_records, registry, run_extractor
    from newsledger.nlp import load_model

    cache = Path(args.cache)
    nlp = load_model()
    metas = json.loads((cache / "meta.json").read_text(encoding="utf-8"))
    docs = list(DocBin().from_bytes((cache / "docs.spacy").read_bytes()).get_docs(nlp.vocab))
    if len(docs) != len(metas):
        raise SystemExit("cache is inconsistent: docs and metadata differ in number")
    specs = registry()
    times: dict[str, dict[str, float]] = {}
    groups = {g: n for n, g in enumerate(dict.fromkeys(m["group"] for m in metas))}
    with open(args.out, "w", encoding="utf-8") as fh:
        for doc, item in zip(docs, metas, strict=True):
            meta, group = item["meta"], item["group"]
            layers: dict[str, list[dict[str, Any]]] = {}
            errors = []
            for spec in specs:
                t0 = time.perf_counter()
                try:
                    run_extractor(spec, doc, meta, layers)
                except Exception as exc:  # the pipeline records these; so does the dump
                    errors.append({"extractor": spec.name, "error": f"{type(exc).__name__}: {exc}"})
                slot = times.setdefault(group, {})
                slot[spec.name] = slot.get(spec.name, 0.0) + time.perf_counter() - t0
            # as the pipeline's last component does (the base commit had no such cache)
            release = getattr(extract, "release_doc_cache", None)
            if release is not None:
                release(doc)
            line = {"article": meta.get("id"), "records": list(iter_records(layers))}
            if errors:
                line["errors"] = errors
            fh.write(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n")
    for group in sorted(times, key=groups.__getitem__):
        n = sum(1 for m in metas if m["group"] == group)
        parts = ", ".join(f"{k.split('.')[1]} {v:.2f}s" for k, v in times[group].items())
        print(f"{group} ({n} texts): {parts}", file=sys.stderr)
    return 0


def pipeline(args: argparse.Namespace) -> int:
    """Parse and extract the demo corpus and the seed through the real pipeline (no cache).

    Checks the path the cache skips: the extractor components, the Doc extensions they use,
    the worker processes (``--workers``). Writes the same lines as ``dump``.
    """
    from newsledger.extract import iter_records  # (also where the base commit has it)
    from newsledger.nlp import build_pipeline, process

    items = [
        (t, m) for g, t, m in _articles(Path(args.polnear), Path(args.seed)) if g in args.groups
    ]
    nlp = build_pipeline()
    t0 = time.perf_counter()
    with open(args.out, "w", encoding="utf-8") as fh:
        for layers, meta in process(nlp, items, workers=args.workers):
            errors = layers.pop("error", None)
            line: dict[str, Any] = {
                "article": meta.get("id"),
                "records": list(iter_records(layers)),
            }
            if errors:
                line["errors"] = errors
            fh.write(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"{len(items)} texts in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("parse", help="parse the texts once and cache the Docs")
    p.add_argument("--out", required=True, help="cache folder (outside the repository)")
    p.add_argument("--polnear", default=str(SHARED / "eval" / "polnear"))
    p.add_argument("--seed", default=str(SHARED / "gold" / "seed"))
    d = sub.add_parser("dump", help="run the extractors on the cached Docs")
    d.add_argument("--cache", required=True, help="folder written by `parse`")
    d.add_argument("--out", required=True, help="JSON lines file to write")
    q = sub.add_parser("pipeline", help="parse and extract through the real pipeline")
    q.add_argument("--out", required=True, help="JSON lines file to write")
    q.add_argument("--groups", nargs="+", default=["demo", "seed"])
    q.add_argument("--workers", type=int, default=1)
    q.add_argument("--polnear", default=str(SHARED / "eval" / "polnear"))
    q.add_argument("--seed", default=str(SHARED / "gold" / "seed"))
    args = ap.parse_args(argv)
    return {"parse": parse, "dump": dump, "pipeline": pipeline}[args.cmd](args)


if __name__ == "__main__":
    raise SystemExit(main())
