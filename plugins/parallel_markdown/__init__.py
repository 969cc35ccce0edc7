"""Pelican's own Markdown reader, run on every core for a build with many files to convert."""

from .plugin import register

__all__ = ["register"]
