"""Estimate series on real stored stories: grouping, update versus conflict, the chart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsledger.article import Article
from newsledger.link._context import UnknownStoryError
from newsledger.link.estimates import compatible, estimates, plot_series
from newsledger.store.sqlite import SQLiteStore


def _row(value, bound="=", **kw):
    return {"value": value, "bound": bound, "low": None, "high": None, "partial": False, **kw}


def test_bounds_decide_what_can_both_hold() -> None:
    assert not compatible(_row(200, ">="), _row(200, "<"))  # at least 200 / nearly 200
    assert compatible(_row(20, ">="), _row(31))  # at least 20 / 31
    assert compatible(_row(450, "~"), _row(425))  # roughly 450 / 425
    assert not compatible(_row(10, "<="), _row(10, ">"))  # up to 10 / more than 10
    assert compatible(
        _row(
            None,
            "=",
        )
        | {"low": 150, "high": 200},
        _row(180),
    )
    assert not compatible(_row(None) | {"low": 150, "high": 200}, _row(250))


def test_rising_death_toll_is_an_update_not_a_conflict(series_store) -> None:
    rows = estimates(series_store, story="pakistan-train")
    toll = [r for r in rows if r["text"] == "31 people"]
    assert len(toll) == 1
    assert toll[0]["change"] == "update"
    series = [r for r in rows if r["series"] == toll[0]["series"]]
    assert [r["change"] for r in series][0] == "first"
    assert all(r["change"] != "conflict" for r in series)
    freed = [r for r in rows if r["text"] in ("104 passengers", "354 passengers")]
    assert len({r["series"] for r in freed}) == 1 and freed[-1]["change"] == "update"


def test_rows_carry_the_interface_fields(series_store) -> None:
    rows = estimates(series_store, story="somalia-hotel")
    assert rows
    need = {
        "series",
        "measure",
        "story",
        "article",
        "quantity",
        "value",
        "low",
        "high",
        "bound",
        "unit",
        "published",
        "speaker",
        "speaker_name",
        "outlet",
        "status",
        "span",
        "text",
        "change",
    }
    for r in rows:
        assert need <= r.keys()
        text = series_store.article(r["article"])["text"]
        assert text[r["span"][0] : r["span"][1]] == r["text"]
    # A number that itemises another ("including five al-Shabab militants") is in no series.
    assert "five al-Shabab militants" not in {r["text"] for r in rows}


def test_about_filters_series_and_unknown_story_raises(series_store) -> None:
    rows = estimates(series_store, story="pakistan-train", about="freed")
    assert rows and {r["measure"] for r in rows} == {"people freed"}
    with pytest.raises(UnknownStoryError):
        estimates(series_store, story="no-such-story")


def test_quant_fields_are_used_when_present(tmp_path: Path) -> None:
    """Records that carry quant's counted/happened/qualifier group by them, without the text."""
    from newsledger.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "q.db")
    texts = ["Figures: 120 in the north.", "Figures: 150 in the north.", "Figures: 130 abroad."]
    quals = ["country:UKR", "country:UKR", "country:POL"]
    for i, text in enumerate(texts):
        art = Article(text=text, id=f"a{i}", published=f"2025-01-0{i + 1}", outlet="Wire")
        start = text.index("1")
        q = {
            "type": "quantity",
            "id": "q1",
            "article": art.id,
            "span": [start, start + 3],
            "text": text[start : start + 3],
            "value": int(text[start : start + 3]),
            "bound": "=",
            "unit": None,
            "of": None,
            "attribution": None,
            "counted": "person",
            "happened": "evacuate",
            "qualifier": quals[i],
        }
        store.save(art, {"quantity": [q]}, "test")
    now = datetime.now(UTC).isoformat()
    with store.transaction():
        store.execute(
            "INSERT INTO stories(id, title, created_at, updated_at) VALUES (?,?,?,?)",
            ("s", "t", now, now),
        )
        for a in ("a0", "a1", "a2"):
            store.execute(
                "INSERT INTO story_articles(article_id, story_id, score, joined_at)"
                " VALUES (?,?,?,?)",
                (a, "s", 1.0, now),
            )
    rows = estimates(store, story="s")
    # The Polish figure is another scope: not in the series (and alone, in none).
    assert [r["value"] for r in rows] == [120, 150]
    assert rows[0]["measure"] == "people freed" and rows[1]["change"] == "update"
    assert rows[0]["qualifier"] == "country:UKR"


