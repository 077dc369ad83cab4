"""Estimate series: the numbers of a story about one measure, side by side, with who gave each.

A number joins a series by a key read from the store, never by re-parsing: what is counted (the
``counted`` field where the quantity extractor gives it, through the classes of
``data/series/measures.json``, else the singular last word of ``unit``) and what happened to it
(a lexicon word of the number's own phrase, "17 injured people"; else quant's ``happened``
lemma through the equivalence table ``happened_classes``; for records without it, a lexicon
word of its sentence near it), split by a qualifier actor where two differ ("Russian soldiers" /
"North Korean troops") and then by ``place`` where two differ. A percentage next to a rate noun
("25% tariffs on Canadian goods") is a rate: keyed by the rate alone, its target as its place.
Numbers that itemise another ("including 58 men"), that a modal makes hypothetical ("can hold
130"), that are vague ("thousands"), or whose own time (quant's ``time``, else the sentence's)
dates them well before the story ("In 2024", "Last month") are in no series.

Within a series, figures are ordered by publication and position, and each is labelled against
the one before: ``first``; ``same`` (their ranges overlap, bounds respected: "at least 20" and
"31" agree, "at least 200" and "nearly 200" do not); ``update`` (a later article's revised
figure, or a revision word); ``conflict`` (incompatible figures from different sources in the
same article, or a later, lower figure for a count that only grows); ``differs`` (incompatible,
but one is a partial count or about another time).
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from newsledger.link._context import Doc, load_doc, scopes, sentence_bounds
from newsledger.wordforms import participle, plural

_TOKEN = re.compile(r"[a-z][a-z'’-]*|\d[\d,.]*")
_TOKEN_ANY_CASE = re.compile(_TOKEN.pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The series word lists (``data/series/measures.json``)."""
    path = resources.files("newsledger").joinpath("data", "series", "measures.json")
    lex = json.loads(path.read_text(encoding="utf-8"))
    lex["_class_of"] = {w: c for c, words in lex["classes"].items() for w in words}
    lex["_phrases"] = [
        (tuple(p.split()), h) for h, phrases in lex["happened"].items() for p in phrases
    ]
    # The equivalence table for quant's lemmas; a class's own name and its surface words map to
    # it too, so a lemma the table lacks but the phrase list has still finds its class.
    lex["_happened_of"] = {p: h for h, phrases in lex["happened"].items() for p in phrases}
    lex["_happened_of"].update(
        {lemma: h for h, lemmas in lex["happened_classes"].items() for lemma in lemmas}
    )
    lex["_happened_of"].update({h: h for h in lex["happened_classes"]})
    return lex


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _singular(word: str) -> str:
    irregular = {"people": "people", "men": "man", "women": "woman", "children": "child"}
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ses") or word.endswith("xes"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _find(tokens: list[str], phrase: tuple[str, ...]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(tokens) - n + 1) if tuple(tokens[i : i + n]) == phrase]


def _counted(q: dict[str, Any], doc: Doc, lex: dict[str, Any]) -> str | None:
    """The counted class: quant's ``counted`` lemma, else the unit's last word, else a demonym."""
    if q.get("counted"):
        word = str(q["counted"]).lower().split()[-1]
        return lex["_class_of"].get(word, lex["_class_of"].get(_singular(word), word))
    unit = (q.get("unit") or "").strip()
    if not unit:
        return None
    words = _tokens(unit)
    if not words:
        return None
    last = words[-1]
    if last in lex["_class_of"]:
        return lex["_class_of"][last]
    sing = _singular(last)
    if sing in lex["_class_of"]:
        return lex["_class_of"][sing]
    # "the first 2,600 North Koreans": the head noun is a people's name, so people are counted.
    span = q.get("span") or [0, 0]
    for e in doc.records.get("entity", []):
        es = e.get("span") or [0, 0]
        if e.get("label") == "NORP" and span[0] <= es[0] and es[1] >= span[1] - 1 > es[0]:
            return "person"
    return sing  # a class of its own ("miner", "percent"): it joins only its like


