"""Reports from verbs (``attribution.verbs``): "according to", polls and views, hearsay and
evidentials.
"""

from __future__ import annotations

from typing import Any

from .helpers import _attrs, _by_content, _span


def test_according_to_and_told_reporters(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The ceasefire collapsed overnight, according to United Nations monitors.\n"
        "Prime Minister Lena Berg told reporters that talks would resume on Friday.",
    )
    acc = _by_content(text, attrs, "ceasefire collapsed")
    assert _span(text, acc["content"]) == "The ceasefire collapsed overnight"
    assert _span(text, acc["cue"]) == "according to" and acc["cue_lemma"] == "according to"
    assert _span(text, acc["source"]) == "United Nations monitors"
    assert acc["status"] == "stated" and acc["kind"] == "indirect"
    told = _by_content(text, attrs, "talks would resume")
    assert _span(text, told["content"]) == "talks would resume on Friday"
    assert told["cue_lemma"] == "tell" and told["speaker_name"] == "Lena Berg"


def test_unsourced_hearsay(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "A convoy was reportedly seen crossing the border at night, alarming residents.\n"
        "A letter, allegedly written by the contractor, was found.",
    )
    seen = _by_content(text, attrs, "crossing the border")
    assert seen["kind"] == "unsourced" and seen["status"] == "reported"
    assert seen["speaker"] is None and seen["source"] is None
    assert _span(text, seen["cue"]) == "reportedly"
    assert "alarming" not in _span(text, seen["content"])
    written = _by_content(text, attrs, "written by the contractor")
    assert written["status"] == "alleged"
    assert _span(text, written["content"]) == "written by the contractor"


def test_passive_stance_takes_its_agent_as_source(run: Any) -> None:
    text, attrs, _ = _attrs(run, "The tax plan was criticized by Democrats on Monday.")
    a = _by_content(text, attrs, "The tax plan")
    assert _span(text, a["source"]) == "Democrats"
    # the addressee of a passive "was told" is not the source
    text, attrs, _ = _attrs(run, "Trump was told that the rally had been cancelled.")
    a = _by_content(text, attrs, "the rally had been cancelled")
    assert a["source"] is None


def test_unsourced_expectation_and_appearance(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The merger is expected to close before the end of the year.\n"
        "The ceasefire appeared to hold on Sunday.\n"
        "Analysts expect the merger to close in June.\n"
        "He appeared on state television on Sunday.",
    )
    a = _by_content(text, attrs, "to close before the end of the year")
    assert a["kind"] == "unsourced" and a["status"] == "possible" and a["source"] is None
    assert _span(text, a["content"]).startswith("The merger is expected")
    assert _span(text, a["cue"]) == "is expected"
    a = _by_content(text, attrs, "to hold on Sunday")
    assert a["kind"] == "unsourced" and a["status"] == "possible"
    assert _span(text, a["content"]) == "The ceasefire appeared to hold on Sunday"
    # with a named holder it is that holder's expectation, and appearing on TV is no report
    a = _by_content(text, attrs, "to close in June")
    assert _span(text, a["source"]) == "Analysts"
    assert not any("state television" in text[x["content"][0] : x["content"][1]] for x in attrs)


def test_report_inside_a_relative_clause(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The rule, which officials said will take effect in May, bans plastic bags.\n"
        "The measure, which critics said was unfair to older voters, passed easily.\n"
        "Asked whether the dam should stay, 46 percent of residents said yes.\n"
        "Lopez called for the governor to resign.",
    )
    a = _by_content(text, attrs, "take effect in May")
    assert _span(text, a["content"]) == "will take effect in May"
    assert _span(text, a["source"]) == "officials"
    a = _by_content(text, attrs, "unfair to older voters")
    # the relative clause closes at its comma: "passed easily" is the writer's, not the critics'
    assert "passed" not in _span(text, a["content"])
    assert not [x for x in attrs if "passed easily" in _span(text, x["content"])]
    a = _by_content(text, attrs, "yes")
    assert _span(text, a["content"]) == "yes"
    a = _by_content(text, attrs, "the governor to resign")
    assert _span(text, a["cue"]) == "called for" and _span(text, a["source"]) == "Lopez"
    assert _span(text, a["content"]) == "the governor to resign"


