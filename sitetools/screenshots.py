"""Take full-page screenshots of a copy of the site filled in with sample facts, at two widths, light and dark.

For looking at the site as a finished one looks, beside the themes her readers know: the copy carries
sample/practice.toml (an invented practitioner) and a drawn portrait, never her own unfinished facts.
The files go to docs/screenshots/. Needs Playwright (requirements-test.txt) and Debian's Chromium.
"""

import itertools
from pathlib import Path

from PIL import Image

from . import audit, bench
from .audit import CHROMIUM
from .sample import fill_in
from .serve import serving

WIDTHS = {"390px": {"width": 390, "height": 844}, "1280px": {"width": 1280, "height": 800}}
SCHEMES = ("light", "dark")
def sample_site(folder, cover=False):
    """Build a copy of the site with the sample facts and portrait into folder; return its output folder.

    cover: audit's sample site instead, which has a post with a cover, contents and three related posts.
    """
    if cover:
        return audit.sample_site(folder)
    project = bench.make_project(folder, 0)
    fill_in(project / "content")
    output = Path(folder) / "output"
    bench.timed(bench.ours_command(output), project)
    return output


def pages_of(output, cover=False):
    """Return {name: address} of the pages to photograph in a built sample site."""
    if cover:
        return {"post-with-cover": audit.SAMPLE_POST}
    post = sorted(output.glob("blog/*/index.html"))[0]
    return {"home": "/", "post": f"/{post.parent.relative_to(output).as_posix()}/", "about": "/about/",
            "services": "/services/", "contact": "/contact/"}


def file_name(name, width, scheme):
    """Return the name of a screenshot: <page>-<width>[-dark].png."""
    return f"{name}-{width}{'-dark' if scheme == 'dark' else ''}.png"


def take(output, pages, folder):
    """Save <name>-<width>[-dark].png of each of pages ({name: address}) into folder; return the paths.

    The files of an earlier run are removed first, so none lingers from a run that stopped half way.
    """
    from playwright.sync_api import sync_playwright

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, width, scheme in itertools.product(pages, WIDTHS, SCHEMES):
        (folder / file_name(name, width, scheme)).unlink(missing_ok=True)
    saved = []
    with serving(output) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for scheme in SCHEMES:
            for width, viewport in WIDTHS.items():
                page = browser.new_page(viewport=viewport, color_scheme=scheme)
                for name, url in pages.items():
                    page.goto(base + url)
                    path = folder / file_name(name, width, scheme)
                    page.screenshot(path=path, full_page=True)
                    shrink(path)
                    saved.append(path)
                page.close()
        browser.close()
    return saved


def shrink(path):
    """Save the screenshot again in 256 colours: a page of text looks the same at a fraction of the size."""
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)
