"""Times: dates the text refers to, resolved against the publication date (real pipeline)."""

from __future__ import annotations

from typing import Any

import pytest

from newsledger.extract import time_rules as tr

# Publication dates used below: 2024-10-28 is a Monday, 2024-10-27 a Sunday.
MON = "2024-10-28"


def _times(layers: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return layers.get("time", [])


def _one(run, text: str, published: str | None, phrase: str) -> dict[str, Any]:
    """The single time record whose text is ``phrase``."""
    _doc, layers = run(text, published=published)
    found = [t for t in _times(layers) if t["text"] == phrase]
    assert len(found) == 1, (phrase, [t["text"] for t in _times(layers)])
    return found[0]


def _overlap(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_value(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    return all(pred[k] == gold[k] for k in ("start", "end", "granularity"))


# --- the worked example ---------------------------------------------------------------------


def test_seed_gold_required_times_resolved(seed, seed_layers):
    _art, gold = seed
    preds = _times(seed_layers)
    required = [g for g in gold["times"] if not g.get("optional")]
    hits = sum(
        any(_overlap(p["span"], g["span"]) and _same_value(p, g) for p in preds) for g in required
    )
    assert hits / len(required) >= 0.9, (hits, len(required))


def test_seed_gold_precision_and_spans(seed, seed_layers):
    art, gold = seed
    preds = _times(seed_layers)
    assert preds, "no times found"
    # Every record points at its text, and nearly all of them are gold times.
    for p in preds:
        assert art.text[p["span"][0] : p["span"][1]] == p["text"]
    matched = sum(any(_overlap(p["span"], g["span"]) for g in gold["times"]) for p in preds)
    assert matched / len(preds) >= 0.9
    # "for the first time since World War Two in August": only "in August".
    august = [p for p in preds if "August" in p["text"]]
    assert [p["text"] for p in august] == ["in August"]


def test_ids_in_text_order(seed_layers):
    preds = _times(seed_layers)
    assert [p["id"] for p in preds] == [f"t{i}" for i in range(1, len(preds) + 1)]
    starts = [p["span"][0] for p in preds]
    assert starts == sorted(starts)


# --- weekdays -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "phrase", "day"),
    [
        ("Officials said on Monday that the talks had failed.", MON, "on Monday", "2024-10-28"),
        ("The ministers met on Thursday in Brussels.", MON, "on Thursday", "2024-10-24"),
        ("The ministers will meet on Thursday in Brussels.", MON, "on Thursday", "2024-10-31"),
        # Future tense on the publication's weekday: news names today by its weekday.
        ("The ministers will meet on Thursday.", "2024-10-31", "on Thursday", "2024-10-31"),
        ("The ministers will meet on Monday.", "2024-10-31", "on Monday", "2024-11-04"),
        ("Trump will respond later Friday.", "2016-09-30", "later Friday", "2016-09-30"),
        ("He announced the deal last Friday.", MON, "last Friday", "2024-10-25"),
        ("He announced the deal last Friday.", "2024-11-01", "last Friday", "2024-10-25"),
        ("Troops must be ready by this Friday.", MON, "by this Friday", "2024-11-01"),
        ("The vote is set for next Monday.", "2024-10-27", "next Monday", "2024-10-28"),
        ("The vote is set for next Monday.", MON, "next Monday", "2024-11-04"),
        ("The vote is set for this coming Monday.", MON, "this coming Monday", "2024-11-04"),
        (
            "The agency said it was announcing on social media Friday.",
            "2025-03-14",
            "Friday",
            "2025-03-14",
        ),
        ("Rebels attacked a train Tuesday near the border.", "2025-03-12", "Tuesday", "2025-03-11"),
        (
            "Police said Tuesday's attack was planned abroad.",
            "2025-03-12",
            "Tuesday's",
            "2025-03-11",
        ),
        ("The hotel siege ended early Wednesday.", "2025-03-12", "early Wednesday", "2025-03-12"),
    ],
)
def test_weekdays(run, text, published, phrase, day):
    t = _one(run, text, published, phrase)
    assert (t["start"], t["end"], t["granularity"]) == (day, day, "day")


def test_deictic_days(run):
    _doc, layers = run(
        "Yesterday the army retreated; today it regrouped and tomorrow it attacks.", published=MON
    )
    got = {t["text"].lower(): (t["start"], t["granularity"]) for t in _times(layers)}
    assert got["yesterday"] == ("2024-10-27", "day")
    assert got["today"] == ("2024-10-28", "day")
    assert got["tomorrow"] == ("2024-10-29", "day")


# --- weeks, months, years relative to publication -------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "phrase", "start", "end", "gran"),
    [
        ("Parliament met last week.", MON, "last week", "2024-10-21", "2024-10-27", "week"),
        ("Parliament meets this week.", MON, "this week", "2024-10-28", "2024-11-03", "week"),
        (
            "Ahead of next week's summit, aides met.",
            MON,
            "next week's",
            "2024-11-04",
            "2024-11-10",
            "week",
        ),
        # The week before 2025-01-01 (a Wednesday) straddles the new year.
        (
            "Parliament met last week.",
            "2025-01-01",
            "last week",
            "2024-12-23",
            "2024-12-29",
            "week",
        ),
        (
            "Prices rose last month.",
            "2025-01-05",
            "last month",
            "2024-12-01",
            "2024-12-31",
            "month",
        ),
        (
            "Prices will rise next month.",
            "2024-12-15",
            "next month",
            "2025-01-01",
            "2025-01-31",
            "month",
        ),
        (
            "The fighting eased earlier this month.",
            MON,
            "earlier this month",
            "2024-10-01",
            "2024-10-28",
            "approximate",
        ),
        ("Exports fell last year.", MON, "last year", "2023-01-01", "2023-12-31", "year"),
        ("Exports may recover next year.", MON, "next year", "2025-01-01", "2025-12-31", "year"),
        (
            "They aim to deploy 10,000 soldiers by the end of the year.",
            MON,
            "by the end of the year",
            "2024-12-31",
            "2024-12-31",
            "day",
        ),
        (
            "The front moved in the last few weeks.",
            MON,
            "in the last few weeks",
            None,
            "2024-10-28",
            "approximate",
        ),
        ("Troops could arrive within days.", MON, "within days", None, None, "approximate"),
        (
            "The mine closed two years ago.",
            MON,
            "two years ago",
            "2022-01-01",
            "2022-12-31",
            "year",
        ),
        (
            "Three days later, the talks collapsed.",
            MON,
            "Three days later",
            None,
            None,
            "approximate",
        ),
    ],
)
def test_relative_periods(run, text, published, phrase, start, end, gran):
    t = _one(run, text, published, phrase)
    assert (t["start"], t["end"], t["granularity"]) == (start, end, gran)


@pytest.mark.parametrize(
    ("text", "published", "phrase", "start", "end"),
    [
        ("Ukraine launched the assault in August.", MON, "in August", "2024-08-01", "2024-08-31"),
        # The most recent December is last year's when published in early January.
        (
            "The ceasefire collapsed in December.",
            "2025-01-05",
            "in December",
            "2024-12-01",
            "2024-12-31",
        ),
        # Future tense: the next March.
        ("The ministers will meet again in March.", MON, "in March", "2025-03-01", "2025-03-31"),
        ("The report was published in October.", MON, "in October", "2024-10-01", "2024-10-31"),
        ("Exports grew since last August.", MON, "since last August", "2024-08-01", "2024-08-31"),
        ("He took office in July last year.", MON, "in July last year", "2023-07-01", "2023-07-31"),
    ],
)
def test_months(run, text, published, phrase, start, end):
    t = _one(run, text, published, phrase)
    assert (t["start"], t["end"], t["granularity"]) == (start, end, "month")


# --- explicit dates and ranges --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "start", "end", "gran"),
    [
        (
            "The accord was signed on March 15, 2025 in Riyadh.",
            "on March 15, 2025",
            "2025-03-15",
            "2025-03-15",
            "day",
        ),
        (
            "The accord was signed on 15 March 2025.",
            "on 15 March 2025",
            "2025-03-15",
            "2025-03-15",
            "day",
        ),
        (
            "Figures dated 2024-10-28 were released.",
            "2024-10-28",
            "2024-10-28",
            "2024-10-28",
            "day",
        ),
        ("The plant closed in March 2025.", "in March 2025", "2025-03-01", "2025-03-31", "month"),
        ("The plant closed in 2024.", "in 2024", "2024-01-01", "2024-12-31", "year"),
        (
            "The summit runs March 15-20, 2025.",
            "March 15-20, 2025",
            "2025-03-15",
            "2025-03-20",
            "day",
        ),
        (
            "Fighting raged between 2019 and 2021.",
            "between 2019 and 2021",
            "2019-01-01",
            "2021-12-31",
            "year",
        ),
        ("He ruled from 1992 to 1997.", "from 1992 to 1997", "1992-01-01", "1997-12-31", "year"),
        ("The camps opened in the 1990s.", "in the 1990s", "1990-01-01", "1999-12-31", "year"),
        ("The city was founded in the 1800s.", "in the 1800s", "1800-01-01", "1899-12-31", "year"),
        ("The ship left on Feb. 13 for Iran.", "on Feb. 13", "2024-02-13", "2024-02-13", "day"),
    ],
)
def test_explicit_dates(run, text, phrase, start, end, gran):
    t = _one(run, text, MON, phrase)
    assert (t["start"], t["end"], t["granularity"]) == (start, end, gran)


