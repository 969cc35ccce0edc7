"""A rebuild renders only pages whose inputs changed, and still gives exactly the site a build from scratch gives."""

import shutil

import pytest
from conftest import ROOT, SETTINGS, post, write_content

from sitetools import rendering
from sitetools.build import BuildError, build


def _post(number, **changes):
    details = {"slug": f"p{number}", "date": f"2024-01-{number + 1:02d} 09:00",
               "tags": "running, hamstrings" if number % 2 else "pilates",
               "category": "Running injuries" if number % 3 else "Pilates",
               "summary": f"Summary of post {number}.",
               "body": f"## Part {number}\n\nText of post {number}. See [the first]({{filename}}/posts/p0.md).",
               **changes}
    return post(changes.pop("title", f"Post {number}"), **{k: v for k, v in details.items() if k != "title"})


class Project:
    """A copy of the site's pages, theme and images with 24 posts of its own, built incrementally."""

    def __init__(self, folder):
        self.folder = folder
        self.content = folder / "content"
        self.theme = folder / "theme"
        shutil.copytree(ROOT / "theme", self.theme)
        for part in ("pages", "images", "data"):
            shutil.copytree(ROOT / "content" / part, self.content / part)
        write_content(self.content, {f"posts/p{n}.md": _post(n) for n in range(24)})
        self.settings = {}
        self.fresh_builds = 0

    def build(self, output=None, cache=None):
        """Build the project into output (its own output folder unless given) with its settings."""
        return build(SETTINGS, output or self.folder / "output", overrides={
            "PATH": str(self.content), "THEME": str(self.theme), "CACHE_PATH": str(cache or self.folder / "cache"),
            "SEARCH_INDEX": False, **self.settings})

    def rebuild_and_compare(self):
        """Build incrementally, then from scratch elsewhere; assert both sites are the same, byte for byte."""
        result = self.build()
        self.fresh_builds += 1
        fresh = self.folder / f"fresh-{self.fresh_builds}"
        self.build(fresh, cache=self.folder / f"fresh-cache-{self.fresh_builds}")
        built, expected = _files(self.folder / "output"), _files(fresh)
        assert built.keys() == expected.keys(), "the same files, none left over"
        stale = [name for name in expected if built[name] != expected[name]]
        assert stale == [], "no page differs from a build from scratch"
        return result

    def edit(self, name, old, new):
        """Replace old with new in the project's file name (which must hold old)."""
        path = self.folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


def _files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(params=["one process", "forked processes"])
def project(request, tmp_path, monkeypatch):
    monkeypatch.setattr(rendering, "PARALLEL_FROM", 10**6 if request.param == "one process" else 1)
    project = Project(tmp_path)
    first = project.rebuild_and_compare()
    assert first.rendered > 40 and first.reused == 0
    return project


def test_nothing_changed_renders_nothing(project):
    result = project.rebuild_and_compare()
    assert result.rendered == 0 and result.reused > 40


def test_an_edited_post_renders_itself_and_the_lists_that_show_it(project):
    project.edit("content/posts/p5.md", "Text of post 5.", "Text of post 5, now with more to say.")
    result = project.rebuild_and_compare()
    assert 0 < result.rendered < result.reused
    assert "now with more to say" in (project.folder / "output/blog/p5/index.html").read_text(encoding="utf-8")
    assert "now with more to say" not in (project.folder / "output/blog/p4/index.html").read_text(encoding="utf-8")


def test_a_new_summary_reaches_every_list_that_shows_the_post(project):
    project.edit("content/posts/p23.md", "Summary of post 23.", "A new summary for post 23.")
    result = project.rebuild_and_compare()
    assert 0 < result.rendered < result.reused
    assert "A new summary for post 23." in (project.folder / "output/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new", [
    ("Title: Post 7", "Title: Post seven, renamed"),
    ("Tags: running, hamstrings", "Tags: running, calves"),
    ("Date: 2024-01-08 09:00", "Date: 2023-06-30 09:00"),
    ("Category: Running injuries", "Category: Recovery"),
])
def test_a_post_whose_title_tags_date_or_category_change_updates_every_page(project, old, new):
    project.edit("content/posts/p7.md", old, new)
    result = project.rebuild_and_compare()
    assert result.reused == 0, "menus, archives and tag lists can show these on any page"


