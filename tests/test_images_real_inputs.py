"""Images as they arrive from phones, WordPress and failed copies: duplicates, cut-short and oversized files."""

import os
import struct
import zlib
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from conftest import post
from PIL import Image

from sitetools.build import BuildError


def noisy_photo(path, size=(1600, 1000)):
    """Write a JPEG of random pixels (it compresses little, so cutting it short loses real data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(path, "JPEG", quality=90)
    return path


def bomb_png(path, width=40000, height=40000):
    """Write a valid PNG header claiming width × height pixels, with a few bytes of pixel data."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                     + chunk(b"IEND", b""))
    return path


def test_the_same_photo_under_two_names_is_published_under_both(small_site, tmp_path):
    images = tmp_path / "content/images"
    first = noisy_photo(images / "stretch.jpg")
    (images / "stretch-1.jpg").write_bytes(first.read_bytes())  # WordPress's second upload of the same photo
    noisy_photo(images / "walk.jpg", (1200, 900))  # more than one photo to make: several processes make them
    body = "![Stretch](/images/stretch.jpg)\n\n![Again](/images/stretch-1.jpg)\n\n![Walk](/images/walk.jpg)"
    site = small_site({"posts/x.md": post("X", slug="x", body=body)}, RESPONSIVE_IMAGE_WORKERS=2)
    sources = [img["src"] for img in site.page("/blog/x/").select(".prose picture img")]
    assert sources == ["/images/stretch-1600w.jpg", "/images/stretch-1-1600w.jpg", "/images/walk-1200w.jpg"]
    for name in ("stretch", "stretch-1"):
        for version, width in ((f"{name}-480w.webp", 480), (f"{name}-1600w.jpg", 1600), (f"{name}.jpg", 1600)):
            with Image.open(site.output / "images" / version) as made:
                assert made.width == width, version


def stub_job(key, suffix=".jpg"):
    """Return a job with a fixed cache key, the suffix of its versions, and no versions in the cache."""
    return SimpleNamespace(key=lambda: key, is_cached=lambda key: False, layout=SimpleNamespace(suffix=suffix))


def test_each_set_of_versions_is_made_once_and_every_name_gets_them(monkeypatch):
    from responsive_images import convert

    made = []
    monkeypatch.setattr(convert, "make", lambda job, key: made.append((key, job.layout.suffix)))
    jobs = [stub_job("a"), stub_job("a"), stub_job("b"), stub_job("a", ".png")]
    assert [key for _, key in convert.convert_all(jobs, workers=1)] == ["a", "a", "b", "a"]
    assert made == [("a", ".jpg"), ("b", ".jpg"), ("a", ".png")]


def cut_short(path):
    """Keep the first half of a file, as a copy that stopped part way does."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("workers", [1, 2], ids=["one process", "several processes"])
def test_a_photo_cut_short_is_named_with_what_to_do(small_site, tmp_path, workers):
    images = tmp_path / "content/images"
    cut_short(noisy_photo(images / "broken.jpg"))
    noisy_photo(images / "fine.jpg", (800, 600))
    body = "![Broken](/images/broken.jpg)\n\n![Fine](/images/fine.jpg)"
    with pytest.raises(BuildError) as error:
        small_site({"posts/x.md": post("X", slug="x", body=body)}, RESPONSIVE_IMAGE_WORKERS=workers)
    named = [p for p in error.value.errors if p.path == "content/images/broken.jpg"]
    assert named and "cannot be read" in named[0].what and "export it again" in named[0].fix, error.value.problems
    assert all(p.path.startswith("content/") for p in error.value.errors), error.value.problems
    assert "Error" not in str(error.value), "no Python exception name"


BOMB_FIX = "export it again at its normal size"


@pytest.mark.parametrize("shown", ["in the text", "as the cover", "not shown"])
def test_a_photo_of_absurd_size_is_named_with_what_to_do(small_site, tmp_path, shown):
    bomb_png(tmp_path / "content/images/huge.png")
    metadata = {"image": "{static}/images/huge.png"} if shown == "as the cover" else {}
    body = "![Huge](/images/huge.png)" if shown == "in the text" else "Text."
    with pytest.raises(BuildError) as error:
        small_site({"posts/x.md": post("X", slug="x", body=body, **metadata)})
    named = [p for p in error.value.errors if p.path == "content/images/huge.png"]
    assert named, error.value.problems
    assert named[0].what == "this image is 40000 × 40000 pixels, larger than any camera makes"
    assert named[0].fix == BOMB_FIX
    assert all(p.path.startswith("content/") for p in error.value.errors), error.value.problems
    assert "Error" not in str(error.value), "no Python exception name"


def test_the_markdown_extension_names_an_oversized_photo(tmp_path):
    import markdown
    from responsive_images.resize import ImageError

    bomb_png(tmp_path / "images/huge.png")
    md = markdown.Markdown(extensions=["responsive_images.picture"],
                           extension_configs={"responsive_images.picture": {"content_path": str(tmp_path)}})
    with pytest.raises(ImageError) as error:
        md.convert("![Huge](/images/huge.png)")
    assert error.value.path == "images/huge.png" and BOMB_FIX in error.value.detail


def page_sources(page):
    """Return every address in the src and srcset attributes of a page's images."""
    found = []
    for tag in page.select("img[src], source[srcset], img[srcset]"):
        found += [tag["src"]] if tag.has_attr("src") else []
        found += [part.split()[0] for part in tag.get("srcset", "").split(",") if part.strip()]
    return found


@pytest.mark.parametrize("site_url", ["", "https://therapy.example.org"])
def test_with_relative_addresses_every_version_is_addressed_from_the_page(small_site, tmp_path, site_url):
    noisy_photo(tmp_path / "content/images/hip.jpg", (1000, 700))
    noisy_photo(tmp_path / "content/images/cover.jpg", (900, 600))
    body = "![Hip]({static}/images/hip.jpg)\n\n![Again](/images/hip.jpg)"
    files = {"posts/x.md": post("X", slug="x", body=body, image="{static}/images/cover.jpg", image_alt="A room")}
    site = small_site(files, RELATIVE_URLS=True, SITEURL=site_url)
    for url, least in (("/blog/x/", 3 * 7), ("/", 1)):  # the post: three pictures; the home page: its card
        page_file = site.path(url)
        sources = page_sources(BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser"))
        assert len(sources) >= least, sources  # a picture: three widths in two formats, and a src
        for address in sources:
            assert not address.startswith("/") and "://" not in address, address
            assert (page_file.parent / address).resolve().is_file(), address


def test_image_addresses_into_the_static_folders_are_written_from_the_page():
    from responsive_images.markup import relative_sources

    html = ('<picture><source srcset="/images/a-480w.webp 480w,/images/a-800w.webp 800w">'
            '<img src="/images/a-800w.jpg" data-src="/images/a.jpg" alt="/images/a.jpg"></picture>'
            "<img src='/images/b.png'><img src=\"https://example.org/images/c.png\"><img src=\"../../images/d.jpg\">"
            '<img src="/theme/e.png"><a href="/images/a.jpg">A</a>')
    assert relative_sources(html, "../..", ["images"]) == (
        '<picture><source srcset="../../images/a-480w.webp 480w, ../../images/a-800w.webp 800w">'
        '<img src="../../images/a-800w.jpg" data-src="/images/a.jpg" alt="/images/a.jpg"></picture>'
        "<img src='../../images/b.png'><img src=\"https://example.org/images/c.png\"><img src=\"../../images/d.jpg\">"
        '<img src="/theme/e.png"><a href="/images/a.jpg">A</a>')