@pytest.mark.parametrize(
    ("text", "published", "phrase", "start", "end", "gran"),
    [
        (
            "Twenty-two years ago, the paper praised him.",
            "2016-10-04",
            "Twenty-two years ago",
            "1994-01-01",
            "1994-12-31",
            "year",
        ),
        (
            "Prices collapsed in the 1980’s, he said.",
            MON,
            "in the 1980’s",
            "1980-01-01",
            "1989-12-31",
            "year",
        ),
        (
            "The plan would raise $1 trillion over the next decade.",
            "2016-09-16",
            "over the next decade",
            "2016-09-16",
            "2026-09-16",
            "approximate",
        ),
        (
            "This spring, his company bid for the mines.",
            "2016-10-02",
            "This spring",
            "2016-03-01",
            "2016-05-31",
            "approximate",
        ),
        (
            "Shootings have risen since January 1.",
            "2016-09-29",
            "since January 1",
            "2016-01-01",
            "2016-01-01",
            "day",
        ),
        (
            "The ceasefire is due to expire by the end of March.",
            "2025-03-10",
            "by the end of March",
            "2025-03-31",
            "2025-03-31",
            "day",
        ),
        (
            "Fighting resumed in early August.",
            MON,
            "in early August",
            "2024-08-01",
            "2024-08-10",
            "approximate",
        ),
        (
            "The shops will open from Thursday to Monday.",
            MON,
            "from Thursday to Monday",
            "2024-10-31",
            "2024-11-04",
            "day",
        ),
        (
            "The vote is two days from now.",
            MON,
            "two days from now",
            "2024-10-30",
            "2024-10-30",
            "day",
        ),
        (
            "He will visit in the first quarter of 2025.",
            MON,
            "in the first quarter of 2025",
            "2025-01-01",
            "2025-03-31",
            "month",
        ),
        (
            "The exchange happened over Christmas.",
            "2025-01-05",
            "over Christmas",
            "2024-12-25",
            "2024-12-25",
            "day",
        ),
    ],
)
def test_more_expressions(run, text, published, phrase, start, end, gran):
    t = _one(run, text, published, phrase)
    assert (t["start"], t["end"], t["granularity"]) == (start, end, gran)


