"""Attributions found from noun and adjective cues (``nouns.tsv``, ``adjectives.tsv``).

Nouns (:func:`_from_nouns`): "the senator's claim that …" (source the possessor), "criticism
of X from Y" (source Y), "Her argument was that …", "her statement on Wednesday that …" (a
setting phrase may stand between the noun and its clause: :func:`_noun_clause_astray`). When the
possessive stands for the subject of the verb that takes the noun, the verb is the cue: a speech
verb alone ("He reiterated his claim that …": cue "reiterated"), another verb with the noun
("she escalated her attacks on …"); a claim noun taken as object by a light verb (``holder_verbs``
in ``sources.json``: "the senator raised concerns that …") is held by the verb's subject. A claim
noun with no determiner or possessor reports an unnamed holder's claim ("amid allegations that
…": no source).

Adjectives (:func:`_from_adjectives`): on a copula ("X is confident that …", "are confident in A
and skeptical about B") or set off by a comma after their subject or clause ("Republicans,
concerned about …, have …").

The conventions are those of docs/records.md, "How newsledger reads the attribution fields".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.symbols import ADJ, NOUN
from spacy.tokens import Token

from newsledger.extract.attribution.base import (
    _ASTRAY_MAX,
    _SETTING_PREPS,
    _SUBJ,
    _Cand,
    _Ctx,
    _subtree_span,
    _tok_span,
)
from newsledger.extract.attribution.content import _reported, _that_clause_astray
from newsledger.extract.attribution.cues import _lemma
from newsledger.extract.attribution.lexicon import Cue, lexicon
from newsledger.extract.attribution.sources import _source, _subject
from newsledger.extract.attribution.status import _left_chain


def _noun_content(n: Token, entry: Cue) -> Token | None:
    """The token whose subtree is the content of nominal cue ``n``, by the noun's frames."""
    frames = entry.frames
    for c in n.children:
        if c.i < n.i:
            continue
        if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX"):
            marks = {g.lower_ for g in c.children if g.dep_ in ("mark", "aux")}
            if "clause" in frames and "that" in marks:
                return c
            if "xcomp" in frames and "to" in marks and not any(g.dep_ in _SUBJ for g in c.children):
                return c
        elif c.dep_ == "prep" and f"prep:{c.lower_}" in frames:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return c
    return None


def _noun_clause_astray(n: Token) -> Token | None:
    """The "that" clause of nominal cue ``n`` that the parse hung past a phrase after it.

    "his claim in a television interview that …", "her statement on Wednesday that …": the
    parse makes the clause a complement of the noun's verb or a relative clause of the
    phrase's noun; only time and setting phrases may stand between the noun and "that". A
    copula's clause states the noun's content too ("Her argument was that …").
    """
    if n.dep_ == "pobj" and n.head.dep_ == "prep":
        v = n.head.head
    elif n.dep_ in ("dobj", "nsubj", "nsubjpass"):
        v = n.head
    else:
        return None
    doc = n.doc
    k = n.right_edge.i + 1
    if n.dep_ == "nsubj" and v.lemma_ == "be" and k == v.i:
        # "Her argument was that …": the copula's clause states the noun's content
        h = next((c for c in v.children if c.dep_ == "ccomp" and c.i > k), None)
        if h is not None and any(
            m.dep_ == "mark" and m.lower_ == "that" and m.i == k + 1 for m in h.children
        ):
            return h
        return None
    # setting phrases hung on the verb between the noun and the clause
    while (
        k < len(doc)
        and doc[k].head.i == v.i
        and (
            doc[k].dep_ == "npadvmod" or (doc[k].dep_ == "prep" and doc[k].lower_ in _SETTING_PREPS)
        )
    ):
        k = doc[k].right_edge.i + 1
    if k >= len(doc) or doc[k].lower_ != "that" or doc[k].dep_ != "mark" or k - n.i > _ASTRAY_MAX:
        return None
    h = doc[k].head
    if not any(c.dep_ in _SUBJ + ("nsubjpass", "expl") for c in h.children):
        return None
    if h.head.i == v.i and h.dep_ == "ccomp" and k > n.right_edge.i + 1:
        return h
    if n.i < h.head.i < k and h.dep_ in ("acl", "relcl", "ccomp"):
        return h
    return None


