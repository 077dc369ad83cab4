"""Attributions found from verbs and the phrases that stand for them.

* :func:`_from_verbs`: a cue verb with its content (:mod:`.content`), source (:mod:`.sources`)
  and status (:mod:`.status`); inside a quotation only first-person or named speech reports
  count ("Today, I can confirm that …"), with their content in the same quotation; an inverted
  speaker parsed as an object ("“…,” added a city engineer") is the source; in a speech tag set
  off by commas ("The difference, said Ortiz, would be small") the content goes on after the tag.
* :func:`_passive`: a passive stance with its "by" agent ("the plan was criticized by
  Democrats": the agent is the source, the subject the content).
* :func:`_from_according`: "according to X" (content: the clause before it, else after it).
* :func:`_from_in_sources`: a poll or view after "in" ("In a new poll, the mayor leads", "in
  her view, …"; ``in_sources``/``in_views`` in ``sources.json``); not in scene-setting or
  relative clauses.
* :func:`_from_hearsay`: hearsay adverbs with no source ("reportedly", "allegedly": kind
  ``unsourced``).
* :func:`_from_evidentials`: the writer's unattributed expectation or appearance ("the merger
  is expected to close", "the ceasefire appeared to hold", "is said to have fled"), whose
  content is the whole clause, cue included.

The conventions are those of docs/records.md, "How newsledger reads the attribution fields".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.strings import get_string_id
from spacy.tokens import Token

from newsledger.extract.attribution.base import (
    _OBJ_PREPS,
    _QUOTE_CHARS,
    _SUBJ,
    _Cand,
    _clip,
    _Ctx,
    _edge_span,
    _subtree_span,
    _tok_span,
)
from newsledger.extract.attribution.content import _reported, _verb_contents
from newsledger.extract.attribution.cues import (
    _VERBAL,
    _agentless_evidential,
    _cue_entry,
    _evidential_comps,
    _lemma,
    _that_said,
)
from newsledger.extract.attribution.lexicon import Cue, lexicon
from newsledger.extract.attribution.sources import _np_after, _source, _speech_tag, _subject
from newsledger.extract.attribution.status import _status

_WH_TAGS = frozenset({"WRB", "WDT", "WP", "WP$"})  # who, which, where, when, whose
# The passes below visit every token of the article: they compare its lower-case form and part
# of speech as ids (``Token.lower``, ``Token.pos``) first, and read strings only for the few
# tokens that pass.
_ACCORDING = get_string_id("according")


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
        if t.lower != _ACCORDING or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
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


def _from_hearsay(ctx: _Ctx, cue_verbs: set[int]) -> Iterator[_Cand]:
    doc = ctx.doc
    lex = lexicon()
    for t in ctx.tokens:
        if t.lower not in lex.adverb_ids:
            continue
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
        entry = lex.evidentials.get(_lemma(v)) if v.pos in _VERBAL else None
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