def test_yearless_dates_follow_tense(run):
    will = _one(run, "The court will rule on March 15.", "2025-03-10", "on March 15")
    assert will["start"] == "2025-03-15"
    signed = _one(run, "The deal was signed on December 20.", "2025-01-05", "on December 20")
    assert signed["start"] == "2024-12-20"
    # A past verb does not send a date a few days ahead back a whole year (news style omits
    # the year only for dates of the current year).
    near = _one(run, "The deal was signed on March 15.", "2025-03-10", "on March 15")
    assert near["start"] == "2025-03-15"
    earlier = _one(run, "The deal was signed on March 2.", "2025-03-10", "on March 2")
    assert earlier["start"] == "2025-03-02"
    span = _one(run, "The talks run from March 15 to 20.", "2025-03-10", "from March 15 to 20")
    assert (span["start"], span["end"], span["granularity"]) == ("2025-03-15", "2025-03-20", "day")


def test_range_takes_year_of_its_second_end(run):
    t = _one(
        run,
        "Tourists visited Vietnam from January through July this year.",
        "2019-12-18",
        "from January through July this year",
    )
    assert (t["start"], t["end"]) == ("2019-01-01", "2019-07-31")


def test_without_publication_date(run):
    _doc, layers = run("He said last Friday that the pact of March 15, 2025 holds.", published=None)
    got = {t["text"]: t for t in _times(layers)}
    assert got["last Friday"]["start"] is None and got["last Friday"]["end"] is None
    assert got["last Friday"]["granularity"] == "day"
    assert got["March 15, 2025"]["start"] == "2025-03-15"


