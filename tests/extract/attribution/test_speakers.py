"""Speakers resolved from sources: groups, documents, descriptions (``attribution.speakers``)."""

from __future__ import annotations

from typing import Any

from .helpers import _attrs, _by_content


def test_group_and_document_speakers(run: Any) -> None:
    text, attrs, actors = _attrs(
        run,
        "Western diplomats said the move was expected.\n"
        "Reports claim the embassy will close next month.",
    )
    dip = _by_content(text, attrs, "the move was expected")
    assert dip["speaker"] == "group:western-diplomats"
    assert actors["group:western-diplomats"]["kind"] == "group"
    rep = _by_content(text, attrs, "the embassy will close")
    assert rep["speaker"] == "document:reports" and rep["status"] == "claimed"
    assert actors["document:reports"]["kind"] == "document"


def test_description_matches_title_through_synonyms_and_countries(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Chile's permanent representative to the United Nations, Paula Soto, said the vote "
        "was rushed.\n"
        '"We will ask for a second reading," the Chilean envoy said on Monday.',
    )
    a = _by_content(text, attrs, "a second reading")
    assert a["speaker"] == "person:paula-soto" and a["resolved_by"] == "description"