def test_a_changed_template_or_setting_renders_every_page(project):
    project.edit("theme/templates/partials/site_footer.html", "</section>\n</div>",
                 "<p>Open bank holidays</p></section>\n</div>")
    assert project.rebuild_and_compare().reused == 0
    assert "Open bank holidays" in (project.folder / "output/blog/p3/index.html").read_text(encoding="utf-8")
    project.settings = {"CONTACT_PHONE": "01632 960999"}
    assert project.rebuild_and_compare().reused == 0
    assert "960999" in (project.folder / "output/blog/p3/index.html").read_text(encoding="utf-8")


def test_a_page_shown_inside_another_updates_it(project):
    project.edit("content/pages/directions.md", "park", "park (free after 6pm)")
    project.rebuild_and_compare()
    assert "free after 6pm" in (project.folder / "output/contact/index.html").read_text(encoding="utf-8")


def test_added_and_deleted_posts_leave_no_page_behind(project):
    (project.content / "posts/p11.md").unlink()
    write_content(project.content, {"posts/p30.md": _post(30, date="2024-02-01 09:00")})
    project.rebuild_and_compare()
    assert not (project.folder / "output/blog/p11").exists()
    assert (project.folder / "output/blog/p30/index.html").is_file()


def test_pages_deleted_from_the_output_by_hand_are_rendered_again(project):
    shutil.rmtree(project.folder / "output/blog")
    result = project.rebuild_and_compare()
    assert result.rendered >= 24


def test_a_failed_build_between_two_good_ones_leaves_the_rebuild_correct(project):
    project.edit("content/posts/p2.md", "Date: 2024-01-03 09:00", "Date: someday")
    with pytest.raises(BuildError):
        project.build()
    project.edit("content/posts/p2.md", "Date: someday", "Date: 2024-01-03 09:00")
    project.edit("content/posts/p2.md", "Text of post 2.", "Text of post 2, edited.")
    project.rebuild_and_compare()


def test_a_template_error_names_the_page_and_leaves_the_site_as_it_was(project):
    before = _files(project.folder / "output")
    project.edit("theme/templates/article.html", "{% block content %}", "{% block content %}{{ article.nothing.here }}")
    with pytest.raises(rendering.RenderError, match=r"blog/p\d+/index.html: UndefinedError: .*article.html"):
        project.build()
    assert _files(project.folder / "output") == before


def test_the_search_index_is_taken_from_the_previous_build_only_while_no_page_changes(tmp_path):
    project = Project(tmp_path)
    project.settings = {"SEARCH_INDEX": True}
    entry = tmp_path / "output/pagefind/pagefind-entry.json"
    project.build()
    first = entry.stat().st_ino
    project.build()
    assert entry.stat().st_ino == first, "nothing changed: the index is the previous build's"
    project.edit("content/posts/p5.md", "Text of post 5.", "Text of post 5 about plantar fascia.")
    project.build()
    assert entry.stat().st_ino != first, "a page changed: the index is made again"


def test_a_rebuild_in_another_process_takes_every_unchanged_page(tmp_path):
    import os
    import subprocess
    import sys

    project = Project(tmp_path)
    command = [sys.executable, "-m", "sitetools", "build", "--output", str(tmp_path / "output"),
               "--set", f'PATH="{project.content}"', "--set", f'THEME="{project.theme}"',
               "--set", f'CACHE_PATH="{tmp_path / "cache"}"', "--set", "SEARCH_INDEX=false"]

    def build_with_hash_seed(seed):  # another seed orders sets and dictionaries of strings differently
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        return {path: path.stat().st_ino for path in (tmp_path / "output").rglob("*.html")}

    first, second = build_with_hash_seed("1"), build_with_hash_seed("2")
    assert len(first) > 40 and first == second, "each page is the same file, linked from the previous build"
