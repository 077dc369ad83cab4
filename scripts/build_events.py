"""Build newsledger's dictionary event lexicon from PETRARCH2's CAMEO verb dictionary.

Usage (from the repository root; one command regenerates everything under ``data/events/``
that this script owns)::

    python scripts/build_events.py [--cameo ../shared/lexicons/petrarch2/CAMEO.2.0.txt]
                                   [--mapping ../shared/eval/plover/CAMEO2PLOVER-2021.txt]
                                   [--out src/newsledger/data/events]

Writes:

* ``cameo_verbs.json``: verbs, phrasal verbs, verb + object / preposition patterns, light verbs
  and event nouns, each with the CAMEO code it came from and its PLOVER type and mode;
* ``cameo2plover.tsv``: the CAMEO -> PLOVER mapping (PLOVER project, CC BY-SA 4.0; notice in
  the file header);
* ``NOTICE.md``: the licences (PETRARCH2 dictionaries: MIT; the mapping: CC BY-SA 4.0).

How the CAMEO dictionary becomes trigger data (the rules, in order):

1. **Codes.** A CAMEO code maps to PLOVER through the mapping file, trying the code, then its
   3-digit and 2-digit prefixes. Codes with no PLOVER event are dropped: ``01x`` (public
   statements: "say", "comment") and ``02x`` (appeals, which the PLOVER manual lists as
   "dropped"), and ``[---]`` (no event). A *pattern* whose code is dropped is kept as a
   **negative** rule ("dismissed speculation" [010]: no event), so that a specific pattern can
   veto the verb's default.
2. **Verbs.** Every single-word verb of a group gets the group's code (or its own ``[code]``),
   unless it is **generic** (``GENERIC`` below: light and support verbs such as make, take,
   give, hold, say, whose event depends on the object). Generic verbs keep their patterns.
   A verb also needs a sign of curation in the dictionary to carry a default: it names its
   group, has its own ``[code]`` or ``{forms}``, a coder's comment, or patterns of its own;
   the bare WordNet synonyms bulk-added to groups (the file's header says so: "affect" under
   DISCLOSE, "brave" under MEET_PEOPLE) keep no default. Two-word verbs written
   ``+BRING_OUT`` become phrasal verbs when the second word is a particle or preposition.
3. **Patterns** ``- [subject] * object (PREP object) [code] # VERB`` become dependency rules:
   ``obj`` (the direct object's head lemma: the last word of a ``{phrase}``; a ``&SET`` expands
   to its words), ``prep`` (the preposition) and ``pobj`` (its object's head lemmas, or any).
   A pattern belongs to the verb named in its comment (its inflected form resolved through the
   group's ``{forms}``), else to every verb of the group, as PETRARCH reads it. Patterns with a
   subject-side word (``POLICE *``), negation (``NOT``) or more than one object are skipped:
   the dependency matcher cannot check them reliably.
4. **Event nouns.** An object of a *light verb* (``LIGHT_VERBS``: launch, hold, stage, wage,
   pay, conduct, impose, ...; verbs that only carry the noun) names the event itself:
   "launch an offensive", "pay a visit", "impose sanctions". Each such object head becomes an
   event noun with the most frequent code over light-verb patterns (``NOUN_SOURCES``: verbs
   that take nothing but events; "hold" and "begin" also take elections and programmes, and
   ``&SET`` expansions are too loose, so neither feeds the table); a
   two-word ``{phrase}`` object is keyed by the phrase ("verbal attack"), and nouns of the
   Phoenix agents dictionary ("troops", "opponent") are never event nouns. ``SEED_NOUNS`` adds the
   few common event nouns the dictionary never writes as light-verb objects ("talks",
   "ceasefire", "protest", "agreement"): these are the words of CAMEO's own code
   descriptions, not taken from any gold data.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CAMEO = ROOT.parent / "shared" / "lexicons" / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_MAPPING = ROOT.parent / "shared" / "eval" / "plover" / "CAMEO2PLOVER-2021.txt"
DEFAULT_OUT = ROOT / "src" / "newsledger" / "data" / "events"

# CAMEO codes whose top level has no PLOVER event (manual, appendix: 01 and 02 "dropped").
DROPPED_ROOTS = ("01", "02")
# Verbs too general to carry an event by themselves: only their patterns are kept.
GENERIC = frozenset(
    """be have do make take give get go come say tell put set see show keep hold find run move
    turn bring call leave use work try need want start begin continue include add let seem
    become remain stay look feel think know mean expect plan prepare decide announce state
    declare report note express issue carry pass open close end stop change raise lift place
    point send receive reach return face follow lead stand sit fall rise drop grow build
    draw cut break hit pay play win lose spend ask seek pose form mark write read hear speak
    answer reply respond comment describe explain claim deny confirm believe hope wish consider
    serve act handle deal pursue press push pull cover enter approach apply address draft
    develop outline sign argue study""".split()
)
# Objects of the noun sources that name a document or a piece of research, not an act: "conduct
# a study" is CAMEO's investigate, but "a study by a sociologist concluded" is a report.
NOT_EVENT_NOUNS = frozenset(("study", "studies", "survey", "surveys"))
# Light verbs whose pattern objects are read as event nouns (the rest only *use* the table:
# "make", "take", "reach", "sign" change the noun's event or take non-event objects).
NOUN_SOURCES = frozenset("launch mount stage wage conduct carry pay impose declare unleash".split())
# Verbs that only carry an event noun ("launched an offensive"): their objects name events.
LIGHT_VERBS = (
    "launch",
    "mount",
    "stage",
    "wage",
    "conduct",
    "carry",
    "hold",
    "pay",
    "impose",
    "declare",
    "begin",
    "start",
    "resume",
    "unleash",
    "make",
    "take",
    "organize",
    "organise",
    "sign",
    "reach",
    "hold",
    "host",
    "step",
    "intensify",
    "escalate",
)
PARTICLES = frozenset(
    "up down out off in on over back away about around through along apart aside forward "
    "with to for from into against at by upon".split()
)
PREPOSITIONS = frozenset(
    "to with on in at for from against by over into about of under upon between among".split()
)
# Event nouns named in CAMEO's own code descriptions that the verb patterns never give as a
# light verb's object (CAMEO category -> noun): read off the code list, not from gold data.
SEED_NOUNS = {
    "talks": "046",  # Engage in negotiation
    "negotiation": "046",
    "consultation": "040",
    "visit": "042",  # Make a visit
    "summit": "040",
    "meeting": "040",
    "ceasefire": "0871",  # Declare truce, ceasefire
    "truce": "0871",
    "armistice": "0871",
    "protest": "140",  # Engage in political dissent
    "demonstration": "141",  # Demonstrate or rally
    "rally": "141",
    "hunger strike": "142",
    "boycott": "143",
    "blockade": "191",  # Impose blockade
    "sanction": "163",  # Impose embargo, boycott, or sanctions
    "embargo": "163",
    "curfew": "1723",
    "offensive": "190",  # Use conventional military force
    "airstrike": "195",
    "air strike": "195",
    "bombardment": "194",
    "agreement": "057",  # Sign formal agreement
    "treaty": "057",
    "accord": "057",
    "pact": "057",
    "withdrawal": "0872",
    "evacuation": "0874",
    "investigation": "090",  # Investigate
    "inquiry": "090",
    "probe": "090",
    "condemnation": "111",  # Criticize or denounce
    "lawsuit": "115",
    "arrest": "173",
    "deportation": "174",
    "expulsion": "166",
    "assassination": "186",
    "massacre": "202",
    "mobilization": "154",
    "mobilisation": "154",
    "deployment": "154",
    "aid": "070",
    "assistance": "070",
}
WORD = re.compile(r"[A-Z][A-Z'_\-]*")


def read_mapping(path: Path) -> tuple[dict[str, tuple[str, str | None, str | None]], list[str]]:
    """CAMEO code -> (PLOVER type, mode, context); and the file's lines for shipping."""
    out: dict[str, tuple[str, str | None, str | None]] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        m = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
        if not m:
            continue
        parts = [p.strip() or None for p in m.group(2).split(",")]
        parts += [None] * (3 - len(parts))
        if not parts[0]:
            continue
        out[m.group(1)] = (parts[0], parts[1], parts[2])
    return out, lines


