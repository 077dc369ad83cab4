"""Extractor: PLOVER events with actors, recipients, places, dates and framing.

Approach (no model): a packaged trigger lexicon (``data/events/triggers.json``: verbs, phrasal
verbs, verb + object-class rules such as "send troops" or "supply drones", light verbs with event
nouns such as "launch an assault") finds event predicates; dependency rules find the arguments:

* actor: the subject, the agent of a passive, the antecedent of a relative clause ("Iran, which
  has supplied drones"), the subject of the governing verb for complements, or, for a passive
  whose subject is the moved thing ("North Korean troops have been sent"), that phrase's
  national modifier;
* recipient: the object, or the object of the prepositions the type prescribes ("call on X",
  "consult with X", "ship to X"), or the subject of a demanded/threatened complement;
* PLOVER auxiliary modes (``aux``: future, hypothetical, negated) from auxiliaries, negation and
  governing verbs ("unable to dislodge"); following the manual, future cooperation is AGREE,
  a future retreat is CONCEDE and future force is THREATEN;
* intent verbs (agree, demand, threaten, refuse, ...) subsume the event in their complement
  ("agreed to provide aid" is one AGREE event, whose recipient comes from the complement);
* location: a geocoded place among the predicate's locative dependents ("in/near/at X");
* time: the ``time`` record inside the predicate's clause; status and attribution: the innermost
  attribution whose content holds the trigger.

Where is the rule that …

* … says which words are triggers? ``event_lexicon.match_verb`` (hand layer ``_match_hand``:
  ``data/events/triggers.json``; dictionary layer ``_match_cameo``: ``cameo_verbs.json``, built
  by ``scripts/build_events.py`` from PETRARCH2's CAMEO dictionary) and ``match_noun``;
  event nouns with a possessor and a recipient ("Russia's war against Ukraine"):
  ``_find_triggers`` here;
* … decides that a found event is dropped (negated, hypothetical, idioms, denials, anecdotes,
  framed by a belief or a request, a purpose clause, a disposition, a standing state, ...)?
  :func:`newsledger.extract.event_precision.coder_keeps` (rules 1-18, each with its map there);
  words in ``data/events/precision.json``; each rule's source (the sample slices it was
  written from) in that file's ``_doc``;
* … fixes a verb lemma the model gets wrong ("staged" -> "stag")? ``nlp.LemmaFixes``
  (``data/nlp/lemma_fixes.json``, checked by ``scripts/check_lemmas.py``);
* … turns "agreed to provide aid" into one event? ``_subsume``; future/conditional/negated
  recoding (AGREE, THREATEN, REJECT): ``_modality`` and ``_finalise_type``;
* … finds the actor and recipient? ``_arguments`` and ``_subject_token`` here, mentions and
  person affiliations (titles, ``persons.tsv``, ``phoenix_persons.tsv``) in
  ``event_args``; the state inferred from the place or the sentence: ``_record``,
  ``_sentence_state``;
* … codes a sector ("troops" -> MIL)? ``event_lexicon.sector_of`` (``sectors.json``, then the
  Phoenix agents in ``agent_sectors.json``);
* … finds the place and time? ``event_args.find_location``, ``_time_owner``;
* … makes a person's attack on another criticism, leaving ECOWAS a sanction? ``_verbal_attack``
  and ``_leaves_organisation`` in ``_finalise_type`` (``modality.json``); "came under attack"
  (the subject is hit): ``undergoes`` (event_lexicon) in ``_arguments``;
* … keeps "ask", "recall", "execute", "concede" from their other senses? ``verb_guards`` in
  ``triggers.json``, read by ``event_lexicon._plain_verb_ok``.

Extension fields beyond the contract: ``aux``, ``actor_sector``/``recipient_sector``,
``actor_code``/``recipient_code`` (country codes, PLOVER ``code``) and ``actor_text``/
``recipient_text`` (the mentions), aligned with ``actor``/``recipient``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.symbols import ADJ, NOUN, VERB, ccomp
from spacy.tokens import Doc, Token

from newsledger.extract import Layers, doc_tokens
from newsledger.extract.actors import org_home
from newsledger.extract.event_args import (
    ArgIndex,
    Mention,
    aux_children,
    build_index,
    country_of,
    find_location,
    instrument_mode,
    np_actors,
    venue_actors,
)
from newsledger.extract.event_lexicon import (
    Trigger,
    first_child,
    in_class,
    lexicon,
    match_noun,
    match_verb,
    noun_key,
    object_head,
    of_thing,
    sector_of,
    undergoes,
)
from newsledger.extract.event_precision import coder_keeps
from newsledger.records import Actor, Event, Record

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_COMPLEMENT_DEPS = ("xcomp", "ccomp", "pcomp", "advcl", "oprd")
_THING_OBJECT = frozenset(("AGREE", "MOBILIZE", "PROTEST", "RETREAT", "COOPERATE"))
_REPORTING = frozenset("say report claim tell add announce state write note".split())
_STATIVE_PASSIVE = frozenset(("oppose", "commit", "determine", "prepare", "resolve"))
_THREAT_WORDS = frozenset("respond retaliate retaliation avenge revenge punish response".split())
_REQUEST_MODES = {
    "CONSULT": "meet",
    "AID": "assist",
    "COOPERATE": "assist",
    "SUPPORT": "assist",
    "RETREAT": "yield",
    "CONCEDE": "yield",
}
_THREAT_MODES = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "SANCTION": "relations",
    "PROTEST": "restrict",
}


@dataclass(slots=True)
class PloverEvent(Event):
    """An :class:`Event` with PLOVER extension fields (aligned with ``actor``/``recipient``)."""

    aux: str | None = None
    actor_sector: list[str | None] = field(default_factory=list)
    recipient_sector: list[str | None] = field(default_factory=list)
    actor_code: list[str | None] = field(default_factory=list)
    recipient_code: list[str | None] = field(default_factory=list)
    actor_text: list[str] = field(default_factory=list)
    recipient_text: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Cand:
    """A trigger being resolved."""

    trig: Trigger
    event: str
    mode: str | None
    aux: str | None = None
    conditional: bool = False
    threat: bool = False  # an "unless" clause
    subsumed_by: _Cand | None = None
    actors: list[Mention] = field(default_factory=list)
    actor_sector: str | None = None
    recipients: list[Mention] = field(default_factory=list)
    recipient_sector: str | None = None
    complements: list[_Cand] = field(default_factory=list)


def extract_events(doc: Doc, meta: dict[str, Any], layers: Layers) -> Iterator[Record]:
    """Yield PLOVER ``event`` records (and any new canonical ``actor`` records) for one article.

    Args:
        doc: the parsed article.
        meta: article metadata (unused: publication date is the consumer's fallback).
        layers: earlier layers: ``entity``, ``actor``, ``time``, ``attribution``.

    Yields:
        :class:`PloverEvent` records ``v1..`` in text order, preceded by :class:`Actor`
        records for canonical countries/persons the actor layer did not already hold.
    """
    idx = build_index(doc, layers)
    cands = _find_triggers(doc, idx)
    if not cands:
        return
    by_head = {c.trig.head.i: c for c in cands}
    for c in cands:
        _subsume(c, by_head, idx)
    for c in cands:
        _modality(c, idx)
    for c in cands:
        _arguments(c, idx, by_head)
    for c in cands:
        if c.subsumed_by is not None and not c.subsumed_by.recipients:
            gov = c.subsumed_by
            gov.recipients = [
                m for m in c.recipients if m.actor not in {a.actor for a in gov.actors}
            ]
            gov.recipient_sector = c.recipient_sector
    for c in cands:
        _finalise_type(c)
    times = _time_owner(doc, layers.get("time", []), by_head)
    # "launched an assault ..., seizing territory ... in August": a participial or coordinated
    # event's date also dates the event it elaborates
    noun_of = {c.trig.noun.i: h for h, c in by_head.items() if c.trig.noun is not None}
    for c in cands:
        h = c.trig.head
        if h.i not in times or h.dep_ not in ("advcl", "xcomp", "conj", "acl"):
            continue
        if any(ch.dep_ == "mark" for ch in h.children):
            continue  # "after Israel bombed ...": its own time
        cur = h
        for _ in range(4):
            if cur.head.i == cur.i or not idx.linked(cur, cur.head):
                break
            cur = cur.head
            gov = by_head.get(cur.i) or by_head.get(noun_of.get(cur.i, -1))
            if gov is not None:
                times.setdefault(gov.trig.head.i, times[h.i])
                break
    attributions = layers.get("attribution", [])
    emitted: set[str] = set()
    n = 0
    out: list[Record] = []
    for c in sorted(cands, key=lambda c: c.trig.start):
        if c.subsumed_by is not None or c.event is None:
            continue
        unnamed = not c.actors and not c.recipients and c.actor_sector in (None, "BUS")
        if unnamed and not (_is_passive(c.trig.head) or undergoes(c.trig)):
            if c.recipient_sector in (None, "BUS") or c.event != "ASSAULT":
                continue  # a named participant, or a described one ("police", "three soldiers")
        if not coder_keeps(c):
            continue
        rec = _record(n + 1, c, idx, doc, times, attributions)
        if (c.trig.kind == "noun" or unnamed) and not rec.actor and not rec.recipient:
            # "protests continued": nobody named, no place to code them by; an agentless
            # passive is kept when the place names the state ("was put under investigation
            # in Italy")
            continue
        n += 1
        out.append(rec)
    for actor, (name, kind, code) in idx.new_actors.items():
        used = any(
            actor in ev.actor or actor in ev.recipient for ev in out if isinstance(ev, Event)
        )
        if used and actor not in emitted:
            emitted.add(actor)
            yield Actor(id=actor, name=name, kind=kind, code=code)
    yield from out


# --------------------------------------------------------------------------- triggers


def _find_triggers(doc: Doc, idx: ArgIndex) -> list[_Cand]:
    out: list[_Cand] = []
    light_nouns: set[int] = set()
    lex = lexicon()
    mod = lex.modality
    nouns: list[Token] = []
    demands: list[Token] = []
    # every token passes here: its part of speech and label are compared as symbol ids, which
    # spares a string lookup each
    for tok in idx.toks:
        pos = tok.pos
        if pos == NOUN:
            if tok.lemma_.lower() in lex.noun_lemmas:
                nouns.append(tok)
            continue
        if tok.dep == ccomp:
            demands.append(tok)
        if pos == VERB or (pos == ADJ and tok.tag_ == "VBN"):
            trig = match_verb(tok)
            if trig is None:
                continue
            if trig.noun is not None:
                light_nouns.add(trig.noun.i)
            if tok.lemma_.lower() == "strike" and trig.kind == "verb":
                if not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
                    trig.event, trig.mode = "PROTEST", "strike"
            out.append(_Cand(trig, trig.event, trig.mode))
    # "X said Y must/should do Z": the speaker's demand on Y
    heads = {c.trig.head.i for c in out}
    for tok in demands:
        h = tok.head
        if h.lemma_.lower() not in mod["speech_verbs"] or h.i in heads:
            continue
        subj = first_child(tok, "nsubj", "nsubjpass")
        # the subject itself names an actor ("said Ryan should resign"), not a thing of one
        # ("said Trump's attempts ... should give voters pause": an opinion)
        named = (
            subj is not None
            and subj.pos_ != "PRON"
            and bool(np_actors(idx, subj)[0])
            and (idx.tok_mention[subj.i] is not None or sector_of(subj) is not None)
        )
        demand = any(a in mod["demand_modals"] for a in aux_children(tok))
        if tok.lemma_.lower() in lex.precision["cognition_verbs"]:
            demand = False  # "lawmakers must understand ...": a remark, no demand
        if demand and named and idx.linked(tok, h):
            heads.add(h.i)
            out.append(_Cand(Trigger(h, h.i, h.i + 1, "REQUEST", None), "REQUEST", None))
    # event nouns with both a possessor/national actor and a recipient ("Russia's war against
    # Ukraine", "the Israeli attack on Gaza")
    verb_heads = {c.trig.head.i for c in out}
    for tok in nouns:
        if tok.i in light_nouns:
            continue
        hit = match_noun(tok)
        if hit is None or of_thing(tok):
            continue
        if _occurs(tok, lex.noun_subject_verbs, mod) and tok.head.i not in verb_heads:
            # "protests erupted in Nairobi", "talks between Iran and the IAEA resumed": the
            # noun names the event, the verb only says it happened
            trig = Trigger(tok, tok.i, tok.i + 1, hit[0], hit[1], noun=tok, kind="noun")
            out.append(_Cand(trig, hit[0], hit[1]))
            continue
        actor_toks = [c for c in tok.lefts if c.dep_ in ("poss", "amod", "compound")]
        if not any(idx.tok_mention[t.i] for t in actor_toks):
            continue
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lex.precision["standing_verbs"]:
            continue  # "U.S. restrictions on Chinese companies remain in place": a standing state
        preps = ("on", "against", "with", "into")
        if tok.lemma_.lower() in lex.patient_of:
            preps += ("of",)
        rec_preps = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in preps]
        if not rec_preps:
            continue
        trig = Trigger(tok, tok.i, tok.i + 1, hit[0], hit[1], noun=tok, kind="noun")
        out.append(_Cand(trig, hit[0], hit[1]))
    return out


def _occurs(noun: Token, verbs: frozenset[str], mod: dict[str, frozenset[str]]) -> bool:
    """Whether an event noun is the subject of a verb that says it took place, asserted."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() not in verbs or verb.i == noun.i:
        return False
    if verb.lemma_.lower() in ("take", "break") and not any(
        ch.lower_ in ("place", "out") for ch in verb.children
    ):
        return False  # "talks took place", "fighting broke out"
    if any(ch.dep_ == "neg" for ch in verb.children) or verb.dep_ in ("xcomp", "advcl"):
        return False
    unreal = mod["future_aux"] | mod["conditional_aux"] | mod["hypothetical_aux"]
    return not any(a in unreal for a in aux_children(verb))


def _subsume(c: _Cand, by_head: dict[int, _Cand], idx: ArgIndex) -> None:
    """Mark a trigger in an intent verb's complement ("agreed to provide") as subsumed."""
    sub_types = lexicon().modality["subsuming_types"]
    tok = c.trig.head
    for _ in range(4):
        if tok.dep_ == "prep" and tok.head.i in by_head and tok.lower_ in ("of", "for", "to"):
            gov = by_head[tok.head.i]  # "accused X of violating", "agreed to"
            if (
                gov is not c
                and gov.event in sub_types
                and _governs(gov)
                and gov.trig.kind != "noun"
            ):
                c.subsumed_by = gov
                gov.complements.append(c)
            return
        if tok.dep_ == "prep" and tok.head.dep_ in ("dobj", "nsubjpass"):
            tok = tok.head  # "accused Japan of violating ...": "of" hangs off the object
            continue
        if tok.dep_ in ("dobj", "nsubjpass") and tok.i != c.trig.head.i:
            gov = by_head.get(tok.head.i)
            if gov is not None and gov is not c and gov.event in sub_types and _governs(gov):
                if gov.trig.kind != "noun" and idx.linked(tok, tok.head):
                    c.subsumed_by = gov
                    gov.complements.append(c)
            return
        if tok.dep_ not in _COMPLEMENT_DEPS and not (
            tok.dep_ == "pobj" and tok.head.dep_ == "prep"
        ):
            return
        if tok.dep_ == "advcl" and any(ch.dep_ == "mark" for ch in tok.children):
            return  # "after Israel bombed ...": a separate event, not a complement
        head = tok.head
        if tok.dep_ == "pobj":
            head = tok.head.head
        if not idx.linked(tok, head):
            return
        gov = by_head.get(head.i)
        if gov is not None and gov is not c and gov.trig.noun is None:
            if gov.event in sub_types and _governs(gov) and gov.trig.kind != "noun":
                c.subsumed_by = gov
                gov.complements.append(c)
                return
        tok = head


def _governs(gov: _Cand) -> bool:
    # a bare dictionary verb ("fail", "aim") does not take over the event in its complement:
    # the hand layer's intent verbs do, and dictionary patterns with an object
    return gov.trig.layer == "hand" or gov.trig.kind != "verb"


def _modality(c: _Cand, idx: ArgIndex) -> None:
    """PLOVER auxiliary modes: future / hypothetical / negated, and conditional clauses."""
    mod = lexicon().modality
    p = c.trig.head
    chain = [p]
    # a "to"-infinitive or complement inherits its governor's modality ("is ready to", "would
    # allow", "has been unable to")
    cur = p
    for _ in range(2):
        if cur.dep_ in ("xcomp", "acomp", "conj") and idx.linked(cur, cur.head):
            cur = cur.head
            chain.append(cur)
    aux: str | None = None
    for i, t in enumerate(chain):
        auxes = aux_children(t)
        if any(a in mod["future_aux"] or a in mod["conditional_aux"] for a in auxes):
            aux = aux or "future"
        elif any(a in mod["hypothetical_aux"] for a in auxes):
            aux = aux or "hypothetical"
        if i > 0 and t.lemma_.lower() in mod["future_governors"]:
            aux = aux or "future"
        if t.lower_ == "going" and i == 0:
            continue
        if i > 0 and t.lemma_.lower() in mod["negating_governors"]:
            aux = "negated"
        if any(ch.dep_ == "neg" for ch in t.children) and (
            i == 0 or t.pos_ == "AUX" or t.dep_ == "acomp"
        ):
            aux = "negated"
        if i > 0 and any(
            ch.dep_ == "acomp" and ch.lemma_.lower() in mod["negating_governors"]
            for ch in t.children
        ):
            aux = "negated"
        if i > 0 and t.dep_ == "ROOT":
            break
    for t in chain[:2]:
        for ch in t.children:
            if ch.dep_ == "advcl":
                marks = {m.lower_ for m in ch.children if m.dep_ == "mark"}
                if marks & mod["conditional_marks"]:
                    c.conditional = True
                if marks & mod["threat_marks"]:
                    c.threat = True
    # "has been unable to": the negating adjective governs the trigger
    if p.dep_ == "xcomp" and p.head.lemma_.lower() in mod["negating_governors"]:
        aux = "negated"
    c.aux = aux


def _to_threat(c: Any) -> None:
    """Recode a conditional or announced act as THREATEN, its mode from the act threatened."""
    if c.event == "COERCE":
        c.mode = "arrest" if c.mode == "arrest" else "restrict"
    else:
        c.mode = _THREAT_MODES.get(c.event)
    c.event = "THREATEN"


def _refusal(p: Token, mod: dict[str, frozenset[str]]) -> bool:
    """Whether a negated predicate is a refusal ("will not accept", "failed to reach")."""
    will = mod["future_aux"] | mod["conditional_aux"]
    for t in (p, p.head) if p.dep_ in ("xcomp", "conj") else (p,):
        if any(a in will for a in aux_children(t)):
            return True
    return p.dep_ == "xcomp" and p.head.lemma_.lower() in mod["negating_governors"]


def _leaves_organisation(c: _Cand) -> bool:
    """Whether a withdrawal is from an organisation or an agreement, or of peacekeepers.

    The manual's SANCTION withdraw: "withdraw oneself or one's non-military resources (e.g., aid,
    observers, diplomats, peacekeepers) from a group, mediation activity, organization, or
    country" ("withdrew from ECOWAS", "announced their withdrawal from the bloc", "withdrew from
    the deal", "the peacekeeping mission completed its withdrawal").
    """
    mod = lexicon().modality
    nouns = mod["organisation_nouns"]
    if any(
        t.lemma_.lower() in mod["resource_nouns"]
        for m in c.actors
        for t in c.trig.head.doc[m.start : m.end]
    ):
        return True
    subj = first_child(c.trig.head, "nsubj")
    if subj is not None and subj.lemma_.lower() in mod["resource_nouns"]:
        return True
    orgs = [m for m in c.recipients if m.actor.startswith("org:")]
    heads = [c.trig.head] + ([c.trig.noun] if c.trig.noun is not None else [])
    for prep in (ch for h in heads for ch in h.children):
        if prep.dep_ != "prep" or prep.lower_ not in ("from", "of"):
            continue
        for o in prep.children:
            if o.dep_ != "pobj":
                continue
            if o.ent_type_ == "ORG" or o.lemma_.lower() in nouns:
                return True
            if any(m.start <= o.i < m.end for m in orgs):
                return True  # an organisation the actor tables know ("ECOWAS")
    return False


def _verbal_attack(c: _Cand, mod: dict[str, frozenset[str]]) -> bool:
    """Whether an attack word has named people (or a personal pronoun) on both sides."""
    word = (c.trig.noun or c.trig.head).lemma_.lower()
    if word not in mod["verbal_attack_words"] or not c.actors or not c.recipients:
        return False

    def people(ms: list[Mention]) -> bool:
        return all(
            m.label == "PERSON" or (m.label == "PRON" and m.text.lower() in mod["person_pronouns"])
            for m in ms
        )

    return people(c.actors) and people(c.recipients)


def _finalise_type(c: _Cand) -> None:
    """Apply the manual's rules for future/conditional events and set complement-based modes."""
    mod = lexicon().modality
    lemma = c.trig.head.lemma_.lower()
    comp_types = {x.event for x in c.complements}
    if lemma in mod["promise_verbs"] and c.event in ("AGREE", "THREATEN") and c.trig.obj is None:
        threat = c.conditional or any(t in _THREAT_MODES or t == "COERCE" for t in comp_types)
        for ch in c.trig.head.children:
            if ch.dep_ in ("xcomp", "ccomp"):
                threat = threat or any(
                    t.lemma_.lower() in _THREAT_WORDS
                    or (t.dep_ == "mark" and t.lower_ in mod["conditional_marks"])
                    for t in ch.subtree
                )
        c.event = "THREATEN" if threat else "AGREE"
    if c.event == "AGREE" and c.trig.obj is None:
        kept = [x for x in c.complements if x.event in mod["agreed_act_types"]]
        if kept:
            # "agreed to roll over sanctions on Russia": an announced sanction is SANCTION
            # (tests/gold/README.md), not cooperation
            c.event, c.mode = kept[0].event, kept[0].mode
    if c.event in ("REQUEST", "REJECT") and c.mode is None:
        for x in c.complements:
            if x.event in _REQUEST_MODES:
                c.mode = _REQUEST_MODES[x.event]
                break
    if c.event == "THREATEN" and c.mode is None:
        for x in c.complements:
            if x.event == "COERCE":
                c.mode = "arrest" if x.mode == "arrest" else "restrict"
            elif x.event in _THREAT_MODES:
                c.mode = _THREAT_MODES[x.event]
            if c.mode:
                break
    if c.aux == "negated" and c.event in mod["negated_to_reject"] and _refusal(c.trig.head, mod):
        # "will not accept", "failed to reach agreement": a refusal ("has not agreed", "did not
        # invite" only say what has not happened: negated, not coded)
        c.event, c.mode, c.aux = "REJECT", None, None
    elif c.threat and c.event in mod["conditional_to_threaten"]:
        # "will withdraw ... unless", "will boycott ... unless": a threat
        _to_threat(c)
    elif c.aux == "future" and c.subsumed_by is None:
        has_will = any(
            a in mod["future_aux"] or a in mod["conditional_aux"]
            for t in (c.trig.head, c.trig.head.head)
            for a in aux_children(t)
        )
        if c.event in mod["future_to_agree"]:
            # intent to cooperate or to yield (CAMEO 03x) is AGREE
            c.event, c.mode = "AGREE", None
        elif c.event in mod["future_to_threaten"] and has_will:
            _to_threat(c)
    elif c.aux == "hypothetical" and c.conditional and c.event in mod["conditional_to_threaten"]:
        c.mode = _THREAT_MODES.get(c.event, "restrict" if c.event == "COERCE" else None)
        c.event = "THREATEN"
    joint = lexicon().joint
    noun = c.trig.noun or c.trig.obj
    if c.event in ("MOBILIZE", "ASSAULT") and noun is not None:
        if any(k in joint[0] for k in noun_key(noun)):
            marked = any(ch.lemma_.lower() in joint[1] for ch in noun.lefts)
            # joint military operations are COOPERATE (manual); two actors make an exercise
            # joint, not an attack on a third party
            if marked or (c.event == "MOBILIZE" and len(c.actors) > 1):
                c.event, c.mode = "COOPERATE", None
    if c.event == "AID" and c.mode == "military" and c.actor_sector in ("REB", "UAF", "CRM"):
        if c.trig.obj is not None and in_class(c.trig.obj, lexicon().classes["weapons"]):
            c.event, c.mode = "RETREAT", "disarm"  # rebels handing over weapons give them up
    noun_lemma = c.trig.noun.lemma_.lower() if c.trig.noun is not None else ""
    leaving = lemma in mod["leave_verbs"] or noun_lemma in mod["leave_nouns"]
    if c.event == "RETREAT" and leaving and _leaves_organisation(c):
        c.event, c.mode = "SANCTION", "withdraw"  # "withdrew from ECOWAS" (tests/gold/README.md)
    if c.event == "PROTEST" and c.actor_sector in ("MIL", "COP"):
        c.event, c.mode = "MOBILIZE", "troops" if c.actor_sector == "MIL" else "police"
    if c.event == "ASSAULT" and c.mode in (None, "firearms"):
        toks = list(c.trig.head.subtree) if c.trig.kind != "noun" else list(c.trig.noun.subtree)
        if c.mode is None and _verbal_attack(c, mod) and instrument_mode(toks) is None:
            # "Trump attacked Cruz relentlessly", "Trump's attacks on Curiel": one named person
            # attacking another with no weapon named is criticism (ACCUSE disapprove)
            c.event, c.mode = "ACCUSE", "disapprove"
            return
        if len(toks) < 40:
            # a named weapon beats the verb's default ("fired tear gas" is crowd control)
            found = instrument_mode(toks)
            if c.mode is None or found in ("crowd-control", "unconventional", "suicide-attack"):
                c.mode = found or c.mode


# --------------------------------------------------------------------------- arguments


def _is_passive(tok: Token) -> bool:
    if tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("acomp", "oprd", "xcomp"):
        # "two soldiers stand accused of ...": adjectival passive
        if tok.head.lemma_.lower() in ("be", "stand", "remain", "become", "get", "seem"):
            return True
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (
        tok.dep_ == "acl" and tok.tag_ == "VBN"
    )


def _subject_token(p: Token, idx: ArgIndex) -> tuple[Token | None, bool]:
    """The token naming the actor of predicate ``p`` and whether it is a passive agent."""
    if p.dep_ == "acl" and p.head.dep_ == "ROOT" and p.head.pos_ in ("NOUN", "PROPN"):
        # "An official Syrian newspaper called Thursday on Arabs to unite": the parser found
        # no main verb and hung the predicate off its subject as a reduced relative
        return p.head, False
    cur = p
    for _ in range(4):
        if cur.i != p.i and not idx.linked(cur, p):
            break
        if cur.i == p.i and p.lemma_.lower() in _STATIVE_PASSIVE:
            subj = first_child(cur, "nsubjpass", "nsubj")
            if subj is not None:
                return subj, False
        if _is_passive(cur):
            agent = first_child(cur, "agent")
            if agent is not None:
                pobj = first_child(agent, "pobj")
                if pobj is not None:
                    return pobj, True
            return None, True
        subj = first_child(cur, "nsubj", "csubj")
        if subj is not None:
            if subj.lower_ in ("which", "who", "that") and cur.dep_ == "relcl":
                return cur.head, False
            return subj, False
        # "after a delegation briefed ...": the parser hangs the subject off the conjunction
        mark = first_child(cur, "mark")
        if mark is not None and first_child(mark, "pobj") is not None:
            return first_child(mark, "pobj"), False
        if cur.dep_ == "relcl":
            return cur.head, False
        if cur.dep_ == "acl":
            return cur.head, False
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp") or (
            cur.dep_ == "pobj" and cur.head.dep_ == "prep"
        ):
            cur = cur.head if cur.dep_ != "pobj" else cur.head.head
            continue
        if cur.dep_ == "prep":
            cur = cur.head
            continue
        break
    return None, False


