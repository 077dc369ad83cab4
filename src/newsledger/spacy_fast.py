"""Exact, faster stand-ins for two of the model's rule components: attribute ruler, lemmatizer.

Timed per component on the demo corpus (89 articles, 70,000 tokens, one process), the model's
``attribute_ruler`` took 1.55 s and its rule ``lemmatizer`` 1.06 s on first sight of the words,
against 1.6 s for the parser. Both spend it in Python, not in their rules:

* the ruler's ``Matcher`` evaluates its ``IN``/``NOT_IN``/``REGEX`` predicates (Python objects)
  on every token, although all but ten of its 179 rules look at one token and only at its tag,
  dependency label, space flag and lower-case form;
* the lemmatizer's ``rule_lemmatize`` asks ``form in index``, and the model's index of each part
  of speech is a plain list (up to 57,528 words): a linear scan, ~100 µs a new word. It also
  makes a ``Token`` per token and never memoises a base form.

:func:`speed_up` swaps the two loaded objects' classes for subclasses that give **the same
annotations** (``tests/test_spacy_fast.py`` compares every token attribute with the stock
components'; docs/scale.md, "The third pass", the checks on 1,055 texts):

* :class:`FastAttributeRuler` matches one-token rules by a table keyed on the token's
  (lower-case form where some rule names it, tag, label, space flag), each distinct key once per
  process; rules of several tokens only where one of their words occurs (an anchor); a
  ``REGEX`` on the word alone once per word. What the tables do not model (operators, other
  attributes, a ``REGEX`` with other tests) stays with a ``Matcher`` of its own. The matches,
  sorted as the ruler sorts them, go to the ruler's own ``set_annotations``: the precedence
  among rules is unchanged.
* :class:`FastLemmatizer` reads (form, part of speech, morphology) of every token from one
  ``Doc.to_array`` and looks them up in spaCy's own memo of the model's ``lemmatize`` (a pure
  function of the three), which it fills for base forms too; the index lists answer ``in``
  from a set (:class:`_WordList`: same words, same order).

Set ``NEWSLEDGER_SPACY_STOCK=1`` to keep the stock components (for comparisons).
"""

from __future__ import annotations

import os
import re
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

# Token attributes a one-token pattern may test for the table to model it: few values each, so
# the table of keys stays small. LOWER is modelled only as equality with listed words.
_KEYED = {"TAG": TAG, "DEP": DEP, "POS": POS, "IS_SPACE": IS_SPACE}
_FLAGS = frozenset({"IS_SPACE"})
# Entries in the lemmatizer's memo past which a document's call empties it (~200 bytes each): a
# backstop for callers that parse without newsledger.nlp.bound_caches, which empties it between
# batches at half this (CACHE_LIMIT).
MEMO_LIMIT = 1 << 17
# Words whose answer to the ruler's word-only rules is remembered (~100 bytes each).
WORD_MEMO_LIMIT = 1 << 16


class _Test:
    """A test of one attribute's value on string ids: ``==``, ``IN`` or ``NOT_IN``.

    A class, not a closure, so that the tables pickle (spaCy's worker processes, where the
    platform cannot fork, get the pipeline pickled).
    """

    __slots__ = ("ids", "op")

    def __init__(self, op: str, ids: frozenset[int]) -> None:
        self.op, self.ids = op, ids

    def __call__(self, value: int) -> bool:
        return (value in self.ids) == (self.op != "NOT_IN")


def _value_test(name: str, spec: Any) -> _Test | None:
    """A test of one attribute's array value, or None where the table cannot model ``spec``."""
    if name in _FLAGS:
        return _Test("IN", frozenset({int(spec)})) if isinstance(spec, bool) else None
    if isinstance(spec, str):
        return _Test("IN", frozenset({get_string_id(spec)}))
    if isinstance(spec, dict) and len(spec) == 1:
        op, values = next(iter(spec.items()))
        if op in ("IN", "NOT_IN") and isinstance(values, list):
            if not all(isinstance(x, str) for x in values):
                return None
            return _Test(op, frozenset(get_string_id(x) for x in values))
    return None