def plover(code: str, mapping: dict[str, tuple[str, str | None, str | None]]) -> list | None:
    """A CAMEO code's [type, mode] (None when it maps to no PLOVER event)."""
    code = code.split(":")[0].strip()
    if not code or code.startswith("-") or code.startswith(DROPPED_ROOTS):
        return None
    for n in (len(code), 3, 2):
        hit = mapping.get(code[:n])
        if hit:
            event, mode, context = hit
            if (
                event == "AID"
                and not mode
                and context
                in (
                    "economic",
                    "military",
                    "humanitarian",
                    "peacekeeping",
                    "asylum",
                )
            ):
                mode = context  # the manual's AID modes are written in the context column
            return [event, mode.replace(" ", "") if mode else None]
    return None


def _words(chunk: str, synsets: dict[str, list[str]]) -> list[str]:
    """Head lemmas named by a pattern element: a word, a {phrase} (its last word), a &SET."""
    chunk = chunk.strip()
    if chunk.startswith("{"):
        inner = chunk.strip("{}").split()
        return _words(inner[-1], synsets) if inner else []
    if chunk.startswith("&"):
        out: list[str] = []
        for w in synsets.get(chunk[1:].rstrip("_"), []):
            out.extend(_words(w, synsets))
        return out
    w = chunk.strip("_").replace("_", " ").lower()
    if not w or not w[0].isalpha():
        return []
    head = w.split()[-1]
    forms = {head}
    if head.endswith("ies"):
        forms.add(head[:-3] + "y")
    elif head.endswith("s") and not head.endswith("ss"):
        forms.add(head[:-1])
    return sorted(forms)


