"""Theme assets: the stylesheet and icon inside each page, other files under content-hashed names."""

from .plugin import register

__all__ = ["register"]
