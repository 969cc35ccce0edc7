"""Responsive images: several widths in WebP and the original format, with srcset, sizes and dimensions."""

from .plugin import register

__all__ = ["register"]
