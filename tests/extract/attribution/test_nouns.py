"""Noun and adjective cues (``attribution.nouns``)."""

from __future__ import annotations

from typing import Any

from .helpers import _attrs, _by_content, _span


def test_nominal_cue_with_possessive_source(run: Any) -> None:
    text, attrs, _ = _attrs(run, "Trump's claim that Mexico will pay for the wall was false.")
    a = _by_content(text, attrs, "Mexico will pay")
    assert _span(text, a["cue"]) == "claim"
    assert _span(text, a["source"]) == "Trump"
    assert a["status"] == "claimed"


def test_nominal_cue_needs_a_source(run: Any) -> None:
    # no possessive and no "by"/"from": the writer's own wording, not a report
    text, attrs, _ = _attrs(run, "The claim that Mexico will pay for the wall was false.")
    assert not [a for a in attrs if "Mexico will pay" in text[a["content"][0] : a["content"][1]]]


def test_view_held_by_a_possessor_is_the_cue(run: Any) -> None:
    text, attrs, _ = _attrs(run, "In the senator's view, the tariffs would hurt farmers the most.")
    a = _by_content(text, attrs, "the tariffs would hurt")
    assert _span(text, a["cue"]) == "view"
    assert _span(text, a["source"]) == "the senator"
    # a poll is no one's view: "in" stays the cue and the poll the source
    text, attrs, _ = _attrs(run, "In a new poll, the governor leads the race by nine points.")
    a = _by_content(text, attrs, "the governor leads")
    assert _span(text, a["cue"]) == "In"
    assert _span(text, a["source"]) == "a new poll"


def test_adjectival_cue_on_a_copula(run: Any) -> None:
    text, attrs, _ = _attrs(run, "Mukasey was sharply critical of the email policy.")
    a = _by_content(text, attrs, "the email policy")
    assert _span(text, a["cue"]) == "was sharply critical of"
    assert _span(text, a["source"]) == "Mukasey"
    # an adjective of the writer's, with no clause or object of its own, reports nothing
    text, attrs, _ = _attrs(run, "The senator was critical in the vote on Tuesday.")
    assert not attrs


def test_possessive_pronoun_on_a_nominal_cue_takes_the_clause_subject(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Maria Ruiz stepped up her attacks on the dam plan.\n"
        "The council's criticism of the budget grew louder.",
    )
    a = _by_content(text, attrs, "the dam plan")
    assert _span(text, a["source"]) == "Maria Ruiz" and a["speaker"] == "person:maria-ruiz"
    a = _by_content(text, attrs, "the budget")
    assert _span(text, a["source"]) == "The council"


def test_verb_taking_a_possessed_nominal_cue_is_the_cue(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Maria Ruiz stepped up her attacks on the dam plan.\n\n"
        "The mayor reiterated his claim that the levy was illegal.\n\n"
        "The mayor angered farmers with his comments on the water tax.",
    )
    # a verb that acts on the speaker's own claim: the verb with the noun it acts on
    a = _by_content(text, attrs, "the dam plan")
    assert _span(text, a["cue"]) == "stepped up her attacks on"
    # a speech verb: the verb alone
    a = _by_content(text, attrs, "the levy was illegal")
    assert _span(text, a["cue"]) == "reiterated"
    assert _span(text, a["source"]) == "The mayor"
    # the noun is not the verb's object: the noun is the cue
    a = _by_content(text, attrs, "water tax")
    assert _span(text, a["cue"]) == "comments on"


def test_nominal_cue_clause_past_a_setting_phrase(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "She was challenged over her statement on Wednesday that taxes would rise.\n\n"
        "He made his statement in the town that the flood had ruined.",
    )
    a = _by_content(text, attrs, "taxes would rise")
    assert _span(text, a["cue"]) == "statement"
    assert _span(text, a["source"]) == "her"
    # a relative clause on the setting phrase's noun is no content
    assert not [a for a in attrs if "flood" in text[a["content"][0] : a["content"][1]]]


def test_nominal_cue_as_subject_of_a_copula_with_a_clause(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator's view was that the deal was dead.\n\nThe problem is that the deal is dead.",
    )
    a = _by_content(text, attrs, "the deal was dead")
    assert _span(text, a["cue"]) == "view"
    assert _span(text, a["source"]) == "The senator"
    # a noun that reports nothing
    assert not [a for a in attrs if "is dead" in text[a["content"][0] : a["content"][1]]]


