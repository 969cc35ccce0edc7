"""Pelican's own test content through our build: what stock Pelican builds, ours builds, or names the file."""

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SETTINGS, post, write_content
from pelican_corpus import SETTINGS as CORPUS_SETTINGS
from pelican_corpus import copy_into, stock_build

from sitetools.build import BuildError, build


def titles(output):
    """Return the text of every <h1> of a built site."""
    return {" ".join(h1.get_text().split()) for page in Path(output).rglob("*.html")
            for h1 in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("h1")}


def test_every_file_stock_pelican_builds_is_built_or_named(tmp_path):
    content = tmp_path / "content"
    copy_into(content)
    write_content(content, {})
    published = stock_build(content, tmp_path / "stock")
    assert len(published) >= 10
    overrides = {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache"), **CORPUS_SETTINGS}
    with pytest.raises(BuildError) as refused:
        build(SETTINGS, tmp_path / "output", overrides=overrides)
    named, error = set(), refused.value
    for _ in range(3):  # leaving out a file can break the links to it: those are named in the next round
        errors = error.errors
        # Never a Python error: each problem names a file of hers, what is wrong and what to do.
        assert errors and all(p.path.startswith("content/") and p.what and p.fix for p in errors), errors
        for path in {p.path for p in errors} - named:
            (tmp_path / path).unlink()
        named |= {p.path for p in errors}
        try:
            build(SETTINGS, tmp_path / "output", overrides=overrides)
            break
        except BuildError as again:
            error = again
    else:
        pytest.fail(f"still refused: {error}")
    shown = titles(tmp_path / "output")
    missing = {source: title for source, title in published.items()
               if " ".join(title.split()) not in shown and f"content/{source}" not in named}
    assert not missing
    shutil.rmtree(tmp_path / "stock")


def test_a_broken_author_link_is_named_at_its_line(small_site):
    with pytest.raises(BuildError) as refused:
        small_site({"posts/hello.md": post("Hello", "Intro.\n\nWritten by [me]({author}ammann05).")})
    problem = next(p for p in refused.value.errors if "author" in p.what)
    assert (problem.path, problem.line) == ("content/posts/hello.md", 8)
    assert "About page" in problem.fix


def test_editors_lock_and_scratch_files_are_left_alone_as_pelican_does(small_site):
    site = small_site({"posts/hello.md": post("Hello"), "posts/.scratch.md": "",
                       "posts/.drafts/half.md": "no title here", "images/.tmp/x.txt": ""})
    (site.output.parent / "content/posts/.#hello.md").symlink_to("root@laptop.1234:1700000000")
    (site.output.parent / "content/images/.#photo.png").symlink_to("nowhere")
    rebuilt = small_site({})
    warnings = [str(warning) for warning in rebuilt.result.warnings]
    assert rebuilt.result.posts == 1 and not any(".scratch" in w or ".#" in w for w in warnings)


def test_the_files_checked_are_the_files_pelican_reads(tmp_path):
    import json
    import subprocess
    import sys

    content = tmp_path / "content"
    misspelt = "Auther: Me\n"  # each file's mistake, named by the check for every file it reads
    write_content(content, {"posts/a.md": post("A", auther="Me"), "posts/.b.md": post("B", auther="Me"),
                            "posts/old/c.md": post("C", auther="Me"), "posts/sub/d.markdown": post("D", auther="Me"),
                            "posts/sub/.git/e.md": "x", "pages/f.md": "Title: F\n" + misspelt,
                            "pages/g.mkd": "Title: G\n" + misspelt, "posts/h.txt": "not Markdown",
                            "posts/kept/i.md": post("I", auther="Me"), "notes/j.md": post("J", auther="Me")})
    (content / "posts/.#a.md").symlink_to("user@host.1:2")
    (content / "posts/also").symlink_to("sub")  # Pelican reads a linked folder again
    # Pelican matches an exclude by folder name, so one written with a slash leaves nothing out.
    override = {"PATH": str(content), "ARTICLE_EXCLUDES": ["posts/old", "posts/kept/"],
                "ARTICLE_PATHS": ["posts", "notes/j.md"]}
    with pytest.raises(BuildError) as refused:
        build(SETTINGS, tmp_path / "output", overrides={**override, "CACHE_PATH": str(tmp_path / "cache")})
    ours = sorted(p.path.removeprefix("content/") for p in refused.value.errors if "'Auther:'" in p.what)
    script = ("import json, sys\nfrom pelican import Pelican, signals\nfrom pelican.settings import read_settings\n"
              "def note(g):\n"
              "    seen = set()\n"
              "    for kind in ('ARTICLE', 'PAGE'):\n"
              "        seen.update(g.get_files(g.settings[kind + '_PATHS'], exclude=g.settings[kind + '_EXCLUDES'],"
              " extensions=('md', 'markdown', 'mkd', 'mdown')))\n"
              "    print(json.dumps(sorted(seen)), flush=True)\n"
              "    raise SystemExit(0)  # the lists are all this needs\n"
              "signals.generator_init.connect(note)\n"
              "Pelican(read_settings(sys.argv[1], override=json.loads(sys.argv[2]))).run()\n")
    done = subprocess.run([sys.executable, "-c", script, str(SETTINGS),
                           json.dumps({**override, "PLUGINS": [], "OUTPUT_PATH": str(tmp_path / "out")})],
                          capture_output=True, text=True, check=False, cwd=tmp_path)
    pelicans = json.loads(done.stdout.strip().splitlines()[-1])
    assert ours == pelicans == ["notes/j.md", "pages/f.md", "pages/g.mkd", "posts/a.md", "posts/also/d.markdown",
                                "posts/kept/i.md", "posts/sub/d.markdown"]
