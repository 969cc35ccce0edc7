"""Static hosting: security headers, cache rules, and redirects from her old addresses."""

from .plugin import METADATA_KEYS, register

__all__ = ["METADATA_KEYS", "register"]