def _prep_objects(tok: Token, preps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    out = []
    for child in tok.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
            for cj in child.conjuncts:
                out.extend(c for c in cj.children if c.dep_ == "pobj")
    return out


def _add(target: list[Mention], found: list[Mention]) -> None:
    ids = {m.actor for m in target}
    for m in found:
        if m.actor not in ids:
            target.append(m)
            ids.add(m.actor)


def _arguments(c: _Cand, idx: ArgIndex, by_head: dict[int, _Cand]) -> None:
    lex = lexicon()
    trig = c.trig
    p = trig.head
    # ---- actor
    if trig.kind == "noun":
        for ch in p.lefts:
            if ch.dep_ in ("poss", "amod", "compound"):
                found, _s = np_actors(idx, ch)
                _add(c.actors, found)
        # "talks between Iran and the IAEA", "a visit by Modi"
        for pobj in _prep_objects(p, ("by", "between", "among")):
            found, _s = np_actors(idx, pobj)
            _add(c.actors, found)
            for cj in pobj.conjuncts:
                _add(c.actors, np_actors(idx, cj)[0])
        # "protests erupted in Nairobi": unnamed protesters are civilians, coded by the place
        c.actor_sector = "CVL" if not c.actors and c.event == "PROTEST" else None
    else:
        subj, _agent = _subject_token(p, idx)
        if subj is not None:
            found, sector = np_actors(idx, subj)
            _add(c.actors, found)
            c.actor_sector = sector
        elif _is_passive(p) and trig.kind == "object" and trig.obj is not None:
            # "North Korean troops have been sent": the moved thing's national modifier acts
            patient = trig.obj
            found, sector = np_actors(idx, patient)
            _add(c.actors, [m for m in found if m.label in ("NORP", "GPE") or m.code])
            c.actor_sector = sector
    # ---- recipient
    rec: list[Mention] = []
    rsector: str | None = None
    if undergoes(trig):
        # "Ukrainian positions came under heavy shelling from Russian forces": the subject is
        # hit; whoever the shelling comes from acts
        rec, rsector = c.actors, c.actor_sector
        c.actors, c.actor_sector = [], None
        for pobj in _prep_objects(trig.noun, ("from", "by")) + _prep_objects(p, ("from", "by")):
            found, sector = np_actors(idx, pobj)
            _add(c.actors, found)
            c.actor_sector = c.actor_sector or sector
    preps = lex.recipient_preps.get(trig.event, frozenset())
    dative = [
        ch
        for ch in p.children
        if ch.dep_ in ("iobj",) or (ch.dep_ == "dative" and ch.pos_ != "ADP")
    ]
    for d in dative:
        found, rsector = np_actors(idx, d)
        _add(rec, found)
    if trig.kind in ("verb", "phrasal"):
        # the object is the recipient for acts on someone ("attacked X", "urged X"), not for
        # offers, moves or releases ("offered help", "deployed troops")
        objs = [ch for ch in p.children if ch.dep_ == "dobj" and trig.event not in _THING_OBJECT]
        if _is_passive(p) and trig.kind in ("verb", "phrasal"):
            objs += [ch for ch in p.children if ch.dep_ == "nsubjpass"]
            if p.dep_ in ("acomp", "oprd", "xcomp"):
                objs += [ch for ch in p.head.children if ch.dep_ in ("nsubj", "nsubjpass")]
        elif (
            p.dep_ == "conj"
            and _is_passive(p.head)
            and not objs
            and first_child(p, "nsubj") is None
        ):
            objs += [ch for ch in p.head.children if ch.dep_ == "nsubjpass"]
            if p.dep_ == "acl" and p.tag_ == "VBN":
                objs.append(p.head)
        for o in objs:
            found, s = np_actors(idx, object_head(o))
            _add(rec, found)
            rsector = rsector or s
    pobj_heads = [p]
    if trig.noun is not None:
        pobj_heads.append(trig.noun)
    if trig.obj is not None:
        pobj_heads.append(trig.obj)
    for h in pobj_heads:
        use = (
            lex.noun_preps
            if trig.noun is not None and h.i == trig.noun.i and trig.kind != "verb"
            else preps
        )
        for pobj in _prep_objects(h, use):
            found, s = np_actors(idx, pobj)
            _add(rec, found)
            rsector = rsector or s
    if not rec and trig.event in ("REQUEST", "THREATEN", "AGREE", "REJECT", "ACCUSE"):
        for ch in p.children:
            if (
                ch.dep_ in ("ccomp", "xcomp")
                and idx.linked(ch, p)
                and ch.lemma_.lower() not in _REPORTING
            ):
                s = first_child(ch, "nsubj", "nsubjpass")
                if s is not None:
                    found, rs = np_actors(idx, s)
                    _add(rec, found)
                    rsector = rsector or rs
    if not rec and trig.event == "CONSULT":
        _add(rec, venue_actors(idx, p))
    if not rec and p.dep_ == "relcl":
        _add(rec, _seeker(idx, p.head))
    actor_ids = {m.actor for m in c.actors}
    c.recipients = [m for m in rec if m.actor not in actor_ids]
    c.recipient_sector = rsector


def _seeker(idx: ArgIndex, noun: Token) -> list[Mention]:
    """Who sought help from ``noun`` ("He sought help from Iran, which supplied drones")."""
    tok = noun
    for _ in range(5):
        if tok.dep_ == "pobj" and tok.head.lower_ == "from":
            cur = tok.head.head
            for _j in range(5):
                if cur.pos_ in ("VERB", "AUX"):
                    subj = first_child(cur, "nsubj")
                    if subj is not None:
                        return np_actors(idx, subj)[0]
                    return []
                cur = cur.head
            return []
        if tok.dep_ in ("pobj", "prep", "dobj") and tok.head.i != tok.i:
            tok = tok.head
            continue
        return []
    return []


# --------------------------------------------------------------------------- time, status


def _time_owner(doc: Doc, times: list[dict[str, Any]], by_head: dict[int, _Cand]) -> dict[int, str]:
    """Trigger head token -> id of the time record in its clause."""
    owners: dict[int, str] = {}
    noun_heads = {c.trig.noun.i: h for h, c in by_head.items() if c.trig.noun is not None}
    for t in times:
        span = doc.char_span(t["span"][0], t["span"][1], alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        for _ in range(8):
            if tok.i in by_head and tok.i not in range(span.start, span.end):
                owners.setdefault(tok.i, t["id"])
                break
            if tok.i in noun_heads:
                owners.setdefault(noun_heads[tok.i], t["id"])
                break
            if tok.head.i == tok.i:
                break
            tok = tok.head
    return owners


def _attribution_of(
    start: int, end: int, attributions: list[dict[str, Any]]
) -> dict[str, Any] | None:
    best = None
    for a in attributions:
        content = a.get("content")
        if not content or not (content[0] <= start and end <= content[1]):
            continue
        if best is None or (content[1] - content[0]) < (best["content"][1] - best["content"][0]):
            best = a
    return best


def _expand(
    idx: ArgIndex, mentions: list[Mention], sector: str | None
) -> tuple[list[str], list[str | None], list[str | None], list[str]]:
    """Ids, sectors, country codes and texts; a state official also lists the state."""
    ids: list[str] = []
    sectors: list[str | None] = []
    codes: list[str | None] = []
    texts: list[str] = []
    for m in mentions:
        if m.actor in ids:
            continue
        code = country_of(idx, m)
        aff = idx.affiliation.get(m.actor)
        ids.append(m.actor)
        # the phrase's head noun decides ("Putin's men" -> MIL); a named person keeps their role,
        # a known armed group its own (REB)
        own_sector = sector or (aff[1] if aff else None) or org_home(m.actor)[1]
        sectors.append(own_sector)
        codes.append(code)
        texts.append(m.text)
        # PLOVER codes an official as their state: list the state after the person
        if aff and aff[1] in ("GOV", "MIL", "COP", "SPY") and aff[0]:
            cid = f"country:{aff[0]}"
            if cid not in ids:
                if cid not in idx.actor_names:
                    from newsledger import geo

                    name = geo.country_name(aff[0]) or aff[0]
                    idx.actor_names[cid] = name
                    idx.new_actors[cid] = (name, "country", aff[0])
                ids.append(cid)
                sectors.append(own_sector)
                codes.append(aff[0])
                texts.append(m.text)
    return ids, sectors, codes, texts


def _record(
    n: int,
    c: _Cand,
    idx: ArgIndex,
    doc: Doc,
    times: dict[int, str],
    attributions: list[dict[str, Any]],
) -> PloverEvent:
    trig = c.trig
    span = doc[trig.start : trig.end]
    sent_start, sent_end = idx.sent_span(trig.head)
    para_start = idx.text.rfind("\n", 0, span.start_char) + 1
    para_end = idx.text.find("\n", span.end_char)
    sent_start = max(sent_start, para_start)
    sent_end = min(sent_end, para_end) if para_end >= 0 else sent_end
    heads = [trig.head] + (
        [trig.noun] if trig.noun is not None and trig.noun.i != trig.head.i else []
    )
    location, _rank = find_location(idx, heads)
    if (
        not c.recipients
        and c.event in ("ASSAULT", "COERCE")
        and location
        and location.get("country")
    ):
        # one-sided force in a foreign place: the place's state is the recipient
        codes = {country_of(idx, m) for m in c.actors}
        code = location["country"]
        if code not in codes:
            from newsledger.extract.event_args import _country_actor

            cid = _country_actor(code, idx)
            c.recipients = [
                Mention(trig.head.i, trig.head.i + 1, cid, "GPE", location["name"], code)
            ]
    if not c.recipients and c.event in ("ASSAULT", "COERCE", "SANCTION"):
        c.recipients = _main_clause_subject(idx, trig.head, c.actors)
    inferred = False
    titled = any(m.actor in idx.titles for m in c.actors)
    ethnic = _ethnic(c, trig.head)
    if location and location.get("country") and ethnic and ethnic[0].code != location["country"]:
        # "ethnic Albanians demonstrated in Serbia": a people coded by where they live
        c.actors = [m for m in c.actors if m is not ethnic[0]]
    subj = first_child(trig.head, "nsubj")
    # "Trump blocked the sale to Turkey" with "Trump" missed by the NER: a named subject that
    # no mention covers is somebody unknown, not the state of the place
    unnamed = subj is None or subj.pos_ != "PROPN" or idx.tok_mention[subj.i] is not None
    if location and location.get("country") and not any(country_of(idx, m) for m in c.actors):
        if (c.actor_sector or not c.actors or titled) and unnamed:
            # PLOVER codes an unnamed domestic actor ("demonstrators", "a roadside bombing")
            # by the state where the event happened
            from newsledger.extract.event_args import _country_actor

            code = location["country"]
            cid = _country_actor(code, idx)
            c.actors = [*c.actors, Mention(trig.head.i, trig.head.i, cid, "LOCATION", "", code)]
            c.actor_sector = c.actor_sector or ("GOV" if titled else "UNK")
            inferred = True
    if c.actors and not any(country_of(idx, m) for m in c.actors):
        # "the Umma party will boycott Algeria's first elections": a domestic group or person
        # with no state of its own is coded by the one state its sentence names
        code = _sentence_state(idx, trig.head, c.recipients)
        if code is not None:
            from newsledger.extract.event_args import _country_actor

            cid = _country_actor(code, idx)
            c.actors = [*c.actors, Mention(trig.head.i, trig.head.i, cid, "GPE", "", code)]
            inferred = True
    a_ids, a_sec, a_codes, a_txt = _expand(idx, c.actors, c.actor_sector)
    r_ids, r_sec, r_codes, r_txt = _expand(idx, c.recipients, c.recipient_sector)
    # a state inferred from the place may also be the recipient (domestic events)
    named = set(a_ids[:-1]) if inferred else set(a_ids)
    att = _attribution_of(span.start_char, span.end_char, attributions)
    return PloverEvent(
        id=f"v{n}",
        span=[span.start_char, span.end_char],
        sentence=[sent_start, sent_end],
        event=c.event,
        mode=c.mode,
        actor=a_ids,
        recipient=[r for r in r_ids if r not in named],
        location=location,
        time=times.get(trig.head.i),
        status=att.get("status", "stated") if att else "stated",
        attribution=att["id"] if att else None,
        aux=c.aux,
        actor_sector=a_sec,
        recipient_sector=[s for r, s in zip(r_ids, r_sec, strict=True) if r not in named],
        actor_code=a_codes,
        recipient_code=[s for r, s in zip(r_ids, r_codes, strict=True) if r not in named],
        actor_text=a_txt,
        recipient_text=[s for r, s in zip(r_ids, r_txt, strict=True) if r not in named],
    )


def _sentence_state(idx: ArgIndex, p: Token, recipients: list[Mention]) -> str | None:
    """The only state named in the trigger's sentence that is no recipient's, or None."""
    sent = p.sent
    taken = {country_of(idx, m) for m in recipients}
    doc = p.doc
    codes = {
        country_of(idx, m)
        for m in idx.mentions
        if sent.start <= m.start < sent.end
        and m.label in ("GPE", "NORP")
        # a state in an object position ("sanctions against Nigeria") is acted upon
        and doc[m.start : max(m.end, m.start + 1)].root.dep_ not in ("pobj", "dobj", "dative")
    }
    codes.discard(None)
    if len(codes) == 1 and not codes & taken:
        return next(iter(codes))
    return None


def _ethnic(c: _Cand, p: Token) -> list[Mention]:
    """The actor mention when it is an ethnic group ("ethnic Albanians"), else []."""
    for m in c.actors:
        if m.label != "NORP":
            continue
        doc = p.doc
        if m.start > 0 and doc_tokens(doc)[m.start - 1].lower_ == "ethnic":
            return [m]
    return []


def _main_clause_subject(idx: ArgIndex, p: Token, actors: list[Mention]) -> list[Mention]:
    """The affected main-clause subject: "Iran might struggle ... after Israel bombed X"."""
    if p.dep_ != "advcl" or not any(
        ch.dep_ == "mark" and ch.lower_ in ("after", "when", "as", "since") for ch in p.children
    ):
        return []
    cur = p.head
    for _ in range(3):
        subj = first_child(cur, "nsubj", "nsubjpass")
        if subj is not None:
            found = np_actors(idx, subj)[0]
            ids = {m.actor for m in actors}
            return [m for m in found if m.actor not in ids and (m.code or m.label in ("GPE",))]
        if cur.dep_ in ("xcomp", "ccomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return []