# --- things that are not dates --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Some 2,600 troops and 2000 tanks were sent to the front.",
        "The airline said Flight 370 vanished over the ocean.",
        "May the best team win, the coach said.",
        "The protesters may march to parliament.",
        "March with us, the organisers urged the crowd.",
        "April Smith said the plan was sound.",
        "It cost $2024 to repair the fence.",
        "Officials unveiled Vision 2030 to investors.",
        "He spent three years in prison and six months in exile.",
        "In the fall of Kabul, thousands fled.",
        "ABC's This Week programme interviewed the minister.",
        "He told USA TODAY the plan was dead.",
    ],
)
def test_non_dates(run, text):
    _doc, layers = run(text, published=MON)
    assert _times(layers) == []


def test_year_modifying_a_plural_noun(run):
    _doc, layers = run(
        "Turnout fell in the 2022 elections, while 2000 tanks rolled.", published=MON
    )
    assert [(t["text"], t["start"]) for t in _times(layers)] == [("2022", "2022-01-01")]


def test_person_named_june_is_not_a_month(run):
    _doc, layers = run("June Carter sang at the rally in June.", published=MON)
    assert [t["text"] for t in _times(layers)] == ["in June"]


def test_world_war_two_in_august(run):
    _doc, layers = run(
        "Ukraine seized Russian land for the first time since World War Two in August.",
        published=MON,
    )
    assert [t["text"] for t in _times(layers)] == ["in August"]


def test_preposition_dropped_before_possessive(run):
    _doc, layers = run("Ukraine could get bleak news from next week’s US election.", published=MON)
    assert [t["text"] for t in _times(layers)] == ["next week’s"]


# --- calendar helpers -----------------------------------------------------------------------


def test_calendar_helpers():
    from datetime import date

    pub = date(2024, 10, 28)
    assert tr.week_range(date(2024, 11, 3)) == (date(2024, 10, 28), date(2024, 11, 3))
    assert tr.resolve_weekday(pub, 0, "past") == pub
    assert tr.resolve_weekday(pub, 0, "future") == date(2024, 11, 4)
    assert tr.resolve_month(date(2025, 1, 5), 12, "past") == (date(2024, 12, 1), date(2024, 12, 31))
    assert tr.resolve_month_day(date(2025, 3, 1), 2, 29, "past") == date(2024, 2, 29)
    assert tr.easter(2025) == date(2025, 4, 20)
    assert tr.holiday_date({"rule": "us_thanksgiving"}, 2024) == date(2024, 11, 28)
    assert tr.sub_range((date(2024, 8, 1), date(2024, 8, 31)), "late") == (
        date(2024, 8, 22),
        date(2024, 8, 31),
    )


def test_pattern_needs_hold_for_every_match():
    """The speed-up's table (times._NEEDS): every match holds what its pattern is said to need.

    Runs every pattern over the whole demo corpus and over phrases of each kind (no stretch
    skipped), so a pattern edited to match without its listed word fails here, not silently.
    """
    import json
    import re

    from newsledger import config
    from newsledger.extract import times

    g = times.grammar()
    with open(config.DEMO_CORPUS, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    texts.append(
        "On 2024-05-01, from May 3-5 and 3 to 5 June 2023, on 12 March, in June 2021, in June "
        "this year, in 2019-21, the 1990s, the '90s, the 19th century, Q3 2024, three weeks from "
        "now, two days ago, days later, the following week, the day before, the second quarter "
        "of 2024, by year-end, last spring, the year's end, next Tuesday evening."
    )
    seen: set[str] = set()
    for text in texts:
        low = times._ascii_lower(text)
        for (kind, pattern), need in zip(g.patterns, g.needs, strict=True):
            if need is None:
                continue
            for m in pattern.finditer(text):
                seen.add(kind)
                held = low[m.start() : m.end()]
                if need[0] == "0-9":
                    assert re.search("[0-9]", held), (kind, m.group(0))
                else:
                    assert any(w in held for w in need), (kind, m.group(0))
    # every pattern with a need was tried on at least one match
    assert {k for (k, _), n in zip(g.patterns, g.needs, strict=True) if n} <= seen
