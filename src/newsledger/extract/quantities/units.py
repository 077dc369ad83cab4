"""Quantities, pass 2: currency, unit, counted noun phrase and span of each number phrase."""

from __future__ import annotations

from spacy.tokens import Doc

from newsledger.extract import doc_text, doc_tokens
from newsledger.extract.quantities.lexicon import _Lex, _lex, _unit_of
from newsledger.extract.quantities.numbers import _Num


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
                num.extra["counted"] = first  # "15-nation bloc": nations are counted
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
