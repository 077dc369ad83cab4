"""Content spans: what a cue verb reports, and where the writer's own words start again.

The complements a cue's frames allow (:func:`_complements`): a that-clause (``ccomp``; also one
the parse hung on a phrase after the cue, "said on Friday during a news conference that …":
:func:`_clause_in_phrase`, :func:`_that_clause_astray`), a to-infinitive ("vowed to respond"),
an object with its predicate ("cited the report", "called the plan a disaster", "accused X of
Y"), a prepositional object ("called for talks"), an "if" clause of a question verb, a yes or
no, or, for an "as" clause ("As the Courier reported, …"), the clause it comments on. Not
content: the writer's gloss ("…, referring to Vladimir Putin"), topics and actions ("met to
discuss X"), depictions ("the video showed soldiers"), a bare pronoun object ("said it").

:func:`_verb_contents` turns complements into spans, including a reporting clause set off from
its content ("<content>, Nato has confirmed", "But to prevent problems, he said, officials
should be vigilant"; a subordinate clause after the set-off clause is circumstance).
:func:`_reported` then ends the content where the writer's comment starts
(:func:`_cut_participle`): a non-restrictive relative clause closing it, a contrasting ", while
…" clause, a trailing participle, a clause with its own subject, a second speech act or stance
joined on (an inner state joined on stays in); content before its cue is not cut. Content is
clipped to the cue's paragraph and never overlaps the source.

The conventions are those of docs/records.md, "How newsledger reads the attribution fields".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsledger.extract import doc_text, doc_tokens
from newsledger.extract.attribution.base import (
    _ASTRAY_MAX,
    _LEAD_MARKS,
    _OBJ_PREPS,
    _QUOTE_CHARS,
    _SETTING_PREPS,
    _SUBJ,
    _clip,
    _Ctx,
    _tok_span,
)
from newsledger.extract.attribution.cues import _cue_entry, _light_object, _mark_after, _phrase_word
from newsledger.extract.attribution.lexicon import Cue, lexicon
from newsledger.extract.attribution.sources import _subject

# children of a cue verb that belong to its reporting clause ("officials have not yet said")
_REPORTING_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod"})


# complements a verb in an 'as' clause has when the clause is about time or manner, not a
# comment on the rest of the sentence ("as she urged them to act", "as he was named the winner")
_AS_GAP = frozenset({"dobj", "xcomp", "ccomp", "oprd", "attr", "dative", "nsubjpass", "acomp"})


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


# how a "that" clause may hang inside a phrase that follows its cue ("said during a news
# conference that …", "told the crowd at her rally that …"), and how far from the cue
_ASTRAY_DEPS = frozenset({"prep", "pobj", "pcomp", "advcl", "npadvmod", "relcl", "acl"})


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


def _ends_clause(v: Token) -> bool:
    """Whether nothing but punctuation follows the verb's phrase before the sentence ends."""
    doc = v.doc
    i = v.right_edge.i + 1
    if i >= len(doc):
        return True
    t = doc[i]
    return t.is_punct or t.is_space or t.is_sent_start


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
    toks = doc_tokens(doc)  # the Doc's cached tokens: ``doc[k]`` makes a new Token each time
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
                (toks[k].is_punct and toks[k].text not in (";", ":"))
                or toks[k].text in _QUOTE_CHARS
                or k in chain
                for k in range(c.right_edge.i + 1, v.i)
            )
        ]
        after = [c for c in comps if c.left_edge.i > v.i]
        second = _phrase_word(v, entry)
        spans = []
        for c in comps:
            # only a clause after the cue has a word fronted before it, and a clause whose
            # subtree opens after the cue has none: its subtree is not walked
            if c.i <= v.i or c.left_edge.i >= v.i:
                continue
            fronted = [t for t in c.subtree if t.i < v.i]
            if fronted and all(t.tag_ in ("WDT", "WP") or t.lower_ == "that" for t in fronted):
                # "a rule which officials said will take effect in May", "growth that he said
                # improved the economy": the relative pronoun fronted out of the reported clause
                # is its subject; the content is what follows the cue
                hi = c.right_edge.i
                if v.dep_ == "relcl" and toks[fronted[0].i - 1].text == ",":
                    # "The measure, which critics said was unfair, passed": the relative
                    # clause ends at its closing comma (the parse may run on past it)
                    hi = next((k - 1 for k in range(v.i + 1, hi + 1) if toks[k].text == ","), hi)
                span = _tok_span(toks[v.i + 1 : hi + 1])
                return [span] if span is not None else []
        for group in (before, after):
            if group:
                lo = min(c.left_edge.i for c in group)
                hi = max(c.right_edge.i for c in group)
                if second is not None and lo <= second.i < hi:
                    lo = second.i + 1  # the cue's own second word ("called for")
                span = _tok_span(toks[lo : hi + 1])
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
    if left == 0 or toks[left - 1].text not in (",", *_QUOTE_CHARS):
        return []
    if toks[left - 1].text == ",":
        left -= 1
    h = v.head
    lo, hi = h.left_edge.i, h.right_edge.i
    while h.dep_ != "ROOT" and h.head != h and (h.head.i < v.i or v.dep_ == "parataxis"):
        h = h.head
        lo, hi = min(lo, h.left_edge.i), max(hi, h.right_edge.i)
    first = _tok_span(toks[lo:left])
    if _ends_clause(v) and v.head.i < v.i:
        return [first] if first else []
    right = v.right_edge.i
    if toks[right].text != ",":
        right += 1
        if right >= len(doc) or toks[right].text != ",":
            return []
    second = _tok_span(toks[right + 1 : hi + 1])
    pieces = [p for p in (first, second) if p is not None]
    quoted = [p for p in pieces if doc_text(doc)[p[0]] in _QUOTE_CHARS]
    if len(pieces) == 2 and len(quoted) == 1:
        # "He said he had not seen it, and when asked, he said, ''I hope not.''": the quotation
        # is what this cue reports
        return quoted
    lead = toks[right + 1] if right + 1 < len(doc) else None
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
    toks = ctx.tokens  # the Doc's cached tokens: ``doc[k]`` makes a new Token each time
    for t in toks[first.start + 1 : first.end]:
        if ctx.quote_around(t.idx, t.idx + len(t)) is not None:
            continue
        if t.tag_ == "VBG" and t.dep_ in ("advcl", "conj", "xcomp", "acl"):
            # ", echoing …" and ', “…,” pointing to …' (the comma inside the closing quote)
            if toks[t.i - 1].text == "," and t.dep_ != "acl":
                return (span[0], toks[t.i - 1].idx)
            if toks[t.i - 1].text in _QUOTE_CHARS and t.i >= 2 and toks[t.i - 2].text == ",":
                return (span[0], toks[t.i - 1].idx + len(toks[t.i - 1]))
        # "Ode said A, and she railed against B" / "Ruiz says A, but for farmers, B":
        # a clause with a subject of its own joined after the report is the writer's, not
        # part of what was said
        if _joins_clause(ctx, first, t):
            end = toks[t.i - 1] if toks[t.i - 1].text == "," else t
            return (span[0], end.idx)
        # "A said X, while others said Y": a contrasting clause with its own subject
        if (
            t.dep_ == "mark"
            and t.lower_ in lexicon().contrast_marks
            and toks[t.i - 1].text == ","
            and t.i - 1 > first.start
            and any(g.dep_ in _SUBJ + ("expl", "nsubjpass") for g in t.head.children)
        ):
            return (span[0], toks[t.i - 1].idx)
        # "… the tax, which upset the council …": a relative clause that closes the content
        # after a comma is the writer's comment on it
        # (also "…, which he said had harmed the economy": the relative pronoun fronted out of
        # the clause a relative report holds)
        rel = t.head if t.head.dep_ == "relcl" else t.head.head
        if (
            t.lower_ in ("which", "who")
            and toks[t.i - 1].text == ","
            and t.i - 1 > first.start
            and rel.dep_ == "relcl"
            and rel.right_edge.i >= first.end - 2
        ):
            return (span[0], toks[t.i - 1].idx)
        # "said the mayor was ignorant of the law and criticized her …": a second report by the
        # same source, not part of the first one's content; but an inner state joined on ("said
        # she was tired of the old parties and wanted someone new") is part of what was said
        entry = _cue_entry(t) if t.dep_ == "conj" and t.pos_ == "VERB" else None
        if (
            entry is not None
            and entry.cls in ("speech", "stance")
            and toks[t.i - 1].lower_ in ("and", "but")
            and not any(c.dep_ in _SUBJ for c in t.children)
        ):
            end = toks[t.i - 1]
            if end.i - 1 > first.start and toks[end.i - 1].text == ",":
                end = toks[end.i - 1]
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
