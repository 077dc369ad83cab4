"""Quantities, pass 4: what a number measures, whose, where and when, from the parse.

For each number phrase (after ranges are merged) this reads:

* the **anchor**: the counted noun ("troops" in "3,000 North Korean troops"), else the phrase's
  own syntactic root ("26" in "26 were killed");
* the **governor**: the verb or event noun the anchor's phrase depends on. From the anchor it
  climbs through conjuncts, through container nouns ("a total of 10,000 soldiers") and through
  prepositions to a verb ("rose to 31"), or stops at an event noun ("a death toll of 31", "the
  deaths of 26"); a participle or relative clause on the counted noun governs it first ("31
  people killed", "200 people who were freed"). A raising verb passes the role on to its
  complement ("were due to arrive", "aims to deploy"); a level verb ("rose", "reached")
  passes it to its subject when that names a measure ("the death toll rose to 31");
* ``counted``: the anchor's lemma (people and demonym nouns are "person"; money is its
  currency code in lowercase; percentages, fractions, measurements and ages count nothing);
* ``happened``: the governor's lemma unless it is a light or report verb, merged by ``same``
  ("die" -> "kill"); event nouns map through ``event_nouns``;
* ``negated``: the governor, or a raising verb above it, has a negation;
* ``qualifier``: a country/organisation actor modifying the counted noun (an entity inside
  the phrase, a "from X"/"of X" dependent, a possessor, the demonym noun itself), else the
  subject of an owner verb the phrase is the object of ("North Korea aims to deploy 10,000
  soldiers");
* ``place``: the object of a locative preposition on the governor, the anchor or the measure
  noun (a country as its actor id, another place by its geocoded name, else its text);
* ``time``: the id of a ``time`` record in the same sentence that attaches to the same clause;
* ``measure``: ``"<counted, plural> <happened, past participle>"``, or the plural alone.

The word lists are ``data/quantities/measure.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from newsledger import geo
from newsledger.extract import Layers, doc_tokens
from newsledger.extract.actors import person_country
from newsledger.extract.quantities.lexicon import _lex
from newsledger.extract.quantities.numbers import _Num
from newsledger.wordforms import participle, plural

_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_CORE_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative", "oprd", "agent", "csubj"})
_OBJECT_ARGS = frozenset({"dobj", "nsubjpass", "oprd", "dative"})
_CLIMB_DEPS = frozenset({"conj", "appos", "nummod", "quantmod", "compound", "nmod", "npadvmod"})
_CLAUSE_LINKS = frozenset({"xcomp", "acomp", "aux", "auxpass"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_QUALIFIER_KINDS = ("country:", "org:", "group:")


@dataclass(frozen=True)
class _MLex:
    light: frozenset[str]
    raising: frozenset[str]
    level: frozenset[str]
    event_nouns: dict[str, dict[str, str | None]]
    verb_objects: dict[str, str]
    idiom_verbs: frozenset[str]
    member_preps: frozenset[str]
    containers: frozenset[str]
    same: dict[str, str]
    person_nouns: dict[str, str]
    person_verbs: frozenset[str]
    owner_verbs: frozenset[str]
    movement_verbs: frozenset[str]
    loc_preps: frozenset[str]
    dir_preps: frozenset[str]
    regions: frozenset[str]


@lru_cache(maxsize=1)
def _mlex() -> _MLex:
    path = resources.files("newsledger").joinpath("data", "quantities", "measure.json")
    d = json.loads(path.read_text(encoding="utf-8"))
    return _MLex(
        light=frozenset(d["light_verbs"]),
        raising=frozenset(d["raising_verbs"]),
        level=frozenset(d["level_verbs"]),
        event_nouns=d["event_nouns"],
        verb_objects=d["verb_objects"],
        idiom_verbs=frozenset(k.split()[0] for k in d["verb_objects"]),
        member_preps=frozenset(d["member_preps"]),
        containers=frozenset(d["containers"]),
        same=d["same"],
        person_nouns=d["person_nouns"],
        person_verbs=frozenset(d["person_verbs"]),
        owner_verbs=frozenset(d["owner_verbs"]),
        movement_verbs=frozenset(d["movement_verbs"]),
        loc_preps=frozenset(d["locative_preps"]),
        dir_preps=frozenset(d["directional_preps"]),
        # geo.region_words reads its file on every call: read it once here.
        regions=geo.region_words(),
    )


# ---------------------------------------------------------------------------------------
# Word forms


def measure_text(counted: str | None, happened: str | None, money: bool = False) -> str | None:
    """``"<counted plural> <happened participle>"``; the plural alone; None without ``counted``."""
    if counted is None:
        return None
    noun = counted if money else plural(counted)
    return f"{noun} {participle(happened)}" if happened else noun


# ---------------------------------------------------------------------------------------
# The parse around a number


def _lemma(tok: Token) -> str:
    lem = tok.lemma_.lower()
    low = tok.lower_
    # the small model lemmatises some "-ied" forms to "-ie" ("readied" -> "readie")
    # ("die", "lie", "tie" are real: only longer forms are repaired)
    if len(lem) > 4 and lem.endswith("ie") and low.endswith("ied") and lem == low[:-1]:
        return low[:-3] + "y"
    return lem


def _anchor(doc: Doc, num: _Num) -> Token:
    """The counted noun, else the root of the number's own tokens."""
    toks = doc_tokens(doc)
    if num.head >= 0:
        return toks[num.head]
    lo, hi = num.start, max(num.end, num.unit_end, num.start + 1)
    for k in range(lo, hi):
        h = toks[k].head.i
        if h < lo or h >= hi or h == k:
            return toks[k]
    return toks[hi - 1]


