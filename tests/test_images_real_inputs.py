"""Images as they arrive from phones, WordPress and failed copies: duplicates, cut-short and oversized files."""

import os
from types import SimpleNamespace

from conftest import post
from PIL import Image


def noisy_photo(path, size=(1600, 1000)):
    """Write a JPEG of random pixels (it compresses little, so cutting it short loses real data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(path, "JPEG", quality=90)
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
