"""The real site, built from content/: her post, her pages, the theme's promises."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import ROOT

from sitetools.linkcheck import check_site

POST_URL = "/blog/if-running-becomes-a-pain-in-the-butt/"
POST_TITLE = "If running becomes a pain in the butt"


def test_post_has_its_title_headings_and_date(site):
    page = site.page(POST_URL)
    assert page.select_one("main h1").get_text(strip=True) == POST_TITLE
    assert page.title.get_text() == f"{POST_TITLE} · Linton Soft Tissue Therapy & Pilates"
    headings = [h.get_text(strip=True) for h in page.select(".prose h2")]
    assert headings == ["What causes it", "Don’t run through it", "Listen to your body", "Stretches after every run"]
    time = page.select_one(".article-meta time")
    assert time["datetime"].startswith("2019-05-20T09:00:00+01:00")  # British Summer Time
    assert time.get_text() == "20 May 2019"


def test_post_lists_the_stretches_in_order(site):
    stretches = [li.get_text(strip=True) for li in site.page(POST_URL).select(".prose > ol > li")]
    assert stretches == ["Figure 4", "Downward dog", "Pigeon pose", "Knee to opposite shoulder", "Roll down"]
    assert "shoulder bridge daily" in site.page(POST_URL).select_one(".prose").get_text()


def test_post_keeps_her_words_with_typos_fixed(site):
    text = site.page(POST_URL).select_one(".prose").get_text(" ")
    quote = site.page(POST_URL).select_one(".prose blockquote.pull-quote").get_text(" ", strip=True)
    assert quote.startswith("Pain is like a smoke detector")
    assert "burnt down kitchen" in quote
    assert "your body is telling you something" in text
    assert "even stronger than before" in text
    for typo in ("lis telling", "overstriking", "let it check out", "stronger as before"):
        assert typo not in text


def test_post_has_category_tags_and_summary(site):
    page = site.page(POST_URL)
    assert page.select_one(".article-meta a").get_text() == "Running injuries"
    tags = [a.get_text() for a in page.select(".post-tags a")]
    assert "running" in tags and "stretching" in tags
    assert page.select_one('meta[name="description"]')["content"].startswith("Pain in the buttock is one of")


def test_about_page_tells_her_story(site):
    text = site.page("/about/").select_one("main").get_text(" ")
    for fact in ("soft tissue therapist", "pilates instructor", "runner", "Swiss", "Charlotte, North Carolina",
                 "Linton", "rural Cambridgeshire"):
        assert fact in text
    assert "rual" not in text


def test_home_lists_the_post_with_summary_and_introduces_her(site):
    home = site.page("/")
    card = home.select_one(".post-card")
    assert card.select_one("a")["href"] == POST_URL
    assert "most common running problems" in card.select_one(".post-card__summary").get_text()
    assert "Linton" in home.select_one(".intro").get_text()


@pytest.mark.parametrize("url", ["/", POST_URL, "/about/", "/contact/", "/404.html", "/archives/",
                                 "/category/running-injuries/", "/tag/running/", "/tag/", "/category/"])
def test_every_page_is_british_accessible_and_has_the_call_book_action(site, url):
    page = site.page(url)
    assert page.html["lang"] == "en-GB"
    assert page.select_one('a.skip-link[href="#main"]')
    assert page.select_one("header.site-header") and page.select_one("main#main") and page.select_one("footer")
    assert page.select_one("nav[aria-label]")
    actions = page.select(".site-header__actions a")
    assert [a["href"] for a in actions] == ["tel:+441632960123", "https://example.com/book"]
    assert [a.get_text(" ", strip=True) for a in actions] == ["Call 01632 960123", "Book online"]
    assert len(page.find_all("h1")) == 1


def test_every_page_loads_only_from_its_own_site(site):
    share_script = (ROOT / "theme/static/js/share.js").read_text(encoding="utf-8").strip()
    for path in site.html_files():
        page = site.page("/" + path.relative_to(site.output).as_posix())
        for element in page.select("script[src], img[src], link[rel=stylesheet], iframe, source[src]"):
            address = element.get("src") or element.get("href")
            assert not urlsplit(address).netloc, f"{path}: {address}"
        assert not page.select("[style]"), f"{path} has an inline style attribute"
        scripts = [s.get("src") or s.string for s in page.select('script:not([type="application/ld+json"])')]
        where = path.relative_to(site.output).as_posix()
        if where == "search/index.html":
            assert len(scripts) == 1 and re.fullmatch(r"/assets/search\.[0-9a-f]{10}\.js", scripts[0])
        elif where.startswith("blog/"):  # Copy link, inline; the share links work without it
            assert scripts == [share_script], where
        else:
            assert not scripts, f"{path} has a script: the site works without JavaScript"


def test_no_broken_internal_links_or_assets(site):
    assert check_site(site.output) == []


def test_contact_details_come_from_the_settings(site):
    details = site.page("/contact/").select_one(".contact-details")
    hrefs = {a["href"] for a in details.select("a")}
    assert hrefs == {"tel:+441632960123", "sms:+447700900123", "mailto:hello@example.com", "https://example.com/book",
                     "https://www.openstreetmap.org/?mlat=52.0976&mlon=0.2779#map=16/52.0976/0.2779"}
    assert "Linton, Cambridgeshire" in details.get_text()
    assert "sports massage" in site.page("/contact/").select_one(".prose").get_text()


def test_404_page_offers_a_way_on(site):
    page = site.page("/404.html")
    hrefs = [a["href"] for a in page.select(".prose a")]
    assert hrefs == ["/index.html", "/contact/"]
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_call_to_action_has_one_tap_links(site):
    cta = site.page(POST_URL).select_one("aside.contact-cta")
    hrefs = [a["href"] for a in cta.select("a")]
    assert hrefs == [
        "https://example.com/book",
        "tel:+441632960123",
        "sms:+447700900123",
        "mailto:hello@example.com?subject=Question%20about%3A%20If%20running%20becomes%20a%20pain%20in%20the%20butt",
    ]
    shown = [a.select_one(".button__detail").get_text() for a in cta.select("a")]
    assert shown == ["example.com", "01632 960123", "07700 900123", "hello@example.com"]


def test_comments_invite_a_reply_by_email(site):
    comments = site.page(POST_URL).select_one("section.comments")
    assert comments.select_one("h2").get_text() == "Comments"
    link = urlsplit(comments.select_one("a")["href"])
    assert (link.scheme, link.path) == ("mailto", "hello@example.com")
    assert parse_qs(link.query)["subject"] == [f"Re: {POST_TITLE}"]


def test_booking_follows_the_post_text_once_before_tags_sharing_author_and_comments(site):
    main = site.page(POST_URL).select_one("main")
    parts = ".prose, .health-disclaimer, .contact-cta, .post-tags, .share-links, .author-box, .comments"
    order = [el["class"][0] for el in main.select(parts)]
    assert order == ["prose", "health-disclaimer", "contact-cta", "post-tags", "share-links", "author-box", "comments"]
    assert main.select_one(".author-box a")["href"] == "/about/"


def test_pages_have_no_call_to_action_or_comments(site):
    page = site.page("/about/")
    assert not page.select(".contact-cta, .comments")


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/all.rss.xml"])
def test_feeds_are_well_formed_and_carry_the_post(site, feed):
    root = ET.parse(site.output / feed).getroot()
    text = ET.tostring(root, encoding="unicode")
    assert POST_TITLE in text
    assert "Pigeon pose" in unquote(text)  # full content, not only the summary
    for page in ("/", POST_URL):
        assert site.page(page).select_one(f'link[rel=alternate][href$="{feed}"]')


def test_build_reports_what_it_made(site):
    assert (site.result.posts, site.result.pages) == (1, 5)
    assert site.result.summary().startswith("Built 1 post and 5 pages; 0 drafts not published; 0 scheduled; ")


def test_stylesheet_is_inlined_once_with_a_known_hash(site):
    import rcssmin
    from theme_assets.plugin import inline_hash

    source = (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8").strip()
    css = rcssmin.cssmin(source)
    assert len(css) < 0.8 * len(source) and "/*" not in css, "carried without comments and spaces"
    for url in ("/", POST_URL, "/about/"):
        page = site.page(url)
        (style,) = page.select("style")
        assert style.string == css, "the stylesheet, byte for byte, so its CSP hash matches"
        assert not page.select('link[rel="stylesheet"]')
    assert inline_hash(css).startswith("'sha256-") and len(inline_hash(css)) == 53
