"""Read the theme's stylesheet and icon once per build and hand them, with the style's hash, to the templates."""

import base64
import hashlib
from pathlib import Path

from markupsafe import Markup
from pelican import signals

STYLESHEET = "static/css/site.css"
ICON = "static/favicon.svg"


class StylesheetError(ValueError):
    """The stylesheet cannot be placed inside a <style> element."""


def style_hash(css):
    """Return the Content-Security-Policy source that allows exactly this inline style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode() + "'"


def read_stylesheet(pelican):
    """Receive initialized: set INLINE_CSS (the stylesheet), INLINE_CSS_HASH and FAVICON_SVG for the templates."""
    path = Path(pelican.settings["THEME"]) / STYLESHEET
    css = path.read_text(encoding="utf-8").strip()
    if "</" in css:
        raise StylesheetError(f"{path}: contains '</', which would end the <style> element — remove it")
    # Our own stylesheet, not anything an author typed: safe to place in the page as it is.
    pelican.settings["INLINE_CSS"] = Markup(css)
    pelican.settings["INLINE_CSS_HASH"] = style_hash(css)
    pelican.settings["FAVICON_SVG"] = (Path(pelican.settings["THEME"]) / ICON).read_text(encoding="utf-8").strip()


def register():
    """Connect the receiver to Pelican's signals."""
    signals.initialized.connect(read_stylesheet)
