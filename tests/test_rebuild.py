"""A rebuild after any edit is byte for byte the site a build from scratch makes, whatever the build kept."""

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS, post, write_content
from parallel_markdown.plugin import POOL_FROM
from PIL import Image

import pelicanconf
from sitetools.build import build

SUMMARY_LINK = "Why [the hips]({filename}/posts/b.md) matter."
PROBES = Path(__file__).parent / "probes"
FILLERS = POOL_FROM  # posts, and pages: a build that converts them all converts them in worker processes


def photo(path, size, colour):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "PNG")


class Project:
    """A site of its own in a folder: content, copies of the theme and plugins, and settings to build it with.

    Beside the posts and page the edits change, fillers enough that a build converting them all does so
    in worker processes; the pool probe notes each conversion and each fork.
    """

    def __init__(self, folder, theme_edit=None, summary=SUMMARY_LINK, **settings):
        self.folder = Path(folder)
        self.content = self.folder / "content"
        self.theme = self.folder / "theme"
        self.plugins = self.folder / "plugins"
        shutil.copytree(ROOT / "theme", self.theme)
        shutil.copytree(ROOT / "plugins", self.plugins, ignore=shutil.ignore_patterns("__pycache__"))
        if theme_edit:
            theme_edit(self.theme)
        write_content(self.content, {
            "posts/a.md": post("Tight hamstrings", slug="a", tags="running, hamstrings", summary=summary,
                               body="Stretch gently.\n\n![A stretch]({static}/images/stretch.png)"),
            "posts/b.md": post("Hip pain", slug="b", date="2024-02-01 09:00", tags="running",
                               body="See [the first post]({filename}/posts/a.md)."),
            "pages/about.md": "Title: About\n\nAbout me.\n",
            **fillers(),
        })
        photo(self.content / "images/stretch.png", (1000, 600), (40, 110, 100))
        markdown = json.loads(json.dumps(pelicanconf.MARKDOWN))
        markdown["extensions"] = [*markdown.get("extensions", []), "pool_probe"]
        self.probe_log = self.folder / "probe.log"
        self.settings = {"PATH": str(self.content), "THEME": str(self.theme), "SEARCH_INDEX": False,
                         "PARALLEL_MARKDOWN_WORKERS": 2,  # the pool runs, however many cores the machine has
                         "PLUGIN_PATHS": [str(self.plugins), str(PROBES)],
                         "PLUGINS": [*pelicanconf.PLUGINS, "pool_probe"], "MARKDOWN": markdown, **settings}

    def build(self, output, cache, **settings):
        """Build the project into output, keeping what builds keep in cache, with settings of its own; return output."""
        self.probe_log.write_text("", encoding="utf-8")
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("POOL_PROBE_LOG", str(self.probe_log))
            patch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(PROBES), os.environ.get("PYTHONPATH")])))
            build(SETTINGS, output, overrides={**self.settings, "CACHE_PATH": str(cache), **settings})
        return output

    def conversions(self):
        """Return how many Markdown files the last build converted, and whether worker processes converted them."""
        lines = self.probe_log.read_text(encoding="utf-8").splitlines()
        converted = [n for n, line in enumerate(lines) if line.startswith("converted: ")]
        forks = [n for n, line in enumerate(lines) if line.startswith("fork ")]
        # The workers are forked before they convert a file; in one process every file is converted before
        # any other plugin forks (share images, photos).
        return len(converted), bool(converted and forks) and forks[0] < converted[0]

    def edit(self, name, old, new):
        """Replace old with new in a content file."""
        path = self.content / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fillers():
    """Return enough posts and pages that converting all of either takes worker processes, some linking to others."""
    files = {}
    for n in range(FILLERS):
        body = f'Text {n} about *calves* -- the "tight" ones.'
        if n % 3 == 1:
            body += f"\n\nSee [the one before]({{filename}}/posts/filler-{n - 1:02}.md)."
        files[f"posts/filler-{n:02}.md"] = post(
            f"Filler {n}", body, date=f"2023-{1 + n // 28:02}-{1 + n % 28:02} 08:00", summary=f"Filler number {n}.",
            tags=f"calves, {'running' if n % 2 else 'pilates'}", category="Pilates" if n % 4 else "Running injuries")
        links = f" See [filler {n}]({{filename}}/posts/filler-{n:02}.md)." if n % 5 == 0 else ""
        files[f"pages/filler-{n:02}.md"] = f"Title: Filler page {n}\nSummary: Page {n}.\n\nA page, number {n}.{links}\n"
    return files


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_template(project):
    path = project.theme / "templates/article.html"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{% block content %}", "{% block content %}<p>New.</p>", 1), encoding="utf-8")


def edit_extension(project):
    path = project.plugins / "responsive_images/markup.py"
    text = path.read_text(encoding="utf-8")
    assert 'decoding="async"' in text
    path.write_text(text.replace('decoding="async"', 'decoding="auto"'), encoding="utf-8")


def edit_fillers(project):
    for n in range(FILLERS):
        project.edit(f"posts/filler-{n:02}.md", "Tags: calves", "Tags: calf muscles")
        project.edit(f"pages/filler-{n:02}.md", "A page,", "One page,")


