"""One Markdown instance for every file gives exactly what a new instance per file gives."""

import pickle

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
    from markdown_reuse.prepare import CACHE_FILE, PARALLEL_FROM

    cache = tmp_path / "md-cache"
    files = {f"posts/p{n}.md": post(f"Post {n}", slug=f"p{n}", body=f"## Part {n}\n\nText {n}.")
             for n in range(PARALLEL_FROM + 6)}
    site = small_site(files, MARKDOWN_CACHE=str(cache))
    assert site.page("/blog/p7/").select_one(".prose h2").get_text() == "Part 7"
    assert site.page("/blog/p7/").select_one(".prose h2")["id"] == "part-7"
    kept = pickle.loads((cache / CACHE_FILE).read_bytes())
    assert len(kept) == PARALLEL_FROM + 6
    files["posts/p7.md"] = post("Post 7", slug="p7", body="## Part seven\n\nEdited.")
    site = small_site(files, MARKDOWN_CACHE=str(cache))
    assert site.page("/blog/p7/").select_one(".prose h2").get_text() == "Part seven"
    again = pickle.loads((cache / CACHE_FILE).read_bytes())
    assert len(again) == len(kept) and len(again.keys() - kept.keys()) == 1, "one edit converts one file, once kept"


def test_files_asked_for_in_any_order_give_what_one_process_gives(tmp_path):
    from conftest import post, write_content
    from markdown_reuse.prepare import PARALLEL_FROM, Converter, Prepared, reader_options

    write_content(tmp_path / "content", {f"posts/p{n}.md": post(f"Post {n}", summary=f"Sum *{n}*.", body=POSTS[n % 3])
                                         for n in range(PARALLEL_FROM * 3)})
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path / "content")})
    prepared = Prepared(settings, tmp_path / "cache")
    assert prepared.pool is not None, "other processes convert"
    one = Converter(reader_options(settings), settings["FORMATTED_FIELDS"])
    for path in sorted((tmp_path / "content/posts").iterdir(), reverse=True):  # not the order they were given out
        html, meta, formatted = prepared.take(path)
        assert (html, meta, formatted) == one(path.read_text(encoding="utf-8")), path.name
        assert list(formatted.values()) == [f"<p>Sum <em>{path.stem[1:]}</em>.</p>"]
    assert prepared.pool is None, "the processes stop once every file is taken"
