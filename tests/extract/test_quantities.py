"""Quantities extractor: real pipeline, real outputs."""

from __future__ import annotations

from typing import Any

import pytest

from newsledger.extract.quantities import _attribution_for


def _quantities(run, text: str) -> list[dict[str, Any]]:
    _doc, layers = run(text, published="2024-10-28")
    assert "error" not in layers, layers.get("error")
    return layers.get("quantity", [])


def _one(run, text: str) -> dict[str, Any]:
    qs = _quantities(run, text)
    assert len(qs) == 1, [q["text"] for q in qs]
    return qs[0]


def _overlaps(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- the worked example ---------------------------------------------------------------


def test_seed_required_quantities_found_with_value_and_bound(seed, seed_layers):
    _art, gold = seed
    preds = seed_layers.get("quantity", [])
    required = [g for g in gold["quantities"] if not g.get("optional")]
    assert len(required) >= 9
    unit_hits = 0
    for g in required:
        hits = [p for p in preds if _overlaps(p["span"], g["span"])]
        assert len(hits) == 1, (g["text"], [p["text"] for p in hits])
        p = hits[0]
        assert p["value"] == g["value"], (g["text"], p)
        assert p["bound"] in g.get("bound_accept", [g["bound"]]), (g["text"], p["bound"])
        # the counted head noun is right; modifiers may differ ("national ambassadors")
        if p["unit"] and p["unit"].split()[-1] == g["unit"].split()[-1]:
            unit_hits += 1
    assert unit_hits == len(required)


def test_seed_quantities_link_to_the_attribution_that_holds_them(seed_layers):
    atts = {a["id"]: a for a in seed_layers.get("attribution", [])}
    for q in seed_layers.get("quantity", []):
        if q["attribution"] is None:
            assert not any(
                a["content"][0] <= q["span"][0] and q["span"][1] <= a["content"][1]
                for a in atts.values()
            ), q["text"]
        else:
            c = atts[q["attribution"]]["content"]
            assert c[0] <= q["span"][0] and q["span"][1] <= c[1]


def test_seed_records_point_back_into_the_text(seed, seed_layers):
    art, _gold = seed
    for k, q in enumerate(seed_layers.get("quantity", []), start=1):
        assert q["id"] == f"q{k}"
        assert art.text[q["span"][0] : q["span"][1]] == q["text"]


# --- bounds -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("Officials said some 10,000 troops were readied.", 10000, "~"),
        ("A group of nearly 200 defectors volunteered.", 200, "<"),
        ("Over 600,000 soldiers have been killed or wounded.", 600000, ">"),
        ("Iran supplied at least 200 ballistic missiles.", 200, ">="),
        ("The plan covers up to 400 people.", 400, "<="),
        ("The US said around 3,000 troops had been deployed.", 3000, "~"),
        ("It aims to deploy a total of 10,000 soldiers.", 10000, "="),
        ("The company has more than 1,000 customers.", 1000, ">"),
        ("Fewer than 50 families remained in the village.", 50, "<"),
        ("No more than 12 ships may dock there.", 12, "<="),
        ("Roughly 300 residents were evacuated.", 300, "~"),
        ("The vote drew 5,000 people or more.", 5000, ">="),
    ],
)
def test_bounds(run, text, value, bound):
    q = _one(run, text)
    assert q["value"] == value
    assert q["bound"] == bound
    assert q["text"] in text


def test_counted_noun_unit_and_of(run):
    q = _one(run, "Around 3,000 North Korean troops had been deployed to Russia.")
    assert q["unit"] == "troops"
    assert q["of"] == "North Korean troops"
    assert q["text"] == "Around 3,000 North Korean troops"


# --- numbers in words, scales, vague magnitudes ---------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ministry reported 5 million displaced people.", 5_000_000),
        ("The fund holds 1.2 million tonnes of grain.", 1_200_000),
        ("Two dozen journalists were detained.", 24),
        ("Seven European countries signed the pact.", 7),
        ("There were twenty-eight thousand six hundred forty-two students.", 28642),
        ("Some 3 hundred million voters took part.", 300_000_000),
    ],
)
def test_scaled_and_word_numbers(run, text, value):
    assert _one(run, text)["value"] == value


