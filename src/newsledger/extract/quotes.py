"""Attributions: who said what, and how sure the report is about it.

One linear pass over the parse finds candidate attributions from five kinds of evidence:

1. a cue word from the packaged lexicon (``data/quotes/cues.tsv``) with the complement its
   frames allow: a that-clause (``ccomp``), a to-infinitive ("vowed to respond"), an object
   ("cited the report", "called the plan a disaster") or a prepositional object ("called for
   talks"); or a reporting clause set off from its content ("…, Nato has confirmed", "But to
   prevent problems, he said, officials should be vigilant");
2. "according to X";
3. hearsay adverbs with no source ("reportedly", "allegedly": kind ``unsourced``);
4. quotation marks: a quote next to a cue ("“…,” he said" / "X said: “…”" / "“…” — Jane
   Doe"), or a quote paragraph (or, in texts without paragraphs, a quote sentence) with no
   cue that follows a quoted attribution (a *continuation*);
5. transcript and headline labels ("PENCE: Well, …").

Content spans are then widened to whole quotations they cut through, which decides the kind
(direct / mixed / indirect); quotes with no cue that continue nothing (scare quotes, titles,
nicknames) are not attributions. Status comes from the cue, hedges in its frame ("appeared to
confirm", "may have") and negation ("did not confirm"), via ``hedges.tsv`` and ``negated.tsv``.
Speakers are resolved by :mod:`newsledger.extract.quote_speakers`; an attribution whose
content lies inside another's gets ``within`` (only speech acts are kept there: "the deployment
shows …" inside a quote is part of what is said); ids follow the text order of contents.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsledger.extract import Layers, doc_text, doc_tokens
from newsledger.extract.quote_lexicon import Cue, lexicon
from newsledger.extract.quote_marks import Quote, find_quotes
from newsledger.extract.quote_speakers import Speaker, SpeakerIndex
from newsledger.records import Actor, Attribution, Record

_TRIM = frozenset(".,;:!?-–—…")
_QUOTE_CHARS = frozenset(["“", "”", '"', "„", "‟", "«", "»", "''", "``"])
_LEAD_MARKS = frozenset({"that", "whether"})
_SUBJ = ("nsubj",)
# children of a cue verb that belong to its reporting clause ("officials have not yet said")
_REPORTING_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod"})
_MAX_GAP = 8  # tokens between a quote and its cue
_WH_TAGS = frozenset({"WRB", "WDT", "WP", "WP$"})  # who, which, where, when, whose
_SENTENCE_ENDS = frozenset(".")  # a quotation ending in one of these ends its sentence
_OWN_CLAUSES = frozenset({"ccomp", "xcomp", "dobj"})  # what a speech verb reports itself
_OBJ_PREPS = frozenset({"of", "as", "for", "with"})
_WHEN = frozenset({"DATE", "TIME"})
_PLACE_PREPS = frozenset({"in", "at", "on", "from", "to", "near"})
_DASHES = frozenset({"—", "―", "–", "--"})
_RULE_CHARS = frozenset("_-–—*=~#")
_WHO = frozenset({"PERSON", "ORG", "NORP"})  # entity types of names that can speak
# "PENCE: Well, the question …" / "Pat Caddell: Democrat voters worried …"
_COLON_LINE = re.compile(
    r"^[\"“]?(?P<name>[A-Z][A-Za-z.'’\- ]{1,40}?)(?P<colon>:)[ ]+(?P<content>[^\n]*[^\s])$", re.M
)


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    cue: tuple[int, int] | None
    cue_lemma: str | None
    status: str
    source: tuple[int, int] | None
    source_head: Token | None
    rule: str
    kind: str = "indirect"
    speaker: Speaker | None = None
    within: int | None = None
    inside_quote: bool = False
    cls: str = "speech"


class _Ctx:
    """Per-article helpers: paragraphs and quotes."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.quotes: list[Quote] = find_quotes(self.text)
        self.q_starts = [q.start for q in self.quotes]
        self.para_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        # Token objects are made on every pass over a Doc: make them once
        self.tokens: list[Token] = doc_tokens(doc)
        self.starts = [t.idx for t in self.tokens]
        # paragraph start -> whether it is a Title Case line (asked once per candidate report;
        # a text whose paragraphs were collapsed is one long line)
        self.title_lines: dict[int, bool] = {}

    def para(self, offset: int) -> tuple[int, int]:
        """``[start, end)`` of the paragraph holding ``offset``."""
        i = bisect.bisect_right(self.para_starts, offset) - 1
        start = self.para_starts[i]
        end = self.para_starts[i + 1] - 1 if i + 1 < len(self.para_starts) else len(self.text)
        return start, end

    def quote_around(self, start: int, end: int) -> Quote | None:
        """The quote that contains ``[start, end)`` entirely, if any."""
        i = bisect.bisect_right(self.q_starts, start) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.start <= start and end <= q.end:
                return q
        return None


# --- small span helpers -------------------------------------------------------------------


def _tok_span(toks: list[Token]) -> tuple[int, int] | None:
    """Char span of a token list after trimming edge punctuation (but not quote marks)."""
    while toks and (
        toks[0].text in _TRIM
        or toks[0].is_space
        # not "that is …"; a "that" the parse took for a relative adverb ("said for the first
        # time that …") is the subordinator
        or (
            toks[0].lower_ in _LEAD_MARKS
            and (toks[0].dep_ == "mark" or (toks[0].dep_ == "advmod" and toks[0].tag_ == "WDT"))
        )
    ):
        toks = toks[1:]
    while toks and (toks[-1].text in _TRIM or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _edge_span(toks: Sequence[Token]) -> tuple[int, int]:
    """Char span from the first to the last of ``toks`` (no trimming)."""
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _subtree_span(tok: Token) -> tuple[int, int] | None:
    doc = tok.doc
    return _tok_span(list(doc[tok.left_edge.i : tok.right_edge.i + 1]))


def _clip(span: tuple[int, int], para: tuple[int, int], text: str) -> tuple[int, int] | None:
    s, e = max(span[0], para[0]), min(span[1], para[1])
    while s < e and (text[s].isspace() or text[s] in _TRIM):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _TRIM):
        e -= 1
    return (s, e) if e > s else None


# --- cue analysis -------------------------------------------------------------------------


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return lexicon().lemmas.get(tok.lower_, lemma)


def _cue_entry(tok: Token) -> Cue | None:
    lex = lexicon()
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = _lemma(tok)
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
# prepositions of a phrase that sets the scene of a report ("said in a statement", "said for
# the first time", "said during the debate"), which a that-clause after it does not belong to
_SETTING_PREPS = frozenset(
    {"in", "on", "at", "during", "for", "following", "after", "before", "over", "without", "via"}
)
# complements a verb in an 'as' clause has when the clause is about time or manner, not a
# comment on the rest of the sentence ("as she urged them to act", "as he was named the winner")
_AS_GAP = frozenset({"dobj", "xcomp", "ccomp", "oprd", "attr", "dative", "nsubjpass", "acomp"})
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


def _bare_clause(v: Token, c: Token) -> bool:
    """Whether xcomp ``c`` of speech cue ``v`` is really the reported clause.

    "said cutting costs must come first", "says cut the deficit", "the cuts, which they say hurt
    growth": a gerund, bare or finite verb after a speech cue (no "to": "said to be" is an
    evidential) is the start of what was said, which the parse hung on the cue as a complement.

    Args:
        v: The cue verb.
        c: A child of ``v`` labelled xcomp.

    Returns:
        True when ``c`` should be read as the content clause.
    """
    return (
        c.i > v.i
        and c.tag_ in ("VBG", "VB", "VBD", "VBZ", "VBP")
        and not any(g.lower_ == "to" for g in c.lefts)
    )


def _clause_in_phrase(v: Token) -> list[Token]:
    """A that-clause the parse hung inside a phrase after cue ``v``.

    "said in a statement that the team would help", "said for the first time that …": the
    parse makes the clause a modifier of the noun in a phrase that sets the scene (medium,
    time); a clause that opens with the subordinator "that" and has a subject of its own is
    what was said (not "said in a statement that was released", where "that" is a relative
    pronoun; not "responded to the news that …", where the clause is the noun's own).
    """
    for p in v.children:
        if p.dep_ != "prep" or p.i != v.i + 1 or p.lower_ not in _SETTING_PREPS:
            continue
        for c in p.subtree:
            if (
                c.dep_ in ("acl", "ccomp", "relcl", "advcl")
                and c.head.pos_ in ("NOUN", "PROPN", "NUM")
                and not any(t.is_punct for t in v.doc[v.i + 1 : c.left_edge.i])
                and c.left_edge.lower_ == "that"
                and c.left_edge.dep_ in ("mark", "advmod")  # "for the first time that …"
                and c.left_edge.head == c
                and any(g.dep_ in _SUBJ + ("nsubjpass", "expl") for g in c.children)
            ):
                return [c]
    return []


def _indirect_question(v: Token) -> list[Token]:
    """An "if" clause the parse hung on question verb ``v`` as an adverbial clause.

    "Asked if she had ever been fined, …", "asked diners if the soup was cold": the clause
    opens with its "if" right after the verb or the verb's object (the person asked).
    """
    out = []
    for c in v.children:
        if c.dep_ != "advcl" or c.i < v.i:
            continue
        first = c.left_edge
        if not any(g.dep_ == "mark" and g.lower_ == "if" and g.i == first.i for g in c.children):
            continue
        between = v.doc[v.i + 1 : first.i]
        if all(t.dep_ in ("dobj", "dative") or t.head.dep_ in ("dobj", "dative") for t in between):
            out.append(c)
    return out


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


# how a "that" clause may hang inside a phrase that follows its cue ("said during a news
# conference that …", "told the crowd at her rally that …"), and how far from the cue
_ASTRAY_DEPS = frozenset({"prep", "pobj", "pcomp", "advcl", "npadvmod", "relcl", "acl"})
_ASTRAY_MAX = 14


