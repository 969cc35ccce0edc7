"""Signal receivers: the reading extension for every document; each post's neighbours, related posts and series."""

from pelican import signals
from pelican.utils import get_date

from .journey import related_posts, series_of

# The details of a post this plugin reads.
METADATA_KEYS = ("series", "reviewed", "reviewed_by")
EXTENSION = "post_journey.reading"


def add_extension(pelican):
    """Receive initialized: have Pelican's Markdown reader add contents, references and reading time."""
    pelican.settings.setdefault("MARKDOWN", {}).setdefault("extension_configs", {}).setdefault(EXTENSION, {})


def link_posts(generator):
    """Receive article_generator_finalized: link each published post to where a reader goes next.

    Sets newer_post, older_post, related_posts, series (or None), reviewed (a date, or None), reviewed_by.
    """
    posts = sorted(generator.articles, key=lambda post: post.date, reverse=True)
    related, series = related_posts(posts), series_of(posts)
    for index, post in enumerate(posts):
        post.newer_post = posts[index - 1] if index else None
        post.older_post = posts[index + 1] if index + 1 < len(posts) else None
        post.related_posts = related[id(post)]
        post.series = series.get(id(post))
        reviewed = post.metadata.get("reviewed")
        post.reviewed = get_date(str(reviewed)) if reviewed else None  # the source check vouched for the form
        post.reviewed_by = " ".join(str(post.metadata.get("reviewed_by", "")).split()) or None


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(add_extension)
    signals.article_generator_finalized.connect(link_posts)
