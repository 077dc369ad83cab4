"""Extractors: pure functions over a parsed ``Doc`` and the article's metadata.

Each extractor is a generator of :mod:`newsledger.records` and is registered here with a
versioned name (``newsledger.quotes.v1``) that is stored on every record it produces, so that
re-runs stay comparable. Extractors run in a fixed order; each one sees the records of the
layers before it (as contract dicts) through ``layers``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

# ``Layers`` and ``iter_records`` belong to the record vocabulary; they are re-exported here for
# code that imports them from the extract package.
from newsledger.records import Layers, Record, iter_records

__all__ = [
    "ExtractFn",
    "DocCache",
    "ExtractorSpec",
    "Layers",
    "doc_cache",
    "doc_text",
    "doc_tokens",
    "iter_records",
    "registry",
    "release_doc_cache",
    "run_extractor",
]

ExtractFn = Callable[[Doc, dict[str, Any], Layers], Iterable[Record]]


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    """A registered extractor: its versioned name and its function."""

    name: str
    func: ExtractFn


# Per-document state the extractors share. They run one after the other on the same Doc;
# ``Doc.text`` rebuilds the string from every token, and each ``doc[i]`` makes a new Token
# object, so the article's text and tokens are made once and kept on the Doc itself, as the
# extension ``doc._.nl_cache`` (a :class:`DocCache`). Extractors never retokenise, so a Doc's
# tokens stay valid for as long as the Doc lives.
if not Doc.has_extension("nl_cache"):
    Doc.set_extension("nl_cache", default=None)
# The extension's value lives in ``doc.user_data`` under this key (spaCy's own key for
# ``doc._.nl_cache``). The extractors ask for the tokens in their inner loops, where going
# through ``doc._`` (a new accessor object on each access, ~20x slower than a dict lookup)
# would cost more than the cache saves; a test checks that both reach the same object.
_CACHE_KEY = ("._.", "nl_cache", None, None)


class DocCache:
    """The text and tokens of one Doc, made once for all extractors (``doc._.nl_cache``)."""

    __slots__ = ("text", "tokens")

    def __init__(self, doc: Doc) -> None:
        self.tokens: list[Token] = list(doc)
        # what ``Doc.text`` returns, joined from these tokens: ``Doc.text`` would make every
        # Token object a second time
        self.text: str = "".join([t.text_with_ws for t in self.tokens])


def doc_cache(doc: Doc) -> DocCache:
    """The Doc's :class:`DocCache`, made on first use."""
    cache = doc.user_data.get(_CACHE_KEY)
    if cache is None:
        cache = DocCache(doc)
        doc.user_data[_CACHE_KEY] = cache
    return cache


def release_doc_cache(doc: Doc) -> None:
    """Drop the Doc's cache (the pipeline does, after its last extractor).

    Token objects cannot be serialised with the Doc (``Doc.to_bytes`` in spaCy's worker
    processes), and they refer back to the Doc, which would otherwise live on until the garbage
    collector finds the cycle.
    """
    doc.user_data.pop(_CACHE_KEY, None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document for all extractors."""
    cache = doc.user_data.get(_CACHE_KEY)
    return (cache or doc_cache(doc)).text


def doc_tokens(doc: Doc) -> list[Token]:
    """``list(doc)``, built once per document for all extractors (index ``i`` is ``doc[i]``)."""
    cache = doc.user_data.get(_CACHE_KEY)
    return (cache or doc_cache(doc)).tokens


def registry() -> list[ExtractorSpec]:
    """The extractors in the order they run (later ones read earlier layers)."""
    # Imported here so that importing the package stays cheap.
    from newsledger.extract import actors, attribution, events, quantities, times

    return [
        ExtractorSpec("newsledger.actors.v2", actors.extract_actors),
        ExtractorSpec("newsledger.times.v1", times.extract_times),
        # the attribution package keeps the name its records have always carried
        ExtractorSpec("newsledger.quotes.v1", attribution.extract_attributions),
        ExtractorSpec("newsledger.quantities.v2", quantities.extract_quantities),
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
