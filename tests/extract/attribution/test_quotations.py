"""Quotations (``attribution.quotations``): next to cues, continuations, kinds, and quotes that
are no attributions.
"""

from __future__ import annotations

from typing import Any

from .helpers import _attrs, _by_content, _span


def test_split_quote_curly_and_continuation(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "French President Emmanuel Macron arrived in Rome on Tuesday.\n"
        "“We will not give up on the deal,” Macron said, “and we expect our partners to "
        "follow.”\n"
        "“The talks will continue next week.”\n"
        "The French president added that Paris would send a delegation.",
    )
    first = _by_content(text, attrs, "give up on the deal")
    second = _by_content(text, attrs, "expect our partners")
    assert _span(text, first["content"]) == "“We will not give up on the deal,”"
    assert _span(text, second["content"]) == "“and we expect our partners to follow.”"
    assert first["kind"] == second["kind"] == "direct"
    assert _span(text, first["cue"]) == "said" and first["cue_lemma"] == "say"
    assert first["speaker"] == second["speaker"] == "person:emmanuel-macron"
    follow = _by_content(text, attrs, "The talks will continue")
    assert follow["resolved_by"] == "continuation" and follow["cue"] is None
    assert follow["speaker"] == "person:emmanuel-macron"
    desc = _by_content(text, attrs, "Paris would send a delegation")
    assert _span(text, desc["source"]) == "The French president"
    assert desc["resolved_by"] == "description" and desc["speaker"] == "person:emmanuel-macron"
    assert desc["speaker_name"] == "Emmanuel Macron"


def test_open_quote_paragraph_straight_marks(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        'Health Minister Ana Silva said: "The vaccine is safe and we have tested it '
        "thoroughly.\n"
        '"We will begin the rollout in March."',
    )
    first = _by_content(text, attrs, "The vaccine is safe")
    # the first paragraph leaves the quote open: its content runs to the paragraph's end
    assert _span(text, first["content"]) == (
        '"The vaccine is safe and we have tested it thoroughly.'
    )
    assert _span(text, first["source"]) == "Health Minister Ana Silva"
    assert first["speaker_name"] == "Ana Silva" and first["resolved_by"] == "explicit"
    second = _by_content(text, attrs, "rollout in March")
    assert second["resolved_by"] == "continuation" and second["speaker"] == first["speaker"]


def test_collapsed_paragraphs_use_quote_marks_and_sentences(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "“Europe needs to fortify its security. And we don’t have much time,” said "
        "Brekelmans. The same message came from Commission chief Ursula von der Leyen at the "
        "European Parliament. “We need a surge in European defense, and we need it now,” she "
        "said. “It is not enough,” she added.",
    )
    assert "\n" not in text
    first = _by_content(text, attrs, "fortify its security")
    assert _span(text, first["content"]).endswith("much time,”")
    assert _span(text, first["source"]) == "Brekelmans"
    surge = _by_content(text, attrs, "surge in European defense")
    assert surge["kind"] == "direct" and surge["resolved_by"] == "pronoun"
    assert surge["speaker_name"] == "Ursula von der Leyen"
    added = _by_content(text, attrs, "It is not enough")
    assert added["speaker"] == surge["speaker"]


def test_quote_inside_quote_is_one_attribution(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, "Mayor Tom Reed said: “They told us ‘the road is closed’ and then they left.”"
    )
    assert len(attrs) == 1
    assert _span(text, attrs[0]["content"]) == (
        "“They told us ‘the road is closed’ and then they left.”"
    )
    assert attrs[0]["kind"] == "direct" and attrs[0]["speaker_name"] == "Tom Reed"


def test_mixed_quote(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, "Senator Maria Lopez said the bill was “a historic step” for rural families."
    )
    (a,) = attrs
    assert a["kind"] == "mixed"
    assert _span(text, a["content"]) == "the bill was “a historic step” for rural families"


def test_titles_nicknames_and_scare_quotes_are_not_attributions(run: Any) -> None:
    _text, attrs, _ = _attrs(
        run,
        'The film "Gone with the Wind" was shown again on Sunday.\n'
        "The striker, nicknamed “The Rocket”, scored twice.\n"
        "The so-called “peace plan” was unveiled in the capital.\n"
        "Her new song 'Blue Night' topped the charts.",
    )
    assert attrs == []


