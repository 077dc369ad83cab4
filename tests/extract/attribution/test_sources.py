"""Sources (``attribution.sources``): subjects, agents, speech tags, repairs of lost subjects."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from .helpers import _attrs, _by_content, _span


def test_passive_as_clause_takes_its_agent_as_source(run: Any) -> None:
    text, attrs, _ = _attrs(run, "As reported by The Hill, the senator was accused of fraud.")
    a = _by_content(text, attrs, "the senator was accused")
    assert _span(text, a["cue"]) == "reported"
    assert _span(text, a["source"]) == "The Hill"
    # without an agent no one is named
    text, attrs, _ = _attrs(run, "As previously reported, the senator was accused of fraud.")
    assert all(a["source"] is None for a in attrs)


def test_fronted_passive_speech_participle_reports_the_question(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, "Asked about his earlier criticism of the mayor, the senator said they made peace."
    )
    a = _by_content(text, attrs, "his earlier criticism")
    assert _span(text, a["cue"]) == "Asked about"
    assert a["source"] is None
    # a fronted active participle names the basis of the report that follows
    text, attrs, _ = _attrs(run, "Confirming the report, the minister said troops had arrived.")
    assert [_span(text, a["cue"]) for a in attrs] == ["said"]


def test_passive_speech_cue_takes_its_agent_as_source(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, "When asked by a reporter whether the plan was legal, the mayor said yes."
    )
    a = _by_content(text, attrs, "the plan was legal")
    assert _span(text, a["source"]) == "a reporter"
    # without an agent the asker is unknown
    text, attrs, _ = _attrs(run, "When asked whether the plan was legal, the mayor said yes.")
    a = _by_content(text, attrs, "the plan was legal")
    assert a["source"] is None


def test_second_cue_coordinated_into_the_first_cues_content(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator announced that he was undergoing therapy and vowed to focus on his family.",
    )
    a = _by_content(text, attrs, "to focus on his family")
    assert _span(text, a["source"]) == "The senator"
    # coordinated outside a reported clause, the cue keeps the subject of its own clause
    text, attrs, _ = _attrs(
        run, "After the governor resigned and promised to leave politics, his aides wept."
    )
    a = _by_content(text, attrs, "to leave politics")
    assert _span(text, a["source"]) == "the governor"


def test_inverted_speaker_the_parse_misreads(run: Any) -> None:
    # a second subject inside the quote, a speaker parsed as an object, a name as a modifier
    text, attrs, _ = _attrs(
        run,
        '"Everyone who waits, it\'s like a lottery," said Maria Ortiz, who runs a bakery.\n'
        "“Honestly, the bridges should have come first,” added a city engineer.\n"
        '"Quiet night," tweeted ministry spokesman Omar Haddad.',
    )
    a = _by_content(text, attrs, "like a lottery")
    assert _span(text, a["source"]).startswith("Maria Ortiz")
    assert a["speaker"] == "person:maria-ortiz"
    a = _by_content(text, attrs, "the bridges should have come first")
    assert _span(text, a["source"]) == "a city engineer"
    a = _by_content(text, attrs, "Quiet night")
    assert a["speaker"] == "person:omar-haddad"


def test_statement_speaks_for_who_released_it(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The union's lawyer, Dana Reyes, issued a statement confirming that the strike will "
        "end in May.\n"
        "The mayor's office issued a memo that warned of delays.",
    )
    a = _by_content(text, attrs, "the strike will end in May")
    assert a["speaker"] == "person:dana-reyes" and a["status"] == "confirmed"
    # the cue phrase runs from the verb that put the statement out to the reporting word, and
    # "issued" makes no report of its own (its content would be "a statement confirming …")
    assert _span(text, a["cue"]) == "issued a statement confirming"
    assert not [x for x in attrs if _span(text, x["cue"]) == "issued"]
    a = _by_content(text, attrs, "delays")
    assert _span(text, a["source"]) == "The mayor's office"
    assert _span(text, a["cue"]) == "issued a memo that warned of"


def test_object_of_the_governing_verb_does_the_infinitive(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The leak prompted a union leader to accuse the board of secrecy.\n"
        "The senator vowed to block the bill.\n"
        "She's said she will stay in the race until the spring.",
    )
    a = _by_content(text, attrs, "the board of secrecy")
    assert _span(text, a["source"]) == "a union leader"
    a = _by_content(text, attrs, "to block the bill")
    assert _span(text, a["source"]) == "The senator"
    a = _by_content(text, attrs, "she will stay in the race")
    assert _span(text, a["source"]) == "She"


def test_subject_hung_on_a_preposed_phrase(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "After a long night of talks, Mark Olsen, 52, said that a deal was near.\n"
        "In Washington, the plan drew criticism.",
    )
    a = _by_content(text, attrs, "a deal was near")
    assert _span(text, a["source"]) == "Mark Olsen, 52"
    assert a["speaker"] == "person:mark-olsen"


def test_set_off_participle_after_a_report_goes_with_the_reporter(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Dana Okafor said the new plant would close next year, adding that workers had been "
        "warned.\n"
        "“The deal is dead,” Ruiz added, saying the talks had failed.\n"
        "Tom Reyes said his sister walked through the hall urging people to leave.",
    )
    a = _by_content(text, attrs, "workers had been warned")
    assert _span(text, a["source"]) == "Dana Okafor"
    a = _by_content(text, attrs, "the talks had failed")
    assert _span(text, a["source"]) == "Ruiz"
    # not set off by a comma: the participle is part of the reported clause
    a = _by_content(text, attrs, "to leave")
    assert _span(text, a["source"]) == "his sister"


def test_participle_on_a_text_in_a_phrase_speaks_for_its_author(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The Ledger answered in a column arguing that the city was the richest.\n"
        "The mayor repeated her view during a speech urging the council to act.\n"
        "The plan drew support from voters saying taxes were too high.",
    )
    a = _by_content(text, attrs, "the city was the richest")
    assert _span(text, a["source"]) == "The Ledger"
    a = _by_content(text, attrs, "to act")
    assert _span(text, a["source"]) == "The mayor"
    # people, not a text: they say it themselves
    a = _by_content(text, attrs, "taxes were too high")
    assert _span(text, a["source"]) == "voters"


def test_subject_buried_in_a_clause_before_the_cue(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Jill Amos, however, who has no such backing, said that the tally was unfair.\n"
        "Mara Lind warmly thanked the volunteers for their long hours, then says she will seek "
        "another term.\n"
        "She attacked the council's spending plan said it \"won't survive\" the winter.",
    )
    a = _by_content(text, attrs, "the tally was unfair")
    assert _span(text, a["source"]).startswith("Jill Amos")
    assert a["speaker"] == "person:jill-amos"
    a = _by_content(text, attrs, "seek another term")
    assert _span(text, a["source"]) == "Mara Lind"
    # the first verb of the series is a report of its own, not the second one's content
    a = _by_content(text, attrs, "the volunteers")
    assert _span(text, a["cue"]) == "warmly thanked"
    a = _by_content(text, attrs, "won't survive")
    assert _span(text, a["source"]) == "She"
    assert "spending plan" not in _span(text, a["content"])


def test_passive_subject_of_a_coordinated_or_governing_verb(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Local health officials were alarmed by the report and predicted that the clinic "
        "would close.\n\n"
        "The mayor was pressed to explain why the budget had grown.\n\n"
        "The senator was told that the vote would be delayed.",
    )
    a = _by_content(text, attrs, "the clinic would close")
    assert _span(text, a["source"]) == "Local health officials"
    a = _by_content(text, attrs, "the budget had grown")
    assert _span(text, a["source"]) == "The mayor"
    # the cue's own passive subject is the one told, not the teller
    a = _by_content(text, attrs, "the vote would be delayed")
    assert a["source"] is None


def test_series_of_verbs_whose_first_was_parsed_as_a_clause(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Mayor Ruth Glenn summed up the levy as a mistake, denounced its cost and said it "
        "should be scrapped.\n\n"
        "The study suggests a wider gap: when prices rise, younger renters may see it as "
        "advocating for landlords.",
    )
    a = _by_content(text, attrs, "should be scrapped")
    assert _span(text, a["source"]) == "Mayor Ruth Glenn"
    # across a colon the first clause is not the head of a series
    assert not [
        x for x in attrs if _span(text, x["cue"]) == "advocating for" and x["source"] is not None
    ]


def test_it_standing_for_a_clause_is_no_source(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "It is important to note that the levy has never been collected.\n\n"
        "It's hard to see how the plan survives the winter.\n\n"
        "It's been reported that the mayor will resign.\n\n"
        "The question is how hard it will be to deny the council a vote on the levy if "
        "it asks.\n\n"
        "The agency is expanding, and it is ready to announce that its budget will double.",
    )
    for needle in (
        "never been collected",
        "the plan survives",
        "the mayor will resign",
        "a vote on the levy",
    ):
        a = _by_content(text, attrs, needle)
        assert a["source"] is None, needle
    # "ready to announce": the "it" is the agency, which announces
    a = _by_content(text, attrs, "its budget will double")
    assert _span(text, a["source"]) == "it"


def test_set_off_participle_after_a_reported_series_or_noun_clause(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The director rejected the idea that the museum would close, saying attendance had "
        "doubled.\n\n"
        "Ana Ruiz said her brother has backed the levy and would vote for it again, adding that "
        "he trusts the board.\n\n"
        "Ana Ruiz said her brother has backed the levy and spoke at the meeting urging voters "
        "to approve it.",
    )
    a = _by_content(text, attrs, "attendance had doubled")
    assert _span(text, a["source"]) == "The director"
    a = _by_content(text, attrs, "he trusts the board")
    assert _span(text, a["source"]) == "Ana Ruiz"
    # not set off: the participle stays with the clause it hangs on
    a = _by_content(text, attrs, "to approve it")
    assert _span(text, a["source"]) == "her brother"


def test_set_off_participle_on_a_predicate_noun_or_a_chained_report(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The governor was the loudest voice in the room, mocking the budget as a fantasy.\n\n"
        "A union leader said the mayor will have to choose a side, saying that the strike "
        "cannot last.\n\n"
        "Ms. Ortiz met protesters urging the council to resign.",
    )
    a = _by_content(text, attrs, "the budget as a fantasy")
    assert _span(text, a["source"]) == "The governor"
    a = _by_content(text, attrs, "the strike cannot last")
    assert _span(text, a["source"]) == "A union leader"
    # not set off: the participle is the noun's own
    a = _by_content(text, attrs, "to resign")
    assert _span(text, a["source"]) == "protesters"


def test_participle_on_an_occasion_noun_is_the_subject_s(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The senator opened a packed rally blasting the governor for the tax plan.\n\n"
        "The council took turns rebutting the mayor's claims about the budget.\n\n"
        "Ms. Ortiz met protesters urging the council to resign.",
    )
    a = _by_content(text, attrs, "the governor for the tax plan")
    assert _span(text, a["source"]) == "The senator"
    a = _by_content(text, attrs, "the mayor's claims")
    assert _span(text, a["source"]) == "The council"
    # people, not an occasion: the participle is theirs
    a = _by_content(text, attrs, "to resign")
    assert _span(text, a["source"]) == "protesters"


def test_finite_cue_coordinated_into_a_complement_goes_with_the_outer_verb(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The minister forecast that the economy would soon recover and praised the central "
        "bank for its caution.\n\n"
        # (the outer verb is no cue: under a cue the parse's coordination is read by the
        # cue rule, which keeps a series with the outer speaker)
        "Analysts worked out that the mayor would resign and endorse her deputy.",
    )
    a = _by_content(text, attrs, "the central bank")
    assert _span(text, a["source"]) == "The minister"
    # same form as the complement's verb: it belongs to the complement
    a = _by_content(text, attrs, "her deputy")
    assert _span(text, a["source"]) == "the mayor"


def test_separator_line_is_no_speaker(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "“We will finish the bridge this year,” replied Ortiz.\n___.\n2:15 p.m.\n"
        "The council met again on Tuesday.",
    )
    a = _by_content(text, attrs, "finish the bridge")
    assert _span(text, a["source"]) == "Ortiz"


def test_agent_of_a_subjectless_passive_cue_is_its_source(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "As reported by the Daily Ledger, the senator quietly sold his shares last year.\n"
        "When asked by a reporter whether he would run again, the governor laughed.\n"
        "The memo, written by two aides, says the plan failed.",
    )
    a = _by_content(text, attrs, "sold his shares")
    assert _span(text, a["cue"]) == "reported" and _span(text, a["source"]) == "the Daily Ledger"
    a = _by_content(text, attrs, "would run again")
    assert _span(text, a["source"]) == "a reporter"
    # an agent elsewhere in the clause does not replace the cue's own subject
    a = _by_content(text, attrs, "the plan failed")
    assert _span(text, a["source"]).startswith("The memo")


def test_fronted_passive_speech_participle_reports_a_question(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Asked about the vote, the senator shrugged.\n"
        "Citing new polls, the aide said the race was tied.",
    )
    # someone unnamed asked the senator about the vote: no source, and not the senator
    a = _by_content(text, attrs, "the vote")
    assert _span(text, a["cue"]) == "Asked about" and a["source"] is None
    # an active participle before its head still only names the basis of the report
    assert not [x for x in attrs if _span(text, x["content"]) == "new polls"]
    a = _by_content(text, attrs, "the race was tied")
    assert _span(text, a["source"]) == "the aide"


def test_agent_of_a_passive_speech_cue_is_the_source(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Asked by a reporter whether the levy would pass, the mayor said she was confident.\n\n"
        "The senator was warned by aides that the vote would fail.\n\n"
        "The senator was told that the budget would pass.",
    )
    a = _by_content(text, attrs, "the levy would pass")
    assert _span(text, a["source"]) == "a reporter"
    a = _by_content(text, attrs, "the vote would fail")
    assert _span(text, a["source"]) == "aides"
    # no agent: the one told is not the teller
    a = _by_content(text, attrs, "the budget would pass")
    assert a["source"] is None


def test_share_of_people_parsed_as_a_number_is_the_source(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "About 4 in 10 say the council should resign.\n\n"
        "Residents were polled in March, with about three in 10 saying the levy is too high.\n\n"
        "Twice the council said the levy was fair.",
    )
    a = _by_content(text, attrs, "the council should resign")
    assert _span(text, a["source"]) == "About 4 in 10"
    a = _by_content(text, attrs, "the levy is too high")
    assert _span(text, a["source"]) == "about three in 10"
    # a real subject wins
    a = _by_content(text, attrs, "the levy was fair")
    assert _span(text, a["source"]) == "the council"


def test_preposed_phrase_after_a_conjunction_before_the_subject(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "But in a conference call with reporters on Dec. 2, Col. Ana Reyes, a military "
        "spokeswoman in Kabul, said the raid had been planned for weeks.",
    )
    a = _by_content(text, attrs, "the raid had been planned")
    assert _span(text, a["source"]).startswith("Col. Ana Reyes")
    assert "conference call" not in _span(text, a["source"])


def test_speech_tag_inside_the_sentence_names_the_speaker(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Any fair reading of the budget, said Tom Ortiz, an analyst at the institute, would "
        "show a deficit.\n\n"
        "Ms. Lee, who chairs the board, said Tuesday that the levy would pass.",
    )
    a = _by_content(text, attrs, "would show a deficit")
    assert _span(text, a["source"]) == "Tom Ortiz"
    assert "analyst" not in _span(text, a["content"])
    # a date after the cue is no speaker
    a = _by_content(text, attrs, "the levy would pass")
    assert _span(text, a["source"]).startswith("Ms. Lee")


def test_subject_in_an_earlier_paragraph_is_no_source() -> None:
    # a hand-built parse of a run-in line ("Candidates weigh in\nRuiz says cuts hurt."): the
    # parser took the previous line's noun for the subject of "says"

    from newsledger.extract.attribution import sources
    from newsledger.nlp import load_model

    words = ["Candidates", "weigh", "in", "\n", "Ruiz", "says", "cuts", "hurt", "."]
    doc = Doc(
        load_model().vocab,
        words=words,
        spaces=[True, True, False, False, True, True, True, False, False],
        heads=[5, 0, 1, 2, 5, 5, 7, 5, 5],
        deps=["nsubj", "acl", "prt", "dep", "npadvmod", "ROOT", "nsubj", "ccomp", "punct"],
        pos=["NOUN", "VERB", "ADP", "SPACE", "PROPN", "VERB", "NOUN", "VERB", "PUNCT"],
        tags=["NNS", "VBP", "RP", "_SP", "NNP", "VBZ", "NNS", "VBP", "."],
    )
    src, _ = sources._source(doc[5])
    assert src is not None and doc.text[src[0] : src[1]] == "Ruiz"
    # the same subject in the cue's own line stays the source
    src, _ = sources._source(doc[7])
    assert src is not None and doc.text[src[0] : src[1]] == "cuts"


def test_the_one_quoted_as_saying_is_the_source(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The mayor was quoted as saying that the levy would pass.\n\n"
        "“We will win the vote,” Ortiz is quoted as saying.\n\n"
        "The senator was told that the vote would fail.",
    )
    a = _by_content(text, attrs, "the levy would pass")
    assert _span(text, a["source"]) == "The mayor"
    a = _by_content(text, attrs, "We will win the vote")
    assert _span(text, a["source"]) == "Ortiz"
    # other passives keep their subject out: the one told is not the teller
    a = _by_content(text, attrs, "the vote would fail")
    assert a["source"] is None


def test_subject_found_several_clauses_up(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "I had to spend an hour working out how to reply to my cousin without admitting that "
        "his plan was absurd.",
    )
    a = _by_content(text, attrs, "his plan was absurd")
    assert _span(text, a["source"]) == "I"


def test_cue_on_an_adverb_of_the_verb_takes_its_subject(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Instead, the mayor was back to complaining about the budget and promising to cut "
        "taxes.\n\n"
        "It is too soon to say whether the levy will pass.",
    )
    a = _by_content(text, attrs, "to cut taxes")
    assert _span(text, a["source"]) == "the mayor"
    # the "it" of "it is too soon to say" stands for the clause: no source
    a = _by_content(text, attrs, "the levy will pass")
    assert a["source"] is None


def test_for_or_on_phrase_before_an_infinitive_names_its_doer(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "The ruling adds to the pressure on her to explain whether she backs the levy.\n\n"
        "The flood has created an opening for Ruiz to highlight her record on the dam.\n\n"
        "The council members went on Twitter to applaud the decision.",
    )
    a = _by_content(text, attrs, "she backs the levy")
    assert _span(text, a["source"]) == "her"
    a = _by_content(text, attrs, "her record")
    assert _span(text, a["source"]) == "Ruiz"
    # a place to speak, not a speaker
    a = _by_content(text, attrs, "the decision")
    assert _span(text, a["source"]) == "The council members"