def _tokens(text: str) -> list[str]:
    """Split a pattern side into elements: (groups), {phrases}, &sets and words."""
    return re.findall(r"\([^)]*\)|\{[^}]*\}|&[A-Z_]+|[^\s(){}]+", text)


def parse_pattern(post: str, synsets: dict[str, list[str]]) -> dict | None:
    """The object/preposition side of a pattern as a dependency rule, or None if too complex."""
    obj: list[str] | None = None
    phrase: str | None = None
    prep: str | None = None
    pobj: list[str] | None = None
    items = _tokens(post)
    i = 0
    while i < len(items):
        it = items[i]
        if it in ("+", "$", "^", "%"):
            i += 1
            continue
        if it.upper() == "NOT" or it.startswith("~"):
            return None
        if it.startswith("("):
            if prep is not None:
                i += 1  # a second prepositional group: keep the first only
                continue
            inner = _tokens(it[1:-1])
            if not inner or inner[0].lower() not in PREPOSITIONS:
                return None
            prep = inner[0].lower()
            rest = [x for x in inner[1:] if x not in ("+", "$", "^", "%")]
            if rest:
                pobj = _words(rest[-1], synsets)
                if not pobj:
                    return None
            i += 1
            continue
        if it.lower() in PREPOSITIONS and prep is None and i + 1 < len(items):
            prep = it.lower()  # "ON &SOLUTION": a bare preposition group
            pobj = _words(items[i + 1], synsets)
            i += 2
            continue
        if obj is not None:
            return None  # two objects ("NOT EXTEND DEADLINE" style): not checkable
        obj = _words(it, synsets)
        if not obj:
            return None
        if it.startswith("{") and len(it.split()) == 2 and "&" not in it:
            phrase = " ".join(it.strip("{}").lower().split())
        i += 1
    if obj is None and prep is None:
        return None
    rule = {"obj": obj, "prep": prep, "pobj": pobj}
    if phrase:
        rule["phrase"] = [phrase]  # "{VERBAL ATTACK}": the noun key keeps its modifier
    return rule


def read_cameo(path: Path) -> tuple[dict[str, list[str]], list[dict]]:
    """Synonym sets and verb groups ({name, code, verbs: {lemma: code}, forms, patterns})."""
    synsets: dict[str, list[str]] = {}
    groups: list[dict] = []
    in_verbs = False
    cur_set: str | None = None
    group: dict | None = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("- ") else raw.rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs:
            if line.startswith("&"):
                cur_set = line[1:].strip().rstrip("_")
                synsets[cur_set] = []
            elif line.startswith("+") and cur_set:
                synsets[cur_set].append(line[1:].strip())
            elif not line.strip():
                cur_set = None
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            group = {
                "name": m.group(1),
                "code": m.group(2),
                "verbs": {},
                "forms": {},
                "pats": [],
                "curated": set(),
            }
            groups.append(group)
            continue
        if group is None or not line.strip():
            continue
        if line.startswith("- "):
            pm = re.match(r"^-\s+(.*?)\s*\[([^\]]*)\]\s*(?:#\s*(\S+))?", line)
            if pm:
                group["pats"].append((pm.group(1), pm.group(2), (pm.group(3) or "").strip()))
            continue
        vm = re.match(r"^(\+?)([A-Z][A-Z_'\-]*)\s*(\[[^\]]*\])?\s*(\{[^}]*\})?", line.strip())
        if not vm:
            continue
        word = vm.group(2).strip("_")
        code = vm.group(3)[1:-1] if vm.group(3) else group["code"]
        group["verbs"][word] = code
        if vm.group(3) or vm.group(4) or "#" in raw or word == group["name"].split("_")[0]:
            group.setdefault("curated", set()).add(word)
        for form in (vm.group(4) or "").strip("{}").split():
            group["forms"][form.lstrip("+").strip("_")] = word
    return synsets, groups


