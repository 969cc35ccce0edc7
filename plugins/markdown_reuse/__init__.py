"""Convert every Markdown file with one Markdown instance, reset between files, instead of a new one each."""

from .plugin import register

__all__ = ["register"]
