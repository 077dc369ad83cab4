"""The fast attribute ruler and lemmatizer annotate every token as the stock components do."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

from newsledger import config
from newsledger.nlp import load_model
from newsledger.spacy_fast import FastAttributeRuler, FastLemmatizer, speed_up

# what the one-token table does not model, and the rules with several tokens: contractions,
# "there is", space tokens, a pronoun as subject and object, "but" as an adverb
TRICKY = [
    "I ain't gonna do it, y'all. Let's go! C'mon, we gotta run. Nothin' and nuthin' left.",
    "There is a man who gets what he got. There were two.",
    "  Spaces   everywhere \n\n and\ttabs\n",
    "But I told you it hit me, and you gave it to me. Did they? They did have it.",
    "Which one? That which he said. The ones that were left, and those.",
]


def _annotations(doc) -> list[tuple]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc
    ]


@pytest.fixture(scope="module")
def stock() -> Language:
    """The model as spaCy loads it: stock components."""
    return load_model()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    with open(config.DEMO_CORPUS, encoding="utf-8") as fh:
        demo = [json.loads(line)["text"] for line in fh if line.strip()]
    return demo[:25] + TRICKY


def test_pipeline_runs_the_fast_components(nlp: Language, stock: Language) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
    # the language's own lemmatizer class stays in the chain (English base forms)
    assert isinstance(nlp.get_pipe("lemmatizer"), type(stock.get_pipe("lemmatizer")))
    assert not isinstance(stock.get_pipe("attribute_ruler"), FastAttributeRuler)


def test_every_token_annotated_as_by_the_stock_components(
    nlp: Language, stock: Language, texts: list[str]
) -> None:
    model_only = [name for name in nlp.pipe_names if name.startswith("newsledger")]
    with nlp.select_pipes(disable=model_only):
        fast = [_annotations(d) for d in nlp.pipe(texts)]
    slow = [_annotations(d) for d in stock.pipe(texts)]
    assert sum(len(d) for d in slow) > 10_000
    for got, want, text in zip(fast, slow, texts, strict=True):
        assert got == want, text[:80]


def test_ruler_matches_equal_the_matchers(nlp: Language, stock: Language, texts: list[str]) -> None:
    """Same matches, same order: the rules' precedence is unchanged."""
    fast_ruler = nlp.get_pipe("attribute_ruler")
    stock_ruler = stock.get_pipe("attribute_ruler")
    after = nlp.pipe_names[nlp.pipe_names.index("attribute_ruler") :]
    n = 0
    with nlp.select_pipes(disable=after):
        for doc in nlp.pipe(texts):
            got = fast_ruler.match(doc)
            assert got == stock_ruler.match(doc)
            n += len(got)
    assert n > len(texts) * 100
    # the two-token rules ("gon na", "ai n't") are among them
    with nlp.select_pipes(disable=after):
        doc = nlp(TRICKY[0])
    assert {m[3] - m[2] for m in fast_ruler.match(doc)} == {1, 2}


def test_rules_added_later_are_matched_too() -> None:
    """Rules added after the first call: the tables are rebuilt, and what they do not model
    (a regular expression with a tag, an operator) goes to the ruler's own Matcher."""
    stock, fast = load_model(), load_model()
    assert speed_up(fast) == ["attribute_ruler", "lemmatizer"]
    text = "Kursk and Kurskaya fell. The Nato chief spoke."
    for nlp in (stock, fast):
        nlp(text)  # the fast ruler builds its table on first use
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.add([[{"LOWER": {"REGEX": "^kursk"}}]], {"LEMMA": "KURSK-REGION"})
        ruler.add([[{"LOWER": "nato"}, {"LOWER": "chief"}]], {"LEMMA": "NATO-CHIEF"}, index=1)
        ruler.add([[{"TAG": "NNP", "LOWER": "kursk"}]], {"POS": "X"})
        ruler.add([[{"LOWER": {"REGEX": "^nat"}, "TAG": "NNP"}]], {"MORPH": "Foo=Bar"})
        ruler.add([[{"LOWER": "and"}, {"IS_ALPHA": True, "OP": "+"}]], {"LEMMA": "AND-WORD"})
    got, want = _annotations(fast(text)), _annotations(stock(text))
    assert got == want
    lemmas = [a[4] for a in got]
    assert lemmas.count("KURSK-REGION") == 2 and "NATO-CHIEF" in lemmas
    assert [a[2] for a in got][0] == "X"
    assert "Foo=Bar" in [a[3] for a in got] and "AND-WORD" in lemmas
    fast_ruler = fast.get_pipe("attribute_ruler")
    assert isinstance(fast_ruler, FastAttributeRuler) and len(fast_ruler._rest) == 2


def test_stock_components_kept_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = load_model()
    monkeypatch.setenv("NEWSLEDGER_SPACY_STOCK", "1")
    assert speed_up(nlp) == []
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    monkeypatch.delenv("NEWSLEDGER_SPACY_STOCK")
    assert speed_up(nlp) == ["attribute_ruler", "lemmatizer"]
    assert speed_up(nlp) == []  # already swapped


def test_lemma_memo_holds_base_forms_and_stays_bounded(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Base forms ("troops" is inflected, "troop" is not) are memoised; past the limit, emptied."""
    from newsledger import spacy_fast

    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer.cache.clear()
    doc = nlp("The troop met the troops.")
    troop = doc[1]
    assert (troop.orth, troop.pos, troop.morph.key) in lemmatizer.cache
    assert [t.lemma_ for t in doc[:5]] == ["the", "troop", "meet", "the", "troop"]
    monkeypatch.setattr(spacy_fast, "MEMO_LIMIT", 3)
    again = nlp("Troops met troops.")
    assert len(lemmatizer.cache) <= 3 + len(again)
    assert [t.lemma_ for t in again] == ["troop", "meet", "troop", "."]


def test_lemma_fixes_touch_listed_verbs_only(nlp: Language, stock: Language) -> None:
    """newsledger's own lemma table (data/nlp/lemma_fixes.json): verbs only, any case."""
    text = "Protesters staged a sit-in and WAGED a campaign. Their wages rose; the staged photo."
    doc, bare = nlp(text), stock(text)
    got = {t.text: t.lemma_ for t in doc}
    assert got["staged"] == "stage" and got["WAGED"] == "wage"
    assert bare[1].lemma_ != "stage"  # the stock lemmatizer's "stag"
    # a noun keeps the model's lemma; the adjective "staged" is not a verb form either
    for tok, plain in zip(doc, bare, strict=True):
        if not tok.tag_.startswith("VB"):
            assert tok.lemma_ == plain.lemma_, tok.text


def test_pickled_pipeline_annotates_the_same(nlp: Language, stock: Language) -> None:
    """Where spaCy cannot fork, its worker processes get the pipeline pickled."""
    import pickle

    text = TRICKY[0] + " " + TRICKY[1]
    nlp(text)  # tables built before pickling
    model_only = [name for name in nlp.pipe_names if name.startswith("newsledger")]
    with nlp.select_pipes(disable=model_only):
        copy = pickle.loads(pickle.dumps(nlp))
    assert isinstance(copy.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert _annotations(copy(text)) == _annotations(stock(text))