class _TokenTest:
    """One token of a ruler pattern as tests on its row ``[lower, *keyed attrs]``."""

    __slots__ = ("lowers", "regexes", "tests")

    def __init__(
        self,
        lowers: frozenset[int] | None,
        tests: list[tuple[int, _Test]],
        regexes: list[re.Pattern[str]],
    ) -> None:
        self.lowers = lowers  # None: the pattern does not name the lower-case form
        self.tests = tests  # (position in the row, test of the value there)
        self.regexes = regexes  # searched in the lower-case string, as the Matcher's REGEX

    def matches(self, row: list[int] | tuple[int, ...], strings: Any = None) -> bool:
        if self.lowers is not None and row[0] not in self.lowers:
            return False
        if not all(test(row[pos]) for pos, test in self.tests):
            return False
        return not self.regexes or all(r.search(strings[row[0]]) for r in self.regexes)


class FastAttributeRuler(AttributeRuler):
    """The model's attribute ruler, its patterns matched by tables (see module)."""

    def _build_index(self) -> None:
        rules = [(i, self.matcher.get(str(i))[1]) for i in range(len(self.attrs))]
        used = {name for _i, pats in rules for pat in pats for tok in pat for name in tok}
        keyed = sorted(used & set(_KEYED))
        self._key_attrs = [LOWER] + [_KEYED[name] for name in keyed]
        positions = {name: 1 + n for n, name in enumerate(keyed)}
        self._rest = Matcher(self.vocab)
        self._words: list[tuple[int, int, list[_TokenTest]]] = []
        self._word_memo: dict[int, tuple[tuple[int, int], ...]] = {}
        # one-token patterns, matched by the key table; longer ones, from an anchor word
        self._single: list[tuple[int, int, list[_TokenTest]]] = []
        anchors: dict[int, list[tuple[int, int, list[_TokenTest], int]]] = {}
        lowers: set[int] = set()
        for i, pats in rules:
            key = str(i)
            maybe = [_pattern_tests(pat, positions) for pat in pats]
            tested = [tests for tests in maybe if tests is not None]
            word_only = [_word_only(tests) for tests in tested]
            if len(tested) < len(maybe) or (any(word_only) and not all(word_only)):
                # what the tables do not model, or a rule that mixes a word's REGEX with other
                # patterns (its matches would need merging): the Matcher's
                self._rest.add(key, pats)
                continue
            mid = self.vocab.strings[key]
            if all(word_only):
                # "^n[ou]thin'$": a test of the word alone, answered once per word
                self._words.append((i, mid, [tests[0] for tests in tested]))
                continue
            ones = [tests[0] for tests in tested if len(tests) == 1]
            if ones:
                self._single.append((i, mid, ones))
                for t in ones:
                    lowers.update(t.lowers or ())
            for tests in tested:
                if len(tests) > 1:
                    at = next(k for k, t in enumerate(tests) if t.lowers is not None)
                    for word in tests[at].lowers or ():
                        anchors.setdefault(word, []).append((i, mid, tests, at))
        self._lowers = frozenset(lowers)
        self._anchors = anchors
        self._anchor_ids = np.array(sorted(anchors), dtype=np.uint64)
        self._table: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        self._indexed = len(self.attrs)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The ruler's matches, ``(rule number, match id, start, end)``, sorted as spaCy's.

        Args:
            doc: a Doc after the tagger and parser.

        Returns:
            What ``AttributeRuler.match`` returns for ``doc``.
        """
        if getattr(self, "_indexed", -1) != len(self.attrs):
            self._build_index()  # first call, or rules were added since
        n = len(doc)
        if not n:
            return []
        arr = doc.to_array(self._key_attrs)
        rows = arr.tolist()
        found: set[tuple[int, int, int, int]] = set()
        if len(self._anchor_ids):
            strings = doc.vocab.strings
            for j in np.flatnonzero(np.isin(arr[:, 0], self._anchor_ids)).tolist():
                for rule, mid, tests, at in self._anchors[rows[j][0]]:
                    start, end = j - at, j - at + len(tests)
                    if (
                        start >= 0
                        and end <= n
                        and all(t.matches(rows[start + k], strings) for k, t in enumerate(tests))
                    ):
                        found.add((rule, mid, start, end))  # spaCy's Matcher also dedupes
        out = list(found)
        table, lowers, single = self._table, self._lowers, self._single
        words, memo = self._words, self._word_memo
        if words and len(memo) > WORD_MEMO_LIMIT:
            memo.clear()
        for i, row in enumerate(rows):
            if words:  # "^n[ou]thin'$": one answer per word
                hits = memo.get(row[0])
                if hits is None:
                    hits = memo[row[0]] = _word_hits(words, row, doc.vocab.strings)
                for rule, mid in hits:
                    out.append((rule, mid, i, i + 1))
            if row[0] not in lowers:
                row[0] = 0  # no one-token pattern names this word: its key is the rest
            key = tuple(row)
            hits = table.get(key)
            if hits is None:
                hits = [(r, mid) for r, mid, pats in single if any(p.matches(key) for p in pats)]
                table[key] = hits
            for rule, mid in hits:
                out.append((rule, mid, i, i + 1))
        if len(self._rest):
            for mid, start, end in self._rest(doc, allow_missing=True, as_spans=False):
                out.append((int(self.vocab.strings[mid]), mid, start, end))
        out.sort()
        return out


def _pattern_tests(pat: list[dict[str, Any]], positions: dict[str, int]) -> list[_TokenTest] | None:
    """A pattern as one test per token, or None where the tables cannot model it."""
    tests = [_token_test(tok, positions) for tok in pat]
    if not tests or any(t is None for t in tests):
        return None
    done = [t for t in tests if t is not None]
    if len(done) == 1:
        # the key table sets aside the words no pattern names, which a REGEX may match: a
        # REGEX alone is a test of the word (memoised per word), with other tests the Matcher's
        one = done[0]
        return None if one.regexes and (one.tests or one.lowers is not None) else done
    # a longer pattern is tried where one of its words occurs: it must name one
    return done if any(t.lowers is not None for t in done) else None


_NO_HITS: tuple[tuple[int, int], ...] = ()


def _word_hits(
    words: list[tuple[int, int, list[_TokenTest]]], row: list[int], strings: Any
) -> tuple[tuple[int, int], ...]:
    """The word-only rules a token's word matches (a shared empty tuple for most words)."""
    hits = tuple((r, mid) for r, mid, pats in words if any(p.matches(row, strings) for p in pats))
    return hits or _NO_HITS


