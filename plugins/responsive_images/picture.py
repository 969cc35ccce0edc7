"""A Python-Markdown extension: each image shown from the site's static folders becomes a <picture>.

Usable in any Pelican site: list "responsive_images.picture" in MARKDOWN["extension_configs"] with
the options below (the responsive_images plugin does so from the settings). It runs after raw HTML
is put back, so <img> tags typed as HTML are converted too, in the text and in a `Summary:`. A plain
path, as Markdown guides write it (images/x.jpg, or ../images/x.jpg from the post's folder), is first
written as Pelican's {static} link, so Pelican resolves it like any other.
"""

from pathlib import Path

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from .markup import picture, rewrite
from .paths import content_path, is_plain, on_disk, static_link
from .resize import SUFFIXES, layout


def source_file(src, root, static_paths, site_url="", folder=None):
    """Return the image file in the content folder an <img src> shows, or None for any other image.

    Written as {static}/images/x.jpg, /images/x.jpg, images/x.jpg or from the post's folder (see
    paths.content_path), in any capitals; the file is returned by its name on disk.
    """
    relative = content_path(src, static_paths, site_url, folder)
    if relative is None or relative.suffix.lower() not in SUFFIXES:
        return None
    if not any(relative.is_relative_to(static) for static in static_paths):
        return None
    return on_disk(Path(root) / relative)


class StaticLinkTreeprocessor(Treeprocessor):
    """Write each plain image path (images/x.jpg, ../images/x.jpg) as the {static} link Pelican resolves."""

    def __init__(self, md, static_paths):
        super().__init__(md)
        self.static_paths = static_paths

    def run(self, root):
        """Rewrite the src of each <img> written as a plain path."""
        for image in root.iter("img"):
            if is_plain(image.get("src", "")):
                image.set("src", static_link(image.get("src"), self.static_paths))


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
        """Register the treeprocessor after images are made (20), the postprocessor after raw HTML is restored (30)."""
        md.treeprocessors.register(StaticLinkTreeprocessor(md, self.getConfig("static_paths")), "static_links", 15)
        md.postprocessors.register(PicturePostprocessor(md, self.getConfigs()), "responsive_picture", 5)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    """Return the extension, as Python-Markdown loads one by name."""
    return PictureExtension(**kwargs)
