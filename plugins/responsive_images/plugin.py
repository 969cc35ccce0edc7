"""Responsive images: the Markdown extension that writes <picture> markup, and the versions it points to."""

import os
import shutil
from pathlib import Path

from pelican import signals
from pelican.utils import get_relative_path, path_to_url

from .convert import convert_all
from .cover import describe_cover, describe_image, site_url
from .markup import relative_sources
from .resize import SUFFIXES, Job, layout, published_suffix

DEFAULTS = {
    "RESPONSIVE_IMAGE_WIDTHS": (480, 800, 1200),
    # The column is at most 38rem wide; on phones the image spans the screen less the margins.
    "RESPONSIVE_IMAGE_SIZES": "(min-width: 42rem) 38rem, calc(100vw - 2rem)",
    "RESPONSIVE_IMAGE_CACHE": "images",  # under CACHE_PATH
    # The longer side of the largest version, in pixels: a 12-50 megapixel photo never reaches readers whole.
    "RESPONSIVE_IMAGE_LONGEST": 2000,
    # True publishes each photo at full size at its own address (upright, without location or camera data);
    # otherwise that address holds the largest version.
    "RESPONSIVE_IMAGE_FULL_SIZE": False,
    "RESPONSIVE_IMAGE_WORKERS": None,  # processes making new versions at once; None: one per core
}
EXTENSION = "responsive_images.picture"
METADATA_KEYS = ("image", "image_alt")  # a post's cover image and its description


def add_extension(pelican):
    """Receive initialized: fill in the defaults; have Pelican's Markdown reader convert images with the extension."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():  # as every plugin of this site does: the site's values win
        settings.setdefault(name, value)
    configs = settings.setdefault("MARKDOWN", {}).setdefault("extension_configs", {})
    configs.setdefault(EXTENSION, {
        "content_path": settings["PATH"],
        "static_paths": list(settings.get("STATIC_PATHS", [])),
        "site_url": site_url(settings),
        "widths": list(settings["RESPONSIVE_IMAGE_WIDTHS"]),
        "sizes": settings["RESPONSIVE_IMAGE_SIZES"],
        "longest": settings["RESPONSIVE_IMAGE_LONGEST"],
    })


def describe_portrait(generator):
    """Receive generator_init: describe her portrait (AUTHOR_PORTRAIT, from her facts) for the theme.

    Not at initialized, where the plugin that reads her facts may not have run yet.
    """
    settings = generator.settings
    if settings.get("AUTHOR_PORTRAIT") and "AUTHOR_PORTRAIT_IMAGE" not in generator.context:  # once: one context
        generator.context["AUTHOR_PORTRAIT_IMAGE"] = describe_image(
            settings["AUTHOR_PORTRAIT"], settings.get("AUTHOR_PORTRAIT_ALT") or settings.get("AUTHOR", ""), settings)


def photos(statics, static_paths):
    """Return the photos among Pelican's static files in the static folders, as (Static, its file), by path."""
    found = [(static, Path(static.source_path)) for static in statics]
    return sorted(((static, path) for static, path in found  # a link to a missing file is the build's to name
                   if path.suffix.lower() in SUFFIXES and path.is_file()
                   and any(Path(static.relative_source_path).is_relative_to(f) for f in static_paths)),
                  key=lambda found: found[1])


def jobs(settings, images):
    """Return a Job for every image of the site: (file, path in the content folder)."""
    cache = Path(settings["CACHE_PATH"]) / settings["RESPONSIVE_IMAGE_CACHE"]
    wanted, longest = tuple(settings["RESPONSIVE_IMAGE_WIDTHS"]), settings["RESPONSIVE_IMAGE_LONGEST"]
    return [Job(source, relative.as_posix(), layout(source, wanted, longest, relative.as_posix()), cache, wanted,
                longest, settings["RESPONSIVE_IMAGE_FULL_SIZE"])
            for source, relative in images]


def keep_photos_from_copying(generator):
    """Receive static_generator_finalized: leave the photos this plugin publishes out of what Pelican copies.

    A photo's own address gets its largest version (or the full-size one, if asked), never the original,
    which may be sideways, huge, and say where it was taken; browsers cannot show HEIC at all. Pelican
    still knows every photo (context["static_content"]): links to them, {attach} too, resolve as ever.
    """
    published = {id(static) for static, _ in photos(generator.staticfiles, generator.settings.get("STATIC_PATHS", []))}
    generator.staticfiles[:] = [static for static in generator.staticfiles if id(static) not in published]


def publish_photos(generator, writer):
    """Receive page_writer_finalized: make what the cache lacks, then put every photo's versions into the site.

    Only now: every page is written, so each photo's address is final (a post may have moved it with
    {attach}), and a build stopped for a mistake in a post never got here.
    """
    settings = generator.settings
    found = photos(generator.context["static_content"].values(), settings.get("STATIC_PATHS", []))
    own_paths = {path: static.save_as for static, path in found}
    images = [(path, Path(static.relative_source_path)) for static, path in found]
    output = Path(generator.output_path)
    for job, key in convert_all(jobs(settings, images), settings["RESPONSIVE_IMAGE_WORKERS"]):
        name = Path(job.shown).with_suffix("").as_posix()
        versions, full = job.files(key)
        for width, original, webp in versions:
            _place(original, output / f"{name}-{width}w{job.layout.suffix}")
            _place(webp, output / f"{name}-{width}w.webp")
        own = Path(own_paths[Path(job.source)])
        _place(full or versions[-1][1], output / own.with_suffix(published_suffix(own.suffix)))


def _place(cached, destination):
    """Link a cached version into the site (cached files are only ever replaced whole); copy if links fail."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.unlink(missing_ok=True)  # never write through a link Pelican made to the author's file
    try:
        os.link(cached, destination)
    except OSError:
        shutil.copyfile(cached, destination)


def describe_covers(generator):
    """Receive article_generator_finalized: give each post its cover (or None) for the theme."""
    for article in [*generator.articles, *generator.drafts]:
        article.cover = describe_cover(article.metadata, generator.settings, article.relative_source_path)


def address_from_page(path, context):
    """Receive content_written: with RELATIVE_URLS, write a page's image addresses from its own folder.

    The versions are addressed from the site's root ('/images/…') in the text and in what the theme
    shows; Pelican makes a link relative per page only in an attribute of one address (src, href),
    never in a srcset, so this does the same for every image address into the static folders.
    """
    if not context.get("RELATIVE_URLS") or not path.endswith(".html"):
        return
    page = Path(path)
    html = page.read_text(encoding="utf-8")
    to_root = path_to_url(get_relative_path(context["output_file"]))  # as Pelican has it for the page's links
    relative = relative_sources(html, to_root, context.get("STATIC_PATHS", []))
    if relative != html:
        page.write_text(relative, encoding="utf-8")


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(add_extension)
    signals.generator_init.connect(describe_portrait)
    signals.article_generator_finalized.connect(describe_covers)
    signals.static_generator_finalized.connect(keep_photos_from_copying)
    signals.page_writer_finalized.connect(publish_photos)
    signals.content_written.connect(address_from_page)
