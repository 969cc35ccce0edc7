"""Signal receivers: the reading extension; each post's and page's language; neighbours, related posts, series."""

from collections import defaultdict

from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import get_date

from .journey import related_posts, series_of
from .languages import language

# The details of a post this plugin reads.
METADATA_KEYS = ("series", "reviewed", "reviewed_by")
EXTENSION = "post_journey.reading"


def add_extension(pelican):
    """Receive initialized: have Pelican's Markdown reader add contents, references and reading time."""
    pelican.settings.setdefault("MARKDOWN", {}).setdefault("extension_configs", {}).setdefault(EXTENSION, {})


def name_language(content):
    """Receive content_object_init: give each post and page its language, {'tag', 'name'}, for the theme."""
    if isinstance(content, Article | Page):
        content.language = language(content.lang)


def link_posts(generator):
    """Receive article_generator_finalized: link each published post to where a reader goes next.

    Pelican's translations are linked among the translations in their own language, so a reader stays
    in it; the posts it lists are linked among themselves.
    """
    link_journey(generator.articles)
    by_language = defaultdict(list)
    for translation in generator.translations:
        by_language[translation.lang].append(translation)
    for translations in by_language.values():
        link_journey(translations)


def link_journey(posts):
    """Set newer_post, older_post, related_posts, series (or None), reviewed (a date, or None), reviewed_by."""
    posts = sorted(posts, key=lambda post: post.date, reverse=True)
    neighbours = {id(post): {id(other) for other in posts[max(index - 1, 0):index + 2] if other is not post}
                  for index, post in enumerate(posts)}
    related, series = related_posts(posts, shown=neighbours), series_of(posts)
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
    signals.content_object_init.connect(name_language)
    signals.article_generator_finalized.connect(link_posts)