def _word_only(tests: list[_TokenTest]) -> bool:
    """Whether a pattern is one token tested by regular expressions on its word alone."""
    return len(tests) == 1 and bool(tests[0].regexes)


def _token_test(tok: dict[str, Any], positions: dict[str, int]) -> _TokenTest | None:
    """One token of a pattern as a :class:`_TokenTest`, or None where no table models it."""
    lowers: frozenset[int] | None = None
    tests: list[tuple[int, _Test]] = []
    regexes: list[re.Pattern[str]] = []
    for name, spec in tok.items():
        if name == "LOWER":
            if isinstance(spec, str):
                lowers = frozenset({get_string_id(spec)})
            elif isinstance(spec, dict) and list(spec) == ["IN"]:
                if not all(isinstance(x, str) for x in spec["IN"]):
                    return None
                lowers = frozenset(get_string_id(x) for x in spec["IN"])
            elif isinstance(spec, dict) and list(spec) == ["REGEX"]:
                regexes.append(re.compile(spec["REGEX"]))
            else:
                return None
            if lowers is not None and 0 in lowers:
                return None  # "" would collide with the key of unlisted words
            continue
        if name not in positions:
            return None  # another attribute, an operator ("OP"), an extension
        test = _value_test(name, spec)
        if test is None:
            return None
        tests.append((positions[name], test))
    return _TokenTest(lowers, tests, regexes)