def _noun_key(tok: Token, lex: _MLex) -> dict[str, str | None] | None:
    """The ``event_nouns`` entry of a noun (with its compound: "death toll"), else None."""
    lem = _lemma(tok)
    comp = [c for c in tok.lefts if c.dep_ == "compound"]
    if comp:
        key = f"{_lemma(comp[-1])} {lem}"
        if key in lex.event_nouns:
            return lex.event_nouns[key]
    return lex.event_nouns.get(lem) or lex.event_nouns.get(tok.lower_)


@dataclass(slots=True)
class _Gov:
    """What governs a number phrase."""

    token: Token | None = None  # the verb, adjective or event noun
    event: dict[str, str | None] | None = None  # its event_nouns entry when it is a noun
    role: str = ""  # the dependency of the phrase's top token on the governor
    top: Token | None = None  # the phrase's top token (the anchor or its container)
    chain: tuple[Token, ...] = ()  # verbs passed through (raising), for negation and time


def _governor(anchor: Token, num: _Num, lex: _MLex) -> _Gov:
    """The verb or event noun that says what happened to the anchor's phrase.

    The phrase's own governor comes first ("freed 17 hostages who had been held"); when it
    says nothing (a light or report verb, a preposition, none), a clause on the counted noun
    does: "reported 31 people killed", "200 people who were freed".
    """
    gov = _climb(anchor, num, lex)
    _lower_raising(gov, lex)
    if _says_what_happened(gov, lex):
        return gov
    for c in anchor.rights:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            clause = _Gov(c, None, "acl", anchor)
        elif c.dep_ == "relcl" and any(
            g.dep_ in ("nsubj", "nsubjpass") and g.tag_ in ("WP", "WDT") for g in c.children
        ):
            clause = _Gov(c, None, "relcl", anchor)
        else:
            continue
        _lower_raising(clause, lex)
        if _says_what_happened(clause, lex):
            return clause
    return gov


def _says_what_happened(gov: _Gov, lex: _MLex) -> bool:
    tok = gov.token
    if tok is None:
        return False
    if gov.event is not None:
        return True
    lem = _lemma(tok)
    if tok.pos_ != "VERB":
        return False
    if lem in lex.level and gov.role not in ("nsubj", "nsubjpass"):
        return True  # "the death toll rose to 31": read through the subject
    return lem not in lex.light and not gov.role.startswith("prep:")


