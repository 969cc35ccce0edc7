"""The practice's pages: each fact shown where readers look for it, and typed in one place only."""

import re
import shutil

import pytest
from conftest import PRACTICE_TOML, ROOT, post
from pelican.settings import read_settings
from practice.data_file import read_practice
from practice.facts import opening_hours, price_text, services
from practice.facts import testimonials as read_testimonials

from sitetools.author_values import SettingError
from sitetools.build import BuildError
from sitetools.toml_lines import DataFileError

REAL = {**read_settings(str(ROOT / "pelicanconf.py")), **read_practice(PRACTICE_TOML, "practice.toml")}
ALL_PAGES = ["/", "/services/", "/about/", "/contact/", "/privacy/", "/accessibility/",
             "/blog/if-running-becomes-a-pain-in-the-butt/", "/archives/"]


def text(page, selector="main"):
    return re.sub(r"\s+", " ", page.select_one(selector).get_text(" "))


def test_services_page_lists_every_session_with_duration_and_price(site):
    page = site.page("/services/")
    shown = text(page, ".services")
    for service in REAL["PRACTICE_SERVICES"]:
        assert service["name"] in shown and service["description"] in shown
        for option in service["options"]:
            assert f"{option['label']}, {option['minutes']} minutes {price_text(option['price'])}" in shown
    assert f"at least {REAL['PRACTICE_CANCELLATION_HOURS']} hours’ notice" in shown
    assert "What to wear:" in text(page, ".first-visit") and "How long:" in text(page, ".first-visit")
    assert page.select_one(".services .example-notice"), "example prices are marked as such"
    assert page.select_one(".health-disclaimer")
    assert page.select_one('.book-actions a.button--primary[href="https://example.com/book"]')


def test_contact_page_has_every_way_to_reach_her_hours_and_directions(site):
    page = site.page("/contact/")
    hrefs = {a["href"] for a in page.select(".contact-details a")}
    assert {"tel:+441632960123", "sms:+447700900123", "mailto:hello@example.com", "https://example.com/book"} <= hrefs
    osm = page.select_one('.contact-details a[href^="https://www.openstreetmap.org/"]')
    assert osm["href"] == "https://www.openstreetmap.org/?mlat=52.0976&mlon=0.2779#map=16/52.0976/0.2779"
    assert not page.select("iframe, embed, object"), "no embedded map"
    hours = [(dt.get_text(), dd.get_text()) for dt, dd in zip(page.select(".opening-hours dt"),
                                                               page.select(".opening-hours dd"), strict=True)]
    assert hours == [("Monday, Tuesday and Thursday", "09:00–18:00"), ("Wednesday", "12:00–20:00"),
                     ("Saturday", "08:00–12:00")]
    assert "Parking:" in text(page, ".directions")
    assert "Linton and the villages around Cambridge" in text(page, ".contact-details")


def test_about_page_shows_qualifications_and_insurance_and_no_vague_membership(site):
    shown = text(site.page("/about/"), ".credentials")
    for item in REAL["PRACTICE_QUALIFICATIONS"] + [REAL["PRACTICE_INSURANCE"]]:
        assert item in shown
    assert REAL["PRACTICE_MEMBERSHIPS"] == [], "memberships are hers to add, with the body and its register"
    assert "professional sports massage association" not in shown
    assert "Example values:" in shown


def test_no_testimonials_section_without_entries(site):
    for url in ("/about/", "/services/"):
        assert not site.page(url).select(".testimonials")


def test_testimonials_come_from_the_data_file_with_first_name_and_consent(small_site):
    data = '[[testimonial]]\nfirst_name = "Sarah"\ntext = "Ran the half pain-free."\nconsent = 2024-03-01\n'
    site = small_site({"posts/a.md": post("A"), "pages/about.md": "Title: About\nTemplate: about\n\nMe.\n",
                       "data/testimonials.toml": data})
    quote = site.page("/about/").select_one(".testimonials figure")
    assert quote.select_one("blockquote").get_text(strip=True) == "Ran the half pain-free."
    assert re.sub(r"\s+", " ", quote.select_one("figcaption").get_text()) == \
        "Sarah (published with consent, 1 March 2024)"


