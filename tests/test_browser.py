"""The site in a real browser: accessibility (axe), keyboard use, small screens, dark mode and print."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, post

pytestmark = pytest.mark.slow  # a real browser: `pytest -m "not slow"` runs the other tests alone

POST = "/blog/if-running-becomes-a-pain-in-the-butt/"
PAGE_TYPES = {
    "home": "/",
    "article": POST,
    "page": "/about/",
    "category": "/category/running-injuries/",
    "tag": "/tag/running/",
    "archives": "/archives/",
    "404": "/no-such-page/",
    "services": "/services/",
    "contact": "/contact/",
    "search": "/search/?q=pigeon",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture
def new_page(chromium):
    contexts = []

    def make(viewport=VIEWPORTS["phone"], color_scheme="light", **options):
        context = chromium.new_context(viewport=viewport, color_scheme=color_scheme, **options)
        contexts.append(context)
        page = context.new_page()
        requests, failures = page.requests, page.failures = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("response", lambda response: failures.append(response.url) if response.status >= 400 else None)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_violations(served_site, new_page, kind, viewport, scheme):
    page = new_page(VIEWPORTS[viewport], scheme)
    page.goto(served_site + PAGE_TYPES[kind])
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert all(url.startswith(served_site) for url in page.requests), "no request leaves the site"
    assert [url for url in page.failures if url != served_site + PAGE_TYPES[kind]] == [], "every resource loads"


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching selector has focus; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_alone_home_to_post_to_about_to_contact(served_site, new_page):
    page = new_page()
    page.goto(served_site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    tab_to(page, f'.post-card a[href="{POST}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(served_site + POST)
    tab_to(page, '.author-box a[href="/about/"]')
    page.keyboard.press("Enter")
    page.wait_for_url(served_site + "/about/")
    tab_to(page, ".site-menu__toggle")  # on a phone the menu is behind one button
    page.keyboard.press("Enter")
    tab_to(page, '.site-nav a[href="/contact/"]')
    page.keyboard.press("Enter")
    page.wait_for_url(served_site + "/contact/")
    assert page.locator("main h1").inner_text() == "Contact and booking"


def test_call_to_action_links_are_reachable_and_big_enough(served_site, new_page):
    page = new_page()
    page.goto(served_site + POST)
    hrefs = page.eval_on_selector_all(".contact-cta a", "links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) == 4
    for href in hrefs:
        tab_to(page, f'.contact-cta a[href="{href}"]')
        box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        assert box["width"] >= 44 and box["height"] >= 44, (href, box)


@pytest.mark.parametrize("url", list(PAGE_TYPES.values()))
def test_no_sideways_scrolling_at_320_pixels(served_site, new_page, url):
    page = new_page({"width": 320, "height": 700})
    page.goto(served_site + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_dark_mode_changes_only_the_colours(served_site, new_page):
    light, dark = new_page(color_scheme="light"), new_page(color_scheme="dark")
    for page in (light, dark):
        page.goto(served_site + POST)
    style = "(s) => { const c = getComputedStyle(document.querySelector(s)); " \
            "return [c.color, c.backgroundColor, c.fontSize] }"
    body_light, body_dark = light.evaluate(style, "body"), dark.evaluate(style, "body")
    assert body_light[:2] != body_dark[:2] and body_light[2] == body_dark[2]
    assert dark.evaluate(style, "body")[1] == "rgb(20, 24, 22)"


def test_print_shows_the_stretches_and_link_addresses_not_the_site_around_them(served_site, new_page):
    page = new_page()
    page.goto(served_site + POST)
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".contact-cta", ".comments"):
        assert not page.locator(selector).is_visible(), selector
    assert page.locator(".prose > ol > li").count() == 5 and page.locator(".prose > ol").is_visible()
    assert page.locator(".prose .contents").is_visible(), "the contents are printed"
    page.goto(served_site + "/privacy/")
    page.emulate_media(media="print")
    link = "document.querySelector('.prose a[href=\"https://ico.org.uk/\"]')"
    assert page.evaluate(f"getComputedStyle({link}, '::after').content") == '" (https://ico.org.uk/)"'
    page.emulate_media(media="screen")
    assert page.evaluate(f"getComputedStyle({link}, '::after').content") == "none"


def test_search_for_pigeon_finds_the_post(served_site, new_page):
    page = new_page()
    page.goto(served_site + "/")
    page.click(".site-menu__toggle")
    page.fill("#site-search", "pigeon")
    page.keyboard.press("Enter")
    page.wait_for_url(served_site + "/search/?q=pigeon")
    result = page.locator(".search-results a").first
    result.wait_for()
    assert result.get_attribute("href") == POST
    assert page.locator(".search-results mark").first.inner_text().lower() == "pigeon"
    assert page.locator(".search-status").inner_text() == "1 result for “pigeon”."
    assert page.input_value("#search-page-query") == "pigeon"


def test_search_page_points_to_the_archives_without_javascript(served_site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(served_site + "/search/?q=pigeon")
    assert page.locator('noscript a[href="/archives/"]').count() == 1
    assert "Search needs JavaScript" in page.content()


def test_only_the_search_page_loads_a_script_file(served_site, new_page):
    page = new_page()
    for url in ("/", POST, "/contact/"):
        page.goto(served_site + url)
    assert not [url for url in page.requests if url.endswith(".js")], "a post carries its one script inline"
    page.goto(served_site + "/search/?q=pigeon")
    page.locator(".search-results a").first.wait_for()
    assert any("/assets/search." in url and url.endswith(".js") for url in page.requests)


@pytest.fixture(scope="module")
def served_published(tmp_path_factory):
    """Build with publishconf.py for a server on 127.0.0.1, so every absolute address leads to it."""
    import threading

    from sitetools.build import build
    from sitetools.serve import make_server

    output = tmp_path_factory.mktemp("published-local") / "output"
    server = make_server(output, port=0)
    address = f"http://127.0.0.1:{server.server_address[1]}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", address)
        build(ROOT / "publishconf.py", output)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield address
    server.shutdown()
    server.server_close()


def test_publish_build_works_under_its_security_policy(served_published, new_page):
    page = new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    for url in ("/", POST, "/about/", "/contact/"):
        page.goto(served_published + url)
        assert page.evaluate("document.styleSheets.length") == 1, f"{url}: the inline style applies"
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(251, 250, 247)"
    page.goto(served_published + "/search/?q=pigeon")
    page.locator(".search-results a").first.wait_for()
    assert page.locator(".search-results a").first.get_attribute("href").endswith(POST)
    assert not [m for m in messages if "Content Security Policy" in m or "Refused" in m], messages


def test_copy_link_puts_the_post_address_on_the_clipboard(served_published, new_page):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(served_published + POST)  # the publish build: its policy must let the button run
    button = page.get_by_role("button", name="Copy link")
    assert button.bounding_box()["height"] >= 44, "as easy to tap as the share links"
    button.click()
    page.get_by_role("status").filter(has_text="Link copied").wait_for()  # the clipboard answers in its own time
    assert page.evaluate("navigator.clipboard.readText()") == served_published + POST


def test_without_javascript_the_share_links_stand_alone(served_site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(served_site + POST)
    assert page.locator(".share-links a").count() == 5
    assert page.get_by_role("button", name="Copy link").count() == 0, "no button that does nothing"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_nothing_in_the_call_to_action_breaks_a_word(served_site, new_page, viewport):
    page = new_page(VIEWPORTS[viewport])
    page.goto(served_site + POST)
    broken = page.evaluate("""() => [...document.querySelectorAll(
          '.contact-cta .button__detail, .contact-cta .button__label')].filter(el => {
          const words = el.textContent.trim().split(/\\s+/);
          const range = document.createRange();
          return words.some(word => {
            const start = el.textContent.indexOf(word);
            range.setStart(el.firstChild, start); range.setEnd(el.firstChild, start + word.length);
            return range.getClientRects().length > 1;
          });
        }).map(el => el.textContent.trim())""")
    assert broken == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_booking_action_has_one_size(served_site, new_page, viewport):
    page = new_page(VIEWPORTS[viewport])
    page.goto(served_site + POST)
    sizes = page.evaluate("""() => [...document.querySelectorAll('.contact-cta__actions .button')]
        .map(el => el.getBoundingClientRect()).map(box => [Math.round(box.width), Math.round(box.height)])""")
    assert len(sizes) == 4 and len({tuple(size) for size in sizes}) == 1, sizes


@pytest.mark.parametrize(("viewport", "tallest"), [("phone", 120), ("desktop", 140)])
def test_the_header_is_small_and_its_menu_needs_no_script(served_site, new_page, viewport, tallest):
    page = new_page(VIEWPORTS[viewport], java_script_enabled=False)
    page.goto(served_site + POST)
    assert page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height") <= tallest
    assert page.locator(".site-header__actions a").count() == 2, "Call and Book stay in view"
    contact = page.locator('.site-nav a[href="/contact/"]')
    if viewport == "phone":
        assert not contact.is_visible()
        page.click(".site-menu__toggle")
    assert contact.is_visible() and page.locator("#site-search").is_visible()


def test_a_post_with_every_part_of_the_journey_is_accessible_and_valid(small_site, tmp_path, new_page):
    """A cover, contents, references, a series, a review date and related posts: axe and the Nu Html Checker."""
    from PIL import Image
    from test_post_journey import LONG

    from sitetools.check import html_findings
    from sitetools.serve import serving

    (tmp_path / "content/images").mkdir(parents=True)
    Image.new("RGB", (1600, 900), (30, 120, 90)).save(tmp_path / "content/images/track.jpg")
    parts = {f"posts/part{n}.md": post(f"Back to running, part {n}", slug=f"part{n}", tags="hips, running",
                                       series="Back to running", date=f"2024-0{n}-01 10:00") for n in (1, 2, 3)}
    parts |= {f"posts/old{n}.md": post(f"Hips, {n}", slug=f"old{n}", tags="hips, running", date=f"2022-0{n}-01")
              for n in (1, 2, 3)}  # related posts beside the previous and next, which they never repeat
    site = small_site({**parts, "posts/c.md": post(
        "Hips and running", slug="c", body=LONG, tags="hips, running", series="Back to running",
        reviewed="2025-01-10", image="{static}/images/track.jpg", image_alt="Runners on a track at dawn")})
    assert html_findings(site.output) == []
    with serving(site.output) as address:
        for viewport in VIEWPORTS.values():
            for scheme in ("light", "dark"):
                page = new_page(viewport, scheme)
                page.goto(address + "/blog/c/")
                assert page.locator(".post-cover img, nav.contents, .footnote, .related-posts li, .series").count() >= 7
                results = Axe().run(page)
                assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_header_content_and_footer_share_one_left_edge(served_site, new_page, kind):
    page = new_page(VIEWPORTS["desktop"])
    page.goto(served_site + PAGE_TYPES[kind])
    edges = {selector: page.locator(selector).first.bounding_box()["x"]
             for selector in (".site-header__brand", "main h1", ".site-footer h2")}
    assert max(edges.values()) - min(edges.values()) <= 1, edges


def test_her_name_is_in_the_first_screen_of_home(small_site, tmp_path, new_page):
    from sitetools.sample import fill_in
    from sitetools.serve import serving

    fill_in(tmp_path / "content")  # the sample facts: her name is Anna Keller, with a portrait
    site = small_site({"posts/a.md": post("Stretches after every run", slug="a")})
    viewport = VIEWPORTS["phone"]
    with serving(site.output) as address:
        page = new_page(viewport)
        page.goto(address + "/")
        names = page.locator("main").get_by_text("Anna Keller")
        boxes = [names.nth(index).bounding_box() for index in range(names.count()) if names.nth(index).is_visible()]
        assert boxes, "her name is on the home page"
        assert min(box["y"] + box["height"] for box in boxes) <= viewport["height"], boxes


def test_related_posts_never_repeat_previous_or_next(small_site, new_page):
    from sitetools.serve import serving

    tags = ("running, hips", "running, calves", "running, hips, calves")
    site = small_site({f"posts/p{n}.md": post(f"Running well, part {n}", slug=f"p{n}", tags=tags[n % 3],
                                              date=f"2024-0{n}-01 10:00") for n in range(1, 9)})
    links = "(selector) => [...document.querySelectorAll(selector)].map(a => a.getAttribute('href'))"
    checked = 0
    with serving(site.output) as address:
        page = new_page()
        for number in range(1, 9):
            page.goto(f"{address}/blog/p{number}/")
            related = set(page.evaluate(links, ".related-posts a"))
            neighbours = set(page.evaluate(links, ".post-neighbours a"))
            assert not related & neighbours, (number, related & neighbours)
            checked += bool(related and neighbours)
    assert checked, "some post has both related posts and a previous or next one"


def test_with_her_portrait_and_credentials_home_and_about_are_accessible_and_valid(small_site, tmp_path, new_page):
    """The sample facts fill in what her own file leaves out: a portrait, memberships with registers, an insurer."""
    from sitetools.check import html_findings
    from sitetools.sample import fill_in
    from sitetools.serve import serving

    fill_in(tmp_path / "content")
    site = small_site({"posts/a.md": post("Stretches after every run", slug="a"),
                       "pages/about.md": "Title: About me\nSlug: about\nTemplate: about\n\nMy story.\n",
                       "pages/privacy.md": (ROOT / "content/pages/privacy.md").read_text(encoding="utf-8")})
    assert html_findings(site.output) == []  # every page, the sign-up form of the sample's [follow] too
    assert site.page("/blog/a/").select_one("form.follow__form") and site.page("/privacy/").select("#email-updates")
    with serving(site.output) as address:
        for viewport in VIEWPORTS.values():
            for scheme in ("light", "dark"):
                page = new_page(viewport, scheme)
                # The sign-up form's pages in two of the four: each width once, each scheme once.
                extra = ("/blog/a/", "/follow/", "/privacy/") if (viewport is VIEWPORTS["phone"]) == (
                    scheme == "light") else ()
                for url in ("/", "/about/", *extra):
                    page.goto(address + url)
                    if url in ("/", "/about/"):
                        portrait = page.locator("main .portrait img").first.bounding_box()
                        assert 0 < portrait["y"] < viewport["height"], "her face is in the first screen"
                    results = Axe().run(page)
                    assert results.violations_count == 0, (url, results.generate_report())
                page.goto(address + "/about/")
                assert page.locator("#credentials a[href^='https://']").count() == 2, "each register is linked"
