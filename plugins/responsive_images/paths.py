"""Which file of the content folder an image address names: plain paths, Pelican's {static} links, any capitals."""

import os
import posixpath
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

PREFIXES = ("{static}", "{attach}", "{filename}")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # https:, mailto:, data:


def is_plain(src):
    """Return whether src is a path as Markdown guides write it: not an address, an anchor, data or a {…} link."""
    return bool(src) and not src.startswith(("/", "#", "{")) and not SCHEME.match(src)


def from_content(path, static_paths):
    """Return whether a plain path starts at the content folder: with one of its static folders (images/…)."""
    return any(PurePosixPath(path).is_relative_to(folder) for folder in static_paths if folder)


def static_link(src, static_paths):
    """Return a plain path as the {static} link Pelican resolves and checks: images/x.jpg or ../images/x.jpg."""
    return f"{{static}}/{PurePosixPath(src)}" if from_content(src, static_paths) else f"{{static}}{src}"


def content_path(src, static_paths, site_url="", folder=None):
    """Return the path in the content folder an address names (PurePosixPath), or None for another site's or data.

    folder: the content folder's path to the post, for a path written from the post's own folder. Without
    it (the Markdown text alone), such a path is taken to climb to the content folder, as ../images/x.jpg
    does from a post in posts/: the build's check of the sources names any that does not.
    """
    path, prefixed = src, src.startswith(PREFIXES)
    for prefix in PREFIXES:
        path = path.removeprefix(prefix)
    if site_url and path.startswith(site_url):
        path = path[len(site_url):]
    if "://" in path or path.startswith("//") or SCHEME.match(path):
        return None
    path = unquote(path)
    if path.startswith("/") or (not prefixed and from_content(path, static_paths)):
        relative = PurePosixPath(path.lstrip("/"))
    elif folder is not None:
        relative = PurePosixPath(posixpath.normpath(posixpath.join(folder, path)))
    else:
        parts = PurePosixPath(path).parts
        climbed = next((i for i, part in enumerate(parts) if part != ".."), len(parts))
        relative = PurePosixPath(*parts[climbed:]) if parts[climbed:] else None
    if relative is None or not relative.parts or ".." in relative.parts:
        return None
    return relative


def on_disk(path):
    """Return path with the file's name as it is on disk, matched without regard to capitals; None if none is.

    A phone names a photo IMG_4850.HEIC and she writes IMG_4850.heic: one photo. Two files whose names
    differ only in capitals, neither written exactly, match neither.
    """
    path = Path(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return None
    same = [path.name] if path.name in names else [name for name in names
                                                   if name.casefold() == path.name.casefold()]
    found = path.with_name(same[0]) if len(same) == 1 else None
    return found if found is not None and found.is_file() else None
