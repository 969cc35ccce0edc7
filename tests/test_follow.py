"""Readers follow her by email: the [follow] facts, the sign-up form, its policy, the privacy paragraph, the feeds."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import PRACTICE_TOML, PUBLISHED_URL, ROOT, SETTINGS, BuiltSite, post, write_content
from practice.data_file import read_practice

from sitetools.build import build
from sitetools.sample import portrait
from sitetools.serve import serving
from sitetools.toml_lines import DataFileError

SHOWN = "content/data/practice.toml"
BUTTONDOWN = "https://buttondown.com/api/emails/embed-subscribe/anna-keller"
MAILCHIMP = "https://annakeller.us21.list-manage.com/subscribe/post?u=8f3a9c2b1d&id=5e7d6c4b3a&f_id=00a1b2"
POST = "/blog/pictures/"


def with_follow(service, form):
    """Return her facts file with a [follow] part at its end."""
    return PRACTICE_TOML + f'\n[follow]\nservice = "{service}"\nform = "{form}"\n'


def line_of(text, start):
    """Return the number of the line that starts with start (not the file's commented-out example)."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize(("service", "form", "said", "fix"), [
    ("butondown", BUTTONDOWN, 'service = "butondown" is not a mailing service this site knows',
     'did you mean "buttondown"?'),
    ("buttondown", "http://buttondown.com/api/emails/embed-subscribe/anna-keller", "starts with http://",
     f'write https:// instead: form = "{BUTTONDOWN}"'),
    ("buttondown", "https://buttondown.com/anna-keller", "is your newsletter's page, not its sign-up form",
     f'write form = "{BUTTONDOWN}"'),
    ("buttondown", "https://buttondown.com/api/emails/embed-subscribe/your-name", "is the example address",
     "write your own Buttondown user name in place of your-name"),
    ("buttondown", "https://buttondown.example.com/api/emails/embed-subscribe/anna", "is not an address of "
     "Buttondown's (buttondown.com)", 'copy it in Buttondown, its embedding and sharing settings, "As a form"'),
    ("buttondown", "<form action='" + BUTTONDOWN + "' method='post'>", "form holds HTML, not only the form's address",
     f'write only the address: form = "{BUTTONDOWN}"'),
    ("mailchimp", "https://annakeller.example.com/subscribe/post?u=8f3a9c2b1d&id=5e7d6c4b3a", "is not an address "
     "of Mailchimp's sign-up forms (….list-manage.com)",
     "copy it in Mailchimp, Audience › Signup forms › Embedded forms: the address after action="),
    ("mailchimp", MAILCHIMP.replace("/subscribe/post?", "/subscribe?"), "is your sign-up page, not the form's address",
     f'write form = "{MAILCHIMP}"'),
    ("mailchimp", "https://annakeller.us21.list-manage.com/subscribe/post?u=8f3a9c2b1d", "is not Mailchimp's "
     "sign-up address (…/subscribe/post?u=…&id=…)", "copy it in Mailchimp"),
    ("buttondown", " " + BUTTONDOWN, "has a space at its start or end", f'write it without: form = "{BUTTONDOWN}"'),
    ("buttondown", MAILCHIMP, "is a Mailchimp address", 'write service = "mailchimp" on the line above'),
    ("mailchimp", BUTTONDOWN, "is a Buttondown address", 'write service = "buttondown" on the line above'),
])
def test_a_wrong_service_or_form_is_named_at_its_line(service, form, said, fix):
    text = with_follow(service, form)
    with pytest.raises(DataFileError) as error:
        read_practice(text, SHOWN)
    key = "service" if said.startswith("service") else "form"
    assert str(error.value).startswith(f"{SHOWN}:{line_of(text, key + ' = ')}: ")
    assert said in str(error.value) and fix in str(error.value)


def test_the_address_as_each_services_embed_code_writes_it_is_taken():
    """Mailchimp's code writes & as &amp;; Buttondown's old host and a closing slash lead to the same form."""
    settings = read_practice(with_follow("mailchimp", MAILCHIMP.replace("&", "&amp;")), SHOWN)
    assert settings["FOLLOW_FORM"] == MAILCHIMP
    for written in (BUTTONDOWN + "/", BUTTONDOWN.replace("buttondown.com", "buttondown.email"),
                    BUTTONDOWN.replace("https://", "https://www.")):
        assert read_practice(with_follow("buttondown", written), SHOWN)["FOLLOW_FORM"] == BUTTONDOWN, written


