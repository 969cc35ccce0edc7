"""Responsive images: versions in WebP and the original format, srcset and sizes, dimensions, lazy loading."""

from pathlib import Path

from conftest import post
from PIL import Image
from responsive_images.resize import widths_for


def photo(folder, name, size=(1600, 1000), colour=(200, 120, 40)):
    path = Path(folder) / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG")
    return path


def test_widths_are_those_below_the_image_and_its_own():
    assert widths_for(1600, (480, 800, 1200)) == [480, 800, 1200, 1600]
    assert widths_for(600, (480, 800, 1200)) == [480, 600]
    assert widths_for(300, (480, 800, 1200)) == [300]


def test_images_become_pictures_with_both_formats_and_dimensions(small_site, tmp_path):
    photo(tmp_path / "content", "hip.jpg")
    photo(tmp_path / "content", "small.jpg", size=(600, 400))
    body = "![First stretch]({static}/images/hip.jpg)\n\nText.\n\n![Second stretch](/images/small.jpg)"
    files = {"posts/x.md": post("Stretches", slug="x", body=body)}
    site = small_site(files, RESPONSIVE_IMAGE_CACHE=str(tmp_path / "c"))
    first, second = site.page("/blog/x/").select(".prose picture")
    webp = first.select_one('source[type="image/webp"]')
    assert webp["srcset"] == ("/images/hip-480w.webp 480w, /images/hip-800w.webp 800w, "
                              "/images/hip-1200w.webp 1200w, /images/hip-1600w.webp 1600w")
    img = first.select_one("img")
    assert img["srcset"].split(", ")[0] == "/images/hip-480w.jpg 480w"
    assert (img["width"], img["height"], img["alt"]) == ("1600", "1000", "First stretch")
    assert img["sizes"] == webp["sizes"] and "100vw" in img["sizes"]
    assert not img.has_attr("loading") and img["fetchpriority"] == "high", "the first image is not lazy"
    assert second.select_one("img")["loading"] == "lazy"
    assert (second.select_one("img")["width"], second.select_one("img")["height"]) == ("600", "400")
    for name in ("hip-480w.webp", "hip-1600w.jpg", "small-600w.webp", "small-480w.jpg"):
        assert (site.output / "images" / name).is_file(), name
    with Image.open(site.output / "images/hip-800w.webp") as made:
        assert made.format == "WEBP" and made.size == (800, 500)


def test_versions_are_cached_by_content(small_site, tmp_path):
    cache = tmp_path / "c"
    source = photo(tmp_path / "content", "hip.jpg")
    files = {"posts/x.md": post("X", slug="x", body="![A stretch]({static}/images/hip.jpg)")}
    small_site(files, RESPONSIVE_IMAGE_CACHE=str(cache))
    made = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(made) == 8  # four widths, two formats
    small_site(files, RESPONSIVE_IMAGE_CACHE=str(cache))
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == made, "nothing is made again"
    Image.new("RGB", (1600, 1000), (10, 200, 10)).save(source, "JPEG")
    small_site(files, RESPONSIVE_IMAGE_CACHE=str(cache))
    assert len(list(cache.iterdir())) == 16, "a changed image gets new versions"


def test_images_from_other_sites_are_left_alone(small_site):
    body = "![Logo](https://example.org/logo.png)"
    site = small_site({"posts/x.md": post("X", slug="x", body=body)})
    assert not site.page("/blog/x/").select("picture")


def test_the_about_page_shows_a_real_responsive_image(site):
    picture = site.page("/about/").select_one(".prose picture")
    img = picture.select_one("img")
    assert img["alt"].startswith("Sketch map: Linton lies about eleven miles south-east of Cambridge")
    assert (img["width"], img["height"]) == ("1600", "900")
    for candidate in picture.select_one("source")["srcset"].split(", "):
        assert (site.output / candidate.split()[0].lstrip("/")).is_file()