def _qualifier(q: dict[str, Any], doc: Doc) -> str | None:
    """The actor that qualifies what is counted.

    Quant's ``qualifier``, else a country or people named inside the number's phrase or right
    after it ("troops from North Korea").
    """
    if q.get("qualifier"):
        return str(q["qualifier"])
    span = q.get("span") or [0, 0]
    for e in doc.records.get("entity", []):
        es = e.get("span") or [0, 0]
        if not e.get("actor") or e.get("label") not in ("NORP", "GPE"):
            continue
        if span[0] <= es[0] and es[1] <= span[1]:
            return e["actor"]
        gap = doc.text[span[1] : es[0]]
        if 0 <= es[0] - span[1] <= 8 and gap.strip().lower() == "from":
            return e["actor"]
    return None


def _happened(
    q: dict[str, Any], doc: Doc, lex: dict[str, Any], sent: tuple[int, int]
) -> tuple[str | None, bool]:
    """What happened to the counted thing, and whether a modal makes it hypothetical.

    First a lexicon word in the number's own phrase: a modifier of the counted noun says what
    the counted are ("17 injured people were shifted to a hospital": injured, not shifted).
    Then quant's ``happened`` lemma, through the equivalence table (``happened_classes``; a
    lemma it lacks is a class of its own). For records without quant's fields, the nearest
    lexicon word within 8 words before or 10 after the number in its sentence (an ",
    including …," aside after the number is skipped, so the verb of the clause is reached).
    """
    span = q["span"]
    own = _tokens(doc.text[span[0] : span[1]])
    for phrase, h in lex["_phrases"]:
        if _find(own, phrase):
            return h, False
    if q.get("happened"):
        lemma = str(q["happened"]).lower()
        return lex["_happened_of"].get(lemma, lemma), False
    before = _tokens(doc.text[sent[0] : span[0]])[-8:]
    after_text = doc.text[span[1] : sent[1]]
    after_text = re.sub(r"^\s*,\s*including\b[^,]*,", " ", after_text)
    after = _tokens(after_text)[:10]
    best: tuple[int, int, str, int, str] | None = None  # (distance, side, happened, index, where)
    for phrase, h in lex["_phrases"]:
        for i in _find(before, phrase):
            d = len(before) - (i + len(phrase)) + 1
            cand = (d, 1, h, i, "before")
            best = min(best, cand) if best else cand
        for i in _find(after, phrase):
            # On a tie the word after wins: the number is then the subject of that verb.
            cand = (i + 1, 0, h, i, "after")
            best = min(best, cand) if best else cand
    if best is None:
        return None, False
    _d, _side, h, i, where = best
    context = before[max(0, i - 4) : i] if where == "before" else (before[-4:] + after[:i])[-4:]
    modal = any(w in lex["modals"] for w in context)
    return h, modal


def _too_early(t: dict[str, Any], first_day: str | None, lex: dict[str, Any]) -> bool:
    """True when a time record lies well before the story's first article.

    A time given to the day or week ("on Tuesday", "last week") may lie up to
    ``early_days_dated`` days before (the attack a first report tells of); another time
    ("in 2024", "last month") only ``early_days``, so yearly totals and earlier periods fall out.
    """
    if not first_day:
        return False
    try:
        first = date.fromisoformat(first_day)
    except ValueError:
        return False
    if t.get("granularity") in ("day", "week"):
        end = t.get("end") or t.get("start")
        limit = (first - timedelta(days=lex["early_days_dated"])).isoformat()
        return bool(end and end < limit)
    start = t.get("start")
    limit = (first - timedelta(days=lex["early_days"])).isoformat()
    return bool(start and start < limit)


def _rate(
    q: dict[str, Any], doc: Doc, lex: dict[str, Any], sent: tuple[int, int]
) -> tuple[str, str | None, bool] | None:
    """A percentage read as a rate: ``(rate, target, hypothetical)``, or None.

    The rate is named by a rate noun right after the number ("25% tariffs") or a few words
    before it ("tariffs of 25%", "raised tariffs on Chinese goods to 20%"); the target is the
    first country actor, else the first telling word, of an "on"/"against" phrase after that
    noun ("on Canadian goods" -> the country, "on steel imports" -> "steel"). A modal just
    before the noun or the number makes it hypothetical ("would respond with 25% tariffs").
    Word lists: ``rates`` in ``data/series/measures.json``.
    """
    rl = lex["rates"]
    if (q.get("unit") or "").lower() not in rl["units"]:
        return None
    span = q["span"]
    toks = [
        (m.group().lower(), sent[0] + m.start(), sent[0] + m.end())
        for m in _TOKEN_ANY_CASE.finditer(doc.text[sent[0] : sent[1]])
    ]
    inside = [i for i, t in enumerate(toks) if t[2] > span[0] and t[1] < span[1]]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    noun = None
    for i in range(last + 1, min(len(toks), last + 1 + rl["after"])):
        if toks[i][0] in rl["nouns"]:
            noun = i
            break
    if noun is None:
        for i in range(first - 1, max(-1, first - 1 - rl["before"]), -1):
            if toks[i][0] in rl["nouns"]:
                noun = i
                break
    if noun is None:
        return None
    lead = min(noun, first)
    hypothetical = any(t[0] in lex["modals"] for t in toks[max(0, lead - 4) : lead])
    return rl["nouns"][toks[noun][0]], _rate_target(doc, toks, noun, last, rl), hypothetical