def _that_clause_astray(v: Token) -> Token | None:
    """The "that" clause of cue ``v`` that the parse hung on a phrase after it.

    In "Ms. Lund said on Friday during a press briefing that she may wait" the parse makes the
    clause a relative clause of "briefing". The clause is the cue's content when only such
    phrases stand between them, not a reporting noun or a cue ("concerns that …", "after
    determining that …" hold their own), nor a verb whose complement the clause is.
    """
    for m in v.subtree:
        if m.i <= v.i or m.lower_ != "that" or m.dep_ != "mark":
            continue
        if m.i - v.i > _ASTRAY_MAX or v.doc[m.i - 1].lower_ in ("and", "but", "or"):
            return None
        h = m.head
        if not any(c.dep_ in _SUBJ + ("nsubjpass", "expl") for c in h.children):
            return None
        p = h
        while p.head.i != v.i:
            if p.dep_ not in _ASTRAY_DEPS or p.head.i == p.i:
                return None
            p = p.head
            if _cue_entry(p) is not None or p.lemma_.lower() in lexicon().nouns:
                return None
            if p.dep_ == "prep" and p.lower_ not in _SETTING_PREPS:
                return None  # "responded to the news that …": the clause is the noun's own
        return h if p.dep_ in _ASTRAY_DEPS else None
    return None


# complements a cue takes of its own ("issued the following statement:" reports through its
# object, not through the paragraph after the colon)
_OWN_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "dative"})


def _as_clause(v: Token, entry: Cue) -> bool:
    """Whether cue ``v`` heads an "as" clause that reports the clause it hangs on.

    A cue framed for it does ("as one aide put it"), and so does a speech cue with no complement
    of its own ("As the Courier reported, …", "…, as the mayor noted, …"); with one, "as" means
    while ("…, as he urged voters to stay home").
    """
    if v.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children):
        return False
    if "as-clause" in entry.frames:
        return True
    return (
        entry.cls == "speech"
        and "clause" in entry.frames
        and not any(c.dep_ in _AS_GAP for c in v.children)
    )


def _complements(v: Token, entry: Cue) -> list[Token]:
    """The children of cue ``v`` that hold its content, by the cue's frames."""
    frames = entry.frames
    # "he called her “weak”": an object and its predicate are the content, whatever clause the
    # parse hung on the verb
    oprd = "dobj-oprd" in frames and any(c.dep_ == "oprd" and c.i > v.i for c in v.children)
    if "clause" in frames and not oprd:
        second = _phrase_word(v, entry)
        comps = [c for c in v.children if c.dep_ == "ccomp" and (second is None or c.i != second.i)]
        if not comps and second is not None:
            # "made it clear that …": the clause hangs on the phrase's second word
            comps = [
                c
                for c in second.children
                if c.dep_ in ("ccomp", "advcl") and any(g.lower_ == "that" for g in c.children)
            ]
        if not comps and "if-clause" in frames:
            comps = _indirect_question(v)
        if not comps:
            comps = _clause_in_phrase(v)
        if not comps and second is None:
            # a wider search than the phrase right after the cue ("said on Friday during a
            # news conference that …")
            astray = _that_clause_astray(v)
            if astray is not None:
                comps = [astray]
        if comps:
            return comps
        if entry.cls == "speech":
            # "46 percent said yes", "he said no to the war": a yes or no is what was said
            yn = [
                c
                for c in v.children
                if c.dep_ in ("intj", "dobj") and c.lower_ in ("yes", "no") and c.i == v.i + 1
            ]
            if yn:
                return [yn[0], *[c for c in v.children if c.dep_ == "prep" and c.i == v.i + 2]]
            # "she said raising taxes would hurt growth": the parse reads the gerund subject of
            # the reported clause as a complement of the cue and hangs the clause under it
            gerund = [c for c in v.children if c.dep_ == "xcomp" and _bare_clause(v, c)]
            if gerund:
                return gerund[:1]
    if _as_clause(v, entry):
        # "As one aide put it, the campaign is over": the clause the 'as' clause comments on
        return [v.head]
    if "xcomp" in frames:
        comps = [c for c in v.children if c.dep_ == "xcomp" and c.i > v.i]
        if comps:
            return comps
    # "cases reported in nine states": a passive participle modifying a noun reports nothing
    if v.dep_ == "acl" and v.tag_ == "VBN":
        return []
    # a participle with no subject of its own that comes before its head ("Confirming X, Rutte
    # said", "Zelensky, citing reports, claimed") names the basis of the report that follows;
    # but a passive speech participle ("Asked about the vote, the senator shrugged") reports
    # a question put to the clause's subject by someone unnamed
    if (
        v.tag_ in ("VBG", "VBN")
        and v.i < v.head.i
        and not any(c.dep_ in _SUBJ for c in v.children)
        and not (v.tag_ == "VBN" and entry.cls == "speech")
    ):
        return []
    # "the poll shows the governor with a lead": a finding's object is what it found; "the video
    # showed men in uniform" only depicts
    dobj_ok = (
        "dobj" in frames
        or (
            "dobj-finding" in frames
            and any(s.lemma_.lower() in lexicon().findings for s in _subject(v))
        )
        # "repeated his promise to cut taxes", not "repeated the assertion" (an object that
        # only points back at an earlier report says nothing itself)
        or (
            "dobj-full" in frames
            and any(c.dep_ == "dobj" and c.i > v.i and c.n_rights > 0 for c in v.children)
        )
    )
    if dobj_ok or "dobj-oprd" in frames:
        objs = [c for c in v.children if c.dep_ == "dobj" and c.i > v.i]
        if not objs:
            # "condemned what she called a reckless budget": the parse makes the free relative
            # object a clause; it is the object all the same
            objs = [
                c
                for c in v.children
                if c.dep_ == "ccomp" and c.i > v.i and c.left_edge.lower_ == "what"
            ][:1]
        if not objs and dobj_ok and "xcomp" not in frames:
            # "most voters support raising the tax": the parse makes the gerund object a
            # complement clause
            gerunds = [c for c in v.children if c.dep_ == "xcomp" and c.tag_ == "VBG"]
            objs = [c for c in gerunds if c.i > v.i][:1]
        # "accused X of Y", "called X a liar", "described X as Y", "sees X as Y"
        extra = [
            c
            for c in v.children
            if objs
            and c.i > objs[0].i
            and (c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ in _OBJ_PREPS))
        ]
        predicated = any(c.dep_ in ("oprd", "xcomp") or c.lower_ == "as" for c in extra)
        # "calling him ''a very honest man''": the parse made the predicate a second object
        predicated = predicated or ("dobj-oprd" in frames and len(objs) > 1)
        if "dobj-oprd" in frames and objs:
            o = objs[0]
            last = o.right_edge
            # "called her son her hero" (the predicate parsed as an apposition, not set off by
            # punctuation) and "called the dispute with the union unusual" (a predicate
            # adjective the parse took into the object, after the noun it should follow)
            predicated = (
                predicated
                or any(
                    c.dep_ == "appos"
                    and c.i > o.i
                    and c.pos_ != "PRON"  # "calling donors himself"
                    and not v.doc[c.left_edge.i - 1].is_punct
                    and not v.doc[c.left_edge.i - 1].is_space
                    and c.sent == v.sent
                    for c in o.children
                )
                or (last.tag_ == "JJ" and last.i > o.i and last.head.i < last.i)
            )
        # "voters see the senator as the best choice": the parse hung the "as" predicate on
        # the object
        predicated = predicated or any(
            c.dep_ == "prep" and c.lower_ == "as" and c.i > o.i
            for o in objs[:1]
            for c in o.children
        )
        # "called the senator “the next George Washington”": the parse makes the quoted
        # predicate an apposition of the object
        predicated = predicated or any(
            c.dep_ == "appos"
            and c.left_edge.i > 0
            and v.doc[c.left_edge.i - 1].text in _QUOTE_CHARS
            for o in objs[:1]
            for c in o.children
        )
        # "called the protesters “vandals”": the parse folds object and quoted
        # predicate into one phrase
        predicated = predicated or any(
            t.text in _QUOTE_CHARS and t.i > o.left_edge.i for o in objs[:1] for t in o.subtree
        )
        if not objs and "dobj-oprd" in frames:
            # "called her “second-rate”", "called both rivals “reckless”": no object
            # of its own, the object hangs inside the predicate
            oprd = [c for c in v.children if c.dep_ == "oprd" and c.i > v.i]
            if oprd:
                return oprd
        # a bare pronoun object says nothing by itself ("said it"), but "called him a liar" does
        # (a stance on a person does: "endorsed him", "criticized them"; sources.json lists
        # the verbs, since "challenged him to a debate" or "favor them" say nothing)
        bare = (
            bool(objs)
            and objs[0].pos_ == "PRON"
            and objs[0].n_lefts + objs[0].n_rights == 0
            and not extra  # "accused it of …"
            and not (
                entry.lemma in lexicon().person_targets and objs[0].lower_ in lexicon().personal
            )
        )
        if objs and (predicated or not bare):
            if not dobj_ok and not predicated:
                return []
            return objs + extra
    if "prep" in frames:
        if "nogloss" in frames and not any(c.lower_ == "as" for c in v.children):
            # "…,” McCaul said, referring to Vladimir Putin", "he was referring to the 2020
            # pact", "Kantei refers to the prime minister's office": the writer's gloss, not a
            # report (but "referred to her as a liar" is one)
            return []
        word = entry.lemma.split()[-1]
        mark = _mark_after(v)
        if mark is not None and mark.lower_ == word:
            # "called for the governor to resign": the clause after the subordinator
            return [mark.head]
        light = _light_object(v) if entry.lemma.count(" ") == 2 else None
        for c in [light[1]] if light is not None else v.children:
            if c.dep_ in ("prep", "prt") and c.lower_ == word and c.i > v.i:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs and not (objs[0].pos_ == "PRON" and not objs[0].n_rights):
                    # "referred to the plan as a giveaway": the predicate goes with the object
                    pred = [
                        g for g in v.children if g.dep_ == "prep" and g.lower_ == "as" and g.i > c.i
                    ]
                    # "called on leaders to stay calm": the infinitive says what they are urged to
                    pred += [g for g in v.children if g.dep_ == "xcomp" and g.i > c.i]
                    return objs + pred[:1]
    return []


