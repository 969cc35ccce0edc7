"""A reader's journey through the posts: reading time, contents, references, related posts, series, neighbours."""

from .plugin import METADATA_KEYS, register

__all__ = ["METADATA_KEYS", "register"]
