"""Contact call-to-action and reply-by-email comments for a practice's posts."""

from .plugin import register

__all__ = ["register"]
