"""A reader's journey: reading time, contents, references, series, related posts, neighbours, review dates, sharing."""

import datetime
import json
from types import SimpleNamespace

from conftest import post
from post_journey.journey import related_posts

LONG = ("Why the hip matters to runners.[^1]\n\n## Causes\n\n" + "Words of the post. " * 300
        + "\n\n## Treatment\n\nMore.\n\n### At home\n\nStretch.\n\n[^1]: Smith, J. (2020). Running hips.\n")


def test_related_posts_share_the_most_tags_newest_first_among_equals():
    day = datetime.datetime(2024, 1, 1)
    posts = [SimpleNamespace(title=f"p{n}", tags=tags, category=category, date=day - datetime.timedelta(days=n))
             for n, (tags, category) in enumerate([
                 (["hips", "glutes"], "Injuries"), (["hips"], "Injuries"), (["hips", "glutes"], "Pilates"),
                 (["calves"], "Injuries"), (["hips", "glutes", "core"], "Injuries"), ([], "Pilates")])]
    found = related_posts(posts)
    assert [p.title for p in found[id(posts[0])]] == ["p4", "p2", "p1"]
    assert [p.title for p in found[id(posts[5])]] == ["p2"], "a category alone relates too"
    assert [p.title for p in related_posts(posts, shown={id(posts[0]): {id(posts[4])}})[id(posts[0])]] == [
        "p2", "p1", "p3"], "a post its page links already makes room for the next"
    many = [SimpleNamespace(title=f"q{n}", tags=["running"], category="Injuries", date=day) for n in range(300)]
    assert all(len(related) == 3 for related in related_posts(many).values())


def test_a_long_post_gets_contents_references_and_its_reading_time(small_site):
    site = small_site({"posts/long.md": post("Hips", slug="long", body=LONG, tags="hips"),
                       "posts/short.md": post("Short", slug="short", body="## One\n\nA.\n\n## Two\n\nB.")})
    page = site.page("/blog/long/")
    contents = page.select_one(".prose nav.contents")
    assert [a["href"] for a in contents.select("a")] == ["#causes", "#treatment", "#at-home"]
    assert contents.find_previous_sibling("p").get_text().startswith("Why the hip matters")
    assert page.select_one("#references").get_text() == "References"
    back = page.select_one(".references .footnote-backref")["href"]
    assert page.find(id=back.removeprefix("#")), "the back-link leads to where the footnote is cited"
    assert page.select_one(".article-meta .reading-time").get_text() == "6 min read", "1,220 words at 220 a minute"
    assert not site.page("/blog/short/").select("nav.contents"), "two headings need no contents"
    cards = site.page("/").select(".post-card__meta .reading-time")
    assert {card.get_text() for card in cards} == {"6 min read", "1 min read"}


def test_a_series_links_its_parts_in_order(small_site):
    files = {f"posts/part-{n}.md": post(f"Back to running, part {n}", slug=f"part-{n}", date=f"2024-0{n}-01",
                                        series="Back to running after injury") for n in range(1, 5)}
    site = small_site({**files, "posts/other.md": post("Other", slug="other", series="Something else")})
    series = site.page("/blog/part-2/").select_one("nav.series")
    assert "Part 2 of 4 in the series Back to running after injury" in " ".join(series.get_text().split())
    parts = series.select("li")
    assert [li.get_text(strip=True) for li in parts] == [f"Back to running, part {n}" for n in range(1, 5)]
    assert parts[1].select_one('[aria-current="page"]') and not parts[1].select("a")
    assert parts[2].select_one("a")["href"] == "/blog/part-3/"
    assert "Part 1 of 1" in site.page("/blog/other/").select_one("nav.series").get_text()


def test_related_posts_and_neighbours_on_a_site_of_300_posts(small_site):
    topics = ("hips", "calves", "knees", "core", "sleep")
    files = {f"posts/p{n}.md": post(f"Post {n}", slug=f"p{n}", date=f"2023-01-01 {n // 60:02d}:{n % 60:02d}",
                                    tags=f"{topics[n % 5]}, {topics[(n * 7) % 5]}", body="Text.")
             for n in range(300)}
    site = small_site(files)
    page = site.page("/blog/p150/")
    related = [a["href"] for a in page.select(".related-posts a")]
    assert len(related) == 3 and "/blog/p150/" not in related
    for href in related:
        tags = {a.get_text() for a in site.page(href).select(".post-tags a")}
        assert tags & {"hips", "calves", "knees", "core", "sleep"} & {
            a.get_text() for a in page.select(".post-tags a")}, "each shares a tag"
    assert page.select_one('a[rel="prev"]')["href"] == "/blog/p149/"
    assert page.select_one('a[rel="next"]')["href"] == "/blog/p151/"
    assert not site.page("/blog/p299/").select('a[rel="next"]'), "the newest post has no next"