class FastLemmatizer(Lemmatizer):
    """The model's lemmatizer, memoised on (form, part of speech, morphology) (see module)."""

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none (every token with ``overwrite``).

        Args:
            doc: a Doc after the tagger and attribute ruler.

        Returns:
            ``doc``, its lemmas as the stock component sets them.
        """
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            return self._lemmatize_doc(doc)
        except Exception as e:  # as the stock component: the pipeline's error handler decides
            error_handler(self.name, self, [doc], e)
            return doc

    def _lemmatize_doc(self, doc: Doc) -> Doc:
        # spaCy's own memo, with its own key: it holds inflected forms already; base forms are
        # added here. newsledger.nlp.bound_caches empties it between batches past its limit.
        cache: dict[tuple[int, int, int], list[str]] = self.cache
        if len(cache) > MEMO_LIMIT:
            cache.clear()  # a caller that never calls bound_caches still has a bound
        n = len(doc)
        if not n:
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        strings = doc.vocab.strings
        lemmas = [0] * n
        overwrite = self.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas[i] = lemma
                continue
            key = (orth, pos, morph)  # rule_lemmatize's key: (orth, pos, morph.key)
            forms = cache.get(key)
            if forms is None:
                forms = cache[key] = self.lemmatize(doc[i])
            # the string goes into the store for every token, as ``token.lemma_ = ...`` does
            # (inside a memory zone the store forgets it at the zone's end)
            lemmas[i] = strings.add(forms[0])
        doc.from_array([LEMMA], np.asarray(lemmas, dtype=np.uint64))
        return doc


class _WordList(list):
    """A list of words whose ``in`` is a set lookup: the rule lemmatizer's ``lemma_index``.

    ``rule_lemmatize`` asks ``form in index`` for each suffix rule that applies, and the index
    of each part of speech is a plain list (up to 57,528 words): a linear scan, ~100 µs a new
    word. Same words, same order, same answers to ``in``.
    """

    __slots__ = ("_members",)

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._members


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Give the rule lemmatizer's index lists a set lookup (in place; contents unchanged)."""
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if type(words) is list and all(isinstance(w, str) for w in words):
            table[key] = _WordList(words)


class FastEnglishLemmatizer(FastLemmatizer, EnglishLemmatizer):
    """:class:`FastLemmatizer` with English's ``is_base_form`` (the model's own class)."""


# the stock class -> its fast subclass (module-level classes, so that a pipeline pickled for
# spaCy's own worker processes unpickles)
_FAST = {
    AttributeRuler: FastAttributeRuler,
    Lemmatizer: FastLemmatizer,
    EnglishLemmatizer: FastEnglishLemmatizer,
}


def speed_up(nlp: Language) -> list[str]:
    """Swap the model's attribute ruler and rule lemmatizer for the exact, faster subclasses.

    Args:
        nlp: a loaded pipeline; changed in place.

    Returns:
        The names of the components swapped: none where ``NEWSLEDGER_SPACY_STOCK=1``, nor a
        component of another class (a language's own lemmatizer other than English's) or of a
        lemmatizer mode other than spaCy's rule and lookup modes.
    """
    if os.environ.get("NEWSLEDGER_SPACY_STOCK") == "1":
        return []
    done = []
    for name, pipe in nlp.pipeline:
        fast = _FAST.get(type(pipe))
        if fast is None:
            continue
        if isinstance(pipe, Lemmatizer) and pipe.mode not in ("rule", "lookup", "pos_lookup"):
            continue  # another package's mode need not be a pure function of the three
        pipe.__class__ = fast
        if isinstance(pipe, Lemmatizer):
            _index_as_sets(pipe)
        done.append(name)
    return done
