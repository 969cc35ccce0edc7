"""Read a WordPress export (WXR): the RSS file WordPress.com hands out, as .xml or one or more inside a .zip.

Parsed with defusedxml: an export never defines entities or fetches anything, so a file that
tries to is refused rather than expanded.
"""

import datetime
import re
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
# A blog's text, all posts and comments, is a few MB; a larger export is a bomb that would fill the memory.
MAX_EXPORT_BYTES = 200 * 2**20
NOT_AN_EXPORT = ("this is not a WordPress export — export from WordPress.com (Tools → Export) and give the file it "
                 "gives you")


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
    menu_order: int = 0  # an attachment's place among its post's: [gallery] without ids shows them in this order
    attachment_url: str = ""
    alt: str = ""  # an attachment's description, for readers who cannot see it
    meta: dict = field(default_factory=dict)  # wp:postmeta, key: value ('_wp_attachment_metadata': '…')
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


def _whole_number(text):
    """Return text as a whole number; 0 for anything else."""
    return int(text) if re.fullmatch(r"-?\d{1,9}", text or "") else 0


def _meta(children, key):
    """Return the value of the item's wp:postmeta with this key, or ''."""
    for meta in children.get(("wp", "postmeta"), []):
        fields = _children(meta)
        if _text(fields, "wp", "meta_key") == key:
            return _text(fields, "wp", "meta_value")
    return ""


def _all_meta(children):
    """Return {key: value} of the item's wp:postmeta; the first of a repeated key counts."""
    found = {}
    for meta in children.get(("wp", "postmeta"), []):
        fields = _children(meta)
        found.setdefault(_text(fields, "wp", "meta_key"), _text(fields, "wp", "meta_value"))
    return found


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
        menu_order=_whole_number(_text(children, "wp", "menu_order")),
        attachment_url=_text(children, "wp", "attachment_url"), alt=_meta(children, "_wp_attachment_image_alt"),
        meta=_all_meta(children), categories=categories, tags=tags,
        comments=[_comment(c) for c in children.get(("wp", "comment"), [])],
    )


@dataclass
class Export:
    """What an export holds: the blog's address and its items, in the export's order."""

    site_url: str
    items: list


class _TooLarge(Exception):
    """More XML than an export can be: what was being read, and how much of it there was."""


class _Budget:
    """A binary file read through a shared allowance of bytes: counted as they come, whatever sizes were declared."""

    def __init__(self, file, name, allowance):
        self.file, self.name, self.allowance = file, name, allowance

    def read(self, size=-1):
        """Read as the file does; raise _TooLarge once the export holds more than it may."""
        data = self.file.read(size if size is not None and size >= 0 else self.allowance[0] + 1)
        self.allowance[0] -= len(data)
        if self.allowance[0] < 0:
            raise _TooLarge(self.name)
        return data


def _members(archive):
    """Return the archive's XML files, in order: WordPress.com splits a large site into …000.xml, …001.xml."""
    return sorted((info for info in archive.infolist() if info.filename.lower().endswith(".xml")
                   and not info.is_dir() and not info.filename.startswith("__MACOSX/")
                   and not Path(info.filename).name.startswith("._")), key=lambda info: info.filename)


def _sources(path):
    """Yield (name, binary file) for each XML file of the export: the .xml itself, or every .xml in a .zip.

    Sizes are checked before anything is read, as declared, and again while reading: a declared size can lie.
    """
    path = Path(path)
    allowance = [MAX_EXPORT_BYTES]  # shared by every file of one export
    if not zipfile.is_zipfile(path):
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise _TooLarge(path.name)
        with path.open("rb") as file:
            yield path.name, _Budget(file, path.name, allowance)
        return
    with zipfile.ZipFile(path) as archive:
        members = _members(archive)
        if not members:
            raise ExportError(path, "this .zip holds no .xml file — it is not WordPress's export; export again "
                              "from WordPress.com (Tools → Export)")
        declared = 0
        for info in members:
            declared += info.file_size
            if declared > MAX_EXPORT_BYTES:
                raise _TooLarge(info.filename)
        for info in members:
            with archive.open(info) as file:
                yield info.filename, _Budget(file, info.filename, allowance)


def _channel(shown, file):
    """Return the <channel> of one XML file of an export; raise ExportError naming it if it cannot be read."""
    try:
        root = ElementTree.parse(file).getroot()
    except ParseError as error:
        line, column = getattr(error, "position", None) or (None, None)
        if line == 1 and column <= 1:  # not XML from its first letter: another kind of file
            raise ExportError(shown, NOT_AN_EXPORT) from None
        raise ExportError(shown, "this is not a complete XML file (it may have been cut short while downloading) "
                          "— download the export again", line) from None
    except DefusedXmlException:
        raise ExportError(shown, "this file defines its own XML entities, which a WordPress export never does — "
                          "export again from WordPress.com") from None
    channel = root.find("channel")
    families = {_split(child.tag)[0] for child in channel} if channel is not None else set()
    if root.tag != "rss" or "wp" not in families:
        raise ExportError(shown, NOT_AN_EXPORT)
    return channel


def read_export(path):
    """Return the Export in an .xml or .zip file; raise ExportError naming the file (and line) if it cannot be.

    A .zip may hold several XML files, as WordPress.com gives a large site: their items are one site's.
    """
    shown = str(path)
    if Path(path).is_dir():
        raise ExportError(shown, "this is a folder — give the .xml or .zip file WordPress.com gave you, inside it")
    if not Path(path).is_file():
        raise ExportError(shown, "there is no such file — give the path of the .xml or .zip WordPress.com gave you")
    site_url, items = "", []
    try:
        for name, file in _sources(path):
            where = shown if name == Path(path).name else f"{shown} ({name})"
            channel = _channel(where, file)
            children = _children(channel)
            site_url = site_url or _text(children, "wp", "base_blog_url") or _text(children, "", "link")
            items += [_item(element) for element in channel.findall("item")]
    except _TooLarge as error:
        raise ExportError(shown, f"{error} holds more than {MAX_EXPORT_BYTES // 2**20} MB of text, far more than "
                          "a blog's export — this is not the file WordPress.com gave you; export again") from None
    except (OSError, zipfile.BadZipFile) as error:
        raise ExportError(shown, f"this file cannot be read ({error}) — download the export again") from None
    return Export(site_url.rstrip("/"), items)
