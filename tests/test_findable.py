"""Findable and shareable: titles, descriptions, canonical and preview tags, JSON-LD, sitemap, robots, icons."""

import json
import xml.etree.ElementTree as ET
from urllib.parse import unquote

from conftest import PUBLISHED_URL, ROOT, post
from PIL import Image

POST = "/blog/if-running-becomes-a-pain-in-the-butt/"
SITE_URL = PUBLISHED_URL


def listed_pages(site):
    return [p for p in site.html_files() if p.name == "index.html" and "/page/" not in p.as_posix()]


def test_every_page_has_a_unique_title_and_description(site):
    titles, descriptions = {}, {}
    for path in listed_pages(site):
        page = site.page("/" + path.relative_to(site.output).as_posix())
        titles.setdefault(page.title.get_text(), []).append(path)
        description = page.select_one('meta[name="description"]')["content"]
        assert len(description) > 20, path
        descriptions.setdefault(description, []).append(path)
    assert [paths for paths in titles.values() if len(paths) > 1] == []
    assert [paths for paths in descriptions.values() if len(paths) > 1] == []


def test_post_description_is_its_summary(site):
    description = site.page(POST).select_one('meta[name="description"]')["content"]
    assert description.startswith("Pain in the buttock is one of the most common running problems")


def test_publish_build_has_canonical_and_preview_tags_with_absolute_addresses(published):
    page = published.page(POST)
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in page.select("meta[content]")}
    assert page.select_one('link[rel="canonical"]')["href"] == SITE_URL + POST
    assert meta["og:url"] == SITE_URL + POST and meta["og:type"] == "article" and meta["og:locale"] == "en_GB"
    assert meta["og:title"] == meta["twitter:title"] == "If running becomes a pain in the butt · " \
        "Linton Soft Tissue Therapy & Pilates"
    image = SITE_URL + "/images/share/blog/if-running-becomes-a-pain-in-the-butt.png"
    assert meta["og:image"] == meta["twitter:image"] == image
    assert meta["twitter:card"] == "summary_large_image"
    home = {tag.get("property"): tag["content"] for tag in published.page("/").select("meta[property]")}
    assert home["og:image"] == SITE_URL + "/images/share/site.png" and home["og:type"] == "website"


def test_share_images_are_drawn_once_and_reused(small_site, tmp_path):
    cache = tmp_path / "cache"
    site = small_site({"posts/a.md": post("Hamstring care", slug="a")}, SHARE_IMAGE_CACHE=str(cache))
    image = Image.open(site.output / "images/share/blog/a.png")
    assert image.size == (1200, 630) and image.convert("RGB").getpixel((5, 5)) == (11, 97, 87)  # the accent token
    drawn = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(drawn) == 2  # the post's and the site's
    site = small_site({"posts/a.md": post("Hamstring care", slug="a"), "posts/b.md": post("Calf care", slug="b")},
                      SHARE_IMAGE_CACHE=str(cache))
    again = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert {name: again[name] for name in drawn} == drawn, "unchanged posts are not redrawn"
    assert len(again) == 3
    small_site({"posts/a.md": post("Hamstring care, revised", slug="a")}, SHARE_IMAGE_CACHE=str(cache))
    assert len(list(cache.iterdir())) == 4, "a changed title draws a new image"


def json_ld(page):
    return [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]


