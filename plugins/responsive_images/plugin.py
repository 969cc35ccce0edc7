"""Responsive images: the Markdown extension that writes <picture> markup, and the versions it points to."""

import os
import shutil
from pathlib import Path

from pelican import signals

from .picture import SUFFIXES
from .resize import versions

DEFAULTS = {
    "RESPONSIVE_IMAGE_WIDTHS": (480, 800, 1200),
    # The column is at most 38rem wide; on phones the image spans the screen less the margins.
    "RESPONSIVE_IMAGE_SIZES": "(min-width: 42rem) 38rem, calc(100vw - 2rem)",
    "RESPONSIVE_IMAGE_CACHE": "images",  # under CACHE_PATH
}
EXTENSION = "responsive_images.picture"


def add_extension(pelican):
    """Receive initialized: fill in the defaults; have Pelican's Markdown reader convert images with the extension."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():  # as every plugin of this site does: the site's values win
        settings.setdefault(name, value)
    configs = settings.setdefault("MARKDOWN", {}).setdefault("extension_configs", {})
    configs.setdefault(EXTENSION, {
        "content_path": settings["PATH"],
        "static_paths": list(settings.get("STATIC_PATHS", [])),
        "site_url": settings.get("SITEURL", ""),
        "widths": list(settings["RESPONSIVE_IMAGE_WIDTHS"]),
        "sizes": settings["RESPONSIVE_IMAGE_SIZES"],
    })


def images(settings):
    """Yield each image in the content folder's static folders, as (file, path relative to the content folder)."""
    root = Path(settings["PATH"])
    for folder in settings.get("STATIC_PATHS", []):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix.lower() in SUFFIXES and path.is_file():
                yield path, path.relative_to(root)


def write_versions(pelican):
    """Receive finalized: put every image's versions into the site, made once and kept in the cache."""
    settings = pelican.settings
    cache = Path(settings["CACHE_PATH"]) / settings["RESPONSIVE_IMAGE_CACHE"]
    output = Path(settings["OUTPUT_PATH"])
    for source, relative in images(settings):
        for target, original, webp in versions(source, settings["RESPONSIVE_IMAGE_WIDTHS"], cache)[2]:
            for cached, suffix in ((original, source.suffix.lower()), (webp, ".webp")):
                destination = output / f"{relative.with_suffix('').as_posix()}-{target}w{suffix}"
                destination.parent.mkdir(parents=True, exist_ok=True)
                _place(cached, destination)


def _place(cached, destination):
    """Link a cached version into the site (cached files are only ever replaced whole); copy if links fail."""
    destination.unlink(missing_ok=True)
    try:
        os.link(cached, destination)
    except OSError:
        shutil.copyfile(cached, destination)


def register():
    """Connect the receivers to Pelican's signals."""
    signals.initialized.connect(add_extension)
    signals.finalized.connect(write_versions)