def _rate_target(
    doc: Doc, toks: list[tuple[str, int, int]], noun: int, last: int, rl: dict[str, Any]
) -> str | None:
    """The target of a rate: what an "on"/"against" phrase after its noun names (see _rate)."""
    end = min(len(toks), max(noun, last) + 8)
    prep = next((i for i in range(noun + 1, end) if toks[i][0] in rl["target_preps"]), None)
    if prep is None:
        return None
    words = []
    for tok in toks[prep + 1 :]:
        if tok[0] in rl["target_stops"] or tok[0][0].isdigit():
            break
        words.append(tok)
    if not words:
        return None
    lo, hi = words[0][1], words[-1][2]
    # A comma or semicolon ends the phrase too ("on Canada, which ...").
    cut = re.search(r"[,;:]", doc.text[lo:hi])
    if cut:
        hi = lo + cut.start()
        words = [w for w in words if w[2] <= hi]
    for e in sorted(doc.records.get("entity", []), key=lambda e: (e.get("span") or [0])[0]):
        es = e.get("span") or [0, 0]
        if e.get("actor") and lo <= es[0] < hi and str(e["actor"]).startswith("country:"):
            return str(e["actor"])
    for w, _s, _e in words:
        if w not in rl["target_skip"]:
            return _singular(w)
    return None


def _out_of_time(
    doc: Doc, sent: tuple[int, int], first_day: str | None, lex: dict[str, Any]
) -> tuple[bool, str | None, bool]:
    """Whether the sentence dates the number well before the story, its day, its outlook.

    The third value is True when the sentence looks ahead of publication ("by the end of the
    year"). A relative time with no date of its own ("Days later") takes the last dated time
    before it.
    """
    times = sorted(doc.records.get("time", []), key=lambda t: (t.get("span") or [0])[0])
    out, day, future = False, None, False
    last_dated: dict[str, Any] | None = None
    for t in times:
        ts = (t.get("span") or [0, 0])[0]
        if ts >= sent[1]:
            break
        ref = (t if t.get("start") else last_dated) or {}
        if t.get("start"):
            last_dated = t
        if ts < sent[0]:
            continue
        if ref and _too_early(ref, first_day, lex):
            out = True
        if t.get("granularity") == "day" and t.get("start"):
            day = t["start"]
        if doc.day and t.get("start") and t["start"] > doc.day:
            future = True
        if doc.day and not t.get("start") and t.get("end") and t["end"] > doc.day:
            future = True
    return out, day, future


def _words_before(doc: Doc, sent_start: int, start: int, n: int) -> list[str]:
    return _tokens(doc.text[sent_start:start])[-n:]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def interval(row: dict[str, Any]) -> tuple[float, bool, float, bool] | None:
    """The values a figure allows: ``(low, low_open, high, high_open)``, or None when vague.

    ``=`` is exact, ``~`` ±10%, ``<`` just under (within 10%: "nearly 200" is 180–<200),
    ``>``/``>=`` open above, ``<=`` from 0; a range is its ``low``–``high``; a partial count
    ("the first 2,600") is a lower bound.
    """
    low, high, v = row.get("low"), row.get("high"), row.get("value")
    if low is not None and high is not None:
        return float(low), False, float(high), False
    if v is None:
        return None
    v = float(v)
    bound = row.get("bound") or "="
    if row.get("partial"):
        bound = ">="
    if bound == "~":
        return v * 0.9, False, v * 1.1, False
    if bound == ">":
        return v, True, math.inf, False
    if bound == ">=":
        return v, False, math.inf, False
    if bound == "<":
        return v * 0.9, False, v, True
    if bound == "<=":
        return 0.0, False, v, False
    return v, False, v, False


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two figures can both hold (their intervals meet)."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return True
    lo = max((ia[0], ia[1]), (ib[0], ib[1]))  # the higher low; open wins a tie
    hi = min((ia[2], not ia[3]), (ib[2], not ib[3]))  # the lower high; open wins a tie
    if lo[0] < hi[0]:
        return True
    if lo[0] > hi[0]:
        return False
    return not lo[1] and hi[1]  # touching: both ends closed


