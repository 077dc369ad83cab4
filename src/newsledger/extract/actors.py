"""Actors: entity mentions in the text and the canonical actors they name.

:func:`extract_actors` yields one :class:`~newsledger.records.Entity` per mention (``e1``, ``e2``
... in text order) and one :class:`~newsledger.records.Actor` per canonical actor referenced.
Canonical ids:

* countries ``country:<ISO 3166 alpha-3>`` ("North Korean", "DPRK", "Pyongyang" -> ``country:PRK``);
* people ``person:<slug of the full name>``; a surname alone joins the full name used elsewhere
  in the article ("Rutte" -> ``person:mark-rutte``), titles are cut off the mention;
* organisations ``org:<slug>`` and news media ``media:<slug>``.

Where the names come from (all packaged data under ``newsledger/data/actors``, loaded once):
``countries.tsv`` (short names, demonyms, capitals and seats of government; pycountry's names are
added), ``orgs.tsv`` (organisations and outlets, with article-context aliases such as "the
alliance" for NATO), ``phoenix_orgs.tsv`` (IGOs, NGOs and armed groups of the Phoenix
dictionaries, with the home state of a group), ``persons.tsv`` (spelling variants of
well-known people), ``titles.txt``,
``media_heads.txt`` (last words of outlet names), ``places.txt`` (regions and other names that
are no actor), ``place_heads.txt``, ``cities.txt`` (GeoNames cities, to tell "Quetta" tagged
ORG from an organisation), ``place_context.txt`` (the words around a lone "PERSON" that make a
gazetteer's place of it: "from Kherson"), ``name_particles.txt`` and ``collectives.txt``.

The small spaCy model's NER is used as the first source of mentions, corrected by the alias
tables (a mention that is a known alias gets that actor and a fitting label, whatever the NER
called it); mentions the NER missed are found by one pass of alias look-ups over token n-grams.
Places that are not countries ("Kursk", "Brussels") are kept as GPE/LOC entities with no actor.

Helpers for later extractors (they read ``layers`` as produced by this module):

* :func:`slugify` -- the slug used in ids: ``slugify("Mark Rutte") == "mark-rutte"``.
* :func:`lookup_alias` -- the actor id of a packaged alias ("Nato" -> ``org:nato``).
* :func:`country_for_text` -- the country actor id a phrase names or starts with
  ("Russian" / "Russian soldiers" -> ``country:RUS``), or ``None``.
* :func:`actor_at` -- the actor of the entity covering, or else inside, a character span.
* :func:`actor_name` -- the display name of an actor id in this article's layers.
* :func:`collective_actor` -- the state behind "Putin's men", "Kim Jong-un's regime",
  "Russian troops" (a country, or a known leader's country, plus a collective head noun).
* :func:`person_country` -- the country a well-known person leads or serves, if packaged.
* :func:`org_home` -- the home state and sector of a packaged armed group ("Taliban" -> AFG, REB).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsledger.extract import Layers, doc_text, doc_tokens
from newsledger.geo import geocode
from newsledger.records import Actor, Entity, Record

# NER labels that can name an actor; the others are only kept when an alias table knows them
# (the small model calls "Nato" PERSON and outlets WORK_OF_ART now and then).
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_ALIAS_ONLY_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
# Labels under which an ambiguous ("~") alias must not resolve: "Jordan" the person.
_WEAK_BLOCKING = frozenset({"PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
# Labels of unresolved mentions that may still be a person's surname ("Berisha" as GPE).
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DETERMINERS = frozenset({"the"})
# Parts of speech a mention never starts or ends with ("the Indo-Pacific and" from the NER).
_TAIL_POS = frozenset({"CCONJ", "ADP", "DET", "SCONJ"})
_MAX_NGRAM = 8
_SLUG_RE = re.compile(r"[^a-z0-9]+")
_SPACE_RE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_TRAILING_POSS = re.compile(r"(?:['’]s?)$")
_FIRST_CHUNK = re.compile(r"[^\W_]+")


# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True, slots=True)
class _Alias:
    """What one surface form resolves to."""

    actor: str
    label: str
    weak: bool = False


# What _longest_alias returns for a listed non-actor place ("Indian Ocean", "New Mexico"): it
# outranks the shorter alias inside it ("Indian", "Mexico").
_PLACE = _Alias("", "LOC", weak=True)


@dataclass(frozen=True, slots=True)
class _ActorInfo:
    name: str
    kind: str
    code: str | None


@dataclass(frozen=True, slots=True)
class _Tables:
    actors: dict[str, _ActorInfo]
    cased: dict[str, _Alias]  # exact (normalised) text -> alias; acronyms such as "US"
    folded: dict[str, _Alias]  # casefolded text -> alias
    context: dict[str, _Alias]  # casefolded definite descriptions ("alliance") -> alias
    first: dict[str, int]  # casefolded first chunk of an alias -> longest alias in tokens
    first_ids: frozenset[int]  # spaCy LOWER ids of those chunks and of the context aliases
    persons: dict[str, tuple[str, str | None]]  # folded alias -> (canonical name, country)
    titles: frozenset[str]
    media_heads: frozenset[str]
    places: dict[str, str]  # folded text -> label, for names that are no actor
    place_heads: frozenset[str]
    org_heads: frozenset[str]  # last words that make an unknown PERSON mention an organisation
    place_context: tuple[frozenset[str], frozenset[str]]  # (words before, words after) a place
    particles: frozenset[str]
    collectives: frozenset[str]
    homes: dict[str, tuple[str | None, str | None]]  # org id -> (home country, PLOVER sector)


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    return frozenset(_norm_text(w).casefold() for w in _read_lines("cities.txt"))


def _norm_text(text: str) -> str:
    """Normalise a surface form for look-up: curly apostrophes, spaces, outer punctuation."""
    return _SPACE_RE.sub(" ", text.replace("’", "'").replace("‘", "'")).strip(' ,;:"“”')


# Pure string functions called on the same few surface forms many times per article: cached.
_norm = lru_cache(maxsize=1 << 16)(_norm_text)


def _read_lines(name: str) -> list[str]:
    path = resources.files("newsledger").joinpath("data", "actors", name)
    raw = path.read_text(encoding="utf-8")
    return [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


def _place_context() -> tuple[frozenset[str], frozenset[str]]:
    rows = [ln.split() for ln in _read_lines("place_context.txt")]
    before = frozenset(w for side, w in rows if side == "before")
    return before, frozenset(w for side, w in rows if side == "after")


def _in_place_context(doc: Doc, start: int, end: int, tables: _Tables) -> bool:
    """Whether a preposition of place precedes a mention or a noun of place follows it."""
    before, after = tables.place_context
    toks = doc_tokens(doc)
    if start > 0 and toks[start - 1].lower_ in before:
        return True
    return end < len(toks) and toks[end].lower_ in after


def _chunks(alias: str) -> Iterator[str]:
    # The first spaCy token of an alias is either its first whitespace chunk ("U.S.") or that
    # chunk's leading word characters ("al" of "al-Qaida"); index both.
    head = alias.split(" ", 1)[0].casefold()
    yield head
    m = _FIRST_CHUNK.match(head)
    if m:
        yield m.group(0)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    import pycountry  # only needed once, to build the tables

    actors: dict[str, _ActorInfo] = {}
    cased: dict[str, _Alias] = {}
    folded: dict[str, _Alias] = {}
    context: dict[str, _Alias] = {}
    first: dict[str, int] = {}

    def add(raw: str, actor: str, label: str, *, override: bool = True, index: bool = True) -> None:
        weak = "~" in raw[:2]
        exact = "=" in raw[:2]
        # uncached: 27,000 table entries would fill (and flush) the look-up cache
        alias = _norm_text(_LEADING_THE.sub("", raw.lstrip("~=")))
        if not alias:
            return
        entry = _Alias(actor, label, weak)
        table, key = (cased, alias) if exact else (folded, alias.casefold())
        if override or key not in table:
            table[key] = entry
        if not index:
            return
        n = min(_MAX_NGRAM, 1 + alias.count(" ") * 2 + alias.count("-") * 2 + alias.count("/") * 2)
        for chunk in _chunks(alias):
            first[chunk] = max(first.get(chunk, 0), n)

    for line in _read_lines("countries.tsv"):
        code, name, names, demonyms, metonyms = (line.split("\t") + [""] * 5)[:5]
        actor = f"country:{code}"
        actors[actor] = _ActorInfo(name.lstrip("~="), "country", code)
        add(name, actor, "GPE")
        for group, label in ((names, "GPE"), (demonyms, "NORP"), (metonyms, "GPE")):
            for alias in filter(None, group.split("|")):
                add(alias, actor, label)
    # pycountry's names ("Republic of Moldova") where the packaged table has none; territories
    # the table leaves out (Antarctica, Bouvet Island) stay places, not country actors.
    for c in pycountry.countries:
        actor = f"country:{c.alpha_3}"
        if actor not in actors:
            continue
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                add(value, actor, "GPE", override=False)
    for line in _read_lines("orgs.tsv"):
        actor, name, kind, aliases, ctx = (line.split("\t") + [""] * 5)[:5]
        actors[actor] = _ActorInfo(name, kind, None)
        add(name, actor, "ORG")
        for alias in filter(None, aliases.split("|")):
            add(alias, actor, "ORG")
        for alias in filter(None, ctx.split("|")):
            context[_norm_text(_LEADING_THE.sub("", alias)).casefold()] = _Alias(actor, "ORG")
    # Phoenix organisations and armed groups (scripts/build_actors.py): the hand-kept table
    # above wins. Their aliases are all ambiguous ('~'): they name a mention the NER found but
    # are never looked for in the text (not indexed for the n-gram pass), which keeps that pass
    # as fast as before and thousands of company and group names out of ordinary phrases.
    homes: dict[str, tuple[str | None, str | None]] = {}
    for line in _read_lines("phoenix_orgs.tsv"):
        actor, name, kind, aliases, country, sector = (line.split("\t") + [""] * 6)[:6]
        if actor not in actors:
            actors[actor] = _ActorInfo(name, kind, None)
        for alias in filter(None, aliases.split("|")):
            add(alias, actor, "ORG", override=False, index=False)
        if country or sector:
            homes[actor] = (country or None, sector or None)
    persons: dict[str, tuple[str, str | None]] = {}
    for line in _read_lines("persons.tsv"):
        name, country, aliases = (line.split("\t") + [""] * 3)[:3]
        entry = (name, country or None)
        persons[_norm_text(name).casefold()] = entry
        for alias in filter(None, aliases.split("|")):
            persons.setdefault(_norm_text(alias.lstrip("=~")).casefold(), entry)
    # people of the Phoenix dictionary (scripts/build_actors.py): full names only, and the
    # hand-kept table above wins
    for line in _read_lines("phoenix_persons.tsv"):
        name, country, aliases = (line.split("\t") + [""] * 3)[:3]
        entry = (name, country or None)
        for alias in [name, *filter(None, aliases.split("|"))]:
            persons.setdefault(_norm_text(alias).casefold(), entry)
    places: dict[str, str] = {}
    for line in _read_lines("places.txt"):
        name, _tab, label = line.partition("\t")
        places[_norm_text(name).casefold()] = label.strip() or "LOC"
    for place in places:
        n = min(_MAX_NGRAM, 1 + place.count(" ") * 2 + place.count("-") * 2)
        for chunk in _chunks(place):
            if chunk in first:  # only places that can hide an alias matter here
                first[chunk] = max(first[chunk], n)
    return _Tables(
        actors=actors,
        cased=cased,
        folded=folded,
        context=context,
        first=first,
        first_ids=frozenset(
            get_string_id(chunk) for k in (*first, *context) for chunk in _chunks(k)
        ),
        persons=persons,
        titles=frozenset(w.strip().casefold() for w in _read_lines("titles.txt")),
        media_heads=frozenset(w.strip() for w in _read_lines("media_heads.txt")),
        places=places,
        place_heads=frozenset(w.strip() for w in _read_lines("place_heads.txt")),
        org_heads=frozenset(w.strip() for w in _read_lines("org_heads.txt")),
        place_context=_place_context(),
        particles=frozenset(w.strip() for w in _read_lines("name_particles.txt")),
        collectives=frozenset(w.strip().casefold() for w in _read_lines("collectives.txt")),
        homes=homes,
    )


# ---------------------------------------------------------------------------------------------
# Public helpers


def slugify(name: str) -> str:
    """The slug used in canonical ids: ASCII, lowercase, words joined by hyphens.

    Args:
        name: a display name ("Mark Rutte", "Kim Jong-un", "People's Daily").

    Returns:
        The slug ("mark-rutte", "kim-jong-un", "people-s-daily"); "" for a name without letters.
    """
    if not name.isascii():  # ASCII text is its own NFKD form: most names skip the round trip
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _SLUG_RE.sub("-", name.casefold()).strip("-")


@lru_cache(maxsize=1 << 16)
def _lookup_key(text: str) -> str:
    return _norm(_LEADING_THE.sub("", _norm(text)))


def _lookup(text: str, tables: _Tables) -> _Alias | None:
    key = _lookup_key(text)
    hit = tables.cased.get(key)
    if hit is None and key != key.casefold():
        # Case-insensitive aliases still need a capital somewhere: "china", "turkey" are not.
        hit = tables.folded.get(key.casefold())
    return hit


def lookup_alias(text: str) -> str | None:
    """The canonical actor id of a packaged alias (country, organisation or outlet).

    Args:
        text: a surface form such as "Nato", "the Kremlin", "North Korean", "U.S.".

    Returns:
        ``"org:nato"``, ``"country:RUS"`` ...; ``None`` if the text is no known alias.
        Article-context aliases ("the alliance") are not resolved here.
    """
    tables = _tables()
    hit = _lookup(_TRAILING_POSS.sub("", _norm(text)), tables)
    if hit is not None:
        return hit.actor
    person = tables.persons.get(_norm(text).casefold())
    return f"person:{slugify(person[0])}" if person else None


def country_for_text(text: str) -> str | None:
    """The country a phrase names, or that its leading words name.

    Args:
        text: "Russian", "Ukrainians", "Pyongyang", "North Korean troops", "Britain's".

    Returns:
        A country actor id (``"country:PRK"``) or ``None``.
    """
    tables = _tables()
    words = _norm(_LEADING_THE.sub("", _norm(text))).split(" ")
    # Longest leading run of words that is a country alias ("North Korean" before "North").
    for n in range(min(len(words), _MAX_NGRAM), 0, -1):
        phrase = _TRAILING_POSS.sub("", " ".join(words[:n]))
        if phrase.casefold() in tables.places:
            return None  # "Indian Ocean", "Latin America"
        hit = _lookup(phrase, tables)
        if hit is not None and hit.actor.startswith("country:"):
            return hit.actor
    return None


def person_country(actor_id: str) -> str | None:
    """The country actor id a well-known person leads or serves (from ``persons.tsv``).

    Args:
        actor_id: a person id such as ``"person:vladimir-putin"``.

    Returns:
        ``"country:RUS"`` or ``None`` when the person is not in the packaged table.
    """
    return _person_countries().get(actor_id)


def org_home(actor_id: str) -> tuple[str | None, str | None]:
    """The home state and PLOVER sector of a packaged armed group or organisation.

    From the Phoenix dictionaries (``phoenix_orgs.tsv``): ``org:taliban`` -> ``("AFG", "REB")``,
    ``org:al-qaida`` -> ``(None, "REB")`` (an international group), ``org:un`` -> ``(None, None)``.

    Args:
        actor_id: an organisation id such as ``"org:unita"``.

    Returns:
        ``(ISO alpha-3 code or None, sector or None)``.
    """
    return _tables().homes.get(actor_id, (None, None))


def surname_country(actor_id: str) -> str | None:
    """The state most packaged namesakes of a surname-only person id serve (a strict majority).

    Used for titled mentions ("President Bush") only, by the event extractor.

    Args:
        actor_id: a person id of one word, such as ``"person:bush"``.

    Returns:
        ``"country:USA"`` or ``None`` (unknown, ambiguous, or not a one-word id).
    """
    slug = actor_id.removeprefix("person:")
    if "-" in slug:
        return None
    return _surname_countries().get(slug)


@lru_cache(maxsize=1)
def _surname_countries() -> dict[str, str]:
    seen: dict[str, dict[str, set[str]]] = {}  # surname slug -> country -> full names
    slugs: dict[str, str] = {}
    for name, country in set(_tables().persons.values()):  # aliases share their entry
        if country and " " in name:
            raw = name.rsplit(" ", 1)[1]
            key = slugs.get(raw)
            if key is None:
                key = slugs[raw] = slugify(raw)
            seen.setdefault(key, {}).setdefault(country, set()).add(name)
    out: dict[str, str] = {}
    for surname, per in seen.items():
        ranked = sorted(per.items(), key=lambda kv: -len(kv[1]))
        # one state, or one that most namesakes serve ("Bush": two US presidents, one
        # Caymanian premier)
        if len(ranked) == 1 or len(ranked[0][1]) > len(ranked[1][1]):
            out[surname] = f"country:{ranked[0][0]}"
    return out


@lru_cache(maxsize=1)
def _person_countries() -> dict[str, str]:
    return {
        f"person:{slugify(name)}": f"country:{country}"
        for name, country in set(_tables().persons.values())  # aliases share their entry
        if country
    }


def actor_at(layers: Layers, start: int, end: int) -> str | None:
    """The actor of the entity covering ``[start, end)``, or else of an entity inside it.

    Inside a longer span ("Nato Secretary-General Mark Rutte", "Russian President Vladimir
    Putin") a person is preferred, else the last entity with an actor (the head of a noun phrase
    comes last in English).

    Args:
        layers: the article's layers (``layers["entity"]`` from this extractor).
        start: span start (character offset).
        end: span end (exclusive).

    Returns:
        A canonical actor id, or ``None``.
    """
    inside: list[dict[str, Any]] = []
    for ent in layers.get("entity", ()):
        actor = ent.get("actor")
        if not actor:
            continue
        s, e = ent["span"]
        if s <= start and e >= end:
            return actor
        if s >= start and e <= end:
            inside.append(ent)
    if not inside:
        return None
    people = [ent for ent in inside if ent["actor"].startswith("person:")]
    return (people or inside)[-1]["actor"]


def actor_name(layers: Layers, actor_id: str | None) -> str | None:
    """The display name of an actor in this article ("Mark Rutte", "North Korea").

    Args:
        layers: the article's layers (``layers["actor"]``).
        actor_id: a canonical actor id.

    Returns:
        The actor's name, the packaged name when the article's layers lack it, or ``None``.
    """
    if not actor_id:
        return None
    for rec in layers.get("actor", ()):
        if rec.get("id") == actor_id:
            return rec.get("name")
    info = _tables().actors.get(actor_id)
    return info.name if info else None


def collective_actor(doc: Doc, start: int, end: int, layers: Layers) -> str | None:
    """The state that a collective description stands for.

    "Putin's men", "Kim Jong-un's regime", "Russian troops", "Iran's government": when the
    span's head noun is a collective (``collectives.txt``) and the span holds a country entity,
    that country; or a well-known person's country (``persons.tsv``).

    Args:
        doc: the parsed article.
        start: span start (character offset).
        end: span end (exclusive).
        layers: the article's layers (``layers["entity"]``).

    Returns:
        A country actor id or ``None``.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tables = _tables()
    if span.root.lemma_.casefold() not in tables.collectives and (
        span.root.lower_ not in tables.collectives
    ):
        return None
    for ent in layers.get("entity", ()):
        s, e = ent["span"]
        actor = ent.get("actor")
        if not actor or s < start or e > end:
            continue
        if actor.startswith("country:"):
            return actor
        country = person_country(actor)
        if country:
            return country
    return None


