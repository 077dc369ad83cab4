"""Whole-article precision of the event extractor: which found events an event coder keeps.

An event coder (PLOVER manual) codes an act by a political actor that happened. The trigger
layers of :mod:`newsledger.extract.events` find every predicate that *could* be an event; the
rules here drop those that are not one in context. Each rule names the labelled sample slices
it was written from (``tests/gold/events/sample.json``, rules in ``tests/gold/README.md``);
word lists live in ``data/events/precision.json``. Where is the rule that ...

* … drops negated, hypothetical, idiomatic, denied, anecdotal events, or a bare dictionary
  verb without a dyad? :func:`coder_keeps` (rules 1-6);
* … drops what a belief, a request, a question, law-making or commentary frames?
  ``_framed_as_event`` (7-10);
* … drops purpose clauses, the habitual present, media routine, if-clauses, other senses?
  ``_reported_as_done`` (11-14);
* … drops a disposition or a prospect ("interested in", "the possibility of")?
  ``_more_than_prospect`` (15);
* … drops a standing state or an activity in general (a present passive, a gerund subject,
  "restrictions imposed by")? ``_standing_state`` (16-18);
* … drops a generalisation ("often", "extensively", "once")? ``_generic`` (19); an opinion of a
  statement ("agreed with the remark")? :func:`coder_keeps` (rule 4).
* … drops a prevented act ("barred girls from attending"), a metaphor ("trade war"), another
  sense given by the syntax ("was struck by", "demonstrate that", "friendly and accepting"),
  an assertion ("insists it is committed"), a struggle in general ("fighting for freedom")?
  ``_other_reading`` (20-23); the content of "told X to ..."? ``_framed_as_event`` (7).
* … drops a pending act ("has yet to endorse"), an allegation's content ("allegedly"), a
  counterfactual ("a worthy opposition would demand")? :func:`coder_keeps` (rounds 4-5:
  ``pending_adverbs``, ``allegation_adverbs``, ``_counterfactual``); a stance in the present
  ("she opposes"), a refusal to comment, an open question ("whether to endorse")?
  ``_reported_as_done``; defending one's own vote? :func:`coder_keeps` (``defence_verbs``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from newsledger.extract import doc_text, doc_tokens
from newsledger.extract.event_args import aux_children
from newsledger.extract.event_lexicon import (
    first_child,
    lexicon,
    match_noun,
    sector_of,
    undergoes,
)

if TYPE_CHECKING:
    from newsledger.extract.events import _Cand


# --------------------------------------------------------------------------- precision


def coder_keeps(c: _Cand) -> bool:
    """Whether an event coder keeps the event (whole-article precision; precision.json).

    Rules, in order (each from the labelled sample, ``tests/gold/README.md``):

    1. a negated event that was not read as a refusal ("China has never/seldom condemned",
       "did not invite", "no country has recognized") did not happen;
    2. a hypothetical did not happen: could/might/may/can (except a threat), should/must
       (except a demand), an "if" clause (except a demand, a threat or an intent, AGREE),
       "easy to get out", "the need to protect", "instead of calling for", "without asking",
       the purpose of an unreal act ("would support a deal to hand over control"), a future
       investigation ("the commission will investigate"), a generic "when" clause ("when
       they're convicted", "when seeking employment");
    3. idioms ("when it comes to", "as opposed to", "ripped off") are no events, nor verbs
       such as "demonstrate" with a thing as object ("to demonstrate naval strength");
    4. rejecting or denying a claim ("rejected the allegations", "dismissed concerns",
       "deny providing sanctuary") is a public statement (CAMEO 01), not a refusal;
    5. a first-person singular actor ("It's better I die here") is a person's own doings
       (unless the act is verbal: "I urge the Taliban to ..." is the speaker's demand), a
       bare pronoun subject that no named actor resolves ("they refused to enroll them") an
       anecdote, and so is a generic subject ("people are discussing"); a verb whose subject
       follows it is a speech tag ("'...,' agreed Polat Sayim"); a wish ("wants to strengthen
       ties") and what a text says ("this law allows") are no acts;
    6. a plain verb matched by the dictionary layer only (no hand entry, no object or
       preposition pattern) needs a named actor and a recipient: CAMEO verb groups are broad
       ("affect", "head", "conduct"), and a dyad is what makes a verb an interaction.
    """
    rules = lexicon().precision
    mod_words = lexicon().modality
    p = c.trig.head
    lemma = p.lemma_.lower()
    chain = [p] + ([p.head] if p.dep_ in ("xcomp", "conj") and p.head.i != p.i else [])
    # 1 negation
    if c.aux == "negated" and c.event != "REJECT":
        return False
    if c.aux == "negated" and lemma in rules["negated_openings"]:
        return False  # "did not rule out foreign involvement": speculation, no refusal
    for t in chain:
        if any(ch.dep_ == "advmod" and ch.lower_ in rules["rare_adverbs"] for ch in t.children):
            return False
    if p.dep_ == "xcomp" and p.head.lemma_ in ("have", "be"):
        pending = rules["pending_adverbs"]
        if any(ch.dep_ == "advmod" and ch.lower_ in pending for ch in p.head.children):
            return False  # "has yet to endorse", "is yet to apologize": not happened
    if any(ch.dep_ == "advmod" and ch.lower_ in rules["allegation_adverbs"] for ch in p.children):
        return False  # "who allegedly assaulted a reporter": the content of an allegation
    subj = first_child(p, "nsubj", "nsubjpass")
    if subj is None and p.dep_ == "conj":
        # "this law is directed at ..., and allows"
        subj = first_child(p.head, "nsubj", "nsubjpass")
    if subj is not None and any(
        d.dep_ == "det" and d.lower_ in rules["no_dets"] for d in subj.children
    ):
        return False
    if c.trig.noun is not None and any(
        d.dep_ == "det" and d.lower_ in rules["no_dets"] for d in c.trig.noun.children
    ):
        return False  # "have had no observable discussion about the ship"
    # 2 hypotheticals
    modals = {a for t in chain for a in aux_children(t)}
    if c.aux == "hypothetical" and c.event not in rules["keep_hypothetical"]:
        if not (c.event == "REQUEST" and modals & rules["demand_modals"]):
            return False
    if c.conditional and c.event not in rules["keep_conditional"]:
        return False
    if c.event not in rules["keep_hypothetical"] and _counterfactual(p, rules):
        return False  # "a worthy opposition would demand", "my plan would lift the cap"
    if p.dep_ in ("xcomp", "acl", "relcl") and p.head.lemma_.lower() in (
        rules["hypothetical_adjectives"] | rules["intent_nouns"]
    ):
        return False
    if p.dep_ == "pcomp" and (
        p.head.lower_ in rules["unreal_preps"]
        or any(ch.lower_ in rules["unreal_preps"] for ch in p.head.children)
    ):
        return False  # "without asking us", "instead of calling for"
    unreal = mod_words["future_aux"] | mod_words["conditional_aux"] | mod_words["hypothetical_aux"]
    if p.dep_ == "advcl" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in p.children):
        if set(aux_children(p.head)) & unreal:
            return False  # the purpose of an unreal act ("would support a deal to hand over")
    if p.dep_ == "advcl" and any(
        ch.dep_ in ("mark", "advmod") and ch.lower_ in ("when", "whenever") for ch in p.children
    ):
        tense = [p.tag_] + [ch.tag_ for ch in p.children if ch.dep_ in ("aux", "auxpass")]
        if p.tag_ == "VBG" or any(t in ("VBP", "VBZ") for t in tense) or tense == ["VBN"]:
            return False  # "when they're convicted", "when seeking employment", "when attacked"
    if c.event == "REQUEST" and c.aux == "future" and p.lemma_.lower() in rules["future_requests"]:
        return False  # "they would continue to seek contributions": not asked yet
    if p.dep_ == "xcomp" and p.head.lemma_.lower() in rules["thwarting_verbs"]:
        return False  # "foiled a plot to seize power"
    if c.event == "ASSAULT" and lemma in rules["toll_verbs"] and subj is not None:
        if subj.lemma_.lower() in rules["toll_subjects"]:
            return False  # "the insurgency has killed more than 40,000 people": a toll
    if c.event == "ACCUSE" and c.aux == "future":
        return False  # "the commission will investigate": an investigation not yet begun
    if p.dep_ == "xcomp" and p.head.lemma_.lower() in rules["desire_verbs"]:
        return False  # "Japan wants to strengthen ties": a wish
    if subj is not None and subj.dep_ == "nsubj" and subj.lemma_.lower() in rules["thing_subjects"]:
        return False  # "this law allows the government to seize": what a text says
    # 3 idioms
    noun_prep = c.trig.noun.head.lower_ if c.trig.noun is not None else None
    for ch in p.children:
        if ch.dep_ in ("prt", "prep") and f"{lemma} {ch.lower_}" in rules["idioms"]:
            if ch.lower_ != noun_prep:  # "went on strike": the preposition carries the event
                return False
    if lemma in rules["object_guard_verbs"] and c.trig.noun is None:
        objs = [ch for ch in p.children if ch.dep_ == "dobj"]
        if objs and not any(
            o.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or sector_of(o) for o in objs
        ):
            return False  # "to demonstrate naval strength", "prevent the disease"
    # 4 denials
    if lemma in rules["denial_verbs"]:
        objs = [ch for ch in p.children if ch.dep_ in ("dobj", "nsubjpass", "xcomp", "ccomp")]
        if p.dep_ == "relcl":
            objs.append(p.head)  # "an accusation the IAEA denied"
        acts = lemma in rules["act_denial_verbs"]
        if any(
            o.pos_ in ("VERB", "AUX")
            or o.lemma_.lower() in rules["claim_objects"]
            or (acts and _denied_act(o, rules))
            for o in objs
        ):
            return False  # also denying an act ("deny any arms transfers"): a statement
    if lemma in rules["defence_verbs"]:
        objs = [ch for ch in p.children if ch.dep_ == "dobj"]
        if any(
            o.lemma_.lower() in rules["position_objects"]
            or any(d.dep_ == "poss" and d.lower_ in _OWN for d in o.children)
            for o in objs
        ):
            return False  # "defended his vote", "defends the decision": a rebuttal
    if lemma in rules["opinion_verbs"]:
        heard = [o for ch in p.children if ch.dep_ == "prep" for o in ch.children]
        if any(o.dep_ == "pobj" and o.lemma_.lower() in rules["claim_objects"] for o in heard):
            return False  # "agreed with Biden's remark": an opinion of a statement
    # 5 personal doings, speech tags
    verbal = c.event in rules["verbal_types"]  # "I urge the Taliban to ...": the speaker acts
    if not verbal and any(m.text.lower() in rules["personal_subjects"] for m in c.actors):
        return False
    if not c.actors and subj is not None and subj.pos_ == "PRON" and subj.dep_ == "nsubj":
        # "they refused to enroll them": an anecdote, nobody named (but a subject that is the
        # recipient, "it came under attack", names who was hit)
        if not (c.recipients and undergoes(c.trig)):
            return False
    if not c.actors and subj is not None and subj.lemma_.lower() in rules["generic_subjects"]:
        return False  # "people are discussing the future": nobody in particular
    if subj is not None and subj.i > p.i and c.trig.kind in ("verb", "phrasal"):
        if any(t.is_quote for t in p.doc[p.sent.start : p.i]):
            return False
    if not _framed_as_event(c, p, subj, rules):
        return False
    # 6 the dictionary's plain verbs need a dyad
    if c.trig.layer == "cameo" and c.trig.kind == "verb" and not c.trig.pattern:
        named = [m for m in c.actors if m.label not in ("PRON",) and m.text.lower() not in _PRON]
        if not named or not (c.recipients or c.recipient_sector):
            return False
    return True


_PRON = frozenset("i me we us you he him she her they them it".split())
_OWN = frozenset("my our his her its their own".split())
# the links by which a clause hangs under the verb that frames it
_FRAMED = frozenset(("xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "acl", "relcl", "conj"))


def _framed_as_event(c: _Cand, p: Token, subj: Token | None, rules: dict[str, Any]) -> bool:
    """Rules 7-10 of :func:`coder_keeps`: what frames the clause (sample slices 0 and 1).

    7. a belief, hope or expectation frames an opinion ("they believe rebels have retreated",
       "is expected to harden", "appears to be preparing to launch"); what is requested or
       alleged is the request's content ("called for the Taliban to lift the ban", "accused of
       aiding rebels"): the request or accusation is the event;
    8. a question is rhetorical ("By prohibiting the sales of dog meat, will it end?");
    9. signing, proposing or passing a law is domestic law-making, no event between actors;
       a present-tense relative clause describes ("an agency that aims to prevent");
    10. what analysts and experts do with words is commentary ("analysts are praising ECOWAS").
    """
    cur = p
    for _ in range(7):
        if cur.dep_ not in _FRAMED or cur.head.i == cur.i:
            break
        link = cur.dep_
        cur = cur.head
        lemma = cur.lemma_.lower()
        if (
            cur.pos_ == "NOUN"
            # a noun for sure: plural or determined ("media report that ..." is a verb the
            # parser took for a noun)
            and (cur.tag_ == "NNS" or any(d.dep_ in ("det", "poss") for d in cur.children))
            and link in ("acl", "ccomp")
            and lemma in rules["report_nouns"]
        ):
            return False  # "reports that troops were sent": the report's content
        if cur.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        if lemma in rules["belief_verbs"] and link in ("xcomp", "ccomp"):
            return False
        if lemma in rules["request_heads"] and link != "conj":
            return False
        if lemma in lexicon().directives and link == "xcomp":
            return False  # "told Netanyahu to halt the offensive": the demand's content
    if not _more_than_prospect(p, rules) or _generic(p, rules) or _other_reading(c, p, rules):
        return False
    span = p.sent  # its text sliced from the Doc's: Span.text makes every Token again
    sent = doc_text(p.doc)[span.start_char : span.end_char].rstrip().rstrip("\"'”’ ")
    if sent.endswith("?"):
        return False
    lemma = p.lemma_.lower()
    if lemma in rules["law_verbs"]:
        objs = [ch for ch in p.children if ch.dep_ in ("dobj", "nsubjpass")]
        if any(o.lemma_.lower() in rules["law_objects"] for o in objs):
            return False
    if p.dep_ == "relcl" and p.tag_ in ("VBZ", "VBP"):
        if not any(ch.dep_ in ("aux", "auxpass") for ch in p.children):
            return False
    if subj is not None and _commentator(subj, rules):
        return False
    return _reported_as_done(c, p, rules)


def _counterfactual(p: Token, rules: dict[str, Any]) -> bool:
    """Whether "would" makes the clause a counterfactual, not a reported intent.

    "would" under a verb of saying or announcing is the future of reported speech ("said it
    would retaliate", "announced it would withdraw": an intent the manual codes); in a clause
    of its own it is a hypothetical ("a worthy opposition would demand more", "my plan would
    lift the cap", "he would have had to resign").
    """
    cur = p
    while cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i:
        cur = cur.head
    if not any(a.lower_ in rules["counterfactual_aux"] for a in cur.children if a.dep_ == "aux"):
        return False
    if cur.dep_ in ("advcl", "xcomp", "pcomp") and cur.head.i != cur.i:
        return False  # a clause the frame decides
    if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in rules["reporting_heads"]:
        return False  # reported ("said it would", "announced it would")
    return not any(t.is_quote for t in cur.doc[cur.sent.start : cur.sent.end])


def _denied_act(obj: Token, rules: dict[str, Any]) -> bool:
    """Whether a denied object is an act: "deny any arms transfers", "denied the attack".

    A request, an offer or a demand (intent_nouns) denied is refused, not disputed ("denied a
    request by the opposition").
    """
    if any(d.dep_ == "det" and d.lower_ == "any" for d in obj.children):
        return True
    return (
        obj.pos_ == "NOUN"
        and match_noun(obj) is not None
        and obj.lemma_.lower() not in rules["intent_nouns"]
    )


def _commentator(subj: Token, rules: dict[str, Any]) -> bool:
    """Whether a subject is an analyst or expert.

    Named by a noun ("analysts") or by a title on a name ("security analyst Kabiru Adamu",
    "Adamu, a security analyst,").
    """
    titles = [subj] + [
        ch for ch in subj.children if ch.dep_ in ("compound", "appos") and ch.i != subj.i
    ]
    return any(t.lemma_.lower() in rules["commentator_subjects"] for t in titles)


def _generic(p: Token, rules: dict[str, Any]) -> bool:
    """Rule 19: an adverb of frequency or extent makes a generalisation, not an act.

    "have often clashed", "who had negotiated extensively with North Korea", "was once invited".
    """
    if any(ch.dep_ == "advmod" and ch.lower_ in rules["generic_adverbs"] for ch in p.children):
        return True
    # the verb's own phrases, or those of the verb it is coordinated with ("has in the last two
    # years closed camps and encouraged families")
    heads = [p] + ([p.head] if p.dep_ == "conj" and p.head.i != p.i else [])
    # "has stepped up raids in recent months", "over the past two years": a trend, no one act
    return any(
        o.dep_ == "pobj"
        and o.tag_ == "NNS"
        and o.lemma_.lower() in rules["period_nouns"]
        and any(a.lower_ in rules["trend_modifiers"] for a in o.children)
        for h in heads
        for ch in h.children
        if ch.dep_ == "prep"
        for o in ch.children
    )


def _prevented(p: Token, rules: dict[str, Any]) -> bool:
    """Rule 20: an act that something keeps from happening did not happen.

    "barred girls from attending school", "to prevent Iran from acquiring a weapon",
    "refrained from criticizing": the act hangs by "from" under a verb of prevention
    (prevention_verbs); the prevention, where it is an act, is coded on its own verb.
    """
    if p.dep_ != "pcomp" or p.head.lower_ != "from" or p.head.i == p.i:
        return False
    return p.head.head.lemma_.lower() in rules["prevention_verbs"]


def _metaphor(c: _Cand, p: Token, rules: dict[str, Any]) -> bool:
    """Rule 21: a word of fighting in a metaphor names a contest of another kind.

    "trade war", "tariff-trade wars", "price war", "war of words": not an armed contest.
    """
    nouns = [t for t in (c.trig.noun, c.trig.obj, p) if t is not None and t.pos_ == "NOUN"]
    for noun in nouns:
        if noun.lemma_.lower() not in rules["fight_nouns"]:
            continue
        mods = [
            t for ch in noun.lefts if ch.dep_ in ("compound", "amod", "nmod") for t in ch.subtree
        ]
        if any(t.lemma_.lower() in rules["metaphor_modifiers"] for t in mods):
            return True
        of = [t for ch in noun.rights if ch.lower_ == "of" for t in ch.children if t.dep_ == "pobj"]
        if any(t.lemma_.lower() in rules["metaphor_modifiers"] for t in of):
            return True
    return False


def _other_reading(c: _Cand, p: Token, rules: dict[str, Any]) -> bool:
    """Rules 20-23 of :func:`coder_keeps`: the syntax gives the word another reading.

    20. a prevented act (:func:`_prevented`); 21. a metaphor (:func:`_metaphor`);
    22. a protest verb in the passive or with a clause ("was struck by Chido", "to demonstrate
        that it can assist") is another sense (a blow, showing); a participle coordinated with
        a predicative adjective ("the Japanese are friendly and accepting") is an adjective;
    23. an assertion verb (assertion_verbs) with an indicative clause states, it does not
        demand: "China insists it is committed to peace" (but "insisted that he leave", "that
        they should leave" demand); a fight for a cause ("fighting for their freedom",
        cause_nouns) is a struggle in general, not combat.
    """
    if _prevented(p, rules) or _metaphor(c, p, rules):
        return True
    lemma = p.lemma_.lower()
    if c.event == "PROTEST" and c.trig.kind in ("verb", "phrasal"):
        if any(ch.dep_ in ("auxpass", "nsubjpass", "agent", "ccomp") for ch in p.children):
            return True  # "was struck by", "demonstrate that"
    if p.dep_ == "conj" and p.head.dep_ == "acomp" and p.head.pos_ == "ADJ":
        if first_child(p, "dobj") is None:
            return True  # "friendly and accepting"
    if c.event == "REQUEST" and lemma in rules["assertion_verbs"]:
        for cl in (ch for ch in p.children if ch.dep_ == "ccomp"):
            finite = [cl] + [ch for ch in cl.children if ch.dep_ in ("aux", "auxpass")]
            if any(t.tag_ in ("VBZ", "VBD", "VBP") for t in finite):
                return True  # an indicative clause: a statement
            if any(t.lower_ in rules["prediction_modals"] for t in finite):
                return True  # "insisted that change will come": a prediction, no demand
    if lemma in rules["cause_verbs"]:
        causes = [
            o
            for ch in p.children
            if ch.dep_ == "prep" and ch.lower_ == "for"
            for o in ch.children
            if o.dep_ == "pobj"
        ]
        if causes and all(o.lemma_.lower() in rules["cause_nouns"] for o in causes):
            return True
    return False


def _more_than_prospect(p: Token, rules: dict[str, Any]) -> bool:
    """Rule 15 of :func:`coder_keeps`: a disposition or a prospect frames no act.

    An act that hangs, by a "to" clause or a preposition, under a predicative adjective of
    attitude ("is interested in encouraging", "not serious about finding a solution") or
    under a noun of prospect or intent ("the possibility of restoring", "voiced interest in
    making") has not happened. An adjective that modifies a noun ("the measures necessary to
    prevent") is left to the noun.
    """
    cur = p
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "pcomp", "prep", "acl") or cur.head.i == cur.i:
            return True
        link, cur = cur.dep_, cur.head
        lemma = cur.lemma_.lower()
        if cur.pos_ == "ADJ" and link in ("xcomp", "prep") and cur.dep_ != "amod":
            if lemma in rules["attitude_adjectives"] or lemma in rules["hypothetical_adjectives"]:
                return False
        if cur.pos_ == "NOUN" and link == "prep":
            if lemma in rules["prospect_nouns"] or lemma in rules["intent_nouns"]:
                return False
        if cur.pos_ in ("VERB", "AUX") and link in ("prep", "pcomp"):
            if lemma in rules["condition_verbs"]:
                return False  # "conditioned on the Taliban lifting restrictions"
        if cur.pos_ in ("VERB", "AUX") and link == "prep":
            # "voiced interest in making": the parser hangs "in" on the verb, not the noun
            before = p.doc[cur.i + 1 : p.i]
            prep = next((t for t in before if t.dep_ == "prep" and t.head.i == cur.i), None)
            if prep is not None and prep.i > 0:
                noun = p.doc[prep.i - 1]
                if noun.dep_ == "dobj" and noun.head.i == cur.i:
                    lem = noun.lemma_.lower()
                    return not (lem in rules["prospect_nouns"] or lem in rules["intent_nouns"])
        if cur.pos_ in ("VERB", "AUX", "NOUN"):
            return True
    return True


def _reported_as_done(c: _Cand, p: Token, rules: dict[str, Any]) -> bool:
    """Rules 11-14 of :func:`coder_keeps` (development slices 0, 1, 3, 4).

    11. an infinitive of purpose ("gathered influencers to visit cities"), or a participle or
        infinitive describing a noun that names no event ("gangs seeking ransoms", "the decision
        to evacuate"), says what someone means or is, not what was done;
    12. a present-tense verb is habitual ("the government bans fishing each year") unless it is
        a speech act ("Washington alleges", "we urge"); verbs that judge an act characterise
        rather than report when ongoing, judged or done by a thing ("is defying the council",
        "deemed to violate", "the purchase violated the act"; "a newspaper violated a ban" is
        an act);
    13. speaking to, briefing or declining to be named to reporters, or telling a news outlet
        (a ``media:`` recipient: "Risch told Politico"), is media routine;
    14. a verb with an object of another sense ("battled blazes", "pleading guilty"), an
        adjective ("the Japanese are accepting"), a passive whose agent is a storm or a market;
        the condition of an "if" or "unless" clause has not happened ("if they violate").
    """
    lemma = p.lemma_.lower()
    marks = {ch.lower_ for ch in p.children if ch.dep_ == "mark"}
    if p.dep_ == "xcomp" and p.head.i != p.i:
        # "if the military continues to pull back": the condition marks the governing verb
        marks |= {ch.lower_ for ch in p.head.children if ch.dep_ == "mark"}
    if marks & lexicon().modality["conditional_marks"]:
        return False  # the condition itself ("if they violate", "if Turkey is sanctioned")
    if any(ch.lower_ in rules["open_question_marks"] for ch in p.children if ch.dep_ in _MARKS):
        return False  # "a vote on whether to endorse", "discussed whether to impose sanctions"
    if c.trig.kind != "noun":
        # the clause's own link, or that of the verb it is coordinated with or completes:
        # "gathered influencers to participate ... and visit cities", "a commitment to use
        # all assets to defend the region"
        for q in _clause_chain(p):
            to_clause = any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in q.children)
            purpose = q.dep_ in ("advcl", "relcl", "conj", "ccomp")
            if to_clause and purpose and c.event != "PROTEST":
                return False  # but "took to the streets to protest": going out is the protest
            if q.dep_ == "acl" and (to_clause or q.tag_ == "VBG"):
                # a noun that names no event, or one of intent ("a commitment to use all
                # assets to defend the region": what is committed to has not happened)
                if match_noun(q.head) is None or q.head.lemma_.lower() in rules["intent_nouns"]:
                    return False
        aux = [ch for ch in p.children if ch.dep_ in ("aux", "auxpass")]
        if p.tag_ in ("VBZ", "VBP") and not aux and c.event not in rules["present_ok_types"]:
            return False
        if p.tag_ in ("VBZ", "VBP") and not aux and lemma in rules["stance_verbs"]:
            return False  # "she opposes privatization": a position held, not an act
        if lemma in rules["characterising_verbs"] and c.trig.obj is None:
            progressive = p.tag_ == "VBG" and any(ch.lemma_ == "be" for ch in aux)
            if progressive or p.dep_ == "xcomp" or not c.actors:
                return False  # "is defying", "deemed to violate", "the purchase violated"
        if p.pos_ == "ADJ" and p.tag_ != "VBN":
            return False
        if _standing_state(c, p, aux, rules):
            return False
    if c.event in rules["media_types"]:
        if any(m.actor.startswith("media:") for m in c.recipients):
            return False  # "Risch told Politico": an interview
        # the trigger's dependents within six words (a window, not the whole subtree walked)
        window = doc_tokens(p.doc)[max(0, p.i - 6) : p.i + 7]
        near = [t for t in window if t.i != p.i and p.is_ancestor(t)]
        if any(t.lemma_.lower() in rules["media_words"] for t in near):
            return False
        # "During an interview with Sean Hannity ..., Trump discussed": a phrase of the verb
        # at any distance that names a media occasion
        if any(
            o.dep_ == "pobj" and o.lemma_.lower() in rules["media_words"]
            for ch in p.children
            if ch.dep_ == "prep"
            for o in ch.children
        ):
            return False
        if lemma in rules["refusal_verbs"] and any(
            t.lemma_.lower() in rules["anonymity_words"]
            and (t.pos_ == "VERB" or t.lemma_.lower() in rules["withheld_objects"])
            for t in near
        ):
            return False  # "declined to comment", "refuses to answer questions"
    senseless = lexicon().senseless.get(lemma)
    objs = [ch for ch in p.children if ch.dep_ in ("dobj", "acomp", "advmod")]
    if p.dep_ == "acl" and p.tag_ == "VBN":
        objs.append(p.head)  # "crimes committed by": the noun described is the object
    if senseless and any(ch.lemma_.lower() in senseless for ch in objs):
        return False
    agent = first_child(p, "agent")
    if agent is not None and any(
        t.lemma_.lower() in rules["thing_subjects"] for t in agent.children if t.dep_ == "pobj"
    ):
        return False
    return True


def _clause_chain(p: Token) -> list[Token]:
    """The verb, then the verbs it is coordinated with or completes (conj, xcomp; at most 3)."""
    chain = [p]
    while chain[-1].dep_ in ("conj", "xcomp") and len(chain) < 4:
        head = chain[-1].head
        if head.i == chain[-1].i or head.pos_ not in ("VERB", "AUX"):
            break
        chain.append(head)
    return chain


_MARKS = frozenset(("mark", "advmod"))
_WHEN_ADVERBS = frozenset(("earlier", "recently", "newly", "yesterday", "today", "now"))


def _standing_state(c: _Cand, p: Token, aux: list[Token], rules: dict[str, Any]) -> bool:
    """Rules 16-18 of :func:`coder_keeps`: a state or an activity in general, not an act.

    16. a present simple passive states a standing condition ("both ships are sanctioned by
        the Treasury"), unless a speech act ("is accused of");
    17. a gerund subject names an activity in general ("providing food is proving hard");
    18. a participle describing its own event noun refers to a standing measure ("overcoming
        restrictions imposed by the U.S."; a sanction or coercive measure, measure_types),
        unless a time says when it was imposed.
    """
    if p.tag_ == "VBN" and len(aux) == 1 and aux[0].dep_ == "auxpass":
        if aux[0].tag_ in ("VBZ", "VBP") and c.event not in rules["present_ok_types"]:
            return c.event != "AGREE"  # "Ukraine is committed to ...": a stated intent
    if p.dep_ in ("csubj", "csubjpass") and p.tag_ == "VBG" and first_child(p, "nsubj") is None:
        return True
    if p.dep_ == "acl" and p.tag_ == "VBN" and c.event in rules["described_types"]:
        if first_child(p, "agent") is not None and not _dated(p):
            return True  # "opposition factions backed by Turkey": a standing relation
    own_noun = any(t is not None and t.i == p.head.i for t in (c.trig.noun, c.trig.obj))
    if p.dep_ == "acl" and p.tag_ == "VBN" and own_noun and c.event in rules["measure_types"]:
        # "sanctions imposed on Tuesday", "imposed last year": a dated imposition is reported
        return not _dated(p)
    return False


def _dated(p: Token) -> bool:
    """Whether a participle's own phrases (not its agent's) say when ("imposed last year")."""
    return any(
        t.ent_type_ in ("DATE", "TIME") or t.lower_ in _WHEN_ADVERBS
        for ch in p.children
        if ch.dep_ != "agent"
        for t in ch.subtree
    )
