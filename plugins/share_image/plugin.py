"""Give each post a share image address, then put the (cached) images into the built site."""

import os
import shutil
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from .draw import Drawing, theme_colours

DEFAULTS = {
    # Where the images go in the site, and the one used for pages that are not posts.
    "SHARE_IMAGE_PATH": "images/share",
    "SHARE_IMAGE_SITE": "images/share/site.png",
    # Drawn images are kept here (under CACHE_PATH) between builds; unchanged posts are not redrawn.
    "SHARE_IMAGE_CACHE": "share-images",
}


def set_defaults(pelican):
    """Receive initialized: fill in the defaults of the settings left unset, for this plugin and templates."""
    for name, value in DEFAULTS.items():  # as every plugin of this site does: the site's values win
        pelican.settings.setdefault(name, value)


def name_share_image(content):
    """Receive content_object_init: give a post the address of its share image."""
    if isinstance(content, Article):
        content.share_image = f"{content.settings['SHARE_IMAGE_PATH']}/{content.slug}.png"


def start_drawing(generators):
    """Receive all_generators_finalized: start drawing the new share images while pages are written.

    Not earlier: every Markdown file is read by then, so no other worker processes run when these start.
    """
    generator = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if generator is None:
        return
    settings = generator.settings
    colours = theme_colours((Path(settings["THEME"]) / "static/css/site.css").read_text(encoding="utf-8"))
    small_print = settings["SITENAME"]
    wanted = {settings["SHARE_IMAGE_SITE"]: (settings["SITENAME"], settings.get("SITESUBTITLE", ""))}
    for article in generator.articles + generator.translations:
        wanted[article.share_image] = (article.title, small_print)
    cache = Path(settings["CACHE_PATH"]) / settings["SHARE_IMAGE_CACHE"]
    generator.share_image_drawing = Drawing(wanted, colours, cache)


def write_share_images(generator, writer):
    """Receive article_writer_finalized: link each post's image and the site's from the cache into the site."""
    for target, cached in generator.share_image_drawing.finish().items():
        destination = Path(generator.output_path) / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:  # cached images are only ever replaced, never written into: the site can share them
            os.link(cached, destination)
        except OSError:
            shutil.copyfile(cached, destination)


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(set_defaults)
    signals.content_object_init.connect(name_share_image)
    signals.all_generators_finalized.connect(start_drawing)
    signals.article_writer_finalized.connect(write_share_images)
