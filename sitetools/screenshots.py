"""Take full-page screenshots of the built site at a phone's and a laptop's width, light and dark.

For looking at the site beside the themes her readers know; the files go to docs/screenshots/.
Needs Playwright (requirements-test.txt) and Debian's Chromium.
"""

from pathlib import Path

from PIL import Image

from .audit import CHROMIUM
from .serve import serving

WIDTHS = {"390px": {"width": 390, "height": 844}, "1280px": {"width": 1280, "height": 800}}


def take(output, pages, folder, schemes=("light",)):
    """Save <name>-<width>[-dark].png of each of pages ({name: address}) into folder; return the paths."""
    from playwright.sync_api import sync_playwright

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    with serving(output) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for scheme in schemes:
            for width, viewport in WIDTHS.items():
                page = browser.new_page(viewport=viewport, color_scheme=scheme)
                for name, url in pages.items():
                    page.goto(base + url)
                    path = folder / f"{name}-{width}{'-dark' if scheme == 'dark' else ''}.png"
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
