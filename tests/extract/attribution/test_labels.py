"""Headlines, transcript labels, kickers and colon leads (``attribution.labels``)."""

from __future__ import annotations

from typing import Any

from .helpers import _attrs, _by_content, _span


def test_dash_signed_quote_and_transcript_labels(run: Any) -> None:
    text, attrs, actors = _attrs(
        run,
        "Readers sent us their views.\n"
        "“The new bridge scares me. Its cables look far too thin.” ― Maria Lindqvist\n"
        "MODERATOR: Would you compare the two plans side by side?\n"
        "KOVAC: Well, the real question is who pays for them.",
    )
    signed = _by_content(text, attrs, "The new bridge scares me")
    assert signed["kind"] == "direct" and _span(text, signed["cue"]) == "―"
    assert _span(text, signed["source"]) == "Maria Lindqvist"
    label = _by_content(text, attrs, "the real question is who pays")
    assert _span(text, label["cue"]) == ":" and _span(text, label["source"]) == "KOVAC"
    assert label["speaker"] == "person:kovac" and actors["person:kovac"]["name"] == "Kovac"
    # the label's own line only: the question before is the moderator's
    asked = _by_content(text, attrs, "compare the two plans")
    assert asked["speaker"] == "person:moderator"


def test_speech_cue_ending_a_paragraph_with_a_colon_reports_the_next(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "In her column on Sunday, the critic writes:\n"
        "The budget leaves out every program that matters to rural voters.",
    )
    a = _by_content(text, attrs, "leaves out every program")
    assert _span(text, a["cue"]) == "writes:"
    assert _span(text, a["source"]) == "the critic"
    assert (
        _span(text, a["content"])
        == "The budget leaves out every program that matters to rural voters"
    )
    # a verb that is no speech cue introduces nothing
    text, attrs, _ = _attrs(
        run, "The senator walked to the podium:\nThe crowd fell silent as she began."
    )
    assert not attrs


def test_headline_with_two_joined_reports(run: Any) -> None:
    text, attrs, _ = _attrs(run, "Council Chief Backs Mayor And Denounces Flood Plan.")
    a = _by_content(text, attrs, "Mayor")
    assert _span(text, a["cue"]) == "Backs" and _span(text, a["content"]) == "Mayor"
    b = _by_content(text, attrs, "Flood Plan")
    assert _span(text, b["cue"]) == "Denounces"
    assert _span(text, b["source"]) == "Council Chief"
    # "And" before a noun joins objects, not reports
    text, attrs, _ = _attrs(run, "Council Chief Backs Mayor And Flood Plan Supporters.")
    assert [_span(text, a["content"]) for a in attrs] == ["Mayor And Flood Plan Supporters"]


def test_headline_kicker_names_no_speaker(run: Any) -> None:
    text, attrs, _ = _attrs(run, "Breaking: Federal Judge Orders Release Of Council Records.")
    assert not [a for a in attrs if _span(text, a["cue"]) == ":"]
    a = _by_content(text, attrs, "Council Records")
    assert _span(text, a["source"]) == "Federal Judge"
    # a name before the colon does speak
    text, attrs, _ = _attrs(run, "Mayor Ana Ruiz: We will rebuild the bridge by May.")
    a = _by_content(text, attrs, "rebuild the bridge")
    assert _span(text, a["source"]) == "Mayor Ana Ruiz"


def test_colon_lines_that_list_names_or_addresses_are_no_reports(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Panel: Ana Ruiz, Ben Ode, Carla Diaz, Dev Patel, Eli Stone.\n"
        "Contact: desk@example.org.\n"
        "Ruiz: We will not stop until the river is clean.",
    )
    assert not [x for x in attrs if "Ben Ode" in _span(text, x["content"])]
    assert not [x for x in attrs if "example.org" in _span(text, x["content"])]
    a = _by_content(text, attrs, "river is clean")
    assert _span(text, a["source"]) == "Ruiz"


def test_label_over_a_sourced_headline_is_no_speaker(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Latest Updates: Mayor says the river is clean.\n"
        "Ruiz: We will not stop until the river is clean.",
    )
    says = [x for x in attrs if x["cue"] and _span(text, x["cue"]) == "says"]
    assert says and _span(text, says[0]["source"]) == "Mayor" and says[0]["within"] is None
    assert not [x for x in attrs if _span(text, x["cue"]) == ":" and x["content"][0] < 20]


def test_title_case_headline_reports(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "City Council Chief Praises Mayor's Flood Plan\n"
        "The Mayor Denies Any Wrongdoing In Bridge Deal\n"
        "Small Towns Brace For Floods As Rivers Rise\n"
        "The praise came on Monday.",
    )
    a = _by_content(text, attrs, "Flood Plan")
    assert _span(text, a["cue"]) == "Praises" and _span(text, a["source"]) == "City Council Chief"
    a = _by_content(text, attrs, "Any Wrongdoing")
    assert a["status"] == "denied" and _span(text, a["source"]) == "The Mayor"
    # "Brace" is no cue: a headline without one reports nothing
    assert not [x for x in attrs if "Floods" in _span(text, x["content"])]


def test_correction_and_editors_note_labels_name_no_speaker(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The council voted on Monday to rebuild the dam.\n\n"
        "RUIZ: We will rebuild the dam before the spring floods.\n\n"
        "Correction: An earlier version of this story misstated the cost of the dam.\n\n"
        "Editor's note: The reporter's spouse works for the council.",
    )
    # a newsroom note is the outlet's own text, not a label over someone's words
    assert not any(_span(text, a["source"]) in ("Correction", "Editor's note") for a in attrs)
    # a speaker label still heads what was said
    a = _by_content(text, attrs, "We will rebuild the dam")
    assert _span(text, a["source"]) == "RUIZ"
