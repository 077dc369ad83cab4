"""The packaged PLOVER trigger lexicon and the trigger matcher.

Data lives in ``data/events/``: ``triggers.json`` (verbs, phrasal verbs, verb + object-class
rules, light verbs + event nouns), ``sectors.json`` (head noun -> PLOVER sector) and
``modality.json`` (auxiliary modes, complement-taking intent verbs). Everything is loaded once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

from newsledger.extract import doc_tokens

# Quantity/measure heads whose "of" complement names the real object ("large amounts of
# ammunition", "700 kg of medicine").
_MEASURE = frozenset(
    "amount amounts number numbers quantity quantities batch batches shipment shipments ton tons "
    "tonne tonnes kg kilogram kilograms lot lots package packages consignment consignments "
    "supply supplies load loads worth total range set sets series thousands hundreds dozens "
    "million millions billion billions day days week weeks month months hour hours round rounds "
    "part".split()
)
# Objects that make a "meet"/"talk"/"release" reading non-political ("meet weapons orders").
_NON_AGENT_OBJECTS = frozenset(
    "order orders demand demands need needs target targets deadline requirement requirements "
    "expectation expectations standard standards goal goals criterion criteria challenge "
    "statement video report footage figure figures data album film details document".split()
)


def _load(name: str) -> dict[str, Any]:
    path = resources.files("newsledger").joinpath("data", "events", name)
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The trigger lexicon, indexed for lookups by lemma."""

    verbs: dict[str, tuple[str, str | None]]
    phrasal: dict[str, tuple[str, str | None]]
    verb_object: dict[str, list[tuple[frozenset[str], str, str | None]]]
    light_verbs: frozenset[str]
    nouns: dict[str, tuple[str, str | None]]
    overrides: dict[str, tuple[str | None, str | None]]
    recipient_preps: dict[str, frozenset[str]]
    noun_preps: frozenset[str]
    instruments: dict[str, str]
    sectors: dict[str, str]
    modality: dict[str, frozenset[str]]
    classes: dict[str, frozenset[str]]
    verb_lemmas: frozenset[str]  # every lemma that can start a verb trigger (a cheap pre-check)
    noun_lemmas: frozenset[str]  # every last word of an event noun
    prep_nouns: tuple[frozenset[str], frozenset[str]]
    joint: tuple[frozenset[str], frozenset[str]]  # (activity nouns, "joint" markers)
    patient_of: frozenset[str]  # event nouns whose "of" object is the recipient
    crowd: tuple[frozenset[str], frozenset[str]]  # (gathering verbs, protester nouns)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicon (loaded once)."""
    data = _load("triggers.json")
    classes = {k: frozenset(v) for k, v in data["classes"].items()}
    vo: dict[str, list[tuple[frozenset[str], str, str | None]]] = {}
    for rule in data["verb_object"]:
        for verb in rule["verbs"]:
            vo.setdefault(verb, []).append((classes[rule["class"]], rule["event"], rule["mode"]))
    sectors: dict[str, str] = {}
    for code, words in _load("sectors.json").items():
        if code.startswith("_"):
            continue
        for w in words:
            sectors.setdefault(w, code)
    modality = {k: frozenset(v) for k, v in _load("modality.json").items() if not k.startswith("_")}
    return Lexicon(
        verbs={k: (v[0], v[1]) for k, v in data["verbs"].items()},
        phrasal={k: (v[0], v[1]) for k, v in data["phrasal"].items()},
        verb_object=vo,
        light_verbs=frozenset(data["light_verbs"]),
        nouns={k: (v[0], v[1]) for k, v in data["nouns"].items()},
        overrides={
            k: (v[0], v[1])
            for k, v in data["light_verb_overrides"].items()
            if not k.startswith("_")
        },
        recipient_preps={k: frozenset(v) for k, v in data["recipient_preps"].items()},
        noun_preps=frozenset(data["noun_arg_preps"]["preps"]),
        instruments=dict(data["assault_instruments"]),
        sectors=sectors,
        modality=modality,
        classes=classes,
        verb_lemmas=frozenset(
            [*data["verbs"], *vo, *data["light_verbs"], *(k.split()[0] for k in data["phrasal"])]
            + data["crowd_verbs"]["verbs"]
        ),
        noun_lemmas=frozenset(k.split()[-1] for k in data["nouns"]),
        crowd=(
            frozenset(data["crowd_verbs"]["verbs"]),
            frozenset(data["crowd_verbs"]["subjects"]),
        ),
        patient_of=frozenset(data["noun_patient_of"]["nouns"]),
        joint=(
            frozenset(data["joint_nouns"]["nouns"]),
            frozenset(data["joint_nouns"]["markers"]),
        ),
        prep_nouns=(
            frozenset(data["prep_event_nouns"]["preps"]),
            frozenset(data["prep_event_nouns"]["nouns"]),
        ),
    )


