"""Times: every date the text refers to, resolved against the publication date.

The extractor runs a small set of compiled patterns over the article text (explicit dates,
ranges, months, years, decades, weekdays, "last week", "by the end of the year", "two years
ago", ...), checks each match against the parse (a capitalised "May" that is a modal verb, a
"March" that is a verb, an "April" that NER calls a person, a "2000" that counts troops are
dropped) and resolves it with :mod:`newsledger.extract.time_rules`. Where the text leaves the
occurrence open ("on Friday", "in August", "March 15"), the tense of the governing verb
decides: past or unclear → the most recent one not after publication; future ("will", "is
due to", "scheduled for") → the next one (for weekdays today included, as news names today
by its weekday); present tense and "would" → the nearest one. No dateparser: it misreads
these phrases and is too slow to run per article.

Spans are tight and keep a governing preposition ("on Monday", "by this Friday", "in the
last few weeks"), except before a possessive ("from next week's election" → "next week's"),
where the preposition belongs to the noun that follows.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from newsledger.extract import Layers, doc_text, doc_tokens
from newsledger.extract import time_rules as tr
from newsledger.records import Record, Time

Resolved = tuple[date | None, date | None, str]

# ---------------------------------------------------------------------------------------------
# Patterns, built once from the lexicon.


def _alt(words: Any) -> str:
    """Regex alternation of words (longest first), spaces matching any whitespace."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