def test_vague_magnitudes_have_no_value_but_a_bracket(run):
    q = _one(run, "Thousands of protesters marched through the capital.")
    assert q["value"] is None
    assert (q["low"], q["high"]) == (1000, 10000)
    assert q["unit"] == "protesters"
    q = _one(run, "Hundreds fled the fighting.")
    assert q["value"] is None and q["low"] == 100


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Between 2,600 and 3,000 soldiers arrived.", 2600, 3000),
        ("An estimated 2,600-3,000 soldiers arrived.", 2600, 3000),
        ("Prices ranged from $500,000 to $1 million.", 500_000, 1_000_000),
        ("The fine could be $3 billion to $5 billion.", 3_000_000_000, 5_000_000_000),
        ("They worked 40 to 50 hours a week.", 40, 50),
        ("It happened over three or four years.", 3, 4),
    ],
)
def test_ranges(run, text, low, high):
    q = _one(run, text)
    assert q["value"] is None
    assert (q["low"], q["high"]) == (low, high)


# --- units: money, percent, measures, durations, ages ---------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The grant was $5 million.", 5_000_000, "USD"),
        ("The deal is worth €3bn.", 3_000_000_000, "EUR"),
        ("Tickets cost £200.", 200, "GBP"),
        ("The bill came to 5 billion dollars.", 5_000_000_000, "USD"),
        ("The fee is Rs 100.", 100, "INR"),
        ("Revenue reached HK$3.7 billion.", 3_700_000_000, "HKD"),
        ("It was sold for 10.5 million Australian dollars.", 10_500_000, "AUD"),
        ("Turnout was 40%.", 40, "percent"),
        ("Turnout was 40 percent.", 40, "percent"),
        ("Turnout was 40 per cent.", 40, "percent"),
        ("The car reaches 155 mph.", 155, "mile per hour"),
        ("The engine makes 640bhp.", 640, "brake horsepower"),
        ("The phone has 256GB of storage.", 256, "gigabyte"),
        ("The vessel is 18 meters deep.", 18, "metre"),
    ],
)
def test_units(run, text, value, unit):
    q = _one(run, text)
    assert q["value"] == value
    assert q["unit"] == unit


def test_durations_and_ages(run):
    q = _one(run, "The ceasefire begins a 30-day pause.")
    assert (q["value"], q["unit"]) == (30, "days")
    q = _one(run, "Ahn, a 69-year-old defector, spoke.")
    assert (q["value"], q["unit"]) == (69, "years")
    q = _one(run, "Talks lasted three months.")
    assert (q["value"], q["unit"]) == (3, "months")


def test_fractions(run):
    q = _one(run, "Russian forces retook half of Kursk territory.")
    assert (q["value"], q["unit"], q["of"]) == (0.5, "fraction", "Kursk territory")
    q = _one(run, "Two-thirds of voters backed the plan.")
    assert q["value"] == pytest.approx(0.6667, abs=1e-3)
    q = _one(run, "Add 1/2 pound of sugar.")
    assert q["value"] == 0.5


def test_percent_of_what(run):
    q = _one(run, "The firm earns 60 per cent of its revenue from ads.")
    assert q["unit"] == "percent"
    assert q["of"] == "revenue"


# --- change -----------------------------------------------------------------------------


def test_change_direction(run):
    qs = _quantities(run, "The Nikkei index climbed 120.5 points to 38,412.20.")
    assert [(q["value"], q["change"]) for q in qs] == [(120.5, "up"), (38412.2, None)]
    qs = _quantities(run, "Shares fell 4.2% on Monday.")
    assert [(q["value"], q["change"]) for q in qs] == [(4.2, "down")]
    qs = _quantities(run, "Revenue rose to $7.36 billion.")
    assert [(q["value"], q["change"]) for q in qs] == [(7_360_000_000, None)]


