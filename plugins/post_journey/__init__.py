"""A reader's journey: reading time, contents, references, related posts, series, neighbours, languages."""

from .plugin import METADATA_KEYS, register

__all__ = ["METADATA_KEYS", "register"]
