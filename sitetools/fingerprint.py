"""Keys for the site's pages: a page's key changes whenever something the page can show has changed.

A page's key covers
- the code that renders it: the theme's files, the plugins, the settings files, the libraries' versions;
- the site: every setting and value plugins give templates, the outline of every post (its details
  except the summary: what menus, tag lists, archives and links can show) and every page whole (one
  page's text can be shown inside another);
- its own content whole: the post or page itself, the posts on a list page and on its neighbours, and
  every post of a list that is not split into pages (archives). Other lists a page is given, such as
  all_articles, count by which posts they hold, not by their text.
"""

import datetime
import hashlib
import io
import os
import pickle
from importlib.metadata import version
from pathlib import Path

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

# Template values that are the site's content (covered by the outline), or that change every build.
CONTENT_ENTRIES = {
    "articles", "dates", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages", "tags",
    "categories", "authors", "period_archives", "generated_content", "static_content", "static_links",
    "staticfiles", "MARKDOWN_PREPARED", "OUTPUT_PATH",
}
SHOWN_LISTS = ("articles", "dates")  # Pelican's names for the posts a list page shows
PLAIN = {str, int, float, bool, type(None), bytes}  # described by repr()
LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown")
# A value with no stable description gets this: different in every build, so its pages are always rendered.
UNSTABLE = os.urandom(8).hex()


def code_digest(folders, files=()):
    """Return a digest of every file in folders and of files, and of the rendering libraries' versions."""
    digest = hashlib.sha256(" ".join(version(name) for name in LIBRARIES).encode())
    paths = [path for folder in folders for path in sorted(Path(folder).rglob("*"))
             if path.is_file() and "__pycache__" not in path.parts] + [Path(file) for file in files]
    for path in paths:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Fingerprints:
    """Page keys for one build, with each post's and page's description worked out once."""

    def __init__(self, context, code):
        self.context = context
        self._whole = {}
        self._lists = {}  # the same list is given to many pages (all_articles): describe it once
        self.site = self._site_key(code)

    def page(self, name, template_name, context, paginated):
        """Return the key of the page written to name from template_name with context."""
        parts = [self.site, name, template_name]
        shared = self.context
        own = sorted(key for key, value in context.items()  # what is not in the site key
                     if key != "output_file" and (key not in shared or shared[key] is not value))
        for key in own:
            value = context[key]
            shown = key in ("article", "page") or key.endswith("_page") or (key in SHOWN_LISTS and not paginated)
            parts.append(f"{key}={self.describe(value, shown)}")
        return _digest(parts)

    def _site_key(self, code):
        parts = [code]
        for key in sorted(self.context):
            if key not in CONTENT_ENTRIES:
                parts.append(f"{key}={self.describe(self.context[key], False)}")
        for key in ("articles", "drafts", "hidden_articles"):
            parts.extend(self.outline(post) for post in self.context.get(key, []))
        for key in ("pages", "hidden_pages", "draft_pages"):
            parts.extend(self.whole(page) for page in self.context.get(key, []))
        parts.extend(sorted(_identity(item) for item in self.context.get("staticfiles", [])))  # found in any order
        return _digest(parts)

    def outline(self, content):
        """Return what any page may show of a post: its details except the summary."""
        details = {k: v for k, v in content.metadata.items() if k != "summary"}
        return f"{_identity(content)}|{content.status}|{self.describe(details, False)}"

    def whole(self, content):
        """Return a digest of everything a post or page holds: text, details, what plugins added."""
        key = id(content)
        if key not in self._whole:
            held = {k: v for k, v in vars(content).items() if k not in ("_context", "settings")}
            try:  # pickling is many times faster than describing value by value
                buffer = io.BytesIO()
                _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((type(content).__name__, held))
                self._whole[key] = hashlib.sha256(buffer.getvalue()).hexdigest()
            except (pickle.PicklingError, TypeError, AttributeError):
                self._whole[key] = _digest([type(content).__name__, self.describe(held, False)])
        return self._whole[key]

    def describe(self, value, shown):
        """Return a text that changes when value changes; posts are whole when shown, else by file."""
        kind = type(value)
        if kind in PLAIN:
            return repr(value)
        if kind is dict:
            return "{" + ",".join(f"{k!r}:{self.describe(v, shown)}" for k, v in _sorted_items(value)) + "}"
        if kind in (list, tuple):
            key = (id(value), shown)
            if key not in self._lists:  # the list is kept with its text, so its id cannot be reused
                self._lists[key] = (value, "[" + ",".join(self.describe(item, shown) for item in value) + "]")
            return self._lists[key][1]
        if isinstance(value, Content):
            return self.whole(value) if shown else _identity(value)
        if isinstance(value, Page):
            return f"page {value.number}/{value.paginator.num_pages}:{self.describe(value.object_list, shown)}"
        if isinstance(value, Paginator):
            return f"paginator {value.count}/{value.per_page}/{value.num_pages}"
        if isinstance(value, URLWrapper):
            return f"{kind.__name__}:{value.name}:{value.slug}"
        if isinstance(value, (datetime.date, datetime.time)):
            return value.isoformat()
        if isinstance(value, (set, frozenset)):
            return "{" + ",".join(sorted(self.describe(item, shown) for item in value)) + "}"
        if isinstance(value, dict):
            return self.describe(dict(value), shown)
        if isinstance(value, (list, tuple)):
            return self.describe(list(value), shown)
        if callable(value) or isinstance(value, type(os)):  # code: its source is in the code digest
            text = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
        else:
            text = repr(value)
        return UNSTABLE if " at 0x" in text else text


def _sorted_items(mapping):
    try:
        return sorted(mapping.items())
    except TypeError:  # keys of different kinds
        return sorted(mapping.items(), key=lambda item: repr(item[0]))


class _Pickler(pickle.Pickler):
    """Pickles a post's own values; other posts by their file, tags and categories by name."""

    def reducer_override(self, obj):
        if isinstance(obj, Content):
            return str, (_identity(obj),)
        if isinstance(obj, URLWrapper):
            return str, (f"{type(obj).__name__}:{obj.name}:{obj.slug}",)
        return NotImplemented


def _identity(content):
    return f"{type(content).__name__}:{content.relative_source_path}"


def _digest(parts):
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