@dataclass(frozen=True, slots=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    # per pattern: what every match of it holds (see _NEEDS); None: no cheap test
    needs: tuple[tuple[str, ...] | None, ...]
    prep_before: re.Pattern[str]
    anchors: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    sub_periods: dict[str, str]
    deictic: dict[str, int]
    holidays: dict[str, dict[str, Any]]
    deadline_preps: frozenset[str]
    future_aux: frozenset[str]
    weak_future_aux: frozenset[str]
    future_governors: frozenset[str]
    say_verbs: frozenset[str]
    non_date_before_number: frozenset[str]
    not_date_labels: frozenset[str]


# What every match of a pattern contains, in ASCII-lowercased text: a digit 0-9 ("0-9"), one of
# the month or weekday names (matched case-sensitively, so exactly), or one of the words listed.
# A stretch of text without it is not scanned with that pattern: a pure speed-up (the patterns
# that only start with optional words, "ago" and "narrative", were the slowest to try at every
# position). No word here has an i, s or k: with IGNORECASE those letters also match 'İ', 'ı',
# 'ſ' and the Kelvin sign, which lowercasing ASCII would not find. tests/extract/test_times.py
# checks every match of the demo corpus against this table.
_NEEDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (
            "iso",
            "md_range",
            "dm_range",
            "md",
            "dm",
            "my",
            "year_range",
            "year",
            "decade",
            "century",
            "qn",
        ),
        ("0-9",),
    ),
    **dict.fromkeys(("mon", "mon_rel"), ("months",)),
    "weekday": ("weekdays",),
    "ago": ("ago",),
    "from_now": ("now",),
    "narrative": ("later", "earl", "next", "follow", "prev", "preced", "before", "after"),
    "quarter": ("quarter",),
    "year_end": ("end",),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
}


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    """Compiled patterns and lookup tables (built once from ``data/times/lexicon.json``)."""
    lex = tr.lexicon()
    months = {**lex["months"], **lex["month_abbreviations"]}
    mon = rf"(?-i:{_alt(lex['months'])})(?!\w)"
    mona = rf"(?-i:(?:{_alt(lex['months'])})(?!\w)|(?:{_alt(lex['month_abbreviations'])})(?!\w)\.?)"
    wd = rf"(?-i:{_alt(lex['weekdays'])})(?!\w)"
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[6-9]\d\d|20\d\d)"
    poss = r"(?P<poss>['’]s(?!\w))?"
    compound = rf"(?:{_alt(lex['tens'])})[\s\-](?:{_alt(lex['units'])})"
    num = rf"(?:\d+|{compound}|{_alt(lex['number_words'])})"
    sub = (
        r"(?P<sub>(?:early|late|mid)(?:\s+|-|–)"
        r"|the\s+(?:beginning|start|middle|end|close|first\s+half|second\s+half)\s+of\s+)"
    )
    rng = r"(?P<sep>-|–|—|to|through|until|and)"
    # A date never starts inside a word, a number or an amount ("$2020", "1,2019", "pre-2020").
    lead = r"(?<![\w$€£#.,/\-–])"
    p = {
        "iso": rf"(?P<y>{year})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
        "md_range": (
            rf"(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mona})\s+(?P<d1>{day})\s*{rng}\s*"
            rf"(?P<d2>{day})(?![\w%]|[.,:]\d)(?:,?\s+(?P<y>{year})(?!\d))?"
        ),
        "dm_range": (
            rf"(?P<d1>{day})\s*{rng}\s*(?P<d2>{day})\s+(?:of\s+)?(?P<mon>{mona})"
            rf"(?:,?\s+(?P<y>{year})(?!\d))?"
        ),
        "md": (
            rf"(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mona})\s+(?P<d>{day})(?![\w%]|[.,:]\d)"
            rf"(?:,?\s+(?P<y>{year})(?!\d))?{poss}"
        ),
        "dm": (
            rf"(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?(?P<d>{day})\s+(?:of\s+)?(?P<mon>{mona})"
            rf"(?:,?\s+(?P<y>{year})(?!\d))?{poss}"
        ),
        "my": rf"(?:{sub})?(?P<mon>{mon})(?:\s+of)?,?\s+(?P<y>{year})(?![\d%]|,\d){poss}",
        "mon_rel": (rf"(?:{sub})?(?P<mon>{mon})(?:\s+of)?\s+(?P<rel>this|last|next)\s+year{poss}"),
        "mon": (
            rf"(?:(?P<mod>this\s+past|this\s+coming|last|this|next|past|coming)\s+)?"
            rf"(?:{sub})?(?P<mon>{mon}){poss}"
        ),
        "year_range": (rf"(?P<y1>{year})\s*{rng}\s*(?P<y2>{year}|\d\d)(?![\d%]|[,.]\d|\s*(?:per))"),
        "year": (
            rf"(?:the\s+year\s+)?(?:{sub})?(?P<y>{year})"
            rf"(?![\d%]|[,.]\d|\s*(?:percent|per\s+cent)){poss}"
        ),
        "decade": (
            r"(?P<the>the\s+)?(?:(?P<sub>early|mid|late)[\s\-–]+)?"
            r"(?P<dec>(?:1\d|20)\d0|['’]\d0)(?P<apos>['’])?s(?!\w)"
        ),
        "century": (
            r"(?:the\s+)?(?:(?P<sub>early|mid|late)[\s\-–]+)?"
            r"(?P<c>1[5-9]|2[01])(?:st|nd|rd|th)[\s\-]+century(?!\w)"
        ),
        "deictic": (
            rf"(?P<deic>{_alt(lex['deictic_days'])})(?!\w)"
            rf"(?:\s+(?P<part>{_alt(lex['day_parts'])})(?!\w))?{poss}"
        ),
        "weekday": (
            rf"(?:(?P<mod>this\s+past|this\s+coming|last|this|next|past|coming|previous"
            rf"|early|late|earlier|later)\s+)?(?P<wd>{wd})"
            rf"(?:\s+(?P<part>{_alt(lex['day_parts'])})(?!\w))?{poss}"
        ),
        "period": (
            rf"(?:(?P<adv>earlier|later|early|late|mid)[\s\-]+)?"
            r"(?P<mod>this\s+past|the\s+past|the\s+last|the\s+coming|the\s+current|the\s+next|last|this"
            r"|next|past|coming)\s+(?P<unit>weekend|week|month|year|decade|quarter)(?!\w)"
            rf"{poss}"
        ),
        "end_of": (
            r"(?P<sub>the\s+(?:beginning|start|middle|end|close|first\s+half"
            r"|second\s+half)\s+of)\s+(?:(?P<mod>this|last|next|the\s+current|the)\s+)?"
            r"(?P<unit>week|month|year|decade|quarter)(?!\w)"
        ),
        "year_end": r"(?P<ye>year[\-\s]end|year['’]s\s+end)(?!\w)",
        "ago": (
            r"(?:(?P<approx>about|around|nearly|almost|some|more\s+than|over|roughly|just"
            rf"|only|less\s+than)\s+)?(?:(?P<n>{num}|a\s+few|few|several|many)\s+)?"
            r"(?P<unit>hour|day|week|month|year|decade)s?\s+ago(?!\w)"
        ),
        "from_now": (
            rf"(?P<n>{num})\s+(?P<unit>hour|day|week|month|year|decade)s?\s+from\s+now(?!\w)"
        ),
        "window": (
            rf"(?:the\s+)?(?P<mod>last|past|recent|coming|next|upcoming)\s+"
            rf"(?:(?P<n>{num}|few|several|couple\s+of)\s+)?"
            r"(?P<unit>hour|day|week|month|year|decade)s(?!\w)"
        ),
        "within": (
            rf"within\s+(?:(?P<n>{num}|a\s+few|few|several|a\s+couple\s+of)\s+)?"
            r"(?P<unit>hour|day|week|month|year)s?(?!\w)"
        ),
        "narrative": (
            rf"(?:(?P<n>{num})\s+(?P<unit>day|week|month|year|decade)s?\s+(?:later|earlier)"
            r"|(?:just\s+)?(?:days|weeks|months|years|decades)\s+later"
            r"|the\s+(?:next|following|previous|preceding)\s+(?:day|morning|night|week|month"
            r"|year)|the\s+day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow)))(?!\w)"
            rf"{poss}"
        ),
        "season": (
            rf"(?:(?P<mod>this|last|next|the|early|late|mid)[\s\-]+)?"
            r"(?P<season>(?-i:spring|summer|autumn|fall|winter))(?!\w)"
            rf"(?:\s+(?:of\s+)?(?P<y>{year})(?!\d))?{poss}"
        ),
        "holiday": (
            rf"(?:(?P<mod>this|last|next)\s+)?(?P<hol>(?-i:{_alt(lex['holidays'])}))"
            rf"(?!\w){poss}"
        ),
        "quarter": (
            rf"(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s\-]+quarter"
            rf"\s+(?:of\s+)?(?:(?P<y>{year})|(?P<rel>this|last|next)\s+year)(?!\w)"
        ),
        "qn": rf"Q(?P<qn>[1-4])\s+(?P<y>{year})(?!\d)",
    }
    patterns = tuple((k, re.compile(lead + v, re.IGNORECASE)) for k, v in p.items())
    words = {
        "months": tuple(m.lower() for m in lex["months"]),
        "weekdays": tuple(w.lower() for w in lex["weekdays"]),
    }
    needs = tuple(
        tuple(w for n in _NEEDS[k] for w in words.get(n, (n,))) if k in _NEEDS else None
        for k, _ in patterns
    )
    # Words without which no pattern can match: only the text around them is scanned.
    anchors = {w.lower().rstrip(".") for w in months} | {w.lower() for w in lex["weekdays"]}
    anchors |= {w.split()[-1].lower() for w in lex["deictic_days"]}
    anchors |= {w.split()[0].lower().replace("’", "'") for w in lex["holidays"]}
    anchors |= {w.lower() for w in lex["seasons"]} | set(lex["anchor_words"])
    return _Grammar(
        patterns=patterns,
        needs=needs,
        prep_before=re.compile(
            rf"(?<![\w\-])(?P<prep>{_alt(lex['prepositions'])})\s+$", re.IGNORECASE
        ),
        # Matched against ASCII-lowercased text: much faster than IGNORECASE.
        anchors=re.compile(rf"\d|(?<!\w)(?:{_alt(anchors)})(?!\w)"),
        months=months,
        weekdays=lex["weekdays"],
        numbers=lex["number_words"],
        sub_periods=lex["sub_periods"],
        deictic=lex["deictic_days"],
        holidays=lex["holidays"],
        deadline_preps=frozenset(lex["deadline_prepositions"]),
        future_aux=frozenset(lex["future_auxiliaries"]),
        weak_future_aux=frozenset(lex["weak_future_auxiliaries"]),
        future_governors=frozenset(lex["future_governors"]),
        say_verbs=frozenset(lex["say_verbs"]),
        non_date_before_number=frozenset(lex["non_date_before_number"]),
        not_date_labels=frozenset(lex["entity_labels_not_dates"]),
    )


