"""Signal receivers: check the actions' settings once, then give each post its actions.

The actions use the site's contact links (CONTACT_LINKS, from the practice's facts), read as each post is made.
"""

import logging
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator

from .comments import build_comments
from .cta import build_cta
from .disclaimer import build_disclaimer
from .earlier import comments_without_post, earlier_comments, known_names
from .metadata import METADATA_KEYS
from .settings import validate

__all__ = ["METADATA_KEYS", "register"]

logger = logging.getLogger(__name__)


def validate_settings(pelican):
    """Receive initialized: fill in the defaults of the settings left unset, and check them."""
    validate(pelican.settings)


def attach_to_post(content):
    """Receive content_object_init: give each post its actions, and each post and page the comments from her old blog.

    contact_cta, comments and health_disclaimer are None where off; earlier_comments is [] if none.
    """
    if isinstance(content, Article):
        content.contact_cta = build_cta(content.metadata, content.settings)
        content.comments = build_comments(content.metadata, content.settings)
        content.health_disclaimer = build_disclaimer(content.metadata, content.settings)
    if isinstance(content, (Article, Page)):
        folder = Path(content.settings["PATH"]) / content.settings["COMMENTS_FOLDER"]
        shown = f"{Path(content.settings['PATH']).name}/{content.settings['COMMENTS_FOLDER']}/{content.slug}.toml"
        content.earlier_comments = earlier_comments(folder / f"{content.slug}.toml", shown)


def written_contents(generator):
    """Return every post or page a generator read, drafts and hidden ones too; [] for other generators."""
    if isinstance(generator, ArticlesGenerator):
        return (generator.articles + generator.translations + generator.hidden_articles
                + generator.hidden_translations + generator.drafts + generator.drafts_translations)
    if isinstance(generator, PagesGenerator):
        return (generator.pages + generator.translations + generator.hidden_pages
                + generator.hidden_translations + generator.draft_pages + generator.draft_translations)
    return []


def warn_of_unused_comments(generators):
    """Receive all_generators_finalized: warn of each comments file no post or page reads, naming the likely one.

    Every post and page is known by now, drafts and scheduled ones too: one renamed leaves its file behind.
    """
    if not generators:
        return
    folder = Path(generators[0].settings["PATH"]) / generators[0].settings["COMMENTS_FOLDER"]
    if not folder.is_dir():
        return
    posts = {}
    for post in (content for generator in generators for content in written_contents(generator)):
        posts.update(known_names(post))
    for name, detail in comments_without_post([path.stem for path in folder.glob("*.toml")], posts):
        logger.warning("%s", detail, extra={"source_path": str(folder / name)})


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(validate_settings)
    signals.content_object_init.connect(attach_to_post)
    signals.all_generators_finalized.connect(warn_of_unused_comments)