@pytest.mark.parametrize(("data", "message"), [
    ('[[testimonial]]\nfirst_name = "Sarah"\ntext = "Great."\n',
     "content/data/testimonials.toml: testimonial 1 has no consent — every testimonial needs"),
    ('[[testimonial]]\nfirst_name = "Sarah Jones"\ntext = "Great."\nconsent = 2024-03-01\n',
     "content/data/testimonials.toml: testimonial 1: first_name = 'Sarah Jones' — give the first name only"),
    ('[[testimonial]]\nfirst_name = "Sarah"\ntext = "Great."\nconsent = "yes"\n',
     "content/data/testimonials.toml: testimonial 1: consent = 'yes' is not a date"),
    ('[[testimonial]]\nfirst_name = "Sarah"\ntext = "<b>Great</b>"\nconsent = 2024-03-01\n',
     "content/data/testimonials.toml: testimonial 1 contains < or > — plain text only"),
    ('[[testimonial]]\nfirst_name = Sarah\n', "content/data/testimonials.toml: Invalid value (at line 2, column 14)"),
])
def test_bad_testimonials_stop_the_build_with_the_file_named(tmp_path, data, message):
    path = tmp_path / "content/data/testimonials.toml"
    path.parent.mkdir(parents=True)
    path.write_text(data, encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        read_testimonials(path, "content/data/testimonials.toml")
    assert str(raised.value).startswith(message)


def test_privacy_and_accessibility_pages_are_linked_from_every_page(site):
    for url in ALL_PAGES:
        footer = {a.get_text(): a["href"] for a in site.page(url).select(".site-footer a")}
        assert footer["Privacy notice"] == "/privacy/" and footer["Accessibility statement"] == "/accessibility/"
    privacy = text(site.page("/privacy/"))
    assert "no cookies" in privacy and "nothing from other sites" in privacy and "ico.org.uk" in privacy
    assert "mailto:hello@example.com" in {a["href"] for a in site.page("/privacy/").select(".page-contact a")}
    assert "keyboard" in text(site.page("/accessibility/"))


def test_health_note_follows_category_and_post_metadata(small_site):
    site = small_site({
        "posts/injury.md": post("Injury", slug="injury"),
        "posts/news.md": post("News", slug="news", category="News"),
        "posts/asks.md": post("Asks", slug="asks", category="News", disclaimer="on"),
        "posts/declines.md": post("Declines", slug="declines", disclaimer="off"),
    })
    shown = {slug: bool(site.page(f"/blog/{slug}/").select(".health-disclaimer"))
             for slug in ("injury", "news", "asks", "declines")}
    assert shown == {"injury": True, "news": False, "asks": True, "declines": False}
    assert "not a diagnosis" in site.page("/blog/injury/").select_one(".health-disclaimer").get_text()
    assert not [w for w in site.result.warnings if "Disclaimer" in str(w)], "Disclaimer: is a known detail"


def test_home_introduces_her_by_name_with_her_line_credentials_and_booking(site):
    home = site.page("/")
    intro = home.select_one(".intro")
    # Her display name is still her old blog's account name: the practice heads the page until she writes hers.
    assert intro.select_one("h1").get_text() == REAL["PRACTICE_NAME"] and REAL["AUTHOR"] not in intro.get_text()
    assert intro.select_one(".portrait") is None, "no initial of an account name"
    assert REAL["AUTHOR_JOB_TITLE"] in intro.select_one(".intro__role").get_text()
    assert intro.select_one(".intro__line").get_text() == REAL["AUTHOR_INTRODUCTION"]
    assert [li.get_text() for li in intro.select(".credentials-line li")][0] == REAL["PRACTICE_QUALIFICATIONS"][0]
    assert intro.select_one(".credentials-line a")["href"] == "/about/", "About opens with them"
    assert home.select_one("#credentials") is None and site.page("/about/").select_one("#credentials")
    assert intro.select_one(".book-actions a")["href"] == "https://example.com/book"
    assert home.select_one(".where-when a")["href"] == "/contact/"


def test_each_fact_comes_from_the_facts_file_and_every_page_follows(small_site, tmp_path):
    """Change facts in content/data/practice.toml only: every page shows the new values, the old ones are nowhere."""
    facts = PRACTICE_TOML
    for old, new in [
        ('"01632 960123"', '"01223 555777"'),
        ('"hello@example.com"', '"clinic@linton-therapy.example.org"'),
        ('"https://example.com/book"', '"https://bookings.example.org/linton"'),
        ('"CB21 4XX"', '"CB21 9ZZ"'),
        ("Level 5 Diploma in Sports Massage and Soft Tissue Therapy", "BSc Sports Therapy"),
        ("Level 3 Diploma in Teaching Mat Pilates", "Mat Pilates teacher"),
        ("cancellation_hours = 24", "cancellation_hours = 48"),
        ("examples = true", "examples = false"),
    ]:
        assert old in facts, old
        facts = facts.replace(old, new)
    facts = facts[: facts.index("\n[[hours]]") + 1] + (
        '[[hours]]\ndays = ["Friday"]\nopens = "07:30"\ncloses = "13:30"\n\n'
        '[[services]]\nname = "Deep tissue massage"\ndescription = "Firm pressure."\n'
        'prices = [{ label = "Deep tissue", minutes = 40, price = 47.5 }]\n')
    pages = {name: (ROOT / "content/pages" / name).read_text(encoding="utf-8") for name in
             ("about.md", "contact.md", "services.md", "first-visit.md", "directions.md", "privacy.md")}
    shutil.copytree(ROOT / "content/images", tmp_path / "content/images")
    site = small_site({"posts/x.md": post("X"), "data/practice.toml": facts,
                       **{f"pages/{name}": body for name, body in pages.items()}})
    written = [p for p in site.output.rglob("*") if p.suffix in (".html", ".xml")]
    everything = "\n".join(p.read_text(encoding="utf-8") for p in written)
    for old in ("960123", "hello@example.com", "example.com/book", "CB21 4XX", "09:00", "Sports massage, 30",
                "Level 5 Diploma", "24 hours", "Example values"):
        assert old not in everything, old
    assert 'href="tel:+441223555777"' in site.path("/services/").read_text()
    for url in ("/", "/contact/", "/services/", "/about/", "/privacy/", "/blog/x/"):
        page = site.page(url)
        assert page.select_one('.site-header a[href="tel:+441223555777"]'), url
        assert "clinic@linton-therapy.example.org" in page.select_one(".site-footer").get_text(), url
    hours = site.page("/contact/").select(".opening-hours dt, .opening-hours dd")
    assert [tag.get_text() for tag in hours] == ["Friday", "07:30–13:30"]
    assert "Deep tissue, 40 minutes £47.50" in text(site.page("/services/"), ".services")
    assert "at least 48 hours’ notice" in text(site.page("/services/"), ".services")
    assert "BSc Sports Therapy" in text(site.page("/about/"), ".credentials")
    assert "CB21 9ZZ" in text(site.page("/contact/"), ".contact-details")


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("PRACTICE_HOURS", [{"days": ["Funday"], "opens": "09:00", "closes": "17:00"}], "has a day that is not one of"),
    ("PRACTICE_HOURS", [{"days": ["Monday"], "opens": "9am", "closes": "17:00"}], "needs times written as HH:MM"),
    ("PRACTICE_HOURS", [{"days": ["Monday"], "opens": "17:00", "closes": "09:00"}], "closes before it opens"),
    ("PRACTICE_SERVICES", [{"name": "M", "description": "D", "options": [{"label": "L", "minutes": 0,
                                                                          "price": 5}]}], "needs 'minutes'"),
    ("PRACTICE_SERVICES", [{"name": "M", "description": "D", "options": [{"label": "L", "minutes": 30,
                                                                          "price": "£5"}]}], "needs 'price'"),
    ("PRACTICE_SERVICES", [{"name": "<b>M</b>", "description": "D", "options": []}], "must be plain text"),
])
def test_bad_practice_facts_are_named(name, value, expected):
    check = {"PRACTICE_HOURS": opening_hours, "PRACTICE_SERVICES": services}[name]
    with pytest.raises(SettingError, match=re.escape(expected)) as raised:
        check(value)
    assert str(raised.value).startswith(f"{name} = ")