def _climb(anchor: Token, num: _Num, lex: _MLex) -> _Gov:
    """Climb from the anchor through conjuncts, containers and prepositions to a governor."""
    cur = anchor
    for _ in range(8):
        dep, head = cur.dep_, cur.head
        if head.i == cur.i:
            return _Gov(None, None, "", cur)
        if dep in _CLIMB_DEPS and head.pos_ in _NOMINAL:
            if dep == "conj" or dep == "appos" or cur.pos_ == "NUM" or cur.i < head.i:
                cur = head
                continue
            return _Gov(None, None, "", cur)
        if dep == "pobj":
            prep, gov = head, head.head
            if num.start <= gov.i < num.end:
                cur = gov  # "thousands of soldiers", "dozens of passengers": the number itself
                continue
            if gov.pos_ in _NOMINAL or gov.pos_ == "ADJ":
                entry = _noun_key(gov, lex)
                if entry is not None:
                    return _Gov(gov, entry, "pobj", cur)
                if prep.lower_ == "of" and _lemma(gov) in lex.containers:
                    cur = gov
                    continue
                if prep.lower_ in lex.member_preps and gov.pos_ in _NOMINAL:
                    cur = gov  # "31 people, including 23 soldiers, were killed"
                    continue
                return _Gov(None, None, "", cur)
            if gov.pos_ in _VERBAL:
                return _Gov(gov, None, "prep:" + prep.lower_, cur)
            return _Gov(None, None, "", cur)
        if head.pos_ in _VERBAL:
            return _Gov(head, None, dep, cur)
        if head.pos_ == "ADJ":
            entry = _noun_key(head, lex)  # "at least 31 dead"; not "25% more"
            return _Gov(head if entry else None, entry, dep if entry else "", cur)
        if head.pos_ in _NOMINAL:
            entry = _noun_key(head, lex)
            if entry is not None and dep in ("nummod", "compound", "amod"):
                return _Gov(head, entry, dep, cur)  # "31 deaths" read as a modifier
        return _Gov(None, None, "", cur)
    return _Gov(None, None, "", cur)


