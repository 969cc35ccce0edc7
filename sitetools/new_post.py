"""Start a new post: a draft Markdown file with its details filled in, never over an existing file."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.utils import slugify

from .sources import SUMMARY_PLACEHOLDER

SLUG_LIMIT = 80  # characters: addresses stay readable and far below file-name limits

TEMPLATE = """\
Title: {title}
Date: {date}
Category: {category}
Tags:
Slug: {slug}
Status: draft
Summary: {summary}

Start writing here. An empty line starts a new paragraph; a line starting with "## " is a heading.
"""


class NewPostError(ValueError):
    """The post could not be created; the message says why and what to do."""


def make_slug(title, settings):
    """Return the address part for a title, as Pelican would make it, cut at a word to SLUG_LIMIT."""
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if len(slug) > SLUG_LIMIT:
        slug = slug[:SLUG_LIMIT].rsplit("-", 1)[0]
    return slug


def new_post(title, settings, now=None):
    """Create content/posts/<slug>.md for title and return its path."""
    title = re.sub(r"\s+", " ", title or "").strip()
    if not title:
        raise NewPostError("The post needs a title — e.g. invoke new-post \"Tight calves after a long run\"")
    slug = make_slug(title, settings)
    if not slug:
        raise NewPostError(f"'{title}' has no letters or digits to make an address from — use a title with words")
    now = now or datetime.datetime.now(ZoneInfo(settings["TIMEZONE"]))
    folder = Path(settings["PATH"]) / settings["ARTICLE_PATHS"][0]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    text = TEMPLATE.format(
        title=title,
        date=f"{now:%Y-%m-%d %H:%M}",
        category=settings["DEFAULT_CATEGORY"],
        slug=slug,
        summary=f"{SUMMARY_PLACEHOLDER}: they show on the home page and in search results.",
    )
    try:
        with path.open("x", encoding="utf-8") as file:  # "x": never overwrite her work
            file.write(text)
    except FileExistsError:
        raise NewPostError(
            f"{Path(settings['PATH']).name}/{path.relative_to(settings['PATH']).as_posix()} already exists — "
            "open it to keep writing, or choose another title"
        ) from None
    return path
