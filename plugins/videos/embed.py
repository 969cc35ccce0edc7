"""A Python-Markdown extension: a paragraph that is only a YouTube or Vimeo address becomes a video box.

The box holds a title, a note and a link to the video; the theme's script adds a Play button that
puts the player in its place (youtube-nocookie.com or Vimeo's player). Nothing is fetched from the
video site while building, and nothing while reading until the reader presses Play.
The hosts of the players a document uses are added to its metadata under PLAYERS_KEY.
"""

import re
import xml.etree.ElementTree as etree
from urllib.parse import parse_qs, urlsplit

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{6,12}$")
PLAYERS = {
    "YouTube": "https://www.youtube-nocookie.com",
    "Vimeo": "https://player.vimeo.com",
}
# The metadata key of the players found. A header cannot write it: the meta extension reads a
# header key as letters, digits, '_' and '-' only, so a line of a post's header never forges it.
PLAYERS_KEY = "videos.players"


def video(url):
    """Return (site, address to watch it, player address) for a YouTube or Vimeo address, else None."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    path = parts.path.strip("/").split("/")
    found = None
    if host == "youtu.be":
        found = path[0]
    elif host in ("youtube.com", "youtube-nocookie.com", "music.youtube.com"):
        if path[0] == "watch":
            found = parse_qs(parts.query).get("v", [""])[0]
        elif path[0] in ("embed", "shorts", "live") and len(path) > 1:
            found = path[1]
    if found and YOUTUBE_ID.match(found):
        return ("YouTube", f"https://www.youtube.com/watch?v={found}",
                f"{PLAYERS['YouTube']}/embed/{found}?autoplay=1")
    if host == "vimeo.com" and path and VIMEO_ID.match(path[0]):
        return "Vimeo", f"https://vimeo.com/{path[0]}", f"{PLAYERS['Vimeo']}/video/{path[0]}?autoplay=1&dnt=1"
    if host == "player.vimeo.com" and len(path) > 1 and path[0] == "video" and VIMEO_ID.match(path[1]):
        return "Vimeo", f"https://vimeo.com/{path[1]}", f"{PLAYERS['Vimeo']}/video/{path[1]}?autoplay=1&dnt=1"
    return None


def only_address(paragraph):
    """Return (address, words) if a <p> holds nothing but one address or one link, else None."""
    children = list(paragraph)
    text = (paragraph.text or "").strip()
    if not children:
        return (text, "") if text and " " not in text else None
    if len(children) == 1 and children[0].tag == "a" and not text and not (children[0].tail or "").strip():
        link = children[0]
        words = "".join(link.itertext()).strip()
        href = link.get("href", "")
        return href, "" if words == href else words
    return None


def video_box(site, watch, player, words):
    """Return the <figure> that stands for a video until the reader presses Play."""
    title = words or f"Video on {site}"
    box = etree.Element("figure", {"class": "video-box", "data-video-src": player, "data-video-title": title})
    etree.SubElement(box, "figcaption", {"class": "video-box__title"}).text = title
    note = etree.SubElement(box, "p", {"class": "video-box__note"})
    note.text = f"Plays from {site} when you press Play: {site} then sees your visit and may set cookies."
    actions = etree.SubElement(box, "p", {"class": "video-box__actions"})
    etree.SubElement(actions, "a", {"href": watch, "class": "button video-box__link"}).text = f"Watch on {site}"
    return box


class VideoTreeprocessor(Treeprocessor):
    """Replace each paragraph that is only a video's address with a video box."""

    def run(self, root):
        """Replace the paragraphs, and note the players the document uses in its metadata."""
        found = [(parent, child, video(address[0]), address[1]) for parent in root.iter() for child in parent
                 if child.tag == "p" and (address := only_address(child)) and video(address[0])]
        for parent, paragraph, (site, watch, player), words in found:  # replaced after the walk: boxes hold links
            box = video_box(site, watch, player, words)
            box.tail = paragraph.tail
            parent.insert(list(parent).index(paragraph), box)
            parent.remove(paragraph)
        if found and hasattr(self.md, "Meta"):  # Pelican reads the metadata after converting
            self.md.Meta[PLAYERS_KEY] = sorted({PLAYERS[site] for _, _, (site, _, _), _ in found})


class VideoExtension(Extension):
    """Click-to-load YouTube and Vimeo videos."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        """Run after inline Markdown (20), when links are <a> elements, and before the output is tidied (10)."""
        md.treeprocessors.register(VideoTreeprocessor(md), "click_to_load_video", 15)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    """Return the extension, as Python-Markdown loads one by name."""
    return VideoExtension(**kwargs)
