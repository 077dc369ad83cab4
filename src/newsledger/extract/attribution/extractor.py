"""The attribution extractor: runs the stages in order and yields the records.

:func:`extract_attributions` is registered as ``newsledger.quotes.v1`` (the name records carry;
see :func:`newsledger.extract.registry`). One linear pass over the parse: candidates from verbs,
"according to", "in" sources, nouns and adjectives (:mod:`.verbs`, :mod:`.nouns`), widened over
quotations (:mod:`.quotations`); then quotes next to cues, transcript labels, colon leads,
hearsay adverbs, evidentials and headlines (:mod:`.labels`); then de-duplication and nesting
(:mod:`.nesting`); speakers are resolved in text order so that pronouns see earlier speakers
(:mod:`.speakers`), a source head that is hearsay ("reports say …") makes the status
``reported``; continuations come last, and ids (``a1``, ``a2``, …) follow the text order of
contents.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

from newsledger.extract import Layers
from newsledger.extract.attribution.base import _Cand, _Ctx
from newsledger.extract.attribution.labels import (
    _from_colon_leads,
    _from_colons,
    _from_headlines,
    _headline_pairs,
)
from newsledger.extract.attribution.lexicon import lexicon
from newsledger.extract.attribution.nesting import (
    _asks_addressee,
    _dedupe,
    _drop_cue_parts,
    _in_markup,
    _label_speakers,
    _nest,
)
from newsledger.extract.attribution.nouns import _from_adjectives, _from_nouns
from newsledger.extract.attribution.quotations import _continuations, _from_quotes, _widen
from newsledger.extract.attribution.speakers import Speaker, SpeakerIndex
from newsledger.extract.attribution.verbs import (
    _from_according,
    _from_evidentials,
    _from_hearsay,
    _from_in_sources,
    _from_verbs,
)
from newsledger.records import Actor, Attribution, Record


def extract_attributions(doc: Doc, meta: dict[str, Any], layers: Layers) -> Iterator[Record]:
    """Yield ``Attribution`` records (and ``Actor`` records for new speakers) for one article.

    Args:
        doc: the parsed article (``doc.text == article.text``).
        meta: the article's metadata (unused; attributions come from the text alone).
        layers: earlier layers; ``entity`` and ``actor`` give canonical speakers.

    Yields:
        Attributions in text order of their content (ids ``a1, a2, …``), then actors for the
        group, document, media and person speakers that the actor layer did not hold.
    """
    ctx = _Ctx(doc)
    if not ctx.text.strip():
        return
    idx = SpeakerIndex.build(doc, layers, ctx.text)

    cands: list[_Cand] = []
    seen_cues: set[tuple[int, int]] = set()
    cue_verbs: set[int] = set()
    for c in _from_verbs(ctx):
        cands.append(c)
        if c.cue:
            seen_cues.add(c.cue)
    for c in cands:
        if c.cue:
            tok = doc.char_span(c.cue[1] - 1, c.cue[1], alignment_mode="expand")
            if tok is not None:
                cue_verbs.add(tok.root.i)
    cands.extend(_from_according(ctx))
    cands.extend(_from_in_sources(ctx))
    cands.extend(c for c in _from_nouns(ctx) if c.cue not in seen_cues)
    cands.extend(_from_adjectives(ctx))
    for c in cands:
        _widen(c, ctx)
    for c in _from_quotes(ctx, list(cands)):
        _widen(c, ctx)
        cands.append(c)
    covered = [(c.start, c.end) for c in cands]
    for c in _from_colons(ctx, covered):
        _widen(c, ctx)
        cands.append(c)
    for c in _from_colon_leads(ctx, [c.cue for c in cands if c.cue]):
        _widen(c, ctx)
        cands.append(c)
    for c in _from_hearsay(ctx, cue_verbs):
        _widen(c, ctx)
        cands.append(c)
    for c in _from_evidentials(ctx):
        cands.append(c)
    cands.extend(_from_headlines(ctx, [c.cue for c in cands if c.cue]))
    cands.extend(list(_headline_pairs(ctx, cands)))
    cands = _drop_cue_parts(_dedupe(cands))
    # "<tweet author=…>": an element name or attribute of embedded markup is no cue
    cands = [c for c in cands if not (c.cue and _in_markup(ctx.text, c.cue[0]))]
    cands = [c for c in cands if not _asks_addressee(c)]

    # resolve speakers in text order so that pronouns see earlier speakers
    cands.sort(key=lambda c: (c.start, -c.end))
    _nest(cands)
    labels = _label_speakers(doc, cands)
    if labels:
        cands = [c for i, c in enumerate(cands) if i not in labels]
        _nest(cands)
    if any(c.within is not None and c.cls != "speech" for c in cands):
        # inside another report only speech acts are reports of their own ("X reports that Y
        # said …"); "the deployment shows …" inside a quote is part of what is said
        cands = [c for c in cands if c.within is None or c.cls == "speech"]
        _nest(cands)
    idx.contents = [(c.start, c.end) for c in cands]
    for c in cands:
        outer = cands[c.within].speaker if c.within is not None else None
        if c.source is not None:
            c.speaker = idx.resolve(c.source[0], c.source[1], c.source_head, outer, c.cue_lemma)
        else:
            c.speaker = Speaker(None, None, None, None)
        h = c.source_head
        if (
            c.status == "stated"
            and h is not None
            and h.lemma_.lower() in lexicon().hearsay_sources
            and not any(x.dep_ in ("det", "poss", "compound", "prep") for x in h.children)
        ):
            # "reports say …", "unconfirmed rumours say …": hearsay, whatever the verb (but
            # "the news reports said" points at known reports)
            c.status = "reported"
        if c.speaker.id:
            idx.note_speaker(c.cue[0] if c.cue else c.start, c.speaker)
    extra = list(_continuations(ctx, cands))
    if extra:
        cands.extend(extra)
        cands.sort(key=lambda c: (c.start, -c.end))
        _nest(cands)
        for c in cands:
            outer = cands[c.within] if c.within is not None else None
            if outer is not None and outer.rule == "continuation" and c.source is not None:
                # "“… I said it would fail.”" going on from the senator's quote: "I" is hers
                if c.speaker is None or not c.speaker.id:
                    c.speaker = idx.resolve(
                        c.source[0], c.source[1], c.source_head, outer.speaker, c.cue_lemma
                    )

    ids = {id(c): f"a{i}" for i, c in enumerate(cands, 1)}
    for c in cands:
        sp = c.speaker or Speaker(None, None, None, None)
        kind = c.kind
        if c.rule == "hearsay" and c.source is None:
            kind = "unsourced"
        yield Attribution(
            id=ids[id(c)],
            kind=kind,
            content=[c.start, c.end],
            cue=list(c.cue) if c.cue else None,
            cue_lemma=c.cue_lemma,
            source=list(c.source) if c.source else None,
            speaker=sp.id,
            speaker_name=sp.name if sp.id else None,
            resolved_by=sp.resolved_by if sp.id else None,
            status=c.status,
            within=ids[id(cands[c.within])] if c.within is not None else None,
        )
    used = {c.speaker.id for c in cands if c.speaker and c.speaker.id}
    for aid, (name, kind) in sorted(idx.new_actors.items()):
        if aid in used:
            yield Actor(id=aid, name=name, kind=kind)