def test_a_form_pasted_whole_is_answered_with_its_address():
    html = f'<form action="{MAILCHIMP.replace("&", "&amp;")}" method="post" id="mc-embedded-subscribe-form">'
    text = PRACTICE_TOML + f'\n[follow]\nservice = "mailchimp"\nform = "{html}"\n'
    with pytest.raises(DataFileError) as error:
        read_practice(text, SHOWN)
    assert str(error.value) == (f"{SHOWN}:{line_of(text, 'form = ')}: this line holds a piece of HTML — write only "
                                f'the address after action=, in quotes: form = "{MAILCHIMP}"')


def test_follow_needs_both_lines_and_nothing_else():
    text = PRACTICE_TOML + '\n[follow]\nservice = "buttondown"\n'
    with pytest.raises(DataFileError, match=r":\d+: \[follow\] has no form — add a line form = … below"):
        read_practice(text, SHOWN)
    with pytest.raises(DataFileError, match="'sevice' is not something \\[follow\\] can have — did you mean 'service'"):
        read_practice(with_follow("buttondown", BUTTONDOWN).replace("service =", "sevice ="), SHOWN)


def test_the_files_commented_example_is_refused_until_it_is_hers():
    example = re.findall(r"^# ((?:\[follow\]|service|form).*)$", PRACTICE_TOML, re.M)
    assert example[0] == "[follow]" and len(example) == 3, "shown in her file, commented out"
    with pytest.raises(DataFileError, match="is the example address"):
        read_practice(PRACTICE_TOML + "\n" + "\n".join(example) + "\n", SHOWN)
    settings = read_practice(PRACTICE_TOML + "\n" + "\n".join(example).replace("your-name", "anna") + "\n", SHOWN)
    assert settings["FOLLOW_SERVICE"] == "buttondown"


def pictures_post():
    return post("Pictures", slug="pictures", image="images/cover.jpg", image_alt="A runner on a towpath",
                body="Read [the other post](/blog/other/) and [the stretches](#stretches).\n\n"
                     "[Call me on 01632 960123](tel:+441632960123).\n\n## Why\n\nBecause.\n\n## How\n\nSo.\n\n"
                     "![Calf stretch against a wall](/images/calf.jpg)\n\n"
                     "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n## Stretches {: #stretches}\n\nHold each.")


@pytest.fixture(scope="module")
def following(tmp_path_factory):
    """Build, once per service, a site whose facts name it; with a cover and a photo in a post."""
    sites = {}
    for service, form in (("buttondown", BUTTONDOWN), ("mailchimp", MAILCHIMP)):
        folder = tmp_path_factory.mktemp(service)
        content = folder / "content"
        write_content(content, {"data/practice.toml": with_follow(service, form), "posts/a.md": pictures_post(),
                                "posts/b.md": post("Other", slug="other", date="2024-02-01 10:00"),
                                "pages/privacy.md": (ROOT / "content/pages/privacy.md").read_text()})
        portrait(content / "images/cover.jpg", (1600, 900))
        portrait(content / "images/calf.jpg", (1200, 800))
        build(SETTINGS, folder / "output", overrides={"PATH": str(content), "CACHE_PATH": str(folder / "cache"),
                                                      "SECURITY_META": True})
        sites[service] = BuiltSite(folder / "output")
    return sites


def sign_up_form(page):
    return page.select_one("form.follow__form")


