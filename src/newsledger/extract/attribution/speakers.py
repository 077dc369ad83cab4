"""Speaker resolution for attributions: names, pronouns, descriptions, groups, documents.

Works on the entity/actor layers of the actors extractor (contract dicts) and falls back on
spaCy's own entities when that layer is empty, so quotes never depend on its internals.

:meth:`SpeakerIndex.resolve` turns a source mention (:mod:`.sources`) into a canonical speaker
and says how (``resolved_by``): ``explicit`` (a name, or a group, document or media noun that
gets an actor of its own), ``pronoun`` ("I"/"we" inside a quote is the quote's speaker; "he"
after "added" the last speaker, else the nearest salient person), ``description`` ("the
ambassador" for the titled person named nearby, titles and countries compared through
``title_synonyms``; "One even says …" for a member of the group named just before),
``continuation`` (set by :mod:`.quotations`). A relative pronoun stands for its antecedent ("a
banner that read …": the speaker is the banner). A name mentioned inside reported content is not
who a later pronoun is.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from newsledger.extract import doc_text
from newsledger.extract.actors import country_for_text, slugify
from newsledger.extract.attribution.lexicon import lexicon

_WORD = re.compile(r"[a-z0-9]+")
_DESC_STOP = frozenset({"the", "a", "an", "of", "s", "its", "their", "his", "her"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "prof"})
_LOOKAHEAD = 400  # characters in which a description may be followed by the name it stands for
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


@dataclass(slots=True)
class Ent:
    """An entity mention: span, label and canonical actor id."""

    start: int
    end: int
    label: str
    text: str
    actor: str | None


@dataclass(slots=True)
class Speaker:
    """A resolved speaker."""

    id: str | None
    name: str | None
    kind: str | None
    resolved_by: str | None


@dataclass
class SpeakerIndex:
    """Per-article state for resolving speakers (built once per Doc)."""

    doc: Doc
    text: str
    ents: list[Ent]
    actors: dict[str, dict[str, Any]]
    new_actors: dict[str, tuple[str, str]] = field(default_factory=dict)
    # (offset, actor id) of person mentions that are main-clause subjects, and of speakers
    salient: list[tuple[int, str, str]] = field(default_factory=list)
    titles: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)
    # spans of reported content: a name mentioned inside what someone says is not who "he" is
    contents: list[tuple[int, int]] = field(default_factory=list)
    speakers: list[tuple[int, str, str]] = field(default_factory=list)
    surnames: dict[str, str] = field(default_factory=dict)
    places: frozenset[str] = frozenset()
    _starts: list[int] = field(default_factory=list)

    @classmethod
    def build(
        cls, doc: Doc, layers: dict[str, list[dict[str, Any]]], text: str | None = None
    ) -> SpeakerIndex:
        """Index the article's entities, actors, titled persons and salient subjects."""
        actors = {a["id"]: a for a in layers.get("actor", []) if a.get("id")}
        if text is None:
            text = doc_text(doc)
        ents: list[Ent] = []
        for e in layers.get("entity", []):
            span = e.get("span") or []
            if len(span) == 2:
                s, t = span
                ents.append(Ent(s, t, e.get("label", ""), text[s:t], e.get("actor")))
        if not ents:
            ents = [
                Ent(e.start_char, e.end_char, e.label_, e.text, None)
                for e in doc.ents
                if e.label_ in ("PERSON", *_ORG_LABELS)
            ]
        ents.sort(key=lambda x: x.start)
        idx = cls(doc, text, ents, actors)
        idx._starts = [e.start for e in ents]
        idx.places = frozenset(
            w
            for e in ents
            if e.label in ("GPE", "NORP")
            for w in _WORD.findall(e.text.lower())
            if len(w) > 2 and w not in ("the", "united", "states", "republic")
        )
        idx._fill_ids()
        idx._learn()
        return idx

    # -- canonical ids ---------------------------------------------------------------------
    def _fill_ids(self) -> None:
        """Give person/org mentions lacking an actor an id; surnames join earlier full names."""
        full: dict[str, tuple[str, str]] = {}
        for e in self.ents:
            if e.label != "PERSON":
                continue
            name = _clean_name(e.text)
            if e.actor:
                aid = e.actor
            else:
                words = name.split()
                if len(words) == 1 and words[0].lower() in full:
                    aid = full[words[0].lower()][0]
                else:
                    aid = "person:" + slugify(name)
                    if aid not in self.actors:
                        self.new_actors.setdefault(aid, (name, "person"))
                e.actor = aid
            words = name.split()
            # a mention across a paragraph break is a tagging slip, not a full name
            if len(words) > 1 and "\n" not in e.text:
                full[words[-1].lower()] = (e.actor, name)
                self.surnames[words[-1].lower()] = e.actor

    def name_of(self, aid: str, fallback: str) -> str:
        """Best display name of an actor id."""
        if aid in self.actors and self.actors[aid].get("name"):
            return str(self.actors[aid]["name"])
        if aid in self.new_actors:
            return self.new_actors[aid][0]
        return fallback

    def kind_of(self, aid: str) -> str:
        """Kind of an actor id (from its record, else its prefix)."""
        if aid in self.actors and self.actors[aid].get("kind"):
            return str(self.actors[aid]["kind"])
        return aid.split(":", 1)[0]

    def ents_in(self, start: int, end: int) -> list[Ent]:
        """Entity mentions inside ``[start, end)``."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.ents) and self.ents[i].start < end:
            if self.ents[i].end <= end:
                out.append(self.ents[i])
            i += 1
        return out

    # -- learning titles and salience ---------------------------------------------------------
    def _learn(self) -> None:
        doc = self.doc
        for e in self.ents:
            if e.label != "PERSON" or not e.actor:
                continue
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = span.root
            words: set[str] = set()
            # "<Org> <Title> <Name>": modifiers to the left of the name inside its phrase.
            i = span.start - 1
            while i >= 0:
                t = doc[i]
                # a title word modifies something to its right inside the name's phrase
                if not (i < t.head.i < span.end):
                    break
                if t.dep_ not in ("compound", "amod", "punct", "case", "poss", "nmod"):
                    break
                if t.is_punct and t.text not in "-‐":
                    break
                words.update(_WORD.findall(t.lower_))
                i -= 1
            # "the army's spokesperson, Lt. Gen. Ahmed Chaudhry": the noun the name stands in
            # apposition to, with its modifiers
            if head.dep_ == "appos" and head.head.i < span.start:
                noun = head.head
                top = noun
                # "Pakistan's permanent representative to the United Nations, Munir Akram": the
                # parse hangs the name on the last noun; the title is the phrase's first noun
                while (
                    top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.pos_ == "NOUN"
                ):
                    top = top.head.head
                for t in doc[top.left_edge.i : noun.i + 1]:
                    words.update(_WORD.findall(t.lower_))
            # "<Name>, the <title> of ...": appositions.
            for c in head.children:
                if c.dep_ == "appos" and c.i > head.i and not _misparsed_subject(c):
                    words.update(_WORD.findall(_text_of(self.text, c.subtree).lower()))
            words -= _DESC_STOP
            if words:
                self.titles.append((e.start, e.actor, frozenset(words)))
            # people mentioned as actors (not as objects: "asked Zelensky") are candidates
            # for later pronouns; those inside reported content are masked at resolution
            is_object = head.dep_ in ("dobj", "dative", "iobj") or (
                head.dep_ == "pobj" and head.head.lower_ not in ("from", "by")
            )
            if not is_object:
                self.salient.append((e.start, e.actor, "person"))
        self.salient.sort()

    def note_speaker(self, offset: int, sp: Speaker) -> None:
        """Remember a resolved speaker at ``offset`` for later pronouns."""
        if sp.id and sp.kind:
            bisect.insort(self.salient, (offset, sp.id, sp.kind))
            bisect.insort(self.speakers, (offset, sp.id, sp.kind))

    # -- resolution ------------------------------------------------------------------------
    def resolve(
        self,
        start: int,
        end: int,
        head: Token | None,
        inside: Speaker | None,
        cue_lemma: str | None = None,
    ) -> Speaker:
        """Resolve the source mention ``[start, end)`` whose head token is ``head``.

        Args:
            start: source span start.
            end: source span end.
            head: the source's syntactic head, if known.
            inside: speaker of the quote this source sits in (for "I"/"we"), if any.
            cue_lemma: the cue; after "he added" the pronoun is the last speaker.

        Returns:
            The speaker (fields None when unknown).
        """
        lex = lexicon()
        if head is not None and head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            # "Trump, who said …": the relative pronoun stands for its antecedent
            ante = head.head.head
            lo = ante.left_edge.idx
            return self.resolve(lo, ante.idx + len(ante), ante, inside, cue_lemma)
        htext = head.lower_ if head is not None else self.text[start:end].lower()
        if head is not None and head.pos_ != "PRON":
            htext = ""  # "US" is not "us"
        if htext in lex.first_person:
            if inside is not None and inside.id:
                return Speaker(inside.id, inside.name, inside.kind, "pronoun")
            return Speaker(None, None, None, None)
        if htext in lex.he_she:
            if cue_lemma in lex.continuing and self.speakers:
                # "he added": the speaker goes on
                for pos, aid, kind in reversed(self.speakers):
                    if pos < start and kind == "person":
                        return Speaker(aid, self.name_of(aid, aid), kind, "pronoun")
            return self._pronoun(start, ("person",))
        if htext in lex.they:
            return self._pronoun(start, ("group", "org", "country", "media"))
        if (
            head is not None
            and head.lower_ == "one"
            and not any(c.dep_ == "prep" for c in head.children)
        ):
            member = self._one_of(head)
            if member is not None:
                return member
        ents = self.ents_in(start, end)
        # a named head ("Mark Rutte", "The US") names the speaker; an entity that only
        # modifies a common noun ("Western officials", "the Nato secretary general") does not
        if ents and head is not None and head.pos_ == "NOUN":
            # "Pakistan's permanent representative to the U.N., Munir Akram, said"
            for c in head.subtree:
                if c.dep_ == "appos":
                    named = [e for e in ents if e.label == "PERSON" and _covers([e], c)]
                    if named and named[0].actor:
                        aid = named[0].actor
                        name = self.name_of(aid, _clean_name(named[0].text))
                        return Speaker(aid, name, self.kind_of(aid), "explicit")
        if ents and (head is None or _covers(ents, head)):
            ent = _pick(ents, head)
            if ent.actor:
                kind = self.kind_of(ent.actor)
                name = self.name_of(ent.actor, _clean_name(ent.text))
                return Speaker(ent.actor, name, kind, "explicit")
            if ent.label in _ORG_LABELS:
                name = _clean_name(ent.text)
                low = set(_WORD.findall(name.lower()))
                is_media = bool(low & lex.media_words) and ent.label == "ORG"
                kind = "media" if is_media else "org"
                aid = f"{kind}:{slugify(name)}"
                if aid not in self.actors:
                    self.new_actors.setdefault(aid, (name, kind))
                return Speaker(aid, self.name_of(aid, name), kind, "explicit")
        if head is not None and head.pos_ == "PROPN":
            named = self._unlisted_name(start, end, head)
            if named is not None:
                return named
        words = [w for w in _WORD.findall(self.text[start:end].lower()) if w not in _DESC_STOP]
        hword = head.lower_ if head is not None else (words[-1] if words else "")
        desc = self._description(start, words, hword)
        if desc is not None:
            return desc
        if hword in lex.org_nouns and words and words[-1] == hword and len(words) <= 2:
            org = self._last_org(start)
            if org is not None:
                return org
        text = _strip_det(self.text[start:end])
        if head is not None and head.i + 1 < len(self.doc) and len(text.split()) > 1:
            # "officials in Seoul who …": name the group by its phrase up to the head
            text = _strip_det(self.text[start : head.idx + len(head)])
        if hword in lex.document and text:
            # "The U.N. report", "video analysed by The Washington Post": the document's
            # author speaks through it when the phrase names one
            if ents:
                ent = _pick(ents, None)
                if ent.actor:
                    kind = self.kind_of(ent.actor)
                    name = self.name_of(ent.actor, _clean_name(ent.text))
                    return Speaker(ent.actor, name, kind, "explicit")
            aid = "document:" + slugify(hword)
            self.new_actors.setdefault(aid, (hword, "document"))
            return Speaker(aid, hword, "document", "explicit")
        # any other common noun that speaks is an unnamed person or group ("Experts",
        # "a State Department press officer", "Iraqi special forces")
        if (
            head is not None
            and head.pos_ == "NOUN"
            and text
            and (hword in lex.group or head.tag_ in ("NNS", "NN"))
        ):
            aid = "group:" + slugify(text)
            self.new_actors.setdefault(aid, (text, "group"))
            return Speaker(aid, text, "group", "explicit")
        return Speaker(None, None, None, None)

    def _one_of(self, head: Token) -> Speaker | None:
        """A member of the group named just before ("One even says …" after "Russian soldiers")."""
        lex = lexicon()
        doc = self.doc
        found = [
            doc[i]
            for i in range(head.i - 1, max(-1, head.i - 80), -1)
            if doc[i].tag_ in ("NNS", "NNPS") and doc[i].lower_ in lex.group
        ]
        # a group that does something (a subject, or one with a clause of its own: "soldiers
        # talking …") is likelier to be the one a member of which speaks next
        acting = [
            t
            for t in found
            if t.dep_ in ("nsubj", "nsubjpass")
            or any(c.dep_ in ("acl", "relcl") for c in t.children)
        ]
        if not found:
            return None
        t = (acting or found)[0]
        mods = [c for c in t.lefts if c.dep_ in ("amod", "compound")]
        lo = mods[0].idx if mods else t.idx
        plural = self.text[lo : t.idx + len(t)]
        aid = "group:" + slugify(plural)
        self.new_actors.setdefault(aid, (plural, "group"))
        # the speaker is one member: "Russian soldier"
        return Speaker(aid, self.text[lo : t.idx] + t.lemma_, "group", "description")

    def _unlisted_name(self, start: int, end: int, head: Token) -> Speaker | None:
        """A proper name the entity layer missed: a known surname, else a new actor."""
        aid = self.surnames.get(head.lower_)
        if aid is not None:
            return Speaker(aid, self.name_of(aid, head.text), self.kind_of(aid), "explicit")
        toks = [
            t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.idx >= start
        ] + [head]
        name = self.text[toks[0].idx : head.idx + len(head)]
        honorific = head.i > 0 and head.doc[head.i - 1].lower_.rstrip(".") in _HONORIFICS
        # transcripts label speakers by surname in capitals ("PENCE:"); acronyms are shorter
        shouted = len(toks) == 1 and head.is_upper and head.is_alpha and len(head) >= 5
        kind = "person" if len(toks) >= 2 or honorific or shouted else "org"
        if shouted:
            name = head.text.title()
        if set(_WORD.findall(name.lower())) & lexicon().media_words:
            kind = "media"  # "The Daily Ledger", "Kyiv Post"
        aid = f"{kind}:{slugify(name)}"
        if not slugify(name):
            return None
        if aid not in self.actors:
            self.new_actors.setdefault(aid, (name, kind))
        return Speaker(aid, self.name_of(aid, name), kind, "explicit")

    def _last_org(self, offset: int) -> Speaker | None:
        """The organisation named last before ``offset`` (for "the company said …")."""
        i = bisect.bisect_left(self._starts, offset)
        while i > 0:
            i -= 1
            e = self.ents[i]
            if e.label == "ORG" and e.actor and not any(s <= e.start < t for s, t in self.contents):
                kind = self.kind_of(e.actor)
                return Speaker(e.actor, self.name_of(e.actor, e.text), kind, "description")
        return None

    def _pronoun(self, offset: int, kinds: tuple[str, ...]) -> Speaker:
        i = bisect.bisect_left(self.salient, (offset, "", ""))
        while i > 0:
            i -= 1
            pos, aid, kind = self.salient[i]
            if kind in kinds and not any(s <= pos < e for s, e in self.contents):
                return Speaker(aid, self.name_of(aid, aid), kind, "pronoun")
        return Speaker(None, None, None, None)

    def _description(self, offset: int, words: list[str], hword: str) -> Speaker | None:
        lex = lexicon()
        if not words or hword not in lex.titles:
            return None
        need = _canon(frozenset(words))
        (hword,) = _canon(frozenset({hword}))
        # the title noun must match, and most of the description ("the Taliban foreign
        # ministry spokesperson" for "foreign ministry spokesperson Abdul Qahar Balkhi");
        # the fullest match wins, then the latest
        best = None
        best_score = 0.0
        for pos, aid, have in self.titles:
            if pos >= offset:
                break
            flat = _canon(have)
            if hword not in flat:
                continue
            # "China's U.N. ambassador" is not Britain's
            mine, theirs = need & self.places, flat & self.places
            if mine and theirs and not mine & theirs:
                continue
            score = len(need & flat) / len(need)
            if score >= 0.6 and score >= best_score:
                best, best_score = aid, score
        if best is None:
            best = self._named_next(offset, need, hword)
        if best is None:
            return None
        return Speaker(best, self.name_of(best, best), self.kind_of(best), "description")

    def _named_next(self, offset: int, need: frozenset[str], hword: str) -> str | None:
        """A titled person introduced just after the description.

        ("The head of UNICEF said …" followed by "Catherine Russell, UNICEF's executive director,
        told …": the description's specific words meet the later title.)
        """
        specific = {w for w in need if w != hword and len(w) > 2} - lexicon().titles
        if not specific:
            return None
        for pos, aid, have in self.titles:
            if pos <= offset:
                continue
            if pos > offset + _LOOKAHEAD:
                break
            if specific & have:
                return aid
        return None


def _misparsed_subject(appos: Token) -> bool:
    """An "apposition" that is really the subject of the verb right after it.

    ("At a briefing with A and B, the opposition leader stated …": not B's title.)
    """
    doc = appos.doc
    i = appos.right_edge.i + 1
    while i < len(doc) and doc[i].pos_ in ("ADV", "AUX", "PART"):
        i += 1
    if i >= len(doc) or doc[i].pos_ != "VERB" or doc[i].dep_ in ("relcl", "acl"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in doc[i].children)


@lru_cache(maxsize=4096)
def _canon(words: frozenset[str]) -> frozenset[str]:
    """Description words made comparable.

    One word per title ("envoy" = "ambassador") and one per country ("Pakistani" = "Pakistan's").
    """
    synonyms = lexicon().title_synonyms
    out = set()
    for w in words:
        w = synonyms.get(w, w)
        country = country_for_text(w.title()) if len(w) > 2 else None
        out.add(country or w)
    return frozenset(out)


def _covers(ents: list[Ent], head: Token) -> bool:
    return any(e.start <= head.idx < e.end for e in ents)


def _pick(ents: list[Ent], head: Token | None) -> Ent:
    if head is not None:
        for e in ents:
            if e.start <= head.idx < e.end:
                return e
    for e in ents:
        if e.label == "PERSON":
            return e
    return ents[0]


def _clean_name(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    return re.sub(r"^(?:the|The)\s+", "", text)


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|The|a|A|an|An|some|Some|many|Many|other|Other)\s+", "", text.strip())


def _text_of(text: str, tokens: Any) -> str:
    toks = list(tokens)
    if not toks:
        return ""
    return text[toks[0].idx : toks[-1].idx + len(toks[-1])]
