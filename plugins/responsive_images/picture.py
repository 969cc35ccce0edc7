"""A Python-Markdown extension: each image shown from the site's static folders becomes a <picture>.

Usable in any Pelican site: list "responsive_images.picture" in MARKDOWN["extension_configs"] with
the options below (the responsive_images plugin does so from the settings). It runs after raw HTML
is put back, so <img> tags typed as HTML are converted too, in the text and in a `Summary:`.
"""

from pathlib import Path
from urllib.parse import unquote

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from .markup import picture, rewrite
from .resize import SUFFIXES, layout

PREFIXES = ("{static}", "{attach}", "{filename}")


def source_file(src, content_path, static_paths, site_url=""):
    """Return the image file in the content folder an <img src> shows, or None for any other image."""
    path = src
    for prefix in PREFIXES:
        path = path.removeprefix(prefix)
    if site_url and path.startswith(site_url):
        path = path[len(site_url):]
    if "://" in path or path.startswith("//") or path.startswith("data:"):
        return None
    relative = Path(unquote(path).lstrip("/"))
    if relative.suffix.lower() not in SUFFIXES or ".." in relative.parts:
        return None  # paths relative to the post's own file are left as Pelican resolves them
    if not any(relative.is_relative_to(folder) for folder in static_paths):
        return None
    candidate = Path(content_path) / relative
    return candidate if candidate.is_file() else None


class PicturePostprocessor(Postprocessor):
    """Rewrite <img> tags of the converted document into <picture> markup."""

    def __init__(self, md, config):
        super().__init__(md)
        self.config = config

    def describe(self, attrs, first):
        """Return the <picture> markup for one <img>'s attributes, or None to leave it as it is."""
        config = self.config
        source = source_file(attrs.get("src", ""), config["content_path"], config["static_paths"],
                             config["site_url"])
        if source is None:
            return None
        relative = source.relative_to(config["content_path"])
        shown = layout(source, tuple(config["widths"]), config["longest"], relative.as_posix())  # header only
        name = relative.with_suffix("").as_posix()

        def url(target, kind):
            return f"{config['site_url']}/{name}-{target}w{'.webp' if kind == 'webp' else shown.suffix}"

        return picture(attrs, list(shown.widths), shown.width, shown.height, url, config["sizes"], first)

    def run(self, text):
        """Return the document with its images as <picture> markup."""
        return rewrite(text, self.describe)


class PictureExtension(Extension):
    """Responsive <picture> markup for the site's own images."""

    def __init__(self, **kwargs):
        self.config = {
            "content_path": [".", "the content folder"],
            "static_paths": [["images"], "folders of the content folder whose images are converted"],
            "site_url": ["", "the site's address, put before each version's path"],
            "widths": [[480, 800, 1200], "widths of the versions, in pixels"],
            "sizes": ["100vw", "the sizes attribute: how wide the image shows"],
            "longest": [2000, "the longer side of the largest version, in pixels"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        """Register the postprocessor after raw HTML is restored (30) and entities are substituted (20)."""
        md.postprocessors.register(PicturePostprocessor(md, self.getConfigs()), "responsive_picture", 5)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    """Return the extension, as Python-Markdown loads one by name."""
    return PictureExtension(**kwargs)
