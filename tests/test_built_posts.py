"""Small sites of the tests' own: per-post switches and escaping, through the real theme."""

import os

from conftest import ROOT, post

from sitetools.build import build
from sitetools.linkcheck import check_site


def test_per_post_switches_and_wording_reach_the_page(small_site):
    site = small_site({
        "posts/quiet.md": post("Quiet post", slug="quiet", cta="off", comments="off"),
        "posts/custom.md": post("Custom post", slug="custom", cta_heading="Sore hips?", cta_text="Book a hip check."),
    })
    quiet = site.page("/blog/quiet/")
    assert not quiet.select(".contact-cta, .comments")
    assert quiet.select_one(".site-header__actions a[href^='tel:']"), "the header action stays"
    custom = site.page("/blog/custom/").select_one(".contact-cta")
    assert custom.select_one("h2").get_text() == "Sore hips?"
    assert custom.select_one("p").get_text() == "Book a hip check."


def test_settings_turn_comments_off_site_wide(small_site):
    site = small_site({"posts/a.md": post("A post", slug="a")}, COMMENTS_ENABLED=False)
    page = site.page("/blog/a/")
    assert not page.select(".comments") and page.select(".contact-cta")


def test_titles_and_metadata_are_escaped_everywhere(small_site):
    title = '<script>alert("t")</script> & "friends"'
    site = small_site({"posts/x.md": post(title, slug="x", cta_text="<img src=x onerror=alert(1)>")})
    for url in ("/blog/x/", "/", "/archives/", "/category/running-injuries/"):
        page = site.page(url)
        assert not [s for s in page.select('script:not([type="application/ld+json"])') if "alert" in s.text], url
        assert title in page.get_text(), url
    cta = site.page("/blog/x/").select_one(".contact-cta")
    assert not cta.select("img") and "<img src=x onerror=alert(1)>" in cta.get_text()
    raw = site.path("/blog/x/").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; &amp; &#34;friends&#34;" in raw


def test_markdown_in_a_post_is_rendered_not_escaped(small_site):
    site = small_site({"posts/x.md": post("Lists", body="1. One\n2. Two", slug="x")})
    assert [li.get_text() for li in site.page("/blog/x/").select(".prose ol li")] == ["One", "Two"]


def test_modified_date_shows_as_updated(small_site):
    site = small_site({"posts/x.md": post("Changed", slug="x", modified="2024-06-02 08:00")})
    meta = site.page("/blog/x/").select_one(".article-meta").get_text(" ", strip=True)
    assert meta.startswith("1 March 2024 , updated 2 June 2024")


def test_pagination_links_older_posts(small_site):
    files = {f"posts/p{n}.md": post(f"Post {n}", slug=f"p{n}", date=f"2024-01-{n:02d}") for n in range(1, 13)}
    site = small_site(files)
    assert site.page("/").select_one('.pagination a[rel="next"]')["href"] == "/page/2/"
    second = site.page("/page/2/")
    assert len(second.select(".post-card")) == 2
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "/"


def test_drafts_and_future_posts_stay_out_of_the_built_site(small_site):
    site = small_site({
        "posts/live.md": post("Live post", slug="live"),
        "posts/draft.md": post("Draft post", slug="draft", status="draft"),
        "posts/later.md": post("Later post", slug="later", date="2999-01-01 09:00"),
    })
    assert (site.result.posts, site.result.drafts) == (1, ["content/posts/draft.md"])
    assert [(title, shown) for title, _, shown in site.result.scheduled] == [("Later post", "content/posts/later.md")]
    texts = [p for p in site.output.rglob("*") if p.suffix in (".html", ".xml", ".txt")]
    everything = "".join(p.read_text(encoding="utf-8") for p in texts)
    assert "Live post" in everything
    assert "Draft post" not in everything and "Later post" not in everything
    names = [p.relative_to(site.output).as_posix() for p in site.output.rglob("*")]
    assert not [name for name in names if "draft" in name or "later" in name]


def test_publish_build_uses_the_real_address(monkeypatch, tmp_path):
    monkeypatch.setenv("SITEURL", "https://therapy.example.org/")
    output = tmp_path / "published"
    build(ROOT / "publishconf.py", output)
    site_url = "https://therapy.example.org"
    page = (output / "blog/if-running-becomes-a-pain-in-the-butt/index.html").read_text(encoding="utf-8")
    assert f'href="{site_url}/about/"' in page
    assert f'href="{site_url}/feeds/all.atom.xml"' in page
    assert f"<id>{site_url}/</id>" in (output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert check_site(output, site_url) == []


def test_writing_preview_shows_drafts_and_scheduled_posts_labelled(small_site):
    files = {
        "posts/live.md": post("Live post", slug="live"),
        "posts/draft.md": post("Draft post", slug="draft", status="draft"),
        "posts/later.md": post("Later post", slug="later", date="2999-01-01 09:00"),
        "pages/plan.md": "Title: Price list\nStatus: draft\n\nSoon.\n",
    }
    site = small_site(files, WRITING_MODE=True, WITH_FUTURE_DATES=True)
    labels = {card.select_one("a").get_text(): card.select_one(".preview-label") for card in
              site.page("/").select(".post-card")}
    assert labels["Live post"] is None
    assert labels["Draft post"].get_text() == "Draft"
    assert labels["Later post"].get_text() == "Scheduled for 1 January 2999"
    assert site.page("/blog/draft/").select_one(".article-meta .preview-label").get_text() == "Draft"
    assert site.page("/price-list/").select_one(".preview-label").get_text() == "Draft"
    assert (site.result.posts, len(site.result.drafts), len(site.result.scheduled)) == (1, 1, 1)


def test_cached_conversion_follows_the_content_not_the_file_time(small_site, tmp_path):
    site = small_site({"posts/x.md": post("X", slug="x", body="First words.")})
    source = tmp_path / "content/posts/x.md"
    stamp = source.stat().st_mtime_ns
    source.write_text(post("X", slug="x", body="Second words."), encoding="utf-8")
    os.utime(source, ns=(stamp, stamp))  # a save within the same clock tick keeps the time
    site = small_site({})
    assert "Second words." in site.page("/blog/x/").select_one(".prose").get_text()