_WS = re.compile(r"\s+")
_DIGIT = re.compile(r"[0-9]")
_RANGE_GAP = re.compile(r"\s*(-|–|—|to|through|until|till|and)\s*$", re.IGNORECASE)
_RANGE_PREPS = frozenset({"through", "until", "till"})
_ORDINAL = {
    **{"first": 1, "second": 2, "third": 3, "fourth": 4},
    **{"1st": 1, "2nd": 2, "3rd": 3, "4th": 4},
}
# Granularity of a calendar unit: a quarter is three whole months, a decade ten whole years.
_UNIT_GRAN = {
    **{"week": "week", "month": "month", "quarter": "month", "year": "year"},
    **{"weekend": "day", "decade": "year"},
}

# ---------------------------------------------------------------------------------------------
# Per-document context: token lookup and tense of the governing verb.


def _norm(text: str | None) -> str:
    return _WS.sub(" ", text.lower().replace("’", "'")).strip() if text else ""


class _Ctx:
    """One document's lookups, shared by every candidate."""

    def __init__(self, doc: Doc, pub: date | None, text: str | None = None) -> None:
        self.doc = doc
        # Doc.text joins every token on each access: read it once.
        self.text = doc_text(doc) if text is None else text
        self.pub = pub
        self.g = grammar()
        self._starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []

    def token_at(self, char: int) -> Token | None:
        """The token covering character ``char``."""
        i = bisect_right(self._starts, char) - 1
        if i < 0:
            return None
        tok = doc_tokens(self.doc)[i]
        return tok if char < tok.idx + len(tok.text) else None

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens overlapping ``[start, end)``."""
        i = max(bisect_right(self._starts, start) - 1, 0)
        out = []
        while i < len(self.doc) and doc_tokens(self.doc)[i].idx < end:
            if doc_tokens(self.doc)[i].idx + len(doc_tokens(self.doc)[i].text) > start:
                out.append(doc_tokens(self.doc)[i])
            i += 1
        return out

    def reading(self, start: int, end: int) -> str | None:
        """``past``/``nearest``/``future`` from the verb governing the span, None if unclear."""
        toks = self.tokens(start, end)
        if not toks:
            return None
        inside = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
        tok = root if root.head.i == root.i else root.head
        for _ in range(8):
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN"):
                # "Ankara's test Monday ... will": the date belongs to the subject, whose
                # verb says nothing about when the test was.
                return None
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
                tense = self._tense(tok)
                if tense:
                    return tense
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return None

    def _tense(self, verb: Token) -> str | None:
        g = self.g
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        forms = {a.lower_.replace("’", "'") for a in auxes}
        perfect = "have" in {a.lemma_ for a in auxes}
        if forms & g.weak_future_aux:
            # "would": future from a reported moment, often a past one ("said it would
            # depart in early February"): the nearest occurrence is the safer reading.
            return "past" if perfect else "nearest"
        if forms & g.future_aux or any(a.tag_ == "MD" for a in auxes):
            return "past" if perfect else "future"
        if "to" in forms:
            head = verb.head
            if head.lemma_.lower() in g.future_governors or head.lower_ in g.future_governors:
                return "future"
            return None
        aux_tags = {a.tag_ for a in auxes}
        if verb.tag_ == "VBD" or "VBD" in aux_tags:
            return "past"
        if verb.tag_ in ("VBZ", "VBP"):
            # News present ("says", "they march Thursday") is mostly about the recent past;
            # a schedule ("the summit begins Thursday") is about the near future: take the
            # nearest occurrence.
            return "past" if verb.lemma_ in g.say_verbs else "nearest"
        if verb.tag_ == "VBN":
            if "have" in {a.lemma_ for a in auxes}:
                return "past"
            if aux_tags & {"VBZ", "VBP"}:
                return "nearest"
            if verb.dep_ in ("acl", "amod", "relcl"):
                # "a vote scheduled for Friday" looks ahead; "figures released Friday" back.
                return "future" if verb.lemma_ in g.future_governors else "past"
            return None
        if verb.tag_ == "VBG" and aux_tags & {"VBZ", "VBP"}:
            return "nearest"
        return None

    def name_ok(self, char: int, needs_date_ent: bool = False) -> bool:
        """Whether the month/weekday name at ``char`` is a date (not "may", "March on", "April")."""
        tok = self.token_at(char)
        if tok is None:
            return False
        if tok.ent_type_ == "DATE":
            return tok.tag_ != "MD"
        if needs_date_ent:
            return False
        if tok.ent_type_ in self.g.not_date_labels:
            return False
        return tok.pos_ not in ("VERB", "AUX") and tok.tag_ != "MD"


# ---------------------------------------------------------------------------------------------
# Candidates and their resolution.


@dataclass(slots=True)
class _Cand:
    kind: str
    m: re.Match[str]
    start: int
    end: int
    prep: str
    value: Resolved | None = None
    # For joining ranges: (month, day|None) of a date written without its year.
    yearless: tuple[int, int | None] | None = None


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _num(ctx: _Ctx, text: str | None) -> int | None:
    if not text:
        return None
    t = _norm(text)
    if t.isdigit():
        return int(t)
    if t in ctx.g.numbers:
        return ctx.g.numbers[t]
    parts = re.split(r"[\s\-]+", t)  # "twenty-two"
    values = [ctx.g.numbers.get(p) for p in parts]
    return sum(values) if parts and all(v is not None for v in values) else None


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _month(ctx: _Ctx, text: str) -> int:
    return ctx.g.months[text.rstrip(".")]


def _sub(ctx: _Ctx, m: re.Match[str]) -> str | None:
    raw = _group(m, "sub")
    if not raw:
        return None
    key = _norm(raw).rstrip("-–").strip()
    return ctx.g.sub_periods.get(key, key)


def _part_of(ctx: _Ctx, c: _Cand, rng: tuple[date, date], gran: str) -> Resolved:
    """Apply an "early/mid/late/the end of" modifier; "by the end of X" is X's last day."""
    part = _sub(ctx, c.m)
    if not part:
        return rng[0], rng[1], gran
    if part == "late" and "end" in _norm(_group(c.m, "sub")) and c.prep in ctx.g.deadline_preps:
        return rng[1], rng[1], "day"
    s, e = tr.sub_range(rng, part)
    return s, e, "approximate"


