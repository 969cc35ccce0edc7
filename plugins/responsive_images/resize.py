"""Make an image's published versions with Pillow: upright, capped in size, free of personal data; cached.

Phone photos are stored sideways with an orientation tag, and carry the camera's details and often
where they were taken (GPS). Every version is turned upright and saved without any of that: only
the colour profile is kept, so colours look the same.
"""

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pillow_heif
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

pillow_heif.register_heif_opener()  # iPhones save HEIC; it is read here and published as JPEG and WebP

VERSION = "2"  # change to remake every cached version
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")
SAVE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
# WebP's slower, tighter encoding for the widths phones load; above it, a faster one (3x, about 5% larger).
TIGHT_WEBP_UP_TO = 1200
TURNED = (5, 6, 7, 8)  # orientation tags of photos stored on their side


class ImageError(ValueError):
    """An image the site cannot use: path names the file the mistake is in, detail says what to do."""

    def __init__(self, path, detail):
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail

    def __reduce__(self):
        """Rebuild the error from its path and detail when a worker process sends it back."""
        return type(self), (self.path, self.detail)


def published_suffix(suffix):
    """Return the file ending an image is published with: HEIC becomes JPEG, browsers cannot show it."""
    suffix = suffix.lower()
    return suffix if suffix in SAVE_FORMATS else ".jpg"


def widths_for(width, wanted):
    """Return the widths to make for an image this wide: those of wanted below it, and its own."""
    return sorted({w for w in wanted if w < width} | {width})


def capped(size, longest):
    """Return size scaled down so its longer side is at most longest pixels."""
    width, height = size
    scale = min(1.0, longest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def orientation(image):
    """Return an open image's orientation tag, read from its header only (1: stored upright).

    A PNG may keep its EXIF after the pixels, where Pillow finds it only by decoding the whole
    image (15 ms for a small one, on every page that shows it): such a tag is not read.
    """
    if image.format == "PNG" and "exif" not in image.info:
        return 1
    return image.getexif().get(ExifTags.Base.Orientation, 1)


def upright_size(image):
    """Return an open image's size as it is shown: width and height swapped for a photo stored on its side."""
    width, height = image.size
    return (height, width) if orientation(image) in TURNED else (width, height)


def unreadable(shown, error):
    """Return the ImageError for a file Pillow cannot read or decode (error says why)."""
    return ImageError(shown, f"this image cannot be read ({error}) — open it in a photo app, "
                             "export it again as JPEG, and put the new file in its place")


def open_image(source, shown=None):
    """Open an image, reading its header only; a file Pillow cannot read, or of absurd size, raises ImageError."""
    try:
        return Image.open(source)
    except Image.DecompressionBombError:  # refused from the header, before any pixel is decoded
        width, height = _claimed_size(source)
        raise ImageError(shown or source, f"this image is {width} × {height} pixels, larger than any camera makes "
                                          "— export it again at its normal size") from None
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise unreadable(shown or source, error) from None


def _claimed_size(source):
    """Return the size in the header of an image Pillow refuses to open for its size."""
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # lifted for the header alone, then put back
    try:
        with Image.open(source) as image:
            return image.size
    finally:
        Image.MAX_IMAGE_PIXELS = limit


@dataclass(frozen=True)
class Layout:
    """What is published of one image: its size as shown (capped) and the widths of its versions."""

    width: int
    height: int
    widths: tuple
    suffix: str  # of the versions in the original's format: .jpg for HEIC


def layout(source, wanted, longest, shown=None):
    """Return the Layout of an image file, reading its header only; shown names it in messages."""
    with open_image(source, shown) as image:
        try:
            width, height = capped(upright_size(image), longest)
        except (OSError, SyntaxError, ValueError) as error:  # a broken EXIF block
            raise unreadable(shown or source, error) from None
    return Layout(width, height, tuple(widths_for(width, wanted)), published_suffix(Path(source).suffix))


@dataclass(frozen=True)
class Job:
    """One image to make versions of, and where they go in the cache."""

    source: Path
    shown: str  # the path in the content folder, for messages
    layout: Layout
    cache: Path
    wanted: tuple
    longest: int
    full_size: bool  # also make an uncapped copy, published in place of the original

    def key(self):
        """Return the cache key: the image's content and everything that shapes its versions."""
        digest = hashlib.sha256(Path(self.source).read_bytes())
        digest.update(repr((VERSION, self.wanted, self.longest)).encode())
        return digest.hexdigest()[:20]

    def files(self, key):
        """Return [(width, original-format file, WebP file)] and the full-size file (or None) in the cache."""
        suffix = self.layout.suffix
        versions = [(w, self.cache / f"{key}-{w}{suffix}", self.cache / f"{key}-{w}.webp")
                    for w in self.layout.widths]
        return versions, self.cache / f"{key}-full{suffix}" if self.full_size else None

    def is_cached(self, key):
        """Return whether every file the job makes is in the cache."""
        versions, full = self.files(key)
        return all(f.exists() for _, original, webp in versions for f in (original, webp)) and (
            full is None or full.exists())


def make(job, key):
    """Make the job's versions in the cache (run in a worker process); return the job."""
    job.cache.mkdir(parents=True, exist_ok=True)
    shown = job.layout
    versions, full = job.files(key)
    with open_image(job.source, job.shown) as image:
        try:
            turn = orientation(image)
            if not job.full_size and image.format == "JPEG":
                # Decode at a fraction of the size straight from the JPEG data: several times faster.
                image.draft("RGB", (shown.height, shown.width) if turn in TURNED else (shown.width, shown.height))
            upright = clean(ImageOps.exif_transpose(image) if turn != 1 else image.copy())
        except (OSError, SyntaxError, ValueError) as error:  # cut short (a copy that stopped), damaged data
            raise unreadable(job.shown, error) from None
    kind = SAVE_FORMATS.get(shown.suffix, "JPEG")
    if full:
        _save(upright, full, kind)
    for width, original, webp in versions:
        size = (width, max(1, round(shown.height * width / shown.width)))
        scaled = upright if upright.size == size else upright.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        _save(scaled, original, kind)
        _save(scaled, webp, "WEBP", method=4 if width <= TIGHT_WEBP_UP_TO else 2)
    return job


def clean(image):
    """Return the image without metadata: no EXIF, GPS, XMP or text; the colour profile stays."""
    profile = image.info.get("icc_profile")
    if image.mode not in ("RGB", "RGBA", "L"):  # palette, CMYK, 16-bit: what resizing and WebP take
        image = image.convert("RGBA" if "A" in image.mode or "transparency" in image.info else "RGB")
        profile = None  # a CMYK profile does not describe the converted colours
    image.load()
    image.info = {"icc_profile": profile} if profile else {}
    return image


def _save(image, path, kind, **options):
    """Save through a temporary name so an interrupted build never leaves half a file.

    The name is the writing process's own: two processes (two builds at once) never write into one file.
    """
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    options |= {"quality": 82} if kind in ("JPEG", "WEBP") else {"optimize": True}
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    try:
        image.save(partial, kind, **options)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