def source_key(row: dict[str, Any]) -> str:
    """Who gives a figure: its speaker, else the outlet (by article) that asserts it."""
    return row.get("speaker") or f"outlet:{row.get('outlet') or row['article']}"


def _candidates(
    story: str | None, docs: list[Doc], lex: dict[str, Any]
) -> list[tuple[tuple[str, str], dict[str, Any]]]:
    """Every number of the story's articles that has a series key, with that key."""
    days = [d.day for d in docs if d.day]
    first_day = min(days) if days else None
    out = []
    for doc in docs:
        for q in doc.records.get("quantity", []):
            if q.get("value") is None and (
                q.get("low") is None or q.get("high") is None or q.get("bound") not in ("=", "~")
            ):
                continue  # "thousands", "dozens" (open ranges): not a figure to compare
            if q.get("negated"):
                continue
            span = q.get("span")
            if not span:
                continue
            sent = sentence_bounds(doc.text, span[0], span[1])
            rate = _rate(q, doc, lex, sent)
            cls = rate[0] if rate else _counted(q, doc, lex)
            if not cls:
                continue
            before6 = _words_before(doc, sent[0], span[0], 6)
            if any(w in before6 for w in (p for p in lex["breakdown_before"] if " " not in p)):
                continue
            after_words = " ".join(_tokens(doc.text[span[1] : sent[1]])[:10])
            if any(f" {p} " in f" {after_words} " for p in lex["breakdown_after"]):
                continue
            if rate:
                # A rate is a level: whatever verb sets it (imposed, raised, paused), one measure.
                happened, modal = "rate", rate[2]
            else:
                happened, modal = _happened(q, doc, lex, sent)
            if not happened or modal:
                continue
            out_of_time, day, future = _out_of_time(doc, sent, first_day, lex)
            if q.get("time"):
                # Quant's own time for the number's clause decides over the sentence's others,
                # when it has a date of its own ("Days later" keeps the sentence's reading).
                t = doc.by_id("time", q["time"])
                if t and (t.get("start") or t.get("end")):
                    out_of_time = _too_early(t, first_day, lex)
            if out_of_time:
                continue
            qualifier = _qualifier(q, doc)
            cls = _merged(cls, happened, qualifier, lex)
            own_before = _words_before(doc, sent[0], span[0], 2) + _tokens(q.get("text") or "")
            partial = any(w in lex["partial"] for w in own_before[:4])
            sentence_words = set(_tokens(doc.text[sent[0] : sent[1]]))
            att = doc.by_id("attribution", q.get("attribution"))
            row = {
                "series": None,
                "measure": q.get("measure"),
                "story": story,
                "article": doc.id,
                "quantity": q["id"],
                "value": q.get("value"),
                "low": q.get("low"),
                "high": q.get("high"),
                "bound": q.get("bound"),
                "unit": q.get("unit"),
                "published": doc.published,
                "speaker": (att or {}).get("speaker"),
                "speaker_name": (att or {}).get("speaker_name"),
                "outlet": doc.outlet,
                "status": (att or {}).get("status") or "stated",
                "attribution": q.get("attribution"),
                "span": span,
                "text": q.get("text") or doc.words(span),
                "sentence": doc.text[sent[0] : sent[1]].strip(),
                "counted": cls,
                "noun": _noun(q),
                "happened": happened,
                "qualifier": qualifier,
                "place": q.get("place") or (rate[1] if rate else None),
                "partial": partial,
                "day": day,
                "future": future,
                "revised": bool(sentence_words & set(lex["revision"])),
                "change": None,
            }
            out.append(((cls, happened), row))
    return out


