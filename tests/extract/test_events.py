"""Tests for the PLOVER event extractor, on the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from newsledger.evaluate import score_events

PUB = "2024-10-28"


def _events(
    run: Any, text: str, published: str | None = PUB
) -> tuple[str, list[dict[str, Any]], dict]:
    doc, layers = run(text, published=published)
    return doc.text, layers.get("event", []), layers


def _no_act_then_act(run: Any, other: str, act: str, event: str) -> None:
    """``other`` yields no ``event``; ``act``, the same words as an act, yields one."""
    _t, events, _l = _events(run, other)
    assert event not in {e["event"] for e in events}, events
    _t, events, _l = _events(run, act)
    _one(events, event)


def _one(events: list[dict[str, Any]], event: str) -> dict[str, Any]:
    hits = [e for e in events if e["event"] == event]
    assert hits, f"no {event} event in {[(e['event'], e['actor'], e['recipient']) for e in events]}"
    return hits[0]


# --------------------------------------------------------------------------- seed article


def test_seed_required_events_found(seed: Any, seed_layers: Any) -> None:
    art, gold = seed
    counts = score_events(seed_layers, gold, art.text)
    # type + actor + recipient agree (names via the actor records) for >= 80% of required events
    assert counts.gold == 9
    assert counts.correct / counts.gold >= 0.8, counts


def test_seed_events_are_well_formed(seed: Any, seed_layers: Any) -> None:
    art, _gold = seed
    events = seed_layers["event"]
    actor_ids = {a["id"] for a in seed_layers["actor"]}
    time_ids = {t["id"] for t in seed_layers.get("time", [])}
    att_ids = {a["id"] for a in seed_layers.get("attribution", [])}
    assert [e["id"] for e in events] == [f"v{i}" for i in range(1, len(events) + 1)]
    for e in events:
        s, t = e["span"]
        assert e["sentence"][0] <= s < t <= e["sentence"][1]
        assert "\n" not in art.text[e["sentence"][0] : e["sentence"][1]]
        assert set(e["actor"]) | set(e["recipient"]) <= actor_ids
        assert len(e["actor_sector"]) == len(e["actor"]) == len(e["actor_code"])
        assert len(e["recipient_sector"]) == len(e["recipient"]) == len(e["recipient_code"])
        assert e["time"] is None or e["time"] in time_ids
        assert (e["attribution"] is None) == (e["status"] == "stated") or e[
            "attribution"
        ] in att_ids
        assert e["aux"] in (None, "future", "hypothetical", "negated")


def test_seed_first_event_is_confirmed_mobilisation_in_kursk(seed: Any, seed_layers: Any) -> None:
    art, _gold = seed
    first_para = art.text.split("\n")[0]
    ev = next(e for e in seed_layers["event"] if e["span"][1] <= len(first_para))
    assert ev["event"] == "MOBILIZE" and ev["mode"] == "troops"
    assert ev["actor"] == ["country:PRK"] and ev["recipient"] == ["country:RUS"]
    assert ev["status"] == "confirmed" and ev["attribution"] is not None
    assert ev["location"]["name"].startswith("Kursk") and ev["location"]["country"] == "RUS"


# --------------------------------------------------------------------------- types and roles


def test_passive_mobilisation_takes_actor_from_national_modifier(run: Any) -> None:
    _t, events, _l = _events(run, "North Korean troops have been sent to Russia.")
    ev = _one(events, "MOBILIZE")
    assert ev["mode"] == "troops"
    assert ev["actor"] == ["country:PRK"] and ev["recipient"] == ["country:RUS"]
    assert ev["actor_sector"] == ["MIL"]


def test_call_on_with_compound_recipient(run: Any) -> None:
    _t, events, _l = _events(run, "Nato calls on Russia and North Korea to cease these actions.")
    ev = _one(events, "REQUEST")
    assert ev["actor"] == ["org:nato"]
    assert set(ev["recipient"]) == {"country:RUS", "country:PRK"}
    # the demanded action is the topic of the request, not a separate event
    assert len(events) == 1


def test_relative_clause_antecedent_is_the_actor(run: Any) -> None:
    text = "Russia sought help from Iran, which has supplied drones and ballistic missiles."
    _t, events, _l = _events(run, text)
    aid = _one(events, "AID")
    assert aid["mode"] == "military"
    assert aid["actor"] == ["country:IRN"] and aid["recipient"] == ["country:RUS"]


def test_passive_assault_with_agent_and_instrument_mode(run: Any) -> None:
    text = "A refugee camp in Burundi was attacked by Burundian militiamen armed with machetes."
    _t, events, _l = _events(run, text)
    ev = _one(events, "ASSAULT")
    assert "country:BDI" in ev["actor"]
    assert ev["mode"] == "primitive"


def test_sectors_and_location(run: Any) -> None:
    text = "Israeli troops detained more than 30 Palestinians in Hebron on Sunday."
    _t, events, layers = _events(run, text)
    ev = _one(events, "COERCE")
    assert ev["mode"] == "arrest"
    assert ev["actor"] == ["country:ISR"] and ev["actor_sector"] == ["MIL"]
    assert ev["recipient"] == ["country:PSE"]
    assert ev["location"]["name"] == "Hebron" and ev["location"]["country"] == "PSE"
    assert ev["time"] == layers["time"][0]["id"]


def test_possessed_leader_phrase_codes_the_state(run: Any) -> None:
    _t, events, _l = _events(run, "Putin's men have taken back half of Kursk territory.")
    ev = _one(events, "ASSAULT")
    assert "country:RUS" in ev["actor"]
    assert ev["actor_sector"][ev["actor"].index("country:RUS")] == "MIL"


# --------------------------------------------------------------------------- modality


def test_negated_and_unable_events_are_not_emitted(run: Any) -> None:
    """PLOVER: negated events can be excluded; an event coder keeps none (precision sample)."""
    _t, events, _l = _events(run, "So far Russian troops have been unable to dislodge them.")
    assert not [e for e in events if e["event"] == "ASSAULT"]
    _t, events, _l = _events(run, "Russian troops did not attack Kyiv on Monday.")
    assert not [e for e in events if e["event"] == "ASSAULT"]
    _t, events, _l = _events(run, "Russian troops attacked Kyiv on Monday.")
    assert _one(events, "ASSAULT")["aux"] is None


def test_future_aid_is_agree_and_conditional_force_is_threaten(run: Any) -> None:
    _t, events, _l = _events(run, "France will provide military aid to Ukraine.")
    ev = _one(events, "AGREE")
    assert ev["actor"] == ["country:FRA"] and ev["recipient"] == ["country:UKR"]
    text = "Iran threatened to launch a new offensive unless Iraq accepted its conditions."
    _t, events, _l = _events(run, text)
    assert _one(events, "THREATEN")["actor"] == ["country:IRN"]
    assert not [e for e in events if e["event"] == "ASSAULT"]


def test_hypothetical_arrival_is_not_asserted(run: Any) -> None:
    _t, events, _l = _events(run, "North Korean soldiers could fight alongside Russian troops.")
    assert all(e["aux"] == "hypothetical" for e in events if e["event"] == "ASSAULT")


def test_refusal_to_accept(run: Any) -> None:
    _t, events, _l = _events(run, "Jordan says it will not accept any new asylum requests.")
    ev = _one(events, "REJECT")
    assert ev["actor"] == ["country:JOR"]


# --------------------------------------------------------------------------- status


def test_event_inside_attribution_takes_its_status(run: Any) -> None:
    text = "Nato has confirmed that North Korean troops were sent to Russia."
    _t, events, layers = _events(run, text)
    ev = _one(events, "MOBILIZE")
    att = [a for a in layers["attribution"] if a["id"] == ev["attribution"]]
    assert att and ev["status"] == att[0]["status"] == "confirmed"
    _t, events, _l = _events(run, "North Korean troops were sent to Russia.")
    ev = _one(events, "MOBILIZE")
    assert ev["status"] == "stated" and ev["attribution"] is None


# --------------------------------------------------------------------------- negatives


@pytest.mark.parametrize(
    "text",
    [
        "The company reported higher profits on Tuesday.",
        "The weather in Kyiv was mild and sunny this week.",
        "Audio shows Russian soldiers talking about the Korean troops.",
        "She released a statement on Friday.",
        "Apple released a new iPhone on Tuesday.",
        "The striker scored twice as Brazil beat Argentina 2-1.",
        "The company will hold its annual meeting in June.",
        "Beijing seized the opportunity to expand trade.",
        "The opposition leader withdrew his candidacy.",
    ],
)
def test_no_event_without_a_political_trigger(run: Any, text: str) -> None:
    _t, events, _l = _events(run, text)
    assert events == []


def test_person_named_jordan_is_not_a_place(run: Any) -> None:
    _t, events, _l = _events(run, "Michael Jordan said Israeli jets bombed the camp.")
    ev = _one(events, "ASSAULT")
    assert ev["actor"] == ["country:ISR"]
    assert ev["location"] is None


# --------------------------------------------------------------------------- manual's distinctions


def test_joint_exercises_are_cooperation_single_country_tests_mobilisation(run: Any) -> None:
    text = "Russian and Chinese warships began joint naval exercises in the Sea of Japan."
    _t, events, _l = _events(run, text)
    ev = _one(events, "COOPERATE")
    assert set(ev["actor"]) == {"country:RUS", "country:CHN"}
    _t, events, _l = _events(run, "North Korea test-fired a ballistic missile into the sea.")
    ev = _one(events, "MOBILIZE")
    assert ev["mode"] == "weapons" and ev["actor"] == ["country:PRK"]
    assert not [e for e in events if e["event"] == "ASSAULT"]


def test_protest_subsumes_its_demand(run: Any) -> None:
    text = "Protesters gathered outside parliament in London, demanding action on climate change."
    _t, events, _l = _events(run, text)
    assert [e["event"] for e in events] == ["PROTEST"]
    assert events[0]["location"]["name"] == "London"


def test_speaker_demand_with_must(run: Any) -> None:
    text = "France said on Thursday that Mali must return a cargo plane seized last month."
    _t, events, _l = _events(run, text)
    ev = _one(events, "REQUEST")
    assert ev["actor"] == ["country:FRA"] and ev["recipient"] == ["country:MLI"]


def test_leader_possessive_regime_is_the_state_government(run: Any) -> None:
    _t, events, _l = _events(run, "Kim Jong-un's regime sent thousands of troops to Russia.")
    ev = _one(events, "MOBILIZE")
    assert "country:PRK" in ev["actor"]
    assert ev["actor_sector"][ev["actor"].index("country:PRK")] == "GOV"
    assert ev["recipient"] == ["country:RUS"]


def test_weapon_named_in_the_clause_sets_the_mode(run: Any) -> None:
    _t, events, _l = _events(run, "Police fired tear gas at demonstrators in Nairobi on Tuesday.")
    ev = _one(events, "ASSAULT")
    assert ev["mode"] == "crowd-control" and ev["actor_sector"] == ["COP"]
    _t, events, _l = _events(run, "Iran seized a British-flagged oil tanker in the Gulf.")
    ev = _one(events, "COERCE")
    assert ev["mode"] == "seize" and ev["actor"] == ["country:IRN"]


# Rules 15-19 of the coder's precision (with rule 4's opinions and rule 10's commentators): a
# disposition, a prospect, a standing state, an activity in general, a generalisation, an
# opinion of a statement or a commentator's word is no act; the same act told as done is one.
# Our own sentences, not the labelled sample's.
@pytest.mark.parametrize(
    ("framed", "done", "event"),
    [
        (
            "Germany is keen on sending more tanks to Ukraine.",
            "Germany sent more tanks to Ukraine.",
            "MOBILIZE",
        ),
        (
            "Officials discussed the possibility of imposing sanctions on Iran.",
            "Officials imposed sanctions on Iran on Monday.",
            "SANCTION",
        ),
        (
            "Iran voiced interest in resuming talks with the United States.",
            "Iran resumed talks with the United States.",
            "CONSULT",
        ),
        (
            "Two tankers are sanctioned by the Treasury as vessels of an Iranian shipping line.",
            "The Treasury sanctioned two Iranian tankers on Monday.",
            "SANCTION",
        ),
        (
            "Kenyan firms have struggled under restrictions imposed by the United States.",
            "The United States imposed restrictions on Kenyan firms on Monday.",
            "COERCE",
        ),
        (
            "Sending troops to Mali is proving costly for France.",
            "France sent troops to Mali.",
            "MOBILIZE",
        ),
        (
            "Kenyan police often arrested protesters in Nairobi.",
            "Kenyan police arrested protesters in Nairobi on Monday.",
            "COERCE",
        ),
        (
            "China agreed with the assessment of the United Nations.",
            "China agreed with the United States to resume talks.",
            "AGREE",
        ),
        (
            "Security analyst John Smith welcomed the ceasefire.",
            "President John Smith welcomed the ceasefire.",
            "SUPPORT",
        ),
    ],
)
def test_prospects_and_standing_states_are_no_acts(
    run: Any, framed: str, done: str, event: str
) -> None:
    _no_act_then_act(run, framed, done, event)


def test_stated_commitment_stays_an_intent(run: Any) -> None:
    _t, events, _l = _events(run, "Ukraine is committed to a ceasefire with Russia.")
    assert _one(events, "AGREE")["actor"] == ["country:UKR"]


def test_attacking_a_policy_is_criticism_not_assault(run: Any) -> None:
    _t, events, _l = _events(run, "Iran attacked the U.S. decision to impose sanctions.")
    assert _one(events, "ACCUSE")["actor"] == ["country:IRN"]
    assert "ASSAULT" not in {e["event"] for e in events}
    _t, events, _l = _events(run, "Russia attacked Ukrainian ports.")
    _one(events, "ASSAULT")


# Rules 20-23 and the media and generic-subject extensions: a prevented act, a metaphor, another
# sense given by the syntax, an assertion, a struggle in general, an interview with an outlet, a
# generic subject are no acts; the act itself is one. Our own sentences.
@pytest.mark.parametrize(
    ("other", "act", "event"),
    [
        (
            "Kenya barred Somali officials from visiting Nairobi.",
            "Somali officials visited Nairobi on Monday.",
            "CONSULT",
        ),
        (
            "The trade war between China and the United States escalated on Monday.",
            "The war between Russia and Ukraine escalated on Monday.",
            "ASSAULT",
        ),
        (
            "India sent ships to demonstrate that it can protect the region.",
            "Thousands of Kenyans demonstrated against the government in Nairobi on Monday.",
            "PROTEST",
        ),
        (
            "China insists it is committed to peace with Taiwan.",
            "China insisted that Japan withdraw its ships.",
            "REQUEST",
        ),
        (
            "Ukrainians are fighting for their freedom.",
            "Ukrainian troops fought Russian forces near Kursk.",
            "ASSAULT",
        ),
        (
            "People are discussing the future of Ukraine.",
            "Blinken discussed the future of Ukraine with Lavrov.",
            "CONSULT",
        ),
        (
            "Blinken told Politico that Iran must release the detainees.",
            "Biden told Netanyahu that Israel must halt the offensive.",
            "REQUEST",
        ),
    ],
)
def test_other_readings_are_no_acts(run: Any, other: str, act: str, event: str) -> None:
    _no_act_then_act(run, other, act, event)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Kenya is friendly and accepting, he said.", "AGREE"),
        ("Iran's Foreign Ministry did not reply to an email requesting comment.", "REQUEST"),
        ("Putin signed a measure extending his term.", "SUPPORT"),
        (
            "The association gathered influencers from 25 countries to attend a camp and visit"
            " Chinese cities.",
            "CONSULT",
        ),
    ],
)
def test_adjectives_boilerplate_law_making_and_purposes_are_no_acts(
    run: Any, text: str, event: str
) -> None:
    _t, events, _l = _events(run, text)
    assert event not in {e["event"] for e in events}, events


def test_telling_someone_to_act_is_a_demand_and_its_content_no_act(run: Any) -> None:
    _t, events, _l = _events(run, "Biden told Netanyahu to halt the offensive.")
    ev = _one(events, "REQUEST")
    assert ev["actor"][-1] == "country:USA" and "country:ISR" in ev["recipient"]
    assert {e["event"] for e in events} == {"REQUEST"}, events
    _t, events, _l = _events(run, "Biden told reporters that Russia attacked Kyiv.")
    assert _one(events, "ASSAULT")["actor"] == ["country:RUS"]
    assert "REQUEST" not in {e["event"] for e in events}


def test_a_prison_sentence_is_coercion_a_conviction_a_sanction(run: Any) -> None:
    # PLOVER manual, COERCE ambiguities: convictions that result in imprisonment are COERCE
    text = "A Russian court sentenced the American journalist to six years in prison."
    _t, events, _l = _events(run, text)
    assert _one(events, "COERCE")["mode"] == "arrest"
    assert "SANCTION" not in {e["event"] for e in events}
    _t, events, _l = _events(run, "A court in Moscow convicted the American journalist.")
    assert _one(events, "SANCTION")["mode"] == "convict"


def test_halting_trade_is_a_sanction(run: Any) -> None:
    _t, events, _l = _events(run, "Russia halted gas exports to Poland on Monday.")
    ev = _one(events, "SANCTION")
    assert ev["mode"] == "discontinue" and ev["recipient"] == ["country:POL"]


def test_a_named_subject_is_not_replaced_by_the_state_of_the_place(run: Any) -> None:
    # the small model misses "Trump" here; the sale's destination must not become its actor
    _t, events, _l = _events(run, "Trump blocked the sale of F-35 jets to Turkey.")
    ev = _one(events, "SANCTION")
    assert "country:TUR" not in ev["actor"] and ev["recipient"] == ["country:TUR"], ev
    _t, events, _l = _events(run, "Militants attacked a passenger train in Pakistan on Tuesday.")
    assert _one(events, "ASSAULT")["actor"] == ["country:PAK"]  # unnamed: coded by the place


@pytest.mark.parametrize(
    ("text", "event", "mode"),
    [
        # civilians blocking roads protest; the state blocking them restricts
        ("Brazilian truckers blockaded highways across the country.", "PROTEST", "obstruct"),
        ("Kenyan farmers blocked the main road to Nairobi.", "PROTEST", "obstruct"),
        # a light verb's event noun beats a class its modifier names ("missile": weapons)
        ("Russia launched a missile attack on Kyiv.", "ASSAULT", None),
        # people described by an agent noun are captives; expelling them is a deportation
        ("Venezuela released the opposition leader on Friday.", "RETREAT", "release"),
        ("Tunisia expelled dozens of migrants to the Libyan border.", "COERCE", "deport"),
        ("Ghana expelled the Nigerian ambassador.", "SANCTION", "expel"),
        # sharing intelligence is cooperation (manual), providing it military aid
        ("Greece and Cyprus shared intelligence on smuggling.", "COOPERATE", None),
        ("Britain provided intelligence to Ukraine.", "AID", "military"),
        # export controls are a trade sanction, a curfew a domestic restriction
        ("Japan tightened export controls on chip materials to South Korea.", "SANCTION", None),
        ("Niger revoked its military cooperation agreement with Russia.", "SANCTION", None),
        ("Taiwan raised the alert level of its missile units.", "MOBILIZE", None),
        ("Uganda suspended the broadcasting licences of three stations.", "COERCE", "censor"),
        ("Serbia dropped its demand that Kosovo dismantle its police units.", "CONCEDE", None),
        ("Nigerian youths took to the streets of Lagos.", "PROTEST", "demo"),
    ],
)
def test_manual_readings_of_objects_and_subjects(
    run: Any, text: str, event: str, mode: str | None
) -> None:
    _t, events, _l = _events(run, text)
    ev = _one(events, event)
    assert mode is None or ev["mode"] == mode, ev


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Police blocked the road to the parliament.", "PROTEST"),  # the state: no protest
        ("The company released a statement on Monday.", "RETREAT"),  # no captive released
        ("The ministry released the figures on Monday.", "RETREAT"),
        ("The bank raised its interest rate.", "MOBILIZE"),  # not an alert
        ("Fans took to the streets after the final.", "PROTEST"),  # nobody named: not coded
    ],
)
def test_object_and_subject_readings_need_their_class(run: Any, text: str, event: str) -> None:
    _t, events, _l = _events(run, text)
    assert event not in {e["event"] for e in events}, events


def test_a_non_exclusive_object_rule_leaves_the_verb_to_the_dictionary(run: Any) -> None:
    from newsledger.extract.event_lexicon import lexicon

    lex = lexicon()
    # "fly" is read with troops or relief by the hand layer, and otherwise by the dictionary
    assert "fly" in lex.verb_object and "fly" not in lex.verb_object_exclusive
    assert "send" in lex.verb_object_exclusive
    _t, events, _l = _events(run, "France flew hundreds of gendarmes to New Caledonia.")
    assert _one(events, "MOBILIZE")["mode"] == "police"


def test_what_a_demand_or_a_threat_asks_for_has_not_happened(run: Any) -> None:
    # a noun's "to" clause is not yet an event ("Turkey's demand to extradite", "the threat to
    # cut"); the act itself, stated, is
    text = "Sweden rejected Turkey's demand to extradite dozens of Kurdish activists."
    _t, events, _l = _events(run, text)
    assert {e["event"] for e in events} == {"REJECT"}, events
    _t, events, _l = _events(run, "Russia's threat to cut gas supplies alarmed Europe.")
    assert "SANCTION" not in {e["event"] for e in events}, events
    _t, events, _l = _events(run, "Sweden extradited two Kurdish activists to Turkey.")
    assert _one(events, "COOPERATE")["actor"] == ["country:SWE"]


# Round 4 (from a fresh development set of political news and blind probe sentences): a question,
# a memory, a pending act, an allegation's content, a stated position, a refusal to speak, a
# rebuttal are no acts; the act of the same verb is one. Our own sentences.
@pytest.mark.parametrize(
    ("other", "act", "event"),
    [
        (
            "A reporter asked Lavrov whether Russia would attend the talks.",
            "Zelensky asked Germany to send more air defense systems.",
            "REQUEST",
        ),
        (
            "Kim Jong Un asked Trump for sanctions relief.",
            "Kim Jong Un asked Trump for sanctions relief.",
            "REQUEST",
        ),
        (
            "The minister recalled his years as ambassador in Moscow.",
            "Poland recalled its ambassador from Minsk on Monday.",
            "SANCTION",
        ),
        (
            "Macron has yet to endorse the European Commission's plan.",
            "Macron endorsed the European Commission's plan on Monday.",
            "SUPPORT",
        ),
        (
            "The senator said she opposes the sale of fighter jets to Turkey.",
            "The Senate rejected the sale of fighter jets to Turkey on Monday.",
            "REJECT",
        ),
        (
            "A Kremlin spokesman declined to comment on the report.",
            "Iran declined to meet the IAEA inspectors on Monday.",
            "REJECT",
        ),
        (
            "Erdogan insisted that Turkey will never give up its claims.",
            "Erdogan insisted that Greece withdraw its troops from the islands.",
            "REQUEST",
        ),
        (
            "Authorities released documents about the 2019 crackdown.",
            "Authorities released 40 political prisoners on Monday.",
            "RETREAT",
        ),
        (
            "Russia denied the attack on the convoy near Kupiansk.",
            "The government denied a request by the opposition to hold a rally.",
            "REJECT",
        ),
        (
            "A resident, who asked not to be named for fear of reprisals, told VOA about the raid.",
            "Zelensky asked Germany to send more air defense systems.",
            "REQUEST",
        ),
        (
            "Recognition is conditioned on the Taliban lifting restrictions on women.",
            "The Taliban lifted restrictions on women on Monday.",
            "CONCEDE",
        ),
        (
            "The security service said it had foiled a plot to seize power in Bishkek.",
            "Rebels seized power in Bishkek on Tuesday.",
            "ASSAULT",
        ),
        (
            "The insurgency in the northeast has killed more than 40,000 people since 2009.",
            "Boko Haram fighters killed 34 villagers in Borno state on Tuesday.",
            "ASSAULT",
        ),
        (
            "The ambassador condemned what he called the root causes of the crisis.",
            "The ambassador called on Israel to halt the offensive.",
            "REQUEST",
        ),
        (
            "A stronger opposition would demand more clarity from the government on Iran.",
            "Iran said it would demand compensation from Britain.",
            "REQUEST",
        ),
        (
            "The council will not hold a vote on whether to endorse the ceasefire plan.",
            "The council endorsed the ceasefire plan on Monday.",
            "SUPPORT",
        ),
        (
            "During an interview with CNN aired on Sunday, Erdogan discussed the Kurdish issue.",
            "Erdogan discussed the Kurdish issue with Putin in Sochi on Sunday.",
            "CONSULT",
        ),
    ],
)
def test_round4_other_readings_are_no_acts(run: Any, other: str, act: str, event: str) -> None:
    if other == act:  # a request that is no question: the act alone
        _one(_events(run, act)[1], event)
        return
    _no_act_then_act(run, other, act, event)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The European Union made a pledge of 2 billion euros to Ukraine.", "AGREE"),
        ("Japan extended a 30 billion yen loan to Sri Lanka on Monday.", "AID"),
        ("Macron had a phone conversation with Pezeshkian on Sunday.", "CONSULT"),
        ("Hungary imposed a veto on the new EU sanctions package on Wednesday.", "REJECT"),
        ("The Israeli military announced a call-up of 30,000 reservists on Sunday.", "MOBILIZE"),
        ("Opposition lawmakers staged a walkout during the prime minister's speech.", "PROTEST"),
        ("The United States and Mexico launched a joint task force on Monday.", "COOPERATE"),
        ("Israel barred two U.S. congresswomen from entering the country.", "REJECT"),
        ("Iran granted IAEA inspectors access to the site on Monday.", "RETREAT"),
        ("Burkina Faso, Mali and Niger withdrew from ECOWAS on Tuesday.", "SANCTION"),
        ("Ukrainian positions came under heavy shelling from Russian forces.", "ASSAULT"),
    ],
)
def test_event_nouns_of_light_verbs(run: Any, text: str, event: str) -> None:
    _t, events, _l = _events(run, text)
    _one(events, event)


def test_one_person_attacking_another_is_criticism(run: Any) -> None:
    text = "Bernie Sanders attacked Hillary Clinton over her Wall Street speeches."
    _t, events, _l = _events(run, text)
    assert "ASSAULT" not in {e["event"] for e in events}, events
    _one(events, "ACCUSE")
    _t, events, _l = _events(run, "Gunmen attacked a police convoy in Kalat on Monday.")
    _one(events, "ASSAULT")


def test_a_light_verb_after_its_noun_keeps_a_nonempty_trigger(run: Any) -> None:
    text, events, _l = _events(
        run, "An offensive launched by Puntland forces this month pushed IS out of its bases."
    )
    assert events and all(e["span"][1] > e["span"][0] for e in events)
    assert any(text[e["span"][0] : e["span"][1]] == "offensive launched" for e in events), events


def test_coming_under_attack_makes_the_subject_the_recipient(run: Any) -> None:
    text = "Ukrainian positions came under heavy shelling from Russian forces."
    _t, events, _l = _events(run, text)
    ev = _one(events, "ASSAULT")
    assert ev["actor"] == ["country:RUS"] and ev["recipient"] == ["country:UKR"], ev


def test_leaving_an_agreement_or_withdrawing_peacekeepers_is_a_sanction(run: Any) -> None:
    for text in (
        "The United States withdrew from the nuclear deal with Iran in 2018.",
        "The United Nations peacekeeping mission completed its withdrawal from Mali in December.",
    ):
        _t, events, _l = _events(run, text)
        assert _one(events, "SANCTION")["mode"] == "withdraw", events
    _t, events, _l = _events(run, "Russian troops withdrew from Kherson on Friday.")
    _one(events, "RETREAT")