def test_related_posts_never_repeat_the_previous_or_next_post(small_site):
    files = {f"posts/p{n}.md": post(f"Post {n}", slug=f"p{n}", date=f"2024-01-{n + 1:02d}", tags="hips", body="Text.")
             for n in range(8)}
    site = small_site(files)
    for number in range(8):
        page = site.page(f"/blog/p{number}/")
        neighbours = {a["href"] for a in page.select('a[rel="prev"], a[rel="next"]')}
        related = {a["href"] for a in page.select(".related-posts a")}
        assert len(related) == 3 and neighbours and not related & neighbours, number


def test_a_reviewed_post_says_so_and_is_described_as_a_medical_page(small_site):
    site = small_site({"posts/r.md": post("Reviewed", slug="r", reviewed="2025-01-10", reviewed_by="Dr A. Jones"),
                       "posts/s.md": post("Self-reviewed", slug="s", reviewed="2025-02-01")})
    page = site.page("/blog/r/")
    assert " ".join(page.select_one(".article-meta--reviewed").get_text().split()) == \
        "Medically reviewed by Dr A. Jones on 10 January 2025"
    data = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    posting = next(d for d in data if d.get("headline") == "Reviewed")
    assert posting["@type"] == "MedicalWebPage" and posting["lastReviewed"] == "2025-01-10"
    assert posting["reviewedBy"] == {"@type": "Person", "name": "Dr A. Jones"}
    assert "Last reviewed 1 February 2025" in " ".join(site.page("/blog/s/").select_one(
        ".article-meta--reviewed").get_text().split())


def test_share_links_are_plain_links_that_load_nothing(small_site):
    site = small_site({"posts/x.md": post("Tight calves & you", slug="x")})
    page = site.page("/blog/x/")
    links = {a.get_text(): a["href"] for a in page.select(".share-links a")}
    assert set(links) == {"Email", "WhatsApp", "Facebook", "X", "LinkedIn"}
    assert links["Facebook"] == "https://www.facebook.com/sharer/sharer.php?u=http%3A//127.0.0.1%3A8000/blog/x/"
    assert "Tight%20calves%20%26%20you" in links["Email"]
    html = site.path("/blog/x/").read_text()
    assert not any(f'src="https://{host}' in html for host in ("www.facebook.com", "x.com", "wa.me"))


def test_a_cover_image_heads_the_post_shows_on_its_card_and_is_its_share_image(small_site, tmp_path):
    from PIL import Image

    (tmp_path / "content/images").mkdir(parents=True)
    Image.new("RGB", (1600, 900), (30, 120, 90)).save(tmp_path / "content/images/track.jpg")
    site = small_site({"posts/c.md": post("Cover", slug="c", image="{static}/images/track.jpg",
                                          image_alt="Runners on a track at dawn")})
    page = site.page("/blog/c/")
    img = page.select_one(".post-header picture.post-cover img")
    assert (img["width"], img["height"], img["alt"]) == ("1600", "900", "Runners on a track at dawn")
    assert img["fetchpriority"] == "high" and "/images/track-480w.jpg 480w" in img["srcset"]
    assert page.select_one('meta[property="og:image"]')["content"].endswith("/images/track-1200w.jpg")
    assert page.select_one('meta[property="og:image:height"]')["content"] == "675"
    data = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    assert next(d for d in data if d.get("headline") == "Cover")["image"].endswith("/images/track-1200w.jpg")
    card = site.page("/").select_one(".post-card--cover img.post-card__image")
    assert (card["src"], card["loading"], card["width"], card["height"]) == ("/images/track-480w.webp", "lazy",
                                                                             "480", "270")
    for src in (img["src"], card["src"]):
        assert site.path(src).is_file()


def test_a_cover_that_is_not_an_image_of_the_site_is_named(small_site):
    import pytest

    from sitetools.build import BuildError

    with pytest.raises(BuildError) as raised:
        small_site({"posts/c.md": post("Cover", slug="c", image="https://example.org/x.jpg")})
    assert any(p.path == "content/posts/c.md" and "is not an image in content/images/" in p.what
               for p in raised.value.errors), raised.value.problems


def test_her_portrait_shows_beside_posts_on_about_and_at_home_once_she_adds_one(small_site, tmp_path):
    from conftest import PRACTICE_TOML, ROOT
    from PIL import Image

    site = small_site({"posts/x.md": post("X", slug="x")})
    assert site.page("/blog/x/").select_one(".author-box__initials").get_text() == "A", "until then, her initial"
    (tmp_path / "content/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 1200), (200, 170, 150)).save(tmp_path / "content/images/me.jpg")
    facts = PRACTICE_TOML.replace('display_name = "ammann05"\n', 'display_name = "ammann05"\n'
                                  'portrait = "images/me.jpg"\nportrait_description = "Her, smiling"\n')
    about = (ROOT / "content/pages/about.md").read_text(encoding="utf-8")
    site = small_site({"posts/x.md": post("X", slug="x"), "data/practice.toml": facts, "pages/about.md": about})
    box = site.page("/blog/x/").select_one(".author-box__portrait")
    assert (box["alt"], box["loading"], box["width"], box["height"]) == ("Her, smiling", "lazy", "480", "640")
    for url in ("/", "/about/"):
        portrait = site.page(url).select_one("picture.portrait img")
        assert portrait["alt"] == "Her, smiling" and site.path(portrait["src"]).is_file(), url