def _subject(v: Token) -> list[Token]:
    """The subject of cue ``v``, climbing through control and participle structures.

    "appeared to show", "refused to confirm", "is determined to warn", "…, saying that …",
    "began by saying …": the subject sits on a governing verb (at most a few steps up).
    """
    t = v
    prev: Token | None = None
    for _ in range(6):
        subs = [c for c in t.children if c.dep_ in _SUBJ]
        if subs:
            return subs
        if (
            prev is not None
            and prev.head == t
            and prev.dep_ in ("conj", "xcomp")
            # "The report is expected to show …": an evidential passive ("is said to", "is
            # expected to") is the writer's hedge on its subject, who says nothing (yet)
            and not (prev.dep_ == "xcomp" and _lemma(t) in lexicon().evidentials)
        ):
            # "Farmers were alarmed by the drought and warned …", "She was pressed to
            # explain …": the passive subject of a verb the cue is coordinated with or
            # completes does the cue's act (the cue's own passive subject is its addressee:
            # "He was told …")
            subs = [c for c in t.children if c.dep_ == "nsubjpass"]
            if subs:
                return subs
        prev = t
        if t.lemma_.lower() == "quote" and t.tag_ == "VBN":
            # "X was quoted as saying …", "“…,” X is quoted as saying": the one quoted spoke
            subs = [c for c in t.children if c.dep_ == "nsubjpass"]
            if subs:
                return subs
        if any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in t.children):
            # "He's said he …": "has said", which the parse read as a passive
            subs = [c for c in t.children if c.dep_ == "nsubjpass"]
            if subs:
                return subs
        h = t.head
        if t.dep_ == "xcomp" and _to_infinitive(t) and h.lemma_.lower() in lexicon().object_control:
            # "prompted a radio host to accuse …", "led the chairman to declare …": after a verb
            # of causing, its object does what the infinitive says (after "urged members to
            # reject …" the stance is still the pusher's)
            objs = [c for c in h.children if c.dep_ == "dobj" and c.i < t.i]
            if objs:
                return objs
        if h == t:
            # "The mayor praised X, denounced Y and said …": the parse made the first verb
            # of the series an adverbial clause (or a clausal complement) of the second; its
            # subject is the speaker (only without a subordinator: "Although X said …, Y …"
            # has its own subject). Tokens are compared with ==: spaCy makes a new object
            # for each head lookup, so a root's head is never ``is`` the root.
            for c in t.children:
                if (
                    t is not v
                    and c.i < t.i
                    and c.dep_ in ("advcl", "ccomp")
                    and c.pos_ == "VERB"
                    and c.tag_ in ("VBD", "VBZ", "VBP")
                    and not any(g.dep_ in ("mark", "advmod") and g.i < c.i for g in c.children)
                    # a colon or semicolon ends the first clause: what follows is not its series
                    and not any(x.text in (":", ";") for x in t.doc[c.i : t.i])
                ):
                    subs = [g for g in c.children if g.dep_ in _SUBJ]
                    if subs:
                        return subs
            return []
        if (
            t is v
            and t.dep_ == "conj"
            and h.dep_ == "ccomp"
            and h.i > h.head.i
            and _cue_entry(h.head) is not None
        ):
            # "He announced that he was in therapy and vowed to …": the parse coordinates the
            # second cue with the first cue's content; the speaker is the first cue's subject
            t = h.head
        elif t is v and t.dep_ == "conj" and _joins_outer_verb(t):
            # "He forecast that the economy would rebound and praised …", "She says he'd
            # veto it and tell them so, and tells the crowd …": the cue's tense is the outer
            # verb's, not that of the clause it was coordinated into
            while h.dep_ == "conj":
                h = h.head
            t = h.head
        elif (
            t.dep_ == "conj"
            and t.pos_ == "VERB"
            and h.pos_ in ("NOUN", "ADJ")
            and h.dep_ in ("dobj", "oprd", "acomp")
        ):
            # "She put on a hat and joked, …", "He called it “shameful” and called on …": the
            # parse coordinated the verb with the object or predicate of the first verb, whose
            # subject is the speaker
            t = h.head
        elif t.dep_ in ("xcomp", "conj", "acomp"):
            t = h
        elif t.dep_ in ("advcl", "acl") and t.tag_ == "VBG" and h.pos_ in ("VERB", "AUX"):
            part, t = t, h
            if _set_off(part):
                # "She said her father backs the plan and would sign it, adding …": from the
                # last verb of a reported series to its first
                top = t
                while top.dep_ in ("conj", "xcomp") and top.head.pos_ in ("VERB", "AUX"):
                    top = top.head
                if (
                    top.dep_ == "ccomp"
                    and top.head.i < top.i  # not '“…,” she added, citing …' (the quote's ccomp)
                    and _cue_entry(top.head) is not None
                ):
                    # 'She said that was a “misreading,” citing …', "He said the plan would
                    # fail, adding …": a participle set off after a report goes with the
                    # reporter, not with the reported clause the parse hung it on
                    t = top.head
                elif (
                    top.dep_ == "acl"
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in top.children)
                    and top.head.dep_ == "dobj"
                    and top.head.head.pos_ == "VERB"
                ):
                    # "He rejected the idea that the plan would fail, saying …": the same after
                    # a clause on the object noun
                    t = top.head.head
        elif t.dep_ == "advcl" and h.pos_ in ("VERB", "AUX") and _to_infinitive(t):
            # "flew to the capital … to announce her bid": the purpose clause's doer
            t = h
        elif t.dep_ == "acl" and t.tag_ == "VBG" and h.pos_ in ("NOUN", "PROPN"):
            set_off = t.i > 0 and t.doc[t.i - 1].text == ","
            if (_carrier(h) or set_off) and h.dep_ == "dobj":
                # "X released a statement saying …": X speaks through the statement (or at
                # the event: "X opened a rally blasting …"); "X gave a speech Tuesday,
                # attacking …": a participle set off by a comma is X's
                t = h.head
                continue
            if set_off:
                # "X was the first mayor to react, posting …": the predicate noun of a
                # copula stands for its subject; "X asked for a show of hands, and then a
                # visual vote, declaring …": the last of coordinated objects
                noun = h
                while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
                    noun = noun.head
                if noun.dep_ in ("attr", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
                    t = noun.head
                    continue
            verb = _carrier_verb_of(h)
            if verb is not None and any(c.dep_ in _SUBJ for c in verb.children):
                # "The Ledger answered in a column arguing …", "repeated her view during a
                # speech urging …", "sent a letter to members warning …": the one who speaks
                # through the text
                t = verb
                continue

            # "a leaflet suggesting …", "most of those polled saying …": the noun itself
            return [h]
        elif t.dep_ == "pcomp" and t.tag_ == "VBG" and h.dep_ == "prep":
            t = h.head
        elif t is not v and t.dep_ == "advmod" and t.pos_ == "ADV" and h.pos_ in ("VERB", "AUX"):
            # "she was back to complaining about …": the phrase hangs on an adverb of the verb
            t = h
        else:
            return []
    return []


def _joins_outer_verb(v: Token) -> bool:
    """Whether conjunct ``v``, parsed into a clausal complement, goes with the verb above it.

    The first conjunct is the complement of an earlier verb with ``v``'s finite tense, and
    it has a different form itself ("would rebound" / "praised"), so ``v`` continues the
    outer clause ("said he would resign and endorsed …" but not "said he resigned and
    endorsed …", which is ambiguous, nor "said he would resign and endorse …").
    """
    if v.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    first = v.head
    while first.dep_ == "conj":
        first = first.head
    outer = first.head
    return (
        first.dep_ == "ccomp"
        and outer.i < first.i
        and outer.tag_ == v.tag_
        and first.tag_ != v.tag_
        and outer.pos_ == "VERB"
    )


def _carrier(n: Token) -> bool:
    """Whether noun ``n`` is a text or an occasion through which its verb's subject speaks."""
    lex = lexicon()
    lemma = n.lemma_.lower()
    return lemma in lex.carriers or lemma in lex.occasions


def _carrier_verb_of(n: Token) -> Token | None:
    """The verb that a prepositional phrase holding a speech text hangs on, if any.

    ``n`` is the noun a participle hangs on: a carrier ("in a column"), or the object of a
    phrase on a carrier ("a letter to members"); the phrase may hang on the verb or on its
    object ("used part of the speech").
    """
    lex = lexicon()
    if n.lemma_.lower() in lex.findings or n.lower_ in lex.findings:
        return None  # "cited polls showing …": findings speak for themselves
    carrier = _carrier(n)
    while n.dep_ == "pobj" and n.head.dep_ == "prep":
        h = n.head.head
        if h.pos_ in ("VERB", "AUX"):
            # "sent a letter to members warning …": the parse hung the phrase on the verb
            carrier = carrier or any(c.dep_ == "dobj" and _carrier(c) for c in h.children)
            return h if carrier else None
        carrier = carrier or _carrier(h)
        if h.dep_ in ("dobj", "pobj") and h.pos_ in ("NOUN", "PROPN", "ADJ", "PRON"):
            if h.dep_ == "dobj":
                return h.head if carrier and h.head.pos_ in ("VERB", "AUX") else None
            n = h
            continue
        return None
    return None


def _set_off(v: Token) -> bool:
    """Whether participle ``v`` is set off from the clause before it.

    (A comma, dash or closing quote right before it or its adverbs: "…, adding", "… - even
    conceding", "…,” citing", "…, while insisting".)
    """
    i = v.left_edge.i
    return i > 0 and v.doc[i - 1].text in (",", *_DASHES, "-", *_QUOTE_CHARS)


def _to_infinitive(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _adjacent_name(v: Token) -> list[Token]:
    """A proper name right before the verb when the parse gave it no subject.

    ("Confirming …, Nato Secretary-General Mark Rutte said": the name hangs off the participle.)
    """
    doc = v.doc
    i = v.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i >= 1 and doc[i].text == ",":
        # "In a statement to the Observer, her adviser, Jake Sullivan, said": a subject that the
        # parse hung as an apposition on an earlier noun
        t = doc[i - 1]
        if t.dep_ == "appos" and t.pos_ in ("PROPN", "NOUN") and t.head.i < t.i:
            first = t.head if t.head.dep_ == "appos" else t
            return [doc[first.left_edge.i], t]
        return []
    if (
        i >= 1
        and doc[i].dep_ == "appos"
        and doc[i].pos_ == "NOUN"
        and doc[i].head.i < doc[i].left_edge.i
        and doc[doc[i].left_edge.i - 1].text == ","
    ):
        # "At a briefing with A and B, the opposition leader stated …": a subject noun
        # phrase the parse hung as an apposition on the preceding phrase
        return [doc[doc[i].left_edge.i], doc[i]]
    if i < 0 or doc[i].pos_ != "PROPN" or doc[i].dep_ == "nsubjpass":
        return []  # "Trump was told that …": the addressee, not the source
    if (
        doc[i].dep_ == "pobj"
        and doc[i].head.lower_ in _PLACE_PREPS
        and doc[i].ent_type_ != "PERSON"
    ):
        return []  # "a speech in Queens focused on …": a place, not a speaker
    end = doc[i]
    lo = i
    while lo - 1 >= 0 and (
        doc[lo - 1].pos_ == "PROPN"
        or doc[lo - 1].text in ("-", "‐")
        or (doc[lo - 1].dep_ == "compound" and doc[lo - 1].head.i <= i)
    ):
        lo -= 1
    return [doc[lo], end]


def _number_subject(v: Token) -> list[Token]:
    """A share of people the parse hung on the verb as a number ("About 4 in 10 say …")."""
    for c in v.lefts:
        if c.pos_ == "NUM" and c.dep_ in ("nummod", "npadvmod", "dep", "advmod"):
            return [v.doc[c.left_edge.i], c]
    return []


def _preposed_subject(v: Token) -> list[Token]:
    """A subject the parse hung on a preposed phrase, found by its commas.

    "As part of his plea deal, Mark Olsen, 44, said …" / "At the club, where …, Tom Reed,
    the club's president, suggested …": going back from the verb, comma-separated noun phrases
    belong to the subject until a phrase that opens with a preposition, a subordinator or an
    adverb (the preposed adverbial) or that holds a verb. The phrases must name someone.
    """
    doc = v.doc
    if v.dep_ != "ROOT" or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in v.children
    ):
        return []
    sent_start = v.sent.start
    end = v.i - 1
    while end >= sent_start and (
        doc[end].pos_ in ("ADV", "AUX", "PART") and doc[end].i > sent_start
    ):
        end -= 1
    if end < sent_start or doc[end].text != ",":
        return []
    end -= 1
    segs: list[tuple[int, int]] = []
    i = end
    while i >= sent_start:
        j = i
        while j - 1 >= sent_start and doc[j - 1].text != ",":
            j -= 1
        first = doc[j]
        if first.pos_ == "CCONJ" and j < i:
            first = doc[j + 1]  # "But in a call with reporters, …": the phrase after "But"
        toks = doc[j : i + 1]
        if (
            first.pos_ in ("ADP", "SCONJ", "ADV", "VERB", "AUX", "PART")
            or any(t.pos_ in ("VERB", "AUX") for t in toks)
            or not len(toks)
        ):
            break
        segs.append((j, i))
        i = j - 2  # skip the comma
    if not segs:
        return []
    lo, hi = segs[-1][0], segs[0][1]
    if lo == sent_start:
        return []  # nothing preposed: not this parse error
    words = doc[lo : hi + 1]
    lex = lexicon()
    if not any(t.pos_ == "PROPN" or t.lower_ in lex.group or t.lower_ in lex.titles for t in words):
        return []
    return [doc[lo], doc[hi]]


def _subject_in_left_clause(v: Token) -> list[Token]:
    """A subject the parse buried in a clause it hung before the verb.

    "Jill Amos, however, who has no backing, said …": the subject went to the relative
    clause's verb, which became a clause of the cue; "Tom Reyna, a local pastor helping the
    drive, said …": the apposition's noun was read as such a verb. Such a clause set off by
    commas is the cue's subject phrase when the cue has its content on the right. A series of
    verbs read the same way ("She attacked the plan said it …") shares the first one's subject.

    Returns:
        The first token of the subject phrase, its head and its last token; or nothing.
    """
    doc = v.doc
    if not any(c.i > v.i and c.dep_ in ("ccomp", "xcomp") for c in v.children):
        return []
    for c in v.lefts:
        if c.dep_ not in ("ccomp", "advcl", "prep") or c.pos_ == "SCONJ":
            continue
        if any(g.dep_ == "mark" for g in c.children):
            continue  # "Although X …, Y said": a clause of its own
        subs = [g for g in c.children if g.dep_ in _SUBJ and g.i < c.i]
        if not subs or subs[0].pos_ not in ("PROPN", "NOUN", "PRON"):
            continue
        s = subs[0]
        lo, end = s.left_edge.i, v.i - 1
        if any(t.text in _QUOTE_CHARS or "\n" in t.text_with_ws for t in doc[lo : v.i]):
            return []  # a quote or a line before the cue: its content, not its subject
        while end > s.i and (doc[end].is_punct or doc[end].pos_ in ("ADV", "PART")):
            end -= 1
        if (
            s.pos_ != "PRON"
            and end > s.i
            and doc[end + 1].text == ","
            and any(t.text == "," for t in doc[s.i + 1 : c.i])
        ):
            # "X, a …, said": the whole phrase set off by commas
            return [doc[lo], s, doc[end]]
        if (
            c.dep_ == "ccomp"
            and c.tag_ in ("VBD", "VBZ", "VBP")
            and not any(t.dep_ in _SUBJ for t in doc[s.i + 1 : v.i])
            and doc[v.i - 1].text != ","  # "The fund is sound, said a clerk who …": inverted
        ):
            # "She attacked the plan said it …", "Ana Ruiz thanked the staff, then says …":
            # a series of verbs whose first the parse made a clause of the last; they share
            # its subject
            return [doc[lo], s, doc[min(s.right_edge.i, c.i - 1)]]
        return []
    return []


def _ends_clause(v: Token) -> bool:
    """Whether nothing but punctuation follows the verb's phrase before the sentence ends."""
    doc = v.doc
    i = v.right_edge.i + 1
    if i >= len(doc):
        return True
    t = doc[i]
    return t.is_punct or t.is_space or t.is_sent_start


def _speech_tag(v: Token) -> list[Token]:
    """The speaker of a speech tag set in a sentence by commas ("The difference, said Ortiz, …").

    The parse takes the phrase before the tag for the cue's subject; the one who speaks is
    the name between the cue and the next comma (a person, a group or an organisation, not
    "said Tuesday").

    Returns:
        The first and last token of the speaker phrase, or nothing.
    """
    doc = v.doc
    entry = _cue_entry(v)
    if v.i < 1 or doc[v.i - 1].text != "," or entry is None or entry.cls != "speech":
        return []
    if v.tag_ not in ("VBD", "VBZ", "VBP"):
        return []  # "…, saying …" is a participle, not a tag
    if any(c.dep_ in ("dobj", "dative") for c in v.children):
        return []  # "told POLITICO, …": the one told
    end = v.i + 1
    while end < len(doc) and end - v.i <= 8 and doc[end].text not in (",", ".", ";", ":"):
        if doc[end].text in _QUOTE_CHARS or doc[end].pos_ in ("VERB", "AUX"):
            return []
        end += 1
    if end >= len(doc) or doc[end].text != "," or end == v.i + 1:
        return []
    toks = list(doc[v.i + 1 : end])
    heads = [t for t in toks if not (v.i < t.head.i < end)]
    if not heads or heads[0].dep_ not in ("nsubj", "nsubjpass"):
        return []  # the parse must have read the name as a subject (of the cue or its clause)
    lex = lexicon()
    if any(t.ent_type_ in _WHEN for t in toks):
        return []
    if not any(
        (t.pos_ == "PROPN" and (t.ent_type_ in _WHO or not t.ent_type_))
        or t.lower_ in lex.group
        or t.lower_ in lex.titles
        for t in toks
    ):
        return []
    return [toks[0], toks[-1]]


def _infinitive_doer(v: Token) -> Token | None:
    """Who does infinitive cue ``v`` when a "for"/"on" phrase names them right before it.

    ("it is hard for him to say …", "the pressure on the mayor to explain …", "relies on users to
    report …": the one named, not the clause's subject.)
    """
    if not _to_infinitive(v) or v.i < 3:
        return None
    doc = v.doc
    to = doc[v.i - 1]
    n = doc[v.i - 2]
    if to.lower_ != "to" or n.dep_ != "pobj" or n.head.lower_ not in ("for", "on"):
        return None
    if n.head.i != n.left_edge.i - 1:
        return None  # the phrase is just the preposition and its noun phrase
    lex = lexicon()
    person = (
        (n.pos_ == "PRON" and n.lower_ in lex.personal)
        # a name only after "for": "went on Twitter to applaud …" says where, not who
        or (n.pos_ == "PROPN" and n.head.lower_ == "for" and n.ent_type_ in _WHO)
        or n.lemma_.lower() in lex.group
        or n.lower_ in lex.group
    )
    return n if person else None


def _agent(v: Token) -> Token | None:
    """The noun in the "by" phrase of passive cue ``v`` ("asked by a reporter"), if any."""
    entry = _cue_entry(v)
    if v.tag_ != "VBN" or entry is None or entry.cls != "speech":
        return None  # "was called by the party to force …": a stance's agent is left alone
    for c in v.children:
        if c.dep_ == "agent" and c.i > v.i:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                return objs[0]
    return None


def _expletive_it(s: Token, v: Token) -> bool:
    """Whether subject ``s`` of cue ``v`` is an "it" that only stands for a clause after it.

    "It is hard to say …", "it's worth noting …", "it is clear that …", "It doesn't take an
    expert to see …", "when it comes to recognizing …", "It's been reported that …": nobody
    is named, so the report has no source ("it is ready to announce …" names what "it" is).
    """
    if s.lower_ != "it" or s.dep_ not in ("nsubj", "nsubjpass"):
        return False
    h = s.head
    later = [c for c in h.children if c.i > s.i]
    if s.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in h.children):
        # a passive cue whose clause is its real subject
        return h == v and any(c.dep_ == "ccomp" for c in later)
    lemma = h.lemma_.lower()
    if lemma in ("take", "mean"):
        # "it takes a mathematician to see …", "it means admitting …"
        return h != v and any(c.dep_ == "xcomp" for c in later)
    if lemma == "come":
        # "when it comes to recognizing …"
        return h != v and any(c.dep_ == "prep" and c.lower_ == "to" for c in later)
    if lemma not in ("be", "remain", "seem", "appear") and h.lower_ not in ("'s", "’s", "’"):
        return False
    # the predicate may come first: "how hard it will be to say …"
    for a in h.children:
        # "it is too soon to say …": an adverb with the infinitive stands as the predicate
        adverb = a.dep_ == "advmod" and any(c.dep_ == "xcomp" for c in a.children)
        if a.dep_ not in ("acomp", "attr") and not adverb:
            continue
        clauses = [c for c in (*later, *a.children) if c.i > a.i]
        if any(c.dep_ in ("ccomp", "csubj") for c in clauses):
            return True  # "it is clear that …"
        if a.lemma_.lower() not in lexicon().doer_adjectives and any(
            c.dep_ in ("xcomp", "advcl") for c in clauses
        ):
            return True  # "it is hard to say …", "it's worth noting …"
    return False


