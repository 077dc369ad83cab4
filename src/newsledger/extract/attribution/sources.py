"""Sources: the mention in the sentence that names who speaks.

:func:`_source` gives the source span and its head token for a cue verb, in this order:

* the doer named before a to-infinitive ("it is hard for him to say …": :func:`_infinitive_doer`)
  and the "by" agent of a passive speech cue ("Asked by a reporter whether …": :func:`_agent`);
* the subject, climbing through control, coordination and participles (:func:`_subject`):
  "appeared to show", "…, saying that …", "X was quoted as saying …"; a statement, memo, ad or
  event speaks for whoever issued or held it ("X released a statement saying …", "opened a rally
  blasting …"); a participle set off by a comma goes with the subject of the clause it follows,
  or with the reporter when it follows a reported clause ("She said her brother backs the levy,
  adding …");
* a speech tag set in a sentence by commas ("The plan, said Tom Ortiz, an analyst, would fail":
  :func:`_speech_tag`);
* repairs for parses that lose the subject: a name right before the verb, a subject hung on a
  preposed phrase or buried in a clause before the verb, a share of people ("About 4 in 10
  say …").

An "it" that only stands for a clause names nobody ("It is hard to see how …", "It's been
reported that …": :func:`_expletive_it`); a relative pronoun is the source mention (its
antecedent becomes the speaker in :mod:`.speakers`), except on an ad or text its verb's subject
puts out. A subject never reaches over its verb or across a paragraph break. Who speaks in a quote
introduced by a colon, or after an inverted cue, is found by :func:`_colon_speaker`,
:func:`_name_after` and :func:`_np_after`. Speakers (canonical actors) are resolved from these
mentions by :mod:`.speakers`.

The conventions are those of docs/records.md, "How newsledger reads the attribution fields".
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.extract import doc_text, doc_tokens
from newsledger.extract.attribution.base import (
    _DASHES,
    _QUOTE_CHARS,
    _SUBJ,
    _WHEN,
    _Ctx,
    _edge_span,
    _subtree_span,
    _tok_span,
)
from newsledger.extract.attribution.cues import _cue_entry, _lemma, _to_infinitive
from newsledger.extract.attribution.lexicon import lexicon

_PLACE_PREPS = frozenset({"in", "at", "on", "from", "to", "near"})
_RULE_CHARS = frozenset("_-–—*=~#")
_WHO = frozenset({"PERSON", "ORG", "NORP"})  # entity types of names that can speak


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
    toks = doc_tokens(doc)  # the Doc's cached tokens: ``doc[k]`` makes a new Token each time
    for k in range(hi, lo, -1):
        if "\n" in toks[k - 1].whitespace_ or "\n" in toks[k - 1].text:
            lo = k
            break
    return _tok_span(toks[lo : hi + 1]), subs[0]


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
