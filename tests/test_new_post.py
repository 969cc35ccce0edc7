"""invoke new-post: a draft with its details filled in, never over an existing file."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import SETTINGS, post
from pelican.settings import read_settings

from sitetools.new_post import NewPostError, new_post
from sitetools.sources import Source, read_source

NOW = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def settings(tmp_path):
    (tmp_path / "content").mkdir()
    return read_settings(str(SETTINGS), override={"PATH": str(tmp_path / "content")})


def test_creates_a_draft_with_details_filled(settings, tmp_path):
    path = new_post("Tight calves after a long run", settings, NOW)
    assert path == tmp_path / "content/posts/tight-calves-after-a-long-run.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Title: Tight calves after a long run\nDate: 2026-03-01 09:30\nCategory: Running injuries\n")
    assert "\nSlug: tight-calves-after-a-long-run\nStatus: draft\nSummary: Write one or two sentences here" in text


def test_never_overwrites_an_existing_file(settings, tmp_path):
    path = tmp_path / "content/posts/hip-pain.md"
    path.parent.mkdir(parents=True)
    path.write_text("Her words.", encoding="utf-8")
    with pytest.raises(NewPostError, match="content/posts/hip-pain.md already exists — open it to keep writing"):
        new_post("Hip pain", settings, NOW)
    assert path.read_text(encoding="utf-8") == "Her words."


@pytest.mark.parametrize(("title", "slug"), [
    ("Étirements: la posture du pigeon!", "etirements-la-posture-du-pigeon"),
    ("  Two\n lines  ", "two-lines"),
    ("word " * 40, ("word-" * 16).rstrip("-")),
])
def test_slug_comes_from_the_title(settings, title, slug):
    assert new_post(title, settings, NOW).name == f"{slug}.md"


@pytest.mark.parametrize("title", ["", "   ", "!!!"])
def test_a_title_without_words_is_refused(settings, title):
    with pytest.raises(NewPostError):
        new_post(title, settings, NOW)


def test_new_draft_builds_but_is_not_published_until_its_summary_is_written(settings, small_site, tmp_path):
    path = new_post("Tight calves", settings, NOW)
    site = small_site({"posts/tight-calves.md": path.read_text(encoding="utf-8"), "posts/a.md": post("A")})
    assert site.result.drafts == ["content/posts/tight-calves.md"]
    published = path.read_text(encoding="utf-8").replace("Status: draft\n", "")
    path.write_text(published, encoding="utf-8")
    source = read_source(Source(path, "content/posts/tight-calves.md", "post", tmp_path / "content"))
    assert [str(p) for p in source.problems] == [
        "content/posts/tight-calves.md:6: the summary is still the example text — write one or two sentences "
        "about the post on the 'Summary:' line"
    ]
