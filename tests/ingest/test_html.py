from pathlib import Path

from newsledger.article import Article
from newsledger.ingest import IngestError, read_path
from newsledger.ingest.html import html_to_text, read_html_text

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "news_page.html"

FURNITURE = [
    "cookies",
    "Accept all",
    "Subscribe for 1 euro a week",
    "Most read",
    "Celebrity chef opens floating restaurant",
    "Ten things to do in the harbour district",
    "Morning Briefing",
    "All rights reserved",
    "Privacy policy",
    "Grain prices climb on supply fears",  # the inline "Related" box
]


def _only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_news_page_body_kept_furniture_dropped():
    art = _only(read_path(PAGE))
    assert isinstance(art, Article)
    assert "Dock workers at the country's largest grain terminal walked out on Monday" in art.text
    assert "Our members will stay out until there is a serious proposal" in art.text
    assert "mediation, which is scheduled to resume on Thursday." in art.text
    for junk in FURNITURE:
        assert junk not in art.text, junk


def test_news_page_paragraphs_are_lines():
    art = _only(read_path(PAGE))
    lines = art.text.split("\n")
    assert any(line.startswith("About 1,200 members") for line in lines)
    assert any(line.startswith("The port authority said") for line in lines)
    # Two paragraphs never run together on one line.
    assert not any('union."We' in line or 'table." The port' in line for line in lines)


def test_news_page_metadata():
    art = _only(read_path(PAGE))
    assert art.title == "Port strike halts grain exports as talks stall"
    assert art.published == "2024-11-05"
    assert art.outlet == "The Harbour Gazette"
    assert art.url == (
        "https://www.harbourgazette.example/business/2024/11/05/port-strike-grain-exports"
    )
    assert art.path == str(PAGE)


def test_kwargs_are_fallbacks_not_overrides():
    art = _only(read_path(PAGE, published="2020-01-01", outlet="Other"))
    assert art.published == "2024-11-05"
    assert art.outlet == "The Harbour Gazette"
    bare = (
        "<html><head><title>Vote count</title></head>"
        "<body><article><p>{}</p></article></body></html>"
    )
    text = "Election officials said the count would finish on Sunday evening. " * 6
    art = read_html_text(
        bare.format(text), path="x.html", default_published="2024-03-01", default_outlet="Wire"
    )
    assert isinstance(art, Article)
    assert (art.published, art.outlet, art.url) == ("2024-03-01", "Wire", None)


def test_page_without_text_is_an_error():
    page = "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    res = read_html_text(page, path="nav.html")
    assert isinstance(res, IngestError)
    assert str(res) == "nav.html: no article text found in the HTML"


def test_html_to_text_keeps_blocks_apart_and_drops_scripts():
    text = html_to_text(
        "<p>First &amp; foremost.</p><p>Second <b>bold</b> para.<br>Line two.</p>"
        "<script>var x = 1;</script>"
        "<figure><img src='a.jpg'><figcaption>Photo: Agency</figcaption></figure>"
    )
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    assert lines == ["First & foremost.", "Second bold para.", "Line two."]
    assert html_to_text("plain &lt;text&gt;") == "plain <text>"


def test_script_rendered_page_uses_jsonld_article_body():
    body = (
        "The regional parliament approved the water plan on Wednesday by 41 votes to 12.\\n"
        "Opposition members said the plan did too little for farmers."
    )
    page = (
        "<html><head><title>Water plan approved | Valley News</title>"
        '<meta property="og:site_name" content="Valley News">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Valley News"},'
        '{"@type": "NewsArticle", "headline": "Water plan approved",'
        f' "datePublished": "2024-05-08T09:00:00+02:00", "articleBody": "{body}"}}]}}'
        "</script></head><body><div id='app'></div><nav><a href='/'>Home</a></nav></body></html>"
    )
    art = read_html_text(page, path="spa.html")
    assert isinstance(art, Article)
    assert art.text.split("\n") == [
        "The regional parliament approved the water plan on Wednesday by 41 votes to 12.",
        "Opposition members said the plan did too little for farmers.",
    ]
    assert (art.published, art.outlet) == ("2024-05-08", "Valley News")
    assert art.title.startswith("Water plan approved")


_STORY = "".join(
    f"<p>Dock workers at the port of Harbour ended a {n}-day strike on Friday after union "
    "members voted to accept a pay offer, officials said, reopening berths to grain ships.</p>"
    for n in (12, 13, 14)
)


def test_the_canonical_link_wins_over_og_url():
    page = (
        "<html><head><title>Port strike ends</title>"
        '<meta property="og:url" content="https://harbour.example/s?utm_source=og">'
        '<link rel="canonical" href="/business/port-strike-ends">'
        f"</head><body><article><h1>Port strike ends</h1>{_STORY}</article></body></html>"
    )
    art = read_html_text(page, path="p.html", url="https://harbour.example/x")
    assert isinstance(art, Article)
    assert art.url == "https://harbour.example/business/port-strike-ends"
    no_canonical = page.replace('<link rel="canonical" href="/business/port-strike-ends">', "")
    assert (
        read_html_text(no_canonical, path="p.html").url == "https://harbour.example/s?utm_source=og"
    )


def test_a_section_page_of_headline_links_is_not_an_article():
    heads = [
        "Port strike ends after 12 days as unions accept deal",
        "Central bank holds interest rates steady for a third consecutive meeting",
        "Retail sales fall for the second month as shoppers cut back on spending",
        "Oil prices climb after producers agree to extend output cuts into summer",
        "Tech giant announces 5,000 job cuts as it shifts investment to artificial intelligence",
    ]
    items = "".join(
        f'<li><a href="/b/{i}">{h}</a> <time datetime="2024-03-1{i}">March 1{i}</time></li>'
        for i, h in enumerate(heads)
    )
    page = (
        "<html><head><title>Business news</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f'<main><h1>Business</h1><ul>{items}</ul><a href="?page=2">Next page</a></main>'
        "</body></html>"
    )
    got = read_html_text(page, path="section.html")
    assert isinstance(got, IngestError) and "a list of links" in got.reason
    # An article whose paragraphs carry links inline is still an article.
    linked = _STORY.replace("Dock workers", '<a href="/unions">Dock workers</a>')
    story = read_html_text(f"<html><body><article>{linked}</article></body></html>", path="a.html")
    assert isinstance(story, Article)


def test_a_related_story_box_does_not_date_the_article():
    aside = (
        '<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Shipping rates '
        'soar (<time datetime="2024-03-01">March 1, 2024</time>)</a></li></ul></aside>'
    )
    page = f"<html><body><article><h1>Port strike ends</h1>{_STORY}</article>{aside}</body></html>"
    art = read_html_text(page, path="p.html")
    assert isinstance(art, Article) and art.published is None
    own = page.replace("<h1>", '<time datetime="2024-03-15">March 15</time><h1>')
    assert read_html_text(own, path="p.html").published == "2024-03-15"