def test_set_off_or_joined_adjectival_cue(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The aides spent Saturday in Iowa, confident that voters would back her.\n\n"
        "Some Democrats are confident in the campaign and openly skeptical about his chances.\n\n"
        "The mayor, still confident in the levy, said nothing.\n\n"
        "Aides cancelled two rallies, wary of tiring the candidate.",
    )
    a = _by_content(text, attrs, "voters would back her")
    assert _span(text, a["cue"]) == "confident"
    assert _span(text, a["source"]) == "The aides"
    a = _by_content(text, attrs, "his chances")
    assert _span(text, a["cue"]) == "openly skeptical about"
    assert _span(text, a["source"]) == "Some Democrats"
    a = _by_content(text, attrs, "the levy")
    assert _span(text, a["cue"]) == "still confident in"
    assert _span(text, a["source"]) == "The mayor"
    # a phrase the parse hangs on the object does not make the object the source
    assert not [
        a
        for a in attrs
        if "tiring" in text[a["content"][0] : a["content"][1]]
        and _span(text, a["source"]) == "two rallies"
    ]


def test_adjectives_of_stance_and_feeling(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Many farmers remain reluctant to back the levy.\n\n"
        "The mayor was clearly unhappy with the budget vote.\n\n"
        "The mayor was angry for a week.",
    )
    a = _by_content(text, attrs, "to back the levy")
    assert _span(text, a["source"]) == "Many farmers"
    a = _by_content(text, attrs, "the budget vote")
    assert _span(text, a["cue"]) == "was clearly unhappy with"
    # a feeling with no object it is about reports nothing
    assert not [a for a in attrs if "week" in text[a["content"][0] : a["content"][1]]]


def test_more_nominal_cues_of_stance(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The agency's estimate that the dam would cost $2 billion drew scorn.\n\n"
        "Her embrace of the tariff plan surprised donors.\n\n"
        "The embrace of the two leaders lasted a minute.",
    )
    a = _by_content(text, attrs, "the dam would cost")
    assert _span(text, a["cue"]) == "estimate"
    assert _span(text, a["source"]) == "The agency"
    a = _by_content(text, attrs, "the tariff plan")
    assert _span(text, a["source"]) == "Her"
    # no possessor and no "by"/"from" phrase: no report
    assert not [a for a in attrs if "two leaders" in text[a["content"][0] : a["content"][1]]]


def test_unsourced_nominal_claim(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The mayor resigned amid allegations that he took bribes.\n\n"
        "The report dismissed the claim that the dam leaked.\n\n"
        "The news that the dam leaked spread fast.",
    )
    a = _by_content(text, attrs, "he took bribes")
    assert _span(text, a["cue"]) == "allegations"
    assert a["source"] is None and a["status"] == "alleged"
    # with a determiner the holder is named elsewhere ("the claim"), and "news" is no claim
    assert not [
        a for a in attrs if _span(text, a["cue"]) in ("claim", "news") and a["source"] is None
    ]


def test_more_frames_on_nominal_cues(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The mayor faced criticism from farmers that the levy was unfair.\n\n"
        "Her view about the levy has not changed.\n\n"
        "The view from the levy is lovely.",
    )
    a = _by_content(text, attrs, "the levy was unfair")
    assert _span(text, a["source"]) == "farmers"
    a = _by_content(text, attrs, "the levy")
    assert _span(text, a["cue"]) == "view about"
    # a view from a place is no stance
    assert not [a for a in attrs if _span(text, a["cue"]) == "view from"]


def test_possessive_on_a_nominal_cue_agrees_with_the_subject_it_stands_for(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "They will heed his call for a strike.\n\nMaria Ruiz stepped up her attacks on the levy.",
    )
    a = _by_content(text, attrs, "a strike")
    assert _span(text, a["source"]) == "his"
    a = _by_content(text, attrs, "the levy")
    assert _span(text, a["source"]) == "Maria Ruiz"


def test_criticism_takes_its_target_after_several_prepositions(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator's criticism over the trade deal grew louder.\n"
        "The criticism over the trade deal grew louder.",
    )
    a = _by_content(text, attrs, "the trade deal")
    assert _span(text, a["cue"]) == "criticism over" and _span(text, a["source"]) == "The senator"
    # a nominal cue needs its source on the noun
    assert len(attrs) == 1


def test_claim_noun_held_by_the_subject_of_a_light_verb(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator raised concerns that the plan would fail.\n\n"
        "The union made the claim that wages had fallen.\n\n"
        "The report dismissed allegations that the vote was rigged.",
    )
    a = _by_content(text, attrs, "the plan would fail")
    assert _span(text, a["source"]) == "The senator"
    assert _span(text, a["cue"]) == "raised concerns"
    a = _by_content(text, attrs, "wages had fallen")
    assert _span(text, a["source"]) == "The union" and a["status"] == "claimed"
    # a verb that answers the claim does not hold it: the report dismisses someone else's
    assert not [x for x in attrs if _span(text, x["cue"]).startswith("dismissed allegations")]
    assert not [
        x
        for x in attrs
        if _span(text, x["content"]) == "the vote was rigged"
        and _span(text, x["source"]) == "The report"
    ]
