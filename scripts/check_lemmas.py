"""List verb forms of the event lexicon that the spaCy model lemmatizes wrongly.

Usage::

    python scripts/check_lemmas.py

Every verb lemma of the event lexicon (hand and dictionary layers) is inflected (-ed, -s,
-ing) in a neutral frame ("The officials staged the plan on Monday.") and parsed by the bare
model; a form tagged as a verb whose lemma differs is printed. Real errors ("staged" ->
"stag") go into ``src/newsledger/data/nlp/lemma_fixes.json``; the naive inflection also
prints non-words ("abolishs"), which need no fix.
"""

from __future__ import annotations

import re

from newsledger.extract.event_lexicon import lexicon
from newsledger.nlp import _lemma_fixes, load_model


def _forms(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [verb + "d", verb + "s", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "i", "o", "u"):
        return [verb[:-1] + "ied", verb[:-1] + "ies", verb + "ing"]
    return [verb + "ed", verb + "s", verb + "ing"]


def main() -> None:
    """Print each wrongly lemmatized verb form with the lemma it should have."""
    lex = lexicon()
    keys = [*lex.verbs, *lex.c_verbs, *lex.verb_object, *lex.phrasal, *lex.c_phrasal]
    keys += [*lex.c_patterns, *lex.light_verbs]
    lemmas = sorted({k.split()[0] for k in keys if re.fullmatch(r"[a-z]+( .*)?", k)})
    frames = []
    for verb in lemmas:
        for form in _forms(verb):
            aux = "were " if form.endswith("ing") else ""
            frames.append((verb, form, f"The officials {aux}{form} the plan on Monday."))
    nlp = load_model()
    fixed = _lemma_fixes()
    for (verb, form, _s), doc in zip(
        frames, nlp.pipe([f[2] for f in frames], batch_size=256), strict=True
    ):
        tok = next((t for t in doc if t.text == form), None)
        if tok is not None and tok.tag_.startswith("VB") and tok.lemma_.lower() != verb:
            state = "fixed" if fixed.get(form) == verb else "not fixed"
            print(f"{form}\t{tok.lemma_}\t-> {verb}\t({state})")


if __name__ == "__main__":
    main()
