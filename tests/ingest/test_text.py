from pathlib import Path

from newsledger.article import Article
from newsledger.ingest import read_path
from newsledger.ingest.text import headline

FIXTURES = Path(__file__).parent / "fixtures"


def test_text_file_with_headline():
    (art,) = list(read_path(FIXTURES / "minister.txt", published="2024-11-05", outlet="Wire"))
    assert isinstance(art, Article)
    assert art.title == "Minister resigns over expenses row"
    # The headline stays in the text: nothing the outlet printed is dropped.
    assert art.text.startswith("Minister resigns over expenses row\nThe housing minister resigned")
    assert art.text.endswith('the reports had become "a distraction".')
    assert (art.published, art.outlet, art.url) == ("2024-11-05", "Wire", None)
    assert art.id.startswith("sha-")


def test_headline_rules():
    assert headline("Troops sent to Kursk\nNato confirmed it on Monday.") == "Troops sent to Kursk"
    # A first line ending like a sentence is body text.
    assert (
        headline("NORTH Korean troops have been sent to Russia, Nato has confirmed.\nMore.") is None
    )
    assert headline("Just one line without a period") is None
    assert headline(" ".join(["word"] * 40) + "\nBody.") is None
    assert headline("2024-11-05\nBody text.") is None


def test_seed_article_has_no_headline():
    seed = Path(__file__).resolve().parents[2].parent / "shared/gold/seed/nk-troops-kursk.txt"
    if seed.exists():
        (art,) = list(read_path(seed))
        assert art.title is None
        assert art.text == Article(seed.read_text(encoding="utf-8")).text