def test_agentless_passive_reports_are_unsourced(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The colonel is said to have fled to the border.\n"
        "The governor is widely seen as a moderate.\n"
        "Two men were accused of setting the fire.\n"
        "The driver was seen near the station.\n"
        "The mayor was accused by the council of hiding the report.",
    )
    a = _by_content(text, attrs, "fled to the border")
    assert a["kind"] == "unsourced" and a["status"] == "reported"
    assert _span(text, a["cue"]) == "is said" and a["source"] is None
    a = _by_content(text, attrs, "a moderate")
    assert a["status"] == "possible" and _span(text, a["cue"]) == "is widely seen as"
    a = _by_content(text, attrs, "setting the fire")
    assert a["kind"] == "unsourced" and a["status"] == "alleged"
    # seeing someone is no report; with a "by" agent the accusation has a source
    assert not [x for x in attrs if "near the station" in _span(text, x["content"])]
    a = _by_content(text, attrs, "The mayor")
    assert a["kind"] != "unsourced" and _span(text, a["source"]) == "the council"
    assert a["status"] == "alleged"


def test_claims_taken_from_a_poll_or_a_view(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "In a new county poll released Monday, the mayor led her rival by 9 points.\n"
        "The mayor continues to lead in the polls.\n"
        "In her view, the plan failed because nobody paid for it.\n"
        "While she trails in the polls, the senator has raised more money.\n"
        "The birds arrived in large numbers.",
    )
    a = _by_content(text, attrs, "led her rival by 9 points")
    assert _span(text, a["cue"]) == "In"
    assert _span(text, a["source"]) == "a new county poll released Monday"
    a = _by_content(text, attrs, "continues to lead")
    assert _span(text, a["content"]) == "The mayor continues to lead"
    assert _span(text, a["source"]) == "the polls"
    a = _by_content(text, attrs, "nobody paid for it")
    assert _span(text, a["source"]) == "her"
    assert _span(text, a["cue"]) == "view"
    # a scene-setting subordinate clause and "in large numbers" report nothing
    assert not [
        x for x in attrs if x["cue_lemma"] == "in" and "trails" in _span(text, x["content"])
    ]
    assert not [x for x in attrs if "birds" in _span(text, x["content"])]


def test_expectation_over_a_cue_that_reports_nothing_itself(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The harvest survey is expected to show a modest rise.\n"
        "The mayor is expected to say that the budget is balanced.",
    )
    # "show" needs a finding as subject to report anything: the expectation is the record
    a = _by_content(text, attrs, "a modest rise")
    assert a["source"] is None and _span(text, a["cue"]) == "is expected"
    assert a["status"] == "possible"
    # a cue that reports on its own keeps its record
    a = _by_content(text, attrs, "the budget is balanced")
    assert _span(text, a["content"]) == "the budget is balanced"


def test_poll_phrase_hung_on_the_object(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The governor has a decisive lead in the polls.\n"
        "The governor has a summer house in the hills.",
    )
    a = _by_content(text, attrs, "a decisive lead")
    assert _span(text, a["cue"]) == "in" and _span(text, a["source"]) == "the polls"
    assert _span(text, a["content"]) == "The governor has a decisive lead"
    assert not [x for x in attrs if "summer house" in _span(text, x["content"])]


def test_relative_or_wh_clause_in_the_polls_reports_nothing(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Ruiz, who is third in the latest polls, stressed her record on the dam.\n\n"
        "When Ortiz began gaining in the polls, his aides relaxed.\n\n"
        "Ortiz leads by nine points in the latest polls.",
    )
    # a clause that describes someone or sets the scene takes nothing from the polls
    assert not any(
        a["cue_lemma"] == "in" and a["content"][0] < text.index("Ortiz leads") for a in attrs
    )
    # a main clause does
    a = _by_content(text, attrs, "Ortiz leads by nine points")
    assert _span(text, a["source"]) == "the latest polls"