# --- what is not a quantity -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2024.",
        "Fighting has continued since 1950.",
        "It was the first time since World War Two.",
        "The third attempt failed.",
        "The council passed Resolution 2231 unanimously.",
        "A Boeing 737 landed safely.",
        "Flight MH17 was shot down.",
        "The COVID-19 pandemic hit tourism.",
        "G7 leaders met in Italy.",
        "Ukraine wants more F-16 jets.",
        "Call the office on 202-555-0143 for details.",
        "The meeting starts at 3 p.m. sharp.",
        "The meeting starts at 10:30 sharp.",
        "Voting ends on March 15.",
        "The vote was held on 15 March 2024.",
        "The details are on page 4 of the report.",
        "The rules are in Section 12 of the act.",
        "Arsenal beat Chelsea 2-1 on Saturday.",
        "He watched the Apple Watch 5 launch.",
        "Someone must act, and no one did.",
        "The 9/11 attacks changed everything; the shop is open 24/7.",
        "He served in the 1990s and became the 45th president.",
        "Man City won the 2019-20 season title.",
        "The prime minister returned to 10 Downing Street.",
        "NATO invoked Article 5 and Windows 11 was released.",
        "Reviewers compared the iPhone 11 Pro Max with rivals.",
        "The measure passed 52-48 in the Senate.",
        "The attack happened at 4 a.m. local time (0100 GMT).",
        "Her sons would return one by one to the U.S.",
        "Russia deployed S-400 missile systems and T-90 tanks.",
    ],
)
def test_not_quantities(run, text):
    assert _quantities(run, text) == []


# --- attribution linking ----------------------------------------------------------------


def test_attribution_prefers_the_innermost_content():
    atts = [
        {"id": "a1", "content": [0, 100]},
        {"id": "a2", "content": [10, 50]},
        {"id": "a3", "content": [60, 70]},
    ]
    assert _attribution_for([20, 30], atts) == "a2"
    assert _attribution_for([5, 8], atts) == "a1"
    assert _attribution_for([45, 55], atts) == "a1"
    assert _attribution_for([120, 130], atts) is None
    assert _attribution_for([20, 30], []) is None


def test_ratios_ages_and_restated_changes(run):
    q = _one(run, "Roughly one in five citizens is Arab.")
    assert q["value"] == pytest.approx(0.2)
    assert (q["bound"], q["of"]) == ("~", "citizens")
    q = _one(run, "Minors under the age of 18 were banned.")
    assert (q["value"], q["bound"], q["unit"]) == (18, "<", "years")
    qs = _quantities(run, "Brent crude fell $2.15, or 2.8%, to $74.30 a barrel.")
    assert [(q["value"], q["unit"], q["change"]) for q in qs] == [
        (2.15, "USD", "down"),
        (2.8, "percent", "down"),
        (74.3, "USD per barrel", None),
    ]


def test_money_of_and_conversions(run):
    q = _one(run, "The bill provides $95 billion in aid.")
    assert (q["value"], q["unit"], q["of"]) == (95_000_000_000, "USD", "aid")
    qs = _quantities(run, "The engine makes just under 296 hp (224 kW).")
    assert [(q["value"], q["bound"]) for q in qs] == [(296, "<"), (224, "<")]


def test_quote_marks_are_not_inches(run):
    q = _one(run, 'He said they "killed and injured 1,000" fighters.')
    assert q["value"] == 1000
    assert q["unit"] != "inch"


# --- ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Rescuers believe 150 to 200 people are still trapped.", 150, 200),
        ("Between 40 and 55 families left the camp.", 40, 55),
        ("Officials counted 80-90 boats in the harbour.", 80, 90),
        ("Attendance went from 20 to 30 volunteers a night.", 20, 30),
    ],
)
def test_a_range_has_low_and_high_and_no_value(run, text: str, low: int, high: int) -> None:
    q = _one(run, text)
    assert (q["value"], q["low"], q["high"], q["bound"]) == (None, low, high, "=")


