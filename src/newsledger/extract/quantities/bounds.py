"""Quantities, pass 3: drop what is no quantity; bounds, changes and ranges."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsledger.extract import doc_tokens
from newsledger.extract.quantities.lexicon import _Lex
from newsledger.extract.quantities.numbers import _CHANGE_SIGNS, _Num
from newsledger.extract.quantities.units import _NAME_ENTS


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
    toks = doc_tokens(doc)
    for p, q in zip(nums, nums[1:], strict=False):
        # the tokens between two numbers may run to a paragraph: their texts are read only
        # where the gap is short enough to be one of the separators below
        between = toks[p.span_end : q.span_start]
        if p.change and q.change is None and len(between) <= 2:
            gap = [t.text for t in between]
            if gap in ([",", "or"], ["("], ["or"]):
                if q.unit_kind in ("percent", "money", "measure") and q.unit != p.unit:
                    q.change = p.change
        if q.bound == "=" and between and all(t.text in ("(", "/", "[") for t in between):
            gap = [t.text for t in between]
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
            # "between 150 and 200", "from 20 to 30": the opening word is part of the range
            if p.span_start > 0 and doc_tokens(doc)[p.span_start - 1].lower_ in ("between", "from"):
                r.span_start = p.span_start - 1
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
