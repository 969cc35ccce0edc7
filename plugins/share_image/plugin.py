"""Give each post a share image, named by its page, then put the (cached) images into the built site."""

import os
import shutil
from pathlib import Path, PurePosixPath

from pelican import signals
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


def share_image_path(save_as, settings):
    """Return the share image of the page saved as save_as: blog/slug/index.html -> images/share/blog/slug.png.

    Named by the page's own file, which is no other page's (a translation has its own): a folder's
    index.html by its folder, any other file by its whole name, as a folder and a file never share a
    path. The site's image stays the site's, whatever a post's address.
    """
    page = PurePosixPath(save_as)
    by_folder = page.name == "index.html" and page.parent != PurePosixPath(".")
    path = f"{settings['SHARE_IMAGE_PATH']}/{page.parent if by_folder else page}.png"
    return f"{settings['SHARE_IMAGE_PATH']}/{page}.png" if path == settings["SHARE_IMAGE_SITE"] else path


def start_drawing(generators):
    """Receive all_generators_finalized: give each post written its share image, and start drawing the new ones.

    Not earlier: the posts' addresses are final (a plugin may publish a draft in a preview), and every
    Markdown file is read, so no other worker processes run when these start. The images are drawn
    while the pages are written.
    """
    generator = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if generator is None:
        return
    settings = generator.settings
    colours = theme_colours((Path(settings["THEME"]) / "static/css/site.css").read_text(encoding="utf-8"))
    small_print = settings["SITENAME"]
    wanted = {settings["SHARE_IMAGE_SITE"]: (settings["SITENAME"], settings.get("SITESUBTITLE", ""))}
    written = generator.articles + generator.translations + generator.hidden_articles + generator.hidden_translations
    for article in written:
        if article.save_as:
            article.share_image = share_image_path(article.save_as, settings)
            # A Title: line given twice comes as a list (Pelican keeps both); the build then stops at that
            # line, but only after this receiver has run.
            title = " ".join(article.title) if isinstance(article.title, list) else article.title
            wanted[article.share_image] = (title, small_print)
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
    signals.all_generators_finalized.connect(start_drawing)
    signals.article_writer_finalized.connect(write_share_images)