def test_day_runs_and_prices_read_naturally():
    hours = opening_hours([{"days": ["Wednesday", "Monday", "Tuesday"], "opens": "09:00", "closes": "17:00"}])
    assert hours[0]["label"] == "Monday to Wednesday"
    assert [price_text(p) for p in (45, 42.5, 1200)] == ["£45", "£42.50", "£1,200"]


def test_bad_testimonials_file_stops_the_build_and_keeps_output(small_site, tmp_path):
    site = small_site({"posts/a.md": post("A")})
    before = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    with pytest.raises(BuildError) as raised:
        small_site({"data/testimonials.toml": '[[testimonial]]\nfirst_name = "Sam"\ntext = "Good."\n'})
    assert [str(p) for p in raised.value.errors] == [
        "content/data/testimonials.toml: testimonial 1 has no consent — every testimonial needs the client's "
        "first name, their words, and the date they agreed to publication"]
    assert {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()} == before


def test_home_lists_her_services_from_their_lowest_price(site):
    items = site.page("/").select(".services-summary li")
    shown = [" ".join(li.get_text(" ").split()) for li in items]
    expected = [f"{service['name']} from {price_text(min(o['price'] for o in service['options']))} "
                f"{service['description']}" for service in REAL["PRACTICE_SERVICES"]]
    assert shown == expected
    assert {li.select_one("a")["href"] for li in items} == {"/services/"}
