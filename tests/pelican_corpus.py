"""Pelican's own test content (shipped inside the installed package): Markdown nobody here wrote."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pelican
from pelican.readers import MarkdownReader

TESTS = Path(pelican.__file__).parent / "tests"
ENDINGS = tuple(f".{extension}" for extension in MarkdownReader.file_extensions)
# The same file as content/article_with_md_extension.md: copied twice, they would rightly clash.
DUPLICATES = ("simple_content",)
# Files our build rightly refuses, each with a message at the file: empty, no title, images missing,
# and a page linking to the category only the untitled file has.
REFUSED = ("content/empty.md", "content/empty_with_bom.md", "content/2012-11-30_md_w_filename_meta#foo-bar.md",
           "TestPages/page_with_static_links.md", "TestPages/page_with_category_and_tag_links.md")
# The date Pelican gives a file without a Date: line, when asked to; both builds do.
SETTINGS = {"DEFAULT_DATE": [2012, 11, 30]}


def markdown_files():
    """Return every Markdown file of Pelican's test content, relative to its tests folder."""
    return sorted(path.relative_to(TESTS) for path in TESTS.rglob("*")
                  if path.name.endswith(ENDINGS) and path.parts[len(TESTS.parts)] != "output")


def copy_into(content, leave_out=()):
    """Copy the files into content/: TestPages as pages, the rest as posts, each under its own folder."""
    for relative in markdown_files():
        if relative.parts[0] in DUPLICATES or relative.as_posix() in leave_out:
            continue
        kind = "pages" if relative.parts[0] == "TestPages" else "posts"
        target = Path(content, kind, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(TESTS / relative, target)


def buildable_copy(content):
    """Copy the files our build builds into content/."""
    copy_into(content, REFUSED)


STOCK = """
import json, sys
from pelican import Pelican, signals
from pelican.settings import read_settings
published = {}
def note(generators):
    for generator in generators:
        for name in ("articles", "translations", "hidden_articles", "hidden_translations", "pages",
                     "translations", "hidden_pages"):
            for item in getattr(generator, name, []):
                published[item.relative_source_path] = item.title
signals.all_generators_finalized.connect(note)
settings = read_settings(None, override=json.loads(sys.argv[1]))
Pelican(settings).run()
print(json.dumps(published))
"""


def stock_build(content, output):
    """Build content with stock Pelican and its default theme; return {source path: title} of what it published."""
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), "ARTICLE_PATHS": ["posts"], "PAGE_PATHS": ["pages"],
                "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, **SETTINGS}
    done = subprocess.run([sys.executable, "-c", STOCK, json.dumps(override)], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