def test_he_added_goes_on_with_the_speaker(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Coach Pedro Alves said the team was ready.\n"
        "Striker Marco Diaz missed training on Monday with a knee injury.\n"
        "“We will fight for every point,” he added.",
    )
    added = _by_content(text, attrs, "fight for every point")
    assert added["speaker_name"] == "Pedro Alves" and added["resolved_by"] == "pronoun"


def test_cue_leading_into_the_next_quote_is_not_the_previous_ones(run: Any) -> None:
    text, attrs, _ = _attrs(
        run, 'The mayor asked, "Why now?" The senator answered, "Because it is time."'
    )
    a = _by_content(text, attrs, "Why now?")
    assert _span(text, a["cue"]) == "asked"
    assert _span(text, a["source"]) == "The mayor"
    b = _by_content(text, attrs, "Because it is time")
    assert _span(text, b["cue"]) == "answered"
    # a quotation split around its cue keeps the cue for both pieces
    text, attrs, _ = _attrs(run, '"We will win," the mayor said, "and soon."')
    assert {_span(text, a["cue"]) for a in attrs} == {"said"}


def test_quote_going_on_after_its_cue_may_hold_a_report(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        '"I was a private citizen back then," the senator added. '
        '"But I opposed the war. I said it would fail."',
    )
    first = _by_content(text, attrs, "a private citizen")
    cont = _by_content(text, attrs, "But I opposed the war")
    assert cont["resolved_by"] == "continuation" and cont["speaker"] == first["speaker"]
    inner = _by_content(text, attrs, "it would fail")
    assert inner["within"] == cont["id"]
    # and its "I" is the one the quotation goes on from
    assert inner["speaker"] == first["speaker"] and inner["resolved_by"] == "pronoun"
    # a quote after a new sentence of the writer's does not go on
    text, attrs, _ = _attrs(
        run,
        '"I was a private citizen back then," the senator added. The hall was quiet. '
        'Later a guest said, "I said it would fail."',
    )
    assert not [a for a in attrs if a["resolved_by"] == "continuation"]


def test_quote_holding_a_report_is_still_a_quote(run: Any) -> None:
    # the parse hangs the inner "cannot say" on the outer "said" as an adverbial clause; the
    # inner report must not hide the quote around it
    text, attrs, _ = _attrs(
        run,
        "Earlier, Jim Hale criticised Ann Lee over the council's silence on the flooding and "
        "urged her to step aside. “If Ann Lee, after all this flooding, still cannot say the "
        "words ‘climate emergency’ she should drop out of the contest for the Senate,” Hale said.",
    )
    outer = _by_content(text, attrs, "after all this flooding")
    assert outer["kind"] == "direct" and outer["speaker"] == "person:jim-hale"
    inner = [x for x in attrs if x.get("within") == outer["id"]]
    assert inner and _span(text, inner[0]["cue"]) == "still cannot say"


def test_parenthetical_cue_takes_the_quote_or_the_report_beside_it(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        "Jim Hale said he had not seen the fight, and when asked whether he was urging the crowd "
        "on, he said, ''I hope not.''\n"
        "Instead, Ms. Ripley said, her boss told her he had booked a room.",
    )
    a = _by_content(text, attrs, "I hope not")
    assert _span(text, a["content"]) == "''I hope not.''" and a["speaker"] == "person:jim-hale"
    a = _by_content(text, attrs, "her boss told her")
    assert _span(text, a["source"]) == "Ms. Ripley"
    inner = _by_content(text, attrs, "booked a room")
    assert _span(text, inner["source"]) == "her boss" and inner["within"] == a["id"]


def test_speech_verb_with_its_own_clause_after_a_closed_quotation(run: Any) -> None:
    text, attrs, _ = _attrs(
        run,
        '"We will rebuild the dam before spring," Ruiz said. "The river will not wait." '
        "The governor said the repairs would cost more than planned.\n\n"
        '"The levee will hold." The engineer said it twice.',
    )
    # the second quotation ends its sentence; "said" after it reports its own clause
    a = _by_content(text, attrs, "The river will not wait")
    assert a["cue"] is None
    assert a["speaker"] == _by_content(text, attrs, "We will rebuild")["speaker"]
    a = _by_content(text, attrs, "the repairs would cost more")
    assert _span(text, a["source"]) == "The governor"
    assert "river" not in text[a["content"][0] : a["content"][1]]
    # "said it": the pronoun points back at the quotation, which stays the engineer's
    a = _by_content(text, attrs, "The levee will hold")
    assert _span(text, a["source"]) == "The engineer"
