"""English plurals and past participles for measure names ("troops deployed", "people freed").

One place for the rules and the irregular forms (``data/quantities/measure.json``: ``plurals``
and ``participles``), used by the quantities extractor's ``measure`` strings and by the estimate
series' measure names. Light to import: no spaCy.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

_VOWELS = "aeiou"


@lru_cache(maxsize=1)
def irregular_forms() -> tuple[dict[str, str], dict[str, str]]:
    """The irregular plurals and past participles, read once."""
    path = resources.files("newsledger").joinpath("data", "quantities", "measure.json")
    d = json.loads(path.read_text(encoding="utf-8"))
    return d["plurals"], d["participles"]


def plural(lemma: str) -> str:
    """The plural of a noun lemma ("troop" -> "troops", "person" -> "people")."""
    forms = irregular_forms()[0]
    if lemma in forms:
        return forms[lemma]
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def participle(lemma: str, overrides: Mapping[str, str] | None = None) -> str:
    """The past participle of a verb lemma ("kill" -> "killed", "send" -> "sent").

    Args:
        lemma: the verb.
        overrides: forms that win over the irregular table (a caller's own display names).
    """
    if overrides and lemma in overrides:
        return overrides[lemma]
    forms = irregular_forms()[1]
    if lemma in forms:
        return forms[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ied"
    vowels = [c in _VOWELS for c in lemma]
    groups = sum(1 for k, v in enumerate(vowels) if v and (k == 0 or not vowels[k - 1]))
    if (
        groups == 1
        and len(lemma) >= 3
        and lemma[-1] not in _VOWELS + "wxy"
        and lemma[-2] in _VOWELS
        and lemma[-3] not in _VOWELS
    ):
        return lemma + lemma[-1] + "ed"  # "stop" -> "stopped", "ban" -> "banned"
    return lemma + "ed"