def _reading(ctx: _Ctx, c: _Cand, default: str) -> str:
    if c.prep == "since":
        return "past"
    return ctx.reading(c.start, c.end) or default


def _r_iso(ctx: _Ctx, c: _Cand) -> Resolved | None:
    d = tr.valid_date(int(c.m["y"]), int(c.m["m"]), int(c.m["d"]))
    return (d, d, "day") if d else None


def _yearless_day(ctx: _Ctx, c: _Cand, month: int, day: int) -> date | None:
    c.yearless = (month, day)
    if ctx.pub is None:
        return None
    return tr.resolve_month_day(ctx.pub, month, day, _reading(ctx, c, "nearest"))


def _r_md(ctx: _Ctx, c: _Cand) -> Resolved | None:
    if not ctx.name_ok(c.m.start("mon")):
        return None
    month, day = _month(ctx, c.m["mon"]), _day(c.m["d"])
    if c.m["y"]:
        d = tr.valid_date(int(c.m["y"]), month, day)
        return (d, d, "day") if d else None
    if tr.valid_date(2024, month, day) is None:
        return None
    d = _yearless_day(ctx, c, month, day)
    return d, d, "day"


def _r_day_range(ctx: _Ctx, c: _Cand) -> Resolved | None:
    if not ctx.name_ok(c.m.start("mon")):
        return None
    if c.m["sep"].lower() == "and" and c.prep != "between":
        return None
    month, d1, d2 = _month(ctx, c.m["mon"]), _day(c.m["d1"]), _day(c.m["d2"])
    if d2 <= d1 or tr.valid_date(2024, month, d2) is None:
        return None
    if c.m["y"]:
        y = int(c.m["y"])
        s, e = tr.valid_date(y, month, d1), tr.valid_date(y, month, d2)
        return (s, e, "day") if s and e else None
    s = _yearless_day(ctx, c, month, d1)
    e = tr.valid_date(s.year, month, d2) if s else None
    return s, e, "day"


