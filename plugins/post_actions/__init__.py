"""What a post offers its reader: a contact call-to-action, reply-by-email comments and a health note."""

from .plugin import METADATA_KEYS, register

__all__ = ["METADATA_KEYS", "register"]
