"""Finding cues: which word reports, and which lexicon entry (frames, class, status) it takes.

A verb is a cue when its lemma (``lemmas.tsv`` maps irregular forms) is in ``cues.tsv``, or
when it forms a cue phrase there with the word after it:

* a particle or preposition ("point out", "call for", "apologised to X for"), or a word right
  after the verb ("made it clear", "shot back"): :func:`_completes`, :func:`_phrase_word`;
* a subordinator the parse hung on a clause of the verb ("called for the governor to resign"):
  :func:`_mark_after`;
* a light verb with its bare object noun and the preposition after it ("took aim at", "cast
  doubt on", "threw his support behind"): :func:`_light_object`; the whole phrase is the cue.

Evidentials (``evidentials.tsv``) are read by their frames: an agentless passive ("is said to
have fled", "is widely seen as") is the writer's unsourced report (:func:`_agentless_evidential`,
found in :mod:`.verbs`). "That said, …" opening a sentence is the writer's connective, not a
report (:func:`_that_said`). Noun and adjective cues are looked up in :mod:`.nouns`; the cue's
span and status are in :mod:`.status`.
"""

from __future__ import annotations

from spacy.symbols import AUX, VERB
from spacy.tokens import Token

from newsledger.extract.attribution.base import _SUBJ, _WHEN
from newsledger.extract.attribution.lexicon import Cue, lexicon


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return lexicon().lemmas.get(tok.lower_, lemma)


# the part-of-speech ids of the tags a cue verb has (``Token.pos``: no string lookup per token)
_VERBAL = frozenset({VERB, AUX})


def _cue_entry(tok: Token) -> Cue | None:
    if tok.pos not in _VERBAL:
        return None
    lex = lexicon()
    lemma = _lemma(tok)
    if lemma not in lex.phrase_prefixes:
        # no cue phrase opens with this verb (most verbs, "be" and "have" included): only its
        # one-word entry can match, and walking its dependents would find nothing
        return lex.verbs.get(lemma)
    for c in tok.children:
        if _completes(tok, c):
            phrase = lex.phrases.get(f"{lemma} {c.lower_}")
            # "called the plan a disaster on Monday" is not "call on"
            if phrase is None or any(g.ent_type_ in _WHEN for g in c.children):
                continue
            # "played the song down the hall" is not "play down": a particle cue's word with an
            # object of its own is a preposition
            if "prep" not in phrase.frames and any(g.dep_ == "pobj" for g in c.children):
                continue
            return phrase
    mark = _mark_after(tok)
    if mark is not None:
        phrase = lex.phrases.get(f"{lemma} {mark.lower_}")
        if phrase is not None and "prep" in phrase.frames:
            return phrase
    light = _light_object(tok)
    if light is not None:
        obj, prep = light
        phrase = lex.phrases.get(f"{lemma} {obj.lemma_.lower()} {prep.lower_}")
        if phrase is not None:
            return phrase
    return lex.verbs.get(lemma)


def _light_object(v: Token) -> tuple[Token, Token] | None:
    """The object noun and the preposition after it of a light-verb cue ("took aim at").

    "cast doubt on the plan", "raised concerns about the deal": the verb says little by
    itself; the verb, its bare object noun and the preposition that follows make the cue (the
    parse hangs the preposition on the verb or on the noun).
    """
    objs = [c for c in v.children if c.dep_ == "dobj" and c.i > v.i and c.pos_ == "NOUN"]
    if not objs:
        return None
    obj = objs[0]
    # a bare noun, at most with a possessive or an adjective before it ("his support", "new
    # questions"), nothing after it but the preposition
    if any(c.i > obj.i and c.dep_ != "prep" for c in obj.children):
        return None
    if any(c.lower_ == "no" for c in obj.children):
        return None  # "made no reference to it": nothing was said
    preps = [c for c in [*v.children, *obj.children] if c.dep_ == "prep" and c.i == obj.i + 1]
    return (obj, preps[0]) if preps else None


def _mark_after(v: Token) -> Token | None:
    """The subordinator right after ``v`` that opens a clause hanging on it, if any.

    "called for the governor to resign": the parse makes "for" the mark of "resign", an
    adverbial clause of "called", not a preposition of it.
    """
    doc = v.doc
    j = v.i + 1
    if j >= len(doc) or doc[j].dep_ != "mark":
        return None
    m = doc[j]
    cl = m.head
    if cl.head.i != v.i or cl.dep_ != "advcl" or cl.i <= j:
        return None
    if not any(c.dep_ in _SUBJ or c.dep_ == "nsubjpass" for c in cl.children):
        return None
    return m


# dependents that can be the second word of a cue phrase: "point out", "call for" (anywhere
# after the verb: "apologised to the residents for …"), "made (it) clear", "as one aide put it"
# (right after it)
_PHRASE_DEPS = frozenset({"prt", "prep"})
_NEAR_PHRASE_DEPS = frozenset({"acomp", "ccomp", "oprd", "dobj"})


def _completes(v: Token, c: Token) -> bool:
    if c.i <= v.i:
        return False
    # "shot back", "fired back": the parse makes the particle an adverb right after the verb
    return (
        c.dep_ in _PHRASE_DEPS
        or (c.dep_ in _NEAR_PHRASE_DEPS and c.i <= v.i + 2)
        or (c.dep_ == "advmod" and c.i == v.i + 1)
    )


def _phrase_word(v: Token, entry: Cue) -> Token | None:
    """The token that completes a two-word cue ("clear" in "made it clear"), if any."""
    if " " not in entry.lemma:
        return None
    word = entry.lemma.split()[-1]
    if entry.lemma.count(" ") == 2:
        light = _light_object(v)
        return light[1] if light is not None and light[1].lower_ == word else None
    for c in v.children:
        if c.lower_ == word and _completes(v, c):
            return c
    mark = _mark_after(v)
    if mark is not None and mark.lower_ == word:
        return mark
    return None


def _to_infinitive(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _evidential_comps(v: Token, entry: Cue) -> list[Token]:
    """The complements of evidential ``v`` by its frames ("to have fled", "as a moderate")."""
    if "passive" in entry.frames and not (
        any(c.dep_ == "auxpass" for c in v.children)
        and not any(c.dep_ == "agent" for c in v.children)
    ):
        return []
    return [
        c
        for c in v.children
        if c.i > v.i
        and (c.dep_ in entry.frames or (c.dep_ == "prep" and f"prep:{c.lower_}" in entry.frames))
    ]


def _agentless_evidential(v: Token) -> bool:
    """Whether ``v`` is an agentless passive that the evidentials lexicon reads ("is said to")."""
    entry = lexicon().evidentials.get(_lemma(v))
    return entry is not None and "passive" in entry.frames and bool(_evidential_comps(v, entry))


def _that_said(v: Token) -> bool:
    """Whether ``v`` is the "said" of the discourse marker "That said, …" (no report).

    ("That said, the plan may still pass": "that" is what was just written, and the clause
    after the comma is the writer's own.)
    """
    doc = v.doc
    i = v.i - 1
    if v.lower_ != "said" or i < 0 or doc[i].lower_ != "that" or v.i + 1 >= len(doc):
        return False
    if doc[v.i + 1].text != ",":
        return False
    # the sentence opens with it (after a conjunction at most: "But that said, …")
    j = i - 1
    while j >= v.sent.start and doc[j].pos_ in ("CCONJ", "ADV", "PUNCT", "SPACE"):
        j -= 1
    return j < v.sent.start
