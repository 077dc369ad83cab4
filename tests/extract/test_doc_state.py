"""The text and tokens the extractors share are state on each Doc, not a module global."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from newsledger.extract import DocCache, doc_cache, doc_text, doc_tokens, release_doc_cache


def test_each_doc_keeps_its_own_text_and_tokens(nlp: Language) -> None:
    model = nlp.tokenizer
    a = model("The mayor said the bridge would open.")
    b = model("Officials denied it.")
    # interleaved: a one-entry cache shared by all Docs would hand one Doc's tokens to the other
    assert doc_text(a) == a.text
    assert doc_text(b) == b.text
    assert [t.text for t in doc_tokens(a)] == [t.text for t in a]
    assert [t.i for t in doc_tokens(b)] == list(range(len(b)))
    # made once per Doc, however the extractors alternate between Docs
    tokens_a = doc_tokens(a)
    assert doc_tokens(b) is not tokens_a
    assert doc_tokens(a) is tokens_a


def test_cache_is_the_registered_extension(nlp: Language) -> None:
    doc = nlp.tokenizer("He said no.")
    assert doc._.nl_cache is None
    cache = doc_cache(doc)
    # the fast path reads the extension's value straight from user_data: both must agree
    assert isinstance(cache, DocCache)
    assert doc._.nl_cache is cache
    release_doc_cache(doc)
    assert doc._.nl_cache is None


def test_pipeline_leaves_no_cache_and_the_doc_serialises(run: Any) -> None:
    doc, layers = run("“We will rebuild,” the mayor said on Monday.")
    assert layers.get("attribution")
    assert doc._.nl_cache is None
    # Token objects in user_data would make this raise (spaCy's worker processes do it)
    assert doc.to_bytes()