def test_each_service_gets_its_own_plain_form_after_the_booking_card(following):
    for service, site in following.items():
        page = site.page(POST)
        form = sign_up_form(page)
        assert form["action"] == (BUTTONDOWN if service == "buttondown" else MAILCHIMP)
        assert form["method"] == "post" and not form.get("onsubmit") and not form.get("target")
        email = form.select_one("input[type=email]")
        assert email["name"] == ("email" if service == "buttondown" else "EMAIL")
        assert email.has_attr("required") and email["autocomplete"] == "email"
        assert page.select_one(f'label[for="{email["id"]}"]').get_text() == "Your email address"
        assert not form.select("input[type=checkbox]"), "no box to tick, ticked or not"
        hidden = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
        assert hidden == ({"embed": "1"} if service == "buttondown" else {})
        trap = form.select("div[hidden] input")
        assert [i["name"] for i in trap] == ([] if service == "buttondown" else ["b_8f3a9c2b1d_5e7d6c4b3a"])
        words = " ".join(form.find_parent("section").get_text().split())
        name = "Buttondown" if service == "buttondown" else "Mailchimp"
        assert "An email when I publish a new post, and nothing else." in words
        assert f"{name} will email you a link to confirm" in words
        assert form.find_parent("section").select_one('a[href="/privacy/#email-updates"]')
        scripts = [script["src"] for script in page.select("script[src]")]
        assert all("/assets/video." in src for src in scripts), "the form brings no script (the video has its own)"
        html = str(page)
        assert html.index('class="contact-cta"') < html.index('class="follow"'), "booking first, always"
        assert name in site.page("/follow/").get_text() and sign_up_form(site.page("/follow/"))
        assert site.page("/").select_one('.site-footer a[href="/follow/"]').get_text() == "New posts by email"


def test_the_policy_lets_the_form_post_to_its_service_and_nowhere_else(following):
    for service, site in following.items():
        target = (BUTTONDOWN if service == "buttondown" else MAILCHIMP).split("?")[0]
        for url in ("/", POST, "/follow/", "/privacy/"):
            policy = site.page(url).select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
            directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
            assert directives["form-action"] == ["'self'", target], url
        headers = (site.output / "_headers").read_text()
        assert set(re.findall(r"form-action ([^;\n]*)", headers)) == {f"'self' {target}"}


def test_the_privacy_notice_names_the_service_only_while_it_is_set(following, site):
    for service, built in following.items():
        notice = built.page("/privacy/").select_one("#email-updates").find_parent("section")
        words = " ".join(notice.get_text().split())
        name = "Buttondown" if service == "buttondown" else "Mailchimp"
        assert f"your email address goes to {name}" in words and "press the link at the foot" in words
        assert notice.select_one("a")["href"].startswith("https://")
    assert site.page("/privacy/").select_one("#email-updates") is None, "her site: no service, no paragraph"


def test_without_a_service_readers_are_offered_a_feed_reader_and_no_form(site):
    for path in site.html_files():
        assert 'class="follow__form"' not in path.read_text(encoding="utf-8"), path
    follow = site.page("/follow/")
    assert follow.select_one("h1").get_text() == "Follow new posts"
    assert follow.select_one('a[href$="/feeds/all.atom.xml"]')
    assert "A feed reader is an app" in follow.get_text()
    assert site.page("/").select_one('.site-footer a[href="/follow/"]').get_text() == "Follow new posts"
    assert re.search(r"form-action 'self'[;\n]", (site.output / "_headers").read_text())


