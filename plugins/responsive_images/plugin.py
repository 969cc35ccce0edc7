"""Find the images posts and pages show from content/images, make their versions, rewrite the markup."""

import shutil
from pathlib import Path
from urllib.parse import unquote

from pelican import signals

from .markup import picture, rewrite
from .resize import versions

DEFAULTS = {
    "RESPONSIVE_IMAGE_WIDTHS": (480, 800, 1200),
    # The column is at most 38rem wide; on phones the image spans the screen less the margins.
    "RESPONSIVE_IMAGE_SIZES": "(min-width: 42rem) 38rem, calc(100vw - 2rem)",
    "RESPONSIVE_IMAGE_CACHE": "images",  # under CACHE_PATH
}
PREFIXES = ("{static}", "{attach}", "{filename}")


def setting(settings, name):
    """Return a setting of this plugin, or its default."""
    return settings.get(name, DEFAULTS[name])


def _source_file(src, settings):
    """Return the content file an <img src> shows, or None for images from elsewhere."""
    path = src
    for prefix in PREFIXES:
        path = path.removeprefix(prefix)
    site_url = settings.get("SITEURL", "")
    if site_url and path.startswith(site_url):
        path = path[len(site_url):]
    if "://" in path or path.startswith("//") or path.startswith("data:"):
        return None
    candidate = Path(settings["PATH"]) / unquote(path).lstrip("/")
    return candidate if candidate.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp") and candidate.is_file() else None


def make_responsive(generator, contents):
    """Rewrite the images of contents and write their versions into the site."""
    settings = generator.settings
    content_root = Path(settings["PATH"])
    cache = Path(settings["CACHE_PATH"]) / setting(settings, "RESPONSIVE_IMAGE_CACHE")
    output = Path(generator.output_path)

    made_for = {}  # an image shown on many pages is read, and its versions copied, once

    def place_versions(source, relative):
        made_for[source] = versions(source, setting(settings, "RESPONSIVE_IMAGE_WIDTHS"), cache)
        for target, original, webp in made_for[source][2]:
            for cached, suffix in ((original, source.suffix.lower()), (webp, ".webp")):
                destination = output / f"{relative}-{target}w{suffix}"
                if destination.exists():  # shown on a page of the other generator already
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(cached, destination)

    def describe(attrs, first):
        source = _source_file(attrs.get("src", ""), settings)
        if source is None:
            return None
        relative = source.relative_to(content_root).with_suffix("")
        if source not in made_for:
            place_versions(source, relative)
        width, height, made = made_for[source]

        def url(target, kind):
            suffix = ".webp" if kind == "webp" else source.suffix.lower()
            return f"{settings.get('SITEURL', '')}/{relative.as_posix()}-{target}w{suffix}"

        return picture(attrs, [w for w, _, _ in made], width, height, url,
                       setting(settings, "RESPONSIVE_IMAGE_SIZES"), first)

    for content in contents:
        if content._content:
            content._content = rewrite(content._content, describe)


def posts(generator):
    """Receive article_generator_finalized."""
    make_responsive(generator, generator.articles + generator.translations)


def pages(generator):
    """Receive page_generator_finalized."""
    make_responsive(generator, generator.pages + generator.hidden_pages + generator.translations)


def register():
    """Connect the receivers to Pelican's signals."""
    signals.article_generator_finalized.connect(posts)
    signals.page_generator_finalized.connect(pages)
