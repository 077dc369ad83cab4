"""Quantities, pass 1: find number phrases (digits, words, scales, fused forms, "thousands")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Token

from newsledger.extract import doc_text, doc_tokens
from newsledger.extract.quantities.lexicon import _Lex, _unit_of

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
# (ORTH ids are hashes of the string: a verdict stays right after a memory zone frees the string.)
# Word forms whose verdict is kept: the cache is keyed by every distinct word of the corpus, so
# it is emptied past this size (a long run's memory stays bounded; a verdict is recomputed).
_START_CACHE_LIMIT = 1 << 16


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
    if len(verdicts) > _START_CACHE_LIMIT:
        verdicts.clear()
    # The verdict is asked once per distinct form (a word recurs: ~60% of an article's tokens
    # are repeats), and the tokens with a "yes" form are picked out by numpy.
    ids = doc.to_array([ORTH, LOWER])
    forms, first = np.unique(ids[:, 0], return_index=True)
    can_start = []
    for orth, at in zip(forms.tolist(), first.tolist(), strict=True):
        hit = verdicts.get(orth)
        if hit is None:
            hit = verdicts[orth] = _may_start(strings[orth], strings[int(ids[at, 1])], lex)
        if hit:
            can_start.append(orth)
    starts = np.flatnonzero(np.isin(ids[:, 0], np.array(can_start, dtype=np.uint64))).tolist()
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
