"""A post's cover image (`Image:` and `Image_alt:` details), described for the theme: versions, size, description."""

from pathlib import Path, PurePosixPath

from .picture import source_file
from .resize import ImageError, layout

SHARE_WIDTH = 1200  # link previews want 1200 px wide


def site_url(settings):
    """Return what goes before the versions' addresses: SITEURL, or nothing when each page addresses its images."""
    return "" if settings.get("RELATIVE_URLS") else settings.get("SITEURL", "")


def describe_cover(metadata, settings, post_path):
    """Return a post's cover for the theme (see describe_image), or None without an Image: detail."""
    value = str(metadata.get("image", "")).strip()
    if not value:
        return None
    described = describe_image(value, metadata.get("image_alt", ""), settings,
                               PurePosixPath(post_path).parent.as_posix())
    if described is None:
        raise ImageError(post_path, f"'Image: {value}' is not an image in content/images/ — write it as "
                         "Image: images/name.jpg, with the photo in content/images/")
    return described


def describe_image(value, alt, settings, folder=None):
    """Return one of the site's images as the theme shows it, or None if value names none.

    folder: the content folder's path to the post, for a value written from the post's own folder.

    Keys: src, srcset, srcset_webp, width, height, alt; small (and its size) for cards and the author
    box; share (and its size) for link previews.
    """
    root = Path(settings["PATH"])
    source = source_file(value, root, settings.get("STATIC_PATHS", []), settings.get("SITEURL", ""), folder)
    if source is None:
        return None
    relative = source.relative_to(root)
    shown = layout(source, tuple(settings["RESPONSIVE_IMAGE_WIDTHS"]), settings["RESPONSIVE_IMAGE_LONGEST"],
                   relative.as_posix())
    base = f"{site_url(settings)}/{relative.with_suffix('').as_posix()}"
    share = max([w for w in shown.widths if w <= SHARE_WIDTH] or shown.widths[:1])
    return {
        "src": f"{base}-{shown.widths[-1]}w{shown.suffix}",
        "srcset": ", ".join(f"{base}-{w}w{shown.suffix} {w}w" for w in shown.widths),
        "srcset_webp": ", ".join(f"{base}-{w}w.webp {w}w" for w in shown.widths),
        "small": f"{base}-{shown.widths[0]}w.webp",
        "small_width": shown.widths[0],
        "small_height": round(shown.height * shown.widths[0] / shown.width),
        "width": shown.width,
        "height": shown.height,
        "alt": " ".join(str(alt or "").split()),
        "share": f"{relative.with_suffix('').as_posix()}-{share}w{shown.suffix}",
        "share_width": share,
        "share_height": round(shown.height * share / shown.width),
    }