def _source(v: Token) -> tuple[tuple[int, int] | None, Token | None]:
    doer = _infinitive_doer(v)
    if doer is not None:
        return _subtree_span(doer), doer
    agent = _agent(v)
    if agent is not None:
        # "Asked by a reporter whether …", "was warned by officials that …": the agent of a
        # passive cue is the one who speaks
        return _subtree_span(agent), agent
    text = doc_text(v.doc)
    # a separator line ("___") the parse hung on the verb as a second subject is no speaker
    found = [s for s in _subject(v) if not set(s.text) <= _RULE_CHARS]
    # a subject whose phrase ends in an earlier paragraph is a slip of the parse (a headline
    # or a time stamp run into the sentence)
    subs = [s for s in found if s.i > v.i or "\n" not in text[s.right_edge.idx : v.idx]]
    if len(subs) > 1 and subs[0].tag_ == "WDT" and subs[0].i < subs[1].i:
        # "the cuts, which they say hurt growth": the parse gave the cue two subjects, the
        # relative pronoun fronted out of the reported clause and the speaker
        subs = subs[1:]
    tag = _speech_tag(v) if any(s.i < v.i for s in subs) else []
    if tag:
        # "The difference, said Ortiz, would be small": the phrase before the tag is what is
        # said, the name after it says it
        return _edge_span(tag), tag[-1]
    if len(subs) == 1 and _expletive_it(subs[0], v):
        # no source, but the "it" is kept as the head: the report stands unsourced
        return None, subs[0]
    if not subs:
        # "Ana Ruiz also spoke against the plan, and explained …": a name before the first verb
        # of a series that the parse did not make its subject; else one before this verb
        t = v
        while t.dep_ == "conj" and t.head.pos_ == "VERB" and t.head.i < t.i:
            t = t.head
        name = _adjacent_name(t) if t is not v else []
        name = name or _adjacent_name(v) or _preposed_subject(v) or _number_subject(v)
        if not name:
            name = _subject_in_left_clause(v)  # first, head, last
            if not name and found:
                # the parse found a subject, in another paragraph: the report stands, with
                # no source (the cue is kept as the head)
                return None, v
            return (_edge_span(name), name[1]) if name else (None, None)
        return (_edge_span(name), name[-1])
    if (
        len(subs) == 1
        and subs[0].lower_ in ("that", "which")
        and subs[0].head.dep_ == "relcl"
        and subs[0].head.head.lemma_.lower() in lexicon().carriers
        and subs[0].head.head.dep_ == "dobj"
    ):
        # "the senator is releasing an ad that urges …": who speaks through the ad; otherwise the
        # relative pronoun is the mention ("a memo that noted …": the speaker is resolved to
        # its antecedent)
        ante = subs[0].head.head
        outer = [c for c in ante.head.children if c.dep_ in _SUBJ]
        if outer:
            return _subtree_span(outer[0]), outer[0]
    doc = v.doc
    lo = min(s.left_edge.i for s in subs)
    hi = max(s.right_edge.i for s in subs)
    # a subject never reaches over its own verb (bad parses)
    if lo < v.i < hi:
        if max(s.i for s in subs) < v.i:
            hi = v.i - 1  # "a leaflet suggesting …": the noun, not the clause on it
        else:
            lo = min(s.i for s in subs)
    # nor across a paragraph break (a dateline or headline run into the sentence)
    for k in range(hi, lo, -1):
        if "\n" in doc[k - 1].whitespace_ or "\n" in doc[k - 1].text:
            lo = k
            break
    return _tok_span(list(doc[lo : hi + 1])), subs[0]


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


