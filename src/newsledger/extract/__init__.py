"""Extractors: pure functions over a parsed ``Doc`` and the article's metadata.

Each extractor is a generator of :mod:`newsledger.records` and is registered here with a
versioned name (``newsledger.quotes.v1``) that is stored on every record it produces, so that
re-runs stay comparable. Extractors run in a fixed order; each one sees the records of the
layers before it (as contract dicts) through ``layers``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from newsledger.records import Record

Layers = dict[str, list[dict[str, Any]]]
ExtractFn = Callable[[Doc, dict[str, Any], Layers], Iterable[Record]]


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    """A registered extractor: its versioned name and its function."""

    name: str
    func: ExtractFn


# The extractors run one after the other on the same Doc. ``Doc.text`` rebuilds the string from
# every token, and each ``doc[i]`` makes a new Token object, so the article's text and tokens are
# made once and shared: a one-entry cache keyed by the Doc object itself.
_shared: dict[str, Any] = {"doc": None, "text": "", "tokens": []}


def _share(doc: Doc) -> None:
    # Extractors never retokenise, so the Doc object identifies its tokens; holding it also
    # keeps its id from being reused by a new Doc.
    _shared.update(doc=doc, tokens=list(doc))
    _shared["text"] = doc.text


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document for all extractors."""
    if _shared["doc"] is not doc:
        _share(doc)
    return _shared["text"]


def doc_tokens(doc: Doc) -> list[Token]:
    """``list(doc)``, built once per document for all extractors (index ``i`` is ``doc[i]``)."""
    if _shared["doc"] is not doc:
        _share(doc)
    return _shared["tokens"]


def registry() -> list[ExtractorSpec]:
    """The extractors in the order they run (later ones read earlier layers)."""
    # Imported here so that importing the package stays cheap.
    from newsledger.extract import actors, events, quantities, quotes, times

    return [
        ExtractorSpec("newsledger.actors.v2", actors.extract_actors),
        ExtractorSpec("newsledger.times.v1", times.extract_times),
        ExtractorSpec("newsledger.quotes.v1", quotes.extract_attributions),
        ExtractorSpec("newsledger.quantities.v1", quantities.extract_quantities),
        ExtractorSpec("newsledger.events.v2", events.extract_events),
    ]


def run_extractor(spec: ExtractorSpec, doc: Doc, meta: dict[str, Any], layers: Layers) -> None:
    """Run one extractor and append its records, as contract dicts, to ``layers`` by type."""
    article_id = meta.get("id") or ""
    # Canonical actors are one record per id per article, whichever extractor introduces them.
    actor_ids = {a["id"] for a in layers.get("actor", [])}
    for rec in spec.func(doc, meta, layers):
        if rec.type == "actor":
            if rec.id in actor_ids:
                continue
            actor_ids.add(rec.id)
        layers.setdefault(rec.type, []).append(rec.to_dict(article_id, spec.name))


def iter_records(layers: Layers) -> Iterator[dict[str, Any]]:
    """Records of all layers in contract order: actors, entities, attributions, ..."""
    for kind in ("actor", "entity", "attribution", "quantity", "time", "event"):
        yield from layers.get(kind, [])