def _merged(cls: str, happened: str, qualifier: str | None, lex: dict[str, Any]) -> str:
    """The counted class as the ``merge`` table reads it for this happened class and qualifier.

    A country's people deployed are its troops ("the first 2,600 North Koreans were due to
    arrive"); passengers arriving somewhere are not.
    """
    rule = lex["merge"].get(happened, {}).get(cls)
    if not rule:
        return cls
    kind = (qualifier or "").split(":", 1)[0]
    return rule["as"] if kind in rule.get("qualifier", [kind]) else cls


def _split_by(field: str, members: list[dict[str, Any]]) -> list[tuple[str | None, list]]:
    """One group per value of ``field`` when two differ; figures without one join the largest."""
    groups: dict[str, list[dict[str, Any]]] = {}
    bare = []
    for m in members:
        (groups.setdefault(m[field], []) if m.get(field) else bare).append(m)
    if len(groups) <= 1:
        return [(None, members)]
    biggest = max(groups, key=lambda k: len(groups[k]))
    groups[biggest] = sorted(groups[biggest] + bare, key=_order)
    return list(groups.items())


def _split(members: list[dict[str, Any]]) -> list[tuple[str | None, list]]:
    """Split a key's figures by qualifier ("Russian" / "North Korean"), then by place."""
    out = []
    for qual, part in _split_by("qualifier", members):
        for place, sub in _split_by("place", part):
            tags = [t for t in (qual, place) if t]
            out.append(("-".join(tags) or None, sub))
    return out


def _order(row: dict[str, Any]) -> tuple:
    return (row["published"] or "", row["article"], row["span"][0])


def label_changes(members: list[dict[str, Any]], lex: dict[str, Any] | None = None) -> None:
    """Set each figure's ``change`` against the figure before it (see the module notes)."""
    lex = lex or lexicon()
    for i, row in enumerate(members):
        if i == 0:
            row["change"] = "first"
            continue
        prev = members[i - 1]
        if compatible(row, prev):
            # A later article's clearly different figure that the earlier one's bound allowed
            # ("at least 21 killed", then "31 killed") is the toll revised: an update.
            later = row["article"] != prev["article"]
            row["change"] = "update" if later and not _close(row, prev) else "same"
        elif row["partial"] or prev["partial"] or row["future"] or prev["future"]:
            row["change"] = "differs"
        elif row["article"] == prev["article"]:
            if row["day"] and prev["day"] and row["day"] != prev["day"]:
                row["change"] = "differs"
            elif row["revised"]:
                row["change"] = "update"
            elif source_key(row) != source_key(prev) and same_noun(row, prev):
                row["change"] = "conflict"
            else:
                row["change"] = "differs"
        elif (
            row["happened"] in lex["cumulative"]
            and not row["revised"]
            and _below(row, prev)
            and source_key(row) != source_key(prev)
        ):
            # A lower count of another noun of the class ("six attackers" after "16
            # militants") is another set, not the count gone down; a higher one ("five Frontier
            # Corps personnel" after "four paramilitary troops") is still the toll revised.
            row["change"] = "conflict" if same_noun(row, prev) else "differs"
        else:
            row["change"] = "update"


def _noun(q: dict[str, Any]) -> str | None:
    """The noun a figure counts as written (singular): ``counted``, else its unit's head."""
    words = _tokens(str(q.get("counted") or q.get("unit") or "").lower())
    return _singular(words[-1]) if words else None