def test_a_range_span_takes_its_opening_word(run) -> None:
    q = _one(run, "Between 40 and 55 families left the camp.")
    assert q["text"].lower().startswith("between 40")


def test_a_one_sided_bound_keeps_its_value_and_no_range(run) -> None:
    q = _one(run, "More than 70 sailors were rescued.")
    assert (q["value"], q["bound"], q["low"], q["high"]) == (70, ">", None, None)


# --- measure: counted, qualifier, happened, negated, measure ------------------------------


def test_counted_is_the_singular_lemma_of_the_counted_noun(run) -> None:
    q = _one(run, "The hospital hired 12 nurses last spring.")
    assert q["counted"] == "nurse"
    assert q["happened"] == "hire"
    assert q["measure"] == "nurses hired"


def test_people_and_demonym_nouns_count_persons(run) -> None:
    q = _one(run, "Police said 45 people were evacuated from the tower.")
    assert (q["counted"], q["happened"], q["measure"]) == ("person", "evacuate", "people evacuated")
    q = _one(run, "Three Canadians were detained near the border crossing.")
    assert q["counted"] == "person"
    assert q["qualifier"] == "country:CAN"


def test_qualifier_from_a_nationality_modifier(run) -> None:
    q = _one(run, "The ministry said 600 Italian engineers were posted abroad.")
    assert q["counted"] == "engineer"
    assert q["qualifier"] == "country:ITA"


def test_qualifier_from_a_from_phrase_and_from_an_owner_verb_subject(run) -> None:
    q = _one(run, "Some 4,000 fighters from Chad were flown to the front.")
    assert (q["counted"], q["qualifier"]) == ("fighter", "country:TCD")
    q = _one(run, "France plans to deploy 2,000 soldiers next year.")
    assert (q["counted"], q["qualifier"], q["happened"]) == ("soldier", "country:FRA", "deploy")


def test_no_qualifier_without_an_actor_on_the_counted_thing(run) -> None:
    q = _one(run, "The storm damaged 300 houses.")
    assert q["qualifier"] is None
    assert q["measure"] == "houses damaged"


def test_happened_through_a_participle_and_a_relative_clause(run) -> None:
    q = _one(run, "Medics reported 19 people injured in the crash.")
    assert (q["counted"], q["happened"]) == ("person", "injure")
    q = _one(run, "The army counted 8 civilians who were wounded.")
    assert q["happened"] == "injure"  # "wounded" is merged with "injured"
    q = _one(run, "The army said 8 civilians who were wounded had been treated.")
    assert q["happened"] == "treat"  # the phrase's own verb comes before its clause


def test_happened_from_a_death_toll_and_a_bare_number(run) -> None:
    q = _one(run, "The death toll from the landslide rose to 57.")
    assert (q["value"], q["counted"], q["happened"], q["measure"]) == (
        57,
        "person",
        "kill",
        "people killed",
    )
    q = _one(run, "At least 14 died when the ferry sank.")
    assert (q["counted"], q["happened"]) == ("person", "kill")


def test_happened_from_a_noun_that_governs_the_number(run) -> None:
    q = _one(run, "Officials confirmed the deaths of 26 miners.")
    assert (q["counted"], q["happened"]) == ("miner", "kill")


def test_a_verb_with_its_object_and_members_of_a_counted_group(run) -> None:
    qs = _quantities(run, "Officials said 40 people, including 12 nurses, lost their lives.")
    assert [(q["value"], q["counted"], q["happened"]) for q in qs] == [
        (40, "person", "kill"),
        (12, "nurse", "kill"),
    ]


def test_light_and_report_verbs_are_no_measure(run) -> None:
    q = _one(run, "The factory has 350 workers.")
    assert q["happened"] is None
    assert q["measure"] == "workers"
    q = _one(run, "The mayor said 80 buses run at night.")
    assert q["happened"] == "run"  # what the buses do, not what the mayor said


def test_a_number_reached_through_a_preposition_is_a_circumstance(run) -> None:
    q = next(q for q in _quantities(run, "Two guards were hurt in 5 raids.") if q["value"] == 5)
    assert q["happened"] is None


