"""One Markdown instance for every file gives exactly what a new instance per file gives."""

from conftest import ROOT
from markdown_reuse.plugin import ReusingMarkdownReader
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

POSTS = [
    "Title: One\nDate: 2024-01-01\nSummary: First *summary*.\n\n## Intro\n\nText[^1].\n\n[^1]: A note.\n",
    "Title: Two\nDate: 2024-01-02\nTags: a, b\n\n## Intro\n\nMore text[^1] and \"quotes\".\n\n[^1]: Another.\n",
    "Title: Three\nDate: 2024-01-03\nSummary: Third.\n\n## Intro\n\n## Intro\n\n1. One\n2. Two\n",
]


def test_reused_instance_reads_like_a_new_one_for_each_file(tmp_path):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    reused, fresh = ReusingMarkdownReader(settings), MarkdownReader(settings)
    for number, text in enumerate(POSTS):
        path = tmp_path / f"post{number}.md"
        path.write_text(text, encoding="utf-8")
        assert reused.read(str(path)) == fresh.read(str(path)), path.name
    content, metadata = reused.read(str(tmp_path / "post1.md"))
    assert metadata["title"] == "Two" and [str(t) for t in metadata["tags"]] == ["a", "b"]
    assert 'id="intro"' in content and 'id="fn:1"' in content, "ids and footnotes start afresh"


def test_many_files_are_converted_on_every_core_and_then_kept(small_site, tmp_path):
    from conftest import post
    from markdown_reuse.prepare import PARALLEL_FROM

    cache = tmp_path / "md-cache"
    files = {f"posts/p{n}.md": post(f"Post {n}", slug=f"p{n}", body=f"## Part {n}\n\nText {n}.")
             for n in range(PARALLEL_FROM + 6)}
    site = small_site(files, MARKDOWN_CACHE=str(cache))
    assert site.page("/blog/p7/").select_one(".prose h2").get_text() == "Part 7"
    assert site.page("/blog/p7/").select_one(".prose h2")["id"] == "part-7"
    kept = sorted(p.name for p in cache.iterdir())
    assert len(kept) == PARALLEL_FROM + 6
    files["posts/p7.md"] = post("Post 7", slug="p7", body="## Part seven\n\nEdited.")
    site = small_site(files, MARKDOWN_CACHE=str(cache))
    assert site.page("/blog/p7/").select_one(".prose h2").get_text() == "Part seven"
    assert len(set(p.name for p in cache.iterdir()) - set(kept)) == 1, "one edit converts one file"
