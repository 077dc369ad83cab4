"""Event arguments: who (actors, recipients, sectors), where (location) for PLOVER events.

Actor mentions come from the earlier ``entity``/``actor`` layers; where those are missing (an
entity without a canonical actor, a demonym the NER missed), the packaged country table of
:mod:`newsledger.geo` fills in ``country:XXX`` ids. Everything here is per-token dictionary work
over one parsed Doc.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.symbols import ADJ, PROPN
from spacy.tokens import Doc, Token

from newsledger import geo
from newsledger.extract import doc_text, doc_tokens
from newsledger.extract.actors import org_home
from newsledger.extract.event_lexicon import lexicon, noun_key, object_head, sector_of


def aux_children(tok: Token) -> list[str]:
    """The lower-cased auxiliaries (active and passive) of a verb."""
    return [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]


_SLUG = re.compile(r"[^a-z0-9]+")
_PERSON_PRON = frozenset("he him his she her hers himself herself".split())
_GROUP_PRON = frozenset("it its they them their theirs itself themselves".split())
_SPEAKER_PRON = frozenset("i me my we us our".split())
_REL_PRON = frozenset("which who that whom whose".split())
_LOC_PREPS = (
    "in",
    "near",
    "at",
    "outside",
    "around",
    "inside",
    "across",
    "within",
    "throughout",
    "off",
)
_DIR_PREPS = ("to", "into", "toward", "towards")
_PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))
_VENUE_HEADS = frozenset("headquarters embassy office offices residence palace ministry".split())
_INSTITUTIONS = frozenset(
    "parliament congress senate government army police military navy cabinet court".split()
)
_GOV_TITLES = frozenset(
    "president prime minister premier chancellor king queen emir leader foreign secretary "
    "ambassador envoy spokesman spokeswoman governor general commander chief head mayor "
    "sheikh ayatollah dictator tyrant monarch".split()
)


def slug(text: str) -> str:
    """Id slug of a name ("Mark Rutte" -> "mark-rutte")."""
    return _SLUG.sub("-", text.lower()).strip("-")


@dataclass(slots=True)
class Mention:
    """An actor mention: tokens [start, end), canonical id, NER label, text."""

    start: int
    end: int
    actor: str
    label: str
    text: str
    code: str | None = None  # ISO alpha-3 for countries
    country: str | None = None  # a country named inside an org/person name ("Latvian ... Court")


@dataclass(slots=True)
class ArgIndex:
    """Per-document lookup tables for event arguments."""

    doc: Doc
    tok_mention: list[Mention | None]
    mentions: list[Mention]
    starts: list[int]
    actor_names: dict[str, str]
    actor_codes: dict[str, str | None]
    new_actors: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)
    affiliation: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    speakers: list[tuple[int, int, str | None]] = field(default_factory=list)
    para: list[int] = field(default_factory=list)
    text: str = ""  # doc.text, cached: the property rebuilds the string on every access
    toks: list[Token] = field(default_factory=list)  # the doc's tokens, created once
    titles: dict[str, str] = field(default_factory=dict)  # person -> sector of their title
    sent_start: list[int] = field(default_factory=list)  # token -> first token of its sentence
    sent_end: list[int] = field(default_factory=list)  # token -> end token of its sentence

    def sent_span(self, tok: Token) -> tuple[int, int]:
        """Character span of a token's sentence (``Token.sent`` is linear in the doc)."""
        s, e = self.sent_start[tok.i], self.sent_end[tok.i]
        return doc_tokens(self.doc)[s].idx, doc_tokens(self.doc)[e - 1].idx + len(
            doc_tokens(self.doc)[e - 1].text
        )

    def linked(self, a: Token, b: Token) -> bool:
        """Whether two tokens are in the same paragraph (the parser may link across lines)."""
        return self.para[a.i] == self.para[b.i]