# --- candidate generators -----------------------------------------------------------------


def _reporting_left(v: Token) -> int:
    """First token of the reporting clause: the verb, its subject, auxiliaries and adverbs."""
    left = v.i
    for ch in v.children:
        if ch.i < v.i and ch.dep_ in ("nsubj", "aux", "neg", "advmod", "auxpass"):
            left = min(left, ch.left_edge.i)
    return left


def _verb_contents(v: Token, entry: Cue) -> list[tuple[int, int]]:
    """Content spans of cue verb ``v`` (two when a quote is split around the cue)."""
    doc = v.doc
    comps = _complements(v, entry)
    if comps and comps[0].i == v.head.i:
        # an 'as' clause ("…, as one aide put it"): the rest of the sentence it comments on
        own = {t.i for t in v.subtree}
        rest = [t for t in v.head.subtree if t.i not in own]
        before = [t for t in rest if t.i < v.left_edge.i]
        after = [t for t in rest if t.i > v.right_edge.i]
        piece = after if len(after) >= len(before) else before
        span = _tok_span(piece)
        return [span] if span is not None else []
    if comps:
        # a clause before the cue is its content only when nothing but punctuation and the
        # reporting clause ("“A,” he said, …", "A, officials say") stands between them: not
        # "Most farmers say X, while a third say Y" (the first clause is a report of its own)
        chain = {v.i} | {
            t.i for c in v.children if c.i < v.i and c.dep_ in _REPORTING_DEPS for t in c.subtree
        }
        before = [
            c
            for c in comps
            if c.right_edge.i < v.i
            and all(
                (doc[k].is_punct and doc[k].text not in (";", ":"))
                or doc[k].text in _QUOTE_CHARS
                or k in chain
                for k in range(c.right_edge.i + 1, v.i)
            )
        ]
        after = [c for c in comps if c.left_edge.i > v.i]
        second = _phrase_word(v, entry)
        spans = []
        for c in comps:
            fronted = [t for t in c.subtree if t.i < v.i]
            if (
                fronted
                and c.i > v.i
                and all(t.tag_ in ("WDT", "WP") or t.lower_ == "that" for t in fronted)
            ):
                # "a rule which officials said will take effect in May", "growth that he said
                # improved the economy": the relative pronoun fronted out of the reported clause
                # is its subject; the content is what follows the cue
                hi = c.right_edge.i
                if v.dep_ == "relcl" and doc[fronted[0].i - 1].text == ",":
                    # "The measure, which critics said was unfair, passed": the relative
                    # clause ends at its closing comma (the parse may run on past it)
                    hi = next((k - 1 for k in range(v.i + 1, hi + 1) if doc[k].text == ","), hi)
                span = _tok_span(list(doc[v.i + 1 : hi + 1]))
                return [span] if span is not None else []
        for group in (before, after):
            if group:
                lo = min(c.left_edge.i for c in group)
                hi = max(c.right_edge.i for c in group)
                if second is not None and lo <= second.i < hi:
                    lo = second.i + 1  # the cue's own second word ("called for")
                span = _tok_span(list(doc[lo : hi + 1]))
                if span is not None:
                    spans.append(span)
        return spans
    if not (
        v.dep_ in ("advcl", "parataxis", "ccomp", "conj")
        and (v.head.i < v.i or v.dep_ == "parataxis")
        and (
            entry.cls == "speech"
            # "…, records show": a finding set off from what it found (not "…, she has shown")
            or (
                entry.cls == "evidence"
                and any(s.lemma_.lower() in lexicon().findings for s in _subject(v))
            )
        )
        and "clause" in entry.frames
    ):
        return []
    # "<content>, Nato has confirmed." / "“…,” he said" / "But to prevent problems, he said,
    # local officials should be vigilant": a reporting clause set off from its content.
    left = _reporting_left(v)
    if left == 0 or doc[left - 1].text not in (",", *_QUOTE_CHARS):
        return []
    if doc[left - 1].text == ",":
        left -= 1
    h = v.head
    lo, hi = h.left_edge.i, h.right_edge.i
    while h.dep_ != "ROOT" and h.head != h and (h.head.i < v.i or v.dep_ == "parataxis"):
        h = h.head
        lo, hi = min(lo, h.left_edge.i), max(hi, h.right_edge.i)
    first = _tok_span(list(doc[lo:left]))
    if _ends_clause(v) and v.head.i < v.i:
        return [first] if first else []
    right = v.right_edge.i
    if doc[right].text != ",":
        right += 1
        if right >= len(doc) or doc[right].text != ",":
            return []
    second = _tok_span(list(doc[right + 1 : hi + 1]))
    pieces = [p for p in (first, second) if p is not None]
    quoted = [p for p in pieces if doc_text(doc)[p[0]] in _QUOTE_CHARS]
    if len(pieces) == 2 and len(quoted) == 1:
        # "He said he had not seen it, and when asked, he said, ''I hope not.''": the quotation
        # is what this cue reports
        return quoted
    lead = doc[right + 1] if right + 1 < len(doc) else None
    if (
        len(pieces) == 2
        and lead is not None
        and lead.dep_ == "mark"
        and lead.lower_ not in _LEAD_MARKS  # "…, he said, that …" is what was said
    ):
        # "The plan will fail, she said, because the council cut the budget", "A, she said,
        # after a reporter said B": a subordinate clause after the reporting clause adds the
        # circumstances; the clause before it is what was said
        return pieces[:1]
    # the longer piece carries the report; the other is usually a lead-in
    return [max(pieces, key=lambda p: p[1] - p[0])] if pieces else []


def _joins_clause(ctx: _Ctx, first: Span, t: Token) -> bool:
    """Whether ``t`` is an "and"/"but" inside ``first`` joining a clause with its own subject."""
    return (
        t.dep_ == "cc"
        and t.lower_ in ("and", "but")
        and t.i > first.start + 2
        and t.head.dep_ in ("ccomp", "conj", "ROOT")
        and any(
            c.dep_ == "conj"
            and c.i > t.i
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in _SUBJ + ("expl", "nsubjpass") for g in c.children)
            and not any(g.dep_ == "mark" for g in c.children)  # "… and that B"
            and ctx.quote_around(c.idx, c.idx + len(c)) is None
            for c in t.head.children
        )
    )