def _lower_raising(gov: _Gov, lex: _MLex) -> None:
    """'were due to arrive', 'are expected to die': the complement verb governs."""
    tok = gov.token
    chain: list[Token] = []
    while tok is not None and tok.pos_ in _VERBAL | {"ADJ"} and _lemma(tok) in lex.raising:
        nxt = None
        for c in tok.children:
            if c.dep_ == "xcomp" and c.pos_ in _VERBAL:
                nxt = c
                break
            if c.dep_ == "acomp":
                nxt = next((g for g in c.children if g.dep_ == "xcomp"), None)
                if nxt is not None:
                    break
        if nxt is None or nxt.i in {t.i for t in chain}:
            break
        chain.append(tok)
        tok = nxt
    gov.chain = tuple(chain)
    gov.token = tok


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it is the complement of."""
    cur = verb
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def _level_subject(gov: _Gov, lex: _MLex) -> Token | None:
    """'the death toll rose to 31': the subject that names the measure, else None."""
    tok = gov.token
    if tok is None or tok.pos_ not in _VERBAL or _lemma(tok) not in lex.level:
        return None
    if gov.role in ("nsubj", "nsubjpass"):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    return subj


def _negated(tokens: list[Token]) -> bool:
    return any(c.dep_ == "neg" for t in tokens for c in t.children)


# ---------------------------------------------------------------------------------------
# Actors, places and times from the layers


class _Spans:
    """Entities and times of one article, indexed for token look-ups."""

    def __init__(self, doc: Doc, layers: Layers) -> None:
        self.doc = doc
        self.entities = [e for e in layers.get("entity", ()) if e.get("span")]
        self.times = [t for t in layers.get("time", ()) if t.get("span")]
        self._time_paths: list[tuple[int, list[int], str]] | None = None

    def time_paths(self) -> list[tuple[int, list[int], str]]:
        """Per time record: its root token, the tokens it climbs through, its id.

        From the time's root the parse is climbed to the first verb above it (included) or
        the sentence root: a number whose clause tokens meet this path shares the time.
        Computed once per article.
        """
        if self._time_paths is None:
            paths = []
            for t in self.times:
                a, b = t["span"]
                span = self.doc.char_span(a, b, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                root = span.root
                cur, path = root, [root.i]
                for _ in range(12):
                    if (cur.pos_ in _VERBAL and cur.i != root.i) or cur.head.i == cur.i:
                        break
                    cur = cur.head
                    path.append(cur.i)
                paths.append((root.i, path, t["id"]))
            self._time_paths = paths
        return self._time_paths

    def entity_at(self, tok: Token) -> dict[str, Any] | None:
        a = tok.idx
        for e in self.entities:
            s, t = e["span"]
            if s <= a < t:
                return e
        return None

    def entities_in(self, start: int, end: int) -> list[dict[str, Any]]:
        return [e for e in self.entities if start <= e["span"][0] and e["span"][1] <= end]


def _qualifier_of(actor: str | None) -> str | None:
    if not actor:
        return None
    if actor.startswith(_QUALIFIER_KINDS):
        return actor
    if actor.startswith("person:"):
        return person_country(actor)
    return None


def _phrase_actor(spans: _Spans, tok: Token) -> str | None:
    """The country/organisation a noun phrase headed by ``tok`` names."""
    ent = spans.entity_at(tok)
    if ent is not None and _qualifier_of(ent.get("actor")):
        return _qualifier_of(ent.get("actor"))
    # the head's own left part only ("Russia's army", not a clause after it)
    for e in reversed(spans.entities_in(tok.left_edge.idx, tok.idx + len(tok))):
        q = _qualifier_of(e.get("actor"))
        if q:
            return q
    return None


def _qualifier(
    doc: Doc, num: _Num, anchor: Token, gov: _Gov, spans: _Spans, lex: _MLex
) -> str | None:
    toks = doc_tokens(doc)
    # the counted noun is itself a demonym: "2,600 North Koreans"
    ent = spans.entity_at(anchor)
    if ent is not None and num.head >= 0:
        q = _qualifier_of(ent.get("actor"))
        if q:
            return q
    # a nationality or organisation inside the phrase: "3,000 North Korean troops"
    if num.head >= 0:
        first = toks[num.span_start].idx
        for e in reversed(spans.entities_in(first, anchor.idx)):
            q = _qualifier_of(e.get("actor"))
            if q and e.get("label") != "PERSON":
                return q
    # "troops from North Korea", "soldiers of the Wagner group", "Russia's soldiers"
    for c in anchor.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "of") and c.i > anchor.i:
            for p in c.children:
                if p.dep_ == "pobj":
                    q = _phrase_actor(spans, p)
                    if q:
                        return q
        if c.dep_ == "poss":
            q = _phrase_actor(spans, c)
            if q:
                return q
    # "North Korea aims to deploy 10,000 soldiers": the owner verb's subject
    verb = gov.token
    if (
        verb is not None
        and gov.event is None
        and verb.pos_ in _VERBAL
        and _lemma(verb) in lex.owner_verbs
        # "conj": an object the parser joined to the verb ("supplied drones and 200 missiles")
        and (gov.role in _OBJECT_ARGS or gov.role == "conj" or gov.role.startswith("prep:"))
        and gov.role != "prep:by"
    ):
        if gov.role == "nsubjpass":
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        else:
            subj = _subject(verb)
        if subj is not None and subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            subj = verb.head  # "Iran, which has supplied 200 missiles"
        if subj is not None and subj.tag_ not in ("WP", "WDT", "PRP"):
            return _phrase_actor(spans, subj)
    return None


def _toponym(tok: Token, spans: _Spans, lex: _MLex) -> str | None:
    """A place the prepositional object ``tok`` names: country id, geocoded name or text."""
    # The actors layer corrects the model's labels ("in Niger" tagged DATE): it comes first.
    ent = spans.entity_at(tok)
    actor = (ent.get("actor") or "") if ent is not None else ""
    if ent is None and tok.ent_type_ in ("DATE", "TIME", "PERSON", "ORG", "NORP", "CARDINAL"):
        return None
    doc = tok.doc
    if tok.lower_ in lex.regions:
        names = [t for t in tok.lefts if t.dep_ in ("compound", "amod") and t.pos_ == "PROPN"]
        if not names:
            return None
        text = doc[min(t.i for t in names) : tok.i + 1].text
        loc = geo.geocode(text)
        return loc["name"] if loc else text
    if tok.pos_ != "PROPN" and tok.ent_type_ not in _PLACE_LABELS and not actor:
        # "near Macedonia's border", "in the west of Ukraine"
        inner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if inner is None:
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None:
                inner = next((c for c in of.children if c.dep_ == "pobj"), None)
        return _toponym(inner, spans, lex) if inner is not None and inner.i != tok.i else None
    if (
        ent is not None
        and not actor.startswith("country:")
        and (actor or ent.get("label") not in _PLACE_LABELS)
    ):
        return None  # a person or an organisation, not a place
    left = tok.i
    while left > 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].head.i == tok.i:
        left -= 1
    text = doc[left : tok.i + 1].text
    loc = geo.geocode(text)
    if loc is not None:
        country = loc.get("country")
        if country and loc["name"] == geo.country_name(country):
            return f"country:{country}"  # a country, not a city in it ("in Tripoli")
        return loc["name"] if loc["name"] in text else text
    if actor.startswith("country:"):
        return actor
    code = geo.country_code(text)
    if code:
        return f"country:{code}"
    return text if tok.ent_type_ in _PLACE_LABELS or ent is not None else None


def _place(heads: list[Token], verb: Token | None, spans: _Spans, lex: _MLex) -> str | None:
    moving = verb is not None and _lemma(verb) in lex.movement_verbs
    best: tuple[int, str] | None = None
    for h in heads:
        for c in h.children:
            if c.dep_ not in ("prep", "dative"):
                continue
            low = c.lower_
            rank = 0 if low in lex.loc_preps else 1 if moving and low in lex.dir_preps else -1
            if rank < 0:
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                place = _toponym(p, spans, lex)
                if place and (best is None or rank < best[0]):
                    best = (rank, place)
    return best[1] if best else None


def _clause_head(tok: Token) -> Token:
    """The verb whose clause holds ``tok`` (through prepositions and noun phrases)."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in _VERBAL or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _time(
    doc: Doc, anchor: Token, heads: list[Token], clause: Token | None, spans: _Spans
) -> str | None:
    # A time reached by climbing the parse from its root is in the number's sentence (a
    # dependency tree never crosses sentences), so no sentence test is needed.
    targets = {h.i for h in heads}
    if clause is not None:
        targets.add(clause.i)
    best: tuple[int, str] | None = None
    for root, path, tid in spans.time_paths():
        if any(i in targets for i in path):
            dist = abs(root - anchor.i)
            if best is None or dist < best[0]:
                best = (dist, tid)
    return best[1] if best else None


