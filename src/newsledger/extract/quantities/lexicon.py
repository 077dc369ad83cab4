"""Quantities, data: the word lists of ``newsledger/data/quantities/*.json``, loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


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


def _unit_of(text: str, lex: _Lex) -> str | None:
    if not text:
        return None
    if text in lex.units_cased:
        return lex.units_cased[text]
    return lex.units_lower.get(text.lower())
