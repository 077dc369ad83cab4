"""Status and cue spans: how sure the report is, and which words make up the cue.

Status (:func:`_status`) comes from the cue's lexicon entry, then from hedges in its frame
(``hedges.tsv``: a governing verb, "appeared to confirm", or an auxiliary or adverb, "may have")
and negation (``negated.tsv``: "did not confirm", "refused to confirm").

Cue spans follow PolNeAR (:func:`_cue_phrase`): auxiliaries, negation and adverbs before the
verb (:func:`_left_chain`: "has not confirmed", "is also warning"; not "Separately," or "when")
and a colon right after it ("said:") are part of the cue; so is a bare time right after the verb
("said Tuesday"), and the phrase up to a that-clause hung on a setting phrase ("said in a
statement that"). Two-word cues take their second word ("called for", "made it clear"),
light-verb phrases their object noun and preposition ("took aim at"). A to-infinitive cue takes
the verb that governs it when only adverbs or a particle stand between ("continued to insist").
A report made through a statement, memo or ad takes the verb that put it out into its cue
("issued a statement saying", "released an ad that accuses": :func:`_publishing_verb`); that
verb makes no report of its own (:mod:`.nesting`).

The conventions are those of docs/records.md, "How newsledger reads the attribution fields".
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.extract.attribution.base import _SUBJ
from newsledger.extract.attribution.content import _clause_in_phrase
from newsledger.extract.attribution.cues import _cue_entry, _phrase_word
from newsledger.extract.attribution.lexicon import Cue, lexicon
from newsledger.extract.attribution.sources import _carrier


def _status(v: Token, entry: Cue) -> tuple[str, tuple[int, int]]:
    """Status from the cue, its hedges and negation; and the cue's span."""
    lex = lexicon()
    status = entry.status
    cue = (v.idx, v.idx + len(v))
    second = _phrase_word(v, entry)
    if second is not None:
        cue = (v.idx, second.idx + len(second))
    negated = any(c.dep_ == "neg" for c in v.children)
    frame = [v]
    if v.dep_ == "xcomp":
        h = v.head
        hl = h.lemma_.lower()
        hedge = lex.hedges.get(hl)
        if hedge is not None and hedge[1] == "raise":
            status = hedge[0]
            cue = (h.idx, cue[1])
            frame.append(h)
        elif hl in ("refuse", "decline", "fail"):
            negated = True
        negated = negated or any(c.dep_ == "neg" for c in h.children)
    for t in frame:
        for c in t.children:
            hedge = lex.hedges.get(c.lower_)
            if hedge is None:
                continue
            if (hedge[1] == "aux" and c.dep_ == "aux") or (
                hedge[1] == "advmod" and c.dep_ == "advmod"
            ):
                status = hedge[0]
    if negated:
        status = lex.negated.get(status, status)
    return status, _cue_phrase(v, cue)


# Function words that belong to the cue phrase when they sit right before the cue verb
# ("has said", "is also warning", "did not confirm"), as attribution corpora (PolNeAR) mark them.
_CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


def _left_chain(v: Token, start: int) -> int:
    """Start of the auxiliaries and adverbs right before ``v`` ("has also said")."""
    doc = v.doc
    i = v.i - 1
    while (
        i >= 0
        and doc[i].dep_ in _CUE_LEFT_DEPS
        and doc[i].idx < start
        # the verb's own auxiliaries and adverbs, or an adverb of one of them ("much more")
        and (doc[i].head.i == v.i or (doc[i].dep_ == "advmod" and start <= doc[i].head.idx))
        and doc[i].head.i <= v.i
    ):
        if doc[i].dep_ == "advmod" and (not doc[i].is_lower or doc[i].tag_ == "WRB"):
            break  # "Separately, ..." and "when asked" are not part of the cue
        start = doc[i].idx
        i -= 1
    if v.dep_ == "acomp" and i >= 0 and i == v.head.i and v.head.lemma_ == "be":
        # "are more likely to say": the copula and its auxiliaries go with the adjective
        start = _left_chain(v.head, doc[i].idx)
    return start


def _publishing_verb(v: Token) -> Token | None:
    """The verb that puts out the statement, ad or letter on which cue ``v`` hangs, if any.

    "X issued a statement saying …" (``saying`` on ``statement``), "X released an ad that
    accuses …" (``accuses`` in a relative clause on ``ad``): the carrier is the verb's object.
    """
    n = v.head
    if v.dep_ == "acl" and v.tag_ == "VBG":
        pass
    elif v.dep_ == "relcl" and any(
        c.dep_ in _SUBJ and c.lower_ in ("that", "which") for c in v.children
    ):
        pass
    else:
        return None
    if not _carrier(n) or n.dep_ != "dobj" or n.i > v.i:
        return None
    g = n.head
    if g.pos_ != "VERB" or g.i > n.i or v.i - g.i > 12:
        return None
    return g


def _cue_phrase(v: Token, cue: tuple[int, int]) -> tuple[int, int]:
    """Widen a cue over the verb's auxiliaries and adverbs just before it, and a colon after it.

    "has said", "is also warning", "did not confirm", "said:" — as PolNeAR marks cue phrases.
    A to-infinitive cue takes the verb that governs it when nothing but adverbs or a particle
    stand between them ("continued to insist", "demanded to know", "goes on to say", "are more
    likely to say"); after an object it keeps its "to" ("used a speech to call for", "asked
    Ruiz to confirm"), after punctuation or another verb it starts at the verb.
    """
    start, end = cue
    doc = v.doc
    start = _left_chain(v, start)
    carrier = _publishing_verb(v)
    if carrier is not None:
        # "issued a statement saying", "has released an ad that accuses": the cue phrase runs
        # from the verb that puts out the statement to the word that reports through it
        return _left_chain(carrier, carrier.idx), end
    first = v.i
    while first > 0 and doc[first - 1].idx >= start:
        first -= 1
    if v.dep_ == "xcomp" and doc[first].tag_ == "TO" and v.head.i < first:
        h = v.head
        between = doc[h.i + 1 : first]
        h_entry = _cue_entry(h)
        if h_entry is not None and "xcomp" in h_entry.frames:
            pass  # "pledged to oppose X": a report inside the governing cue's own report
        elif h.pos_ in ("VERB", "AUX", "ADJ") and all(
            t.head.i == h.i and t.dep_ in ("prt", "advmod") for t in between
        ):
            start = _left_chain(h, h.idx)
        elif first > 0 and (doc[first - 1].is_punct or doc[first - 1].pos_ in ("VERB", "AUX")):
            start = doc[first + 1].idx
        # else "used a speech to call for", "asked Ruiz to confirm": the "to" stays in the cue
    j = v.i + 1
    inner = [] if any(c.dep_ == "ccomp" for c in v.children) else _clause_in_phrase(v)
    if inner and end == v.idx + len(v):
        # "said in a statement that …": PolNeAR's cue phrase runs up to the clause
        last = doc[inner[0].left_edge.i - 1]
        return start, last.idx + len(last)
    if j < len(doc) and doc[j].text == ":" and doc[j].idx == end:
        end = doc[j].idx + 1
    elif (
        j < len(doc)
        and end == v.idx + len(v)
        and doc[j].ent_type_ == "DATE"
        and doc[j].dep_ in ("npadvmod", "tmod")
        and doc[j].head.i == v.i
    ):
        # "said Tuesday", "said last month": PolNeAR's cue phrase takes a bare time right after
        # the verb
        k = j
        while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I" and doc[k + 1].ent_type_ == "DATE":
            k += 1
        end = doc[k].idx + len(doc[k])
    return start, end
