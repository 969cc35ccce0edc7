"""The stylesheet's colour tokens meet the design brief's contrast rules, light and dark."""

import re

import pytest
from conftest import ROOT

CSS = (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8")


def tokens(block):
    return dict(re.findall(r"--(color-[\w-]+):\s*(#[0-9a-fA-F]{6})", block))


LIGHT = tokens(CSS[CSS.index(":root {"):CSS.index("}", CSS.index(":root {"))])
DARK = tokens(CSS[CSS.index("@media (prefers-color-scheme: dark)"):])


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(
    ("foreground", "background", "minimum"),
    [
        ("color-text", "color-bg", 7),
        ("color-text", "color-surface", 7),
        ("color-text", "color-surface-tint", 7),
        ("color-muted", "color-bg", 4.5),
        ("color-muted", "color-surface", 4.5),
        ("color-accent", "color-bg", 4.5),
        ("color-accent", "color-surface", 4.5),
        ("color-accent", "color-surface-tint", 4.5),
        ("color-on-accent", "color-accent", 4.5),
        ("color-focus", "color-bg", 3),
        ("color-text", "color-warm", 7),
        ("color-muted", "color-warm", 4.5),
        ("color-accent", "color-warm", 4.5),
        ("color-warm-strong", "color-bg", 4.5),
        ("color-warm-strong", "color-warm", 4.5),
        ("color-warm-strong", "color-surface", 4.5),
    ],
)
def test_colour_pairs_have_enough_contrast(scheme, foreground, background, minimum):
    assert contrast(scheme[foreground], scheme[background]) >= minimum


def test_dark_scheme_overrides_every_colour_token():
    assert set(DARK) == set(LIGHT) and len(LIGHT) >= 9
