"""Sample facts for pictures and measurements: an invented practitioner with a drawn portrait.

The screenshots and `invoke audit --sample` show the site as a finished one looks, never her own
unfinished facts: fill_in puts these into a copy's content folder.
"""

import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SAMPLE_FACTS = Path(__file__).with_name("practice.toml")
PORTRAIT = "images/portrait.jpg"  # in content/, where sample/practice.toml says it is


def portrait(path, size=(1200, 1500)):
    """Draw a stand-in portrait: a plain head-and-shoulders silhouette on a soft gradient, plainly not a photo."""
    width, height = size
    top, bottom = Image.new("RGB", size, (226, 232, 224)), Image.new("RGB", size, (196, 176, 150))
    image = Image.composite(bottom, top, Image.linear_gradient("L").resize(size))
    draw = ImageDraw.Draw(image)
    figure = (78, 96, 90)
    middle = width // 2
    draw.ellipse((middle - width * 0.42, height * 0.66, middle + width * 0.42, height * 1.25), fill=figure)  # shoulders
    draw.rectangle((middle - width * 0.08, height * 0.5, middle + width * 0.08, height * 0.72), fill=figure)  # neck
    draw.ellipse((middle - width * 0.17, height * 0.24, middle + width * 0.17, height * 0.6), fill=figure)  # head
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.filter(ImageFilter.GaussianBlur(6)).save(path, "JPEG", quality=85)  # soft edges, as a calm illustration


def fill_in(content):
    """Put the sample facts and a drawn portrait into a content folder, in place of hers."""
    (content / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE_FACTS, content / "data/practice.toml")
    portrait(content / PORTRAIT)
