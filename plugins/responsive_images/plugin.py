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
# Browsers cannot show HEIC: Pelican does not copy it; its JPEG and WebP versions are published instead.
HEIC_SUFFIXES = (".heic", ".heif")


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


def photos(staticfiles, static_paths):
    """Return each photo among Pelican's static files in the static folders, as (file, path in the content folder)."""
    found = [(Path(static.source_path), Path(static.relative_source_path)) for static in staticfiles]
    return sorted((path, relative) for path, relative in found  # a link to a missing file is the build's to name
                  if path.suffix.lower() in SUFFIXES and any(relative.is_relative_to(f) for f in static_paths)
                  and path.is_file())


def jobs(settings, images):
    """Return a Job for every image of the site: (file, path in the content folder)."""
    cache = Path(settings["CACHE_PATH"]) / settings["RESPONSIVE_IMAGE_CACHE"]
    wanted, longest = tuple(settings["RESPONSIVE_IMAGE_WIDTHS"]), settings["RESPONSIVE_IMAGE_LONGEST"]
    return [Job(source, relative.as_posix(), layout(source, wanted, longest, relative.as_posix()), cache, wanted,
                longest, settings["RESPONSIVE_IMAGE_FULL_SIZE"])
            for source, relative in images]


def publish_photos(generator):
    """Receive static_generator_finalized: publish the photos' versions in place of what Pelican would copy.

    Pelican's own list (STATIC_PATHS, STATIC_EXCLUDES, IGNORE_FILES) names the photos. Each photo's
    own address gets its largest version (or the full-size one, if asked), never the original, which
    may be sideways, huge, and say where it was taken; so the photos, and HEIC, which browsers cannot
    show, leave the list of files Pelican copies. Pelican still knows them (context["static_content"]),
    so links to them resolve as before.
    """
    settings = generator.settings
    found = photos(generator.staticfiles, settings.get("STATIC_PATHS", []))
    published = {path for path, _ in found}
    generator.staticfiles[:] = [static for static in generator.staticfiles if Path(static.source_path) not in
                                published and Path(static.source_path).suffix.lower() not in HEIC_SUFFIXES]
    output = Path(generator.output_path)
    for job, key in convert_all(jobs(settings, found), settings["RESPONSIVE_IMAGE_WORKERS"]):
        name = Path(job.shown).with_suffix("").as_posix()
        versions, full = job.files(key)
        for width, original, webp in versions:
            _place(original, output / f"{name}-{width}w{job.layout.suffix}")
            _place(webp, output / f"{name}-{width}w.webp")
        own = output / Path(job.shown).with_suffix(published_suffix(Path(job.shown).suffix))
        _place(full or versions[-1][1], own)


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
    signals.static_generator_finalized.connect(publish_photos)
    signals.content_written.connect(address_from_page)
