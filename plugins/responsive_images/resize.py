"""Make an image's smaller versions with Pillow, cached by the image's content."""

import hashlib
from pathlib import Path

from PIL import Image

VERSION = "1"  # change to remake every cached version
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


def widths_for(width, wanted):
    """Return the widths to make for an image this wide: those of wanted below it, and its own."""
    return sorted({w for w in wanted if w < width} | {width})


def versions(source, wanted, cache):
    """Return (width, height, [(width, cached original-format file, cached WebP file)]) for an image.

    Versions already in the cache (same content, same width) are not made again.
    """
    data = Path(source).read_bytes()
    key = hashlib.sha256(data + VERSION.encode()).hexdigest()[:16]
    cache = Path(cache)
    cache.mkdir(parents=True, exist_ok=True)
    suffix = Path(source).suffix.lower()
    with Image.open(source) as image:
        width, height = image.size
        made = []
        for target in widths_for(width, wanted):
            original = cache / f"{key}-{target}{suffix}"
            webp = cache / f"{key}-{target}.webp"
            if not (original.exists() and webp.exists()):
                scaled = image if target == width else image.resize(
                    (target, round(height * target / width)), Image.Resampling.LANCZOS)
                _save(scaled, original, FORMATS[suffix])
                _save(scaled, webp, "WEBP")
            made.append((target, original, webp))
    return width, height, made


def _save(image, path, kind):
    """Save through a temporary name so an interrupted build never leaves half a file."""
    partial = path.with_name(path.name + ".partial")
    options = {"quality": 82} if kind in ("JPEG", "WEBP") else {"optimize": True}
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.save(partial, kind, **options)
    partial.replace(path)
