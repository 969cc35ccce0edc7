"""Images as they arrive from phones, WordPress and failed copies: duplicates, cut-short and oversized files."""

import os
import struct
import zlib
from types import SimpleNamespace

import pytest
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
