"""Which words are cues: verbs, phrases, light verbs, discourse markers (``attribution.cues``)."""

from __future__ import annotations

from typing import Any

from .helpers import _attrs, _by_content, _span


def test_light_verb_cues(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The minister made it clear that the border would stay closed.\n"
        "The talks are over, as one negotiator put it.\n"
        "And from the auditor Lena Park: “The accounts do not add up.”",
    )
    a = _by_content(text, attrs, "the border would stay closed")
    assert _span(text, a["cue"]) == "made it clear" and _span(text, a["source"]) == "The minister"
    a = _by_content(text, attrs, "The talks are over")
    assert _span(text, a["cue"]) == "put it" and _span(text, a["source"]) == "one negotiator"
    a = _by_content(text, attrs, "do not add up")
    assert a["speaker"] == "person:lena-park" and _span(text, a["cue"]) == ":"


def test_that_said_is_a_discourse_marker(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The clerk read the motion aloud. That said, in effect, the levy would stay.\n\n"
        "Ms. Ortiz spoke next, and she said, in short, that the levy would stay.",
    )
    assert not [x for x in attrs if _span(text, x["source"]) == "That"]
    a = _by_content(text, attrs, "the levy would stay")
    assert _span(text, a["source"]) == "she"


def test_asking_for_something_is_a_request(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The lawyer asked for a sentence of three years.\nShe asked for it.",
    )
    a = _by_content(text, attrs, "a sentence of three years")
    assert _span(text, a["cue"]) == "asked for" and _span(text, a["source"]) == "The lawyer"
    # a bare pronoun says nothing of what was requested
    assert not [x for x in attrs if _span(text, x["content"]) == "it"]


def test_manner_of_speaking_verbs_report_speech(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "“Get out of here!” the guard shouted.\n"
        "Protesters chanted “No justice, no peace” outside the hall.\n"
        "The senator countered that the bill would cost jobs.\n"
        "The fans shouted and cheered all night.",
    )
    a = _by_content(text, attrs, "Get out of here")
    assert _span(text, a["cue"]) == "shouted" and _span(text, a["source"]) == "the guard"
    a = _by_content(text, attrs, "No justice")
    assert _span(text, a["cue"]) == "chanted" and _span(text, a["source"]) == "Protesters"
    a = _by_content(text, attrs, "the bill would cost jobs")
    assert _span(text, a["cue"]) == "countered"
    # shouting with nothing reported is no attribution
    assert not [x for x in attrs if "fans" in (_span(text, x["source"]) or "")]


def test_less_frequent_report_and_stance_verbs(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The governor bemoaned the cuts to school funding.\n"
        "Analysts forecast that prices will fall next year.\n"
        "The mayor retweeted that the road would reopen on Monday.\n"
        "The campaign retweeted it.",
    )
    a = _by_content(text, attrs, "the cuts to school funding")
    assert _span(text, a["cue"]) == "bemoaned" and _span(text, a["source"]) == "The governor"
    a = _by_content(text, attrs, "prices will fall")
    assert _span(text, a["source"]) == "Analysts"
    a = _by_content(text, attrs, "the road would reopen")
    assert _span(text, a["cue"]) == "retweeted"
    # a bare pronoun object says nothing of what was passed on
    assert not [x for x in attrs if _span(text, x["content"]) == "it"]


def test_phrasal_stance_cues(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator sided with the union in the dispute.\n"
        "The mayor brushed off the criticism from the council.\n"
        "The board balked at the cost of the new stadium.\n"
        "The cat sat with the dog on the porch.",
    )
    a = _by_content(text, attrs, "the union")
    assert _span(text, a["cue"]) == "sided with" and _span(text, a["source"]) == "The senator"
    a = _by_content(text, attrs, "the criticism from the council")
    assert _span(text, a["cue"]) == "brushed off"
    a = _by_content(text, attrs, "the cost of the new stadium")
    assert _span(text, a["cue"]) == "balked at"
    assert not [x for x in attrs if "dog" in _span(text, x["content"])]


def test_rare_report_verbs_and_their_lemmas(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator extolled the virtues of the new law.\n"
        "He confessed that he had never read the bill.\n"
        "The coach savaged the referees after the game.",
    )
    # the model lemmatises "extolled" as "extoll": lemmas.tsv puts it right
    a = _by_content(text, attrs, "the virtues of the new law")
    assert _span(text, a["cue"]) == "extolled"
    a = _by_content(text, attrs, "he had never read the bill")
    assert a["status"] == "confirmed" and _span(text, a["source"]) == "He"
    a = _by_content(text, attrs, "the referees")
    assert _span(text, a["cue"]) == "savaged"
    assert not [x for x in attrs if "after the game" in _span(text, x["content"])]