def _cut_participle(ctx: _Ctx, span: tuple[int, int], at: int) -> tuple[int, int]:
    """End reported content before a trailing participle clause outside quotes.

    In "Ode said the mayor should resign, echoing a letter …" the participle is the
    writer's framing (often a report of its own), not part of what Ode said. Only content
    that follows its cue is cut: in "The agency met the director and cited its concerns,
    officials said" the clauses before the cue are all the reported sentence.
    """
    if at > span[0]:
        return span
    doc = ctx.doc
    first = doc.char_span(span[0], span[1], alignment_mode="expand")
    if first is None:
        return span
    for t in first[1:]:
        if ctx.quote_around(t.idx, t.idx + len(t)) is not None:
            continue
        if t.tag_ == "VBG" and t.dep_ in ("advcl", "conj", "xcomp", "acl"):
            # ", echoing …" and ', “…,” pointing to …' (the comma inside the closing quote)
            if doc[t.i - 1].text == "," and t.dep_ != "acl":
                return (span[0], doc[t.i - 1].idx)
            if doc[t.i - 1].text in _QUOTE_CHARS and t.i >= 2 and doc[t.i - 2].text == ",":
                return (span[0], doc[t.i - 1].idx + len(doc[t.i - 1]))
        # "Ode said A, and she railed against B" / "Ruiz says A, but for farmers, B":
        # a clause with a subject of its own joined after the report is the writer's, not
        # part of what was said
        if _joins_clause(ctx, first, t):
            end = doc[t.i - 1] if doc[t.i - 1].text == "," else t
            return (span[0], end.idx)
        # "A said X, while others said Y": a contrasting clause with its own subject
        if (
            t.dep_ == "mark"
            and t.lower_ in lexicon().contrast_marks
            and doc[t.i - 1].text == ","
            and t.i - 1 > first.start
            and any(g.dep_ in _SUBJ + ("expl", "nsubjpass") for g in t.head.children)
        ):
            return (span[0], doc[t.i - 1].idx)
        # "… the tax, which upset the council …": a relative clause that closes the content
        # after a comma is the writer's comment on it
        # (also "…, which he said had harmed the economy": the relative pronoun fronted out of
        # the clause a relative report holds)
        rel = t.head if t.head.dep_ == "relcl" else t.head.head
        if (
            t.lower_ in ("which", "who")
            and doc[t.i - 1].text == ","
            and t.i - 1 > first.start
            and rel.dep_ == "relcl"
            and rel.right_edge.i >= first.end - 2
        ):
            return (span[0], doc[t.i - 1].idx)
        # "said the mayor was ignorant of the law and criticized her …": a second report by the
        # same source, not part of the first one's content; but an inner state joined on ("said
        # she was tired of the old parties and wanted someone new") is part of what was said
        entry = _cue_entry(t) if t.dep_ == "conj" and t.pos_ == "VERB" else None
        if (
            entry is not None
            and entry.cls in ("speech", "stance")
            and doc[t.i - 1].lower_ in ("and", "but")
            and not any(c.dep_ in _SUBJ for c in t.children)
        ):
            end = doc[t.i - 1]
            if end.i - 1 > first.start and doc[end.i - 1].text == ",":
                end = doc[end.i - 1]
            return (span[0], end.idx)
    return span


