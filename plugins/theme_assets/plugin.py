"""The theme's files: stylesheet and icon read once per build, hashed names for the rest, templates kept compiled."""

import base64
import hashlib
import shutil
from pathlib import Path

import rcssmin
from jinja2 import FileSystemBytecodeCache
from jinja2.filters import do_urlencode
from pelican import signals

STYLESHEET = "static/css/site.css"
# Copy link, inside each post: a file of its own would cost a post a second request.
SHARE_SCRIPT = "static/js/share.js"
ICON = "static/favicon.svg"
# Theme files that pages link to: they are copied to /assets/ under a name that changes with
# their content, so hosts may let browsers keep them for a year (see the hosting plugin).
HASHED = ("js/search.js", "js/video.js", "favicon.ico", "css/site.css")
ASSETS_DIR = "assets"


class StylesheetError(ValueError):
    """The stylesheet or the share script cannot be placed inside its element in the page."""


def inline_hash(text):
    """Return the Content-Security-Policy source that allows exactly this inline style or script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def read_inline(path, element):
    """Return the text of a theme file that pages carry inside an element, checked not to end it early."""
    text = path.read_text(encoding="utf-8").strip()
    if "</" in text:
        raise StylesheetError(f"{path}: contains '</', which would end the <{element}> element — remove it")
    return text


def hashed_name(path, data):
    """Return assets/<stem>.<first 10 hex digits of the content's SHA-256><suffix>."""
    path = Path(path)
    return f"{ASSETS_DIR}/{path.stem}.{hashlib.sha256(data).hexdigest()[:10]}{path.suffix}"


def read_theme(pelican):
    """Receive initialized: set INLINE_CSS, SHARE_SCRIPT, their hashes, FAVICON_SVG_URL and THEME_ASSETS."""
    theme = Path(pelican.settings["THEME"])
    # Each page carries the stylesheet: without its comments and spaces (rcssmin), a third lighter.
    css = rcssmin.cssmin(read_inline(theme / STYLESHEET, "style"))
    pelican.settings["INLINE_CSS"] = css  # base.html marks it safe: our own stylesheet, checked above
    pelican.settings["INLINE_CSS_HASH"] = inline_hash(css)
    script = read_inline(theme / SHARE_SCRIPT, "script")
    pelican.settings["SHARE_SCRIPT"] = script  # share_links.html marks it safe, as the stylesheet
    pelican.settings["SHARE_SCRIPT_HASH"] = inline_hash(script)
    # The icon travels inside each page as a data: address, encoded once here rather than on every page.
    pelican.settings["FAVICON_SVG_URL"] = "data:image/svg+xml," + do_urlencode(
        (theme / ICON).read_text(encoding="utf-8").strip())
    pelican.settings["THEME_ASSETS"] = {
        name: hashed_name(name, (theme / "static" / name).read_bytes()) for name in HASHED
    }


def copy_assets(pelican):
    """Receive finalized: put each hashed file in place from the theme."""
    theme = Path(pelican.settings["THEME"]) / "static"
    output = Path(pelican.settings["OUTPUT_PATH"])
    for name, hashed in pelican.settings["THEME_ASSETS"].items():
        (output / hashed).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(theme / name, output / hashed)


def keep_compiled_templates(generator):
    """Receive generator_init: keep compiled templates between builds (Jinja checks each against its source)."""
    folder = Path(generator.settings["CACHE_PATH"]) / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def link_pages(generator):
    """Receive page_generator_finalized: give templates PAGE_LINKS, each page's address and names by its slug.

    The menu and the footer link to pages on every page of the site: Pelican works out a page's
    address afresh each time it is asked, so it is asked once per build.
    """
    generator.context["PAGE_LINKS"] = {
        page.slug: {"url": page.url, "title": page.title, "label": getattr(page, "menu_label", None) or page.title}
        for page in generator.pages
    }


def register():
    """Connect the receivers to Pelican's signals."""
    signals.page_generator_finalized.connect(link_pages)
    signals.generator_init.connect(keep_compiled_templates)
    signals.initialized.connect(read_theme)
    signals.finalized.connect(copy_assets)