def read_agent_words(path: Path) -> set[str]:
    """Nouns of the Phoenix agents dictionary (people and groups: never event nouns)."""
    out: set[str] = set()
    if not path.exists():
        return out
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith(("<", "!")):
            continue
        m = re.match(r"^([A-Z][A-Z_'\-]*)", line.lstrip("+"))
        if m:
            w = m.group(1).strip("_").replace("_", " ").lower()
            out.add(w)
            out.add(w + "s")
    return out


def build(cameo: Path, mapping_path: Path) -> tuple[dict, list[str]]:
    """The generated lexicon and the mapping file's lines."""
    mapping, map_lines = read_mapping(mapping_path)
    agents = read_agent_words(cameo.parent / "Phoenix.agents.txt")
    synsets, groups = read_cameo(cameo)
    verbs: dict[str, list] = {}
    phrasal: dict[str, list] = {}
    patterns: dict[str, list[dict]] = defaultdict(list)
    noun_codes: dict[str, Counter[str]] = defaultdict(Counter)
    dropped_generic: set[str] = set()
    uncurated: set[str] = set()
    for g in groups:
        lemmas: dict[str, str] = {}  # CAMEO word -> our key
        # a verb's own patterns make it curated, if the pattern is one we can use (no subject)
        origins = {
            g["forms"].get(o.strip("_"), o.strip("_"))
            for pat, _c, o in g["pats"]
            if "*" in pat and not [w for w in _tokens(pat.split("*")[0]) if w not in "+$^%"]
        }
        for word, code in g["verbs"].items():
            if word not in g["curated"] and word not in origins:
                uncurated.add(word.lower())
                lemmas[word] = word.lower().replace("_", " ")
                continue
            parts = word.lower().split("_")
            if len(parts) == 1:
                key = parts[0]
                lemmas[word] = key
                hit = plover(code, mapping)
                if hit is None:
                    continue
                if key in GENERIC:
                    dropped_generic.add(key)
                    continue
                verbs.setdefault(key, [*hit, code.split(":")[0]])
            elif len(parts) == 2 and parts[1] in PARTICLES and parts[0] != "re":
                key = " ".join(parts)
                lemmas[word] = key
                hit = plover(code, mapping)
                if hit is not None:
                    phrasal.setdefault(key, [*hit, code.split(":")[0]])
        for pre, code, origin in g["pats"]:
            if "*" not in pre:
                continue
            subj, post = pre.split("*", 1)
            if [w for w in _tokens(subj) if w not in ("+", "$", "^", "%")]:
                continue  # a subject-side word: not checkable from the verb
            rule = parse_pattern(post, synsets)
            if rule is None:
                continue
            hit = plover(code, mapping)
            rule["event"], rule["mode"] = hit if hit else (None, None)
            rule["code"] = code.split(":")[0].strip() or "---"
            base = origin.strip("_")
            base = g["forms"].get(base, base)
            owners = [lemmas[base]] if base in lemmas else sorted(set(lemmas.values()))
            for owner in owners:
                if " " in owner:
                    continue
                if rule not in patterns[owner]:
                    patterns[owner].append(rule)
                literal = "&" not in post.split("(")[0]
                if owner in NOUN_SOURCES and hit and rule["obj"] and not rule["prep"] and literal:
                    for noun in rule.get("phrase") or rule["obj"]:
                        if noun not in agents and noun not in NOT_EVENT_NOUNS:
                            noun_codes[noun][rule["code"]] += 1
    nouns: dict[str, list] = {}
    for noun, codes in sorted(noun_codes.items()):
        code = codes.most_common(1)[0][0]
        hit = plover(code, mapping)
        if hit:
            nouns[noun] = [*hit, code]
    for noun, code in SEED_NOUNS.items():
        hit = plover(code, mapping)
        if hit:  # the code list's own word wins over a derived reading
            nouns[noun] = [*hit, code]
            if noun.endswith("s") and " " not in noun:
                continue
            plural = (
                noun[:-1] + "ies" if noun.endswith("y") and noun[-2] not in "aeiou" else noun + "s"
            )
            nouns.setdefault(plural, [*hit, code])
    data = {
        "_doc": (
            "Generated by scripts/build_events.py from PETRARCH2's CAMEO.2.0.txt (MIT, Open Event"
            " Data) and PLOVER's CAMEO2PLOVER-2021.txt (CC BY-SA 4.0); see NOTICE.md. Do not edit"
            " by hand: rerun the script. verbs/phrasal: lemma -> [type, mode, cameo]; patterns:"
            " lemma -> rules {obj: object head lemmas|null, prep, pobj: head lemmas|null, event"
            " (null: a negative rule), mode, code}; nouns: event noun -> [type, mode, cameo];"
            " light_verbs: verbs that only carry an event noun."
        ),
        "verbs": dict(sorted(verbs.items())),
        "phrasal": dict(sorted(phrasal.items())),
        "patterns": {k: v for k, v in sorted(patterns.items()) if v},
        "nouns": nouns,
        "light_verbs": sorted(set(LIGHT_VERBS)),
        "generic_verbs_without_default": sorted(dropped_generic),
        "uncurated_verbs_without_default": sorted(uncurated),
    }
    return data, map_lines