def test_structured_data_parses_and_describes_post_person_and_practice(published):
    (posting,) = json_ld(published.page(POST))
    assert posting["@type"] == "BlogPosting" and posting["headline"] == "If running becomes a pain in the butt"
    assert posting["datePublished"].startswith("2019-05-20T09:00:00")
    assert posting["author"]["@type"] == "Person" and posting["author"]["url"] == SITE_URL + "/about/"
    assert posting["publisher"]["name"] == "Linton Soft Tissue Therapy & Pilates"
    assert posting["image"] == SITE_URL + "/images/share/blog/if-running-becomes-a-pain-in-the-butt.png"
    assert posting["inLanguage"] == "en-GB"
    (person,) = json_ld(published.page("/about/"))
    assert person["@type"] == "Person" and person["jobTitle"] and person["hasCredential"]
    for url in ("/", "/contact/"):
        (business,) = json_ld(published.page(url))
        assert business["@type"] == "HealthAndBeautyBusiness"
        assert business["telephone"] == "+441632960123" and business["email"] == "hello@example.com"
        assert business["address"]["addressLocality"] == "Linton"
        assert business["address"]["addressCountry"] == "GB"
        assert business["areaServed"] == "Linton and the villages around Cambridge"
        assert business["openingHoursSpecification"][0] == {
            "@type": "OpeningHoursSpecification", "dayOfWeek": ["Monday", "Tuesday", "Thursday"],
            "opens": "09:00", "closes": "18:00"}
        assert business["url"] == SITE_URL + "/" and business["priceRange"] == "£12–£65"


def test_structured_data_cannot_be_closed_by_a_title(small_site):
    title = 'Hips </script><script>alert("x")</script> & knees'
    site = small_site({"posts/x.md": post(title, slug="x")})
    raw = site.path("/blog/x/").read_text(encoding="utf-8")
    assert raw.count("</script>") == 2, "the JSON-LD and the Copy link script, nothing from the title"
    assert "<script>alert" not in raw
    (posting,) = json_ld(site.page("/blog/x/"))
    assert posting["headline"] == title


def test_sitemap_lists_published_pages_only_and_robots_names_it(published):
    tree = ET.parse(published.output / "sitemap.xml")
    locations = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {SITE_URL + "/", SITE_URL + POST, SITE_URL + "/services/", SITE_URL + "/contact/"} <= locations
    assert not [loc for loc in locations if "404" in loc or "first-visit" in loc or "robots" in loc]
    robots = (published.output / "robots.txt").read_text()
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in robots


def test_feeds_and_icons_are_linked_from_every_page(site):
    for path in site.html_files():
        page = site.page("/" + path.relative_to(site.output).as_posix())
        assert page.select_one('link[rel="alternate"][type="application/atom+xml"]'), path
        assert page.select_one('link[rel="alternate"][type="application/rss+xml"]'), path
        icon = page.select_one('link[rel="icon"][type="image/svg+xml"]')["href"]
        assert unquote(icon) == "data:image/svg+xml," + (ROOT / "theme/static/favicon.svg").read_text().strip()
        assert page.select_one('link[rel="icon"][href^="/assets/favicon."][href$=".ico"]'), path
    (ico,) = (site.output / "assets").glob("favicon.*.ico")
    assert ico.read_bytes() == (ROOT / "theme/static/favicon.ico").read_bytes()
    assert (site.output / "theme/favicon.svg").read_text().startswith("<svg")


def test_every_json_ld_block_on_every_page_parses(published):
    blocks = 0
    for path in published.html_files():
        for data in json_ld(published.page("/" + path.relative_to(published.output).as_posix())):
            assert data["@context"] == "https://schema.org" and data["@type"], path
            blocks += 1
    assert blocks >= 4


def test_many_new_share_images_are_drawn_on_every_core(small_site, tmp_path):
    from share_image.draw import PARALLEL_FROM

    cache = tmp_path / "cache"
    files = {f"posts/p{n}.md": post(f"Stretch number {n}", slug=f"p{n}") for n in range(PARALLEL_FROM + 2)}
    site = small_site(files, SHARE_IMAGE_CACHE=str(cache))
    drawn = list(cache.glob("*.png"))
    assert len(drawn) == PARALLEL_FROM + 3 and not list(cache.glob("*.partial*"))
    images = [Image.open(site.output / f"images/share/blog/p{n}.png") for n in range(PARALLEL_FROM + 2)]
    assert all(image.size == (1200, 630) for image in images)
    assert len({image.tobytes() for image in images}) == PARALLEL_FROM + 2, "each post has its own image"
