"""Draw a share image with Pillow: a title and a line of small print on the site's colours."""

import hashlib
import os
import re
import textwrap
import zlib
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)  # what link previews (Open Graph, Twitter cards) expect
MARGIN = 80
# Steps of anti-aliasing from background to ink: to the eye as smooth as 256, and a 4-bit PNG that is
# half the data to compress.
SHADES = 16
INK = SHADES - 1  # full coverage; text drawn over the background (0) lands on the nearest shade
DRAWING_VERSION = "3"  # change to redraw every cached image


def theme_colours(css):
    """Return the light scheme's colour tokens from the stylesheet: {'accent': '#0b6157', …}."""
    root = css[css.index(":root {"):css.index("}", css.index(":root {"))]
    return dict(re.findall(r"--color-([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def cache_key(title, small_print, colours):
    """Return a name that changes whenever anything drawn on the image changes."""
    text = "\n".join([DRAWING_VERSION, title, small_print, colours["accent"], colours["on-accent"]])
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@lru_cache(maxsize=8)  # the title's sizes and the small print's
def _font(size):
    """Return the default font at size, loaded once per process."""
    return ImageFont.load_default(size=size)


def _fitted_title(draw, title, width):
    """Return (font, lines) for the largest size at which the title fits in four lines."""
    for size in (84, 72, 64, 56, 48, 42):
        font = _font(size)
        chars = max(8, int(width / (size * 0.55)))
        lines = textwrap.wrap(title, chars)
        if len(lines) <= 4 and all(draw.textlength(line, font=font) <= width for line in lines):
            return font, lines
    return font, textwrap.wrap(title, chars)[:4]


@lru_cache(maxsize=8)
def _two_colour_palette(background, ink):
    """Return a palette of SHADES colours running from background to ink: the shades of anti-aliased text."""
    ends = [tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) for colour in (background, ink)]
    return tuple(round(ends[0][k] + (ends[1][k] - ends[0][k]) * shade / INK)
                 for shade in range(SHADES) for k in range(3))


@lru_cache(maxsize=4)
def _backdrop(small_print):
    """Return the coverage every image with this small print starts from: the rule and the small print."""
    image = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((MARGIN, SIZE[1] - 130, MARGIN + 120, SIZE[1] - 124), fill=INK)
    draw.text((MARGIN, SIZE[1] - 110), small_print, font=_font(34), fill=INK)
    return image


def draw_image(title, small_print, colours, path):
    """Write a PNG share image for title to path.

    Drawn as ink coverage (0 background, INK ink) with a palette of SHADES steps between the two
    colours: to the eye the picture drawn in RGB, several times faster to write and a fraction of the size.
    """
    image = _backdrop(small_print).copy()  # the same on every post's image: drawn once per process
    draw = ImageDraw.Draw(image)
    font, lines = _fitted_title(draw, title, SIZE[0] - 2 * MARGIN)
    line_height = int(font.size * 1.2)
    top = (SIZE[1] - line_height * len(lines)) // 2 - 30  # four lines at the largest size end above the rule
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=INK)
    image.putpalette(_two_colour_palette(colours["accent"], colours["on-accent"]))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    # Mostly long runs of background: run-length matching at the fastest level is about twice as fast
    # as the default and, with 16 shades, smaller than the 8-bit image at the default level.
    image.save(path, "PNG", compress_level=1, compress_type=zlib.Z_RLE)


PARALLEL_FROM = 8  # below this many new images, starting processes costs more than it saves


def _draw_into_cache(job):
    title, small_print, colours, path = job
    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial.png")  # builds of other kinds may draw it too
    try:
        draw_image(title, small_print, colours, partial)
        partial.replace(path)  # a build stopped half-way never leaves half an image
    finally:
        partial.unlink(missing_ok=True)


class Drawing:
    """Share images being drawn into the cache: started once the titles are known, awaited when linked.

    Many new images are drawn by other processes while Pelican renders the pages; a few are drawn
    here when they are needed, as starting processes would cost more.
    """

    def __init__(self, wanted, colours, cache_dir):
        """Start drawing the images of {target: (title, small print)} that are not in cache_dir yet."""
        cache_dir = Path(cache_dir)
        self.paths = {target: cache_dir / f"{cache_key(title, line, colours)}.png"
                      for target, (title, line) in wanted.items()}
        self.jobs = {path: (wanted[target][0], wanted[target][1], colours, path)
                     for target, path in self.paths.items() if not path.exists()}
        self.pool = self.done = None
        if len(self.jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            self.pool = ProcessPoolExecutor()
            self.done = self.pool.map(_draw_into_cache, self.jobs.values(), chunksize=8)

    def finish(self):
        """Wait for the images; return {target: cached image}."""
        if self.pool is None:
            for job in self.jobs.values():
                _draw_into_cache(job)
        else:
            with self.pool:
                list(self.done)  # raises a drawing's error here
        return self.paths