def test_negated_governor(run) -> None:
    q = _one(run, "The raid did not free 30 captives, the police admitted.")
    assert (q["happened"], q["negated"]) == ("free", True)
    q = _one(run, "The raid freed 30 captives, the police admitted.")
    assert (q["happened"], q["negated"]) == ("free", False)


# --- measure: place and time ---------------------------------------------------------------


def test_place_from_a_locative_phrase(run) -> None:
    q = _one(run, "Gunmen killed 11 villagers in Niger.")
    assert q["place"] == "country:NER"
    q = _one(run, "The agency said 90 migrants were stranded in Tripoli.")
    assert q["place"] == "Tripoli"
    q = _one(run, "The agency said 90 migrants were stranded.")
    assert q["place"] is None


def test_place_of_a_movement_verb_is_its_destination(run) -> None:
    q = _one(run, "Spain sent 150 firefighters to Portugal.")
    assert (q["happened"], q["place"], q["qualifier"]) == ("send", "country:PRT", "country:ESP")


def test_time_is_the_time_record_of_the_same_clause(run) -> None:
    _doc, layers = run("On Thursday, 70 students were arrested.", published="2024-10-28")
    (q,) = layers["quantity"]
    (t,) = layers["time"]
    assert q["time"] == t["id"]
    _doc, layers = run(
        "Rebels freed 17 hostages who had been held since March.", published="2024-10-28"
    )
    (q,) = layers["quantity"]
    assert layers["time"] and q["time"] is None  # "since March" dates the holding


# --- not a measure -------------------------------------------------------------------------


def test_years_ordinals_and_one_of_count_nothing(run) -> None:
    assert _quantities(run, "The bridge opened in 1987.") == []
    assert _quantities(run, "It was the fourth flood this decade.") == []
    for q in _quantities(run, "He is one of the founders of the party."):
        assert q["counted"] is None and q["measure"] is None


def test_a_percentage_or_a_duration_counts_nothing(run) -> None:
    q = _one(run, "Turnout was 61 percent.")
    assert (q["counted"], q["measure"], q["qualifier"]) == (None, None, None)
    q = _one(run, "The talks lasted 9 hours.")
    assert (q["counted"], q["happened"], q["measure"]) == (None, None, None)


def test_money_counts_its_currency(run) -> None:
    q = _one(run, "The donors pledged $40 million for the camps.")
    assert q["counted"] == "usd"
    assert q["measure"] == "usd pledged"


# --- word forms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lemma", "plural"),
    [("person", "people"), ("troop", "troops"), ("casualty", "casualties"), ("bus", "buses")],
)
def test_plural(lemma: str, plural: str) -> None:
    from newsledger.extract.quantities.measure import plural as make_plural

    assert make_plural(lemma) == plural


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("kill", "killed"),
        ("send", "sent"),
        ("free", "freed"),
        ("stop", "stopped"),
        ("ready", "readied"),
    ],
)
def test_participle(lemma: str, form: str) -> None:
    from newsledger.extract.quantities.measure import participle

    assert participle(lemma) == form


# --- the seed: one series of North Korean troops ------------------------------------------


def test_seed_troop_figures_share_counted_family_qualifier_and_a_happening(seed_layers) -> None:
    qs = {q["text"]: q for q in seed_layers.get("quantity", [])}
    troops = [
        q
        for t, q in qs.items()
        if any(
            k in t
            for k in (
                "10,000 troops",
                "2,600 North Koreans",
                "3,000 North Korean",
                "10,000 soldiers",
            )
        )
    ]
    assert len(troops) == 4, list(qs)
    for q in troops:
        assert q["qualifier"] == "country:PRK", q
        assert q["counted"] in ("troop", "soldier", "person"), q
        assert q["happened"] is not None and not q["negated"], q
    others = [q for t, q in qs.items() if "600,000" in t or "ambassadors" in t]
    assert len(others) == 2
    for q in others:
        assert q["qualifier"] != "country:PRK" or q["counted"] not in ("troop", "soldier")