EDITS = {
    "body": lambda p: p.edit("posts/a.md", "Stretch gently.", "Stretch gently, twice a day."),
    "summary": lambda p: p.edit("posts/a.md", "Why ", "Why your "),
    "title": lambda p: p.edit("posts/b.md", "Title: Hip pain", "Title: Hip and groin pain"),
    "tags": lambda p: p.edit("posts/a.md", "Tags: running, hamstrings", "Tags: running, stretching"),
    "date": lambda p: p.edit("posts/b.md", "Date: 2024-02-01 09:00", "Date: 2024-04-01 09:00"),
    "tag of every filler post and text of every filler page": edit_fillers,
    "template": edit_template,
    "setting": lambda p: p.settings.update(SITESUBTITLE="Massage and pilates for runners"),
    "Markdown extension's code": edit_extension,
    "new post": lambda p: write_content(p.content, {"posts/c.md": post("Calf strain", slug="c", summary="Calves.")}),
    "renamed post": lambda p: (p.content / "posts/c.md").rename(p.content / "posts/calf-strain.md"),
    "deleted post": lambda p: (p.content / "posts/calf-strain.md").unlink(),
    "changed image": lambda p: photo(p.content / "images/stretch.png", (700, 500), (150, 40, 40)),
}


def print_summaries(theme):
    """Make the theme's list pages print each post's summary, as many themes do."""
    for name in ("archives.html", "index.html"):
        path = theme / "templates" / name
        path.write_text(path.read_text(encoding="utf-8").replace(
            "{% endblock content %}",
            '{% for article in articles %}<div class="listed-summary">{{ article.summary|safe }}</div>{% endfor %}'
            "{% endblock content %}", 1), encoding="utf-8")


VARIANTS = {
    "our theme": {},
    "list pages with summaries": {"theme_edit": print_summaries},
    # Pelican resolves a Summary's links once, for the post's own page: with relative addresses they
    # would be wrong on list pages in any Pelican site, so this site's summary has none.
    "relative addresses": {"RELATIVE_URLS": True, "summary": "Why the hips matter."},
}


@pytest.fixture(scope="module")
def from_scratch(tmp_path_factory):
    """Return the settings of a build from scratch: Markdown read in one process, by Pelican's own reader.

    So what a rebuild takes from worker processes is held to what Pelican itself gives. Such builds
    share their photo versions and share images, as builds of different kinds do, but never with the
    rebuilds: each file is named by all it is made from, and making every post's again in each build
    would double this file's time.
    """
    shared = tmp_path_factory.mktemp("shared-cache")
    return {"PARALLEL_MARKDOWN_WORKERS": 1, "RESPONSIVE_IMAGE_CACHE": str(shared / "images"),
            "SHARE_IMAGE_CACHE": str(shared / "share-images")}


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_a_rebuild_after_each_edit_equals_a_build_from_scratch(tmp_path, variant, from_scratch):
    project = Project(tmp_path / "project", **variant)
    output, cache = tmp_path / "output", tmp_path / "cache"
    project.build(output, cache)
    assert project.conversions() == (2 * FILLERS + 3, True)  # every file, by worker processes
    converted = {}
    for number, (name, edit) in enumerate(EDITS.items()):
        edit(project)
        rebuilt = files(project.build(output, cache))
        converted[name] = project.conversions()
        fresh = files(project.build(tmp_path / f"fresh-{number}", tmp_path / f"fresh-cache-{number}", **from_scratch))
        assert rebuilt.keys() == fresh.keys(), f"after the {name} edit"
        changed = [path for path in fresh if rebuilt[path] != fresh[path]]
        assert changed == [], f"after the {name} edit"
    assert converted["body"] == (1, False), converted  # one post: in Pelican's process
    assert converted["tag of every filler post and text of every filler page"] == (2 * FILLERS, True), converted


def test_list_pages_show_the_summary_with_its_links_resolved(tmp_path):
    project = Project(tmp_path / "project", theme_edit=print_summaries)
    output = project.build(tmp_path / "output", tmp_path / "cache")
    archives = (output / "archives/index.html").read_text(encoding="utf-8")
    assert 'Why <a href="/blog/b/">the hips</a> matter.' in archives
    assert "{filename}" not in archives


def test_the_content_cache_is_trusted_only_while_what_converted_it_is_unchanged(tmp_path, monkeypatch):
    import importlib.metadata

    from pelican.settings import read_settings

    from sitetools.content_cache import reading_key

    project = Project(tmp_path / "project")
    settings = read_settings(str(SETTINGS), override={**project.settings, "CACHE_PATH": str(tmp_path / "cache")})
    key = reading_key(settings, project.folder)
    assert reading_key(settings, project.folder) == key
    assert reading_key({**settings, "OUTPUT_PATH": str(tmp_path / "elsewhere")}, project.folder) == key
    assert reading_key({**settings, "TYPOGRIFY": True}, project.folder) != key
    markdown = {**settings["MARKDOWN"], "extension_configs": {**settings["MARKDOWN"]["extension_configs"],
                                                              "pygments.lexers": {}}}  # another package's
    with_pygments = reading_key({**settings, "MARKDOWN": markdown}, project.folder)
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0-upgraded")
    assert reading_key({**settings, "MARKDOWN": markdown}, project.folder) != with_pygments
    monkeypatch.undo()
    edit_extension(project)
    assert reading_key(settings, project.folder) != key
    key = reading_key(settings, project.folder)
    photo(project.content / "images/stretch.png", (700, 500), (150, 40, 40))
    assert reading_key(settings, project.folder) == key  # a photo drops only the posts that show it (test_cache_counts)


def test_a_photo_changes_exactly_the_posts_that_name_it():
    from sitetools.content_cache import changed_names

    before = {"images/calf.jpg": "10 1", "images/hip joint.png": "20 1", "images/old.jpg": "5 1"}
    now = {"images/calf.jpg": "10 1", "images/hip joint.png": "21 2", "images/new.webp": "7 1"}
    assert changed_names(before, now) == {"images/hip joint", "images/hip%20joint", "images/old", "images/new"}