# ---------------------------------------------------------------------------------------------
# Extraction


@dataclass(slots=True)
class _Mention:
    start: int  # token index
    end: int  # token index, exclusive
    label: str
    actor: str | None = None
    person: str | None = None  # the cleaned name, for PERSON mentions not yet resolved
    weak: bool = False  # resolved through an ambiguous alias ("Jordan")
    org: str | None = None  # "org" or "media" for unresolved organisation mentions


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Cut a leading determiner and trailing possessives/punctuation off a token span."""
    toks = doc_tokens(doc)
    while s < e and (
        toks[s].lower_ in _DETERMINERS or toks[s].pos_ in _TAIL_POS or toks[s].is_punct
    ):
        s += 1  # "the", "a", and sentence-initial "Beyond" of "Beyond Ukraine" (PERSON)
    while e > s and (
        toks[e - 1].text in _POSSESSIVE or toks[e - 1].is_punct or toks[e - 1].pos_ in _TAIL_POS
    ):
        e -= 1
    return s, e


def _split_possessives(doc: Doc, s: int, e: int) -> Iterator[tuple[int, int]]:
    """Split a span at inner possessives: "Ukraine's GUR" -> "Ukraine", "GUR"."""
    part = s
    for i in range(s, e):
        if doc_tokens(doc)[i].text in _POSSESSIVE and i > part:
            yield part, i
            part = i + 1
    if part < e:
        yield part, e


def _span_text(doc: Doc, s: int, e: int) -> str:
    if s >= e:
        return ""
    toks = doc_tokens(doc)
    return doc_text(doc)[toks[s].idx : toks[e - 1].idx + len(toks[e - 1])]


def _longest_alias(doc: Doc, i: int, limit: int, tables: _Tables) -> tuple[int, _Alias] | None:
    """The longest alias starting at token ``i`` and ending before ``limit``."""
    toks = doc_tokens(doc)
    n = tables.first.get(toks[i].lower_.replace("’", "'"))
    if not n:
        return None
    for j in range(min(limit, i + n) - 1, i - 1, -1):
        tok = toks[j]
        if tok.is_punct and j > i and tok.text not in ".":
            continue
        text = _span_text(doc, i, j + 1)
        hit = _lookup(text, tables)
        if hit is not None:
            return j + 1, hit
        if j > i and _norm(text).casefold() in tables.places:
            return j + 1, _PLACE
    return None


def _resolve_person_tokens(
    doc: Doc, s: int, e: int, tables: _Tables, out: list[_Mention]
) -> _Mention | None:
    """Cut titles and country/organisation names off a PERSON span; emit those as mentions."""
    whole = _norm(_span_text(doc, s, e))
    if whole.casefold() in tables.persons:  # "Pope Francis", "Crown Prince Mohammed bin Salman"
        return _Mention(s, e, "PERSON", person=whole)
    i = s
    while i < e - 1:
        tok = doc_tokens(doc)[i]
        if tok.lower_ in tables.titles or tok.is_punct or tok.text in _POSSESSIVE:
            i += 1
            continue
        found = _longest_alias(doc, i, e - 1, tables)
        if found is None or found[1].weak:  # "Jordan Bardella": part of the name
            break
        end, alias = found
        after = doc_tokens(doc)[end]
        # "Nato chief Mark Rutte", "Russian Vladimir Putin" lose their prefix; "Israel Katz"
        # (a country name and one more word) is a name.
        if not (
            after.lower_ in tables.titles
            or after.is_punct
            or after.text in _POSSESSIVE
            or e - end >= 2
        ):
            break
        out.append(_Mention(i, end, alias.label, alias.actor))
        i = end
    s, e = _trim(doc, i, e)
    if s >= e or not any(
        doc_tokens(doc)[k].is_title or doc_tokens(doc)[k].is_upper for k in range(s, e)
    ):
        return None
    return _Mention(s, e, "PERSON", person=_norm(_span_text(doc, s, e)))


def _is_media(doc: Doc, s: int, e: int, tables: _Tables) -> bool:
    return e - s >= 2 and doc_tokens(doc)[e - 1].text in tables.media_heads


def _looks_like_name(doc: Doc, s: int, e: int) -> bool:
    """Whether an unknown mention can be a name (a capital; a lone word must be a proper noun).

    The small model tags sentence-initial common nouns ("Schools", "Wreckage") PERSON or ORG.
    """
    if not any(doc_tokens(doc)[k].text[:1].isupper() for k in range(s, e)):
        return False
    return e - s > 1 or doc_tokens(doc)[s].tag_ in ("NNP", "NNPS") or doc_tokens(doc)[s].is_upper


def _from_ents(doc: Doc, tables: _Tables) -> list[_Mention]:
    out: list[_Mention] = []
    n_tok = len(doc)
    for ent in doc.ents:
        label = ent.label_
        if label not in _ACTOR_LABELS and label not in _ALIAS_ONLY_LABELS:
            continue
        for es, ee in _paragraph_pieces(doc, ent.start, ent.end):
            _add_ent(doc, es, ee, label, tables, out, n_tok)
    return out


def _paragraph_pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    r"""Cut a token range at line breaks: a name never runs from one paragraph into the next.

    ("Jane Alvarez\nWALLACE" is the NER joining a byline to the next line.)
    """
    pieces, s = [], start
    for i in range(start, end):
        if doc_tokens(doc)[i].is_space and "\n" in doc_tokens(doc)[i].text:
            if s < i:
                pieces.append((s, i))
            s = i + 1
    if s < end:
        pieces.append((s, end))
    return pieces


def _add_ent(
    doc: Doc, es: int, ee: int, label: str, tables: _Tables, out: list[_Mention], n_tok: int
) -> None:
    """Add the mention(s) of one NER entity piece ``[es, ee)`` to ``out``."""
    if label == "PERSON":  # "Ursula von der" + "Leyen": the NER stopped at a particle
        while (
            ee < n_tok
            and doc_tokens(doc)[ee - 1].lower_ in tables.particles
            and doc_tokens(doc)[ee].is_title
        ):
            ee += 1
    s, e = _trim(doc, es, ee)
    alias = _lookup(_span_text(doc, s, e), tables) if s < e else None
    # Split at inner possessives ("Ukraine's GUR") unless the whole is a name with one
    # ("People's Republic of China").
    parts = [(s, e)] if alias is not None else _split_possessives(doc, es, ee)
    for ps, pe in parts:
        s, e = _trim(doc, ps, pe)
        if s >= e:
            continue
        if label != "PERSON":
            # The NER stopped short of a known name: "the Group" of "the Group of Seven".
            longer = _longest_alias(doc, s, min(n_tok, s + _MAX_NGRAM), tables)
            if longer is not None and longer[0] > e and not longer[1].weak:
                out.append(_Mention(s, longer[0], longer[1].label, longer[1].actor))
                continue
        m = _resolve_ent(doc, s, e, label, tables, out)
        if m is not None:
            out.append(m)


def _resolve_ent(
    doc: Doc, s: int, e: int, label: str, tables: _Tables, out: list[_Mention]
) -> _Mention | None:
    """Resolve one (trimmed) NER mention; extra mentions found inside go to ``out``."""
    text = _span_text(doc, s, e)
    alias = _lookup(text, tables)
    if alias is not None and not (alias.weak and label in _WEAK_BLOCKING):
        return _Mention(s, e, alias.label, alias.actor, weak=alias.weak)
    folded = _norm(text).casefold()
    if folded in tables.places:
        place_label = tables.places[folded]
        return _Mention(s, e, place_label) if place_label != "-" else None
    if label == "PERSON":
        m = _resolve_person_tokens(doc, s, e, tables, out)
        if m is None or not _looks_like_name(doc, m.start, m.end):
            return None
        if m.end - m.start > 1:
            last = doc_tokens(doc)[m.end - 1].text
            if last in tables.place_heads:
                return _Mention(m.start, m.end, "LOC")
            if last in tables.org_heads:
                # "Arakan Army", "Polisario Front", "Kataib Hezbollah": no person bears the name
                return _Mention(m.start, m.end, "ORG", org="org")
        return m
    if label in _ALIAS_ONLY_LABELS:
        return _Mention(s, e, "ORG", org="media") if _is_media(doc, s, e, tables) else None
    if all(doc_tokens(doc)[k].lower_ in tables.titles for k in range(s, e)):
        return None  # "Defence" of "Defence Minister" tagged ORG
    inner = _inner_aliases(doc, s, e, tables) if label != "ORG" else []
    if inner:
        out.extend(inner)  # "Russia-Ukraine", "North Korea flag": keep the countries
        return None
    if label == "ORG":
        if not _looks_like_name(doc, s, e):
            return None
        if doc_tokens(doc)[e - 1].text in tables.place_heads or folded in _cities():
            return _Mention(s, e, "LOC")  # "Beledweyne District", "Quetta"
        kind = "media" if _is_media(doc, s, e, tables) else "org"
        return _Mention(s, e, label, org=kind)
    return _Mention(s, e, label)  # a place or a group with no actor ("Kursk", "Western")


def _inner_aliases(doc: Doc, s: int, e: int, tables: _Tables) -> list[_Mention]:
    """Countries joined inside one NER mention ("Russia-Ukraine", "U.S. and China").

    Only when nothing but punctuation and conjunctions is left over: "New Mexico" or "Indian
    Ocean" are places, not Mexico or India.
    """
    found: list[_Mention] = []
    i = s
    while i < e:
        hit = _longest_alias(doc, i, e, tables)
        if hit is not None and not hit[1].weak:
            end, alias = hit
            found.append(_Mention(i, end, alias.label, alias.actor))
            i = end
            continue
        if not (doc_tokens(doc)[i].is_punct or doc_tokens(doc)[i].pos_ == "CCONJ"):
            return []
        i += 1
    return found


def _gap_fill(
    doc: Doc, lowers: list[int], covered: bytearray, tables: _Tables, present: set[str]
) -> list[_Mention]:
    """Alias look-ups over tokens no NER mention covers ("Nato" missed, "the alliance")."""
    out: list[_Mention] = []
    contextual: list[_Mention] = []
    n_tok = len(doc)
    # Only tokens that can start an alias are visited (a set test per token id).
    first_ids = tables.first_ids
    starts = [i for i, h in enumerate(lowers) if h in first_ids]
    next_free = 0
    for i in starts:
        if i < next_free or covered[i]:
            continue
        limit = i
        while limit < n_tok and not covered[limit] and limit - i < _MAX_NGRAM:
            limit += 1
        hit = _longest_alias(doc, i, limit, tables)
        if hit is not None and (hit[1] is _PLACE or not hit[1].weak):
            end, alias = hit
            if alias is not _PLACE:
                out.append(_Mention(i, end, alias.label, alias.actor))
            next_free = end
            continue
        if (
            i > 0
            and not covered[i - 1]
            and doc_tokens(doc)[i - 1].lower_ == "the"
            and not doc_tokens(doc)[i].is_title
        ):
            # A definite description ("the alliance", "the 27-nation bloc").
            for end in range(min(limit, i + 5), i, -1):
                ctx = tables.context.get(_norm(doc[i:end].text).casefold())
                if ctx is not None:
                    contextual.append(_Mention(i - 1, end, ctx.label, ctx.actor))
                    next_free = end
                    break
    # Only for actors the article names (anywhere, also after the description).
    named = present | {m.actor for m in out if m.actor}
    out.extend(m for m in contextual if m.actor in named)
    return out


def _extend_determiner(doc: Doc, m: _Mention) -> None:
    """Include a "the" that belongs to the mention itself ("The US said", "the Kremlin")."""
    if m.start == 0 or doc_tokens(doc)[m.start - 1].lower_ != "the":
        return
    det = doc_tokens(doc)[m.start - 1]
    if det.dep_ == "det" and m.start <= det.head.i < m.end:
        m.start -= 1


_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az|an)-(?=\w)")


def _surname_keys(folded: str, particles: frozenset[str]) -> Iterator[str]:
    """Ways a full name is shortened in later mentions.

    "mohammed shia al-sudani" -> "al-sudani", "sudani"; "ursula von der leyen" -> "leyen",
    "von der leyen".
    """
    words = folded.split(" ")
    last = words[-1]
    yield last
    bare = _ARABIC_ARTICLE.sub("", last)
    if bare != last:
        yield bare
    k = len(words) - 1
    while k > 1 and words[k - 1] in particles:
        k -= 1
        yield " ".join(words[k:])


def _person_ids(
    mentions: list[_Mention], tables: _Tables
) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Canonical persons of an article.

    Full names are canonical; a shorter name joins the full name in the article it shortens
    (surname, surname without "al-", "von der Leyen"; for family-name-first names the first
    word), else the packaged table's person, else it stands alone.

    Returns:
        ``(people, surnames)``: folded mention name -> (actor id, display name), and folded
        surname -> the same, for the surnames of full names in this article.
    """
    full: dict[str, str] = {}  # folded full name -> display name
    for m in mentions:
        if m.person and " " in m.person:
            folded = m.person.casefold()
            if folded.split(" ", 1)[0] in tables.particles:
                continue  # "von der Leyen", "al-Sudani": a surname, not a full name
            known = tables.persons.get(folded)
            full.setdefault(folded, known[0] if known else m.person)
    by_last: dict[str, str] = {}
    by_first: dict[str, str] = {}
    for folded, name in full.items():
        for key in _surname_keys(folded, tables.particles):
            by_last.setdefault(key, name)
        by_first.setdefault(folded.split(" ", 1)[0], name)
    result: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if not m.person:
            continue
        key = m.person.casefold()
        if key in result:
            continue
        if key in full:
            name = full[key]
        elif key in by_last:
            name = by_last[key]
        elif key in tables.persons:
            name = tables.persons[key][0]
        elif key in by_first:
            name = by_first[key]
        else:
            name = m.person
        result[key] = (f"person:{slugify(name)}", name)
    surnames = {key: (f"person:{slugify(name)}", name) for key, name in by_last.items()}
    return result, surnames


