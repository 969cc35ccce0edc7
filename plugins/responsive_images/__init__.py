"""Responsive images: several widths in WebP and the original format, with srcset, sizes and dimensions."""

from .plugin import METADATA_KEYS, register

__all__ = ["METADATA_KEYS", "register"]
