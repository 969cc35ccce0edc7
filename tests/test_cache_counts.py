"""The content cache converts again exactly the posts that need it, for every kind of build, above the pool's size."""

import os

import pytest
from conftest import SETTINGS, post, write_content
from PIL import Image
from test_parallel_markdown import PROBES, probe_settings

from sitetools.build import build

POSTS = 40  # above the size from which posts are converted in worker processes


@pytest.fixture
def counted_builds(tmp_path, monkeypatch):
    """Return build(writing=False): the number of posts and pages that build converted."""
    content = tmp_path / "content"
    files = {f"posts/post-{n:02}.md": post(f"Post {n}", f"Text {n}.", slug=f"post-{n:02}") for n in range(POSTS)}
    files["posts/post-03.md"] = post("Post 3", "A stretch:\n\n![A stretch]({static}/images/stretch.png)",
                                     slug="post-03")
    write_content(content, files)
    (content / "images").mkdir(exist_ok=True)
    Image.new("RGB", (800, 600), (40, 110, 100)).save(content / "images/stretch.png")
    log = tmp_path / "probe.log"
    monkeypatch.setenv("POOL_PROBE_LOG", str(log))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(PROBES), os.environ.get("PYTHONPATH")])))
    overrides = {**probe_settings(tmp_path, "counted", None), "CACHE_PATH": str(tmp_path / "cache"),
                 "SEARCH_INDEX": False}

    def counted(writing=False):
        log.write_text("")
        build(SETTINGS, tmp_path / ("preview" if writing else "output"), overrides=overrides, writing=writing)
        return sum(line.startswith("converted: ") for line in log.read_text().splitlines())

    counted.content = content
    return counted


def test_a_second_build_converts_nothing_and_an_edit_one(counted_builds):
    assert counted_builds() >= POSTS
    assert counted_builds() == 0
    path = counted_builds.content / "posts/post-07.md"
    path.write_text(path.read_text().replace("Text 7.", "Text 7, edited."))
    assert counted_builds() == 1


def test_preview_and_build_keep_their_own_caches(counted_builds):
    counted_builds()
    assert counted_builds(writing=True) >= POSTS  # its first run
    assert counted_builds() == 0
    assert counted_builds(writing=True) == 0


def test_a_new_or_changed_photo_converts_only_the_posts_that_show_it(counted_builds):
    counted_builds()
    Image.new("RGB", (300, 300), (200, 50, 50)).save(counted_builds.content / "images/unused.png")
    assert counted_builds() == 0
    Image.new("RGB", (600, 900), (50, 50, 200)).save(counted_builds.content / "images/stretch.png")
    assert counted_builds() == 1