def _r_my(ctx: _Ctx, c: _Cand) -> Resolved | None:
    if not ctx.name_ok(c.m.start("mon")):
        return None
    return _part_of(ctx, c, tr.month_range(int(c.m["y"]), _month(ctx, c.m["mon"])), "month")


def _r_mon_rel(ctx: _Ctx, c: _Cand) -> Resolved | None:
    if not ctx.name_ok(c.m.start("mon")):
        return None
    if ctx.pub is None:
        return None, None, "month"
    off = {"last": -1, "this": 0, "next": 1}[c.m["rel"].lower()]
    rng = tr.month_range(ctx.pub.year + off, _month(ctx, c.m["mon"]))
    return _part_of(ctx, c, rng, "month")


def _r_mon(ctx: _Ctx, c: _Cand) -> Resolved | None:
    mod = _norm(_group(c.m, "mod"))
    bare = not (c.prep or mod or _group(c.m, "sub"))
    if not ctx.name_ok(c.m.start("mon"), needs_date_ent=bare):
        return None
    # "in May" must not be a modal; a following capitalised name makes "June Carter" a person.
    if bare:
        tok = ctx.token_at(c.m.start("mon"))
        prev = doc_tokens(ctx.doc)[tok.i - 1] if tok is not None and tok.i > 0 else None
        # "March with us" (an imperative opening a sentence), "they will March on".
        if tok is None or tok.is_sent_start or (prev is not None and prev.tag_ == "MD"):
            return None
    month = _month(ctx, c.m["mon"])
    c.yearless = (month, None)
    if ctx.pub is None:
        return None, None, "approximate" if _group(c.m, "sub") else "month"
    pub = ctx.pub
    if mod in ("last", "this past", "past"):
        y = pub.year if month < pub.month else pub.year - 1
        rng = tr.month_range(y, month)
    elif mod in ("next", "coming", "this coming"):
        y = pub.year if month > pub.month else pub.year + 1
        rng = tr.month_range(y, month)
    elif mod == "this":
        rng = tr.month_range(pub.year, month)
    else:
        rng = tr.resolve_month(pub, month, _reading(ctx, c, "past"))
    return _part_of(ctx, c, rng, "month")