def _may_stand_for(poss: Token, subj: Token) -> bool:
    """Whether possessive pronoun ``poss`` may stand for subject ``subj`` by number.

    "they will heed his call": "his" is not "they"; "which shapes her view": a relative or
    indefinite pronoun subject is not whom "her" stands for.
    """
    p, s = poss.lower_, subj.lower_
    if s in ("which", "that", "who", "nothing", "something", "everything", "it"):
        return p in ("its", "their") and s not in ("nothing", "something", "everything")
    if p in ("his", "her", "its"):
        return s not in ("they", "we", "you", "i")
    if p == "their":
        return s not in ("he", "she", "i", "we", "you")
    return True


def _noun_source(n: Token) -> tuple[tuple[int, int] | None, Token | None]:
    """The source on a nominal cue: a possessive ("Trump's claim"), or "by"/"from X"."""
    for c in n.children:
        if c.dep_ == "poss" and c.i < n.i:
            v = n.head if n.dep_ == "dobj" else n.head.head if n.dep_ == "pobj" else None
            subj = [x for x in v.children if x.dep_ in _SUBJ] if v is not None else []
            if c.pos_ == "PRON" and subj and subj[0].i < n.i and _may_stand_for(c, subj[0]):
                # "Ruiz stepped up her attacks on the plan": the subject names whom "her"
                # stands for
                return _subtree_span(subj[0]), subj[0]
            toks = [t for t in c.subtree if t.dep_ != "case"]
            return _tok_span(toks), c
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > n.i:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return _subtree_span(objs[0]), objs[0]
    return None, None


def _object_next(v: Token, n: Token) -> bool:
    """Whether object noun ``n`` follows verb ``v`` with only its own words between.

    The verb's particles and adverbs may also stand between ("stepped up his attacks",
    "indicated publicly their support").
    """
    left = {t.i for t in n.lefts for t in t.subtree}
    return all(
        i in left or (v.doc[i].head.i == v.i and v.doc[i].dep_ in ("prt", "advmod"))
        for i in range(v.i + 1, n.i)
    )


def _from_nouns(ctx: _Ctx) -> Iterator[_Cand]:
    """Nominal cues with their own source: "Trump's claim that …", "his promise to …"."""
    nouns = lexicon().nouns
    for n in ctx.tokens:
        if n.pos != NOUN:  # a symbol id: no string lookup for every token of the article
            continue
        entry = nouns.get(n.lemma_.lower())
        if entry is None or ctx.quote_around(n.idx, n.idx + len(n)) is not None:
            continue
        comp = _noun_content(n, entry)
        if comp is None and "clause" in entry.frames:
            comp = _that_clause_astray(n) or _noun_clause_astray(n)
        if comp is None:
            continue
        src, head = _noun_source(n)
        holder = None
        if src is None and n.dep_ == "dobj" and _lemma(n.head) in lexicon().holder_verbs:
            # "the senator raised concerns that …", "made the claim that …": the verb's subject
            # holds the claim, and the verb with its noun is the cue
            subs = _subject(n.head)
            if subs and _object_next(n.head, n):
                holder = n.head
                src, head = _subtree_span(subs[0]), subs[0]
        if src is None and not (
            # "allegations that he lied": some nouns report a claim whose holder goes unnamed
            "bare" in entry.frames
            and comp.dep_ in ("acl", "ccomp")
            and comp.head.i == n.i
            # "allegations that …", not "the claim that …", whose holder is named elsewhere
            and not any(c.dep_ in ("det", "poss") for c in n.children)
        ):
            continue
        if comp.dep_ == "prep":
            obj = next(g for g in comp.children if g.dep_ in ("pobj", "pcomp"))
            span = _subtree_span(obj)
        else:
            span = _subtree_span(comp)
        if span is None:
            continue
        content = _reported(ctx, span, n.idx, src)
        if content is None:
            continue
        # PolNeAR's nominal cue phrase takes the adjectives on the noun and the preposition
        # before the content ("energetic endorsement of", "stern opposition to")
        lo = n.i
        while (
            lo - 1 >= 0 and ctx.tokens[lo - 1].dep_ == "amod" and ctx.tokens[lo - 1].head.i == n.i
        ):
            lo -= 1
        last = comp if comp.dep_ == "prep" and comp.i == n.i + 1 else n
        cue = (ctx.tokens[lo].idx, last.idx + len(last))
        v = n.head
        if holder is not None:
            cue = (_left_chain(v, v.idx), cue[1])
        elif n.dep_ == "dobj" and head is not None and head.head.i == v.i and _object_next(v, n):
            # "she escalated her attacks on …", "he reiterated his claim that …": the noun's
            # possessive stands for the subject of the verb that takes it, so the verb is
            # the speaker's act: a speech verb alone ("reiterated"), any other verb with the
            # noun it acts on ("escalated her attacks on")
            start = _left_chain(v, v.idx)
            speech = v.lemma_.lower() in lexicon().verbs
            cue = (start, v.idx + len(v)) if speech else (start, cue[1])
        yield _Cand(
            content[0], content[1], cue, entry.lemma, entry.status, src, head, "noun", cls="noun"
        )