def _dedupe(mentions: Iterable[_Mention]) -> list[_Mention]:
    """Text order; on overlap keep the longer mention (then the earlier one)."""
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mention] = []
    for m in ordered:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def extract_actors(doc: Doc, meta: dict[str, Any], layers: Layers) -> Iterator[Record]:
    """Yield entity mentions and the canonical actors they refer to, for one parsed article.

    Args:
        doc: the parsed article (``doc.text`` is the article text).
        meta: the article's metadata (unused here).
        layers: records of earlier extractors (none run before this one).

    Yields:
        :class:`Actor` records (one per canonical actor, in order of first mention), then
        :class:`Entity` records ``e1``, ``e2`` ... in text order.
    """
    tables = _tables()
    mentions = _dedupe(_from_ents(doc, tables))
    covered = bytearray(len(doc))
    for m in mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    present = {m.actor for m in mentions if m.actor}

    # Single words the NER tagged ORG/GPE/NORP but that are the surname of someone named in
    # full in this article, or that it missed entirely, are that person ("Rutte" as ORG).
    people, surnames = _person_ids(mentions, tables)
    for m in mentions:
        unresolved = m.org or (m.actor is None and m.label in _PLACE_LABELS)
        # "Jordan said" after "Michael Jordan"; not "the king of Jordan".
        ambiguous = m.weak and doc_tokens(doc)[m.end - 1].dep_ != "pobj"
        if not (unresolved or ambiguous) or m.person:
            continue
        text = _norm(_span_text(doc, m.start, m.end))
        key = text.casefold()
        if key in surnames:
            people.setdefault(key, surnames[key])
        elif unresolved and key in tables.persons:
            name = tables.persons[key][0]  # "Erdogan" tagged GPE, "Moody Awori" tagged ORG
            people.setdefault(key, (f"person:{slugify(name)}", name))
        else:
            continue
        m.person, m.org, m.actor, m.label = text, None, None, "PERSON"
    surnames = {key: val for key, val in surnames.items() if " " not in key}

    lowers: list[int] = doc.to_array(LOWER).tolist()
    extra = _gap_fill(doc, lowers, covered, tables, present)
    for m in extra:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    if surnames:
        ids = {get_string_id(k) for k in surnames}
        for i in [i for i, h in enumerate(lowers) if h in ids]:
            tok = doc_tokens(doc)[i]
            if not covered[i] and tok.is_title:
                extra.append(_Mention(i, i + 1, "PERSON", person=tok.text))
                people.setdefault(tok.lower_, surnames[tok.lower_])
    mentions = _dedupe([*mentions, *extra])

    names: dict[str, _ActorInfo] = {}
    entities: list[Entity] = []
    # Last words of organisations already named in full: a later "the Journal", "the Fund".
    org_heads: dict[str, str] = {}
    cities = _cities()
    for m in mentions:
        if m.person:
            key = m.person.casefold()
            m.actor, display = people[key]
            unlinked = m.actor == f"person:{slugify(m.person)}" and key not in tables.persons
            alias = _lookup(m.person, tables) if unlinked else None
            if alias is not None:
                # "Jordan said" with no Michael Jordan in the article: the country.
                m.person, m.actor, m.label = None, alias.actor, alias.label
            elif unlinked and key in cities:
                # A place name nobody in the article is called by.
                m.person, m.actor, m.label = None, None, "LOC"
            elif (
                unlinked
                and m.end - m.start == 1
                and _in_place_context(doc, m.start, m.end, tables)
                and geocode(m.person) is not None
            ):
                # "withdraw from Kherson", "Kakuma camps": a smaller place, told by its context
                m.person, m.actor, m.label = None, None, "LOC"
            else:
                names.setdefault(m.actor, _ActorInfo(display, "person", None))
        elif m.org:
            name = _norm(_span_text(doc, m.start, m.end))
            known = _lookup(name, tables)
            if known is not None:
                m.actor = known.actor
            elif m.end - m.start == 1 and name.casefold() in org_heads:
                m.actor = org_heads[name.casefold()]
            else:
                slug = slugify(name)
                if not slug:
                    continue
                m.actor = f"{m.org}:{slug}"
                names.setdefault(m.actor, _ActorInfo(name, m.org, None))
        if m.actor and m.end - m.start > 1 and m.actor.startswith(("org:", "media:")):
            org_heads.setdefault(doc_tokens(doc)[m.end - 1].lower_, m.actor)
        if m.actor and not m.person and m.label != "NORP":
            _extend_determiner(doc, m)
        if m.start < m.end:
            # From the shared text: a Span would build its text token by token.
            toks = doc_tokens(doc)
            start_char = toks[m.start].idx
            end_char = toks[m.end - 1].idx + len(toks[m.end - 1])
            span_text = doc_text(doc)[start_char:end_char]
        else:
            span = doc[m.start : m.end]
            start_char, end_char, span_text = span.start_char, span.end_char, span.text
        entities.append(
            Entity(
                id=f"e{len(entities) + 1}",
                span=[start_char, end_char],
                text=span_text,
                label=m.label,
                actor=m.actor,
            )
        )

    seen: set[str] = set()
    for ent in entities:
        actor = ent.actor
        if not actor or actor in seen:
            continue
        seen.add(actor)
        info = names.get(actor) or tables.actors.get(actor)
        if info is None:  # a pycountry-only country: use its common name
            info = _country_info(actor)
        yield Actor(id=actor, name=info.name, kind=info.kind, code=info.code)
    yield from entities


def _country_info(actor: str) -> _ActorInfo:
    import pycountry

    code = actor.split(":", 1)[1]
    c = pycountry.countries.get(alpha_3=code)
    name = (getattr(c, "common_name", None) or c.name) if c else code
    return _ActorInfo(name, "country", code)
