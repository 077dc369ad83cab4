"""Nesting, and what is dropped as no report (``attribution.nesting``)."""

from __future__ import annotations

from typing import Any

from .helpers import _attrs, _by_content, _span


def test_nested_report(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, "The Daily Ledger reports that Finance Minister Ana Ruiz said the talks had failed."
    )
    outer = _by_content(text, attrs, "Ana Ruiz said")
    inner = _by_content(text, attrs, "the talks had failed")
    assert outer["id"] == "a1" and inner["id"] == "a2"
    assert inner["within"] == outer["id"] and outer["within"] is None
    assert inner["speaker_name"] == "Ana Ruiz"


def test_markup_tag_is_no_cue(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        'Trump posted a message:\n<tweet pic="" author="realDonaldTrump">We will win.</tweet>',
    )
    assert all(a["cue"] is None or "<" not in text[a["cue"][0] - 1 : a["cue"][0]] for a in attrs)
    assert not any(_span(text, a["cue"]) == "tweet" for a in attrs)


def test_question_put_to_you_is_no_report(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The mayor opened the new library on Monday.\n\n"
        "Do you support the mayor's plan to close the harbor?\n\n"
        "You said the harbor would stay open, the governor told the mayor.",
    )
    # the question asks the reader's stance; nothing is reported of them
    assert not any(
        "the harbor" in text[a["content"][0] : a["content"][1]]
        and _span(text, a["source"]) == "you"
        for a in attrs
    )
    # a statement about what "you" said is still a report
    a = _by_content(text, attrs, "the harbor would stay open")
    assert _span(text, a["source"]) == "You"