def test_retorts_with_a_particle_parsed_as_an_adverb(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "“That is false,” the senator shot back.\n"
        "The mayor fired back that the claim was absurd.\n"
        "The pilot flew back to the base.",
    )
    a = _by_content(text, attrs, "That is false")
    assert _span(text, a["cue"]) == "shot back" and _span(text, a["source"]) == "the senator"
    a = _by_content(text, attrs, "the claim was absurd")
    assert _span(text, a["cue"]) == "fired back"
    assert not [x for x in attrs if "base" in _span(text, x["content"])]


def test_prepositional_speech_and_stance_cues(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The group campaigned for a higher minimum wage.\n"
        "The lawyer argued for a shorter sentence.\n"
        "Residents complained about the noise from the plant.\n"
        "The team argued for hours.",
    )
    a = _by_content(text, attrs, "a higher minimum wage")
    assert _span(text, a["cue"]) == "campaigned for"
    a = _by_content(text, attrs, "a shorter sentence")
    assert _span(text, a["cue"]) == "argued for" and _span(text, a["source"]) == "The lawyer"
    a = _by_content(text, attrs, "the noise from the plant")
    assert _span(text, a["source"]) == "Residents"
    assert not [x for x in attrs if _span(text, x["content"]) == "hours"]


def test_an_offer_to_act(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator offered to resign over the scandal.\nThe senator tried to resign.",
    )
    a = _by_content(text, attrs, "to resign over the scandal")
    assert _span(text, a["cue"]) == "offered" and _span(text, a["source"]) == "The senator"
    assert len(attrs) == 1


def test_more_cues_with_a_preposition_or_particle(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator lashed out at the press.\n"
        "The governor ruled out a run for president.\n"
        "She wrote about her childhood in Ohio.\n"
        "The two leaders agreed on a new trade framework.",
    )
    a = _by_content(text, attrs, "the press")
    assert _span(text, a["cue"]) == "lashed out at" and _span(text, a["source"]) == "The senator"
    a = _by_content(text, attrs, "a run for president")
    assert _span(text, a["cue"]) == "ruled out"
    a = _by_content(text, attrs, "her childhood in Ohio")
    assert _span(text, a["cue"]) == "wrote about"
    a = _by_content(text, attrs, "a new trade framework")
    assert _span(text, a["source"]) == "The two leaders"


def test_light_verb_with_object_noun_and_preposition(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator took aim at the new tax.\n"
        "The report cast doubt on the official figures.\n"
        "The governor threw his support behind the mayor.\n"
        "He took a job at the bank.",
    )
    a = _by_content(text, attrs, "the new tax")
    assert _span(text, a["cue"]) == "took aim at" and _span(text, a["source"]) == "The senator"
    a = _by_content(text, attrs, "the official figures")
    assert _span(text, a["cue"]) == "cast doubt on"
    a = _by_content(text, attrs, "the mayor")
    assert _span(text, a["cue"]) == "threw his support behind"
    assert not [x for x in attrs if "bank" in _span(text, x["content"])]


def test_more_light_verb_cues(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The mayor took issue with the new budget.\n"
        "The governor made a brief reference to the strike.\n"
        "The minister made no reference to the ship.\n"
        "The coach took credit for the comeback.\n"
        "The chef took a seat at the counter.",
    )
    a = _by_content(text, attrs, "the new budget")
    assert _span(text, a["cue"]) == "took issue with" and _span(text, a["source"]) == "The mayor"
    a = _by_content(text, attrs, "the strike")
    assert _span(text, a["source"]) == "The governor"
    a = _by_content(text, attrs, "the comeback")
    assert _span(text, a["cue"]) == "took credit for"
    assert not [x for x in attrs if "counter" in _span(text, x["content"])]
    # "made no reference to" says nothing was said
    assert not [x for x in attrs if "ship" in _span(text, x["content"])]


def test_welcoming_a_decision_is_a_stance(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Several lawmakers welcomed the court's decision.\nShe welcomed it.",
    )
    a = _by_content(text, attrs, "the court's decision")
    assert _span(text, a["cue"]) == "welcomed" and _span(text, a["source"]) == "Several lawmakers"
    assert not [x for x in attrs if _span(text, x["content"]) == "it"]


def test_stance_cues_with_a_particle_and_an_object(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator called out the company for its hiring practices.\n"
        "The governor played down the risk of a shutdown.\n"
        "The campaign walked back the remark on Monday.\n"
        "The crew played the song down the hall.",
    )
    a = _by_content(text, attrs, "the company for its hiring practices")
    assert _span(text, a["cue"]) == "called out" and _span(text, a["source"]) == "The senator"
    a = _by_content(text, attrs, "the risk of a shutdown")
    assert _span(text, a["cue"]) == "played down"
    a = _by_content(text, attrs, "the remark")
    assert _span(text, a["cue"]) == "walked back"
    assert not [x for x in attrs if "song" in _span(text, x["content"])]
