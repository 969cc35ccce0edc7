"""Static hosting: security headers, cache rules, and redirects from her old addresses."""

from .plugin import register

__all__ = ["register"]
