"""Click-to-load videos: a paragraph that is only a YouTube or Vimeo address becomes a box that loads nothing yet."""

from .plugin import register

__all__ = ["register"]
