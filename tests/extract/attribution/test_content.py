"""Content spans (``attribution.content``): complements, set-off reporting clauses, and where
the writer's own words start again.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

from newsledger.extract.attribution.content import _that_clause_astray

from .helpers import _attrs, _by_content, _span


def test_call_with_pronoun_object_and_predicate(run: Any) -> None:
    text, attrs, _ = _attrs(run, "Critics called her a careless manager.")
    a = _by_content(text, attrs, "careless manager")
    assert _span(text, a["content"]) == "her a careless manager"
    assert _span(text, a["source"]) == "Critics"


def test_stance_object(run: Any) -> None:
    text, attrs, _ = _attrs(run, "Senator Jane Doe supported the trade deal on Monday.")
    a = _by_content(text, attrs, "trade deal")
    assert _span(text, a["cue"]) == "supported"


def test_content_stops_before_the_writers_own_clause(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, "Ode said the real culprit is the council, and she railed against the auditors."
    )
    a = _by_content(text, attrs, "the real culprit")
    assert _span(text, a["content"]) == "the real culprit is the council"
    # but "… and that B" is still part of what was said
    text, attrs, _ = _attrs(run, "He said that taxes are high and that spending is low.")
    a = _by_content(text, attrs, "taxes are high")
    assert "spending is low" in _span(text, a["content"])


def test_content_before_its_cue_keeps_its_joined_clauses(run: Any) -> None:
    # the reporting clause comes last: everything before it is the reported sentence
    text, attrs, _ = _attrs(
        run, "The ministry met the film crew, and the talks lasted for hours, officials said."
    )
    a = _by_content(text, attrs, "the film crew")
    assert (
        _span(text, a["content"])
        == "The ministry met the film crew, and the talks lasted for hours"
    )
    # after a cue that comes first, a clause of the writer's joined on is still cut off
    text, attrs, _ = _attrs(
        run, "The governor said the budget was balanced, and she criticized the auditors."
    )
    a = _by_content(text, attrs, "the budget")
    assert _span(text, a["content"]) == "the budget was balanced"


def test_inner_state_joined_on_is_part_of_what_was_said(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, "The senator said the plan was reckless and hoped that voters would reject it."
    )
    a = _by_content(text, attrs, "the plan was reckless")
    assert (
        _span(text, a["content"]) == "the plan was reckless and hoped that voters would reject it"
    )
    # a second speech act or stance joined on is a report of its own
    text, attrs, _ = _attrs(
        run, "The senator said the plan was reckless and criticized the governor for proposing it."
    )
    a = _by_content(text, attrs, "the plan was reckless")
    assert _span(text, a["content"]) == "the plan was reckless"


def test_that_clause_the_parse_hung_on_a_phrase_after_the_cue() -> None:
    # a parse the model sometimes gives: the reported clause as a relative clause of the noun
    # in the phrase between cue and clause
    words = "The governor said on Friday during a news conference that she would sign it .".split()
    heads = [1, 2, 2, 2, 3, 2, 8, 8, 5, 12, 12, 12, 8, 12, 2]
    deps = "det nsubj ROOT prep pobj prep det compound pobj mark nsubj aux relcl dobj punct"
    pos = "DET NOUN VERB ADP PROPN ADP DET NOUN NOUN SCONJ PRON AUX VERB PRON PUNCT"
    lemmas = [w.lower() for w in words]
    lemmas[2] = "say"

    def parsed(words: list[str], lemmas: list[str]) -> Doc:
        vocab = spacy.blank("en").vocab
        return Doc(vocab, words, heads=heads, deps=deps.split(), pos=pos.split(), lemmas=lemmas)

    doc = parsed(words, lemmas)
    clause = _that_clause_astray(doc[2])
    assert clause is not None and clause.i == 12
    # but the clause of a noun that reports ("concerns that …") is that noun's own
    words[8], lemmas[8] = "concerns", "concern"
    doc = parsed(words, lemmas)
    assert _that_clause_astray(doc[2]) is None


def test_as_clause_of_a_speech_cue_reports_the_clause_it_comments_on(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, "The senator met the donors on Tuesday, as The Times reported on Saturday."
    )
    a = _by_content(text, attrs, "met the donors")
    assert _span(text, a["cue"]) == "reported"
    assert _span(text, a["source"]) == "The Times"
    assert _span(text, a["content"]) == "The senator met the donors on Tuesday"
    # with a complement of its own the cue reports that ('as' is 'while')
    text, attrs, _ = _attrs(run, "The governor left the hall, as she urged voters to stay home.")
    assert not [a for a in attrs if "left the hall" in _span(text, a["content"])]


def test_free_relative_object_of_a_stance_cue(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, "The mayor condemned what she called the reckless budget of the council."
    )
    outer = next(a for a in attrs if _span(text, a["cue"]) == "condemned")
    assert _span(text, outer["content"]) == "what she called the reckless budget of the council"
    assert _span(text, outer["source"]) == "The mayor"
    # the naming inside it is part of what the stance is about, not a report of its own
    assert [_span(text, a["cue"]) for a in attrs] == ["condemned"]


def test_subordinate_clause_after_a_set_off_reporting_clause(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, "The plan will fail, the mayor said, because the council voted to cut the budget."
    )
    a = _by_content(text, attrs, "The plan will fail")
    assert _span(text, a["content"]) == "The plan will fail"
    # a main clause after it is the report and the piece before a lead-in
    text, attrs, _ = _attrs(
        run, "But to prevent problems, the mayor said, local officials should be vigilant."
    )
    a = _by_content(text, attrs, "local officials")
    assert _span(text, a["content"]) == "local officials should be vigilant"


def test_findings_show_but_pictures_only_depict(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The latest survey shows the incumbent with a narrow lead in the north.\n"
        "Footage from the scene showed dozens of soldiers near the bridge.",
    )
    a = _by_content(text, attrs, "a narrow lead")
    assert _span(text, a["source"]) == "The latest survey"
    assert not any("dozens of soldiers" in text[x["content"][0] : x["content"][1]] for x in attrs)


def test_writers_gloss_and_topics_are_no_reports(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        '"Everything now depends on Moscow," the envoy said, referring to the Russian '
        "government.\n"
        "The council met on Tuesday to discuss the water shortage.\n"
        "The embassy did not respond to a request for comment.\n"
        "The minister was referring to the 2019 border agreement.\n"
        "The senator referred to the plan as a giveaway.",
    )
    contents = [text[a["content"][0] : a["content"][1]] for a in attrs]
    assert not any("the Russian government" in c for c in contents)
    assert not any("border agreement" in c for c in contents)
    assert not any("water shortage" in c for c in contents)
    assert not any("request for comment" in c for c in contents)
    a = _by_content(text, attrs, "the plan as a giveaway")
    assert _span(text, a["cue"]) == "referred to" and _span(text, a["source"]) == "The senator"


def test_content_ends_before_contrast_and_comment(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Some farmers said the subsidy had come too late, while others said they never "
        "applied.\n"
        "The mayor said she was joking about the tax, which upset several council members.",
    )
    a = _by_content(text, attrs, "the subsidy had come too late")
    assert _span(text, a["content"]) == "the subsidy had come too late"
    a = _by_content(text, attrs, "they never applied")
    assert _span(text, a["source"]) == "others"
    a = _by_content(text, attrs, "she was joking")
    assert _span(text, a["content"]) == "she was joking about the tax"


def test_stance_on_a_person_but_not_on_it(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The union endorsed him on Friday.\nThe ministry criticized it on Friday.\n"
        "The ministry accused it of lying.",
    )
    contents = [text[a["content"][0] : a["content"][1]] for a in attrs]
    assert "him" in contents
    assert "it" not in contents
    assert any(c.startswith("it of lying") for c in contents)


def test_called_object_and_predicate(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        'For that she drew the mayor\'s ire - he called her "weak" and said she had no support.\n'
        'Okafor called it "shameful" and called on leaders to stay calm.\n'
        "Lopez endorsed the mayor, calling him ''a very honest man who cares about the city.''",
    )
    a = _by_content(text, attrs, "weak")
    assert a["cue_lemma"] == "call" and _span(text, a["content"]) == 'her "weak"'
    # the clause before the dash is the writer's, not what he called her
    assert not [x for x in attrs if "drew the mayor" in _span(text, x["content"])]
    a = _by_content(text, attrs, "to stay calm")
    assert _span(text, a["cue"]) == "called on" and _span(text, a["source"]) == "Okafor"
    assert _span(text, a["content"]) == "leaders to stay calm"
    a = _by_content(text, attrs, "a very honest man")
    assert a["cue_lemma"] == "call" and _span(text, a["source"]) == "Lopez"


def test_relative_clause_closing_the_content_is_not_part_of_it(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        'At least six times, Maria Lopez cited "Smith-Jones" policies, which she said had harmed '
        "the economy.\n"
        "The mayor praised the nurses, who worked through the storm.",
    )
    a = _by_content(text, attrs, "Smith-Jones")
    assert _span(text, a["content"]) == '"Smith-Jones" policies'
    a = _by_content(text, attrs, "harmed the economy")
    assert a["cue_lemma"] == "say" and _span(text, a["source"]) == "she"
    a = _by_content(text, attrs, "the nurses")
    assert _span(text, a["content"]) == "the nurses"


def test_gerund_parsed_as_complement_of_a_speech_cue_is_the_content(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Lee said lowering it could bring thousands of jobs to the valley.\n\n"
        "The governor says cut the budget, lower the debt.\n\n"
        "The minister is said to be furious.",
    )
    a = _by_content(text, attrs, "could bring thousands")
    assert _span(text, a["content"]).startswith("lowering it")
    assert _span(text, a["cue"]) == "said"
    a = _by_content(text, attrs, "cut the budget")
    assert _span(text, a["source"]) == "The governor"
    # an infinitive after a passive "said" is still the evidential, not a reported clause
    a = _by_content(text, attrs, "furious")
    assert a["source"] is None


def test_a_finding_found_by_a_study(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The county study found higher rates of asthma near the plant.\n"
        "Two hikers found a wallet near the trail.",
    )
    a = _by_content(text, attrs, "higher rates of asthma")
    assert _span(text, a["cue"]) == "found" and _span(text, a["source"]) == "The county study"
    # finding a wallet is no report: only a study, poll or record "finds" something said
    assert not [x for x in attrs if "wallet" in _span(text, x["content"])]


def test_as_clause_of_a_speech_verb_reports_the_rest_of_the_sentence(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The fund will run dry by June, as one analyst noted on Monday.\n"
        "As she explained, the rules changed in 2019.\n"
        "The crowd cheered as the mayor urged them to vote.\n"
        "The governor smiled as he was declared the winner.",
    )
    a = _by_content(text, attrs, "will run dry")
    assert _span(text, a["cue"]) == "noted" and _span(text, a["source"]) == "one analyst"
    assert "analyst" not in _span(text, a["content"])
    a = _by_content(text, attrs, "the rules changed")
    assert _span(text, a["cue"]) == "explained" and _span(text, a["source"]) == "she"
    # an 'as' clause whose verb has complements of its own tells when, not what was said
    assert not [x for x in attrs if "cheered" in _span(text, x["content"])]
    assert not [x for x in attrs if "smiled" in _span(text, x["content"])]


def test_finite_verb_hung_as_complement_of_a_relative_speech_cue(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The union fought the cuts, which its leaders say hurt workers.\n"
        "The council passed the tax, which critics argue punishes small firms.\n"
        "The actor is said to have left the country.",
    )
    # the parse hangs the reported verb on the cue as a complement and gives the cue the
    # relative pronoun as a second subject: the verb is the content, the speaker the source
    a = _by_content(text, attrs, "hurt workers")
    assert _span(text, a["cue"]) == "say" and _span(text, a["source"]) == "its leaders"
    a = _by_content(text, attrs, "punishes small firms")
    assert _span(text, a["source"]) == "critics"
    # "said to": an infinitive is still the evidential, with no source
    a = _by_content(text, attrs, "left the country")
    assert a["source"] is None


def test_if_clause_after_a_question_verb_is_what_was_asked(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The host asked the mayor if the city would raise taxes.\n"
        "Asked if she had ever been fined, the baker nodded.\n"
        "He said he would have voted no if the bill had passed.",
    )
    a = _by_content(text, attrs, "the city would raise taxes")
    assert _span(text, a["cue"]) == "asked" and _span(text, a["source"]) == "The host"
    assert _span(text, a["content"]).startswith("if the city")
    a = _by_content(text, attrs, "ever been fined")
    assert a["source"] is None
    # after a verb of saying, an "if" clause is a condition, not the content
    assert not [x for x in attrs if _span(text, x["content"]).startswith("if the bill")]


def test_that_clause_after_a_scene_setting_phrase_is_what_was_said(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Jane Doe, a spokeswoman for the council, said in a statement that the security team "
        "would work with the police.\n"
        "The ministry said for the first time that tax records had passed through the "
        "office.\n"
        "The senator responded to the news that the plant would close.",
    )
    a = _by_content(text, attrs, "the security team would work")
    assert _span(text, a["cue"]) == "said in a statement"
    assert _span(text, a["source"]) == "Jane Doe, a spokeswoman for the council"
    a = _by_content(text, attrs, "tax records")
    assert _span(text, a["content"]).startswith("tax records")
    assert _span(text, a["cue"]) == "said for the first time"
    # the clause of "the news that …" is the noun's own, not the senator's words
    assert not [x for x in attrs if _span(text, x["content"]).startswith("the plant would")]


def test_clause_joined_after_a_report_is_the_writers(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The pay is good, but it was the people that kept her at the plant, Ms. Ruiz said.\n"
        "The mayor said taxes would rise, and the council voted against the plan.",
    )
    # content before its cue is not cut at joined clauses
    a = _by_content(text, attrs, "kept her at the plant")
    assert _span(text, a["source"]) == "Ms. Ruiz"
    # with the cue first, the clause joined after the report is the writer's
    a = _by_content(text, attrs, "taxes would rise")
    assert "council" not in _span(text, a["content"])


def test_finding_set_off_after_what_it_found(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Unemployment fell to 4 percent in May, new figures show.\n"
        "The guards opened fire on the crowd, the video shows.",
    )
    a = _by_content(text, attrs, "Unemployment fell")
    assert _span(text, a["cue"]) == "show" and _span(text, a["source"]) == "new figures"
    # a depiction is no finding
    assert not [x for x in attrs if "opened fire" in _span(text, x["content"])]


def test_gerund_object_of_a_stance_verb(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Most senators oppose raising the debt limit.\n"
        "The governor supports cutting the sales tax.\n"
        "The coach kept running the same play.",
    )
    a = _by_content(text, attrs, "raising the debt limit")
    assert _span(text, a["cue"]) == "oppose" and _span(text, a["source"]) == "Most senators"
    a = _by_content(text, attrs, "cutting the sales tax")
    assert _span(text, a["source"]) == "The governor"
    assert not [x for x in attrs if "same play" in _span(text, x["content"])]


def test_as_predicate_hung_on_the_object(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Many voters see the senator as the best choice.\nMany voters see the senator.",
    )
    a = _by_content(text, attrs, "the best choice")
    assert _span(text, a["content"]) == "the senator as the best choice"
    assert _span(text, a["source"]) == "Many voters"
    # seeing someone is no view of them
    assert len([x for x in attrs if _span(text, x["cue"]) == "see"]) == 1


def test_called_object_and_unmarked_predicate(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Still, he called the mayor's long quarrel with the city council unusual.\n"
        "She called her late son her hero.\n"
        "The chairman is even calling major donors himself.",
    )
    a = _by_content(text, attrs, "council unusual")
    assert _span(text, a["content"]) == "the mayor's long quarrel with the city council unusual"
    a = _by_content(text, attrs, "her hero")
    assert _span(text, a["content"]) == "her late son her hero"
    # phoning donors is no naming of them
    assert not [x for x in attrs if "donors" in _span(text, x["content"])]


def test_objects_of_concede_allege_estimate_and_vow(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The company conceded defeat in the bidding war.\n"
        "The lawsuit alleges fraud by the former mayor.\n"
        "Analysts estimate the losses at $2 billion.\n"
        "She conceded it.",
    )
    a = _by_content(text, attrs, "defeat in the bidding war")
    assert a["status"] == "confirmed" and _span(text, a["source"]) == "The company"
    a = _by_content(text, attrs, "fraud by the former mayor")
    assert a["status"] == "alleged"
    a = _by_content(text, attrs, "the losses at $2 billion")
    assert _span(text, a["cue"]) == "estimate"
    assert not [x for x in attrs if _span(text, x["content"]) == "it"]


def test_objects_of_repeat_reiterate_believe_and_charge(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator repeated his promise to cut taxes.\n"
        "Police charged the driver with reckless driving.\n"
        "Many voters believe the allegations against the mayor.\n"
        "She repeated it.\n"
        "Later, the ministry reiterated the assertion.",
    )
    a = _by_content(text, attrs, "his promise to cut taxes")
    assert _span(text, a["cue"]) == "repeated" and _span(text, a["source"]) == "The senator"
    a = _by_content(text, attrs, "the driver with reckless driving")
    assert a["status"] == "alleged" and _span(text, a["source"]) == "Police"
    a = _by_content(text, attrs, "the allegations against the mayor")
    assert _span(text, a["source"]) == "Many voters"
    assert not [x for x in attrs if _span(text, x["content"]) == "it"]
    # an object that only points back at an earlier report says nothing by itself
    assert not [x for x in attrs if "assertion" in _span(text, x["content"])]
