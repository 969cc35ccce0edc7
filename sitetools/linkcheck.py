"""Find broken internal links, missing assets and missing #anchors in a built site."""

import hashlib
import os
import pickle
import posixpath
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that point at another file, by element, and what a reader would call it.
LINK_ATTRIBUTES = {
    "a": ("link", ("href",)),
    "area": ("link", ("href",)),
    "form": ("link", ("action",)),
    "img": ("image", ("src", "srcset")),
    "source": ("image", ("src", "srcset")),
    "video": ("image", ("src", "poster")),
    "link": ("file", ("href",)),
    "script": ("file", ("src",)),
    "audio": ("file", ("src",)),
    "iframe": ("file", ("src",)),
}
NOT_FILES = ("mailto:", "tel:", "sms:", "data:", "javascript:")


@dataclass(frozen=True)
class BrokenLink:
    """A link on a page of the built site that leads nowhere."""

    page: str
    target: str
    reason: str
    kind: str = "link"  # link, image, file, or anchor (a missing #part of a page)

    def __str__(self):
        return f"{self.page}: {self.target} — {self.reason}"


# The site's pages are generated, well-formed HTML: tags and attributes can be found with patterns,
# many times faster than a full parser. Script and style bodies and comments are skipped.
# (The body is matched a run without "<" at a time: the inline stylesheet is long.)
SKIPPED = re.compile(r"<(?:!--.*?-->|(script|style)\b[^>]*>[^<]*(?:<(?!/\1\b)[^<]*)*</\1\s*>)",
                     re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^>]*)?>")
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


@dataclass
class _Page:
    """A page's outgoing links, as (kind, address), and the ids it defines."""

    links: list
    ids: set


def parse_file(path):
    """Return the links and ids of one HTML file."""
    return parse_html(path.read_text(encoding="utf-8"))


def parse_html(html):
    """Return the links and ids of a page's HTML."""
    text = SKIPPED.sub(lambda m: m.group(0)[: m.group(0).find(">") + 1] if m.group(1) else "", html)
    page = _Page([], set())
    for tag, attribute_text in TAG.findall(text):
        tag = tag.lower()
        if not attribute_text or (tag not in LINK_ATTRIBUTES and "id" not in attribute_text.lower()):
            continue  # most tags: no link, no id
        attrs = {name.lower(): unescape(next((v for v in values if v), ""))
                 for name, *values in ATTRIBUTE.findall(attribute_text)}
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                page.ids.add(attrs[name])
        kind, names = LINK_ATTRIBUTES.get(tag, ("", ()))
        for name in names:
            value = attrs.get(name, "").strip()
            if not value:
                continue
            if name == "srcset":
                page.links.extend((kind, part.split()[0]) for part in value.split(",") if part.strip())
            else:
                page.links.append((kind, value))
    return page


def _local_path(link, page_url, site_url):
    """Return (site path, fragment) for a link into the site, or None for other sites."""
    if site_url and (link == site_url or link.startswith(site_url + "/")):
        link = link[len(site_url):] or "/"
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page_url, parts.fragment
    if not path.startswith("/"):
        path = posixpath.join(posixpath.dirname(page_url), path)
    normal = posixpath.normpath(path)
    if path.endswith("/") and normal != "/":
        normal += "/"
    return normal, parts.fragment


def _site_files(root):
    """Return every file of the site, as paths relative to root ('blog/x/index.html')."""
    found = set()
    for folder, _, names in os.walk(root):
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names)
    return found


def _file_for(files, site_path):
    """Return the file (relative to the site) a static host would serve for site_path, or None."""
    if site_path.startswith("/.."):
        return None
    relative = site_path.lstrip("/")
    if relative in files:
        return relative
    index = f"{relative.rstrip('/')}/index.html" if relative.rstrip("/") else "index.html"
    return index if index in files else None


def _parsed_pages(root, files, cache_file):
    """Return {site path: parsed page}, reusing the parse of pages whose bytes are unchanged."""
    known = {}
    if cache_file and Path(cache_file).is_file():
        try:
            known = pickle.loads(Path(cache_file).read_bytes())
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            known = {}  # a damaged cache is only a slower check
    pages, used = {}, {}
    for relative in sorted(name for name in files if name.endswith(".html")):
        data = (root / relative).read_bytes()
        key = hashlib.sha256(data).digest()
        if key not in known:
            known[key] = parse_html(data.decode("utf-8"))
        used[key] = pages["/" + relative] = known[key]
    if cache_file:
        Path(cache_file).parent.mkdir(parents=True, exist_ok=True)
        Path(cache_file).write_bytes(pickle.dumps(used))
    return pages


def check_site(output, site_url="", cache_file=None):
    """Return every broken internal link, missing asset and missing anchor in the built site.

    cache_file, if given, keeps each page's parse by its content for the next check.
    """
    root = Path(output).resolve()
    files = _site_files(root)
    pages = _parsed_pages(root, files, cache_file)
    site_url = site_url.rstrip("/")
    judged = {}  # nav, tag and asset links repeat on every page: judge each once
    broken = []
    for page_url, page in pages.items():
        for kind, link in page.links:
            same_everywhere = link.startswith("/") or "://" in link or link.lower().startswith(NOT_FILES)
            key = link if same_everywhere else (link, page_url)
            if key not in judged:
                judged[key] = _judge(link, page_url, site_url, files, pages)
            if judged[key]:
                reason, is_anchor = judged[key]
                broken.append(BrokenLink(page_url, link, reason, "anchor" if is_anchor else kind))
    return broken


def _judge(link, page_url, site_url, files, pages):
    """Return None for a link that works, else (reason, whether it is a missing #part of a page)."""
    if link.lower().startswith(NOT_FILES) or link == "#":
        return None
    local = _local_path(link, page_url, site_url)
    if local is None:
        return None
    site_path, fragment = local
    target = _file_for(files, site_path)
    if target is None:
        return "no such file in the built site", False
    if fragment and target.endswith(".html"):
        if unquote(fragment) not in pages["/" + target].ids:
            return f"no element with id '{fragment}' on that page", True
    return None
