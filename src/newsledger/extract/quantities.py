"""Quantities: every number the text asserts, with its bound, unit and what it counts.

A rule-based extractor over spaCy tokens. One linear pass finds number phrases (digits,
number words, scale words, fused forms such as ``$5``, ``3bn``, ``5kW``, ``RM79``, vague
magnitudes such as "thousands", fractions such as "half of"); a second pass reads the
context of each phrase: currency, percent or measurement unit, the counted noun phrase,
the bound ("nearly", "at least", "up to", "or more"), a direction of change ("rose 4%"),
and drops what is not a quantity (years, dates, times of day, ordinals, identifiers such as
"Resolution 2231" or "Boeing 737", phone numbers, sports scores). Adjacent phrases that
form a range ("between 2,600 and 3,000", "2,600-3,000", "from $160 to $180") are merged.

All word lists live in ``newsledger/data/quantities/*.json``.

Conventions of the records (see ``docs``/contract): ``value`` is the number (scaled:
"$5 million" -> 5000000); ranges and vague magnitudes have ``value`` null and ``low``/``high``
("thousands" -> 1000..10000); ``unit`` is an ISO currency code for money, ``percent``,
a normalised measurement unit ("kilometre per hour"), a plural time unit ("days", "years")
or the counted noun as written without nationality words ("troops", "ballistic missiles");
``of`` is the counted noun phrase as written ("North Korean troops"). The extra field
``change`` is ``up``/``down`` when the number is an amount of change ("shares rose 4%").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Token

from newsledger.extract import Layers, doc_text, doc_tokens
from newsledger.records import Quantity, Record

# ---------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class _Lex:
    words: dict[str, int]
    scales: dict[str, int]
    scale_abbrev: dict[str, int]
    abbrev_money_only: frozenset[str]
    vague: dict[str, tuple[int, int]]
    fractions: dict[str, float]
    fraction_followers: frozenset[str]
    bound_before: dict[tuple[str, ...], str]
    bound_after: dict[tuple[str, ...], str]
    max_before: int
    bound_before_words: frozenset[str]
    change_up: frozenset[str]
    change_down: frozenset[str]
    change_skip: frozenset[str]
    symbols: dict[str, str]
    fused_only: frozenset[str]
    prefix_pairs: dict[str, str]
    codes: frozenset[str]
    code_alias: dict[str, str]
    cur_words: dict[str, str]
    dollar_nat: dict[str, str]
    percent: frozenset[str]
    percent_norm: dict[str, str]
    time_units: dict[str, str]
    units_cased: dict[str, str]
    units_lower: dict[str, str]
    per_nouns: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    id_prefixes: frozenset[str]
    year_preps: frozenset[str]
    year_followers: frozenset[str]
    clock: frozenset[str]
    score_words: frozenset[str]
    one_before: frozenset[str]
    one_after: frozenset[str]
    time_dets: frozenset[str]
    np_skip: frozenset[str]
    metre_things: frozenset[str]
    units_before: dict[str, str]
    phrasal_not_change: frozenset[str]


def _load(name: str) -> dict[str, Any]:
    path = resources.files("newsledger").joinpath("data", "quantities", name)
    return json.loads(path.read_text(encoding="utf-8"))


def _phrases(d: dict[str, str]) -> dict[tuple[str, ...], str]:
    return {tuple(k.split()): v for k, v in d.items()}


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    """Load the word lists once."""
    num = _load("numbers.json")
    bnd = _load("bounds.json")
    cur = _load("currencies.json")
    uni = _load("units.json")
    ctx = _load("context.json")
    before = _phrases(bnd["before"])
    return _Lex(
        words=num["words"],
        scales=num["scales"],
        scale_abbrev=num["scale_abbrev"],
        abbrev_money_only=frozenset(num["scale_abbrev_money_only"]),
        vague={k: (v[0], v[1]) for k, v in num["vague"].items()},
        fractions=num["fractions"],
        fraction_followers=frozenset(num["fraction_followers"]),
        bound_before=before,
        bound_after=_phrases(bnd["after"]),
        max_before=max(len(k) for k in before),
        bound_before_words=frozenset(w for k in before for w in k),
        change_up=frozenset(bnd["change_up"]),
        change_down=frozenset(bnd["change_down"]),
        change_skip=frozenset(bnd["change_skip"]),
        symbols=cur["symbols"],
        fused_only=frozenset(cur["fused_only"]),
        prefix_pairs=cur["prefix_pairs"],
        codes=frozenset(cur["codes"]),
        code_alias=cur["code_alias"],
        cur_words=cur["words"],
        dollar_nat=cur["dollar_nationality"],
        percent=frozenset(uni["percent"]),
        percent_norm=uni["percent_norm"],
        time_units=uni["time"],
        units_cased=uni["cased"],
        units_lower=uni["lower"],
        per_nouns=frozenset(uni["per"]),
        months=frozenset(ctx["months"]),
        weekdays=frozenset(ctx["weekdays"]),
        id_prefixes=frozenset(ctx["identifier_prefixes"]),
        year_preps=frozenset(ctx["year_preps"]),
        year_followers=frozenset(ctx["year_followers"]),
        clock=frozenset(ctx["clock"]),
        score_words=frozenset(ctx["score_words"]),
        one_before=frozenset(ctx["pronoun_one_before"]),
        one_after=frozenset(ctx["pronoun_one_after"]),
        time_dets=frozenset(ctx["time_determiners"]),
        np_skip=frozenset(ctx["np_skip"]),
        metre_things=frozenset(uni["metre_things"]),
        units_before=uni["before"],
        phrasal_not_change=frozenset(bnd["phrasal_not_change"]),
    )


# A token that holds a number, maybe with a fused prefix ("RM79", "~25", "minus-5") and a
# fused suffix ("3bn", "5kW", "40%", "22nd", "1.05am").
_NUM_TOKEN = re.compile(
    r"^(?P<pre>[^\d\-−–+.]*?)(?P<sign>[-−–+])?"
    r"(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?P<suf>[^\d,].*)?$"
)
_FRACTION_TOKEN = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_FOLD_TOKEN = re.compile(r"^([a-z]+)-?fold$")
_ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)$", re.I)
_CLOCK_SUFFIX = re.compile(r"^(?:a\.?m\.?|p\.?m\.?|h|hrs|GMT|ET|BST|UTC)$", re.I)
# Phone numbers: +44 20 7946 0958, (202) 555-0143, 202-555-0143, 202.555.0143
_PHONE = re.compile(
    r"(?<![\w,.])(?:\+\d{1,3}[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){2,4}\d{2,4}"
    r"|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4})(?![\w,])"
)
_CHANGE_SIGNS = {"-": "down", "−": "down", "–": "down", "+": "up"}


@dataclass(slots=True)
class _Num:
    """A number phrase being read (token indices are half-open)."""

    start: int  # first token of the number itself
    end: int  # token after the number (and its scale words)
    value: float | None
    low: float | None = None
    high: float | None = None
    kind: str = "digit"  # digit|word|vague|fraction|one
    integer: bool = True
    has_comma: bool = False
    scale: float = 1.0
    pending_abbrev: str | None = None  # ambiguous fused 'm'/'b' etc.
    suffix: str = ""  # fused unit suffix text
    pre: str = ""  # fused prefix text
    sign: str = ""
    span_start: int = -1  # first token of the quantity's span (bound words, currency)
    span_end: int = -1  # token after the quantity's span
    unit: str | None = None
    unit_kind: str | None = None  # money|percent|measure|time|age|count|fraction
    unit_end: int = -1  # token after number + unit (before a counted noun)
    of: str | None = None
    currency: str | None = None
    bound: str = "="
    change: str | None = None
    head: int = -1  # counted noun token
    drop: bool = False
    merged: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------
# Pass 1: find number phrases


def _to_number(text: str) -> tuple[float, bool]:
    t = text.replace(",", "")
    v = float(t)
    return v, ("." not in t)


def _blocked_chars(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PHONE.finditer(text)]


_MONTH_IDS: dict[int, frozenset[int]] = {}  # id(lex) -> string ids of its month names


def _month_ids(strings: Any, lex: _Lex) -> frozenset[int]:
    ids = _MONTH_IDS.get(id(lex))
    if ids is None:
        # StringStore ids are hashes of the string: the same in every Vocab.
        ids = _MONTH_IDS[id(lex)] = frozenset(strings[m] for m in lex.months)
    return ids


def _date_tokens(doc: Doc, lex: _Lex) -> set[int]:
    """Tokens that are day numbers or years next to a month name ("March 15", "1 Sept 2019")."""
    out: set[int] = set()
    n = len(doc)
    toks = doc_tokens(doc)
    # Month names are found by LOWER id in one Doc.to_array pass, not token by token.
    months = _month_ids(doc.vocab.strings, lex)
    for i, lower in enumerate(doc.to_array(LOWER).tolist()):
        if lower not in months:
            continue
        tok = toks[i]
        low = tok.lower_
        if low in ("may", "march", "mar", "dec", "sat", "sun") and not tok.text[0].isupper():
            continue
        k = tok.i + 1
        if k < n and doc_tokens(doc)[k].text == ".":
            k += 1
        # forward: "March 15", "Sept. 20-24", "March 15, 2024"
        while k < n and _is_day_or_year(doc_tokens(doc)[k].text):
            out.add(k)
            k += 1
            if k < n and doc_tokens(doc)[k].text in ("-", "–", "—", "to", "and", ","):
                if k + 1 < n and _is_day_or_year(doc_tokens(doc)[k + 1].text):
                    k += 1
                    continue
            break
        # backward: "15 March", "the 1 September"
        j = tok.i - 1
        if j >= 0 and doc_tokens(doc)[j].text.lower() == "of":
            j -= 1
        if j >= 0 and _is_day_or_year(doc_tokens(doc)[j].text, day_only=True):
            out.add(j)
    return out


def _is_day_or_year(text: str, day_only: bool = False) -> bool:
    t = re.sub(r"(?:st|nd|rd|th)$", "", text)
    if not t.isdigit():
        return False
    v = int(t)
    if 1 <= v <= 31:
        return True
    return not day_only and len(t) == 4 and 1000 <= v <= 2100


def _read_words(doc: Doc, i: int, lex: _Lex) -> tuple[int, float] | None:
    """Read a number written in words from token ``i``: (end, value)."""
    n = len(doc)
    total = 0.0
    current = 0.0
    j = i
    seen = False
    while j < n:
        w = doc_tokens(doc)[j].lower_
        if w in lex.words:
            if seen and current % 100 != 0 and current >= 10 and lex.words[w] >= 10:
                break  # "ten twenty" is not one number
            current += lex.words[w]
            seen = True
        elif w in lex.scales and w != "dozen" and seen:
            s = lex.scales[w]
            if s == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * s
                current = 0
        elif (
            w in ("-", "and") and seen and j + 1 < n and doc_tokens(doc)[j + 1].lower_ in lex.words
        ):
            if w == "-" and (doc_tokens(doc)[j - 1].whitespace_ or doc_tokens(doc)[j].whitespace_):
                break
            if w == "and" and not (total or current >= 100):
                break
        else:
            break
        j += 1
    if not seen:
        return None
    # trailing "-" consumed? no: loop only consumes joiners followed by words
    return j, total + current


# Words a number can start with besides digits and the lexicon's number/vague words.
_START_WORDS = frozenset(
    ("one", "1", "a", "an", "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths")
    + ("tenth",)
)
_START_CACHE: dict[int, dict[int, bool]] = {}  # id(lex) -> ORTH id -> can start a number


def _may_start(text: str, low: str, lex: _Lex) -> bool:
    """Whether ``_find_numbers`` can read a number starting at a token with this form."""
    if any(map(str.isdigit, text)) or low in _START_WORDS or low in lex.words:
        return True
    if low in lex.vague:
        return True
    fm = _FOLD_TOKEN.match(low)
    return bool(fm and fm.group(1) in lex.words)


def _find_numbers(doc: Doc, lex: _Lex) -> list[_Num]:
    n = len(doc)
    out: list[_Num] = []
    toks = doc_tokens(doc)
    phone = _blocked_chars(doc_text(doc))
    dates = _date_tokens(doc, lex)
    # Only tokens that can open a number are visited: their ORTH/LOWER ids come from one
    # Doc.to_array pass, and the verdict per word form is cached across documents.
    strings = doc.vocab.strings
    verdicts = _START_CACHE.setdefault(id(lex), {})
    starts = []
    for i, (orth, lower) in enumerate(doc.to_array([ORTH, LOWER]).tolist()):
        hit = verdicts.get(orth)
        if hit is None:
            hit = verdicts[orth] = _may_start(strings[orth], strings[lower], lex)
        if hit:
            starts.append(i)
    pos = 0
    for i in starts:
        if i < pos:
            continue
        tok = toks[i]
        low = tok.lower_
        num: _Num | None = None
        if i in dates:
            continue
        if phone and any(a <= tok.idx < b for a, b in phone):
            continue
        has_digit = any(map(str.isdigit, tok.text))
        fm = _FRACTION_TOKEN.match(tok.text) if has_digit else None
        m = _NUM_TOKEN.match(tok.text) if has_digit and not fm else None
        if fm:
            # kitchen fractions only: "9/11" and "24/7" are names
            if 0 < int(fm.group(1)) < int(fm.group(2)) and int(fm.group(2)) in (2, 3, 4, 8):
                num = _Num(i, i + 1, int(fm.group(1)) / int(fm.group(2)), kind="fraction")
                num.integer = False
        elif low in ("one", "1") and i + 2 < n and doc_tokens(doc)[i + 1].lower_ == "in":
            # "one in five citizens": a ratio
            den = _small_number(doc_tokens(doc)[i + 2], lex)
            if den:
                num = _Num(i, i + 3, 1 / den, kind="fraction", integer=False)
            elif m:
                num = _digit_phrase(doc, i, m, lex)
            else:
                num = _word_phrase(doc, i, lex)
        elif m:
            num = _digit_phrase(doc, i, m, lex)
        elif low in lex.words or (
            low in ("a", "an") and i + 1 < n and doc_tokens(doc)[i + 1].lower_ in lex.scales
        ):
            num = _word_phrase(doc, i, lex)
        elif low in lex.vague:
            num = _vague_phrase(doc, i, lex)
        elif low in ("half",) or (
            low in ("third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth")
            and i > 0
            and doc_tokens(doc)[i - 1].lower_ in ("a", "one", "two", "three", "four", "-")
        ):
            num = _fraction_phrase(doc, i, lex)
        else:
            fm = _FOLD_TOKEN.match(low)
            if fm and fm.group(1) in lex.words:
                num = _Num(i, i + 1, lex.words[fm.group(1)], kind="word")
                num.unit, num.unit_kind, num.unit_end = "times", "measure", i + 1
        if num is None:
            continue
        out.append(num)
        pos = max(num.end, i + 1)
    return out


def _small_number(tok: Token, lex: _Lex) -> int | None:
    """A single-token whole number ("five", "10"), else None."""
    if tok.lower_ in lex.words:
        return lex.words[tok.lower_] or None
    if tok.text.isdigit() and 1 < int(tok.text) < 1000:
        return int(tok.text)
    return None


def _digit_phrase(doc: Doc, i: int, m: re.Match[str], lex: _Lex) -> _Num | None:
    pre, sign, suf = m.group("pre") or "", m.group("sign") or "", m.group("suf") or ""
    after_dollar = (
        i > 0 and doc_tokens(doc)[i - 1].text == "$" and not doc_tokens(doc)[i - 1].whitespace_
    )
    if pre and not (
        pre in lex.symbols
        or pre in lex.codes
        or (pre in lex.prefix_pairs and after_dollar)
        or pre in ("~", "≈", "<", ">", "minus", "$", "c.")
    ):
        return None  # "MH17", "G7", "COVID-19", "M21", "S23"
    if m.group("num").startswith("0") and len(m.group("num")) > 1 and m.group("num")[1].isdigit():
        return None  # "09", "007": codes and date parts, not amounts
    dash = (
        bool(sign)
        and i > 0
        and not doc_tokens(doc)[i - 1].whitespace_
        and doc_tokens(doc)[i - 1].text[-1:].isdigit()
    )
    if dash:
        sign = ""  # "5-10W": a range dash, not a minus sign (see _is_range)
    if suf:
        if _ORDINAL_SUFFIX.match(suf) or suf in ("s", "'s", "’s", "-"):
            return None  # "22nd", "1970s"
        if _CLOCK_SUFFIX.match(suf):
            return None  # "1.05am"
    value, integer = _to_number(m.group("num"))
    num = _Num(i, i + 1, value, integer=integer, has_comma="," in m.group("num"))
    num.pre, num.sign = pre, sign
    if dash:
        num.extra["dash"] = True
    if sign and sign in "-−–" and pre != "minus":
        # "-1.3%": a minus sign, unless it is a hyphen glued to a word ("COVID -19")
        num.value = -value
    if pre == "minus" or (i > 0 and doc_tokens(doc)[i - 1].lower_ == "minus"):
        num.value = -abs(value)
    if suf:
        if suf in lex.scale_abbrev:
            if suf in lex.abbrev_money_only:
                num.pending_abbrev = suf
            else:
                num.scale = lex.scale_abbrev[suf]
        elif suf in ("+", "-plus"):
            num.extra["post_bound"] = ">"
        elif _unit_of(suf, lex) is not None or suf.lower() in lex.percent:
            num.suffix = suf  # "5kW", "100km": the whole suffix is a unit
        else:
            abbrev = next(
                (a for a in ("bn", "mn", "mil", "tn", "m", "k", "b") if suf.startswith(a)), None
            )
            rest = suf[len(abbrev) :] if abbrev else ""
            if abbrev and abbrev not in lex.abbrev_money_only and _unit_of(rest, lex):
                num.scale, num.suffix = lex.scale_abbrev[abbrev], rest
            else:
                num.suffix = suf
    j = i + 1
    n = len(doc)
    # scale words: "5 million", "4 hundred million", "12.3 m tonnes", "1.5 bn"
    if not num.suffix and num.scale == 1.0 and not num.pending_abbrev:
        while j < n:
            w = doc_tokens(doc)[j].lower_
            if w in lex.scales and w != "dozen":
                num.scale *= lex.scales[w]
                j += 1
            elif (
                (
                    doc_tokens(doc)[j].text in lex.scale_abbrev
                    or doc_tokens(doc)[j].text.rstrip(".") in lex.scale_abbrev
                )
                and not doc_tokens(doc)[j - 1].whitespace_
                and j == i + 1
            ):
                ab = (
                    doc_tokens(doc)[j].text
                    if doc_tokens(doc)[j].text in lex.scale_abbrev
                    else doc_tokens(doc)[j].text.rstrip(".")
                )
                if ab in lex.abbrev_money_only:
                    num.pending_abbrev = ab
                else:
                    num.scale *= lex.scale_abbrev[ab]
                j += 1
                break
            elif w in ("bn", "mn", "mln", "tn") and j == i + 1:
                num.scale *= lex.scale_abbrev[w]
                j += 1
                break
            else:
                break
    num.end = j
    return num


def _word_phrase(doc: Doc, i: int, lex: _Lex) -> _Num | None:
    low = doc_tokens(doc)[i].lower_
    n = len(doc)
    if low in ("a", "an"):
        s = doc_tokens(doc)[i + 1].lower_
        num = _Num(i, i + 2, lex.scales[s], kind="word")
        j = i + 2
        while (
            j < n
            and doc_tokens(doc)[j].lower_ in lex.scales
            and doc_tokens(doc)[j].lower_ != "dozen"
        ):
            num.value = (num.value or 1) * lex.scales[doc_tokens(doc)[j].lower_]
            j += 1
        num.end = j
        return num
    r = _read_words(doc, i, lex)
    if r is None:
        return None
    j, value = r
    kind = "one" if (low == "one" and j == i + 1) else "word"
    num = _Num(i, j, value, kind=kind)
    # "two dozen"
    if j < n and doc_tokens(doc)[j].lower_ == "dozen":
        num.value = value * 12
        num.end = j + 1
    # "two-thirds of", "three quarters of"
    k = j + 1 if j < n and doc_tokens(doc)[j].text == "-" else j
    if k < n and doc_tokens(doc)[k].lower_ in lex.fractions and doc_tokens(doc)[k].lower_ != "half":
        if k + 1 < n and doc_tokens(doc)[k + 1].lower_ == "of":
            num.value = value * lex.fractions[doc_tokens(doc)[k].lower_]
            num.kind, num.integer, num.end = "fraction", False, k + 1
    return num


def _vague_phrase(doc: Doc, i: int, lex: _Lex) -> _Num | None:
    n = len(doc)
    low = doc_tokens(doc)[i].lower_
    lo, hi = lex.vague[low]
    j = i + 1
    # "tens of thousands", "hundreds of millions"
    if (
        j + 1 < n
        and doc_tokens(doc)[j].lower_ == "of"
        and doc_tokens(doc)[j + 1].lower_ in lex.vague
    ):
        lo2, _hi2 = lex.vague[doc_tokens(doc)[j + 1].lower_]
        lo, hi = lo * lo2, hi * lo2
        j += 2
    elif low == "tens":
        return None
    if i > 0 and (doc_tokens(doc)[i - 1].lower_ in lex.words or doc_tokens(doc)[i - 1].like_num):
        return None  # "two hundreds" is not vague
    # "thousands of troops": more than the low end; the bracket is kept in low/high
    num = _Num(i, j, None, low=lo, high=hi, kind="vague", bound=">")
    return num


def _fraction_phrase(doc: Doc, i: int, lex: _Lex) -> _Num | None:
    n = len(doc)
    low = doc_tokens(doc)[i].lower_
    nxt = doc_tokens(doc)[i + 1].lower_ if i + 1 < n else ""
    prv = doc_tokens(doc)[i - 1].lower_ if i > 0 else ""
    if nxt not in lex.fraction_followers or doc_tokens(doc)[i].whitespace_ == "":
        return None  # "half-time", "the first half"
    if low == "half":
        if prv in ("first", "second", "a", "and", "other", "better", "latter", "former", "one"):
            return None
        return _Num(i, i + 1, 0.5, kind="fraction", integer=False)
    if nxt != "of":
        return None
    value = lex.fractions[low]
    start = i - 1 if prv in ("a", "one") else i
    return _Num(start, i + 1, value, kind="fraction", integer=False)


# ---------------------------------------------------------------------------------------
# Pass 2: context


def _unit_of(text: str, lex: _Lex) -> str | None:
    if not text:
        return None
    if text in lex.units_cased:
        return lex.units_cased[text]
    return lex.units_lower.get(text.lower())


def _text_between(doc: Doc, a: int, b: int) -> str:
    """Text of tokens [a, b) as written."""
    # Sliced from the shared text: a Span would build its text token by token.
    if 0 <= a < b <= len(doc):
        toks = doc_tokens(doc)
        return doc_text(doc)[toks[a].idx : toks[b - 1].idx + len(toks[b - 1])]
    return doc[a:b].text


def _match_unit(doc: Doc, j: int, lex: _Lex, attached: bool) -> tuple[int, str, str] | None:
    """A unit starting at token ``j``: (end, kind, normalised unit)."""
    n = len(doc)
    for size in (4, 3, 2, 1):
        if j + size > n:
            continue
        raw = _text_between(doc, j, j + size)
        low = raw.lower()
        if low in lex.percent:
            return j + size, "percent", lex.percent_norm.get(low, "percent")
        if size == 1 and low.startswith("-") and low[1:] in lex.time_units:
            return j + 1, "time", lex.time_units[low[1:]]
        if low in ("-year-old", "-years-old", "year-old", "years-old", "years old", "year old"):
            return j + size, "age", "years"
        if low in ("-day-old", "-month-old", "-week-old", "months old", "days old", "weeks old"):
            return j + size, "age", lex.time_units[low.strip("-").split("-")[0].split()[0]]
        if (
            size == 2
            and doc_tokens(doc)[j].text == "-"
            and doc_tokens(doc)[j + 1].lower_ in lex.time_units
        ):
            if not doc_tokens(doc)[j - 1].whitespace_ and not doc_tokens(doc)[j].whitespace_:
                return j + 2, "time", lex.time_units[doc_tokens(doc)[j + 1].lower_]
        if raw in lex.units_cased and (len(raw) > 1 or attached or raw in ("°",)):
            return j + size, "measure", lex.units_cased[raw]
        if low in lex.units_lower and (len(low) > 1 or attached):
            if size > 1 and " " not in raw and "-" not in raw and "/" not in raw:
                continue
            unit = lex.units_lower[low]
            return j + size, "measure", unit
        if size == 1 and low in lex.time_units and (len(low) > 1 or attached):
            return j + 1, "time", lex.time_units[low]
    return None


def _currency_before(doc: Doc, num: _Num, lex: _Lex) -> tuple[str, int] | None:
    """Currency written before the number: (code, first token)."""
    i = num.start
    if num.pre:
        p = num.pre
        if p in lex.symbols:
            code = lex.symbols[p]
            if p in lex.prefix_pairs and i > 0 and doc_tokens(doc)[i - 1].text == "$":
                code = lex.prefix_pairs[p]
                return code, i - 1
            return code, i
        if p in lex.codes:
            return lex.code_alias.get(p, p), i
        if p in lex.prefix_pairs and i > 0 and doc_tokens(doc)[i - 1].text in ("$",):
            return lex.prefix_pairs[p], i - 1
    if i == 0:
        return None
    prev = doc_tokens(doc)[i - 1]
    t = prev.text
    if t in lex.symbols and t not in lex.fused_only:
        code = lex.symbols[t]
        if (
            t == "$"
            and i > 1
            and doc_tokens(doc)[i - 2].text in lex.prefix_pairs
            and not doc_tokens(doc)[i - 2].whitespace_
        ):
            return lex.prefix_pairs[doc_tokens(doc)[i - 2].text], i - 2
        if (
            t == "$"
            and i > 1
            and doc_tokens(doc)[i - 2].text in lex.prefix_pairs
            and doc_tokens(doc)[i - 2].text.isupper()
        ):
            # "HK $3.7 billion", "US $84 billion" (spaced after transliteration)
            if len(doc_tokens(doc)[i - 2].text) <= 2:
                return lex.prefix_pairs[doc_tokens(doc)[i - 2].text], i - 2
        return code, i - 1
    if t in lex.codes:
        return lex.code_alias.get(t, t), i - 1
    if t == "$" or t.endswith("$"):
        return "USD", i - 1
    return None


def _currency_after(doc: Doc, j: int, lex: _Lex) -> tuple[str, int] | None:
    """Currency written after the number: (code, end token)."""
    n = len(doc)
    if j >= n:
        return None
    t = doc_tokens(doc)[j].text
    low = t.lower()
    if t in lex.codes:
        return lex.code_alias.get(t, t), j + 1
    for size in (3, 2):
        if j + size <= n and doc_tokens(doc)[j + size - 1].lower_ in ("dollar", "dollars"):
            nat = _text_between(doc, j, j + size - 1).lower()
            if nat in lex.dollar_nat:
                return lex.dollar_nat[nat], j + size
    if j + 1 < n and low == "pounds" and doc_tokens(doc)[j + 1].lower_ == "sterling":
        return "GBP", j + 2
    if low in lex.cur_words:
        return lex.cur_words[low], j + 1
    return None


def _noun_run(doc: Doc, j: int, limit: int = 7) -> tuple[int, int] | None:
    """The noun phrase that starts at token ``j``: (first token, head token)."""
    lex = _lex()
    n = len(doc)
    k = j
    sent_end = doc_tokens(doc)[j].sent.end if j < n else n
    while k < n and k < j + limit and k < sent_end:
        t = doc_tokens(doc)[k]
        if t.is_punct and t.text not in ("-",):
            break
        if any(map(str.isdigit, t.text)) or t.lower_ in lex.time_dets:
            break
        if t.text == "-" and (t.whitespace_ or doc_tokens(doc)[k - 1].whitespace_):
            break
        if t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "NUM" and k > j and t.dep_ == "compound"):
            nxt = doc_tokens(doc)[k + 1] if k + 1 < n else None
            if (
                t.dep_ in ("compound", "nmod")
                and nxt is not None
                and nxt.pos_ in ("NOUN", "PROPN")
                and t.head.i > k
            ):
                k += 1
                continue
            if nxt is not None and nxt.text == "-" and not t.whitespace_:
                k += 1
                continue
            if nxt is not None and nxt.tag_ == "POS":
                break  # "Johnson's deputies": let the caller skip the possessor
            return j, k
        if t.pos_ in ("ADJ", "VERB") and t.dep_ in ("amod", "compound", "nmod", "nummod"):
            k += 1
            continue
        if t.pos_ == "ADJ" or t.tag_ in ("JJ", "JJR", "JJS", "VBN", "VBG") or t.text == "-":
            k += 1
            continue
        if t.pos_ == "CCONJ" and k > j and doc_tokens(doc)[k + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
            k += 1  # "Kia and Hyundai vehicles"
            continue
        break
    return None


_NAME_ENTS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC"})


def _np_after_of(doc: Doc, j: int) -> tuple[int, int] | None:
    """Noun phrase after "of" at ``j``: (first, head); skips determiners and possessors."""
    lex = _lex()
    n = len(doc)
    k = j + 1
    while k < n and doc_tokens(doc)[k].lower_ in lex.np_skip:
        if doc_tokens(doc)[k].lower_ in ("them", "us", "whom", "which"):
            return None
        k += 1
    if k >= n:
        return None
    # possessor: "Johnson's deputies"
    if k + 1 < n and doc_tokens(doc)[k + 1].tag_ == "POS":
        k += 2
    elif k + 2 < n and doc_tokens(doc)[k + 2].tag_ == "POS":
        k += 3
    if k >= n:
        return None
    return _noun_run(doc, k)


def _unit_text(doc: Doc, first: int, head: int) -> str:
    """The counted unit: the noun phrase without nationality words and determiners."""
    head_tok = doc_tokens(doc)[head]
    keep_norp = head_tok.ent_type_ == "NORP" or head_tok.pos_ == "PROPN"
    parts: list[str] = []
    for k in range(first, head + 1):
        t = doc_tokens(doc)[k]
        if t.pos_ in ("DET", "NUM", "CCONJ") and k != head:
            continue
        if not keep_norp and t.ent_type_ in ("NORP", "GPE") and k != head:
            continue
        parts.append(t.text + (t.whitespace_ if k != head else ""))
    return "".join(parts).strip()


def _read_context(doc: Doc, num: _Num, lex: _Lex) -> None:
    """Currency, unit, counted noun and span of one number phrase."""
    n = len(doc)
    num.span_start = num.start
    j = num.end
    # --- currency before
    cb = _currency_before(doc, num, lex)
    if cb:
        num.currency, num.span_start = cb
    # --- ambiguous fused abbreviations: "$10m" (million) vs "10m" (metres)
    if num.pending_abbrev:
        a = num.pending_abbrev
        nxt = doc_tokens(doc)[j] if j < n else None
        money_after = _currency_after(doc, j, lex) if nxt is not None else None
        run = _noun_run(doc, j) if nxt is not None else None
        if (
            num.currency
            or money_after
            or (nxt is not None and _unit_of(nxt.text, lex))
            or (run is not None and doc[run[1]].lower_ not in lex.metre_things)
        ):
            num.scale = lex.scale_abbrev[a]
        else:
            num.suffix = a
        num.pending_abbrev = None
    if num.value is not None:
        num.value = num.value * num.scale
    # --- unit: fused suffix, then following tokens
    attached = j < n and not doc_tokens(doc)[j - 1].whitespace_
    if num.suffix:
        u = None
        # "3923sq m", "1.19deg C": the suffix and the next token make the unit
        if j < n:
            u = _unit_of(num.suffix + " " + doc_tokens(doc)[j].text, lex)
            if u is not None:
                j += 1
        if u is None:
            u = _unit_of(num.suffix, lex)
        if u is None and num.suffix.lower() in lex.percent:
            num.unit, num.unit_kind = "percent", "percent"
        elif u is None and num.suffix.lower() in lex.time_units:
            num.unit, num.unit_kind = lex.time_units[num.suffix.lower()], "time"
        elif u is None and num.suffix == "p":
            num.unit, num.unit_kind, num.currency = "pence", "money", None
        elif u is None:
            num.drop = True  # an unknown glued suffix: an identifier ("737-800", "4x4")
            return
        else:
            num.unit, num.unit_kind = u, "measure"
    if num.unit is None and j < n:
        ca = _currency_after(doc, j, lex)
        if ca and (num.currency is None or ca[0] in ("cents", "pence", "sen")):
            num.currency, j = ca[0], ca[1]
        elif ca and num.currency:
            j = ca[1]  # "$31.20 US"
    if num.unit is None and num.currency is None and j < n:
        mu = _match_unit(doc, j, lex, attached)
        if mu:
            j, num.unit_kind, num.unit = mu
            # "A/cm2", "km/h" written apart: a unit per another unit
            if num.unit_kind == "measure" and j + 1 < n and doc_tokens(doc)[j].text == "/":
                den = _unit_of(doc_tokens(doc)[j + 1].text, lex)
                if den is not None:
                    num.unit = f"{num.unit} per {den}"
                    j += 2
    if num.currency and num.unit is None:
        num.unit, num.unit_kind = num.currency, "money"
    # --- rate: "a month", "per share", "a barrel"
    if (
        num.unit is not None
        and j + 1 < n
        and doc_tokens(doc)[j].lower_ in ("a", "an", "per", "each")
    ):
        w = doc_tokens(doc)[j + 1].lower_
        if (
            w in lex.time_units
            or w in lex.per_nouns
            or (doc_tokens(doc)[j].lower_ == "per" and doc_tokens(doc)[j + 1].pos_ == "NOUN")
        ):
            per = lex.time_units[w].rstrip("s") if w in lex.time_units else w
            num.unit = f"{num.unit} per {per}"
            j += 2
    # "a magnitude 6.2 earthquake": a unit written before the number
    if (
        num.unit is None
        and num.start > 0
        and doc_tokens(doc)[num.start - 1].lower_ in lex.units_before
    ):
        num.unit, num.unit_kind = lex.units_before[doc_tokens(doc)[num.start - 1].lower_], "measure"
        num.span_start = num.start - 1
        num.unit_end = j
    # "minus 387 Fahrenheit": the word belongs to the span
    if (
        num.span_start == num.start
        and num.start > 0
        and doc_tokens(doc)[num.start - 1].lower_ == "minus"
    ):
        num.span_start = num.start - 1
    # "under the age of 18"
    if (
        num.unit in (None, "years")
        and num.start >= 2
        and doc_tokens(doc)[num.start - 1].lower_ == "of"
    ):
        if doc_tokens(doc)[num.start - 2].lower_ in ("age", "ages"):
            num.unit, num.unit_kind = "years", "age"
    num.unit_end = j
    num.span_end = j
    # --- counted noun
    if num.unit is None and num.kind != "fraction":
        run = None
        if j < n and doc_tokens(doc)[j].lower_ == "of":
            run = _np_after_of(doc, j)
        else:
            run = _noun_run(doc, j)
            if run and doc[run[1]].lower_ in lex.months:
                run = None
        if run:
            first, head = run
            hyphen_unit = None
            if doc_tokens(doc)[first].text == "-" and first < head:
                first += 1  # "three-bed apartment", "15-nation bloc"
                if first < head:
                    hyphen_unit = doc_tokens(doc)[first].text
            cur = (
                _currency_after(doc, head, lex)
                if doc_tokens(doc)[head].lower_ in ("dollars", "euros")
                else None
            )
            if cur and first == head:
                num.unit, num.unit_kind, num.currency = cur[0], "money", cur[0]
            elif doc_tokens(doc)[head].lower_ in lex.time_units and first == head:
                num.unit, num.unit_kind = lex.time_units[doc_tokens(doc)[head].lower_], "time"
            elif hyphen_unit is not None:
                num.unit, num.unit_kind = hyphen_unit, "count"
                num.of = _text_between(doc, first + 1, head + 1)
            else:
                num.unit = _unit_text(doc, first, head)
                num.unit_kind = "count"
                num.of = _text_between(doc, first, head + 1)
            num.head = head
            num.span_end = head + 1
    elif num.unit_kind in ("percent", "money", "fraction") and j < n:
        # "60% of its revenue", "$164 billion in loans", "$28 billion worth of exports"
        k = j
        if num.unit_kind == "money" and doc_tokens(doc)[k].lower_ == "worth" and k + 1 < n:
            k += 1
        if doc_tokens(doc)[k].lower_ == "of" or (
            num.unit_kind == "money" and doc_tokens(doc)[k].lower_ == "in"
        ):
            run = _np_after_of(doc, k)
            if run and doc[run[1]].ent_type_ not in ("DATE", "GPE", "LOC", "TIME"):
                num.of = _text_between(doc, run[0], run[1] + 1)
                num.span_end = run[1] + 1
    if num.kind == "fraction" and num.unit is None:
        num.unit, num.unit_kind = "fraction", "fraction"
        if num.end - num.start == 3 and doc_tokens(doc)[num.start + 1].lower_ == "in":
            run = _noun_run(doc, num.end) if num.end < n else None
            if run:
                num.of = _text_between(doc, run[0], run[1] + 1)
                num.span_end = run[1] + 1
        if num.span_end < n and doc_tokens(doc)[num.span_end].lower_ in lex.fraction_followers:
            run = _np_after_of(doc, num.span_end - (doc_tokens(doc)[num.span_end].lower_ != "of"))
            if run:
                num.of = _text_between(doc, run[0], run[1] + 1)
                num.span_end = run[1] + 1


def _filter(doc: Doc, num: _Num, lex: _Lex) -> bool:
    """True when the phrase is not a quantity (year, time, identifier, pronoun 'one', ...)."""
    n = len(doc)
    s = num.start
    prev = doc_tokens(doc)[s - 1] if s > 0 else None
    nxt = doc_tokens(doc)[num.end] if num.end < n else None
    has_unit = num.unit_kind in ("money", "percent", "measure", "time", "age")
    if num.kind == "digit":
        v = num.value if num.value is not None else 0
        # times of day: "3 p.m.", "10.30pm"
        if nxt is not None and nxt.lower_ in lex.clock and num.unit_kind != "time":
            return True
        if (
            nxt is not None
            and nxt.text in (":",)
            and num.end + 1 < n
            and doc_tokens(doc)[num.end + 1].is_digit
        ):
            return True
        # years: a bare four-digit integer
        raw = doc_tokens(doc)[s].text
        if (
            num.integer
            and not num.has_comma
            and not num.currency
            and num.scale == 1.0
            and not num.sign
            and len(raw) == 4
            and raw.isdigit()
        ):
            in_date = doc_tokens(doc)[s].ent_type_ == "DATE"
            if (1800 <= v <= 2100) or (in_date and 1000 <= v <= 2100):
                if has_unit and num.unit_kind not in ("time", "age"):
                    return False
                if num.unit_kind == "time" and num.unit not in ("years",):
                    return False
                head_ok = (
                    num.head >= 0
                    and doc_tokens(doc)[num.head].tag_ in ("NNS",)
                    and doc_tokens(doc)[num.head].lower_ not in lex.year_followers
                    and not in_date
                )
                if not head_ok:
                    return True
        # identifiers: "Resolution 2231", "page 4", "Boeing 737", "Stoxx 600"
        if prev is not None and not num.currency and num.span_start == s:
            pl = prev.lower_
            if pl in lex.id_prefixes or pl.rstrip(".") in lex.id_prefixes or prev.text == "#":
                if num.unit_kind not in ("percent", "money", "measure"):
                    return True
            if (
                not prev.whitespace_
                and (prev.is_alpha or prev.text == "-")
                and prev.text not in lex.symbols
                and num.sign == ""
            ):
                # "2019-20 season": the tail of a span of years
                if (
                    prev.text in ("-", "/", "–")
                    and s > 1
                    and not doc_tokens(doc)[s - 2].whitespace_
                    and re.fullmatch(r"(18|19|20)\d\d", doc_tokens(doc)[s - 2].text)
                    and len(doc_tokens(doc)[s].text) == 2
                ):
                    return True
                # glued to a word: "last-32", "Covid-19" (split), "TA-125"
                if (
                    prev.text == "-"
                    and s > 1
                    and not doc_tokens(doc)[s - 2].whitespace_
                    and doc_tokens(doc)[s - 2].is_alpha
                ):
                    return True
                if prev.is_alpha and prev.lower_ not in lex.bound_before_words:
                    return True
            if _proper_before(doc, s, lex) and num.unit_kind not in ("percent", "money", "measure"):
                return True
        # "the Fortune 500 list", "Apple Watch 5": a number inside a name that began earlier
        ent = doc_tokens(doc)[s].ent_type_
        if (
            ent in _NAME_ENTS
            and doc_tokens(doc)[s].ent_iob_ == "I"
            and num.unit_kind not in ("percent", "money", "measure")
        ):
            return True
        # "iPhone 11 Pro Max", "10 Downing Street": a number naming something
        if (
            num.unit_kind == "count"
            and num.head >= 0
            and doc_tokens(doc)[num.head].tag_ == "NNP"
            and doc_tokens(doc)[num.head].ent_type_ != "NORP"
            and v != 1
        ):
            return True
        # "COVID -19": a minus sign right after a proper name
        if num.sign and prev is not None and _proper_before(doc, s, lex) and not has_unit:
            return True
    if num.kind in ("word", "one") and prev is not None:
        # "World War Two", "Formula One", "Chapter Two"
        if (
            _proper_before(doc, s, lex)
            and doc_tokens(doc)[s].text[0].isupper()
            and num.unit_kind != "count"
        ):
            return True
        # "the Group of Seven", "Zero Sum": a capitalised number word inside a name
        if (
            doc_tokens(doc)[s].text[0].isupper()
            and not doc_tokens(doc)[s].is_sent_start
            and doc_tokens(doc)[s].ent_type_ in _NAME_ENTS
        ):
            return True
        if prev.lower_ in lex.id_prefixes and num.unit_kind not in ("percent", "money", "measure"):
            return True
    if num.kind == "word" and num.unit is None and num.of is None:
        if not (nxt is not None and nxt.lower_ in ("to", "or", "-", "and", "–")):
            return True  # "the bottom three", "the two met": no counted thing
    if num.kind == "one":
        if doc_tokens(doc)[s].pos_ == "PRON":
            return True
        if prev is not None and prev.lower_ in lex.one_before:
            return True
        if nxt is not None and nxt.lower_ in lex.one_after:
            return True
        if num.unit is None and not (nxt is not None and nxt.lower_ in ("to", "or", "-")):
            return True
    return False


def _proper_before(doc: Doc, s: int, lex: _Lex) -> bool:
    """Whether the token before ``s`` is a proper name (not a month, currency, opener)."""
    if s == 0:
        return False
    prev = doc_tokens(doc)[s - 1]
    if prev.is_sent_start and prev.pos_ != "PROPN":
        return False
    if (
        prev.lower_ in lex.months
        or prev.lower_ in lex.weekdays
        or prev.text in lex.codes
        or prev.text in lex.symbols
    ):
        return False
    if prev.lower_ in lex.bound_before_words:
        return False
    if prev.pos_ == "PROPN":
        return True
    return (
        prev.is_alpha
        and (prev.is_title or prev.is_upper)
        and len(prev.text) > 1
        and prev.ent_type_ not in ("NORP",)
    )


def _score_pairs(doc: Doc, nums: list[_Num], lex: _Lex) -> None:
    """Drop sports scores and vote tallies: "beat Charlton 2-1", "drew 2-2"."""
    for a, b in zip(nums, nums[1:], strict=False):
        if a.kind != "digit" or b.kind != "digit" or b.start != a.end + 1:
            continue
        dash = doc_tokens(doc)[a.end]
        if (
            dash.text not in ("-", "–")
            or dash.whitespace_
            or doc_tokens(doc)[a.end - 1].whitespace_
        ):
            continue
        measured = ("money", "percent", "measure", "time", "age")
        if a.unit_kind in measured or b.unit_kind in measured or not (a.integer and b.integer):
            continue
        va, vb = a.value or 0, b.value or 0
        if va > 200 or vb > 200:
            continue
        sent = doc_tokens(doc)[a.start].sent
        words = {t.lower_ for t in sent}
        if va >= vb or words & lex.score_words:
            a.drop = b.drop = True


def _read_bound(doc: Doc, num: _Num, lex: _Lex) -> None:
    """Bound words before the number ("nearly", "at least") or after it ("or more")."""
    s = num.span_start
    best = None
    for size in range(min(lex.max_before, s), 0, -1):
        key = tuple(t.lower_ for t in doc[s - size : s])
        if key in lex.bound_before:
            best = (size, lex.bound_before[key])
            break
    if best:
        size, bound = best
        # "some of", "all the": only when the word is right before the number
        num.bound = bound
        num.span_start = s - size
    elif num.unit_kind == "age" and s >= 4 and doc_tokens(doc)[s - 2].lower_ == "age":
        # "under the age of 18", "over the age of 65"
        key = (doc_tokens(doc)[s - 4].lower_,)
        if key in lex.bound_before and doc_tokens(doc)[s - 3].lower_ == "the":
            num.bound = lex.bound_before[key]
            num.span_start = s - 4
    if num.pre in ("~", "≈"):
        num.bound = "~"
    elif num.pre in ("<", ">"):
        num.bound = num.pre
    pb = num.extra.get("post_bound")
    if pb:
        num.bound = pb
    n = len(doc)
    for pos in (num.end, num.span_end):
        for size in (2, 1):
            if pos + size <= n:
                key = tuple(t.lower_ for t in doc[pos : pos + size])
                if key == ("-", "plus") or key == ("-", "odd"):
                    key = ("-" + key[1],)
                if key in lex.bound_after:
                    num.bound = lex.bound_after[key]
                    if pos == num.span_end:
                        num.span_end = pos + size
                    break


def _read_change(doc: Doc, num: _Num, lex: _Lex) -> None:
    """Set ``change`` when the number is the size of a change ("rose 4%", "down 1%")."""
    if num.unit_kind == "count" and num.unit not in ("points", "point"):
        return
    if num.unit_kind in ("time", "age", "fraction"):
        return
    num.change = _change_before(doc, num, lex)
    if num.change is None and num.sign in _CHANGE_SIGNS and num.unit_kind == "percent":
        # "DAX -1.6%": a signed percentage in a market round-up
        num.change = _CHANGE_SIGNS[num.sign]


def _change_before(doc: Doc, num: _Num, lex: _Lex) -> str | None:
    k = num.span_start - 1
    steps = 0
    while k >= 0 and steps < 4:
        t = doc_tokens(doc)[k]
        low = t.lower_
        if low in ("up", "higher", "down", "lower"):
            # "make up 35%", "set up": a phrasal verb, not a direction
            if t.dep_ == "prt" and t.head.lemma_.lower() in lex.phrasal_not_change:
                return None
            return "up" if low in ("up", "higher") else "down"
        # "rose 4%"; a noun only when "by" follows ("a decrease by 1")
        if t.tag_.startswith("VB") or (
            t.pos_ == "NOUN" and k + 1 < len(doc) and doc_tokens(doc)[k + 1].lower_ == "by"
        ):
            lemma = t.lemma_.lower()
            if lemma in lex.change_up:
                return "up"
            if lemma in lex.change_down:
                return "down"
            return None
        if low in ("a", "an") and k == num.span_start - 1:
            return None  # "a 30 degree homer": attributive, not an amount of change
        if low not in lex.change_skip:
            return None
        k -= 1
        steps += 1
    return None


def _inherit_bounds(doc: Doc, nums: list[_Num]) -> None:
    """A restatement shares bound and change.

    "about 150 hp (112 kW / 152 PS)", "fell $3.10, or 1.9%".
    """
    for p, q in zip(nums, nums[1:], strict=False):
        gap = [t.text for t in doc_tokens(doc)[p.span_end : q.span_start]]
        if p.change and q.change is None and gap in ([",", "or"], ["("], ["or"]):
            if q.unit_kind in ("percent", "money", "measure") and q.unit != p.unit:
                q.change = p.change
        if q.bound == "=" and gap and all(g in ("(", "/", "[") for g in gap):
            if (
                "(" in gap
                or "[" in gap
                or (p.span_start > 0 and doc_tokens(doc)[p.span_start - 1].text == "(")
            ):
                q.bound = p.bound


def _merge_ranges(doc: Doc, nums: list[_Num], lex: _Lex) -> list[_Num]:
    """Merge "between X and Y", "X-Y", "from X to Y", "X to Y" into one range."""
    out: list[_Num] = []
    i = 0
    while i < len(nums):
        p = nums[i]
        q = nums[i + 1] if i + 1 < len(nums) else None
        if q is not None and _is_range(doc, p, q, lex):
            r = _Num(p.start, q.end, None, kind="range")
            lo, hi = _range_values(p, q)
            r.low, r.high = lo, hi
            r.span_start = p.span_start
            r.span_end = max(q.span_end, q.unit_end)
            r.unit, r.unit_kind, r.of, r.head = q.unit, q.unit_kind, q.of, q.head
            r.currency = q.currency or p.currency
            if p.unit_kind is None and q.unit_kind is None and p.unit:
                r.unit = p.unit
            r.bound = p.bound if p.bound != "=" else "="
            r.change = p.change or q.change
            out.append(r)
            i += 2
            continue
        out.append(p)
        i += 1
    return out


def _range_values(p: _Num, q: _Num) -> tuple[float | None, float | None]:
    pv = p.value if p.value is not None else p.low
    qv = q.value if q.value is not None else q.high
    if pv is None or qv is None:
        return pv, qv
    # "US $89 to $93 billion", "four to five thousand": the scale of Y applies to X
    if p.scale == 1.0 and q.scale > 1.0 and p.unit_end == p.end and pv * q.scale <= qv * 10:
        pv = pv * q.scale
    return pv, qv


def _is_range(doc: Doc, p: _Num, q: _Num, lex: _Lex) -> bool:
    if p.kind in ("vague", "fraction") or q.kind in ("vague", "fraction"):
        return False
    gap_start = p.span_end if p.unit is not None and p.unit_kind != "count" else p.end
    if p.unit_kind == "count":
        return False
    if q.extra.get("dash") and q.start == p.end and p.unit is None:
        return True
    if p.unit is not None and q.unit is None:
        return False  # "6% of Africans — over 50 million": two quantities
    gap = doc[gap_start : q.span_start]
    if len(gap) != 1:
        # "between $5 and $6 billion" etc. have one connector token
        return False
    c = gap[0].lower_
    p_bare = p.unit is None
    if (
        p.unit is not None
        and q.unit is not None
        and p.unit.split(" per ")[0] != q.unit.split(" per ")[0]
    ):
        return False
    before = doc_tokens(doc)[p.span_start - 1].lower_ if p.span_start > 0 else ""
    if c == "and":
        return before == "between"
    if c in ("-", "–"):
        # "2,600-3,000", "25 – 40min"; spaced dashes only between like numbers
        glued = not gap[0].whitespace_ and not doc_tokens(doc)[gap_start - 1].whitespace_
        return glued or p_bare
    if c == "to":
        if before == "from" or before == "between":
            return True
        if p.change is not None and not p_bare:
            return False
        if before == "by" and not p_bare:
            return False
        return True
    if c == "or":
        return p.kind in ("word", "one") and q.kind in ("word", "one") and p_bare
    return False


def _attribution_for(span: list[int], attributions: list[dict[str, Any]]) -> str | None:
    """Id of the innermost attribution whose content holds ``span``, else None."""
    best: tuple[int, str] | None = None
    for a in attributions:
        c = a.get("content")
        if not c or c[0] > span[0] or c[1] < span[1]:
            continue
        size = c[1] - c[0]
        if best is None or size < best[0]:
            best = (size, a["id"])
    return best[1] if best else None


def _clean(v: float | None) -> float | int | None:
    if v is None:
        return None
    r = round(v, 6)
    if r == int(r) and abs(r) < 1e18:
        return int(r)
    return r


def find_quantities(doc: Doc) -> list[dict[str, Any]]:
    """The quantities of a parsed text as plain dicts (no attribution, no ids).

    Args:
        doc: a Doc parsed by the newsledger model (needs POS, dependencies, entities).

    Returns:
        One dict per quantity with ``span``, ``text``, ``value``, ``low``, ``high``,
        ``bound``, ``unit``, ``of`` and ``change``, in text order.
    """
    lex = _lex()
    nums = _find_numbers(doc, lex)
    for num in nums:
        _read_context(doc, num, lex)
    nums = [x for x in nums if not x.drop]
    _score_pairs(doc, nums, lex)
    nums = [x for x in nums if not x.drop]
    for num in nums:
        _read_bound(doc, num, lex)
        _read_change(doc, num, lex)
    nums = [x for x in nums if not _filter(doc, x, lex)]
    # "2019-20 season": the second half of a dash pair whose first half was dropped
    nums = [
        x
        for k, x in enumerate(nums)
        if not x.extra.get("dash") or (k > 0 and nums[k - 1].end == x.start)
    ]
    nums = _merge_ranges(doc, nums, lex)
    _inherit_bounds(doc, nums)
    # a bare number word kept only in case it opened a range ("one to two years")
    nums = [x for x in nums if not (x.kind in ("one", "word") and x.unit is None and x.of is None)]
    out = []
    for num in nums:
        s, e = (
            doc_tokens(doc)[num.span_start].idx,
            doc_tokens(doc)[num.span_end - 1].idx + len(doc_tokens(doc)[num.span_end - 1]),
        )
        out.append(
            {
                "span": [s, e],
                "text": doc[num.span_start : num.span_end].text,
                "value": _clean(num.value),
                "low": _clean(num.low),
                "high": _clean(num.high),
                "bound": num.bound,
                "unit": num.unit,
                "of": num.of,
                "change": num.change,
            }
        )
    return out


def extract_quantities(doc: Doc, meta: dict[str, Any], layers: Layers) -> Iterator[Record]:
    """Yield a :class:`Quantity` for every number the article asserts.

    Args:
        doc: the parsed article.
        meta: the article's metadata (unused: quantities need no date arithmetic).
        layers: earlier layers; ``layers["attribution"]`` links each quantity to the
            innermost attribution whose ``content`` holds it.

    Yields:
        Quantity records with ids ``q1``, ``q2``, ... in text order.
    """
    attributions = layers.get("attribution", [])
    for k, q in enumerate(find_quantities(doc), start=1):
        yield Quantity(
            id=f"q{k}",
            span=q["span"],
            text=q["text"],
            value=q["value"],
            low=q["low"],
            high=q["high"],
            bound=q["bound"],
            unit=q["unit"],
            of=q["of"],
            attribution=_attribution_for(q["span"], attributions),
            change=q["change"],
        )
