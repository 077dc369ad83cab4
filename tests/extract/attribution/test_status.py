"""Status from cues, hedges and negation; cue spans (``attribution.status``)."""

from __future__ import annotations

from typing import Any

from .helpers import _attrs, _by_content, _span


def test_status_from_cues_negation_and_hedges(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The Foreign Ministry confirmed that two diplomats were expelled.\n"
        "Opposition leader Jan Kos claimed the count was wrong.\n"
        "Kos insisted the vote was rigged.\n"
        "The electoral commission denied that any ballots were lost.\n"
        "The army did not confirm that the strike took place.\n"
        "The agency appeared to confirm that the bridge was hit.\n"
        "The mayor allegedly hid the inspection report.",
    )
    expect = {
        "two diplomats were expelled": "confirmed",
        "the count was wrong": "claimed",
        "the vote was rigged": "claimed",
        "any ballots were lost": "denied",
        "the strike took place": "possible",
        "the bridge was hit": "possible",
        "hid the inspection report": "alleged",
    }
    for needle, status in expect.items():
        assert _by_content(text, attrs, needle)["status"] == status, needle
    hedged = _by_content(text, attrs, "the bridge was hit")
    assert _span(text, hedged["cue"]) == "appeared to confirm"


def test_hearsay_frames_a_sourced_report(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "President Ana Ruiz reportedly said the deal was off.\n"
        "Unconfirmed reports say the embassy will close.\n"
        "Officials say the embassy will stay open.",
    )
    hedged = _by_content(text, attrs, "the deal was off")
    assert hedged["status"] == "reported" and hedged["speaker_name"] == "Ana Ruiz"
    assert _by_content(text, attrs, "will close")["status"] == "reported"
    assert _by_content(text, attrs, "will stay open")["status"] == "stated"


def test_infinitive_cue_takes_its_governing_verb(run: Any) -> None:
    text, attrs, _ = _attrs(run, "He has continued to insist that the wall will be built.")
    a = _by_content(text, attrs, "the wall will be built")
    assert _span(text, a["cue"]) == "has continued to insist"


def test_cue_takes_a_bare_time_right_after_the_verb(run: Any) -> None:
    text, attrs, _ = _attrs(run, "Trump said Tuesday that the rally would go ahead.")
    a = _by_content(text, attrs, "the rally would go ahead")
    assert _span(text, a["cue"]) == "said Tuesday"
    text, attrs, _ = _attrs(run, "Trump said that the rally would go ahead on Tuesday.")
    a = _by_content(text, attrs, "the rally would go ahead")
    assert _span(text, a["cue"]) == "said"


def test_infinitive_cue_after_an_object_keeps_its_to(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Lopez used a speech in Denver to call for new taxes.\n"
        "The senator continued to insist that the vote was fair.",
    )
    a = _by_content(text, attrs, "new taxes")
    assert _span(text, a["cue"]) == "to call for"
    a = _by_content(text, attrs, "the vote was fair")
    assert _span(text, a["cue"]) == "continued to insist"
