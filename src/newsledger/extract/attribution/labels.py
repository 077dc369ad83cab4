"""Attributions found from the layout of a line: headlines, transcript labels, colon leads.

* :func:`_from_headlines`: Title Case headlines, which the parser reads as one long name, are
  read by their capitalised present-tense cue verb ("Council Chief Praises Mayor's Flood Plan":
  source "Council Chief", cue "Praises"); :func:`_headline_pairs` splits a second report joined
  on ("Senator Backs Mayor, Denounces Council").
* :func:`_from_colons`: transcript and headline labels, a paragraph "NAME: what they said"
  ("PENCE: Well, …"); the label is a name, never a clause, a time, a table row or a list of
  names; kickers ("Breaking:", "The Latest:", ``kickers`` in ``sources.json``) and newsroom
  labels name no speaker.
* :func:`_from_colon_leads`: a speech cue ending its paragraph with a colon reports the next
  paragraph, quoted or not ("The columnist writes:"; the colon is part of the cue), unless the
  cue reports through an object of its own ("issued the following statement:").

The conventions are those of docs/records.md, "How newsledger reads the attribution fields".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.strings import get_string_id

from newsledger.extract.attribution.base import _MAX_GAP, _Cand, _clip, _Ctx, _edge_span, _tok_span
from newsledger.extract.attribution.cues import _cue_entry
from newsledger.extract.attribution.lexicon import Cue, lexicon
from newsledger.extract.attribution.sources import _source
from newsledger.extract.attribution.status import _status

_COLON = get_string_id(":")  # Token.orth of ":"

# "PENCE: Well, the question …" / "Pat Caddell: Democrat voters worried …"
_COLON_LINE = re.compile(
    r"^[\"“]?(?P<name>[A-Z][A-Za-z.'’\- ]{1,40}?)(?P<colon>:)[ ]+(?P<content>[^\n]*[^\s])$", re.M
)


# complements a cue takes of its own ("issued the following statement:" reports through its
# object, not through the paragraph after the colon)
_OWN_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "dative"})


def _headline_verb(word: str) -> Cue | None:
    """The cue entry of a capitalised present-tense verb in a headline ("Endorses", "Denies")."""
    verbs = lexicon().verbs
    w = word.lower()
    if not w.endswith("s") or len(w) < 4:
        return None
    for lemma in (w[:-3] + "y" if w.endswith("ies") else "", w[:-2], w[:-1]):
        entry = verbs.get(lemma)
        if lemma and entry is not None and not entry.frames & {"phrase", "adverb"}:
            return entry
    return None


def _from_headlines(ctx: _Ctx, taken: list[tuple[int, int]]) -> Iterator[_Cand]:
    """Reports in Title Case headlines, which the parser reads as one long name.

    "Council Chief Praises Mayor's Flood Plan": a capitalised present-tense cue verb inside a
    short Title Case line, with the words before it as the source and those after as content.
    """
    doc = ctx.doc
    for ps in ctx.para_starts:
        pe = ctx.para(ps)[1]
        if any(ps <= s < pe for s, _ in taken) or not _title_line(ctx, ps):
            continue
        line = doc.char_span(ps, pe, alignment_mode="contract")
        if line is None:
            continue
        for k, t in enumerate(line):
            if k == 0 or not t.is_title or t.pos_ not in ("PROPN", "VERB", "NOUN"):
                continue
            entry = _headline_verb(t.text)
            if entry is None:
                continue
            # "Breaking: Federal Judge Orders …": the label before a colon is no part of the source
            colons = [x.i for x in line[:k] if x.text == ":"]
            before = [x for x in line[:k] if not x.is_punct and (not colons or x.i > colons[-1])]
            after = list(line[k + 1 :])
            while after and (after[-1].is_punct or after[-1].is_space):
                after.pop()
            if not before or len(after) < 1 or not any(x.pos_ == "PROPN" for x in before):
                break
            src = _edge_span(before)
            content = _edge_span(after)
            cue = (t.idx, t.idx + len(t))
            yield _Cand(
                content[0],
                content[1],
                cue,
                entry.lemma,
                entry.status,
                src,
                before[-1],
                "headline",
                cls=entry.cls,
            )
            break


def _title_line(ctx: _Ctx, at: int) -> bool:
    """Whether the paragraph holding char ``at`` is a short Title Case line (a headline)."""
    ps, pe = ctx.para(at)
    known = ctx.title_lines.get(ps)
    if known is not None:
        return known
    words = titled = 0
    i = bisect.bisect_left(ctx.starts, ps)
    # stop counting past 20 words: a text whose paragraphs were collapsed is one long line
    while i < len(ctx.tokens) and ctx.starts[i] < pe and words <= 20:
        t = ctx.tokens[i]
        if t.is_alpha:
            words += 1
            titled += t.is_title or t.is_upper
        i += 1
    found = 4 <= words <= 20 and titled >= 0.8 * words
    ctx.title_lines[ps] = found
    return found


def _headline_pairs(ctx: _Ctx, cands: list[_Cand]) -> Iterator[_Cand]:
    """Second reports joined on in a headline: "Senator Backs Mayor, Denounces Council".

    A capitalised present-tense cue verb after a comma or "And" inside the content of a headline
    report starts a report of its own by the same source; the first content ends before it.
    """
    doc = ctx.doc
    for c in cands:
        if c.cue is None or c.cue[1] > c.start or not _title_line(ctx, c.start):
            continue
        span = doc.char_span(c.start, c.end, alignment_mode="contract")
        if span is None:
            continue
        for t in span[1:]:
            sep = doc[t.i - 1]
            if not t.is_title or sep.text not in (",", ";", "And", "and", "&"):
                continue
            entry = _headline_verb(t.text)
            if entry is None or t.i + 1 >= span.end or sep.i <= span.start:
                continue
            rest = _tok_span(list(doc[t.i + 1 : span.end]))
            if rest is None:
                continue
            old_end = c.end
            c.end = doc[sep.i - 1].idx + len(doc[sep.i - 1])
            yield _Cand(
                rest[0],
                min(rest[1], old_end),
                (t.idx, t.idx + len(t)),
                entry.lemma,
                entry.status,
                c.source,
                c.source_head,
                "headline",
                cls=entry.cls,
            )
            break


def _from_colons(ctx: _Ctx, covered: list[tuple[int, int]]) -> Iterator[_Cand]:
    """Transcript and headline attributions: a paragraph "NAME: what they said"."""
    doc = ctx.doc
    text = ctx.text
    for m in _COLON_LINE.finditer(text):
        name_s, name_e = m.span("name")
        c_s, c_e = m.span("content")
        # a label heading what someone said must not be content itself ("… said: Well, …")
        if any(s <= name_s < e for s, e in covered):
            continue
        span = doc.char_span(name_s, name_e, alignment_mode="contract")
        if span is None or not len(span) or len(span) > 5:
            continue
        # a speaker label is a name (or a name in capitals), never a clause or a time
        # (or a short phrase around a named speaker: "Ruiz camp:", "Herald editorial:")
        if not all(t.pos_ in ("PROPN", "PUNCT") or t.is_upper or t.is_title for t in span) and not (
            any(t.ent_type_ in ("PERSON", "ORG") for t in span)
            and all(t.pos_ in ("PROPN", "NOUN", "ADP", "DET", "PART", "PUNCT") for t in span)
        ):
            continue
        if any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in span):
            continue
        if span.text.lower() in lexicon().kickers:
            continue  # "Breaking: …", "The Latest: …" label a headline, they do not speak
        if not any(ch.isalpha() for ch in text[c_s:c_e]):
            continue  # "Clinton: 1,769." is a table row, not a transcript line
        said = doc.char_span(c_s, c_e, alignment_mode="expand")
        if said is not None and (
            sum(t.pos_ == "PROPN" or t.is_punct for t in said) > 0.8 * len(said)
            or any(t.like_email or t.like_url for t in said)
        ):
            # "Participants: Ana Ruiz, Ben Ode, …", "Contact: desk@example.org"
            continue
        colon = m.start("colon")
        yield _Cand(
            c_s, c_e, (colon, colon + 1), ":", "stated", (name_s, name_e), span.root, "colon"
        )


def _from_colon_leads(ctx: _Ctx, taken: list[tuple[int, int]]) -> Iterator[_Cand]:
    """A paragraph that a speech cue ending the paragraph before introduces with a colon.

    "The columnist writes:" / "In a speech in May, she said:" followed by the paragraph of what was
    written or said (quoted or not). ``taken`` holds the cues that already report something.
    """
    doc = ctx.doc
    text = ctx.text
    for t in ctx.tokens:
        if t.orth != _COLON or t.i == 0:  # an id: no string made for every token
            continue
        rest = text[t.idx + 1 : ctx.para(t.idx)[1]]
        if rest.strip():
            continue  # the colon does not end its paragraph
        v = doc[t.i - 1] if doc[t.i - 1].pos_ in ("VERB", "AUX") else t.head
        entry = _cue_entry(v)
        if entry is None or entry.cls != "speech" or "clause" not in entry.frames:
            continue
        if v.i != t.i - 1 and not (t.head.i == v.i and t.i - v.i <= _MAX_GAP):
            continue
        if any(c.dep_ in _OWN_COMPLEMENTS and c.i < t.i for c in v.children):
            continue  # "issued the following statement:" reports through its object
        nxt = ctx.para(t.idx)[1]
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text):
            continue
        body = _clip((nxt, ctx.para(nxt)[1]), ctx.para(nxt), text)
        if body is None:
            continue
        src, head = _source(v)
        status, cue = _status(v, entry)
        if any(cue[0] <= a < cue[1] for a, _b in taken):
            continue
        if v.i == t.i - 1:
            cue = (cue[0], t.idx + 1)  # "writes:": the colon belongs to the cue
        yield _Cand(body[0], body[1], cue, entry.lemma, status, src, head, "verb", cls=entry.cls)