_NEWLINE = re.compile("\n")
_NAME_POS = frozenset({PROPN, ADJ})  # symbol ids of the tags a demonym or country name takes


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Token -> first token of its sentence, token -> end of its sentence (as ``doc.sents``)."""
    n = len(doc)
    if n == 0 or "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        starts, ends = [0] * n, [n] * n
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                starts[i], ends[i] = sent.start, sent.end
        return starts, ends
    # Doc.sents opens a sentence at token 0 and at every later token whose SENT_START is 1.
    flags = doc.to_array(SENT_START) == 1
    flags[0] = True
    bounds = np.flatnonzero(flags)
    lengths = np.diff(np.append(bounds, n))
    return np.repeat(bounds, lengths).tolist(), np.repeat(
        np.append(bounds[1:], n), lengths
    ).tolist()


def build_index(doc: Doc, layers: dict[str, list[dict[str, Any]]]) -> ArgIndex:
    """Index actor mentions by token, filling gaps from the packaged country table."""
    n = len(doc)
    tok_mention: list[Mention | None] = [None] * n
    names: dict[str, str] = {}
    codes: dict[str, str | None] = {}
    for rec in layers.get("actor", []):
        names[rec["id"]] = rec.get("name") or rec["id"]
        codes[rec["id"]] = rec.get("code") if rec.get("kind") == "country" else None
    idx = ArgIndex(doc, tok_mention, [], [], names, codes)
    text = doc_text(doc)
    idx.text = text
    toks = doc_tokens(doc)
    idx.toks = toks
    # Per-token arrays come from Doc.to_array in one C pass: a Python loop over the tokens
    # would make every Token object again and read its attributes one by one.
    offsets = doc.to_array(IDX)
    nl = np.array([m.start() for m in _NEWLINE.finditer(text)], dtype=np.int64)
    para = np.searchsorted(nl, offsets, side="left").tolist() if n else []
    idx.para = para
    idx.sent_start, idx.sent_end = _sentence_bounds(doc)

    def add(span: Any, actor: str, label: str) -> None:
        if span is None or any(tok_mention[i] is not None for i in range(span.start, span.end)):
            return
        code = codes.get(actor)
        if code is None and actor.startswith("country:"):
            code = actor.split(":", 1)[1]
        m = Mention(span.start, span.end, actor, label, span.text, code)
        if code is None and label != "PERSON":
            # a country the name itself carries, else an armed group's home state ("Taliban")
            m.country = _inner_country(span) or org_home(actor)[0]
        for i in range(span.start, span.end):
            tok_mention[i] = m

    placed = bytearray(n)  # tokens the entity layer called a place with no actor
    for ent in layers.get("entity", []):
        actor = ent.get("actor")
        label = ent.get("label") or ""
        span = doc.char_span(ent["span"][0], ent["span"][1], alignment_mode="expand")
        if not actor:
            actor = _fallback_actor(ent.get("text") or "", label, idx)
        if not actor:
            if span is not None and label in ("LOC", "GPE", "FAC"):
                placed[span.start : span.end] = b"\x01" * (span.end - span.start)
            continue
        if span is not None and label in ("PERSON", "ORG") and len(span) > 1:
            # "Bosnian Serbs" mistaken for a name: every word is a demonym
            words = [t.text for t in span if t.is_alpha and t.lower_ != "the"]
            if len(words) > 1 and all(geo.country_code(w) for w in words):
                actor, label = _country_actor(geo.country_code(words[0]) or "", idx), "NORP"
        add(span, actor, label)
    # NER entities the entity layer did not cover (or no entity layer at all)
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "PERSON", "ORG", "LOC"):
            continue
        if any(placed[ent.start : ent.end]):
            continue  # "from Kherson" tagged PERSON: the entity layer made it a place
        actor = _fallback_actor(ent.text, ent.label_, idx)
        if actor:
            add(ent, actor, ent.label_)
    # demonyms/country names the NER missed ("NORTH Korean" is sometimes an ADJ only)
    # the first letter is read from the text at the token's offset and the part of speech as
    # a symbol id: no string is made for the many tokens this loop only passes over
    starts = offsets.tolist()
    i = 0
    while i < n:
        tok = toks[i]
        if (
            tok_mention[i] is None
            and text[starts[i] : starts[i] + 1].isupper()
            and tok.pos in _NAME_POS
        ):
            for width in (3, 2, 1):
                if i + width > n:
                    continue
                last_tok = toks[i + width - 1]
                span_text = text[tok.idx : last_tok.idx + len(last_tok.text)]
                code = geo.country_code(span_text)
                if code and not any(tok_mention[j] for j in range(i, i + width)):
                    actor = _country_actor(code, idx)
                    add(doc[i : i + width], actor, "NORP" if tok.pos_ == "ADJ" else "GPE")
                    i += width - 1
                    break
        i += 1
    seen: set[int] = set()
    for m in tok_mention:
        if m is not None and id(m) not in seen:
            seen.add(id(m))
            idx.mentions.append(m)
    idx.mentions.sort(key=lambda m: m.start)
    for m in idx.mentions:
        if m.label == "NORP" and m.end - m.start > 1:
            # "Bosnian Serbs", "Iraqi Kurds": the leading demonym names the state they live in
            first = geo.country_code(doc_tokens(doc)[m.start].text)
            if first and first != m.code and geo.country_code(doc[m.start + 1 : m.end].text):
                m.actor = _country_actor(first, idx)
                m.code = first
    # an organisation whose name phrase carries a country ("the Serbian Workers' Union")
    for m in idx.mentions:
        if m.code is None and m.country is None and m.label == "ORG":
            root = doc[m.start : m.end].root
            for t in _modifiers(root, m.start):
                other = tok_mention[t.i]
                if other is not None and other is not m and (other.code or other.country):
                    m.country = other.code or other.country
                    break
    idx.starts = [m.start for m in idx.mentions]
    _affiliations(idx)
    for att in layers.get("attribution", []):
        content = att.get("content")
        if content:
            idx.speakers.append((content[0], content[1], att.get("speaker")))
    return idx


def _inner_country(span: Any) -> str | None:
    """A country named inside a multi-word name ("The Nigerian Union of Teachers" -> NGA)."""
    toks = [t for t in span if t.is_title or t.is_upper]
    for width in (3, 2, 1):
        for i in range(len(toks) - width + 1):
            if toks[i + width - 1].i - toks[i].i != width - 1:
                continue
            code = geo.country_code(" ".join(t.text for t in toks[i : i + width]))
            if code:
                return code
    return None


def _country_actor(code: str, idx: ArgIndex) -> str:
    actor = f"country:{code}"
    if actor not in idx.actor_names:
        name = geo.country_name(code) or code
        idx.actor_names[actor] = name
        idx.actor_codes[actor] = code
        idx.new_actors[actor] = (name, "country", code)
    return actor


def _fallback_actor(text: str, label: str, idx: ArgIndex) -> str | None:
    """A canonical id for an entity the actor layer left unresolved."""
    text = text.strip()
    if not text:
        return None
    if label in ("GPE", "NORP", "LOC", "ORG"):
        code = geo.country_code(text)
        if code:
            return _country_actor(code, idx)
    if not text[:1].isupper():
        return None
    if label == "PERSON":
        kind, name = "person", re.sub(r"(?:'s|’s)$", "", text)
    elif label == "ORG":
        kind, name = "org", re.sub(r"^(?:the|The)\s+", "", text)
    else:
        return None
    actor = f"{kind}:{slug(name)}"
    idx.actor_names.setdefault(actor, name)
    idx.new_actors.setdefault(actor, (name, kind, None))
    return actor


def _affiliations(idx: ArgIndex) -> None:
    """Person -> (country, sector) from titles ("Russian President Vladimir Putin")."""
    doc = idx.doc
    for m in idx.mentions:
        if not m.actor.startswith("person:") or m.actor in idx.affiliation:
            continue
        root = doc[m.start : m.end].root
        # the mention's noun phrase: left modifiers plus appositions
        toks = _modifiers(root, m.start)
        # "Quatar's emir, Sheikh Hamad ...": a title phrase just before the name
        left = m.start - 1
        crossed = False
        while left >= max(0, m.start - 6) and idx.sent_start[left] == idx.sent_start[root.i]:
            t = doc_tokens(doc)[left]
            if t.pos_ in ("VERB", "AUX"):
                break
            if t.is_punct and t.text != "-":
                # cross one comma only into a title phrase: "Quatar's emir, Sheikh ..."
                prev = doc_tokens(doc)[left - 1] if left > 0 else None
                if crossed or t.text != "," or prev is None:
                    break
                if prev.lemma_.lower() not in _GOV_TITLES:
                    break
                crossed = True
            toks.append(t)
            left -= 1
        for ap in root.children:
            if ap.dep_ == "appos":
                toks.extend(_modifiers(ap, ap.i + 1))
        if root.dep_ == "appos" and idx.linked(root, root.head):
            toks.extend(_modifiers(root.head, root.head.i))  # the title phrase, not its head
        country, sector, org = None, None, False
        for t in toks:
            other = idx.tok_mention[t.i]
            if other is not None and other.actor.startswith("org:") and not other.country:
                org = True  # "Nato Secretary-General Mark Rutte" serves the organisation
            if other is not None and other is not m and (other.code or other.country):
                if not other.actor.startswith("person:"):
                    country = country or other.code or other.country
            if t.pos_ in ("NOUN", "PROPN"):
                low = t.lemma_.lower()
                if low in ("secretary", "minister", "president", "premier", "chancellor"):
                    sector = "GOV"  # "Secretary-General" is no general
                elif sector is None and (low in _GOV_TITLES or sector_of(t)):
                    sector = sector_of(t) or "GOV"
        if not country and not org:
            country = _known_person_country(m.actor)
            if not country and sector:
                # "President Bush": a titled surname whose packaged namesakes share a state
                country = _known_person_country(m.actor, surname=True)
            sector = sector or ("GOV" if country else None)
        if country:
            idx.affiliation[m.actor] = (country, sector)
        elif sector:
            idx.titles.setdefault(m.actor, sector)


def _modifiers(head: Token, before: int) -> list[Token]:
    """Tokens of a noun's pre-modifiers (compound/amod/poss/nmod chains) left of ``before``."""
    out = [head] if head.i < before else []
    stack = [c for c in head.lefts if c.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod")]
    while stack:
        t = stack.pop()
        if t.i < before:
            out.append(t)
        stack.extend(
            c for c in t.children if c.dep_ in ("compound", "amod", "poss", "nmod", "conj", "cc")
        )
    return out


def _known_person_country(actor: str, surname: bool = False) -> str | None:
    """The state a well-known person leads or serves, from the actor layer's packaged tables.

    ``surname``: look the id up as a surname shared by packaged people of one state only.
    """
    try:
        from newsledger.extract.actors import person_country, surname_country
    except ImportError:  # the actor extractor is optional here
        return None
    try:
        cid = surname_country(actor) if surname else person_country(actor)
    except Exception:  # noqa: BLE001 - a missing/old table must not break event extraction
        return None
    return cid.split(":", 1)[1] if cid else None


def mention_at(idx: ArgIndex, tok: Token) -> Mention | None:
    """The actor mention covering a token."""
    return idx.tok_mention[tok.i]


def resolve_pronoun(idx: ArgIndex, tok: Token) -> list[Mention]:
    """Antecedent of a personal pronoun: speaker for I/we in quotes, else the nearest fit."""
    low = tok.lower_
    if low in _SPEAKER_PRON:
        for s, e, speaker in idx.speakers:
            if s <= tok.idx < e and speaker:
                code = idx.affiliation.get(speaker, (None, None))[0]
                return [Mention(tok.i, tok.i + 1, speaker, "SPEAKER", tok.text, code)]
        return []
    want_person = low in _PERSON_PRON
    if not want_person and low not in _GROUP_PRON:
        return []
    pos = bisect.bisect_left(idx.starts, tok.i) - 1
    sent_floor = idx.sent_start[tok.i]
    sents_back = 0
    while pos >= 0:
        m = idx.mentions[pos]
        if m.end <= sent_floor:
            sents_back += 1
            sent_floor = idx.sent_start[m.start]
            if sents_back > 3:
                break
        is_person = m.actor.startswith("person:")
        if want_person and is_person:
            return [m]
        if not want_person and not is_person:
            head = idx.doc[m.start : m.end].root
            while head.dep_ in ("compound", "amod", "poss", "nmod") and head.head.i != head.i:
                head = head.head  # "Taliban officials": the phrase's head decides
            subject = head.dep_ in ("nsubj", "nsubjpass")
            if (subject or m.end <= idx.sent_start[tok.i]) and (m.label != "NORP" or subject):
                return [m]
        pos -= 1
    return []


def np_actors(idx: ArgIndex, head: Token, depth: int = 0) -> tuple[list[Mention], str | None]:
    """Actors named by a noun phrase, with the phrase's sector.

    "Senior Czech and Slovak officials" -> [CZE, SVK], GOV; "Putin's men" -> [Putin], MIL;
    "Opposition groups in Zimbabwe" -> [ZWE]; "Russia and the DPRK" -> [RUS, PRK].
    """
    out: list[Mention] = []
    if mention_at(idx, head) is None:
        head = object_head(head)  # "Thousands of Nigerians" -> "Nigerians"
    sector = sector_of(head)
    hm = mention_at(idx, head)
    if hm is not None and hm.label == "ORG" and head.lower_ not in _INSTITUTIONS:
        sector = None  # "the European Union" is no labour union
    m = mention_at(idx, head)
    if m is not None:
        out.append(m)
        if m.label == "NORP" and depth == 0:
            # "the Albanians of southern Serbia", "ethnic Albanians in Kosovo": a people coded
            # by the state they live in (PLOVER/CAMEO convention)
            for child in head.rights:
                if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
                    for pobj in child.children:
                        res = mention_at(idx, pobj) if pobj.dep_ == "pobj" else None
                        if res is not None and res.code and res.label == "GPE":
                            out[-1] = res
    elif head.lower_ in _SPEAKER_PRON or head.lower_ in _PERSON_PRON or head.lower_ in _GROUP_PRON:
        gov = _governing_subject(idx, head) if depth == 0 else None
        if gov is not None:
            return np_actors(idx, gov, depth + 1)
        out.extend(resolve_pronoun(idx, head))
    else:
        for child in head.lefts:
            if child.dep_ in ("det", "punct", "nummod", "quantmod", "advmod", "predet", "case"):
                continue
            if child.dep_ == "poss" and child.lower_ in ("our", "my"):
                continue  # "our partners" are not the speaker
            if child.dep_ == "poss" and child.pos_ == "PRON" and depth == 0:
                # "their forces": the possessive refers like a subject pronoun would
                gov = _governing_subject(idx, child)
                found = (
                    np_actors(idx, gov, depth + 1)[0]
                    if gov is not None
                    else resolve_pronoun(idx, child)
                )
                out.extend(x for x in found if x not in out)
                continue
            for t in child.subtree:
                mm = mention_at(idx, t)
                if mm is not None and mm not in out:
                    if mm.label == "PERSON" and head.lower_ in _region_words():
                        continue  # "Russia's Rostov region": a place name, not a person
                    out.append(mm)
        if not out:
            # the apposition first ("the deputy governor, Oleg Chemezov", "the Federal Minister
            # for Interior Aftab Ahmad Khan Sherpao"): it names the one the title describes
            preps = [c for c in head.rights if c.dep_ == "appos"]
            preps += [c for c in head.rights if c.dep_ == "prep"]
            # "a newspaper based in Beirut", "workers affiliated with the Croatian union"
            for acl in (c for c in head.rights if c.dep_ == "acl"):
                preps.extend(c for c in acl.children if c.dep_ == "prep")
            for child in preps:
                if out and child.dep_ == "prep":
                    break  # the apposition named the actor
                if child.lower_ in ("of", "in", "from", "with") and depth < 2:
                    for pobj in child.children:
                        if pobj.dep_ != "pobj":
                            continue
                        sub, _s = np_actors(idx, pobj, depth + 1)
                        if not sub:
                            sub = _place_actor(idx, pobj)
                        out.extend(x for x in sub if x not in out)
                if child.dep_ == "appos" and depth < 2:  # "the deputy governor, Oleg Chemezov"
                    sub, _s = np_actors(idx, child, depth + 1)
                    out.extend(x for x in sub if x not in out)
        if sector is None:
            for child in head.lefts:
                if child.dep_ in ("compound", "amod"):
                    sector = sector_of(child) or sector
    # conjuncts: "Russia and North Korea", "helicopters and tanks"
    if depth == 0:
        for cj in head.conjuncts:
            if cj.i > head.i and cj.dep_ == "conj":
                sub, s2 = np_actors(idx, cj, depth + 1)
                out.extend(x for x in sub if x not in out)
                sector = sector or s2
    if sector == "MIL" and head.lower_ == "men" and not out:
        sector = None
    return out, sector


def _place_actor(idx: ArgIndex, pobj: Token) -> list[Mention]:
    """The state of a place that locates an actor ("the government of Sindh province")."""
    top = _toponym(idx, pobj)
    loc = geo.geocode(top[0]) if top else None
    if not loc or not loc.get("country"):
        return []
    actor = _country_actor(loc["country"], idx)
    return [Mention(pobj.i, pobj.i + 1, actor, "GPE", top[0], loc["country"])]


def _governing_subject(idx: ArgIndex, pron: Token) -> Token | None:
    """The reporting clause's subject that a pronoun of the reported clause refers to.

    "Iraq said it would allow ...": it/they refer to a non-person subject, he/she to a person.
    """
    if pron.dep_ not in ("nsubj", "nsubjpass", "poss") or pron.lower_ in _SPEAKER_PRON:
        return None
    clause = pron.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ not in ("ccomp", "xcomp", "conj") or not idx.linked(clause, clause.head):
        return None
    subj = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    m = mention_at(idx, subj)
    is_person = m is not None and m.actor.startswith("person:")
    if (pron.lower_ in _PERSON_PRON) != is_person:
        return None
    return subj


def country_of(idx: ArgIndex, m: Mention) -> str | None:
    """Country code of a mention's actor: the country itself, or a person's affiliation."""
    if m.code:
        return m.code
    if m.country:
        return m.country
    code = idx.actor_codes.get(m.actor)
    if code:
        return code
    aff = idx.affiliation.get(m.actor)
    return aff[0] if aff else None


# --------------------------------------------------------------------------- location


def _toponym(idx: ArgIndex, pobj: Token) -> tuple[str, Token] | None:
    """The place name a prepositional object denotes, or None."""
    doc = idx.doc
    m = mention_at(idx, pobj)
    if m is not None and m.label in ("PERSON", "ORG"):
        return None
    if m is not None and m.label == "NORP" and geo.country_code(m.text):
        return None  # a demonym, not a place ("Russian")
    ent_type = pobj.ent_type_
    region = pobj.lower_ in _region_words()
    if region:
        names = [t for t in pobj.lefts if t.dep_ in ("compound", "amod") and t.pos_ == "PROPN"]
        if names:
            first = min(t.i for t in names)
            return doc[first : pobj.i + 1].text, pobj
        return None
    if pobj.pos_ != "PROPN" and ent_type not in _PLACE_LABELS:
        of = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if inner is None:  # "near Macedonia's border"
            inner = next((c for c in pobj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if inner is not None and inner.i != pobj.i:
            return _toponym(idx, inner)
        return None
    if ent_type in ("PERSON", "ORG", "DATE", "TIME", "CARDINAL"):
        return None
    left = pobj.i
    while (
        left - 1 >= 0
        and doc_tokens(doc)[left - 1].dep_ == "compound"
        and doc_tokens(doc)[left - 1].head.i == pobj.i
    ):
        left -= 1
    while left < pobj.i and doc_tokens(doc)[left].pos_ != "PROPN":
        left += 1
    return doc[left : pobj.i + 1].text, pobj


def _region_words() -> frozenset[str]:
    return geo.region_words()


def find_location(idx: ArgIndex, heads: list[Token]) -> tuple[dict[str, Any] | None, int]:
    """Location of an event: a locative prepositional dependent of its predicate first.

    Searches the predicates' subtrees breadth-first for "in/near/at X" objects that geocode;
    then directional ones ("to X"); a bare NER place elsewhere in the sentence is not used.

    Returns:
        (location dict or None, rank: 0 locative, 1 directional, 9 none).
    """
    best: tuple[int, int, dict[str, Any]] | None = None
    for h in heads:
        frontier = [(h, 0, False)]
        seen = {h.i}
        while frontier:
            tok, dist, in_subject = frontier.pop(0)
            for child in tok.children:
                if child.i in seen or dist > 6:
                    continue
                seen.add(child.i)
                if child.dep_ in ("prep", "dative") and child.lower_ in _LOC_PREPS + _DIR_PREPS:
                    rank = 0 if child.lower_ in _LOC_PREPS else 1
                    for pobj in child.children:
                        if pobj.dep_ != "pobj":
                            continue
                        top = _toponym(idx, pobj)
                        if top is None:
                            continue
                        loc = geo.geocode(top[0])
                        if loc is None:
                            continue
                        key = (rank, dist)
                        if best is None or key < best[:2]:
                            best = (
                                rank,
                                dist,
                                {
                                    **loc,
                                    "name": top[0]
                                    if len(top[0]) > len(loc["name"]) or loc["name"] not in top[0]
                                    else loc["name"],
                                },
                            )
                # other clauses (relative, reported, coordinated) are other events; where the
                # actor lives ("ex-soldiers, living in South Korea") is not where it acts
                if child.dep_ in ("relcl", "ccomp", "parataxis"):
                    continue
                if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                    continue
                sub = in_subject or (tok.i == h.i and child.dep_ in ("nsubj", "nsubjpass"))
                if sub and child.dep_ in ("acl", "appos"):
                    continue
                frontier.append((child, dist + 1, sub))
    if best is None:
        # "An attempt to assassinate X was thwarted in Y": the governing clause's place
        for h in heads[:1]:
            cur = h
            for _ in range(4):
                if cur.head.i == cur.i or not idx.linked(cur, cur.head):
                    break
                cur = cur.head
                if cur.pos_ in ("VERB", "AUX"):
                    for child in cur.children:
                        if child.dep_ == "prep" and child.lower_ in _LOC_PREPS:
                            for pobj in child.children:
                                top = _toponym(idx, pobj) if pobj.dep_ == "pobj" else None
                                loc = geo.geocode(top[0]) if top else None
                                if loc is not None:
                                    return {**loc, "name": top[0]}, 2
                    break
        return None, 9
    return best[2], best[0]


def venue_actors(idx: ArgIndex, verb: Token) -> list[Mention]:
    """Hosts named by a venue: "at Nato headquarters", "at the Russian embassy"."""
    out = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "at":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _VENUE_HEADS:
                    sub, _s = np_actors(idx, pobj, 1)
                    out.extend(sub)
    return out


def instrument_mode(tokens: list[Token]) -> str | None:
    """ASSAULT mode from the weapons named around the trigger ("car bomb" -> explosives)."""
    instruments = lexicon().instruments
    found = None
    for t in tokens:
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "ADV"):
            continue  # "fired" names no weapon
        for key in noun_key(t):
            mode = instruments.get(key)
            if mode is not None and (found is None or _RANK[mode] < _RANK[found]):
                found = mode
    return found


# the most specific weapon wins: a suicide car bomb is a suicide attack, not just explosives
_RANK = {
    m: i
    for i, m in enumerate(
        "suicide-attack unconventional crowd-control drone aerial heavy-weapons explosives "
        "firearms primitive torture sexual abduct targeted beat destroy".split()
    )
}