def entries(site, name):
    parsed = feedparser.parse((site.output / "feeds" / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def full_text(entry):
    return entry.content[0].value if "content" in entry else entry.description


def addresses(html):
    soup = BeautifulSoup(html, "html.parser")
    return [element.get(name) for element in soup.find_all(True) for name in ("href", "src") if element.get(name)]


def test_the_feeds_are_valid_and_each_post_reads_well_as_an_email(following):
    site = following["buttondown"]
    for name in ("all.atom.xml", "all.rss.xml"):
        feed = entries(site, name)
        entry = next(e for e in feed.entries if e.title == "Pictures")
        assert entry.link == "http://127.0.0.1:8000/blog/pictures/"
        assert entry.author == "ammann05"
        soup = BeautifulSoup(full_text(entry), "html.parser")
        assert not soup.select("picture, source, [srcset], script, figure")
        images = soup.select("img")
        assert [i["alt"] for i in images] == ["A runner on a towpath", "Calf stretch against a wall"], "cover first"
        assert soup.find(True) == images[0].parent, "the cover opens the email"
        assert all(int(i["width"]) <= 600 and i["src"].endswith("-1200w.jpg") for i in images), "sharp, not huge"
        assert (site.output / urlsplit(images[0]["src"]).path.lstrip("/")).is_file()
        for address in addresses(str(soup)):
            assert urlsplit(address).scheme in ("http", "https", "tel", "sms", "mailto"), address
        assert soup.select_one('a[href="http://127.0.0.1:8000/blog/pictures/#stretches"]')
        assert not soup.select("nav"), "the page's list of its sections stays on the page"
        assert "Call me on 01632 960123" in soup.get_text() and not soup.select('a[href^="tel:"]')
        assert soup.select_one('a[href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"]').get_text() == "Watch on YouTube"
        last = " ".join(soup.find_all("p")[-1].get_text().split())
        assert last.startswith("Book online · Call: 01632 960123 · Text: 07700 900123 · Email"), "booking last"
        raw = re.search(r"<(?:content|description)[^>]*>(.*?)</(?:content|description)>",
                        (site.output / "feeds" / name).read_text().split("<title>Pictures</title>")[1], re.S)[1]
        assert addresses(unescape(raw)) == addresses(str(soup)), "every link survives a reader's sanitising"


def test_rss_ids_that_are_not_addresses_say_so(following):
    rss = (following["buttondown"].output / "feeds/all.rss.xml").read_text()
    ids = re.findall(r"<guid[^>]*>[^<]*</guid>", rss)
    assert ids and all(guid.startswith('<guid isPermaLink="false">tag:') for guid in ids), ids


def test_the_real_sites_feeds_are_valid_with_her_post_in_full(site):
    for name in ("all.atom.xml", "all.rss.xml"):
        entry = entries(site, name).entries[0]
        text = full_text(entry)
        assert "Pain in the buttock is one of the most common running related problems" in text
        assert "Book" in BeautifulSoup(text, "html.parser").find_all("p")[-1].get_text()


def test_a_published_build_addresses_everything_from_the_sites_own_address(published):
    entry = entries(published, "all.atom.xml").entries[0]
    assert entry.link.startswith(PUBLISHED_URL + "/blog/")
    for address in addresses(full_text(entry)):
        parts = urlsplit(address)
        assert parts.scheme in ("https", "tel", "sms", "mailto"), address
        assert parts.scheme != "https" or address.startswith(PUBLISHED_URL) or parts.netloc != urlsplit(
            PUBLISHED_URL).netloc


@pytest.mark.slow
def test_the_form_loads_nothing_and_posts_only_where_it_should(following, chromium):
    """Chromium: no request leaves the site on load; pressing the button posts the address to the service only."""
    site = following["mailchimp"]
    with serving(site.output) as address:
        context = chromium.new_context()
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request))
        sent = []
        context.route("https://annakeller.us21.list-manage.com/**", lambda route: (
            sent.append(route.request), route.fulfill(status=200, body="Almost finished", content_type="text/plain")))
        context.route("https://elsewhere.example.net/**", lambda route: (sent.append(route.request), route.abort()))
        page.goto(address + POST)
        page.wait_for_load_state("networkidle")
        assert [r.url for r in requests if not r.url.startswith(address)] == [], "nothing from another site on load"
        page.fill("#follow-email", "reader@example.org")
        with page.expect_navigation():
            page.click("form.follow__form button[type=submit]")
        assert len(sent) == 1 and sent[0].method == "POST"
        assert sent[0].url == MAILCHIMP
        fields = parse_qs(sent[0].post_data, keep_blank_values=True)
        assert fields["EMAIL"] == ["reader@example.org"] and fields["b_8f3a9c2b1d_5e7d6c4b3a"] == [""]
        # Anything else, e.g. a form a script pointed elsewhere, is refused by the page's policy.
        page.goto(address + POST)
        page.evaluate("""() => { const form = document.querySelector('form.follow__form');
            form.action = 'https://elsewhere.example.net/collect';
            form.querySelector('input[type=email]').value = 'reader@example.org'; form.requestSubmit(); }""")
        page.wait_for_timeout(500)
        assert len(sent) == 1, "the policy let a form post to another site"
        context.close()
