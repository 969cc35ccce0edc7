"""Read a WordPress export (WXR): the RSS file WordPress.com hands out, as .xml or inside a .zip.

Parsed with defusedxml: an export never defines entities or fetches anything, so a file that
tries to is refused rather than expanded.
"""

import datetime
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

# Namespaces by what their address contains: exports use 1.0 to 1.2, over http:// or https://.
FAMILIES = (("excerpt", "wordpress.org/export/1."), ("wp", "wordpress.org/export/"),
            ("content", "purl.org/rss/1.0/modules/content"), ("dc", "purl.org/dc/elements"))
NO_DATE = "0000-00-00 00:00:00"


class ExportError(ValueError):
    """The export cannot be read: path names the file, detail says what is wrong and what to do, line where."""

    def __init__(self, path, detail, line=None):
        super().__init__(f"{path}:{line}: {detail}" if line else f"{path}: {detail}")
        self.path, self.detail, self.line = path, detail, line


@dataclass
class Comment:
    """A comment as the export gives it."""

    id: str
    parent: str
    author: str
    date_gmt: datetime.datetime | None
    text: str
    approved: str  # "1" approved, "0" waiting, "spam", "trash"
    kind: str  # "" or "comment"; "pingback", "trackback"


@dataclass
class Item:
    """A post, page, attachment or internal record of the export."""

    id: str
    kind: str  # post_type: post, page, attachment, nav_menu_item, revision, …
    title: str = ""
    link: str = ""
    status: str = ""
    slug: str = ""
    date_gmt: datetime.datetime | None = None
    modified_gmt: datetime.datetime | None = None
    content: str = ""
    excerpt: str = ""
    password: str = ""
    parent: str = ""
    attachment_url: str = ""
    alt: str = ""  # an attachment's description, for readers who cannot see it
    categories: list = field(default_factory=list)  # [(slug, name)]
    tags: list = field(default_factory=list)
    comments: list = field(default_factory=list)


def _split(tag):
    """Return (family, local name) of an element's tag: ('wp', 'post_type'), ('', 'title')."""
    if not tag.startswith("{"):
        return "", tag
    uri, local = tag[1:].split("}", 1)
    uri = uri.split("://", 1)[-1]
    for family, marker in FAMILIES:
        if marker in uri and (family != "excerpt" or uri.rstrip("/").endswith("excerpt")):
            return family, local
    return uri, local


def _children(element):
    """Return {(family, name): [elements]} for an element's children."""
    found = {}
    for child in element:
        found.setdefault(_split(child.tag), []).append(child)
    return found


def _text(children, family, name):
    """Return the text of the first child (family, name), or ''."""
    elements = children.get((family, name))
    return (elements[0].text or "").strip() if elements else ""


def _gmt(text):
    """Return a GMT date from the export's 'YYYY-MM-DD HH:MM:SS', or None when WordPress left it empty."""
    if not text or text == NO_DATE:
        return None
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.UTC)
    except ValueError:
        return None


def _comment(element):
    children = _children(element)
    return Comment(
        id=_text(children, "wp", "comment_id"), parent=_text(children, "wp", "comment_parent") or "0",
        author=_text(children, "wp", "comment_author"), date_gmt=_gmt(_text(children, "wp", "comment_date_gmt")),
        text=_text(children, "wp", "comment_content"), approved=_text(children, "wp", "comment_approved"),
        kind=_text(children, "wp", "comment_type"),
    )


def _meta(children, key):
    """Return the value of the item's wp:postmeta with this key, or ''."""
    for meta in children.get(("wp", "postmeta"), []):
        fields = _children(meta)
        if _text(fields, "wp", "meta_key") == key:
            return _text(fields, "wp", "meta_value")
    return ""


def _item(element):
    children = _children(element)
    raw = {key: (elements[0].text or "") for key, elements in children.items()}
    categories = [(c.get("nicename", ""), (c.text or "").strip()) for c in children.get(("", "category"), [])
                  if c.get("domain") == "category"]
    tags = [(c.get("nicename", ""), (c.text or "").strip()) for c in children.get(("", "category"), [])
            if c.get("domain") == "post_tag"]
    return Item(
        id=_text(children, "wp", "post_id"), kind=_text(children, "wp", "post_type") or "post",
        title=_text(children, "", "title"), link=_text(children, "", "link"),
        status=_text(children, "wp", "status"), slug=_text(children, "wp", "post_name"),
        date_gmt=_gmt(_text(children, "wp", "post_date_gmt")) or _gmt(_text(children, "wp", "post_date")),
        modified_gmt=_gmt(_text(children, "wp", "post_modified_gmt")),
        content=raw.get(("content", "encoded"), ""), excerpt=raw.get(("excerpt", "encoded"), "").strip(),
        password=_text(children, "wp", "post_password"), parent=_text(children, "wp", "post_parent"),
        attachment_url=_text(children, "wp", "attachment_url"), alt=_meta(children, "_wp_attachment_image_alt"),
        categories=categories, tags=tags,
        comments=[_comment(c) for c in children.get(("wp", "comment"), [])],
    )


@dataclass
class Export:
    """What an export holds: the blog's address and its items, in the export's order."""

    site_url: str
    items: list


def _open(path):
    """Return a binary file of the export: the .xml itself, or the .xml inside a .zip."""
    path = Path(path)
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        names = sorted(n for n in archive.namelist() if n.lower().endswith(".xml"))
        if not names:
            raise ExportError(path, "this .zip holds no .xml file — it is not WordPress's export; export again "
                              "from WordPress.com (Tools → Export)")
        return archive.open(names[0])
    return path.open("rb")


def read_export(path):
    """Return the Export in an .xml or .zip file; raise ExportError naming the file (and line) if it cannot be."""
    shown = str(path)
    if not Path(path).is_file():
        raise ExportError(shown, "there is no such file — give the path of the .xml or .zip WordPress.com gave you")
    try:
        with _open(path) as file:
            root = ElementTree.parse(file).getroot()
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        raise ExportError(shown, "this is not a complete XML file (it may have been cut short while downloading) "
                          "— download the export again", line) from None
    except DefusedXmlException:
        raise ExportError(shown, "this file defines its own XML entities, which a WordPress export never does — "
                          "export again from WordPress.com") from None
    except (OSError, zipfile.BadZipFile) as error:
        raise ExportError(shown, f"this file cannot be read ({error}) — download the export again") from None
    channel = root.find("channel")
    families = {_split(child.tag)[0] for child in channel} if channel is not None else set()
    if root.tag != "rss" or "wp" not in families:
        raise ExportError(shown, "this is not a WordPress export — export from WordPress.com (Tools → Export) "
                          "and give the file it gives you")
    children = _children(channel)
    site_url = _text(children, "wp", "base_blog_url") or _text(children, "", "link")
    return Export(site_url.rstrip("/"), [_item(element) for element in channel.findall("item")])
