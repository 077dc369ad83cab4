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

Where is the rule that ...

* reads a number written in digits, words, scales, fused prefixes/suffixes, "thousands",
  "half of", skips dates and phone numbers: :mod:`.numbers` (pass 1);
* finds the currency, percent, measurement or time unit, the counted noun phrase (``unit``,
  ``of``) and the span: :mod:`.units` (pass 2);
* drops years, clock times, identifiers, names, scores, the pronoun "one"; reads bound words,
  a direction of change, and merges ranges: :mod:`.bounds` (pass 3);
* reads what is counted, whose, what happened to it, negation, place and time (``counted``,
  ``qualifier``, ``happened``, ``negated``, ``measure``, ``place``, ``time``):
  :mod:`.measure` (pass 4, over the parse and the earlier layers);
* loads the word lists: :mod:`.lexicon`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

from newsledger.extract import Layers, doc_tokens
from newsledger.extract.quantities.bounds import (
    _filter,
    _inherit_bounds,
    _merge_ranges,
    _read_bound,
    _read_change,
    _score_pairs,
)
from newsledger.extract.quantities.lexicon import _lex
from newsledger.extract.quantities.measure import _Spans, read_measure
from newsledger.extract.quantities.numbers import _find_numbers
from newsledger.extract.quantities.units import _read_context
from newsledger.records import Quantity, Record


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


def find_quantities(doc: Doc, layers: Layers | None = None) -> list[dict[str, Any]]:
    """The quantities of a parsed text as plain dicts (no attribution, no ids).

    Args:
        doc: a Doc parsed by the newsledger model (needs POS, dependencies, entities).
        layers: earlier layers of the article: ``entity`` records give the ``qualifier``
            and ``place`` actors, ``time`` records the ``time`` ids (without them those
            fields come from the parse alone, and ``time`` is null).

    Returns:
        One dict per quantity with ``span``, ``text``, ``value``, ``low``, ``high``,
        ``bound``, ``unit``, ``of``, ``change`` and the measure fields ``counted``,
        ``qualifier``, ``happened``, ``negated``, ``measure``, ``place``, ``time``, in
        text order.
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
    spans = _Spans(doc, layers or {})
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
                **read_measure(doc, num, spans),
            }
        )
    return out


def extract_quantities(doc: Doc, meta: dict[str, Any], layers: Layers) -> Iterator[Record]:
    """Yield a :class:`Quantity` for every number the article asserts.

    Args:
        doc: the parsed article.
        meta: the article's metadata (unused: quantities need no date arithmetic).
        layers: earlier layers; ``layers["attribution"]`` links each quantity to the
            innermost attribution whose ``content`` holds it; entities and times feed the
            measure fields (see :mod:`.measure`).

    Yields:
        Quantity records with ids ``q1``, ``q2``, ... in text order.
    """
    attributions = layers.get("attribution", [])
    for k, q in enumerate(find_quantities(doc, layers), start=1):
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
            counted=q["counted"],
            qualifier=q["qualifier"],
            happened=q["happened"],
            negated=q["negated"],
            measure=q["measure"],
            place=q["place"],
            time=q["time"],
        )