def test_plot_writes_valid_svg_and_png(series_store, tmp_path: Path) -> None:
    rows = estimates(series_store, story="pakistan-train")
    svg = tmp_path / "s.svg"
    plot_series(rows, str(svg))
    assert ET.parse(svg).getroot().tag.endswith("svg")
    png = tmp_path / "s.png"
    plot_series(rows[:5], str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError):
        plot_series(rows, str(tmp_path / "s.gif"))


def test_rates_group_by_rate_and_target(nlp, tmp_path: Path) -> None:
    """Percentages next to a rate noun are one rate per target, whatever verb sets them."""
    from newsledger.pipeline import extract_articles
    from newsledger.store.sqlite import SQLiteStore

    texts = [
        "The president imposed 25% tariffs on Canadian goods on Monday. A 10% tariff on "
        "Chinese imports took effect at the same time. Officials said inflation was 3%.",
        "Washington raised tariffs on Chinese goods to 20% on Tuesday. Ottawa said it "
        "would answer with 25% tariffs on American products.",
        "Tariffs of 25% on Canadian goods were paused on Wednesday.",
    ]
    store = SQLiteStore(tmp_path / "r.db")
    arts = [
        Article(text=t, id=f"r{i}", published=f"2025-03-0{i + 3}", outlet="Wire")
        for i, t in enumerate(texts)
    ]
    for res in extract_articles(arts, nlp=nlp):
        store.save(res.article, res.layers, "test")
    now = datetime.now(UTC).isoformat()
    with store.transaction():
        store.execute(
            "INSERT INTO stories(id, title, created_at, updated_at) VALUES (?,?,?,?)",
            ("t", "tariffs", now, now),
        )
        for a in arts:
            store.execute(
                "INSERT INTO story_articles(article_id, story_id, score, joined_at)"
                " VALUES (?,?,?,?)",
                (a.id, "t", 1.0, now),
            )
    series: dict[str, list[tuple[str, float]]] = {}
    for r in estimates(store, story="t"):
        series.setdefault(r["series"], []).append((r["article"], r["value"]))
    got = sorted(series.values())
    # Canada: imposed, then paused (one rate); China: 10%, then raised to 20%. The modal answer
    # ("would answer with 25%") and the inflation figure (alone) are in no series.
    assert got == [[("r0", 10), ("r1", 20)], [("r0", 25), ("r2", 25)]], series
    assert all(s.endswith(("country-can", "country-chn")) for s in series), series


def test_measure_names_are_english(demo_db) -> None:
    """A class or verb the display tables lack is inflected, not glued: 'indexes plunged'."""
    store = SQLiteStore(demo_db)
    try:
        names = {r["measure"] for r in estimates(store) if r["measure"]}
    finally:
        store.close()
    assert names
    assert "indexes plunged" in names
    for name in names:
        assert not re.search(r"(?:x|ch|sh|[^aeiou]y)s\b", name), name  # "indexs", "citys"


def test_chart_labels_are_text_not_formulas(tmp_path: Path) -> None:
    """A '$' in a speaker, outlet or id is a character, not the start of a formula."""
    rows = [
        {
            "series": "s1",
            "measure": "people killed",
            "unit": "people",
            "value": v,
            "low": None,
            "high": None,
            "bound": "=",
            "status": "stated",
            "published": day,
            "article": "m$\\frac{$x",
            "speaker_name": "$\\frac{$ Post",
        }
        for v, day in ((12, "2025-03-11"), (31, "2025-03-12"))
    ]
    out = plot_series(rows, str(tmp_path / "c.svg"))
    svg = Path(out).read_text(encoding="utf-8")
    assert "<svg" in svg