# ---------------------------------------------------------------------------------------
# Entry point


def read_measure(doc: Doc, num: _Num, spans: _Spans) -> dict[str, Any]:
    """The measure fields of one number phrase (see the module docstring)."""
    lex = _mlex()
    anchor = _anchor(doc, num)
    gov = _governor(anchor, num, lex)
    verb = gov.token
    # counted
    counted: str | None = None
    money = num.unit_kind == "money"
    if money:
        counted = (num.currency or num.unit or "").split(" per ")[0].lower() or None
    elif num.unit_kind == "count" and num.head >= 0 and not _one_of(doc, num):
        counted = _counted_noun(doc, num, anchor, spans, lex)
    # happened
    happened: str | None = None
    level_subj = _level_subject(gov, lex)
    heads: list[Token] = [anchor]
    if gov.event is not None:
        happened = gov.event.get("happened")
        if counted is None and num.unit_kind is None:
            counted = gov.event.get("counted")
        if verb is not None:
            heads.append(verb)
    elif level_subj is not None:
        entry = _noun_key(level_subj, lex)
        heads.extend([verb, level_subj] if verb is not None else [level_subj])
        if entry is not None:
            happened = entry.get("happened")
            if counted is None and num.unit_kind is None:
                counted = entry.get("counted")
        else:
            happened, counted = _measure_noun(level_subj, counted, num, lex)
    elif verb is not None:
        lem = _lemma(verb)
        heads.append(verb)
        # "lost their lives", "took 20 people hostage": the verb with its object says it
        idiom = None
        if lem in lex.idiom_verbs:
            idiom = next(
                (
                    lex.verb_objects[f"{lem} {_lemma(c)}"]
                    for c in verb.children
                    if c.dep_ in ("dobj", "oprd", "npadvmod")
                    and f"{lem} {_lemma(c)}" in lex.verb_objects
                ),
                None,
            )
        # Through a preposition the number is a circumstance ("killed in 500 attacks"), and
        # a duration or an age is not what a verb acts on ("tracked them over seven years").
        if (
            lem.replace("-", "").isalpha()
            and (idiom is not None or (lem not in lex.light and verb.pos_ != "AUX"))
            and not gov.role.startswith("prep:")
            and num.unit_kind not in ("time", "age")
        ):
            happened = idiom or lem
            if counted is None and num.unit_kind is None and happened in lex.person_verbs:
                counted = "person"  # "at least 26 were killed"
    if happened is None and num.head >= 0 and counted is not None:
        entry = _noun_key(anchor, lex)  # "reported 144 deaths": the counted noun says it
        if entry is not None:
            happened = entry.get("happened")
    if happened is not None:
        happened = lex.same.get(happened, happened)
    # negation is read on a governor that says what happened, not on "was not the case"
    negated = happened is not None and _negated([t for t in (verb, *gov.chain) if t is not None])
    clause = _clause_head(verb) if verb is not None else _clause_head(gov.top or anchor)
    return {
        "counted": counted,
        # a qualifier qualifies what is counted: nothing without a counted thing
        "qualifier": _qualifier(doc, num, anchor, gov, spans, lex) if counted else None,
        "happened": happened,
        "negated": negated,
        "measure": measure_text(counted, happened, money),
        "place": _place(heads, verb, spans, lex) if num.unit_kind != "age" else None,
        "time": _time(doc, anchor, heads + list(gov.chain), clause, spans),
    }


