"""The files checked before Pelican reads, and the photos converted, are the ones Pelican's own walk lists."""

import contextlib
import os
import signal
import subprocess
import sys

import pytest
from conftest import ROOT, SETTINGS, post, write_content
from PIL import Image
from test_images import personal_data, phone_photo

from sitetools.build import BuildError, build
from sitetools.ready import check_items

MISTAKE = {"auther": "Me"}  # a misspelt detail: an error at its line, 'did you mean Author:?'


def checked(tmp_path, files, **settings):
    """Build a site whose files each carry a misspelt detail; return {file: line} of those the check named."""
    content = tmp_path / "content"
    write_content(content, files)
    overrides = {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache"), **settings}
    with pytest.raises(BuildError) as refused:
        build(SETTINGS, tmp_path / "output", overrides=overrides)
    return {p.path: p.line for p in refused.value.errors if "'Auther:'" in p.what}


def test_a_file_pelican_leaves_out_is_not_checked(tmp_path):
    files = {"posts/a.md": post("A", **MISTAKE), "posts/drafts-b.md": post("B", **MISTAKE),
             "posts/old/c.md": post("C", **MISTAKE), "posts/d.markdown": post("D", **MISTAKE)}
    named = checked(tmp_path, files, IGNORE_FILES=[".*", "drafts-*"], ARTICLE_EXCLUDES=["posts/old"],
                    READERS={"markdown": None})  # this site keeps .markdown files as notes Pelican does not read
    assert named == {"content/posts/a.md": 5}


@pytest.mark.parametrize(("name", "settings"), [
    ("notes/one.md", {"ARTICLE_PATHS": ["posts", "notes/one.md"]}),  # a single file among the paths: Pelican reads it
    ("posts/old/one.md", {"ARTICLE_EXCLUDES": ["posts/old/"]}),  # Pelican matches an exclude by folder name: not so
], ids=["a file named in ARTICLE_PATHS", "an exclude written with a slash"])
def test_a_file_pelican_reads_is_checked_at_its_line(tmp_path, name, settings):
    files = {"posts/a.md": post("A"), name: post("One", **MISTAKE)}
    assert checked(tmp_path, files, **settings) == {f"content/{name}": 5}


def test_a_folder_reached_twice_through_a_link_is_checked_both_ways_as_pelican_reads_it(tmp_path):
    content = tmp_path / "content"
    write_content(content, {"posts/a.md": post("A"), "posts/shared/b.md": post("B", **MISTAKE)})
    (content / "posts/also").symlink_to("shared")
    assert checked(tmp_path, {}) == {"content/posts/shared/b.md": 5, "content/posts/also/b.md": 5}


def test_publishing_checklist_reads_the_files_pelican_reads(tmp_path):
    content = tmp_path / "content"
    write_content(content, {"posts/a.md": post("A", check="the date"), "posts/drafts-b.md": post("B", check="x"),
                            "notes/one.md": post("One", check="the address")})
    settings = {"PATH": str(content), "ARTICLE_PATHS": ["posts", "notes/one.md"], "IGNORE_FILES": [".*", "drafts-*"]}
    from pelican.settings import read_settings

    items = check_items(read_settings(str(SETTINGS), override=settings))
    assert sorted(str(item) for item in items) == [
        "content/notes/one.md:5: Check: the address — do it, then delete the Check: line",
        "content/posts/a.md:5: Check: the date — do it, then delete the Check: line",
    ]
    from sitetools.sources import site_files

    assert site_files(read_settings(str(SETTINGS), override=settings)) == (
        [("post", ["notes/one.md", "posts/a.md"]), ("page", [])], [])


def test_the_photos_converted_are_the_photos_pelican_copies(tmp_path):
    content, elsewhere = tmp_path / "content", tmp_path / "shoot"
    for name in ("kept.jpg", "drafts-x.jpg", "raw/y.jpg"):
        phone_photo(content, name)
    phone_photo(elsewhere, "linked.jpg")
    (content / "images/shoot").symlink_to(elsewhere / "images")  # Pelican follows a folder link and copies
    write_content(content, {"posts/a.md": post("A")})
    output = tmp_path / "output"
    build(SETTINGS, output, overrides={"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache"),
                                       "IGNORE_FILES": [".*", "drafts-*"], "STATIC_EXCLUDES": ["images/raw"]})
    made = sorted(p.relative_to(output / "images").as_posix() for p in (output / "images").rglob("*.*")
                  if "share" not in p.parts)  # the posts' link previews
    assert made == ["kept-300w.jpg", "kept-300w.webp", "kept.jpg",
                    "shoot/linked-300w.jpg", "shoot/linked-300w.webp", "shoot/linked.jpg"]
    for name in ("kept.jpg", "shoot/linked.jpg"):  # upright, without where it was taken
        assert not personal_data(output / "images" / name), name
        with Image.open(output / "images" / name) as own:
            assert own.size == (300, 400), name


@pytest.mark.parametrize("folder", ["posts/sub", "images/sub"])
def test_two_folder_links_that_loop_stop_the_build_at_once(tmp_path, folder):
    content = tmp_path / "content"
    write_content(content, {"posts/a.md": post("A"), "posts/sub/b.md": post("B"), "images/sub/x.txt": "x"})
    (content / folder / "up").symlink_to("..")
    (content / folder / "up2").symlink_to("../..")  # with two, Pelican's walk branches at every turn and never ends
    script = ("from sitetools.build import BuildError, build\n"
              "try:\n"
              f"    build({str(SETTINGS)!r}, {str(tmp_path / 'output')!r}, overrides={{'PATH': {str(content)!r}, "
              f"'CACHE_PATH': {str(tmp_path / 'cache')!r}}})\n"
              "except BuildError as error:\n"
              "    print(*error.errors, sep='\\n')\n")
    # A session of its own, so a build that never ends is stopped with its child process, and the test fails.
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        printed, _ = child.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
    loop = "this folder is a link back to a folder that contains it (a loop) — delete the link, or point it " \
           "somewhere outside the content folder"
    assert printed.splitlines() == [f"content/{folder}/up: {loop}", f"content/{folder}/up2: {loop}"]


def test_publishing_checklist_names_folder_links_that_loop(tmp_path):
    content = tmp_path / "content"
    write_content(content, {"posts/a.md": post("A", check="the date"), "posts/sub/b.md": post("B")})
    (content / "posts/sub/up").symlink_to("..")
    (content / "posts/sub/up2").symlink_to("..")
    script = ("from pelican.settings import read_settings; from sitetools.ready import check_items\n"
              f"settings = read_settings({str(SETTINGS)!r}, override={{'PATH': {str(content)!r}}})\n"
              "print(*check_items(settings), sep='\\n')\n")
    printed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                             check=True).stdout
    assert [line.split(":")[0] for line in printed.splitlines()] == ["content/posts/sub/up", "content/posts/sub/up2"]
