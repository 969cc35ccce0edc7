"""The writing preview's builder: one process builds save after save exactly as a fresh process builds once."""

import shutil

from conftest import ROOT, SETTINGS, differences, post
from PIL import Image

from sitetools.build import build
from sitetools.preview import Builder

TAGS = ("running, hips", "running, calves", "stretching, hips")


def start(content):
    """Write a site of her content, twelve posts that share tags, a draft and a photo."""
    shutil.copytree(ROOT / "content", content)
    for number in range(12):
        (content / f"posts/p{number}.md").write_text(post(
            f"Running well, part {number}", slug=f"p{number}", tags=TAGS[number % 3],
            date=f"2024-{number % 12 + 1:02}-0{number % 9 + 1} 10:00"), encoding="utf-8")
    (content / "posts/draft.md").write_text(post("Work in progress", slug="wip", status="draft"), encoding="utf-8")
    Image.new("RGB", (1600, 1000), (40, 110, 90)).save(content / "images/track.jpg")
    (content / "posts/photo.md").write_text(post("On the track", slug="photo", body="![A track](/images/track.jpg)"),
                                            encoding="utf-8")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = [
    ("her text", lambda c: edit(c / "posts/p1.md", "Body of the post.", "A new paragraph, saved.")),
    ("a post's tags", lambda c: edit(c / "posts/p2.md", "Tags: stretching, hips", "Tags: calves")),
    ("a post deleted", lambda c: (c / "posts/p3.md").unlink()),
    ("a post renamed", lambda c: (c / "posts/p4.md").rename(c / "posts/running-well-4.md")),
    ("her facts", lambda c: edit(c / "data/practice.toml", 'town = "Linton"', 'town = "Balsham"')),
    ("the draft published", lambda c: edit(c / "posts/draft.md", "Status: draft\n", "")),
    ("the photo replaced", lambda c: Image.new("RGB", (1200, 800), (200, 90, 40)).save(c / "images/track.jpg")),
]


def test_a_builder_process_builds_each_save_as_a_fresh_process_builds_it(tmp_path):
    content = tmp_path / "content"
    start(content)
    builder = Builder(ROOT)
    settings = {"PATH": str(content), "SEARCH_INDEX": False}
    pids = set()
    try:
        for step, (what, change) in enumerate([("the first build", lambda c: None), *EDITS]):
            change(content)
            kept = build(SETTINGS, tmp_path / "preview", {**settings, "CACHE_PATH": str(tmp_path / "cache")},
                         writing=True, runner=builder)
            fresh = build(SETTINGS, tmp_path / f"fresh-{step}", {**settings, "CACHE_PATH": str(tmp_path / f"c{step}")},
                          writing=True)
            assert differences(kept.output, fresh.output) == [], what
            assert kept.posts == fresh.posts and kept.drafts == fresh.drafts, what
            assert kept.warnings == fresh.warnings and kept.warnings, f"{what}: every warning, at every save"
            pids.add(builder.process.pid)
        assert len(pids) == 1, "one process built every save"
    finally:
        builder.stop()