def _one_of(doc: Doc, num: _Num) -> bool:
    """Whether the phrase is "one of ...": a member of a set ("one of the leaders"), no count."""
    toks = doc_tokens(doc)
    return num.kind == "one" and num.end < len(toks) and toks[num.end].lower_ == "of"


def _counted_noun(doc: Doc, num: _Num, anchor: Token, spans: _Spans, lex: _MLex) -> str | None:
    """Lemma of the counted noun; "person" for people and demonym nouns."""
    toks = doc_tokens(doc)
    tok = toks[num.extra["counted"]] if "counted" in num.extra else anchor
    low, lem = tok.lower_, _lemma(tok)
    units = _lex()
    if low in units.time_units or lem in units.time_units or low in units.fractions:
        return None  # "two more years", "two-thirds": a duration or a share counts nothing
    if low in lex.person_nouns:
        return lex.person_nouns[low]
    if lem in lex.person_nouns:
        return lex.person_nouns[lem]
    ent = spans.entity_at(tok)
    if ent is not None and (ent.get("actor") or "").startswith("country:"):
        return "person"  # "2,600 North Koreans"
    if tok.ent_type_ == "NORP" and (tok.tag_ in ("NNPS", "NNS") or low.endswith("s")):
        return "person"  # "five Uyghurs", "Chinese nationals" stay "national"
    entry = _noun_key(tok, lex)
    if entry is not None and entry.get("counted"):
        return entry["counted"]  # "31 deaths"
    if tok.tag_ in ("NNP", "NNPS") and lem == low and low.endswith("s") and not low.endswith("ss"):
        return low[:-1]  # proper plurals the model leaves as they are ("Uyghurs")
    return lem


def _measure_noun(
    subj: Token, counted: str | None, num: _Num, lex: _MLex
) -> tuple[str | None, str | None]:
    """'the number of people killed rose to 31': counted and happened from the subject."""
    if _lemma(subj) not in lex.containers:
        return None, counted
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if inner is None:
        return None, counted
    entry = _noun_key(inner, lex)
    if entry is not None:  # "the number of dead"
        return entry.get("happened"), counted or entry.get("counted")
    if counted is None and num.unit_kind is None:
        counted = lex.person_nouns.get(inner.lower_, _lemma(inner))
    # "the number of people killed"; the parser may hang the participle on "number"
    part = next(
        (
            c
            for c in (*inner.children, *subj.children)
            if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
        ),
        None,
    )
    happened = _lemma(part) if part is not None and _lemma(part) not in lex.light else None
    return happened, counted
