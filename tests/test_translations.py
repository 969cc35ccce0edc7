"""A post or page in another language: its lang, its other-language addresses and link, its own related posts."""

import json

import pytest
from conftest import post
from post_journey.languages import LanguageError, language

from sitetools.build import BuildError

SERIES = "Retour à la course"
POSTS = {  # an English post and its French translation share a slug; calves has no translation
    "posts/hips.md": post("Hips", slug="hips", date="2024-03-01", tags="hips, running"),
    "posts/hips-fr.md": post("Les hanches", slug="hips", lang="fr", date="2024-03-02", tags="hanches, course",
                             series=SERIES),
    "posts/knees.md": post("Knees", slug="knees", date="2024-02-01", tags="hips, knees"),
    "posts/knees-fr.md": post("Les genoux", slug="knees", lang="fr", date="2024-02-02", tags="hanches, genoux",
                              series=SERIES),
    "posts/core.md": post("Core", slug="core", date="2024-01-01", tags="running, hips"),
    "posts/core-fr.md": post("Le tronc", slug="core", lang="fr", date="2024-01-02", tags="course"),
    "posts/calves.md": post("Calves", slug="calves", date="2024-04-01", tags="running, hips"),
    "pages/visit.md": "Title: Your first visit\nSlug: visit\n\nWhat to expect.\n",
    "pages/visit-fr.md": "Title: Votre première visite\nSlug: visit\nLang: fr\n\nÀ quoi vous attendre.\n",
}


@pytest.mark.parametrize(("lang", "expected"), [
    ("en-gb", {"tag": "en-GB", "name": "English"}),  # DEFAULT_LANG as Pelican lowercases it
    ("fr", {"tag": "fr", "name": "Français"}),
    ("FR", {"tag": "fr", "name": "Français"}),
    ("pt_BR", {"tag": "pt-BR", "name": "Português"}),
    ("tlh", {"tag": "tlh", "name": "tlh"}),  # a language without a name here is shown by its code
])
def test_a_language_is_tagged_as_html_writes_it_and_named_in_itself(lang, expected):
    assert language(lang) == expected


@pytest.mark.parametrize("lang", ["French", "fr FR", "", "f"])
def test_a_lang_that_is_not_a_language_code_is_refused(lang):
    with pytest.raises(LanguageError, match="is not a language code — write"):
        language(lang)


def alternates(page):
    """Return {hreflang: href} of a page's other-language addresses."""
    return {link["hreflang"]: link["href"] for link in page.select('head link[rel="alternate"][hreflang]')}


def journey(page):
    """Return the addresses a post sends a reader on to: related posts, previous and next, series parts."""
    links = page.select(".related-posts a, .post-neighbours a, nav.series a")
    return [a["href"] for a in links]


def posting(page):
    """Return a post's BlogPosting structured data."""
    return next(data for data in (json.loads(s.string) for s in page.select('script[type="application/ld+json"]'))
                if data.get("@type") in ("BlogPosting", "MedicalWebPage"))


@pytest.fixture
def site(small_site):
    """Build the posts and pages in English and French."""
    return small_site(POSTS)


def test_a_translation_is_in_its_language_and_links_to_its_original(site):
    english = site.page("/blog/hips/")
    link = english.select_one("p.translations a")
    assert (link.get_text(), link["lang"], link["hreflang"]) == ("Français", "fr", "fr")
    french = site.page(link["href"])
    assert french.html["lang"] == "fr" and english.html["lang"] == "en-GB"
    assert french.select_one("h1").get_text() == "Les hanches"
    back = french.select_one("p.translations a")
    assert (back.get_text(), back["href"], back["hreflang"]) == ("English", "/blog/hips/", "en-GB")
    assert alternates(english) == alternates(french) == {"en-GB": "/blog/hips/", "fr": link["href"]}
    assert french.select_one('meta[property="og:locale"]')["content"] == "fr_FR"
    assert [posting(page)["inLanguage"] for page in (english, french)] == ["en-GB", "fr"]
    tags = french.select(".post-tags li")
    assert [li.get_text() for li in tags] == ["hanches", "course"] and not french.select(".post-tags a"), \
        "Pelican makes no page for a tag only translations have"
    calves = site.page("/blog/calves/")
    assert not calves.select("p.translations") and not alternates(calves), "a post in one language has none"


def test_a_translation_leads_on_only_to_posts_in_its_language(site):
    french = site.page(site.page("/blog/hips/").select_one("p.translations a")["href"])
    assert french.select(".related-posts a") and french.select('.post-neighbours a[rel="prev"]')
    assert "Part 2 of 2" in french.select_one("nav.series").get_text(), "the French posts of the series"
    for href in journey(french):
        assert site.page(href).html["lang"] == "fr", href
    english = site.page("/blog/hips/")
    neighbours = [a["href"] for a in english.select('a[rel="prev"], a[rel="next"]')]
    assert [a["href"] for a in english.select(".related-posts a")] == ["/blog/core/"] and \
        sorted(neighbours) == ["/blog/calves/", "/blog/knees/"], "as before: no French post, no neighbour repeated"
    assert english.select_one('a[rel="next"]')["href"] == "/blog/calves/" and not english.select("nav.series")
    assert all(site.page(href).html["lang"] == "en-GB" for href in journey(english))


def test_a_page_in_another_language_is_in_its_language(site):
    english = site.page("/visit/")
    link = english.select_one("p.translations a")
    french = site.page(link["href"])
    assert (english.html["lang"], french.html["lang"], link.get_text()) == ("en-GB", "fr", "Français")
    assert french.select_one("p.translations a")["href"] == "/visit/"
    assert alternates(french) == {"en-GB": "/visit/", "fr": link["href"]}
    assert site.page("/").html["lang"] == "en-GB", "lists are in the site's language"


def test_alternates_are_full_addresses_when_the_site_has_one(small_site):
    site = small_site(POSTS, SITEURL="https://therapy.example.org")
    assert alternates(site.page("/blog/hips/"))["en-GB"] == "https://therapy.example.org/blog/hips/"


def test_a_lang_that_is_not_a_language_code_is_reported_at_its_line(small_site):
    with pytest.raises(BuildError) as raised:
        small_site({"posts/hips.md": post("Hips", slug="hips", lang="French")})
    assert any(p.path == "content/posts/hips.md" and p.line == 6 and "'Lang: French' is not a language code" in p.what
               and "'Lang: fr'" in p.fix for p in raised.value.errors), raised.value.problems


@pytest.mark.slow
def test_a_post_and_its_translation_are_accessible_and_valid(site, chromium):
    """Axe on the English post and its French translation, and the Nu Html Checker on every page."""
    from axe_playwright_python.sync_playwright import Axe

    from sitetools.check import html_findings
    from sitetools.serve import serving

    assert html_findings(site.output) == []
    french = site.page("/blog/hips/").select_one("p.translations a")["href"]
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        with serving(site.output) as address:
            for url in ("/blog/hips/", french, "/visit/"):
                page = context.new_page()
                page.goto(address + url)
                results = Axe().run(page)
                assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()
