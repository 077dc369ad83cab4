from pathlib import Path

from newsledger.article import Article
from newsledger.ingest import IngestError, read_path

FIXTURES = Path(__file__).parent / "fixtures"


def test_rss_items_full_content_preferred():
    items = list(read_path(FIXTURES / "wire.rss"))
    assert all(isinstance(i, Article) for i in items), items
    assert [a.title for a in items] == [
        "Flooding forces thousands from homes in river valley",
        "Central bank holds rates, signals cut in spring",
        "Ferry operator cancels winter crossings",
    ]
    flood = items[0]
    # content:encoded wins over the one-line description.
    assert "More than 3,000 people were evacuated" in flood.text
    assert "Thousands were evacuated as the river burst its banks." not in flood.text
    assert flood.text.split("\n")[1].startswith('"The water rose faster')
    assert "Photo: Northern Wire" not in flood.text
    assert flood.url == "https://northernwire.example/world/2024/11/06/valley-floods"
    # The outlet's own calendar date, not shifted to UTC.
    assert flood.published == "2024-11-06"
    assert {a.outlet for a in items} == {"Northern Wire World News"}
    assert items[1].text.split("\n") == [
        "The central bank kept its key interest rate at 4.5 percent on Tuesday but said it "
        "could begin cutting in the spring if inflation keeps easing.",
        "Governor Anna Lind told reporters the decision was unanimous.",
    ]
    assert items[2].text.endswith("cancel all winter crossings & refund tickets.")
    assert items[2].published == "2024-11-04"
    assert all(a.path == str(FIXTURES / "wire.rss") for a in items)


def test_atom_entries():
    items = list(read_path(FIXTURES / "science.atom"))
    assert all(isinstance(i, Article) for i in items), items
    glacier, orchid = items
    assert glacier.title == "Glacier retreat doubled in a decade, study finds"
    assert glacier.text.startswith("Glaciers in the northern range lost about 12 percent")
    assert "alarming but not surprising" in glacier.text
    assert glacier.published == "2024-11-07"  # 23:45 at -08:00 is still the 7th there
    assert glacier.url == "https://lakesidecourier.example/science/glacier-retreat"
    assert glacier.outlet == "Lakeside Courier — Science"
    assert orchid.published == "2024-11-06"  # only <updated>
    assert orchid.text.split("\n")[-1] == "It is the first sighting in the region since 1987."


def test_xml_that_is_not_a_feed(tmp_path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://x.example/</loc></url></urlset>"
    )
    (res,) = list(read_path(sitemap))
    assert isinstance(res, IngestError)
    assert str(res) == f"{sitemap}: not an RSS/Atom feed (root element <urlset>)"


def test_truncated_feed_keeps_items_and_reports(tmp_path):
    feed = tmp_path / "cut.rss"
    good = (
        "<item><title>Bridge reopens</title><link>https://x.example/bridge</link>"
        "<description>The bridge reopened on Monday after repairs, the city said."
        "</description></item>"
    )
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>{good}<item><title>B'
    )
    items = list(read_path(feed))
    assert isinstance(items[0], Article) and items[0].title == "Bridge reopens"
    assert isinstance(items[-1], IngestError)
    assert "malformed feed XML" in items[-1].reason


def test_feed_entities_are_not_resolved(tmp_path):
    feed = tmp_path / "xxe.rss"
    feed.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n'
        '<rss version="2.0"><channel><title>X</title><item><title>A</title>'
        "<description>Leak &xxe; here, said the officials on Monday.</description>"
        "</item></channel></rss>"
    )
    host = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "\0"
    arts = [i for i in read_path(feed) if isinstance(i, Article)]
    assert arts and all(host not in a.text for a in arts)


def test_platform_boilerplate_dropped_but_sentences_kept(tmp_path):
    feed = tmp_path / "blog.rss"
    content = (
        "<p>The council voted 7-2 to approve the new library on Tuesday.</p>"
        "<p>Read more about the plan in the budget papers, the mayor said.</p>"
        "<p>The post <a href='https://x.example/lib'>Library approved</a> appeared first on "
        "<a href='https://x.example'>Town Crier</a>.</p>"
        "<p><a href='https://x.example/lib'>Continue reading…</a></p>"
    )
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Town Crier</title>"
        f"<item><title>Library approved</title><content:encoded><![CDATA[{content}]]>"
        "</content:encoded></item></channel></rss>"
    )
    (art,) = list(read_path(feed))
    assert art.text.split("\n") == [
        "The council voted 7-2 to approve the new library on Tuesday.",
        "Read more about the plan in the budget papers, the mayor said.",
    ]


def test_titles_escaped_twice_read_as_text(tmp_path):
    """Feeds that escape their titles twice: the entities and markup are read once more."""
    feed = tmp_path / "twice.atom"
    feed.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<title type="html">Mountain News &amp;amp; Weather</title>'
        '<entry><title type="html">Q&amp;amp;A: Why rates &amp;lt;em&amp;gt;won&amp;#8217;t'
        "&amp;lt;/em&amp;gt; fall</title><link href='https://x.example/qa'/><id>urn:x:1</id>"
        "<updated>2024-01-01T00:00:00Z</updated><summary>Rates will stay high this year, "
        "the central bank said on Monday in its quarterly report.</summary></entry></feed>",
        encoding="utf-8",
    )
    (art,) = [i for i in read_path(feed) if isinstance(i, Article)]
    assert art.title == "Q&A: Why rates won’t fall"
    assert art.outlet == "Mountain News & Weather"
