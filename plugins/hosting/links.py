"""Links that open a new tab get rel="noopener", so the page they open cannot reach back into ours.

A Python-Markdown extension, usable in any Pelican site: list "hosting.links" in MARKDOWN["extension_configs"]
(the hosting plugin does). It runs on the finished HTML, so links typed as HTML are covered too.
"""

import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

NEW_TAB_LINK = re.compile(r"<a\b[^>]*\btarget\s*=\s*[\"']?_blank[^>]*>", re.IGNORECASE)
REL = re.compile(r"""\brel\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)


def add_noopener(html):
    """Return html with rel="noopener" on every <a target="_blank"> that lacks it."""

    def fix(match):
        tag = match.group(0)
        rel = REL.search(tag)
        if rel is None:
            return tag[:-1].rstrip("/").rstrip() + ' rel="noopener">'
        words = rel.group(2).split()
        if "noopener" in words:
            return tag
        return tag[: rel.start()] + f'rel="{" ".join([*words, "noopener"])}"' + tag[rel.end():]

    return NEW_TAB_LINK.sub(fix, html)


class NoopenerPostprocessor(Postprocessor):
    """Add rel="noopener" to new-tab links in the converted document."""

    def run(self, text):
        """Return the document with rel="noopener" added."""
        return add_noopener(text)


class NoopenerExtension(Extension):
    """rel="noopener" on every link that opens a new tab."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        """Register the postprocessor after raw HTML is restored (priority 30)."""
        md.postprocessors.register(NoopenerPostprocessor(md), "noopener", 6)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    """Return the extension, as Python-Markdown loads one by name."""
    return NoopenerExtension(**kwargs)