@dataclass(slots=True)
class Trigger:
    """A matched trigger: the head token of the event predicate and what it means."""

    head: Token  # the predicate: a verb, or the light verb of an event noun
    start: int  # token span of the trigger text [start, end)
    end: int
    event: str
    mode: str | None
    noun: Token | None = None  # the event noun of a light-verb construction
    obj: Token | None = None  # the object that decided a verb + object-class rule
    kind: str = "verb"  # verb|phrasal|object|light|noun


def noun_key(tok: Token) -> list[str]:
    """Lookup keys for a noun: "compound lemma" (e.g. "air strike") then its lemma."""
    lemma = tok.lemma_.lower()
    keys = []
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod") and child.i == tok.i - 1:
            keys.append(f"{child.lemma_.lower()} {lemma}")
            keys.append(f"{child.lower_} {tok.lower_}")
    keys += [lemma, tok.lower_]
    return keys


def object_head(tok: Token) -> Token:
    """The content noun of an object: through measure words ("amounts of ammunition")."""
    for _ in range(2):
        if tok.lower_ in _MEASURE or tok.lemma_.lower() in _MEASURE or tok.like_num:
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if pobj is None:
                break
            tok = pobj
    return tok


def in_class(tok: Token, words: frozenset[str]) -> bool:
    """Whether a noun (its "compound noun" form, or a compound modifier) is in a word class."""
    if any(k in words for k in noun_key(tok)):
        return True
    return any(c.dep_ == "compound" and c.lemma_.lower() in words for c in tok.lefts)


def event_noun_keys(tok: Token) -> list[str]:
    """Keys under which an object noun may name an event: itself, then its compounds.

    "a mediation effort", "a ceasefire agreement" -> also "mediation", "ceasefire".
    """
    keys = noun_key(tok)
    for c in tok.lefts:
        if c.dep_ == "compound" and c.pos_ == "NOUN":
            keys.append(c.lemma_.lower())
    return keys


def objects_of(verb: Token) -> list[Token]:
    """Direct objects of a verb (with their conjuncts), or the passive subject."""
    out = []
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        out.append(verb.head)  # "the sanctions imposed on Iran"
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr") or (c.dep_ == "dative" and c.pos_ != "ADP"):
            out.append(c)
            out.extend(cc for cc in c.conjuncts if cc.dep_ == "conj")
    return out


