"""Shared fixtures: the real site built once per session, and small sites built per test."""

import filecmp
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitetools.build import build
from sitetools.serve import serving

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "pelicanconf.py"
PRACTICE_TOML = (ROOT / "content/data/practice.toml").read_text(encoding="utf-8")  # her facts, which every site needs


def facts_line(fragment):
    """Return the line of her facts file that holds fragment, as messages name it."""
    return next(n for n, line in enumerate(PRACTICE_TOML.splitlines(), 1) if fragment in line)


class BuiltSite:
    """A built site folder, with helpers to read its pages."""

    def __init__(self, output, result=None):
        self.output = Path(output)
        self.result = result

    def path(self, url):
        """Return the file a static host serves for a site URL such as /about/."""
        target = self.output / url.lstrip("/")
        return target / "index.html" if url.endswith("/") or target.is_dir() else target

    def page(self, url):
        """Return the page at url, parsed."""
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")

    def html_files(self):
        """Return every page of the site (not the stubs that send old addresses on)."""
        return sorted(p for p in self.output.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text("utf-8"))


def differences(left, right):
    """Return the files that differ, or exist on one side only, between two folders."""
    found, pending = [], [filecmp.dircmp(left, right)]
    while pending:
        compared = pending.pop()
        found += [Path(compared.left, name) for name in compared.left_only + compared.right_only]
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
        found += [Path(compared.left, name) for name in mismatch + errors]
        pending += compared.subdirs.values()
    return found


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the real site from content/ once for the whole test session."""
    folder = tmp_path_factory.mktemp("site")
    result = build(SETTINGS, folder / "output", overrides={"CACHE_PATH": str(folder / "cache")})
    return BuiltSite(folder / "output", result)


def write_content(folder, files):
    """Write {relative path: text} into a content folder; her facts file too, unless it is there or given."""
    if not (Path(folder) / "data/practice.toml").exists():
        files = {"data/practice.toml": PRACTICE_TOML, **files}
    for name, text in files.items():
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def small_site(tmp_path):
    """Build a site from a few files of a test's own, with the real theme and plugin."""

    def make(files, **settings):
        content = tmp_path / "content"
        write_content(content, files)
        output = tmp_path / "output"
        result = build(SETTINGS, output, overrides={"PATH": str(content), "CACHE_PATH": str(tmp_path / "build-cache"),
                                                    **settings})
        return BuiltSite(output, result)

    return make


def post(title="A test post", body="Body of the post.", **metadata):
    """Return the text of a Markdown post with the given title, body and metadata."""
    metadata = {"date": "2024-03-01 10:00", "category": "Running injuries", "summary": "A test post.", **metadata}
    header = "".join(f"{key.capitalize()}: {value}\n" for key, value in metadata.items())
    return f"Title: {title}\n{header}\n{body}\n"


@pytest.fixture(scope="session")
def served_site(site):
    """Serve the real site on 127.0.0.1 as a static host would; yield its address."""
    with serving(site.output) as address:
        yield address


@pytest.fixture(scope="session")
def chromium():
    """Start Debian's Chromium once for the session through Playwright."""
    from browser import CHROMIUM_ARGS, chromium_or_skip
    from playwright.sync_api import sync_playwright

    path = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


PUBLISHED_URL = "https://therapy.example.org"


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """Build the real site with publishconf.py and a real address, once for the session."""
    folder = tmp_path_factory.mktemp("published")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", PUBLISHED_URL)
        build(ROOT / "publishconf.py", folder / "output", overrides={"CACHE_PATH": str(folder / "cache")})
    return BuiltSite(folder / "output")