def _reported(
    ctx: _Ctx, span: tuple[int, int], at: int, src: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The content a cue at char ``at`` reports from ``span``.

    Cut before the writer's own clauses and clipped to the cue's paragraph; None when nothing is
    left or when it overlaps the source (a bad parse took the speaker into the content).
    """
    content = _clip(_cut_participle(ctx, span, at), ctx.para(at), ctx.text)
    if content is None or (src is not None and src[0] < content[1] and content[0] < src[1]):
        return None
    return content


def _passive(ctx: _Ctx, v: Token, entry: Cue) -> _Cand | None:
    """A passive stance with its agent: "the plan was criticized by Democrats".

    The passive subject is what the stance is about (the content) and the agent is the source.
    """
    if v.tag_ != "VBN" or not entry.frames & {"dobj", "dobj-oprd"}:
        return None
    if ctx.quote_around(v.idx, v.idx + len(v)) is not None:
        return None
    subj = [c for c in v.children if c.dep_ == "nsubjpass" and c.i < v.i]
    agent = [c for c in v.children if c.dep_ == "agent" and c.i > v.i]
    if not subj or not agent:
        return None
    objs = [g for g in agent[0].children if g.dep_ == "pobj"]
    if not objs or subj[0].pos_ == "PRON" and subj[0].tag_ in ("WP", "WDT"):
        return None
    src = _subtree_span(objs[0])
    cut = [
        c
        for c in objs[0].children
        if c.dep_ == "prep"
        and c.i > objs[0].i
        and c.lower_ in _OBJ_PREPS
        # "of" only before a gerund: "the governor of Texas" is one name
        and (c.lower_ != "of" or any(g.dep_ == "pcomp" for g in c.children))
    ]
    if cut and not any(c.dep_ == "prep" and c.lower_ == cut[0].lower_ for c in v.children):
        # "was accused by the council of hiding …": the parse hung the verb's "of" on the agent
        src = _tok_span(list(v.doc[objs[0].left_edge.i : cut[0].i]))
    span = _subtree_span(subj[0])
    if src is None or span is None:
        return None
    content = _clip(span, ctx.para(v.idx), ctx.text)
    if content is None:
        return None
    status, cue = _status(v, entry)
    return _Cand(
        content[0], content[1], cue, entry.lemma, status, src, objs[0], "passive", cls=entry.cls
    )


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


def _from_verbs(ctx: _Ctx) -> Iterator[_Cand]:
    for v in ctx.tokens:
        entry = _cue_entry(v)
        if entry is None or entry.frames & {"phrase", "adverb"} or _agentless_evidential(v):
            continue
        if _that_said(v):
            continue
        contents = _verb_contents(v, entry)
        if not contents:
            passive = _passive(ctx, v, entry)
            if passive is not None:
                yield passive
            continue
        around = ctx.quote_around(v.idx, v.idx + len(v))
        if around is not None:
            # a report inside a quotation ("Today, I can confirm that …"): only first-person
            # or named subjects, not the quoted person's retelling of what someone "says",
            # and only with its content inside the same quotation
            subj = _subject(v)
            if (
                entry.cls != "speech"
                or not subj
                or not (subj[0].lower_ in lexicon().first_person or subj[0].pos_ == "PROPN")
            ):
                continue
            contents = [c for c in contents if around.start <= c[0] and c[1] <= around.end]
            if not contents:
                continue
        src, head = _source(v)
        # a stance with no subject is no report; one whose subject is an "it" standing for
        # the clause ("it is hard to see …": a head but no source) stands unsourced
        if src is None and head is None and entry.cls != "speech":
            continue
        if (
            src is None
            and head is None
            and v.i > 0
            and ctx.tokens[v.i - 1].text in (",", *_QUOTE_CHARS)
        ):
            # "“…,” added a city engineer": an inverted speaker parsed as an object
            np = _np_after(v)
            if np and np[-1].dep_ in ("dobj", "nsubj", "attr", "appos", "npadvmod"):
                src, head = _edge_span(np), np[-1]
        status, cue = _status(v, entry)
        tag = _speech_tag(v) if src is not None else []
        if tag and _edge_span(tag) == src:
            # "The difference, said Ortiz, would be small": what is said goes on, after the tag
            # and any apposition on its name, with the predicate of the phrase before it
            after = max(t.right_edge.i for t in tag) + 1
            while after < len(ctx.tokens) and ctx.tokens[after].text == ",":
                after += 1
            if after < len(ctx.tokens) and ctx.tokens[after].pos_ in ("AUX", "VERB", "PART"):
                start = ctx.tokens[after].idx
                contents = [
                    (start, raw[1]) if raw[0] <= src[0] < raw[1] else raw for raw in contents
                ]
        for raw in contents:
            content = _reported(ctx, raw, v.idx, src)
            if content is None:
                continue
            yield _Cand(
                content[0], content[1], cue, entry.lemma, status, src, head, "verb", cls=entry.cls
            )


def _from_according(ctx: _Ctx) -> Iterator[_Cand]:
    doc = ctx.doc
    lex = lexicon()
    entry = lex.phrases.get("according to")
    if entry is None:
        return
    for t in ctx.tokens:
        if t.lower_ != "according" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        to = doc[t.i + 1]
        pobj = [c for c in to.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        src = _subtree_span(pobj[0])
        if src is None:
            continue
        para = ctx.para(t.idx)
        sent = t.sent
        s0, s1 = max(sent.start_char, para[0]), min(sent.end_char, para[1])
        before = ctx.text[s0 : t.idx].strip(' ,\n"“”')
        if len(before.split()) >= 3:
            content = (s0, t.idx)
        else:
            content = (src[1], s1)
        content = _clip(content, para, ctx.text)
        if content is None:
            continue
        yield _Cand(
            content[0],
            content[1],
            (t.idx, to.idx + len(to)),
            "according to",
            entry.status,
            src,
            pobj[0],
            "according",
        )


def _from_in_sources(ctx: _Ctx) -> Iterator[_Cand]:
    """Claims a clause takes from a poll or a view (cue "in").

    "In a new poll, the mayor leads by 9 points", "the mayor leads in the polls": the noun after
    "in" (``in_sources`` in sources.json) is the source. "In her view, the plan failed": a view
    someone holds (``in_views``) is the cue and its holder the source.
    """
    lex = lexicon()
    for t in ctx.tokens:
        if t.lower_ != "in" or t.dep_ != "prep":
            continue
        v = t.head
        if v.pos_ == "NOUN" and v.dep_ in ("dobj", "attr") and v.i < t.i:
            v = v.head  # "the mayor has a big lead in the polls": the phrase went to the object
        if v.pos_ not in ("VERB", "AUX"):
            continue
        pobj = [c for c in t.children if c.dep_ == "pobj"]
        if not pobj or pobj[0].lemma_.lower() not in lex.in_sources:
            continue
        if _cue_entry(v) is not None or ctx.quote_around(t.idx, t.idx + 1) is not None:
            continue  # "in a statement, she said …": the verb reports
        if v.dep_ == "xcomp" and v.head.i < v.i:
            v = v.head  # "the mayor continues to lead in the polls"
        if not any(c.dep_ in _SUBJ or c.dep_ in ("nsubjpass", "expl") for c in v.children):
            continue
        if any(c.dep_ == "mark" for c in v.children):
            continue  # "While he trails in the polls, …": a subordinate clause sets the scene
        if v.dep_ == "relcl" or any(c.tag_ in _WH_TAGS and c.i < v.i for c in v.children):
            # "Ruiz, who is third in the polls, …", "when he slipped in the polls": a relative
            # or wh- clause describes, like a subordinate one; it reports nothing
            continue
        n = pobj[0]
        src = _subtree_span(n)
        if src is None:
            continue
        poss = [c for c in n.children if c.dep_ == "poss"]
        head = poss[0] if poss else n
        cue, lemma = (t.idx, t.idx + len(t)), "in"
        if poss and n.lemma_.lower() in lex.in_views:
            # "in her view, …", "in the senator's opinion, …": the view names the report and
            # its holder speaks, as with the noun cue "her view that …"
            holder = _tok_span([x for x in poss[0].subtree if x.dep_ != "case"])
            if holder is not None:
                cue, lemma, src = (n.idx, n.idx + len(n)), n.lemma_.lower(), holder
        # the clause without the "in" phrase: after it when preposed, before it when trailing
        if t.i < v.i:
            rest = [x for x in v.subtree if x.i > t.right_edge.i]
        else:
            rest = [x for x in v.subtree if x.i < t.i]
        while rest and (rest[0].is_punct or rest[0].is_space):
            rest.pop(0)
        while rest and (rest[-1].is_punct or rest[-1].is_space):
            rest.pop()
        if len(rest) < 3:
            continue
        content = _clip(_edge_span(rest), ctx.para(t.idx), ctx.text)
        if content is None:
            continue
        yield _Cand(content[0], content[1], cue, lemma, "stated", src, head, "in")


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
        if n.pos_ != "NOUN":
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
        if a.pos_ != "ADJ":
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


def _from_hearsay(ctx: _Ctx, cue_verbs: set[int]) -> Iterator[_Cand]:
    doc = ctx.doc
    lex = lexicon()
    for t in ctx.tokens:
        entry = lex.adverbs.get(t.lower_)
        if entry is None or t.dep_ != "advmod":
            continue
        v = t.head
        if v.i in cue_verbs:
            continue  # "X reportedly said …": a hedge on a sourced attribution
        toks = [v]
        for c in v.children:
            if c.i == t.i and (c.i == v.left_edge.i or c.i < v.i):
                pass
            if c.dep_ in ("advcl", "conj", "cc", "punct", "mark", "relcl") and c.i > v.i:
                continue
            toks.extend(c.subtree)
        toks.sort(key=lambda x: x.i)
        # a trailing participle clause after a comma ("…, alarming residents") is the
        # writer's comment on the hearsay, not part of it
        for k in range(1, len(toks)):
            tk = toks[k]
            if tk.i > v.i and tk.pos_ == "VERB" and doc[tk.i - 1].text == ",":
                toks = toks[:k]
                break
        # the adverb itself is dropped when it opens the span ("allegedly taken …")
        while toks and (toks[0].i == t.i or toks[0].is_punct):
            toks = toks[1:]
        span = _tok_span(toks)
        if span is None:
            continue
        span = _clip(span, ctx.para(t.idx), ctx.text)
        if span is None:
            continue
        yield _Cand(
            span[0], span[1], (t.idx, t.idx + len(t)), t.lower_, entry.status, None, None, "hearsay"
        )


def _reports_itself(c: Token) -> bool:
    """Whether complement ``c`` of an evidential is a cue with content of its own.

    "The Gazette is expected to endorse the senator" is the Gazette's stance, reported on its
    own; "the report is expected to show a gain" (no finding as subject: "show" reports
    nothing by itself) is an unsourced expectation.
    """
    entry = _cue_entry(c)
    if entry is None or not _verb_contents(c, entry):
        return False
    return entry.cls == "speech" or _source(c)[0] is not None


def _from_evidentials(ctx: _Ctx) -> Iterator[_Cand]:
    """Unsourced appearance and expectation: "X is expected to …", "X seemed ready to …"."""
    lex = lexicon()
    for v in ctx.tokens:
        entry = lex.evidentials.get(_lemma(v)) if v.pos_ in ("VERB", "AUX") else None
        if entry is None:
            continue
        comps = _evidential_comps(v, entry)
        if not comps or any(_reports_itself(c) for c in comps):
            continue
        span = _clip(_subtree_span(comps[0]) or (0, 0), ctx.para(v.idx), ctx.text)
        if span is None or span[1] - span[0] < 2:
            continue
        # what is expected or appears is the whole clause: "[The ceasefire] appeared [to hold]"
        subj = [
            c
            for c in v.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i and c.lower_ not in ("it", "there")
        ]
        if subj:
            first = _subtree_span(subj[0])
            if first is not None and first[0] < span[0]:
                span = (first[0], span[1])
        status, cue = _status(v, entry)
        if comps[0].dep_ == "prep" and comps[0].i == v.i + 1:
            # "is seen as", "were accused of": the preposition belongs to the cue phrase
            cue = (cue[0], comps[0].idx + len(comps[0]))
        yield _Cand(
            span[0], span[1], cue, entry.lemma, status, None, None, "hearsay", cls="evidential"
        )


def _speech_verb_near(ctx: _Ctx, toks: list[Token]) -> Token | None:
    for t in toks:
        entry = _cue_entry(t)
        if entry is not None and entry.cls == "speech" and "phrase" not in entry.frames:
            return t
    return None


def _last_inside(ctx: _Ctx, q: Quote) -> str:
    """The last character inside quote ``q`` before its closing marks ("" if none)."""
    return ctx.text[q.start : q.end].rstrip("".join(_QUOTE_CHARS) + " '")[-1:]


def _introduces_next(ctx: _Ctx, q: Quote, v: Token) -> bool:
    """Whether speech verb ``v`` after quote ``q`` introduces the next quote, not ``q``.

    In 'The mayor asked, “Why now?” The senator answered, “Because it is time.”' the first
    quotation ends its sentence and "answered," leads into the second one; in '“We will
    win,” she said, “and soon.”' the cue is the first quotation's.
    """
    if _last_inside(ctx, q) not in tuple(".?!"):
        return False
    doc = ctx.doc
    k = v.i + 1
    while k < len(doc) and k <= v.i + 3 and doc[k].text not in (",", ":"):
        if doc[k].is_punct:
            return False  # "… ?” Sanders replied. “…": the verb ends its sentence
        k += 1
    if k >= len(doc) or doc[k].text not in (",", ":") or k + 1 >= len(doc):
        return False
    nxt = doc[k + 1]
    return ctx.quote_around(nxt.idx, nxt.idx + len(nxt)) is not None and nxt.idx > q.end


def _reports_after(ctx: _Ctx, q: Quote, v: Token) -> bool:
    """Whether speech verb ``v`` after quote ``q`` reports its own clause, not ``q``.

    In '“We will rebuild.” The mayor said the dam would cost more.' the quotation ends its
    sentence and the next one reports what follows its verb; in '“We will rebuild,” the mayor
    said.' the verb has nothing of its own and the quotation is what it reports.
    """
    if _last_inside(ctx, q) not in _SENTENCE_ENDS:
        return False
    # an object pronoun ("The mayor said it twice.") points back at the quotation
    return any(c.dep_ in _OWN_CLAUSES and c.i > v.i and c.pos_ != "PRON" for c in v.children)


def _from_quotes(ctx: _Ctx, covered: list[_Cand]) -> Iterator[_Cand]:
    """Quotes no clause covered: cue next to them, else nothing (continuations come later)."""
    doc = ctx.doc
    starts = ctx.starts
    for q in ctx.quotes:
        # a report whose cue lies inside the quote ("“If she still cannot say it, she should
        # go,” he said") is part of what is quoted: it does not cover the quote
        if any(
            c.start < q.end and q.start < c.end and not (c.cue and q.start <= c.cue[0] < q.end)
            for c in covered
        ):
            continue
        para = ctx.para(q.start)
        # after: "“…,” he said" / "“…,” said Rutte"
        i = bisect.bisect_left(starts, q.end)
        after: list[Token] = []
        while i < len(doc) and len(after) < _MAX_GAP:
            t = doc[i]
            if t.idx >= para[1] or t.text in (".", "!", "?") or t.text in _QUOTE_CHARS:
                break
            after.append(t)
            i += 1
        if after and after[0].text in _DASHES:
            name = _name_after(after[1:])
            if name is not None:
                # "“…” — Jane Doe": a quote signed with a dash
                dash = (after[0].idx, after[0].idx + len(after[0]))
                src = _edge_span(name)
                yield _Cand(q.start, q.end, dash, "—", "stated", src, name[-1], "quote")
                continue
        v = _speech_verb_near(ctx, after)
        if v is not None and (_introduces_next(ctx, q, v) or _reports_after(ctx, q, v)):
            v = None
        if v is None:
            # before: "X said: “…”" / "X said, “…”"
            j = bisect.bisect_left(starts, q.start) - 1
            if j >= 0 and doc[j].text in (":", ",") or (j >= 0 and _cue_entry(doc[j])):
                before: list[Token] = []
                while j >= 0 and len(before) < _MAX_GAP:
                    t = doc[j]
                    if t.idx < para[0] or t.text in (".", "!", "?") or t.text in _QUOTE_CHARS:
                        break
                    before.append(t)
                    j -= 1
                v = _speech_verb_near(ctx, before)
        if v is None:
            # "More from the auditor Lena Park: “…”", "From the report: “…”": a quote
            # introduced by a colon after the one who says it
            k = bisect.bisect_left(starts, q.start) - 1
            named = _colon_speaker(ctx, k) if k >= 0 and doc[k].text == ":" else None
            if named is not None:
                colon = (doc[k].idx, doc[k].idx + 1)
                src = _edge_span(named)
                yield _Cand(q.start, q.end, colon, ":", "stated", src, named[-1], "quote")
            continue
        entry = _cue_entry(v)
        assert entry is not None
        src, head = _source(v)
        if src is not None and src[0] < q.end and q.start < src[1]:
            # the parse took a word of the quote for the subject: use another subject outside
            # the quote ("“Good evening,” the host says"), the name between the quote and the
            # cue ("“…,” Representative Jane Doe, told VOA") or a second subject after the cue
            # ("“…,” said Maria Ortiz, who …")
            outside = [
                c
                for c in v.children
                if c.dep_ in _SUBJ and not (q.start <= c.idx < q.end) and c.i < v.i
            ]
            between = [t for t in after if t.i < v.i and not t.is_punct]
            name = [outside[0].left_edge, outside[0]] if outside else []
            name = name or (_adjacent_name(v) if between else [])
            name = name or _name_after(between) or []
            src, head = (_edge_span(name), name[-1]) if name else (None, None)
            late = [c for c in v.children if c.dep_ in _SUBJ and c.i > v.i]
            if src is None and late:
                src, head = _tok_span(list(late[0].subtree)), late[0]
        if src is None and after and v.i == after[0].i + (after[0].is_punct and len(after) > 1):
            # "“…,” tweeted ministry spokesman Omar Haddad": an inverted speaker the parse took
            # for an object or a modifier
            np = _np_after(v)
            if np:
                src, head = _edge_span(np), np[-1]
        status, cue = _status(v, entry)
        yield _Cand(q.start, q.end, cue, entry.lemma, status, src, head, "quote")


def _np_after(v: Token) -> list[Token]:
    """The noun phrase right after ``v`` ("a city engineer"), up to its last noun."""
    doc = v.doc
    toks: list[Token] = []
    for t in doc[v.i + 1 : v.i + 10]:
        if t.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM") or (toks and t.text in (".", "-")):
            toks.append(t)
        else:
            break
    while toks and toks[-1].pos_ not in ("PROPN", "NOUN"):
        toks.pop()
    return toks


def _colon_speaker(ctx: _Ctx, colon: int) -> list[Token] | None:
    """Who speaks in a quote introduced by the colon at token ``colon``, if anyone is named.

    The nearest person or organisation before the colon in its sentence (a few words back), or
    a report or group noun right before it ("From the report:").
    """
    doc = ctx.doc
    sent_start = doc[colon].sent.start
    lex = lexicon()
    for k in range(colon - 1, max(sent_start, colon - 12) - 1, -1):
        t = doc[k]
        if t.ent_type_ in ("PERSON", "ORG") and t.ent_iob_ in ("B", "I"):
            end = k
            start = k
            while start - 1 >= sent_start and doc[start - 1].ent_iob_ == "I":
                start -= 1
            if doc[start].ent_iob_ == "I" and start - 1 >= sent_start:
                start -= 1
            return [doc[start], doc[end]]
        if t.pos_ in ("VERB", "AUX") or t.text in (".", "!", "?", ";"):
            return None
    for k in range(colon - 1, max(sent_start, colon - 4) - 1, -1):
        t = doc[k]
        if t.pos_ == "NOUN" and t.lower_ in (lex.document | lex.group):
            return [doc[t.left_edge.i], t]
    return None


def _name_after(toks: list[Token]) -> list[Token] | None:
    """The proper name that ``toks`` start with, if any."""
    name: list[Token] = []
    for t in toks:
        if t.pos_ == "PROPN" or (name and t.text in (".", "-")):
            name.append(t)
        else:
            break
    while name and name[-1].pos_ != "PROPN":
        name.pop()
    return name or None


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
        if t.text != ":" or t.i == 0:
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


# --- assembly -----------------------------------------------------------------------------


def _widen(c: _Cand, ctx: _Ctx) -> None:
    """Widen content to the quotes it cuts through; set kind."""
    text = ctx.text
    inner = ctx.quote_around(c.start, c.end)
    cue_in = c.cue is not None and ctx.quote_around(c.cue[0], c.cue[1]) is inner
    if inner is not None and cue_in and (inner.start, inner.end) != (c.start, c.end):
        if c.start > inner.start + 1 or c.end < inner.end - 2:
            # strictly inside a quotation: a nested report ("I can confirm that …")
            c.inside_quote = True
            c.kind = "indirect"
            return
    lo, hi = c.start, c.end
    for q in ctx.quotes:
        if q.start < hi and lo < q.end:
            lo, hi = min(lo, q.start), max(hi, q.end)
    c.start, c.end = lo, hi
    inside = [q for q in ctx.quotes if lo <= q.start and q.end <= hi]
    if not inside:
        c.kind = "indirect"
        return
    outside = text[lo:hi]
    for q in reversed(inside):
        outside = outside[: q.start - lo] + outside[q.end - lo :]
    if any(ch.isalnum() for ch in outside):
        c.kind = "mixed"
    else:
        c.kind = "direct"
        c.start, c.end = inside[0].start, inside[-1].end


def _continuations(ctx: _Ctx, cands: list[_Cand]) -> Iterator[_Cand]:
    """Quote paragraphs/sentences with no cue that go on from a quoted attribution."""
    tops = sorted((c for c in cands if not c.inside_quote), key=lambda c: c.start)
    text = ctx.text
    made: list[_Cand] = []
    for q in ctx.quotes:
        # a report whose cue lies inside the quote ("“… I said it would fail.”") is part of
        # what is quoted: the quote still goes on from the one before
        if any(
            c.start < q.end and q.start < c.end and not (c.cue and q.start <= c.cue[0] < q.end)
            for c in cands
        ):
            continue
        para = ctx.para(q.start)
        prev_char = text[: q.start].rstrip()[-1:] if q.start > para[0] else "\n"
        if q.start > para[0] and prev_char not in '.!?”"':
            continue
        pool = [c for c in tops + made if c.end <= q.start]
        if not pool:
            continue
        last = max(pool, key=lambda c: c.end)
        if last.kind not in ("direct", "mixed") or last.speaker is None:
            continue
        # nothing but the reporting sentence between the last quote and this one
        gap_from = last.end
        if last.cue is not None:
            gap_from = max(gap_from, last.cue[1])
        gap = text[gap_from : q.start]
        if (
            len(gap) > 200
            or "\n" in gap.strip()
            or any(ch in gap for ch in ".!?")
            and (gap.count("\n") > 1 or _sentences(gap) > 1)
        ):
            continue
        c = _Cand(
            q.start,
            q.end,
            None,
            None,
            last.status if last.status != "confirmed" else "stated",
            None,
            None,
            "continuation",
            kind="direct",
        )
        c.speaker = Speaker(last.speaker.id, last.speaker.name, last.speaker.kind, "continuation")
        made.append(c)
        yield c


def _asks_addressee(c: _Cand) -> bool:
    """Whether ``c`` is a question put to "you" ("Do you support the mayor?").

    A question asks what the addressee holds; it reports no claim or stance of theirs (nor of
    the one who asks: the question itself is what they said, reported by its own cue).
    """
    h = c.source_head
    if h is None or c.cue is None or h.lower_ != "you":
        return False
    return h.sent.text.rstrip().rstrip("”’\"'").endswith("?")


def _in_markup(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside an angle-bracket tag (``<tweet author="…">``) on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    lt = text.rfind("<", line_start, pos)
    if lt < 0 or text.rfind(">", line_start, pos) > lt:
        return False
    line_end = text.find("\n", pos)
    return text.find(">", pos, line_end if line_end >= 0 else len(text)) >= 0


def _sentences(gap: str) -> int:
    return sum(
        1 for i, ch in enumerate(gap) if ch in ".!?" and (i + 1 == len(gap) or gap[i + 1].isspace())
    )


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


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """One attribution per cue, and none that repeats another's content and cue region."""
    out: list[_Cand] = []
    cues: set[tuple[int, int]] = set()
    for c in cands:
        if c.cue is not None and c.cue in cues and c.rule not in ("quote", "verb"):
            continue
        if any(o.start == c.start and o.end == c.end for o in out):
            continue
        # a clause whose content holds another candidate's cue and content entirely is the
        # outer report; keep both (nesting) unless they share the very same content
        out.append(c)
        if c.cue is not None:
            cues.add(c.cue)
    return out


def _drop_cue_parts(cands: list[_Cand]) -> list[_Cand]:
    """Drop reports whose cue is part of another's cue phrase and whose content holds it.

    "issued" in "issued a statement saying …" belongs to the cue phrase of "saying", whose
    report it is: not a report of its own (whose content would be "a statement saying …").
    """
    return [
        c
        for c in cands
        if not (
            c.cue
            and any(
                o is not c
                and o.cue
                and o.cue != c.cue
                and o.cue[0] <= c.cue[0]
                and c.cue[1] <= o.cue[1]
                and c.start < o.cue[1]
                and o.cue[0] < c.end
                for o in cands
            )
        )
    ]


def _label_speakers(doc: Doc, cands: list[_Cand]) -> set[int]:
    """Indexes of "Label: …" candidates over a line that is itself a sourced report.

    "The Latest: Mayor says the river is clean": the label names no speaker of its own (but a
    person's transcript line may retell what others said: "RUIZ: Ben said no"). ``cands`` must
    be nested (``within`` set).
    """
    return {
        c.within
        for c in cands
        if c.within is not None
        and c.source is not None
        and cands[c.within].rule == "colon"
        and cands[c.within].start == c.source[0]
        and c.source_head is not None
        and c.source_head.pos_ != "PRON"
        and not any(
            t.ent_type_ == "PERSON"
            for t in doc.char_span(*cands[c.within].source, alignment_mode="expand") or []
        )
    }


def _nest(cands: list[_Cand]) -> None:
    """Set ``within`` to the smallest other attribution whose content contains this one."""
    for i, c in enumerate(cands):
        best = None
        for j, o in enumerate(cands):
            if i == j or not (o.start <= c.start and c.end <= o.end):
                continue
            if (o.start, o.end) == (c.start, c.end):
                continue
            if c.cue is not None and not (o.start <= c.cue[0] < o.end):
                continue
            if best is None or (o.end - o.start) < (cands[best].end - cands[best].start):
                best = j
        c.within = best