def _particle(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "prt" or (c.dep_ in ("prep", "dative", "agent", "advmod") and c.i > verb.i):
            key = f"{verb.lemma_.lower()} {c.lower_}"
            if key in lexicon().phrasal:
                return c
    return None


def match_verb(verb: Token) -> Trigger | None:
    """Match a verb against phrasal, verb + object-class, light-verb and plain verb entries."""
    lex = lexicon()
    lemma = verb.lemma_.lower()
    doc = verb.doc
    if (
        verb.i >= 2
        and doc_tokens(doc)[verb.i - 1].text == "-"
        and doc_tokens(doc)[verb.i - 2].lower_ == "test"
    ):
        lemma = "test"  # "test-fired a missile"
    if lemma in lex.crowd[0]:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and object_head(subj).lemma_.lower() in lex.crowd[1]:
            return Trigger(verb, verb.i, verb.i + 1, "PROTEST", "demo")
    if lemma not in lex.verb_lemmas:
        return None
    objs = [object_head(o) for o in objects_of(verb)]
    # verb + object class ("send troops", "supply drones", "impose sanctions")
    for classes, event, mode in lex.verb_object.get(lemma, ()):
        for o in objs:
            if in_class(o, classes):
                return Trigger(verb, verb.i, verb.i + 1, event, mode, obj=o, kind="object")
    # phrasal verbs: "call on", "pull out", "blow up"
    prt = _particle(verb)
    if prt is not None:
        event, mode = lex.phrasal[f"{lemma} {prt.lower_}"]
        lo, hi = min(verb.i, prt.i), max(verb.i, prt.i) + 1
        return Trigger(verb, lo, hi if hi - lo <= 3 else verb.i + 1, event, mode, kind="phrasal")
    # light verb + event noun ("launch an assault", "hold talks")
    if lemma in lex.light_verbs:
        # "remain on alert", "put under investigation": the event noun is a prepositional object
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in lex.prep_nouns[0]:
                for pobj in c.children:
                    if pobj.dep_ == "pobj" and any(k in lex.prep_nouns[1] for k in noun_key(pobj)):
                        objs.append(pobj)
        for o in objs:
            for key in event_noun_keys(o):
                override = lex.overrides.get(f"{lemma} {key}")
                if override is not None:
                    if override[0] is None:
                        return None
                    return Trigger(
                        verb, verb.i, o.i + 1, override[0], override[1], noun=o, kind="light"
                    )
                if key in lex.nouns:
                    event, mode = lex.nouns[key]
                    return Trigger(verb, verb.i, o.i + 1, event, mode, noun=o, kind="light")
    hit = lex.verbs.get(lemma)
    if hit is None:
        return None
    event, mode = hit
    if not _plain_verb_ok(verb, lemma, objs):
        return None
    return Trigger(verb, verb.i, verb.i + 1, event, mode)


def _plain_verb_ok(verb: Token, lemma: str, objs: list[Token]) -> bool:
    """Guards for polysemous plain verbs (no object rule matched)."""
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "dative")}
    if lemma in ("meet", "release", "free", "hold", "deliver", "give"):
        if any(
            o.lemma_.lower() in _NON_AGENT_OBJECTS or o.lower_ in _NON_AGENT_OBJECTS for o in objs
        ):
            return False
    if lemma in ("release", "free"):
        # "released a statement/an iPhone" is not a release of captives: needs people
        return any(o.ent_type_ in ("PERSON", "NORP") for o in objs)
    if lemma == "beat" and any(o.pos_ == "PROPN" for o in objs):
        return False  # "Brazil beat Argentina 2-1": a match
    if lemma in ("talk", "speak"):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        return bool(preps & {"with", "to"}) and not passive and verb.dep_ != "acl"
    if lemma == "meet" and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False  # "could be met with": an encounter
    if lemma == "seek" and not objs:
        return False  # "sought to build": an attempt, not a request
    if lemma in ("march", "rally") and objs:
        return False
    if lemma == "warn":
        return _has_future_complement(verb)
    if lemma == "back" and not objs:
        return False
    if lemma == "strike" and not objs:
        return True  # decided by the caller: a strike without object is labour action
    if lemma == "press" and not (objs or preps & {"for"}):
        return False
    return True


def _has_future_complement(verb: Token) -> bool:
    mod = lexicon().modality
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp", "advcl"):
            for t in c.subtree:
                if t.lower_ in mod["future_aux"] or t.lower_ in mod["conditional_aux"]:
                    return True
                if t.dep_ == "mark" and t.lower_ in mod["conditional_marks"]:
                    return True
    return False


def match_noun(tok: Token) -> tuple[str, str | None] | None:
    """An event noun's (event, mode), or None."""
    nouns = lexicon().nouns
    for key in noun_key(tok):
        if key in nouns:
            return nouns[key]
    return None


def sector_of(tok: Token) -> str | None:
    """PLOVER sector of an actor phrase's head noun ("troops" -> MIL), or None."""
    sectors = lexicon().sectors
    for key in noun_key(tok):
        if key in sectors:
            return sectors[key]
    return None
