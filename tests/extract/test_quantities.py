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