def same_noun(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True unless two figures of a series count different nouns.

    A series groups nouns of one class ("militants", "attackers", "fighters"), but "all six
    attackers" killed in a hotel raid and "at least 50 militants" killed by airstrikes the same day
    are counts of different sets: neither contradicts the other, nor is one the other revised.
    """
    na, nb = a.get("noun"), b.get("noun")
    return not na or not nb or na == nb


def _close(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two figures' central values are within 10% of each other (or unknown)."""
    va, vb = _centre(a), _centre(b)
    if va is None or vb is None:
        return True
    return abs(va - vb) <= 0.1 * max(abs(va), abs(vb), 1e-9)


def _centre(r: dict[str, Any]) -> float | None:
    if r.get("value") is not None:
        return float(r["value"])
    if r.get("low") is not None and r.get("high") is not None:
        return (float(r["low"]) + float(r["high"])) / 2
    return None


def _below(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when every value ``a`` allows is under every value ``b`` allows."""
    ia, ib = interval(a), interval(b)
    return bool(ia and ib and ia[2] < ib[0])


def _measure_name(key: tuple[str, str], lex: dict) -> str:
    """The series' measure, named from the key that grouped it ("people freed").

    Not from quant's per-number ``measure``: the members of one key name it differently
    ("passengers rescued", "people freed"), and two keys could share the most common one.
    """
    cls, happened = key
    done = participle(happened, overrides=lex["participles"])
    return f"{lex['display'].get(cls, plural(cls))} {done}"


def series_of(story: str | None, docs: list[Doc]) -> list[list[dict[str, Any]]]:
    """The series of one story's articles: lists of row dicts, each in order, labelled."""
    lex = lexicon()
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for key, row in _candidates(story, docs, lex):
        groups.setdefault(key, []).append(row)
    scope = story or (docs[0].id if docs else "none")
    out = []
    taken: set[str] = set()
    for key, members in sorted(groups.items()):
        if len(members) < 2:
            continue  # a series compares: one figure alone is not one
        members.sort(key=_order)
        parts = _split(members)
        for qual, part in parts:
            if len(part) < 2:
                continue
            measure = _measure_name(key, lex)
            sid = f"{scope}:{_slug(measure)}"
            if qual and len(parts) > 1:
                sid += f"-{_slug(qual)}"
            if sid in taken:  # two keys with one display name ("hour" and "hours"): keep apart
                sid += f"-{_slug('-'.join(key))}"
            taken.add(sid)
            for m in part:
                m["series"], m["measure"] = sid, measure
            label_changes(part, lex)
            out.append(part)
    return out


def estimates(store: Any, *, story: str | None = None, about: str | None = None) -> list[dict]:
    """Numbers in estimate series, one dict per number, series by series.

    Args:
        store: an open store.
        story: only this story (raises ``UnknownStoryError`` when it does not exist). Without
            it, every story, and each article no story holds yet on its own.
        about: only series whose measure, unit or a member's words contain this text.

    Returns:
        Dicts with ``series``, ``measure``, ``story``, ``article``, ``quantity`` (record id),
        ``value``, ``low``, ``high``, ``bound``, ``unit``, ``published``, ``speaker``,
        ``speaker_name``, ``outlet``, ``status``, ``span``, ``text``, ``change``, the key
        they were grouped by (``counted``, ``happened``, ``qualifier``) and ``noun`` (the noun
        the figure counts as written, singular: two figures of a class that count different
        nouns are never a ``conflict``).
    """
    rows: list[dict[str, Any]] = []
    for sid, article_ids in scopes(store, story):
        docs = [d for d in (load_doc(store, a) for a in article_ids) if d is not None]
        for part in series_of(sid, docs):
            if about and not _mentions(part, about):
                continue
            rows.extend(part)
    return rows


def _mentions(part: list[dict[str, Any]], about: str) -> bool:
    needle = about.lower()
    hay = [part[0]["measure"] or ""] + [f"{m['text']} {m['unit'] or ''}" for m in part]
    return any(needle in h.lower() for h in hay)


def plot_series(rows: list[dict[str, Any]], path: str) -> str:
    """Draw series as value over publication time and write an SVG or PNG (by extension).

    One panel per series; one colour per source (speaker, else outlet); ranges as error bars;
    bounds as marker shapes (``=`` dot, ``~`` diamond, ``>``/``>=`` up-triangle, ``<``/``<=``
    down-triangle); the status as the marker's fill (filled: stated/confirmed; hollow: claimed,
    alleged, reported, possible; crossed: denied). Returns the path written.

    Raises:
        ValueError: the extension is neither .svg nor .png, or there are no rows.
    """
    import matplotlib

    matplotlib.use("Agg")
    # Labels are article text (speakers, outlets, ids): "$" must not start a formula, or one
    # article named "$\\frac{$ Post" breaks the chart of its whole story.
    with matplotlib.rc_context({"text.parse_math": False}):
        return _draw_series(rows, path)


def _draw_series(rows: list[dict[str, Any]], path: str) -> str:
    from collections import Counter
    from datetime import datetime

    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    ext = str(path).lower().rsplit(".", 1)[-1]
    if ext not in ("svg", "png"):
        raise ValueError(f"{path}: the chart is written as .svg or .png")
    if not rows:
        raise ValueError("no figures to plot")
    by_series: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_series.setdefault(r["series"], []).append(r)
    n = len(by_series)
    legend_rows = math.ceil((len({_source_label(r) for r in rows}) + 6) / 4)
    height = 2.3 * n + 0.25 * legend_rows + 0.8
    fig, axes = plt.subplots(n, 1, figsize=(8, height), squeeze=False, sharex=True)
    sources = sorted({_source_label(r) for r in rows})
    cmap = plt.get_cmap("tab10")
    colour = {s: cmap(i % 10) for i, s in enumerate(sources)}
    shape = {"=": "o", "~": "D", ">": "^", ">=": "^", "<": "v", "<=": "v"}
    hollow = {"claimed", "alleged", "reported", "possible"}

    def when(r: dict[str, Any]) -> datetime:
        text = (r.get("published") or "1970-01-01").replace("Z", "")
        try:
            return datetime.fromisoformat(text.strip())
        except ValueError:
            return datetime.fromisoformat(text[:10])

    for ax, (sid, members) in zip(axes[:, 0], by_series.items(), strict=True):
        xs = []
        seen_day: Counter[str] = Counter()
        placed: dict[int, datetime] = {}
        for r in members:
            # Figures of one day (dates without a time) are spread out a little, in text order.
            x = when(r)
            day = x.isoformat()
            x = x + timedelta(hours=2 * seen_day[day])
            seen_day[day] += 1
            placed[id(r)] = x
            iv = interval(r)
            y = r.get("value")
            if y is None and r.get("low") is not None and r.get("high") is not None:
                y = (r["low"] + r["high"]) / 2
            if y is None:
                continue
            xs.append(x)
            src = _source_label(r)
            face = "none" if r.get("status") in hollow else colour[src]
            marker = "X" if r.get("status") == "denied" else shape.get(r.get("bound") or "=", "o")
            if r.get("low") is not None and r.get("high") is not None:
                ax.errorbar(
                    [x],
                    [y],
                    yerr=[[y - r["low"]], [r["high"] - y]],
                    fmt="none",
                    ecolor=colour[src],
                    capsize=4,
                )
            elif iv and r.get("bound") in ("~", "<"):
                ax.errorbar(
                    [x],
                    [y],
                    yerr=[[y - iv[0]], [max(iv[2] - y, 0)]],
                    fmt="none",
                    ecolor=colour[src],
                    alpha=0.4,
                    capsize=2,
                )
            ax.plot(
                [x],
                [y],
                marker=marker,
                markersize=9,
                linestyle="none",
                markerfacecolor=face,
                markeredgecolor=colour[src],
                markeredgewidth=1.6,
            )
        ordered = [r for r in members if r.get("value") is not None]
        ys = [r["value"] for r in ordered]
        if len(ys) > 1:
            ax.plot(
                [placed[id(r)] for r in ordered],
                ys,
                color="0.7",
                linewidth=0.8,
                zorder=0,
            )
        ax.set_title(f"{members[0].get('measure') or sid}  ({sid})", fontsize=9, loc="left")
        ax.set_ylabel(members[0].get("unit") or "value", fontsize=8)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=7)
    days = [when(r) for r in rows]
    span_days = (max(days) - min(days)).days
    if span_days <= 60:
        # Whole days: publication dates carry no time of day worth a tick.
        axes[-1, 0].xaxis.set_major_locator(mdates.DayLocator(interval=max(1, span_days // 8)))
    axes[-1, 0].xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    handles = [
        Line2D([], [], marker="o", linestyle="none", color=colour[s], label=s) for s in sources
    ]
    handles += [
        Line2D([], [], marker=m, linestyle="none", color="0.3", markerfacecolor=f, label=lab)
        for m, f, lab in (
            ("o", "0.3", "exact (=)"),
            ("D", "0.3", "about (~)"),
            ("^", "0.3", "over / at least"),
            ("v", "0.3", "under / at most"),
            ("o", "none", "claimed / reported"),
            ("X", "0.3", "denied"),
        )
    ]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=7, frameon=False)
    fig.tight_layout(rect=(0, (0.25 * legend_rows + 0.3) / height, 1, 1))
    fig.savefig(path, format=ext)
    plt.close(fig)
    return str(path)


def _source_label(r: dict[str, Any]) -> str:
    return r.get("speaker_name") or r.get("speaker") or r.get("outlet") or f"article {r['article']}"
