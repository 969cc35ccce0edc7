"""The build is Pelican's own pipeline: its link forms, its files as editors save them, its signals, its API only."""

import hashlib
import json
import re
from pathlib import Path

import markdown
import pelican
import pytest
from conftest import ROOT, post, write_content
from PIL import Image

LINKS = {
    "{filename}/pages/about.md": "/about/",
    "{filename}../pages/about.md": "/about/",
    "|filename|/pages/about.md": "/about/",
    "{static}/images/shoe.png": "/images/shoe.png",
    "{attach}/images/plan.txt": "/blog/links/plan.txt",
    "{tag}running": "/tag/running/",
    "{category}running-injuries": "/category/running-injuries/",
    "{index}": "/index.html",
}


def test_every_pelican_link_form_resolves_in_the_text_and_the_summary(small_site, tmp_path):
    Image.new("RGB", (40, 30), (1, 2, 3)).save(tmp_path / "shoe.png")
    write_content(tmp_path / "content", {"images/plan.txt": "Week 1: walk.\n"})
    (tmp_path / "content/images").mkdir(exist_ok=True)
    (tmp_path / "shoe.png").rename(tmp_path / "content/images/shoe.png")
    body = "\n\n".join(f"Link {number}: [here]({link})." for number, link in enumerate(LINKS))
    summary = "See [About]({filename}/pages/about.md) and [running]({tag}running)."
    site = small_site({"posts/links.md": post("Links", slug="links", tags="running", summary=summary, body=body),
                       "pages/about.md": "Title: About\n\nMe.\n"}, SEARCH_INDEX=False)
    page = site.page("/blog/links/")
    hrefs = [a["href"] for a in page.select(".prose a") if a.get_text() == "here"]
    assert hrefs == list(LINKS.values())
    home = site.page("/")
    card = home.select_one(".post-card__summary")
    assert [a["href"] for a in card.select("a")] == ["/about/", "/tag/running/"]
    feed = (site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    for placeholder in ("{filename}", "|filename|", "{static}", "{attach}", "{tag}", "{category}", "{index}"):
        assert placeholder not in feed and placeholder not in str(home) and placeholder not in str(page)


def test_posts_saved_with_a_byte_order_mark_or_windows_line_endings_build(small_site, tmp_path):
    folder = tmp_path / "content/posts"
    folder.mkdir(parents=True)
    (folder / "bom.md").write_bytes("\ufeff".encode() + post("Saved in Notepad", slug="bom").encode())
    (folder / "crlf.md").write_bytes(post("Saved on Windows", slug="crlf", body="One.\n\nTwo.").replace("\n", "\r\n")
                                     .encode())
    site = small_site({})
    assert site.page("/blog/bom/").select_one("main h1").get_text() == "Saved in Notepad"
    assert site.page("/blog/crlf/").select_one("main h1").get_text() == "Saved on Windows"
    assert [p.get_text() for p in site.page("/blog/crlf/").select(".prose p")] == ["One.", "Two."]


def test_many_posts_converted_on_every_core_make_the_same_site_as_one_core(small_site, tmp_path):
    from parallel_markdown.plugin import POOL_FROM

    from pelicanconf import PLUGINS

    posts = {f"posts/p{number}.md": post(f"Post {number}", slug=f"p{number}", tags="running",
                                          body=f"Text of post {number}.\n\n## Part\n\n- one\n- two")
             for number in range(POOL_FROM + 4)}
    pooled = files(small_site(posts, SEARCH_INDEX=False).output)
    one_core = small_site(posts, SEARCH_INDEX=False, PLUGINS=[p for p in PLUGINS if p != "parallel_markdown"],
                          CACHE_PATH=str(tmp_path / "other-cache"))
    assert files(one_core.output) == pooled


def test_the_pooled_reader_gives_exactly_what_pelicans_reader_gives(tmp_path):
    from parallel_markdown.plugin import POOL_FROM, Conversions
    from parallel_markdown.plugin import MarkdownReader as PooledMarkdownReader
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path)})
    paths = []
    for number in range(POOL_FROM):
        path = tmp_path / f"p{number}.md"
        path.write_text(post(f"Post {number}", tags="a, b", body=f"*Text* {number}, \"quoted\"."), encoding="utf-8")
        paths.append(str(path))
    (tmp_path / "p0.md").write_bytes(b"Title: \xff\n\nNot UTF-8.\n")  # fails in a worker: read again here
    pooled = PooledMarkdownReader(settings)
    pooled.conversions = Conversions(settings, 2)
    pooled.conversions.submit(paths)
    assert set(pooled.conversions.pending) == set(paths)
    plain = MarkdownReader(settings)
    with pytest.raises(UnicodeDecodeError):
        pooled.read(paths[0])
    for path in paths[1:]:
        assert pooled.read(path) == plain.read(path)
    assert not pooled.conversions.pending


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


WATCHER = '''
import hashlib, json, os
from pelican import signals

seen = {}

def read_written(path, context):
    with open(path, "rb") as file:
        seen[os.path.relpath(path, context["OUTPUT_PATH"])] = hashlib.sha256(file.read()).hexdigest()

def report(pelican):
    with open(pelican.settings["WATCHER_REPORT"], "w") as file:
        json.dump(seen, file)

def register():
    signals.content_written.connect(read_written)
    signals.finalized.connect(report)
'''


def test_a_third_party_plugin_reads_every_page_when_it_is_written(small_site, tmp_path):
    plugins = tmp_path / "third-party"
    write_content(plugins, {"watcher/__init__.py": WATCHER})
    report = tmp_path / "report.json"
    from pelicanconf import PLUGINS

    site = small_site({"posts/a.md": post("A", slug="a", old_url="/2019/05/20/a/"),
                       "pages/about.md": "Title: About\n\nMe.\n"},
                      PLUGINS=[*PLUGINS, "watcher"], PLUGIN_PATHS=[str(ROOT / "plugins"), str(plugins)],
                      WATCHER_REPORT=str(report), SEARCH_INDEX=False)
    seen = json.loads(report.read_text())
    final = {path.relative_to(site.output).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in site.output.rglob("*.html")}
    assert {"index.html", "blog/a/index.html", "about/index.html", "2019/05/20/a/index.html"} <= final.keys()
    assert {name: seen.get(name) for name in final} == final


# Private attributes of Pelican's and Python-Markdown's objects: each is read from their code.
PRIVATE = re.compile(r"\bself\.(_[a-z]\w*)\s*=")
ACCESS = re.compile(r"(\w+)\.(_[a-z]\w*)\b")


def their_private_names():
    names = set()
    for package in (pelican, markdown):
        for path in Path(package.__file__).parent.rglob("*.py"):
            names.update(PRIVATE.findall(path.read_text(encoding="utf-8")))
    return names


def test_no_private_attribute_of_pelican_or_markdown_is_used():
    theirs = their_private_names()
    assert {"_written_files", "_content", "_md", "_source_path"} <= theirs  # the scan finds them
    found = []
    for path in sorted([*(ROOT / "sitetools").rglob("*.py"), *(ROOT / "plugins").rglob("*.py")]):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for owner, name in ACCESS.findall(line):
                # Another object's private attribute, or one of theirs reached through a subclass.
                if owner not in ("self", "cls") or name in theirs:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {owner}.{name}")
    assert found == []