def _year_ok(ctx: _Ctx, c: _Cand, ystart: int) -> bool:
    tok = ctx.token_at(ystart)
    if tok is None:
        return False
    if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return False
    if c.prep or _group(c.m, "sub"):
        return True
    nxt = doc_tokens(ctx.doc)[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
    prev = doc_tokens(ctx.doc)[tok.i - 1] if tok.i > 0 else None
    determined = prev is not None and prev.tag_ in ("DT", "PRP$", "POS")
    if nxt is not None and nxt.tag_ == "NNS" and not determined:
        return False  # "2000 tanks" counts; "the 2024 elections", "the 2024 election" date
    if tok.ent_type_ == "DATE":
        return True
    if prev is not None and prev.lower_ in ctx.g.non_date_before_number:
        return False
    if tok.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    if tok.ent_type_ in ctx.g.not_date_labels and tok.ent_type_ not in ("EVENT", "NORP"):
        return False  # "Equal Measures 2030", "Vision 2030": part of a name
    return True


def _r_year(ctx: _Ctx, c: _Cand) -> Resolved | None:
    if not _year_ok(ctx, c, c.m.start("y")):
        return None
    return _part_of(ctx, c, tr.year_range(int(c.m["y"])), "year")


def _r_year_range(ctx: _Ctx, c: _Cand) -> Resolved | None:
    if c.m["sep"].lower() == "and" and c.prep != "between":
        return None
    y1, y2s = int(c.m["y1"]), c.m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else y1 - y1 % 100 + int(y2s)
    if y2 <= y1 or not _year_ok(ctx, c, c.m.start("y1")):
        return None
    return tr.year_range(y1)[0], tr.year_range(y2)[1], "year"


def _r_decade(ctx: _Ctx, c: _Cand) -> Resolved | None:
    if c.m["apos"] and not c.m["the"]:
        return None  # "1980's election" is a possessive year; "the 1980's" a decade
    raw = c.m["dec"].lstrip("'’")
    if len(raw) == 4:
        first = int(raw)
        if first % 100 == 0 and first < 2000:
            # "the 1800s" is the century; "the 2000s" is the decade.
            return _part_of(ctx, c, (date(first, 1, 1), date(first + 99, 12, 31)), "year")
    else:  # "the '90s": the latest such decade that has begun by publication
        ref = ctx.pub.year if ctx.pub else 2099
        first = ref - ref % 100 + int(raw)
        if first > ref:
            first -= 100
    return _part_of(ctx, c, (date(first, 1, 1), date(first + 9, 12, 31)), "year")


def _r_century(ctx: _Ctx, c: _Cand) -> Resolved | None:
    first = (int(c.m["c"]) - 1) * 100
    return _part_of(ctx, c, (date(first, 1, 1), date(first + 99, 12, 31)), "year")


def _r_deictic(ctx: _Ctx, c: _Cand) -> Resolved | None:
    word = c.m["deic"]
    tok = ctx.token_at(c.m.start("deic"))
    if (len(word) > 1 and word.isupper()) or tok is None:
        return None  # "USA TODAY"
    if tok.ent_type_ in ctx.g.not_date_labels:
        return None  # "Trending Today USA", "the Today show"
    if ctx.pub is None:
        return None, None, "day"
    d = tr.shift(ctx.pub, ctx.g.deictic[_norm(c.m["deic"])], "day")
    return d, d, "day"


def _r_weekday(ctx: _Ctx, c: _Cand) -> Resolved | None:
    mod = _norm(_group(c.m, "mod"))
    if not ctx.name_ok(c.m.start("wd")):
        return None
    if ctx.pub is None:
        return None, None, "day"
    pub, wd = ctx.pub, ctx.g.weekdays[c.m["wd"]]
    if mod in ("later", "earlier") and wd == pub.weekday():
        d = pub  # "later Friday" in a Friday story
    elif mod in ("last", "this past", "past", "previous"):
        d = tr.last_weekday(pub, wd)
    elif mod in ("this coming", "coming"):
        d = tr.coming_weekday(pub, wd)
    elif mod == "next":
        d = tr.weekday_in_week(pub, wd, 1)
    elif mod == "this":
        d = tr.weekday_in_week(pub, wd, 0)
        if d < pub and ctx.reading(c.start, c.end) != "past":
            d = tr.coming_weekday(pub, wd)
    else:
        reading = _reading(ctx, c, "past")
        if reading == "future":
            # News names today by its weekday too: "She will speak Friday" in a Friday story.
            reading = "present"
        elif reading == "nearest" and _group(c.m, "poss"):
            # "Tuesday's attack are based": the verb is about the noun, not the day.
            reading = "past"
        d = tr.resolve_weekday(pub, wd, reading)
    return d, d, "day"


def _r_period(ctx: _Ctx, c: _Cand) -> Resolved | None:
    mod, unit = _norm(c.m["mod"]), _norm(c.m["unit"])
    if c.m["unit"][0].isupper():
        return None  # "This Week" (a programme), not this week
    adv = _norm(_group(c.m, "adv"))
    gran = _UNIT_GRAN[unit]
    if ctx.pub is None:
        return None, None, "approximate" if adv or mod.startswith("the ") else gran
    pub = ctx.pub
    if mod == "the next" and unit != "decade":
        return None  # "the next day/week": the story's next, left to the narrative rule
    if mod in ("the past", "the last"):
        return tr.shift(pub, -1, unit if unit != "weekend" else "week"), pub, "approximate"
    if mod in ("the coming", "the next"):
        return pub, tr.shift(pub, 1, unit if unit != "weekend" else "week"), "approximate"
    if mod in ("last", "past", "this past"):
        off = -1
    elif mod in ("next", "coming"):
        off = 1
    else:
        off = 0
    if unit == "weekend" and off == 0 and pub.weekday() < 5:
        off = 0  # "this weekend" on a weekday: the coming one, in the same Monday-Sunday week
    if unit == "decade" and off:
        # "the last decade" is the ten years up to publication, not the 2010s.
        other = tr.shift(pub, 10 * off, "year")
        return min(pub, other), max(pub, other), "approximate"
    rng = tr.calendar_unit(pub, unit, off)
    if adv == "earlier":
        return rng[0], min(pub, rng[1]), "approximate"
    if adv == "later":
        return max(pub, rng[0]), rng[1], "approximate"
    if adv:
        s, e = tr.sub_range(rng, adv)
        return s, e, "approximate"
    return rng[0], rng[1], gran


def _r_end_of(ctx: _Ctx, c: _Cand) -> Resolved | None:
    unit = _norm(c.m["unit"])
    if ctx.pub is None:
        return None, None, "approximate"
    mod = _norm(_group(c.m, "mod"))
    off = {"last": -1, "next": 1}.get(mod, 0)
    return _part_of(ctx, c, tr.calendar_unit(ctx.pub, unit, off), "approximate")


def _r_year_end(ctx: _Ctx, c: _Cand) -> Resolved | None:
    if ctx.pub is None:
        return None, None, "day"
    unit = "month" if _norm(c.m["ye"]).startswith("month") else "year"
    end = tr.calendar_unit(ctx.pub, unit, 0)[1]
    return end, end, "day"


def _r_ago(ctx: _Ctx, c: _Cand) -> Resolved | None:
    unit = _norm(c.m["unit"])
    n = _num(ctx, _group(c.m, "n"))
    if ctx.pub is None or n is None:
        return None, None, "approximate"
    d = tr.shift(ctx.pub, -n, unit)
    if _group(c.m, "approx") or unit == "decade":
        return d, d, "approximate"
    if unit in ("day", "hour"):
        return d, d, "day"
    return (*tr.calendar_unit(d, unit, 0), unit)


def _r_from_now(ctx: _Ctx, c: _Cand) -> Resolved | None:
    unit = _norm(c.m["unit"])
    n = _num(ctx, c.m["n"])
    if ctx.pub is None or n is None:
        return None, None, "approximate"
    d = tr.shift(ctx.pub, n, unit)
    if unit in ("day", "hour"):
        return d, d, "day"
    return d, d, "approximate"


def _r_window(ctx: _Ctx, c: _Cand) -> Resolved | None:
    mod, unit = _norm(c.m["mod"]), _norm(c.m["unit"])
    n = _num(ctx, _group(c.m, "n"))
    if ctx.pub is None:
        return None, None, "approximate"
    pub = ctx.pub
    if mod in ("last", "past", "recent"):
        return (tr.shift(pub, -n, unit) if n else None), pub, "approximate"
    return pub, (tr.shift(pub, n, unit) if n else None), "approximate"


def _r_within(ctx: _Ctx, c: _Cand) -> Resolved | None:
    n = _num(ctx, _group(c.m, "n"))
    if ctx.pub is None or n is None:
        # "within days": counted from an unstated moment (often a speech, not publication).
        return None, None, "approximate"
    return ctx.pub, tr.shift(ctx.pub, n, _norm(c.m["unit"])), "approximate"


def _r_narrative(ctx: _Ctx, c: _Cand) -> Resolved | None:
    # "three days later", "the next day": relative to a story moment we do not resolve.
    return None, None, "approximate"


def _r_season(ctx: _Ctx, c: _Cand) -> Resolved | None:
    mod, season = _norm(_group(c.m, "mod")), c.m["season"]
    if not mod and not c.m["y"]:
        return None
    if season == "fall" and not c.m["y"] and re.match(r"\s+of\b", ctx.text[c.end : c.end + 8]):
        return None  # "the fall of Kabul"
    if c.m["y"]:
        return (*tr.season_range(int(c.m["y"]), season), "approximate")
    if ctx.pub is None:
        return None, None, "approximate"
    reading = _reading(ctx, c, "past")
    rng = tr.resolve_season(
        ctx.pub, season, mod if mod in ("this", "last", "next") else None, reading
    )
    if mod in ("early", "late", "mid"):
        rng = tr.sub_range(rng, mod)
    return rng[0], rng[1], "approximate"


def _r_holiday(ctx: _Ctx, c: _Cand) -> Resolved | None:
    mod = _norm(_group(c.m, "mod"))
    if not (c.prep or mod):
        return None
    if ctx.pub is None:
        return None, None, "day"
    spec = ctx.g.holidays[_WS.sub(" ", c.m["hol"])]
    pub = ctx.pub
    days = [tr.holiday_date(spec, pub.year + dy) for dy in (-1, 0, 1)]
    if mod == "last":
        d = [x for x in days if x < pub][-1]
    elif mod == "next":
        d = next(x for x in days if x > pub)
    elif mod == "this":
        d = days[1]
    else:
        d = tr.resolve_holiday(pub, spec, _reading(ctx, c, "nearest"))
    return d, d, "day"


def _r_quarter(ctx: _Ctx, c: _Cand) -> Resolved | None:
    q = int(c.m["qn"]) if _group(c.m, "qn") else _ORDINAL[_norm(c.m["q"])]
    if c.m["y"]:
        return (*tr.quarter_range(int(c.m["y"]), q), "month")
    if ctx.pub is None:
        return None, None, "month"
    off = {"last": -1, "this": 0, "next": 1}[_norm(c.m["rel"])]
    return (*tr.quarter_range(ctx.pub.year + off, q), "month")


_RESOLVERS: dict[str, Callable[[_Ctx, _Cand], Resolved | None]] = {
    "iso": _r_iso,
    "md_range": _r_day_range,
    "dm_range": _r_day_range,
    "md": _r_md,
    "dm": _r_md,
    "my": _r_my,
    "mon_rel": _r_mon_rel,
    "mon": _r_mon,
    "year_range": _r_year_range,
    "year": _r_year,
    "decade": _r_decade,
    "century": _r_century,
    "deictic": _r_deictic,
    "weekday": _r_weekday,
    "period": _r_period,
    "end_of": _r_end_of,
    "year_end": _r_year_end,
    "ago": _r_ago,
    "from_now": _r_from_now,
    "window": _r_window,
    "within": _r_within,
    "narrative": _r_narrative,
    "season": _r_season,
    "holiday": _r_holiday,
    "quarter": _r_quarter,
    "qn": _r_quarter,
}


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_MARGIN_BEFORE = 40  # longest lead-in before an anchor: "more than 150 years ago", "the end of"
_MARGIN_AFTER = 30


def _ascii_lower(text: str) -> str:
    """``text`` with only A-Z lowered: every offset is kept (str.lower can lengthen letters)."""
    try:
        # bytes.lower() touches ASCII bytes only, and UTF-8 multi-byte sequences have none:
        # 20x faster than str.translate.
        return text.encode("utf-8").lower().decode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return text.translate(_ASCII_LOWER)


def _segments(ctx: _Ctx, low: str | None = None) -> list[tuple[int, int]]:
    """Stretches of text around anchors (digits, month/weekday names, "week", "ago", ...).

    ``low`` is the text ASCII-lowercased (:func:`_ascii_lower`) where the caller has it.
    """
    segs: list[tuple[int, int]] = []
    for m in ctx.g.anchors.finditer(_ascii_lower(ctx.text) if low is None else low):
        s = max(m.start() - _MARGIN_BEFORE, 0)
        e = m.end() + _MARGIN_AFTER
        if segs and s <= segs[-1][1]:
            segs[-1] = (segs[-1][0], e)
        else:
            segs.append((s, e))
    return segs


def _candidates(ctx: _Ctx, text: str) -> list[_Cand]:
    out = []
    seen: set[tuple[str, int, int]] = set()
    before = ctx.g.prep_before
    low = _ascii_lower(text)
    for seg_start, seg_end in _segments(ctx, low):
        seg_end = min(seg_end, len(text))
        digit: bool | None = None
        for (kind, pattern), need in zip(ctx.g.patterns, ctx.g.needs, strict=True):
            if need is not None:
                if need[0] == "0-9":
                    if digit is None:
                        digit = _DIGIT.search(low, seg_start, seg_end) is not None
                    if not digit:
                        continue
                elif not any(low.find(w, seg_start, seg_end) >= 0 for w in need):
                    continue
            for m in pattern.finditer(text, seg_start, seg_end):
                key = (kind, m.start(), m.end())
                if key in seen:
                    continue
                seen.add(key)
                start, prep = m.start(), ""
                pm = before.search(text, max(start - 24, 0), start)
                # "from next week's election": the preposition governs "election", not the date.
                if pm and not _group(m, "poss"):
                    start, prep = pm.start(), _norm(pm["prep"])
                out.append(_Cand(kind, m, start, m.end(), prep))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest non-overlapping candidates, in text order."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _join_ranges(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Join "from A to B", "between A and B", "A-B" into one range record."""
    out: list[_Cand] = []
    text = ctx.text
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and prev.value and c.value:
            gap = _RANGE_GAP.match(text[prev.end : c.start])
            sep = gap.group(1).lower() if gap and not c.prep else None
            if c.prep in _RANGE_PREPS and not text[prev.end : c.start].strip():
                sep = c.prep  # "from January through July this year"
            if (
                sep
                and (sep != "and" or prev.prep == "between")
                and prev.prep in ("", "from", "between")
            ):
                s1, e1, g1 = prev.value
                s2, e2, g2 = c.value
                if prev.kind == c.kind == "weekday" and s1 and s2 and e2 and s2 < s1:
                    # "from Thursday to Monday": the second day follows the first.
                    s2, e2 = tr.shift(s2, 7, "day"), tr.shift(e2, 7, "day")
                if prev.yearless and s1 and s2 and ctx.pub:
                    # "from January through July this year": the first end takes the second's year.
                    month, day = prev.yearless
                    if day is None:
                        s1 = tr.month_range(s2.year, month)[0]
                        if s1 > s2:
                            s1 = tr.month_range(s2.year - 1, month)[0]
                    else:
                        s1 = tr.valid_date(s2.year, month, day) or s1
                        if s1 > s2:
                            s1 = tr.valid_date(s2.year - 1, month, day) or s1
                elif c.yearless and s1 and e2:
                    month, day = c.yearless
                    if day is None:
                        e2 = tr.month_range(s1.year, month)[1]
                    else:
                        e2 = tr.valid_date(s1.year, month, day) or e2
                    if e2 < s1:
                        e2 = tr.shift(e2, 1, "year")
                if s1 is None or e2 is None or s1 <= e2:
                    gran = g1 if g1 == g2 else "approximate"
                    prev.end, prev.value = c.end, (s1, e2, gran)
                    prev.yearless = None
                    continue
        out.append(c)
    return out


def find_times(
    doc: Doc, published: str | None, text: str | None = None
) -> list[tuple[int, int, Resolved]]:
    """Time expressions of a parsed document as ``(start, end, (start_date, end_date, gran))``.

    Args:
        doc: a parsed Doc (needs tags, dependencies and entities).
        published: the publication date (``YYYY-MM-DD``) or None.
        text: ``doc.text`` when the caller already has it (it is costly to rebuild).

    Returns:
        Resolved time expressions in text order; dates are None where unknowable.
    """
    ctx = _Ctx(doc, tr.parse_iso(published), text)
    text = ctx.text
    valid = []
    for c in _candidates(ctx, text):
        value = _RESOLVERS[c.kind](ctx, c)
        if value is not None:
            c.value = value
            valid.append(c)
    chosen = _join_ranges(ctx, _select(valid))
    return [(c.start, c.end, c.value) for c in chosen if c.value is not None]


def extract_times(doc: Doc, meta: dict[str, Any], layers: Layers) -> Iterator[Record]:
    """Yield ``Time`` records (``t1``, ``t2``, ... in text order) for one parsed article.

    Args:
        doc: the parsed article.
        meta: article metadata; ``meta["published"]`` (``YYYY-MM-DD`` or None) anchors
            relative dates ("last Friday"); without it they are reported with null dates.
        layers: earlier layers (unused).

    Yields:
        ``Time`` records with tight spans (a governing preposition included).
    """
    text = doc_text(doc)
    found = find_times(doc, meta.get("published"), text)
    for n, (start, end, (s, e, gran)) in enumerate(found, 1):
        yield Time(
            id=f"t{n}",
            span=[start, end],
            text=text[start:end],
            start=tr.iso(s),
            end=tr.iso(e),
            granularity=gran,
        )
