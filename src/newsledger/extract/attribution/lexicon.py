"""The packaged attribution lexicon: cues with their status, hedges, negation, source nouns.

Everything lives in ``newsledger/data/quotes/`` and is loaded once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.strings import get_string_id

_PKG = "newsledger"
_DIR = "data/quotes"


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry: its ``status``, ``cls`` (speech|stance|belief|...), ``frames``."""

    lemma: str
    status: str
    cls: str
    frames: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All attribution word lists."""

    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    adjectives: dict[str, Cue]
    phrases: dict[str, Cue]
    adverbs: dict[str, Cue]
    adverb_ids: frozenset[int]  # the adverbs' string ids, compared with ``Token.lower``
    hedges: dict[str, tuple[str, str]]
    negated: dict[str, str]
    group: frozenset[str]
    document: frozenset[str]
    media_words: frozenset[str]
    titles: frozenset[str]
    he_she: frozenset[str]
    they: frozenset[str]
    first_person: frozenset[str]
    continuing: frozenset[str]
    org_nouns: frozenset[str]
    hearsay_sources: frozenset[str]
    carriers: frozenset[str]
    occasions: frozenset[str]
    findings: frozenset[str]
    in_sources: frozenset[str]
    doer_adjectives: frozenset[str]
    in_views: frozenset[str]
    kickers: frozenset[str]
    holder_verbs: frozenset[str]
    personal: frozenset[str]
    title_synonyms: dict[str, str]
    contrast_marks: frozenset[str]
    object_control: frozenset[str]
    person_targets: frozenset[str]
    lemmas: dict[str, str]
    evidentials: dict[str, Cue]
    # every word-boundary prefix of a phrase ("take", "take aim" of "take aim at"): a verb whose
    # lemma is none of them can only be a one-word cue, and the cue finder skips its dependents
    phrase_prefixes: frozenset[str]


def _rows(name: str) -> list[list[str]]:
    text = resources.files(_PKG).joinpath(_DIR, name).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The attribution lexicon (loaded once per process)."""
    verbs: dict[str, Cue] = {}
    phrases: dict[str, Cue] = {}
    adverbs: dict[str, Cue] = {}
    for cue, status, cls, frames in _rows("cues.tsv"):
        entry = Cue(cue, status, cls, frozenset(frames.split(",")))
        if "adverb" in entry.frames:
            adverbs[cue] = entry
        elif " " in cue:
            phrases[cue] = entry
        else:
            verbs[cue] = entry
    nouns = {
        noun: Cue(noun, status, "noun", frozenset(frames.split(",")))
        for noun, status, frames in _rows("nouns.tsv")
    }
    adjectives = {
        adj: Cue(adj, status, "belief", frozenset(frames.split(",")))
        for adj, status, frames in _rows("adjectives.tsv")
    }
    hedges = {w: (status, where) for w, status, where in _rows("hedges.tsv")}
    negated = {a: b for a, b in _rows("negated.tsv")}
    src: dict[str, Any] = json.loads(
        resources.files(_PKG).joinpath(_DIR, "sources.json").read_text(encoding="utf-8")
    )
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        adjectives=adjectives,
        phrases=phrases,
        adverbs=adverbs,
        adverb_ids=frozenset(get_string_id(a) for a in adverbs),
        hedges=hedges,
        negated=negated,
        group=frozenset(src["group"]),
        document=frozenset(src["document"]),
        media_words=frozenset(src["media_words"]),
        titles=frozenset(src["titles"]),
        he_she=frozenset(src["he_she"]),
        they=frozenset(src["they"]),
        first_person=frozenset(src["first_person"]),
        continuing=frozenset(src["continuing_cues"]),
        org_nouns=frozenset(src["org_nouns"]),
        hearsay_sources=frozenset(src["hearsay_sources"]),
        carriers=frozenset(src["carriers"]),
        occasions=frozenset(src["occasions"]),
        findings=frozenset(src["findings"]),
        in_sources=frozenset(src["in_sources"]),
        doer_adjectives=frozenset(src["doer_adjectives"]),
        in_views=frozenset(src["in_views"]),
        kickers=frozenset(src["kickers"]),
        holder_verbs=frozenset(src["holder_verbs"]),
        personal=frozenset(src["personal"]),
        title_synonyms=dict(src["title_synonyms"]),
        contrast_marks=frozenset(src["contrast_marks"]),
        object_control=frozenset(src["object_control"]),
        person_targets=frozenset(src["person_targets"]),
        lemmas={form: lemma for form, lemma in _rows("lemmas.tsv")},
        evidentials={
            lemma: Cue(lemma, status, "evidential", frozenset(frames.split(",")))
            for lemma, status, frames in _rows("evidentials.tsv")
        },
        phrase_prefixes=frozenset(
            phrase.rsplit(" ", k)[0] for phrase in phrases for k in range(1, phrase.count(" ") + 1)
        ),
    )
