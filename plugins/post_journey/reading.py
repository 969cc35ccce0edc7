"""A Python-Markdown extension for long reads: contents after the introduction, a References heading, reading time.

- A document with three or more section headings gets a short list of contents after its first
  paragraph (the toc extension gives the headings their ids).
- Footnotes are shown under a "References" heading (their back-links are the footnotes extension's).
- The minutes it takes to read go into the metadata as `reading_minutes`, for cards and posts.
"""

import math
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

WORDS_PER_MINUTE = 220
CONTENTS_FROM = 3  # headings


class ReferencesHeading(Treeprocessor):
    """Put a "References" heading at the top of the footnotes, in place of their rule."""

    def run(self, root):
        """Find the footnotes' <div> and head it."""
        for div in root.iter("div"):
            if "footnote" in div.get("class", "").split():
                rule = div.find("hr")
                if rule is not None:
                    div.remove(rule)
                heading = etree.Element("h2", {"class": "references__heading"})
                heading.text = "References"
                div.insert(0, heading)
                div.set("class", "footnote references")
                return


class Contents(Treeprocessor):
    """Add a list of contents after the first paragraph when there are enough headings; note the reading time."""

    def run(self, root):
        """Collect the section headings (not the references), link them, and count the words."""
        skip = {id(node) for div in root.iter("div") if "footnote" in div.get("class", "").split()
                for node in div.iter()}
        headings = [h for h in root.iter() if h.tag in ("h2", "h3") and h.get("id") and id(h) not in skip]
        if len(headings) >= CONTENTS_FROM:
            nav = etree.Element("nav", {"class": "contents", "aria-label": "Contents"})
            etree.SubElement(nav, "p", {"class": "contents__title"}).text = "Contents"
            items = etree.SubElement(nav, "ol")
            for heading in headings:
                item = etree.SubElement(items, "li", {"class": f"contents__{heading.tag}"})
                etree.SubElement(item, "a", {"href": f"#{heading.get('id')}"}).text = "".join(heading.itertext())
            nav.tail = "\n"
            first = next((index for index, child in enumerate(root) if child.tag == "p"), -1)
            root.insert(first + 1, nav)
        words = sum(len(text.split()) for text in root.itertext())
        if hasattr(self.md, "Meta"):  # Pelican reads the metadata after converting
            self.md.Meta["reading_minutes"] = [str(max(1, math.ceil(words / WORDS_PER_MINUTE)))]


class ReadingExtension(Extension):
    """Contents, a References heading and reading time."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        """Register the references after the footnotes are made (50), the contents after the toc's ids (5)."""
        md.treeprocessors.register(ReferencesHeading(md), "references_heading", 45)
        md.treeprocessors.register(Contents(md), "contents_and_reading_time", 4)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    """Return the extension, as Python-Markdown loads one by name."""
    return ReadingExtension(**kwargs)