def _set_off_adjective(a: Token) -> bool:
    """Whether adjective ``a`` heads a phrase set off by a comma after what it describes.

    "Republicans, concerned about …, have …" (the subject), "…, confident that …" (the clause).
    """
    if a.dep_ not in ("amod", "advcl") or a.i < a.head.i:
        return False
    if a.dep_ == "amod" and (a.head.pos_ not in ("NOUN", "PROPN") or a.head.dep_ not in _SUBJ):
        # only a subject's: the parse also hangs a phrase that describes the subject on an
        # object before it ("X scrapped some events, wary of …")
        return False
    i = a.left_edge.i - 1
    return i >= 0 and a.doc[i].text == ","


def _from_adjectives(ctx: _Ctx) -> Iterator[_Cand]:
    """Adjectival cues: "X is sure that …", "X was critical of Y", "X, confident that …"."""
    adjs = lexicon().adjectives
    for a in ctx.tokens:
        if a.pos != ADJ:
            continue
        set_off = _set_off_adjective(a)
        if a.dep_ != "acomp" and not set_off and not (a.dep_ == "conj" and a.head.dep_ == "acomp"):
            continue
        entry = adjs.get(a.lemma_.lower())
        if entry is None or ctx.quote_around(a.idx, a.idx + len(a)) is not None:
            continue
        # "are confident in A and skeptical about B": the second adjective's copula is the
        # first one's
        h = a.head.head if a.dep_ == "conj" else a.head
        comp = None
        # the clause may hang on the adjective or on the copula ("He is sure that …"), but
        # not on the verb a set-off adjective phrase leans on
        for c in [*a.children, *(c for c in h.children if c.i > a.i and not set_off)]:
            if c.i < a.i:
                continue
            marks = {g.lower_ for g in c.children if g.dep_ == "mark"}
            auxes = {g.lower_ for g in c.children if g.dep_ == "aux"}
            if c.dep_ == "ccomp" and "clause" in entry.frames and marks <= {"that"}:
                comp = c
            elif c.dep_ == "xcomp" and "xcomp" in entry.frames and "to" in auxes:
                comp = c
            elif c.dep_ == "prep" and c.head.i == a.i and f"prep:{c.lower_}" in entry.frames:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                comp = objs[0] if objs else None
            if comp is not None:
                break
        if comp is None:
            continue
        if a.dep_ == "amod":
            # "Republicans, concerned about …, have …": the noun the phrase is set off from
            src, head = _tok_span(list(ctx.doc[h.left_edge.i : h.i + 1])), h
        else:
            src, head = _source(h)
        if src is None:
            continue
        span = _subtree_span(comp)
        if span is None:
            continue
        content = _reported(ctx, span, a.idx, src)
        if content is None:
            continue
        if a.dep_ == "acomp" and h.i < a.i:
            start = _left_chain(h, h.idx)
        else:
            # "…, still confident in …": the adjective's own adverbs
            lefts = [t for t in a.lefts if t.dep_ == "advmod" and t.is_lower]
            start = lefts[0].idx if lefts and lefts[-1].i == a.i - 1 else a.idx
        end = a.idx + len(a)
        if comp.dep_ in ("pobj", "pcomp") and comp.head.i == a.i + 1:
            end = comp.head.idx + len(comp.head)
        yield _Cand(
            content[0],
            content[1],
            (start, end),
            a.lemma_.lower(),
            entry.status,
            src,
            head,
            "adjective",
            cls="belief",
        )
