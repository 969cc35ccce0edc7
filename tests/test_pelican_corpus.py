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
        small_site({"posts/hello.md": post("Hello", "Intro.\n\nWritten by [me]({author}Anna Smith).")})
    problem = next(p for p in refused.value.errors if "author" in p.what)
    assert (problem.path, problem.line) == ("content/posts/hello.md", 8)
    assert "About page" in problem.fix