NOTICE = """# Notices for the generated event lexicon

`cameo_verbs.json` is generated by `scripts/build_events.py` from the PETRARCH2 CAMEO verb
dictionary (`CAMEO.2.0.txt`, openeventdata/petrarch2):

> The MIT License (MIT)
>
> Copyright (c) 2014 Open Event Data; dictionary Copyright (c) 2015 Open Event Data Alliance
>
> Permission is hereby granted, free of charge, to any person obtaining a copy of this software
> and associated documentation files (the "Software"), to deal in the Software without
> restriction, including without limitation the rights to use, copy, modify, merge, publish,
> distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
> Software is furnished to do so, subject to the following conditions:
>
> The above copyright notice and this permission notice shall be included in all copies or
> substantial portions of the Software.
>
> THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
> BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
> NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
> DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
> OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

`cameo2plover.tsv` is the CAMEO to PLOVER conversion table of the PLOVER project
(openeventdata/PLOVER, `CAMEO2PLOVER-2021.txt`, edited by Philip Schrodt), licensed under the
Creative Commons Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0)
(https://creativecommons.org/licenses/by-sa/4.0/). It is shipped as its own file, reformatted
(code, type, mode, context) and otherwise unchanged; it is used by the lexicon built from it.

The actor data generated from the Phoenix dictionaries of the same distribution (people,
international organisations and armed groups, agent nouns: `../actors/phoenix_persons.tsv`,
`../actors/phoenix_orgs.tsv`, `agent_sectors.json`) carries the same MIT licence; its notice is
`../actors/NOTICE.md`.
"""


def main(argv: list[str] | None = None) -> int:
    """Regenerate ``data/events/cameo_verbs.json``, ``cameo2plover.tsv`` and ``NOTICE.md``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cameo", type=Path, default=DEFAULT_CAMEO)
    ap.add_argument("--mapping", type=Path, default=DEFAULT_MAPPING)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    data, map_lines = build(args.cameo, args.mapping)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cameo_verbs.json").write_text(
        json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    mapping, _ = read_mapping(args.mapping)
    tsv = [
        "# CAMEO -> PLOVER conversion table, from the PLOVER project (openeventdata/PLOVER,",
        "# CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8, edited by Philip Schrodt).",
        "# Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).",
        "# Columns: cameo_code, plover_type, mode, context (reformatted, otherwise unchanged).",
    ]
    for code, (event, mode, context) in mapping.items():
        tsv.append("\t".join([code, event, mode or "", context or ""]))
    (args.out / "cameo2plover.tsv").write_text("\n".join(tsv) + "\n", encoding="utf-8")
    (args.out / "NOTICE.md").write_text(NOTICE, encoding="utf-8")
    print(
        f"{len(data['verbs'])} verbs, {len(data['phrasal'])} phrasal verbs, "
        f"{sum(len(v) for v in data['patterns'].values())} patterns on "
        f"{len(data['patterns'])} verbs, {len(data['nouns'])} event nouns -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
