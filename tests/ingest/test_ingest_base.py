import datetime as dt

import pytest

from newsledger.article import Article
from newsledger.ingest import MAX_ARTICLE_CHARS, IngestError
from newsledger.ingest.base import make_article, normalise_date


@pytest.mark.parametrize(
    ("raw", "date"),
    [
        ("2025-03-14 20:30:26Z", "2025-03-14"),
        ("2025-03-14", "2025-03-14"),
        ("2025-03-14T23:30:00-05:00", "2025-03-14"),  # the outlet's own calendar day
        ("20250314", "2025-03-14"),
        ("Fri, 14 Mar 2025 20:30:26 GMT", "2025-03-14"),
        ("Fri, 14 Mar 2025 23:30:26 -0500", "2025-03-14"),
        ("March 14, 2025", "2025-03-14"),
        ("14 March 2025", "2025-03-14"),
        (dt.date(2025, 3, 14), "2025-03-14"),
        ("2025-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20250314.0, None),
    ],
)
def test_normalise_date(raw, date):
    assert normalise_date(raw) == date


def test_make_article_limits_and_defaults():
    art = make_article(
        "  Body  text. ", path="p", id=7, published=None, default_published="2024-01-02"
    )
    assert isinstance(art, Article)
    assert (art.id, art.text, art.published, art.path) == ("7", "Body text.", "2024-01-02", "p")
    assert str(make_article(" \n ", path="p", line=4)) == "p:4: no article text"
    err = make_article("x" * (MAX_ARTICLE_CHARS + 1), path="p")
    assert isinstance(err, IngestError) and "too long" in err.reason
    ok = make_article("x " * (MAX_ARTICLE_CHARS // 2), path="p")
    assert isinstance(ok, Article)
